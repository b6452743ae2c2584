// SPDX-License-Identifier: GPL-2.0
/*
 * crash_memory.c - sections under memory pressure (scenarios 7-9 of
 * docs/crash-consistency.md).
 *
 *   swap           zram swap, and a memory cgroup with memory.max = M: a
 *                  pagefile-backed section of 2M written by a process of
 *                  that cgroup must go to swap (the query's swapped_pages
 *                  and SwapTotal - SwapFree show it) and read back intact;
 *                  then a writer of a second such section is killed in
 *                  its last quarter and a process holding a duplicate handle
 *                  checks every published word (scenario 7)
 *   commit_limit   no swap, vm.overcommit_memory=2: a SEC_COMMIT section
 *                  larger than the remaining commit fails with ENOMEM and
 *                  charges nothing; a smaller one is written page by page
 *                  without an OOM kill; a SEC_RESERVE section of the large
 *                  size is created (scenario 8)
 *   oom            a writer of a file-backed view in a small memory cgroup
 *                  allocates after each chunk until the OOM killer takes
 *                  it: it dies of SIGKILL, memory.events counts the kill,
 *                  and its published writes are in the file (scenario 9)
 *
 * A memory cgroup stands for "a guest with little RAM": the section is
 * twice what its writer may keep resident, in every kernel's normal guest.
 * NTSECTION_SEED sets the seed.  Needs root, cgroup2 with the memory
 * controller and zram; reports SKIP without them.
 */
#include "kselftest_harness.h"
#include "ntsection_test.h"
#include "crash_proc.h"
#include "crash_cgroup.h"

#define CG	NS_CGROUP_ROOT "/ntsection-crash"

FIXTURE(mem) {
	int dev;
	long live;
	uint64_t seed, rng;
	int slow;
	uint64_t *pub;
	uint64_t bytes, bad;
	struct timespec t0;
	char overcommit[16];	/* to restore, when a test changed it */
};

FIXTURE_SETUP(mem)
{
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->live = ns_live();
	ASSERT_LE(0, self->live);
	self->seed = ns_base_seed();
	self->rng = ns_test_rng(self->seed, _metadata->name);
	self->slow = ns_slow_kernel();
	self->pub = ns_counter();
	ASSERT_NE(NULL, self->pub);
	self->bytes = 0;
	self->bad = 0;
	self->overcommit[0] = 0;
	clock_gettime(CLOCK_MONOTONIC, &self->t0);
}

FIXTURE_TEARDOWN(mem)
{
	close(self->dev);
	EXPECT_EQ(self->live, ns_live());
	rmdir(CG);
	if (self->overcommit[0])
		ns_write_proc("/proc/sys/vm/overcommit_memory", self->overcommit);
	ns_zram_swap_off();
}

static const char *ok(struct __test_metadata *_metadata,
		      FIXTURE_DATA(mem) *self)
{
	return self->bad || !_metadata->passed ? "FAIL" : "ok";
}

/*
 * A child in the cgroup that maps @h read-only and checks @nwords words
 * against @published; exit status 0 when every word is right.
 */
static pid_t spawn_checker(int h, uint64_t nwords, uint64_t seed,
			   uint64_t published)
{
	struct ns_check c = { 0 };
	volatile uint64_t *v;
	pid_t pid = fork();

	if (pid)
		return pid;
	if (ns_cgroup_enter(CG))
		_exit(3);
	v = mmap(NULL, nwords * 8, PROT_READ, MAP_SHARED, h, 0);
	if (v == MAP_FAILED)
		_exit(4);
	ns_check_words(&c, v, 0, nwords, seed, published, NS_OLD_ZERO, 0);
	ns_print_bad("checker", &c);
	_exit(c.bad ? 1 : 0);
}

static int exited_ok(pid_t pid)
{
	int status;

	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       !WEXITSTATUS(status);
}

static int enter_cg(void)
{
	return ns_cgroup_enter(CG);
}

