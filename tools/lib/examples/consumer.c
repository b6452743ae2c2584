/*
 * consumer.c - a Windows program: open producer.c's named section, read
 * and check every message, acknowledge them.  Written against the Win32
 * API only; builds unchanged with libntsection.
 *
 *   consumer [COUNT]      exit 0 when COUNT good messages were read
 */
#ifdef _WIN32
#include <windows.h>
#else
#include <winsection.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue.h"

int main(int argc, char **argv)
{
	LONG count = argc > 1 ? atol(argv[1]) : 16, i, good = 0;
	struct queue *q;
	HANDLE map = NULL;
	DWORD start = GetTickCount();

	/* the producer may not have created the section yet */
	while ((map = OpenFileMapping(FILE_MAP_READ | FILE_MAP_WRITE, FALSE,
				      QUEUE_NAME)) == NULL) {
		if (GetLastError() != ERROR_FILE_NOT_FOUND ||
		    GetTickCount() - start > QUEUE_TIMEOUT_MS) {
			fprintf(stderr, "consumer: OpenFileMapping failed: %lu\n",
				(unsigned long)GetLastError());
			return 1;
		}
		Sleep(10);
	}
	q = (struct queue *)MapViewOfFile(map, FILE_MAP_READ | FILE_MAP_WRITE,
					  0, 0, sizeof(struct queue));
	if (q == NULL) {
		fprintf(stderr, "consumer: MapViewOfFile failed: %lu\n",
			(unsigned long)GetLastError());
		CloseHandle(map);
		return 1;
	}
	for (i = 0; i < count; i++) {
		while (InterlockedCompareExchange(&q->published, 0, 0) <= i) {
			if (GetTickCount() - start > QUEUE_TIMEOUT_MS)
				goto out;
			Sleep(10);
		}
		if (q->slot[i].checksum == queue_checksum(q->slot[i].text))
			good++;
		else
			fprintf(stderr, "consumer: message %ld is damaged\n", (long)i);
		InterlockedIncrement(&q->acknowledged);
	}
out:
	printf("consumer: read %ld good messages of %ld (last: \"%s\")\n", (long)good,
	       (long)count, i ? q->slot[i - 1].text : "");
	UnmapViewOfFile(q);
	CloseHandle(map);
	return good == count ? 0 : 1;
}
