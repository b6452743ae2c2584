/*
 * first.c - a Windows program in the style of Microsoft's "Creating Named
 * Shared Memory" first process, written for libntsection's tests: create
 * a named mapping of two 64 KiB granules, put a message in the second
 * (mapped at a LARGE_INTEGER offset), and wait until second.c says it read
 * it.  Built unchanged with and without UNICODE, through <windows.h> and
 * <tchar.h> (pkg-config --cflags ntsection-win32).
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
	struct shared_header *hdr;
	LARGE_INTEGER offset;
	HANDLE hMapFile, hAgain;
	LPTSTR pBuf;
	ULONGLONG start;

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
	InterlockedExchange(&hdr->ready, 1);
	_tprintf(TEXT("first: wrote \"%s\" (%d TCHARs of %d bytes) in %s\n"),
		 szMsg, (int)_tcslen(szMsg), (int)sizeof(TCHAR), name);

	start = GetTickCount64();
	while (InterlockedCompareExchange(&hdr->ack, 0, 0) == 0) {
		if (GetTickCount64() - start > 30000) {
			_tprintf(TEXT("first: no acknowledgement in 30 s\n"));
			return 1;
		}
		Sleep(10);
	}
	_tprintf(TEXT("first: process %lu acknowledged\n"),
		 (unsigned long)hdr->reader_pid);
	UnmapViewOfFile(pBuf);
	UnmapViewOfFile(hdr);
	CloseHandle(hMapFile);
	return 0;
}
