// SPDX-License-Identifier: GPL-2.0
/*
 * t_handle.c - HANDLEs and errors: the HANDLE/fd bridge, CloseHandle,
 * DuplicateHandle (current process only, same or narrower access, close
 * source, inheritance, files), GetCurrentProcess, and GetLastError /
 * SetLastError being per thread.
 */
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "wintest.h"

static void *thread_main(void *arg)
{
	DWORD *seen = arg;

	seen[0] = GetLastError();	/* a new thread starts at 0 */
	SetLastError(77);
	CloseHandle(NULL);		/* sets ERROR_INVALID_HANDLE here */
	seen[1] = GetLastError();
	return NULL;
}

static void last_error(void)
{
	DWORD seen[2] = { 1, 1 };
	pthread_t t;

	SetLastError(1234);
	is(GetLastError(), 1234, "SetLastError/GetLastError");
	pthread_create(&t, NULL, thread_main, seen);
	pthread_join(t, NULL);
	is(seen[0], 0, "GetLastError in a new thread: 0");
	is(seen[1], ERROR_INVALID_HANDLE, "the thread's own error");
	is(GetLastError(), 1234, "GetLastError is per thread: this thread's is unchanged");
}

static void bridge(void)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, NULL);
	int fd = ntsection_handle_to_fd(h);

	ok(fd >= 0 && fcntl(fd, F_GETFD) >= 0, "ntsection_handle_to_fd: an open fd");
	ok(ntsection_fd_to_handle(fd) == h, "ntsection_fd_to_handle(handle_to_fd(h)) == h");
	ok(ntsection_fd_to_handle(0) != NULL && ntsection_fd_to_handle(0) != INVALID_HANDLE_VALUE,
	   "fd 0 is neither NULL nor INVALID_HANDLE_VALUE");
	is(ntsection_handle_to_fd(NULL), -1, "handle_to_fd(NULL) is -1");
	is(ntsection_handle_to_fd(INVALID_HANDLE_VALUE), -1, "handle_to_fd(INVALID_HANDLE_VALUE) is -1");
	ok(ntsection_fd_to_handle(-1) == INVALID_HANDLE_VALUE, "fd_to_handle(-1) is INVALID_HANDLE_VALUE");
	ok(CloseHandle(h), "CloseHandle of a section: TRUE");
	ok(fcntl(fd, F_GETFD) < 0, "the fd is closed");
	fails(!CloseHandle(h), ERROR_INVALID_HANDLE, "a second CloseHandle: ERROR_INVALID_HANDLE");
	fails(!CloseHandle(NULL), ERROR_INVALID_HANDLE, "CloseHandle(NULL): ERROR_INVALID_HANDLE");
	ok(CloseHandle(INVALID_HANDLE_VALUE),
	   "CloseHandle(INVALID_HANDLE_VALUE), which is GetCurrentProcess(): TRUE");
	ok(GetCurrentProcess() == (HANDLE)(LONG_PTR)-1, "GetCurrentProcess() is the pseudo-handle -1");
	ok(CloseHandle(GetCurrentProcess()), "CloseHandle(GetCurrentProcess()): TRUE");
}

