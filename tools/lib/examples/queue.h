/*
 * queue.h - the layout producer.c and consumer.c share in their named
 * section: messages with a checksum, a published count the producer
 * raises, an acknowledged count the consumer raises.
 */
#ifndef QUEUE_H
#define QUEUE_H

#define QUEUE_NAME		"Local\\ntsection-example-queue"
#define QUEUE_SLOTS		64
#define QUEUE_TIMEOUT_MS	30000

struct queue {
	LONG volatile published;
	LONG volatile acknowledged;
	struct {
		DWORD checksum;
		char text[60];
	} slot[QUEUE_SLOTS];
};

static DWORD queue_checksum(const char *s)
{
	DWORD h = 2166136261u;

	while (*s)
		h = (h ^ (BYTE)*s++) * 16777619u;
	return h;
}

#endif
