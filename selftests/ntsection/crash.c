// SPDX-License-Identifier: GPL-2.0
/*
 * crash.c - crash consistency of views (scenarios 1-5 of
 * docs/crash-consistency.md): a process killed mid-write loses nothing
 * that reached its view.
 *
 *   kill_file          SIGKILL a writer of a file-backed view at a random
 *                      published count, 4 KiB..64 MiB; check read(2), a
 *                      fresh view and native mmap, then again after fsync
 *                      and drop_caches (scenario 1)
 *   kill_second_view   the same while another process holds a view, which
 *                      must show every published write (scenario 2)
 *   kill_only_view     the killed writer held the only view and no handle:
 *                      the section is freed, the file has the writes (2)
 *   end_identical      exit(0), SIGKILL, SIGSEGV and exit without munmap
 *                      after the same writes give byte-identical files (3)
 *   kill_cow_view      a killed copy-on-write writer: nothing reaches the
 *                      file or a shared view (scenario 4)
 *   kill_pagefile      pagefile-backed: a process holding only a handle
 *                      maps it after the kill and sees every published
 *                      write; the section and its memory go away (5)
 *   kill_large_pages   the same with large-page sections, whose views
 *                      are mapped by PMD entries (5)
 *
 * Each prints one "verdict:" line with its figures.  NTSECTION_SEED sets
 * the seed, NTSECTION_KILLS the number of kills of kill_file (default 200;
 * the other scenarios run a tenth of it, at least 20).  The scenarios that
 * power-cut, swap, hit the commit limit or the OOM killer are in
 * crash_memory.c and tools/testing/vm/powercut.
 */
#include "kselftest_harness.h"
#include "ntsection_test.h"
#include "crash_proc.h"

FIXTURE(crash) {
	int dev;
	long live;
	uint64_t seed;		/* printed */
	uint64_t rng;		/* per-test stream from the seed */
	long kills;
	int slow;
	uint64_t *pub;
	uint64_t bytes;		/* bytes verified */
	uint64_t bad;		/* wrong words and failed steps */
	struct timespec t0;
};

FIXTURE_SETUP(crash)
{
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->live = ns_live();
	ASSERT_LE(0, self->live);
	self->seed = ns_base_seed();
	self->rng = ns_test_rng(self->seed, _metadata->name);
	self->kills = ns_env_long("NTSECTION_KILLS", 200);
	ASSERT_LT(0, self->kills);
	self->slow = ns_slow_kernel();
	self->pub = ns_counter();
	ASSERT_NE(NULL, self->pub);
	self->bytes = 0;
	self->bad = 0;
	clock_gettime(CLOCK_MONOTONIC, &self->t0);
}

FIXTURE_TEARDOWN(crash)
{
	close(self->dev);
	EXPECT_EQ(self->live, ns_live());
}

/* kills for the scenarios other than kill_file */
static long few(FIXTURE_DATA(crash) *self)
{
	return self->kills / 10 < 20 ? 20 : self->kills / 10;
}

/*
 * Sizes for kill number @k of @n: mostly 4 KiB..512 KiB, every tenth
 * 1..16 MiB, and 64 MiB for the last kill and every 50th.  A sanitizer kernel
 * runs the kernel side about 5x slower: there most kills are 4..64 KiB,
 * every tenth 1..4 MiB, and only the last is 64 MiB.
 */
static uint64_t kill_size(FIXTURE_DATA(crash) *self, long k, long n)
{
	if (k == n - 1 || (!self->slow && k % 50 == 49))
		return 64ull << 20;
	if (k % 10 == 9)
		return (1ull << 20) << ns_rand_range(&self->rng, 0,
						     self->slow ? 2 : 4);
	return 4096ull << ns_rand_range(&self->rng, 0, self->slow ? 4 : 7);
}

/* 4 KiB..2 MiB, 4 KiB..512 KiB on a sanitizer kernel */
#define FEW_MAX(self)	((self)->slow ? "512KiB" : "2MiB")
static uint64_t few_size(FIXTURE_DATA(crash) *self)
{
	return 4096ull << ns_rand_range(&self->rng, 0, self->slow ? 7 : 9);
}

