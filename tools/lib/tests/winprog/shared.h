/* shared.h - the layout first.c and second.c share. */
#ifndef WINPROG_SHARED_H
#define WINPROG_SHARED_H

#define GRANULE		65536
#define BUF_SIZE	4096
#define INCREMENTS	2000	/* of the counter, by each process */

/*
 * At offset 0; the message is at offset GRANULE, in the writer's TCHARs.
 * The objects beside the mapping are named after it: NAME-mutex guards
 * counter, NAME-ready (a manual-reset event) says the message is there,
 * NAME-ack (auto-reset) that the second process read it and is done.
 */
struct shared_header {
	LONG char_size;		/* sizeof(TCHAR) of the writer */
	DWORD writer_pid, reader_pid;
	volatile LONG counter;	/* INCREMENTS by each, under NAME-mutex */
};

/* @out = @name followed by @suffix */
static void object_name(LPTSTR out, LPCTSTR name, LPCTSTR suffix)
{
	_tcscpy(out, name);
	_tcscat(out, suffix);
}

/* INCREMENTS unguarded read-modify-writes of hdr->counter, each under @mutex */
static int count(struct shared_header *hdr, HANDLE mutex)
{
	LONG v;
	int i;

	for (i = 0; i < INCREMENTS; i++) {
		if (WaitForSingleObject(mutex, INFINITE) != WAIT_OBJECT_0)
			return 0;
		v = hdr->counter;
		if (!(i & 63))
			Sleep(0);	/* let the other process try its luck */
		hdr->counter = v + 1;
		if (!ReleaseMutex(mutex))
			return 0;
	}
	return 1;
}

#endif
