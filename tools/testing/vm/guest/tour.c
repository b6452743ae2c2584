// SPDX-License-Identifier: GPL-2.0
/*
 * tour.c - the narrated part of `make demo`, run inside a guest, written
 * against libntsection's Win32 layer (winsection.h) like a Windows program:
 *
 *   1. two processes share named sections: this one (the reader) and a
 *      copy of itself started with fork + exec (the writer), which
 *      creates "tour-queue" (pagefile-backed) and "tour-file" (backed by
 *      /mnt/scratch/tour.dat) and writes into them without pause;
 *   2. `ntsectionctl list` shows the live sections;
 *   3. the writer is SIGKILLed mid-write: the reader still sees every
 *      byte it published, in both sections, and the sections live on;
 *   4. the file-backed view reaches the disk after FlushViewOfFile and
 *      FlushFileBuffers (the host reads the disk image afterwards);
 *   5. the reader's FILE_MAP_READ handle cannot write: MapViewOfFile
 *      (FILE_MAP_WRITE) fails with ERROR_ACCESS_DENIED, and a write
 *      through its read-only view faults.
 *
 *   tour [NTSECTIONCTL]         the tour (exit 0 when all went as told)
 *   tour --writer               the writer (started by the tour)
 */
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <winsection.h>

#define QUEUE		"Local\\tour-queue"
#define FILESEC		"Local\\tour-file"
#define FILEPATH	"/mnt/scratch/tour.dat"
#define QUEUE_SIZE	(1 << 20)
#define WORDS		((QUEUE_SIZE - 64) / 8)
#define RECORD		16
#define RECORDS		4096			/* tour.dat: 64 KiB of records */
#define PATTERN(i)	(0x5ec7100000000000ull + (i))
#define ENOUGH		50000

struct queue {
	uint64_t published;	/* words written so far */
	uint64_t pad[7];
	uint64_t word[WORDS];	/* word[n % WORDS] = PATTERN(n % WORDS) */
};

static int failures;

__attribute__((format(printf, 1, 2)))
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void check(int ok, const char *what)
{
	say("   %s %s", ok ? "[ok]  " : "[FAIL]", what);
	if (!ok)
		failures++;
}

/* The writer: create both named sections, then write for ever. */
static int writer(void)
{
	HANDLE q, file, f;
	struct queue *v;
	char *fv;
	uint64_t n;

	q = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
			      QUEUE_SIZE, QUEUE);
	file = CreateFile(FILEPATH, GENERIC_READ | GENERIC_WRITE, 0, NULL,
			  CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	f = file == INVALID_HANDLE_VALUE ? NULL :
	    CreateFileMapping(file, NULL, PAGE_READWRITE, 0, RECORDS * RECORD, FILESEC);
	v = q ? MapViewOfFile(q, FILE_MAP_WRITE, 0, 0, 0) : NULL;
	fv = f ? MapViewOfFile(f, FILE_MAP_WRITE, 0, 0, 0) : NULL;
	if (!v || !fv) {
		fprintf(stderr, "writer: cannot set up: error %u\n", (unsigned int)GetLastError());
		return 1;
	}
	for (n = 0;; n++) {
		v->word[n % WORDS] = PATTERN(n % WORDS);
		if (n < RECORDS)
			snprintf(fv + n * RECORD, RECORD + 1, "record %07llu\n",
				 (unsigned long long)n);
		__atomic_store_n(&v->published, n + 1, __ATOMIC_RELEASE);
	}
}

static void list(const char *ctl, const char *why)
{
	char cmd[512];

	say("   $ ntsectionctl list        (%s)", why);
	snprintf(cmd, sizeof(cmd), "%s list | sed 's/^/     /'", ctl);
	fflush(stdout);
	if (system(cmd))
		check(0, "ntsectionctl list");
}

static HANDLE open_retry(DWORD access, const char *name)
{
	DWORD start = GetTickCount();
	HANDLE h;

	while (!(h = OpenFileMapping(access, FALSE, name)) &&
	       GetLastError() == ERROR_FILE_NOT_FOUND && GetTickCount() - start < 30000)
		Sleep(10);
	return h;
}

