/*
 * fconvert.c - a Windows program: convert an 8-bit text file to UTF-16
 * (WCHAR) through two file mappings, the classic example of Windows
 * courses on memory-mapped files: map the input read-only, create the
 * output at twice the size, map it writable, widen every byte, and delete
 * the output if anything failed.  Written against the Win32 API only;
 * builds unchanged with libntsection.
 *
 *   fconvert IN OUT
 */
#ifdef _WIN32
#include <windows.h>
#else
#include <winsection.h>
#endif
#include <stdio.h>

static BOOL convert(LPCSTR fIn, LPCSTR fOut)
{
	HANDLE hIn, hInMap = NULL, hOut = INVALID_HANDLE_VALUE, hOutMap = NULL;
	LPBYTE pInFile = NULL, pIn;
	WCHAR *pOutFile = NULL, *pOut;
	DWORD FsLow, FsHigh;
	BOOL Complete = FALSE;

	hIn = CreateFile(fIn, GENERIC_READ, 0, NULL, OPEN_EXISTING,
			 FILE_ATTRIBUTE_NORMAL, NULL);
	if (hIn == INVALID_HANDLE_VALUE) {
		fprintf(stderr, "Failure opening input file: %lu\n", (unsigned long)GetLastError());
		return FALSE;
	}
	FsLow = GetFileSize(hIn, &FsHigh);
	if (FsHigh != 0 || FsLow == 0 || FsLow > 0x7fffffff) {
		fprintf(stderr, "The input file must hold 1 byte to 2 GiB.\n");
		CloseHandle(hIn);
		return FALSE;
	}
	/* Create a file mapping object on the input file. Use the file size. */
	hInMap = CreateFileMapping(hIn, NULL, PAGE_READONLY, 0, 0, NULL);
	if (hInMap == NULL) {
		fprintf(stderr, "Failure creating input map: %lu\n", (unsigned long)GetLastError());
		goto done;
	}
	pInFile = (LPBYTE)MapViewOfFile(hInMap, FILE_MAP_READ, 0, 0, 0);
	if (pInFile == NULL) {
		fprintf(stderr, "Failure mapping input file: %lu\n", (unsigned long)GetLastError());
		goto done;
	}
	/* The output file MUST have Read/Write access for the mapping to succeed. */
	hOut = CreateFile(fOut, GENERIC_READ | GENERIC_WRITE, 0, NULL,
			  CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	if (hOut == INVALID_HANDLE_VALUE) {
		fprintf(stderr, "Failure opening output file: %lu\n", (unsigned long)GetLastError());
		goto done;
	}
	hOutMap = CreateFileMapping(hOut, NULL, PAGE_READWRITE, 0, 2 * FsLow, NULL);
	if (hOutMap == NULL) {
		fprintf(stderr, "Failure creating output map: %lu\n", (unsigned long)GetLastError());
		goto done;
	}
	pOutFile = (WCHAR *)MapViewOfFile(hOutMap, FILE_MAP_WRITE, 0, 0, 2 * FsLow);
	if (pOutFile == NULL) {
		fprintf(stderr, "Failure mapping output file: %lu\n", (unsigned long)GetLastError());
		goto done;
	}
	/* The actual file conversion. */
	pIn = pInFile;
	pOut = pOutFile;
	while (pIn < pInFile + FsLow) {
		*pOut = (WCHAR)*pIn;
		pIn++;
		pOut++;
	}
	Complete = FlushViewOfFile(pOutFile, 0) && FlushFileBuffers(hOut);
done:
	/* Close all views and handles. */
	if (pOutFile)
		UnmapViewOfFile(pOutFile);
	if (pInFile)
		UnmapViewOfFile(pInFile);
	if (hOutMap)
		CloseHandle(hOutMap);
	if (hInMap)
		CloseHandle(hInMap);
	CloseHandle(hIn);
	if (hOut != INVALID_HANDLE_VALUE)
		CloseHandle(hOut);
	/* Delete the output file if the operation did not complete successfully. */
	if (!Complete && hOut != INVALID_HANDLE_VALUE)
		DeleteFile(fOut);
	return Complete;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: fconvert IN OUT\n");
		return 2;
	}
	if (!convert(argv[1], argv[2]))
		return 1;
	printf("fconvert: %s -> %s (UTF-16)\n", argv[1], argv[2]);
	return 0;
}
