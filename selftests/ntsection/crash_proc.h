/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crash_proc.h - the processes and checks of the crash-consistency
 * selftests (crash.c, crash_memory.c): a writer child that maps a view
 * and writes the pattern of crash_pattern.h, killing it at a chosen
 * published count, dropping the page cache, reading /proc/meminfo, and
 * checking a file-backed region through read(2), a fresh section view
 * and native mmap(2).  Include after ntsection_test.h.
 */
#ifndef NTSECTION_CRASH_PROC_H
#define NTSECTION_CRASH_PROC_H

#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "crash_pattern.h"

/* How a writer ends once it has written its words. */
enum ns_end {
	NS_END_PAUSE,		/* wait to be killed */
	NS_END_EXIT,		/* munmap, close, exit(0) */
	NS_END_NOUNMAP,		/* _exit(0) with the view still mapped */
	NS_END_SEGV,		/* a deliberate bad write */
};

struct ns_writer {
	int handle;		/* the section handle the child maps */
	int map_flags;		/* MAP_SHARED or MAP_PRIVATE */
	int close_handle;	/* close the handle before writing */
	int ready_fd;		/* write a byte here once mapped, or -1 */
	int go_fd;		/* then wait for a byte here, or -1 */
	uint64_t nwords;	/* view size in words */
	uint64_t write_words;	/* words to write (<= nwords) */
	uint64_t seed;
	uint64_t stall;		/* stop after storing this word (or ~0) */
	uint64_t *pub;		/* shared published counter */
	enum ns_end end;
	int (*prepare)(void);	/* run first in the child, if set */
};

/* A shared anonymous page for the published counter. */
static inline uint64_t *ns_counter(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static inline pid_t ns_spawn_writer(const struct ns_writer *w)
{
	pid_t pid = fork();
	volatile uint64_t *view;
	struct rlimit no_core = { 0, 0 };
	volatile int *ro;
	char c;

	if (pid)
		return pid;
	setrlimit(RLIMIT_CORE, &no_core);
	if (w->prepare && w->prepare())
		_exit(2);
	view = mmap(NULL, w->nwords * 8, PROT_READ | PROT_WRITE, w->map_flags,
		    w->handle, 0);
	if (view == MAP_FAILED)
		_exit(3);
	if (w->close_handle)
		close(w->handle);
	if (w->ready_fd >= 0 && write(w->ready_fd, "r", 1) != 1)
		_exit(4);
	if (w->go_fd >= 0 && read(w->go_fd, &c, 1) != 1)
		_exit(5);
	ns_write_words(view, 0, w->write_words, w->seed, w->pub, w->stall);
	switch (w->end) {
	case NS_END_EXIT:
		munmap((void *)view, w->nwords * 8);
		close(w->handle);
		exit(0);
	case NS_END_NOUNMAP:
		_exit(0);
	case NS_END_SEGV:
		ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
		if (ro != MAP_FAILED)
			*ro = 1;
		_exit(6);
	case NS_END_PAUSE:
		break;
	}
	for (;;)
		pause();
}

/*
 * Wait until the writer @pid published @target words (or died), SIGKILL
 * it and reap it.  Returns the published count after the kill, or -1 if
 * the writer did not die of that SIGKILL.
 */
static inline int64_t ns_kill_at(pid_t pid, uint64_t *pub, uint64_t target)
{
	int status;

	while (__atomic_load_n(pub, __ATOMIC_ACQUIRE) < target) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return -1;
		sched_yield();
	}
	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) != pid || !WIFSIGNALED(status) ||
	    WTERMSIG(status) != SIGKILL)
		return -1;
	return (int64_t)__atomic_load_n(pub, __ATOMIC_ACQUIRE);
}

static inline int ns_drop_caches(void)
{
	sync();
	return ns_write_proc("/proc/sys/vm/drop_caches", "3");
}

/* Check a mapping of @fd; adds the wrong words to @c. -1 if mmap failed. */
static inline int ns_check_map(struct ns_check *c, int fd, uint64_t nwords,
			       uint64_t seed, uint64_t published, int old_kind,
			       int must_be_old)
{
	void *p = mmap(NULL, nwords * 8, PROT_READ, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		return -1;
	ns_check_words(c, p, 0, nwords, seed, published, old_kind,
		       must_be_old);
	munmap(p, nwords * 8);
	return 0;
}

/*
 * The three checks of a file-backed region: read(2) of @file, a fresh
 * view of a section (through @handle, or through a new section on @file
 * when @handle < 0) and native mmap(2) of @file.  Returns the number of
 * wrong words (each check failing to run counts as one), adds the bytes
 * read to *@bytes.
 */
static inline uint64_t ns_check_file(int dev, int file, int handle,
				     uint64_t nwords, uint64_t seed,
				     uint64_t published, int must_be_old,
				     uint64_t *bytes)
{
	struct ns_check r = { 0 }, v = { 0 }, m = { 0 };
	uint64_t bad = 0;
	int h = handle;

	if (ns_check_fd(&r, file, nwords, seed, published, NS_OLD_PATTERN,
			must_be_old))
		bad++;
	if (h < 0)
		h = ns_create(dev, nwords * 8, NTSECTION_PAGE_READONLY, 0, file,
			      NTSECTION_SECTION_MAP_READ);
	if (h < 0 || ns_check_map(&v, h, nwords, seed, published,
				  NS_OLD_PATTERN, must_be_old))
		bad++;
	if (h >= 0 && handle < 0)
		close(h);
	if (ns_check_map(&m, file, nwords, seed, published, NS_OLD_PATTERN,
			 must_be_old))
		bad++;
	ns_print_bad("read(2)", &r);
	ns_print_bad("fresh section view", &v);
	ns_print_bad("native mmap", &m);
	*bytes += (r.words + v.words + m.words) * 8;
	return bad + r.bad + v.bad + m.bad;
}

/* ns_check_file, then fsync + drop_caches, then ns_check_file again. */
static inline uint64_t ns_check_file_twice(int dev, int file, int handle,
					   uint64_t nwords, uint64_t seed,
					   uint64_t published, int must_be_old,
					   uint64_t *bytes)
{
	uint64_t bad = ns_check_file(dev, file, handle, nwords, seed,
				     published, must_be_old, bytes);

	if (fsync(file) || ns_drop_caches()) {
		fprintf(stderr, "# fsync or drop_caches failed: %s\n",
			strerror(errno));
		bad++;
	}
	return bad + ns_check_file(dev, file, handle, nwords, seed, published,
				   must_be_old, bytes);
}

/* seconds since @t0 (reported, never asserted on) */
static inline long ns_elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)(t.tv_sec - t0->tv_sec);
}

/* "4KiB", "64MiB" */
static inline const char *ns_size_str(uint64_t bytes, char *buf, size_t len)
{
	if (bytes >= (1ull << 20) && !(bytes & ((1ull << 20) - 1)))
		snprintf(buf, len, "%lluMiB", (unsigned long long)(bytes >> 20));
	else
		snprintf(buf, len, "%lluKiB", (unsigned long long)(bytes >> 10));
	return buf;
}

#endif /* NTSECTION_CRASH_PROC_H */
