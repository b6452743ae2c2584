// SPDX-License-Identifier: GPL-2.0
/*
 * powercut.c - both halves of the power-cut scenario (scenario 6 of
 * docs/crash-consistency.md), driven by tools/testing/vm/powercut; built
 * with the selftests, not run by run_tests.sh.
 *
 *   powercut write PATH SEED   (in the guest)
 *       Create PATH, fill it with the old pattern and fsync it; create a
 *       file-backed section on it and map a shared view; write the new
 *       pattern to a first part, flush it (NTSECTION_IOC_FLUSH + fsync, as
 *       FlushViewOfFile + FlushFileBuffers would), then write more words
 *       and leave them dirty.  Print the marker line
 *         @@POWERCUT@@ size=... written=... flushed=... seed=...
 *       and wait to be cut (the host kills QEMU when it sees the marker).
 *   powercut verify FILE SEED  (on the host, FILE dumped from the image)
 *       Every flushed byte must be new, every written but unflushed word
 *       old or new, every other word old.  Prints one "powercut-verify:"
 *       line with the counts; exit 0 when nothing is wrong.
 *   powercut selftest TMPFILE SEED  (on the host)
 *       Shows the checker can fail: it must refuse a file that lost its
 *       flushed writes and one with a torn word, and accept a good one.
 *
 * The size (4 KiB..32 MiB), the written count and the flushed length all
 * come from SEED, so the host needs only the seed to check.  Periodic
 * writeback is turned off in the guest first, so the unflushed words
 * usually stay in the page cache until the cut.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/ntsection.h>

#include "crash_pattern.h"

struct params {
	uint64_t size, nwords, written, flushed;	/* flushed in bytes */
};

static struct params params(uint64_t seed)
{
	uint64_t rng = seed;
	struct params p;

	p.size = 4096ull << ns_rand_range(&rng, 0, 13);
	p.nwords = p.size / 8;
	p.written = ns_rand_range(&rng, 1, p.nwords);
	/* any word boundary: the flush writes back the whole last page */
	p.flushed = ns_rand_range(&rng, 0, p.written) * 8;
	return p;
}

static int fail(const char *what)
{
	perror(what);
	return 1;
}

static void sysctl(const char *path, const char *v)
{
	int fd = open(path, O_WRONLY);

	if (fd >= 0) {
		if (write(fd, v, strlen(v)) < 0)
			perror(path);
		close(fd);
	}
}

