/* shared.h - the layout first.c and second.c share. */
#ifndef WINPROG_SHARED_H
#define WINPROG_SHARED_H

#define GRANULE		65536
#define BUF_SIZE	4096

/* At offset 0; the message is at offset GRANULE, in the writer's TCHARs. */
struct shared_header {
	LONG ready;		/* 1 when the message is there */
	LONG ack;		/* 1 when the second process read it */
	LONG char_size;		/* sizeof(TCHAR) of the writer */
	DWORD writer_pid, reader_pid;
};

#endif
