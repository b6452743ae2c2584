// SPDX-License-Identifier: GPL-2.0
/*
 * t_file.c - the file functions: CreateFileA's dispositions and access,
 * ReadFile, WriteFile, SetFilePointer, SetEndOfFile, GetFileSize,
 * FlushFileBuffers, DeleteFileA, and their errors.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wintest.h"

#define F	"file-a.dat"

static void dispositions(void)
{
	HANDLE h;

	DeleteFileA(F);
	h = CreateFileA(F, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	fails(h == INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND, "OPEN_EXISTING of a missing file: ERROR_FILE_NOT_FOUND");
	h = CreateFileA(F, GENERIC_READ, 0, NULL, TRUNCATE_EXISTING, 0, NULL);
	fails(h == INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER, "TRUNCATE_EXISTING without GENERIC_WRITE: ERROR_INVALID_PARAMETER");
	h = CreateFileA(F, GENERIC_WRITE, 0, NULL, TRUNCATE_EXISTING, 0, NULL);
	fails(h == INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND, "TRUNCATE_EXISTING of a missing file: ERROR_FILE_NOT_FOUND");
	SetLastError(99);
	h = CreateFileA(F, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
	ok(h != INVALID_HANDLE_VALUE && GetLastError() == 0, "CREATE_NEW of a missing file: created, error 0");
	ok(WriteFile(h, "0123456789", 10, NULL, NULL), "WriteFile without a count pointer");
	CloseHandle(h);
	h = CreateFileA(F, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
	fails(h == INVALID_HANDLE_VALUE, ERROR_FILE_EXISTS, "CREATE_NEW of an existing file: ERROR_FILE_EXISTS");
	h = CreateFileA(F, GENERIC_READ, 0, NULL, OPEN_ALWAYS, 0, NULL);
	ok(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS &&
	   GetFileSize(h, NULL) == 10, "OPEN_ALWAYS of an existing file: opened, ERROR_ALREADY_EXISTS, kept");
	CloseHandle(h);
	h = CreateFileA(F, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	ok(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS &&
	   GetFileSize(h, NULL) == 0, "CREATE_ALWAYS of an existing file: truncated, ERROR_ALREADY_EXISTS");
	CloseHandle(h);
	DeleteFileA(F);
	h = CreateFileA(F, GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, 0, NULL);
	ok(h != INVALID_HANDLE_VALUE && GetLastError() == 0, "OPEN_ALWAYS of a missing file: created, error 0");
	CloseHandle(h);
	h = CreateFileA(F, GENERIC_WRITE, 0, NULL, 0, 0, NULL);
	fails(h == INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER, "disposition 0: ERROR_INVALID_PARAMETER");
	h = CreateFileA("no-such-dir/x", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	fails(h == INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND, "CREATE_ALWAYS in a missing directory: ERROR_PATH_NOT_FOUND");
	h = CreateFileA(".", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	fails(h == INVALID_HANDLE_VALUE, ERROR_ACCESS_DENIED, "a directory for writing: ERROR_ACCESS_DENIED");
	h = CreateFileA(F, 0, 0, NULL, OPEN_EXISTING, 0, NULL);
	ok(h != INVALID_HANDLE_VALUE && GetFileSize(h, NULL) == 0, "access 0: opened, GetFileSize works");
	fails(!ReadFile(h, &h, 1, NULL, NULL), ERROR_ACCESS_DENIED, "ReadFile on an access-0 handle: ERROR_ACCESS_DENIED");
	CloseHandle(h);
	h = CreateFileA(F, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	fails(!WriteFile(h, "x", 1, NULL, NULL), ERROR_ACCESS_DENIED,
	      "WriteFile on a GENERIC_READ handle: ERROR_ACCESS_DENIED");
	CloseHandle(h);
}

static void io(void)
{
	HANDLE h = CreateFileA(F, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	char buf[32];
	DWORD n = 99, hi;
	LONG high;

	ok(WriteFile(h, "hello, world", 12, &n, NULL) && n == 12, "WriteFile: 12 bytes written");
	is(SetFilePointer(h, 0, NULL, FILE_CURRENT), 12, "SetFilePointer(0, FILE_CURRENT): 12");
	is(SetFilePointer(h, 7, NULL, FILE_BEGIN), 7, "SetFilePointer(7, FILE_BEGIN): 7");
	ok(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 5 && !memcmp(buf, "world", 5),
	   "ReadFile to the end: the 5 bytes there");
	ok(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 0, "ReadFile at the end: TRUE, 0 bytes");
	is(SetFilePointer(h, -5, NULL, FILE_END), 7, "SetFilePointer(-5, FILE_END): 7");
	fails(SetFilePointer(h, -100, NULL, FILE_CURRENT) == INVALID_SET_FILE_POINTER, ERROR_NEGATIVE_SEEK,
	      "SetFilePointer before the start: ERROR_NEGATIVE_SEEK");
	fails(SetFilePointer(h, 0, NULL, 7) == INVALID_SET_FILE_POINTER, ERROR_INVALID_PARAMETER,
	      "SetFilePointer with an unknown method: ERROR_INVALID_PARAMETER");
	high = 1;
	is(SetFilePointer(h, 16, &high, FILE_BEGIN), 16, "SetFilePointer with a high part: 4 GiB + 16");
	is(high, 1, "the high part comes back");
	ok(SetEndOfFile(h), "SetEndOfFile at 4 GiB + 16: TRUE (sparse)");
	hi = 0;
	is(GetFileSize(h, &hi), 16, "GetFileSize: low part 16");
	is(hi, 1, "GetFileSize: high part 1");
	SetFilePointer(h, 5, NULL, FILE_BEGIN);
	ok(SetEndOfFile(h) && GetFileSize(h, NULL) == 5, "SetEndOfFile shrinks to the file pointer");
	ok(FlushFileBuffers(h), "FlushFileBuffers: TRUE");
	fails(!ReadFile(h, buf, 1, &n, (LPOVERLAPPED)buf), ERROR_INVALID_PARAMETER,
	      "overlapped ReadFile: ERROR_INVALID_PARAMETER (not supported)");
	CloseHandle(h);
	fails(!ReadFile(h, buf, 1, &n, NULL), ERROR_INVALID_HANDLE, "ReadFile on a closed handle: ERROR_INVALID_HANDLE");
	fails(!WriteFile(NULL, buf, 1, &n, NULL), ERROR_INVALID_HANDLE, "WriteFile(NULL): ERROR_INVALID_HANDLE");
	fails(GetFileSize(INVALID_HANDLE_VALUE, NULL) == INVALID_FILE_SIZE, ERROR_INVALID_HANDLE,
	      "GetFileSize(INVALID_HANDLE_VALUE): ERROR_INVALID_HANDLE");
	fails(!FlushFileBuffers(NULL), ERROR_INVALID_HANDLE, "FlushFileBuffers(NULL): ERROR_INVALID_HANDLE");
	fails(!SetEndOfFile(NULL), ERROR_INVALID_HANDLE, "SetEndOfFile(NULL): ERROR_INVALID_HANDLE");
	ok(DeleteFileA(F), "DeleteFileA: TRUE");
	fails(!DeleteFileA(F), ERROR_FILE_NOT_FOUND, "DeleteFileA of a missing file: ERROR_FILE_NOT_FOUND");
	fails(!DeleteFileA("/proc/version"), ERROR_ACCESS_DENIED, "DeleteFileA of /proc/version: ERROR_ACCESS_DENIED");
}

int main(void)
{
	dispositions();
	io();
	return tap_done();
}