TEST_F_TIMEOUT(mem, swap, 600)
{
	uint64_t limit = (self->slow ? 16ull : 64ull) << 20;
	uint64_t size = 2 * limit, nwords = size / 8;
	uint64_t seed = ns_rand(&self->rng), seed2 = ns_rand(&self->rng);
	uint64_t target = ns_rand_range(&self->rng, nwords / 4 * 3, nwords - 1);
	long used0, used1;
	struct ns_writer w = {
		.map_flags = MAP_SHARED, .ready_fd = -1, .go_fd = -1,
		.nwords = nwords, .write_words = nwords, .seed = seed,
		.pub = self->pub, .end = NS_END_EXIT, .stall = ~0ull,
		.prepare = enter_cg,
	};
	struct ntsection_info info, info2;
	int64_t published;
	int h, d;
	pid_t pid;

	if (ns_cgroup_make(CG, limit))
		SKIP(return, "no cgroup2 memory controller: %s", strerror(errno));
	if (ns_zram_swap_on(4 * size))
		SKIP(return, "no zram swap: %s", strerror(errno));
	used0 = ns_meminfo("SwapTotal") - ns_meminfo("SwapFree");

	/* 1. the whole section written and read back through swap */
	h = ns_create(self->dev, size, NTSECTION_PAGE_READWRITE, 0, -1,
		      NS_RW_ACCESS);
	ASSERT_LE(0, h);
	*self->pub = 0;
	w.handle = h;
	pid = ns_spawn_writer(&w);
	ASSERT_LT(0, pid);
	EXPECT_TRUE(exited_ok(pid)) self->bad++;
	EXPECT_EQ(nwords, *self->pub) self->bad++;
	ASSERT_EQ(0, ns_query(h, &info));
	used1 = ns_meminfo("SwapTotal") - ns_meminfo("SwapFree");
	EXPECT_LE(size / 4 / 4096, info.swapped_pages) self->bad++;
	EXPECT_LE(used0 + (long)(size / 4 / 1024), used1) self->bad++;
	pid = spawn_checker(h, nwords, seed, nwords);
	EXPECT_TRUE(exited_ok(pid)) self->bad++;
	self->bytes += size;
	close(h);
	EXPECT_EQ(self->live, ns_live());

	/* 2. a writer killed in the last quarter, checked from another handle */
	h = ns_create(self->dev, size, NTSECTION_PAGE_READWRITE, 0, -1,
		      NS_RW_ACCESS);
	ASSERT_LE(0, h);
	d = ns_dup(h, NTSECTION_SECTION_MAP_READ | NTSECTION_SECTION_QUERY, 0);
	ASSERT_LE(0, d);
	*self->pub = 0;
	w.handle = h;
	w.seed = seed2;
	w.end = NS_END_PAUSE;
	if (ns_rand(&self->rng) & 1)
		w.stall = target;
	pid = ns_spawn_writer(&w);
	ASSERT_LT(0, pid);
	close(h);
	published = ns_kill_at(pid, self->pub, target);
	ASSERT_LE(0, published);
	ASSERT_EQ(0, ns_query(d, &info2));
	EXPECT_LT(0, info2.swapped_pages) self->bad++;
	pid = spawn_checker(d, nwords, seed2, published);
	EXPECT_TRUE(exited_ok(pid)) self->bad++;
	self->bytes += size;
	close(d);
	EXPECT_EQ(self->live, ns_live());

	ns_zram_swap_off();
	ksft_print_msg("verdict: swap: %lluMiB pagefile sections in a %lluMiB memory cgroup with zram swap: %llu pages swapped (query), swap used %ld kB, every page read back; writer killed at word %lld of %llu with %llu pages swapped, checked from a duplicate handle; %llu bytes verified, seed %llu, %lds: %s\n",
		       (unsigned long long)(size >> 20),
		       (unsigned long long)(limit >> 20),
		       (unsigned long long)info.swapped_pages, used1 - used0,
		       (long long)published, (unsigned long long)nwords,
		       (unsigned long long)info2.swapped_pages,
		       (unsigned long long)self->bytes,
		       (unsigned long long)self->seed, ns_elapsed(&self->t0),
		       ok(_metadata, self));
	fflush(stdout);
}

TEST_F_TIMEOUT(mem, commit_limit, 600)
{
	char *old_mode = self->overcommit;
	long limit, committed, remaining, after, oom0;
	uint64_t big, small, k;
	volatile uint64_t *v;
	int fd, h, r;
	ssize_t n;

	fd = open("/proc/sys/vm/overcommit_memory", O_RDONLY);
	ASSERT_LE(0, fd);
	n = read(fd, old_mode, sizeof(self->overcommit) - 1);
	close(fd);
	ASSERT_LT(0, n);
	old_mode[n] = 0;
	ns_zram_swap_off();
	ASSERT_EQ(0, ns_meminfo("SwapTotal")) TH_LOG("swap is still on");
	ASSERT_EQ(0, ns_write_proc("/proc/sys/vm/overcommit_memory", "2"));
	oom0 = ns_vmstat("oom_kill");

	limit = ns_meminfo("CommitLimit");
	committed = ns_meminfo("Committed_AS");
	remaining = limit - committed;
	big = ((uint64_t)(remaining > 0 ? remaining : 0) << 10) + (64ull << 20);
	h = ns_create(self->dev, big, NTSECTION_PAGE_READWRITE,
		      NTSECTION_SEC_COMMIT, -1, NS_RW_ACCESS);
	r = h < 0 ? errno : 0;
	after = ns_meminfo("Committed_AS");
	if (h >= 0)
		close(h);
	EXPECT_EQ(ENOMEM, r) self->bad++;
	/* nothing charged: allow other tasks' noise, far below the size */
	EXPECT_GT(committed + 8192, after) self->bad++;

	small = (uint64_t)remaining << 10;
	small = small / 4 < (64ull << 20) ? small / 4 : 64ull << 20;
	small &= ~4095ull;
	h = ns_create(self->dev, small, NTSECTION_PAGE_READWRITE,
		      NTSECTION_SEC_COMMIT, -1, NS_RW_ACCESS);
	EXPECT_LE(0, h) self->bad++;
	if (h >= 0) {
		struct ns_check c = { 0 };

		EXPECT_LE(committed + (long)(small >> 10) - 8192,
			  ns_meminfo("Committed_AS")) self->bad++;
		v = mmap(NULL, small, PROT_READ | PROT_WRITE, MAP_SHARED, h, 0);
		EXPECT_NE(MAP_FAILED, v) self->bad++;
		if (v != MAP_FAILED) {
			for (k = 0; k < small / 8; k += 512)
				v[k] = ns_new_word(self->seed, k);
			for (k = 0; k < small / 8; k += 512)
				ns_check_words(&c, v + k, k, 1, self->seed, k + 1,
					       NS_OLD_ZERO, 0);
			munmap((void *)v, small);
		}
		self->bad += c.bad;
		self->bytes += c.words * 8;
		close(h);
	}
	EXPECT_EQ(oom0, ns_vmstat("oom_kill")) self->bad++;

	h = ns_create(self->dev, big, NTSECTION_PAGE_READWRITE,
		      NTSECTION_SEC_RESERVE, -1, NS_RW_ACCESS);
	EXPECT_LE(0, h) self->bad++;
	if (h >= 0)
		close(h);
	EXPECT_EQ(0, ns_write_proc("/proc/sys/vm/overcommit_memory", old_mode));
	ksft_print_msg("verdict: commit-limit: no swap, overcommit_memory=2, CommitLimit %ld kB, Committed_AS %ld kB: SEC_COMMIT of %llu MiB -> %s, Committed_AS %ld kB after; SEC_COMMIT of %llu MiB written page by page, no OOM kill; SEC_RESERVE of %llu MiB created, %lds: %s\n",
		       limit, committed, (unsigned long long)(big >> 20),
		       r ? strerror(r) : "created", after,
		       (unsigned long long)(small >> 20),
		       (unsigned long long)(big >> 20), ns_elapsed(&self->t0),
		       ok(_metadata, self));
	fflush(stdout);
}

