/*
 * first.c - a Windows program in the style of Microsoft's "Creating Named
 * Shared Memory" first process, written for libntsection's tests: create
 * a named mapping of two 64 KiB granules, put a message in the second
 * (mapped at a LARGE_INTEGER offset), signal it with a named event, count
 * to INCREMENTS under a named mutex while second.c does the same, and wait
 * for second.c's acknowledgement (another event): the counter must then
 * be 2 * INCREMENTS.  Built unchanged with and without UNICODE, through
 * <windows.h> and <tchar.h> (pkg-config --cflags ntsection-win32).
 *
 *   first [NAME]      exit 0 when the second process acknowledged
 */
#include <windows.h>
#include <tchar.h>

#include "shared.h"

TCHAR szName[] = TEXT("Local\\ntsection-winprog");
TCHAR szMsg[] = TEXT("Message from the first pr\u00f8cess \U0001F642.");

int _tmain(int argc, TCHAR *argv[])
{
	LPCTSTR name = argc > 1 ? argv[1] : szName;
	HANDLE hMapFile, hAgain, hMutex, hReady, hAck;
	TCHAR objName[MAX_PATH];
	struct shared_header *hdr;
	LARGE_INTEGER offset;
	LPTSTR pBuf;

	/* the objects first: the second process opens them once it sees the mapping */
	object_name(objName, name, TEXT("-mutex"));
	hMutex = CreateMutex(NULL, FALSE, objName);
	object_name(objName, name, TEXT("-ready"));
	hReady = CreateEvent(NULL, TRUE, FALSE, objName);
	object_name(objName, name, TEXT("-ack"));
	hAck = CreateEvent(NULL, FALSE, FALSE, objName);
	if (hMutex == NULL || hReady == NULL || hAck == NULL) {
		_tprintf(TEXT("first: could not create the mutex and events (%d).\n"),
			 (int)GetLastError());
		return 1;
	}

	hMapFile = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE,
				     0, 2 * GRANULE, name);
	if (hMapFile == NULL) {
		_tprintf(TEXT("first: could not create file mapping object (%d).\n"),
			 (int)GetLastError());
		return 1;
	}
	if (GetLastError() == ERROR_ALREADY_EXISTS) {
		_tprintf(TEXT("first: %s already exists\n"), name);
		return 1;
	}
	/* a second create of the name opens the same section */
	hAgain = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE,
				   0, 2 * GRANULE, name);
	if (hAgain == NULL || GetLastError() != ERROR_ALREADY_EXISTS) {
		_tprintf(TEXT("first: no ERROR_ALREADY_EXISTS for %s\n"), name);
		return 1;
	}
	CloseHandle(hAgain);

	hdr = (struct shared_header *)MapViewOfFile(hMapFile, FILE_MAP_ALL_ACCESS,
						    0, 0, sizeof(*hdr));
	offset.QuadPart = GRANULE;
	pBuf = (LPTSTR)MapViewOfFile(hMapFile, FILE_MAP_ALL_ACCESS,
				     offset.HighPart, offset.LowPart, BUF_SIZE);
	if (hdr == NULL || pBuf == NULL) {
		_tprintf(TEXT("first: could not map view of file (%d).\n"),
			 (int)GetLastError());
		CloseHandle(hMapFile);
		return 1;
	}
	CopyMemory((PVOID)pBuf, szMsg, (_tcslen(szMsg) + 1) * sizeof(TCHAR));
	hdr->char_size = sizeof(TCHAR);
	hdr->writer_pid = GetCurrentProcessId();
	SetEvent(hReady);
	_tprintf(TEXT("first: wrote \"%s\" (%d TCHARs of %d bytes) in %s\n"),
		 szMsg, (int)_tcslen(szMsg), (int)sizeof(TCHAR), name);

	if (!count(hdr, hMutex)) {
		_tprintf(TEXT("first: the mutex failed (%d)\n"), (int)GetLastError());
		return 1;
	}
	if (WaitForSingleObject(hAck, 30000) != WAIT_OBJECT_0) {
		_tprintf(TEXT("first: no acknowledgement in 30 s\n"));
		return 1;
	}
	_tprintf(TEXT("first: process %lu acknowledged; the counter is %ld\n"),
		 (unsigned long)hdr->reader_pid, (long)hdr->counter);
	if (hdr->counter != 2 * INCREMENTS) {
		_tprintf(TEXT("first: the counter is %ld, want %d\n"),
			 (long)hdr->counter, 2 * INCREMENTS);
		return 1;
	}
	UnmapViewOfFile(pBuf);
	UnmapViewOfFile(hdr);
	CloseHandle(hMapFile);
	CloseHandle(hAck);
	CloseHandle(hReady);
	CloseHandle(hMutex);
	return 0;
}
