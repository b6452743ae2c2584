// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * time.c - Sleep and GetTickCount, which Windows code that polls shared
 * memory uses between looks.
 */
#include <errno.h>
#include <time.h>

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
