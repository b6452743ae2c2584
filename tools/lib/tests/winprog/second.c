/*
 * second.c - the second process of first.c (Microsoft's "Creating Named
 * Shared Memory" style, written for libntsection's tests): open the
 * mapping by name, wait for the named "ready" event, read the message
 * from a view at a LARGE_INTEGER offset, check it, count to INCREMENTS
 * under the named mutex, and acknowledge with the "ack" event.  A first process built the other way
 * (with or without UNICODE) wrote the message in its own TCHARs: it is
 * converted with MultiByteToWideChar/WideCharToMultiByte.
 *
 *   second [NAME]     exit 0 when the message was the expected one
 */
#include <windows.h>
#include <tchar.h>

#include "shared.h"

TCHAR szName[] = TEXT("Local\\ntsection-winprog");
TCHAR szMsg[] = TEXT("Message from the first pr\u00f8cess \U0001F642.");

int _tmain(int argc, TCHAR *argv[])
{
	LPCTSTR name = argc > 1 ? argv[1] : szName;
	HANDLE hMutex, hReady, hAck;
	TCHAR objName[MAX_PATH];
	struct shared_header *hdr;
	TCHAR got[BUF_SIZE / sizeof(TCHAR)];
	LARGE_INTEGER offset;
	HANDLE hMapFile = NULL, hAgain;
	LPCTSTR pBuf;
	ULONGLONG start = GetTickCount64();

	while (hMapFile == NULL) {
		hMapFile = OpenFileMapping(FILE_MAP_ALL_ACCESS, FALSE, name);
		if (hMapFile == NULL && GetLastError() != ERROR_FILE_NOT_FOUND) {
			_tprintf(TEXT("second: could not open file mapping object (%d).\n"),
				 (int)GetLastError());
			return 1;
		}
		if (hMapFile == NULL && GetTickCount64() - start > 30000) {
			_tprintf(TEXT("second: %s did not appear in 30 s\n"), name);
			return 1;
		}
		if (hMapFile == NULL)
			Sleep(10);
	}
	hAgain = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE,
				   0, 2 * GRANULE, name);
	if (hAgain == NULL || GetLastError() != ERROR_ALREADY_EXISTS) {
		_tprintf(TEXT("second: CreateFileMapping of %s: no ERROR_ALREADY_EXISTS\n"),
			 name);
		return 1;
	}
	CloseHandle(hAgain);
	object_name(objName, name, TEXT("-mutex"));
	hMutex = OpenMutex(SYNCHRONIZE, FALSE, objName);
	object_name(objName, name, TEXT("-ready"));
	hReady = OpenEvent(SYNCHRONIZE, FALSE, objName);
	object_name(objName, name, TEXT("-ack"));
	hAck = OpenEvent(EVENT_MODIFY_STATE, FALSE, objName);
	if (hMutex == NULL || hReady == NULL || hAck == NULL) {
		_tprintf(TEXT("second: could not open the mutex and events (%d).\n"),
			 (int)GetLastError());
		return 1;
	}

	hdr = (struct shared_header *)MapViewOfFile(hMapFile, FILE_MAP_ALL_ACCESS,
						    0, 0, sizeof(*hdr));
	offset.QuadPart = GRANULE;
	pBuf = (LPCTSTR)MapViewOfFile(hMapFile, FILE_MAP_READ,
				      offset.HighPart, offset.LowPart, BUF_SIZE);
	if (hdr == NULL || pBuf == NULL) {
		_tprintf(TEXT("second: could not map view of file (%d).\n"),
			 (int)GetLastError());
		return 1;
	}
	if (WaitForSingleObject(hReady, 30000) != WAIT_OBJECT_0) {
		_tprintf(TEXT("second: no message in 30 s\n"));
		return 1;
	}
	ZeroMemory(got, sizeof(got));
	if (hdr->char_size == (LONG)sizeof(TCHAR)) {
		CopyMemory(got, pBuf, sizeof(got) - sizeof(TCHAR));
	} else {
#ifdef UNICODE
		MultiByteToWideChar(CP_UTF8, 0, (LPCCH)pBuf, -1, got,
				    ARRAYSIZE(got) - 1);
#else
		WideCharToMultiByte(CP_UTF8, 0, (LPCWCH)pBuf, -1, got,
				    ARRAYSIZE(got) - 1, NULL, NULL);
#endif
	}
	if (_tcscmp(got, szMsg) != 0) {
		_tprintf(TEXT("second: read \"%s\", want \"%s\"\n"), got, szMsg);
		return 1;
	}
	_tprintf(TEXT("second: read \"%s\" from process %lu (written with %d-byte TCHARs)\n"),
		 got, (unsigned long)hdr->writer_pid, (int)hdr->char_size);
	hdr->reader_pid = GetCurrentProcessId();
	if (!count(hdr, hMutex)) {
		_tprintf(TEXT("second: the mutex failed (%d)\n"), (int)GetLastError());
		return 1;
	}
	SetEvent(hAck);
	UnmapViewOfFile(pBuf);
	UnmapViewOfFile(hdr);
	CloseHandle(hMapFile);
	CloseHandle(hAck);
	CloseHandle(hReady);
	CloseHandle(hMutex);
	return 0;
}
