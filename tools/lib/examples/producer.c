/*
 * producer.c - a Windows program: publish messages in a named shared-memory
 * section for consumer.c, then wait until the consumer has read them.
 * Written against the Win32 API only; on Linux it builds unchanged with
 * libntsection:  cc producer.c $(pkg-config --cflags --libs ntsection)
 *
 *   producer [COUNT]      exit 0 when the consumer acknowledged every message
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
	LONG count = argc > 1 ? atol(argv[1]) : 16;
	struct queue *q;
	HANDLE map;
	DWORD start;
	LONG i;

	if (count < 1 || count > QUEUE_SLOTS) {
		fprintf(stderr, "producer: COUNT must be 1..%d\n", QUEUE_SLOTS);
		return 2;
	}
	map = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE,
				0, sizeof(struct queue), QUEUE_NAME);
	if (map == NULL) {
		fprintf(stderr, "producer: CreateFileMapping failed: %lu\n",
			(unsigned long)GetLastError());
		return 1;
	}
	if (GetLastError() == ERROR_ALREADY_EXISTS)
		printf("producer: %s already existed, reusing it\n", QUEUE_NAME);
	q = (struct queue *)MapViewOfFile(map, FILE_MAP_ALL_ACCESS, 0, 0, 0);
	if (q == NULL) {
		fprintf(stderr, "producer: MapViewOfFile failed: %lu\n",
			(unsigned long)GetLastError());
		CloseHandle(map);
		return 1;
	}
	for (i = 0; i < count; i++) {
		snprintf(q->slot[i].text, sizeof(q->slot[i].text),
			 "message %ld from the producer", (long)i);
		q->slot[i].checksum = queue_checksum(q->slot[i].text);
		MemoryBarrier();
		InterlockedExchange(&q->published, i + 1);
	}
	printf("producer: published %ld messages in %s\n", (long)count, QUEUE_NAME);
	fflush(stdout);

	start = GetTickCount();
	while (InterlockedCompareExchange(&q->acknowledged, 0, 0) < count) {
		if (GetTickCount() - start > QUEUE_TIMEOUT_MS) {
			fprintf(stderr, "producer: no acknowledgement after %u ms\n",
				QUEUE_TIMEOUT_MS);
			break;
		}
		Sleep(10);
	}
	i = q->acknowledged;
	printf("producer: the consumer acknowledged %ld of %ld\n", (long)i, (long)count);
	UnmapViewOfFile(q);
	CloseHandle(map);
	return i == count ? 0 : 1;
}
