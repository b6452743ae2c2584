// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * time.c - Sleep, GetTickCount and GetTickCount64, which Windows code that
 * polls shared memory uses between looks, and the process and thread ids
 * (getpid and gettid) that such code prints or stores in shared memory.
 */
#include <errno.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

void WINAPI Sleep(DWORD dwMilliseconds)
{
	struct timespec ts = {
		.tv_sec = dwMilliseconds / 1000,
		.tv_nsec = (long)(dwMilliseconds % 1000) * 1000000,
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

DWORD WINAPI GetTickCount(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (DWORD)((uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

ULONGLONG WINAPI GetTickCount64(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ULONGLONG)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

DWORD WINAPI GetCurrentProcessId(void)
{
	return (DWORD)getpid();
}

DWORD WINAPI GetCurrentThreadId(void)
{
	return (DWORD)syscall(SYS_gettid);
}