static int guest_write(const char *path, uint64_t seed)
{
	struct params p = params(seed);
	struct ntsection_create_args c = { 0 };
	struct ntsection_flush_args f = { 0 };
	uint64_t pub = 0, *view;
	int dev, file, h;

	sysctl("/proc/sys/vm/dirty_writeback_centisecs", "0");
	sysctl("/proc/sys/vm/dirty_expire_centisecs", "360000");
	dev = open("/dev/ntsection", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return fail("/dev/ntsection");
	file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (file < 0)
		return fail(path);
	if (ns_fill_old(file, p.nwords, seed) || fsync(file))
		return fail("old content");
	sync();
	c.size = p.size;
	c.protect = NTSECTION_PAGE_READWRITE;
	c.file_fd = file;
	c.access = NTSECTION_SECTION_ALL_ACCESS;
	h = ioctl(dev, NTSECTION_IOC_CREATE, &c);
	if (h < 0)
		return fail("NTSECTION_IOC_CREATE");
	view = mmap(NULL, p.size, PROT_READ | PROT_WRITE, MAP_SHARED, h, 0);
	if (view == MAP_FAILED)
		return fail("mmap");
	/* the flushed part: written, FlushViewOfFile, FlushFileBuffers */
	ns_write_words(view, 0, p.flushed / 8, seed, &pub, ~0ull);
	f.address = (uintptr_t)view;
	f.length = p.flushed;
	if (p.flushed && ioctl(dev, NTSECTION_IOC_FLUSH, &f))
		return fail("NTSECTION_IOC_FLUSH");
	if (fsync(file))
		return fail("fsync");
	/* the rest stays dirty in the page cache */
	ns_write_words(view, p.flushed / 8, p.written, seed, &pub, ~0ull);
	printf("@@POWERCUT@@ size=%llu written=%llu flushed=%llu seed=%llu\n",
	       (unsigned long long)p.size, (unsigned long long)p.written * 8,
	       (unsigned long long)p.flushed, (unsigned long long)seed);
	fflush(stdout);
	for (;;)
		pause();
}

static int host_verify(const char *path, uint64_t seed)
{
	struct params p = params(seed);
	uint64_t fl = p.flushed / 8, i, fresh = 0, stale = 0;
	struct ns_check c = { 0 };
	uint64_t *buf;
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return fail(path);
	buf = malloc(p.size + 1);
	if (!buf)
		return fail("malloc");
	n = fread(buf, 1, p.size + 1, f);
	fclose(f);
	if (n != p.size) {
		printf("powercut-verify: %s has %zu bytes, want %llu: FAIL\n", path,
		       n, (unsigned long long)p.size);
		return 1;
	}
	ns_check_words(&c, buf, 0, fl, seed, fl, NS_OLD_PATTERN, 0);
	ns_check_words(&c, buf + fl, fl, p.written - fl, seed, 0,
		       NS_OLD_PATTERN, 0);
	ns_check_words(&c, buf + p.written, p.written, p.nwords - p.written,
		       seed, 0, NS_OLD_PATTERN, 1);
	for (i = fl; i < p.written; i++) {
		if (buf[i] == ns_new_word(seed, i))
			fresh++;
		else
			stale++;
	}
	printf("powercut-verify: size=%llu flushed=%llu (all new: %s) written-unflushed=%llu words (%llu new, %llu old) unwritten=%llu words old, %llu wrong words: %s\n",
	       (unsigned long long)p.size, (unsigned long long)p.flushed,
	       c.bad ? "no" : "yes", (unsigned long long)(p.written - fl),
	       (unsigned long long)fresh, (unsigned long long)stale,
	       (unsigned long long)(p.nwords - p.written),
	       (unsigned long long)c.bad, c.bad ? "FAIL" : "ok");
	ns_print_bad("powercut-verify", &c);
	free(buf);
	return c.bad ? 1 : 0;
}

/*
 * The checker must be able to fail: a file without the flushed writes, and
 * one with a torn word in the unflushed part, are refused; the right file
 * passes.  Run on the host before the cuts.
 */
static int self_test(const char *path, uint64_t seed)
{
	struct params p;
	uint64_t *buf, i;
	int fails = 0, rc, round;
	FILE *f;

	while (p = params(seed), !p.flushed || p.written * 8 == p.flushed)
		seed++;
	buf = malloc(p.size);
	if (!buf)
		return fail("malloc");
	for (round = 0; round < 3; round++) {
		for (i = 0; i < p.nwords; i++)
			buf[i] = i < p.written && round ? ns_new_word(seed, i) :
				 ns_old_word(seed, i);
		if (round == 2)	/* torn: half of a new word, half of the old */
			buf[p.written - 1] = (ns_new_word(seed, p.written - 1) &
					      0xffffffffull) |
					     (ns_old_word(seed, p.written - 1) &
					      ~0xffffffffull);
		f = fopen(path, "wb");
		if (!f || fwrite(buf, 1, p.size, f) != p.size || fclose(f))
			return fail(path);
		rc = host_verify(path, seed);
		if (rc != (round != 1)) {
			printf("powercut-selftest: %s file %s\n",
			       round == 0 ? "an unflushed" : round == 1 ? "a good" :
			       "a torn", rc ? "refused" : "accepted");
			fails++;
		}
	}
	free(buf);
	printf("powercut-selftest: the checker refuses a lost flush and a torn word, accepts a good file: %s\n",
	       fails ? "FAIL" : "ok");
	return fails ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "write"))
		return guest_write(argv[2], strtoull(argv[3], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "verify"))
		return host_verify(argv[2], strtoull(argv[3], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "selftest"))
		return self_test(argv[2], strtoull(argv[3], NULL, 0));
	fprintf(stderr, "usage: powercut write PATH SEED | powercut verify FILE SEED | powercut selftest TMPFILE SEED\n");
	return 2;
}