int main(int argc, char **argv)
{
	const char *ctl = argc > 1 ? argv[1] : "/extra/ntsectionctl";
	MEMORY_BASIC_INFORMATION mbi;
	uint64_t n, i, bad = 0, limit;
	char self[4096], expect[RECORD + 1];
	HANDLE q, f, file;
	struct queue *v;
	int status;
	ssize_t len;
	char *fv;
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "--writer"))
		return writer();
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[len > 0 ? len : 0] = 0;

	say("\n1. Two processes share named sections");
	pid = fork();
	if (pid == 0) {
		execl(self, self, "--writer", (char *)NULL);
		_exit(127);
	}
	say("   the writer (pid %d, fork + exec) creates \"%s\" (1 MiB, pagefile-backed)",
	    (int)pid, QUEUE);
	say("   and \"%s\" (backed by %s), and writes into both without pause", FILESEC, FILEPATH);
	q = open_retry(FILE_MAP_READ, QUEUE);
	f = open_retry(FILE_MAP_READ, FILESEC);
	v = q ? MapViewOfFile(q, FILE_MAP_READ, 0, 0, 0) : NULL;
	fv = f ? MapViewOfFile(f, FILE_MAP_READ, 0, 0, 0) : NULL;
	check(v && fv, "this process (the reader) opens both by name: OpenFileMapping(FILE_MAP_READ)");
	if (!v || !fv) {
		kill(pid, SIGKILL);
		return 1;
	}
	while (__atomic_load_n(&v->published, __ATOMIC_ACQUIRE) < ENOUGH)
		Sleep(1);
	say("   the reader watches the writer publish: %llu words so far",
	    (unsigned long long)__atomic_load_n(&v->published, __ATOMIC_ACQUIRE));

	say("\n2. The live sections");
	list(ctl, "while the writer runs");

	say("\n3. The writer is killed mid-write");
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	n = __atomic_load_n(&v->published, __ATOMIC_ACQUIRE);
	say("   kill -KILL %d: the writer died (signal %d) after publishing %llu words",
	    (int)pid, WIFSIGNALED(status) ? WTERMSIG(status) : 0, (unsigned long long)n);
	limit = n < WORDS ? n : WORDS;
	for (i = 0; i < limit; i++)
		bad += v->word[i] != PATTERN(i);
	check(!bad, "the reader's view holds every word the writer published");
	for (i = 0; i < RECORDS; i++) {
		snprintf(expect, sizeof(expect), "record %07llu\n", (unsigned long long)i);
		bad += memcmp(fv + i * RECORD, expect, RECORD) != 0;
	}
	check(!bad, "the file-backed view holds all 4096 records the writer wrote");
	list(ctl, "the reader's handles keep them alive; one handle each now");

	say("\n4. The file-backed view reaches the disk");
	file = CreateFile(FILEPATH, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
			  OPEN_EXISTING, 0, NULL);
	check(FlushViewOfFile(fv, 0) && file != INVALID_HANDLE_VALUE && FlushFileBuffers(file),
	      "FlushViewOfFile + FlushFileBuffers: the records are on the disk");
	CloseHandle(file);

	say("\n5. The reader's handle was opened FILE_MAP_READ");
	check(!MapViewOfFile(q, FILE_MAP_WRITE, 0, 0, 0) && GetLastError() == ERROR_ACCESS_DENIED,
	      "MapViewOfFile(FILE_MAP_WRITE) fails: GetLastError() = 5, ERROR_ACCESS_DENIED");
	check(VirtualQuery(v, &mbi, sizeof(mbi)) && mbi.Protect == PAGE_READONLY &&
	      mbi.Type == MEM_MAPPED && (uintptr_t)v % 65536 == 0,
	      "VirtualQuery: the view is PAGE_READONLY, MEM_MAPPED, 64 KiB-aligned");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		v->published = 0;	/* a write through the read-only view */
		_exit(0);
	}
	waitpid(pid, &status, 0);
	say("   a child writing through the read-only view: %s",
	    WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "it worked?!");
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "the write faults (SIGSEGV)");

	UnmapViewOfFile(v);
	UnmapViewOfFile(fv);
	CloseHandle(q);
	CloseHandle(f);
	list(ctl, "after the reader closed its handles and views: the names are gone");

	say("\n%s", failures ? "Some steps did not behave as narrated." :
	    "Every step behaved as narrated.");
	return failures ? 1 : 0;
}