static void duplicate(void)
{
	HANDLE me = GetCurrentProcess();
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, NULL);
	HANDLE d = NULL, ro = NULL, f;
	char *p, *q;
	DWORD n;

	ok(DuplicateHandle(me, h, me, &d, 0, FALSE, DUPLICATE_SAME_ACCESS) && d && d != h,
	   "DuplicateHandle DUPLICATE_SAME_ACCESS: a new handle");
	p = MapViewOfFile(d, FILE_MAP_WRITE, 0, 0, 0);
	q = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
	p[1] = 9;
	ok(p && q && q[1] == 9, "the duplicate is the same section, with the same access");
	UnmapViewOfFile(p);
	ok(DuplicateHandle(me, d, me, &ro, FILE_MAP_READ, FALSE, DUPLICATE_CLOSE_SOURCE),
	   "DuplicateHandle FILE_MAP_READ with DUPLICATE_CLOSE_SOURCE: TRUE");
	ok(fcntl(ntsection_handle_to_fd(d), F_GETFD) < 0, "DUPLICATE_CLOSE_SOURCE closed the source");
	ok(DuplicateHandle(me, ro, me, &d, FILE_MAP_READ, FALSE, 0),
	   "DuplicateHandle of the read-only handle with the same access: TRUE");
	CloseHandle(d);
	d = NULL;
	fails(!DuplicateHandle(me, ro, me, &d, FILE_MAP_WRITE, FALSE, 0), ERROR_ACCESS_DENIED,
	      "DuplicateHandle asking for more access than the source has: ERROR_ACCESS_DENIED");
	fails(!DuplicateHandle(me, h, (HANDLE)(uintptr_t)0x1234, &d, 0, FALSE, DUPLICATE_SAME_ACCESS),
	      ERROR_INVALID_HANDLE, "DuplicateHandle into another process: ERROR_INVALID_HANDLE");
	fails(!DuplicateHandle(me, NULL, me, &d, 0, FALSE, DUPLICATE_SAME_ACCESS),
	      ERROR_INVALID_HANDLE, "DuplicateHandle of NULL: ERROR_INVALID_HANDLE");
	fails(!DuplicateHandle(me, h, me, &d, 0, FALSE, 0x80), ERROR_INVALID_PARAMETER,
	      "DuplicateHandle with an unknown option: ERROR_INVALID_PARAMETER");
	ok(DuplicateHandle(me, h, me, &d, 0, TRUE, DUPLICATE_SAME_ACCESS) &&
	   !(fcntl(ntsection_handle_to_fd(d), F_GETFD) & FD_CLOEXEC),
	   "DuplicateHandle with bInheritHandle: not close-on-exec");
	CloseHandle(d);
	ok(DuplicateHandle(me, h, me, &d, GENERIC_READ, FALSE, 0),
	   "DuplicateHandle with GENERIC_READ (QUERY|MAP_READ): TRUE");
	p = MapViewOfFile(d, FILE_MAP_READ, 0, 0, 0);
	ok(p && p[1] == 9, "a GENERIC_READ duplicate maps FILE_MAP_READ views");
	UnmapViewOfFile(p);
	CloseHandle(d);

	f = make_file("handle-file.dat", 16, GENERIC_READ | GENERIC_WRITE);
	ok(DuplicateHandle(me, f, me, &d, 0, FALSE, DUPLICATE_SAME_ACCESS),
	   "DuplicateHandle of a file handle: TRUE");
	n = 0;
	ok(SetFilePointer(d, 4, NULL, FILE_BEGIN) == 4 && GetFileSize(d, NULL) == 16 &&
	   ReadFile(d, &n, 1, NULL, NULL) && n == 4, "the duplicate reads the same file");
	CloseHandle(d);
	CloseHandle(f);
	DeleteFileA("handle-file.dat");
	UnmapViewOfFile(q);
	CloseHandle(ro);
	CloseHandle(h);
}

static void interlocked(void)
{
	LONG volatile v = 5;

	is(InterlockedIncrement(&v), 6, "InterlockedIncrement returns the new value");
	is(InterlockedDecrement(&v), 5, "InterlockedDecrement returns the new value");
	is(InterlockedExchange(&v, 9), 5, "InterlockedExchange returns the old value");
	is(InterlockedCompareExchange(&v, 1, 7), 9, "InterlockedCompareExchange, no match: the old value");
	is(v, 9, "... and nothing changed");
	is(InterlockedCompareExchange(&v, 1, 9), 9, "InterlockedCompareExchange, match: the old value");
	is(v, 1, "... and the new value is stored");
}

int main(void)
{
	interlocked();
	last_error();
	bridge();
	duplicate();
	return tap_done();
}