/*
 * The OOM victim: joins the cgroup, maps the file section, then writes
 * 64 KiB chunks of pattern, allocating and touching 1 MiB of anonymous
 * memory after each, until the OOM killer takes it.
 */
static void oom_writer(int h, uint64_t nwords, uint64_t seed, uint64_t *pub)
{
	const uint64_t chunk = 64 * 1024 / 8;
	volatile uint64_t *view;
	uint64_t i;
	char *anon;

	if (ns_cgroup_enter(CG))
		_exit(3);
	ns_write_proc("/proc/self/oom_score_adj", "1000");
	view = mmap(NULL, nwords * 8, PROT_READ | PROT_WRITE, MAP_SHARED, h, 0);
	if (view == MAP_FAILED)
		_exit(4);
	for (i = 0;; i += chunk) {
		if (i < nwords)
			ns_write_words(view, i, i + chunk < nwords ? i + chunk :
				       nwords, seed, pub, ~0ull);
		anon = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (anon == MAP_FAILED)
			_exit(5);
		memset(anon, 0x5a, 1 << 20);
	}
}

TEST_F_TIMEOUT(mem, oom, 600)
{
	uint64_t size = 16ull << 20, nwords = size / 8;
	uint64_t seed = ns_rand(&self->rng);
	long kills0, kills1;
	int file, h, status;
	pid_t pid;

	ns_zram_swap_off();
	if (ns_cgroup_make(CG, 32ull << 20))
		SKIP(return, "no cgroup2 memory controller: %s", strerror(errno));
	ns_write_file(CG, "memory.swap.max", "0");
	kills0 = ns_cgroup_key(CG, "memory.events", "oom_kill");
	ASSERT_LE(0, kills0);
	file = ns_scratch_file(size, O_RDWR);
	ASSERT_LE(0, file);
	ASSERT_EQ(0, ns_fill_old(file, nwords, seed));
	h = ns_create(self->dev, size, NTSECTION_PAGE_READWRITE, 0, file,
		      NS_RW_ACCESS);
	ASSERT_LE(0, h);
	*self->pub = 0;
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		oom_writer(h, nwords, seed, self->pub);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	kills1 = ns_cgroup_key(CG, "memory.events", "oom_kill");
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
		TH_LOG("the writer ended with status %#x", status);
		self->bad++;
	}
	EXPECT_LT(kills0, kills1) self->bad++;
	EXPECT_LT(0, *self->pub) self->bad++;
	self->bad += ns_check_file_twice(self->dev, file, h, nwords, seed,
					 *self->pub, 0, &self->bytes);
	close(h);
	close(file);
	ksft_print_msg("verdict: oom: writer of a %lluMiB file-backed view in a 32MiB memory cgroup OOM-killed (SIGKILL, memory.events oom_kill %ld -> %ld) after publishing %llu words (%s); %llu bytes verified, seed %llu, %lds: %s\n",
		       (unsigned long long)(size >> 20), kills0, kills1,
		       (unsigned long long)*self->pub,
		       *self->pub < nwords ? "mid-write" : "after the last word",
		       (unsigned long long)self->bytes,
		       (unsigned long long)self->seed, ns_elapsed(&self->t0),
		       ok(_metadata, self));
	fflush(stdout);
}

TEST_HARNESS_MAIN