static void verdict(struct __test_metadata *_metadata,
		    FIXTURE_DATA(crash) *self, const char *what)
{
	ksft_print_msg("verdict: %s, %llu bytes verified, seed %llu, %lds: %s\n",
		       what, (unsigned long long)self->bytes,
		       (unsigned long long)self->seed, ns_elapsed(&self->t0),
		       self->bad || !_metadata->passed ? "FAIL" : "ok");
	fflush(stdout);
}

/* A scratch file of @size bytes of old pattern and a section on it. */
static int file_section(FIXTURE_DATA(crash) *self, uint64_t size,
			uint64_t seed, int *handle)
{
	int file = ns_scratch_file(size, O_RDWR);

	*handle = -1;
	if (file < 0 || ns_fill_old(file, size / 8, seed))
		return -1;
	*handle = ns_create(self->dev, size, NTSECTION_PAGE_READWRITE, 0, file,
			    NS_RW_ACCESS);
	return *handle < 0 ? -1 : file;
}

/*
 * One kill of a file-backed writer.  @holder: another process holds a view
 * during the kill and checks it afterwards.  @only_view: the writer closes
 * its handle and so does the parent before the writer starts.
 */
static void kill_one(struct __test_metadata *_metadata,
		     FIXTURE_DATA(crash) *self, uint64_t size, int holder,
		     int only_view, uint64_t *mid)
{
	uint64_t nwords = size / 8, seed = ns_rand(&self->rng);
	uint64_t target = ns_rand_range(&self->rng, 0, nwords - 1);
	struct ns_writer w = {
		.map_flags = MAP_SHARED, .close_handle = only_view,
		.ready_fd = -1, .go_fd = -1, .nwords = nwords,
		.write_words = nwords, .seed = seed, .pub = self->pub,
		.end = NS_END_PAUSE, .stall = ~0ull,
	};
	int ready[2], go[2], hgo[2], file, h, status;
	pid_t pid, hpid = -1;
	int64_t published;
	char c;

	/* half the kills hit a writer stopped between a store and its publish */
	if (ns_rand(&self->rng) & 1)
		w.stall = target;
	file = file_section(self, size, seed, &h);
	ASSERT_LE(0, file);
	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(hgo));
	*self->pub = 0;
	if (holder) {
		hpid = fork();
		ASSERT_LE(0, hpid);
		if (!hpid) {
			volatile uint64_t *v;
			struct ns_check ck = { 0 };

			v = mmap(NULL, size, PROT_READ, MAP_SHARED, h, 0);
			if (v == MAP_FAILED)
				_exit(3);
			close(h);
			if (write(ready[1], "h", 1) != 1 ||
			    read(hgo[0], &c, 1) != 1)
				_exit(4);
			ns_check_words(&ck, v, 0, nwords, seed,
				       __atomic_load_n(self->pub, __ATOMIC_ACQUIRE),
				       NS_OLD_PATTERN, 0);
			ns_print_bad("the other process's view", &ck);
			_exit(ck.bad ? 1 : 0);
		}
		ASSERT_EQ(1, read(ready[0], &c, 1));
	}
	w.handle = h;
	w.ready_fd = ready[1];
	w.go_fd = go[0];
	pid = ns_spawn_writer(&w);
	ASSERT_LE(0, pid);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	if (only_view) {
		close(h);
		h = -1;
		EXPECT_EQ(self->live + 1, ns_live());
	}
	ASSERT_EQ(1, write(go[1], "g", 1));
	published = ns_kill_at(pid, self->pub, target);
	ASSERT_LE(0, published) TH_LOG("the writer did not die of SIGKILL");
	if ((uint64_t)published < nwords)
		(*mid)++;
	if (only_view)
		EXPECT_EQ(self->live, ns_live()) TH_LOG("freed with its only view");
	if (holder) {
		ASSERT_EQ(1, write(hgo[1], "c", 1));
		ASSERT_EQ(hpid, waitpid(hpid, &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
			self->bad++;
		self->bytes += size;
	}
	self->bad += ns_check_file_twice(self->dev, file, h, nwords, seed,
					 published, 0, &self->bytes);
	EXPECT_EQ(0, self->bad) TH_LOG("size %llu, seed %llu, published %lld",
				       (unsigned long long)size,
				       (unsigned long long)seed,
				       (long long)published);
	if (h >= 0)
		close(h);
	close(file);
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	close(go[1]);
	close(hgo[0]);
	close(hgo[1]);
}

TEST_F_TIMEOUT(crash, kill_file, 3600)
{
	uint64_t mid = 0, size, lo = ~0ull, hi = 0;
	char what[160], a[24], b[24];
	long k;

	for (k = 0; k < self->kills && !self->bad; k++) {
		size = kill_size(self, k, self->kills);
		lo = size < lo ? size : lo;
		hi = size > hi ? size : hi;
		kill_one(_metadata, self, size, 0, 0, &mid);
	}
	snprintf(what, sizeof(what), "kill-file: %ld kills (%llu mid-write), %s..%s",
		 k, (unsigned long long)mid, ns_size_str(lo, a, sizeof(a)),
		 ns_size_str(hi, b, sizeof(b)));
	verdict(_metadata, self, what);
}

TEST_F_TIMEOUT(crash, kill_second_view, 600)
{
	uint64_t mid = 0;
	char what[160];
	long k, n = few(self);

	for (k = 0; k < n && !self->bad; k++)
		kill_one(_metadata, self, few_size(self), 1, 0, &mid);
	snprintf(what, sizeof(what),
		 "kill-second-view: %ld kills (%llu mid-write), 4KiB..%s, other view checked",
		 k, (unsigned long long)mid, FEW_MAX(self));
	verdict(_metadata, self, what);
}

TEST_F_TIMEOUT(crash, kill_only_view, 600)
{
	uint64_t mid = 0;
	char what[160];
	long k, n = few(self);

	for (k = 0; k < n && !self->bad; k++)
		kill_one(_metadata, self, few_size(self), 0, 1, &mid);
	snprintf(what, sizeof(what),
		 "kill-only-view: %ld kills (%llu mid-write), 4KiB..%s, no handle left, section freed",
		 k, (unsigned long long)mid, FEW_MAX(self));
	verdict(_metadata, self, what);
}

/* Compare two files of @size bytes; the first differing offset or -1. */
static int64_t file_diff(int a, int b, uint64_t size)
{
	static char x[1 << 16], y[1 << 16];
	uint64_t off, n, i;

	for (off = 0; off < size; off += n) {
		n = size - off < sizeof(x) ? size - off : sizeof(x);
		if (pread(a, x, n, off) != (ssize_t)n ||
		    pread(b, y, n, off) != (ssize_t)n)
			return off;
		if (memcmp(x, y, n))
			for (i = 0; i < n; i++)
				if (x[i] != y[i])
					return off + i;
	}
	return -1;
}

TEST_F_TIMEOUT(crash, end_identical, 600)
{
	static const struct {
		enum ns_end end;
		int sig;	/* the signal it must die of, or 0 for exit(0) */
		const char *name;
	} ends[] = {
		{ NS_END_EXIT, 0, "exit(0)" },
		{ NS_END_PAUSE, SIGKILL, "SIGKILL" },
		{ NS_END_SEGV, SIGSEGV, "SIGSEGV" },
		{ NS_END_NOUNMAP, 0, "exit without munmap" },
	};
	const int n_ends = ARRAY_SIZE(ends);
	long rounds = few(self) / 4, r;
	int files[4], i, status;
	char what[160];
	int64_t off;

	for (r = 0; r < rounds && !self->bad; r++) {
		uint64_t size = 4096ull << ns_rand_range(&self->rng, 0, 8);
		uint64_t nwords = size / 8, seed = ns_rand(&self->rng);
		uint64_t written = ns_rand_range(&self->rng, 1, nwords);

		for (i = 0; i < n_ends; i++) {
			struct ns_writer w = {
				.map_flags = MAP_SHARED, .ready_fd = -1,
				.go_fd = -1, .nwords = nwords,
				.write_words = written, .seed = seed,
				.pub = self->pub, .end = ends[i].end,
				.stall = ~0ull,
			};
			int h;
			pid_t pid;

			files[i] = file_section(self, size, seed, &h);
			ASSERT_LE(0, files[i]);
			*self->pub = 0;
			w.handle = h;
			pid = ns_spawn_writer(&w);
			ASSERT_LE(0, pid);
			close(h);
			if (ends[i].end == NS_END_PAUSE) {
				ASSERT_LE(0, ns_kill_at(pid, self->pub, written));
				status = SIGKILL;	/* checked by ns_kill_at */
			} else {
				ASSERT_EQ(pid, waitpid(pid, &status, 0));
			}
			if (ends[i].end == NS_END_PAUSE)
				status = 0;
			else if (ends[i].sig)
				status = !(WIFSIGNALED(status) &&
					   WTERMSIG(status) == ends[i].sig);
			else
				status = !(WIFEXITED(status) &&
					   !WEXITSTATUS(status));
			EXPECT_EQ(0, status) {
				TH_LOG("the %s writer ended otherwise", ends[i].name);
				self->bad++;
			}
			EXPECT_EQ(written, *self->pub) self->bad++;
		}
		/* exactly the written words are new, before and after the disk */
		for (i = 0; i < n_ends; i++)
			self->bad += ns_check_file_twice(self->dev, files[i], -1,
							 nwords, seed, written,
							 0, &self->bytes);
		for (i = 1; i < n_ends; i++) {
			off = file_diff(files[0], files[i], size);
			EXPECT_EQ(-1, off) {
				TH_LOG("%s and %s differ at byte %lld", ends[0].name,
				       ends[i].name, (long long)off);
				self->bad++;
			}
			self->bytes += 2 * size;
		}
		/* nothing beyond the written words may be new */
		{
			struct ns_check c = { 0 };

			ASSERT_EQ(0, ns_check_fd(&c, files[0], nwords, seed, written,
						 NS_OLD_PATTERN, 0));
			EXPECT_EQ(0, c.fresh + c.bad) self->bad++;
			self->bytes += size;
		}
		for (i = 0; i < n_ends; i++)
			close(files[i]);
	}
	snprintf(what, sizeof(what),
		 "end-identical: %ld rounds x exit(0)/SIGKILL/SIGSEGV/no-munmap, 4KiB..1MiB, files byte-identical",
		 r);
	verdict(_metadata, self, what);
}

TEST_F_TIMEOUT(crash, kill_cow_view, 600)
{
	uint64_t mid = 0, written = 0;
	char what[160];
	long k, n = few(self);

	for (k = 0; k < n && !self->bad; k++) {
		uint64_t size = few_size(self);
		uint64_t nwords = size / 8, seed = ns_rand(&self->rng);
		struct ns_writer w = {
			.map_flags = MAP_PRIVATE, .ready_fd = -1, .go_fd = -1,
			.nwords = nwords, .write_words = nwords, .seed = seed,
			.pub = self->pub, .end = NS_END_PAUSE, .stall = ~0ull,
		};
		uint64_t target = ns_rand_range(&self->rng, 1, nwords - 1);
		struct ns_check c = { 0 };
		volatile uint64_t *shared;
		int64_t published;
		int file, h;
		pid_t pid;

		file = file_section(self, size, seed, &h);
		ASSERT_LE(0, file);
		shared = mmap(NULL, size, PROT_READ, MAP_SHARED, h, 0);
		ASSERT_NE(MAP_FAILED, shared);
		*self->pub = 0;
		w.handle = h;
		if (ns_rand(&self->rng) & 1)
			w.stall = target;
		pid = ns_spawn_writer(&w);
		ASSERT_LE(0, pid);
		published = ns_kill_at(pid, self->pub, target);
		ASSERT_LE(1, published);
		written += published;
		if ((uint64_t)published < nwords)
			mid++;
		/* not one word of the copy-on-write view is anywhere */
		ns_check_words(&c, shared, 0, nwords, seed, 0, NS_OLD_PATTERN, 1);
		ns_print_bad("the shared view", &c);
		self->bytes += size;
		self->bad += c.bad;
		self->bad += ns_check_file_twice(self->dev, file, h, nwords, seed,
						 0, 1, &self->bytes);
		EXPECT_EQ(0, self->bad);
		munmap((void *)shared, size);
		close(h);
		close(file);
	}
	snprintf(what, sizeof(what),
		 "kill-cow-view: %ld kills (%llu mid-write), %llu private words written, 4KiB..%s, none reached file or shared view",
		 k, (unsigned long long)mid, (unsigned long long)written,
		 FEW_MAX(self));
	verdict(_metadata, self, what);
}

/* 2, 4 or 8 MiB: whole large pages of @lp bytes (2 or 4 MiB under a sanitizer) */
static uint64_t large_size(FIXTURE_DATA(crash) *self, uint64_t lp)
{
	return lp << ns_rand_range(&self->rng, 0, self->slow ? 1 : 2);
}

/*
 * Pagefile-backed: the parent creates the section, a holder child keeps a
 * handle (and no view), the writer child maps it and closes its handle,
 * the parent closes its own.  After the kill the holder maps the section
 * and checks it.  The last round is 32 MiB and checks that Shmem grew by
 * the written pages (by the whole section, allocated at creation, for
 * large pages) and came back once the holder exited.  With @lp (the large
 * page size), the sections have SEC_LARGE_PAGES and the holder checks
 * that its view is mapped by PMD entries.
 */
static void pagefile_kills(struct __test_metadata *_metadata,
			   FIXTURE_DATA(crash) *self, uint64_t lp)
{
	long k, n = few(self), grew = 0, shmem0 = 0, shmem1 = 0, shmem2 = 0;
	__u32 attrs = lp ? NTSECTION_SEC_COMMIT | NTSECTION_SEC_LARGE_PAGES : 0;
	uint64_t mid = 0;
	char what[320];

	for (k = 0; k < n && !self->bad; k++) {
		int last = k == n - 1;
		uint64_t size = last ? 32ull << 20 :
				lp ? large_size(self, lp) : few_size(self);
		uint64_t nwords = size / 8, seed = ns_rand(&self->rng);
		struct ns_writer w = {
			.map_flags = MAP_SHARED, .close_handle = 1,
			.ready_fd = -1, .go_fd = -1, .nwords = nwords,
			.write_words = nwords, .seed = seed,
			.pub = self->pub, .end = NS_END_PAUSE, .stall = ~0ull,
		};
		uint64_t target = ns_rand_range(&self->rng, 0, nwords - 1);
		int hgo[2], h, status;
		int64_t published;
		pid_t pid, hpid;
		char c;

		ASSERT_EQ(0, pipe(hgo));
		if (last) {
			ASSERT_EQ(0, ns_drop_caches());
			shmem0 = ns_meminfo("Shmem");
		}
		h = ns_create(self->dev, size, NTSECTION_PAGE_READWRITE, attrs,
			      -1, NS_RW_ACCESS);
		ASSERT_LE(0, h);
		*self->pub = 0;
		hpid = fork();
		ASSERT_LE(0, hpid);
		if (!hpid) {
			struct ns_check ck = { 0 };
			volatile uint64_t *v;
			int pmd;

			close(hgo[1]);
			if (read(hgo[0], &c, 1) != 1)
				_exit(4);
			v = mmap(NULL, size, PROT_READ, MAP_SHARED, h, 0);
			if (v == MAP_FAILED)
				_exit(3);
			ns_check_words(&ck, v, 0, nwords, seed,
				       __atomic_load_n(self->pub, __ATOMIC_ACQUIRE),
				       NS_OLD_ZERO, 0);
			ns_print_bad("the handle holder's view", &ck);
			pmd = !lp || ns_smaps_kb((void *)v, "ShmemPmdMapped") ==
				     (long)(size / 1024);
			munmap((void *)v, size);
			if (read(hgo[0], &c, 1) != 1)	/* until told to go */
				_exit(5);
			_exit(ck.bad ? 1 : pmd ? 0 : 6);
		}
		w.handle = h;
		if (!last && (ns_rand(&self->rng) & 1))
			w.stall = target;
		pid = ns_spawn_writer(&w);
		ASSERT_LE(0, pid);
		close(h);
		published = ns_kill_at(pid, self->pub, target);
		ASSERT_LE(0, published);
		if ((uint64_t)published < nwords)
			mid++;
		/* only the holder's handle keeps it now */
		EXPECT_EQ(self->live + 1, ns_live()) self->bad++;
		ASSERT_EQ(1, write(hgo[1], "m", 1));
		if (last)
			shmem1 = ns_meminfo("Shmem");
		ASSERT_EQ(1, write(hgo[1], "x", 1));
		ASSERT_EQ(hpid, waitpid(hpid, &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
			self->bad++;
		self->bytes += size;
		EXPECT_EQ(self->live, ns_live()) self->bad++;
		if (last) {
			ASSERT_EQ(0, ns_drop_caches());
			shmem2 = ns_meminfo("Shmem");
			grew = (lp ? (int64_t)size : published * 8) / 1024;
			/* the pages were there, and they are gone */
			EXPECT_LE(shmem0 + grew / 2, shmem1) self->bad++;
			EXPECT_GE(shmem0 + 1024, shmem2) self->bad++;
		}
		close(hgo[0]);
		close(hgo[1]);
	}
	snprintf(what, sizeof(what),
		 "kill-%s: %ld kills (%llu mid-write), %s..%s + 32MiB, holder of a handle saw every published word%s; Shmem %ld kB -> %ld kB (%ld kB %s) -> %ld kB after the last close",
		 lp ? "large-pages" : "pagefile", k, (unsigned long long)mid,
		 lp ? "2MiB" : "4KiB", lp ? (self->slow ? "4MiB" : "8MiB") :
		 FEW_MAX(self), lp ? " through PMD entries" : "", shmem0,
		 shmem1, grew, lp ? "allocated" : "written", shmem2);
	verdict(_metadata, self, what);
}

TEST_F_TIMEOUT(crash, kill_pagefile, 600)
{
	pagefile_kills(_metadata, self, 0);
}

/* The same with large-page sections (SEC_LARGE_PAGES, 2 MiB pages). */
TEST_F_TIMEOUT(crash, kill_large_pages, 600)
{
	char buf[32];

	if (ns_read_proc("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size",
			 buf, sizeof(buf)))
		SKIP(return, "no transparent huge pages in this kernel");
	pagefile_kills(_metadata, self, strtoull(buf, NULL, 10));
}

/* The checks can fail: a lost published word and a torn word are caught. */
TEST(checker_bites)
{
	uint64_t w[64], seed = ns_base_seed(), i;
	struct ns_check good = { 0 }, lost = { 0 }, torn = { 0 };

	for (i = 0; i < 64; i++)
		w[i] = i < 40 ? ns_new_word(seed, i) : ns_old_word(seed, i);
	ns_check_words(&good, w, 0, 64, seed, 40, NS_OLD_PATTERN, 0);
	EXPECT_EQ(0, good.bad);
	ns_check_words(&lost, w, 0, 64, seed, 41, NS_OLD_PATTERN, 0);
	EXPECT_EQ(1, lost.bad);
	w[50] = (ns_new_word(seed, 50) & 0xffffffffull) |
		(ns_old_word(seed, 50) & ~0xffffffffull);
	ns_check_words(&torn, w, 0, 64, seed, 40, NS_OLD_PATTERN, 0);
	EXPECT_EQ(1, torn.bad);
	EXPECT_EQ(50, torn.first_bad);
	ns_check_words(&torn, w, 0, 64, seed, 0, NS_OLD_PATTERN, 1);
	EXPECT_EQ(1 + 41, torn.bad);
}

TEST_HARNESS_MAIN
