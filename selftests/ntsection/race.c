// SPDX-License-Identifier: GPL-2.0
/*
 * race.c - one section, four threads, every kind of operation at once.
 *
 * The other selftests mostly drive one object from one thread; a data
 * race detector (the kcsan lane: the selftests on a KCSAN kernel) sees
 * only the races it is shown.  Here four threads share one section
 * handle: one extends it a page at a time, one queries it (QUERY,
 * HANDLE_INFO, its fdinfo, /proc/ntsection/sections), one maps views of
 * its current size and commits, touches, view-queries and flushes them,
 * and one duplicates the handle with fewer rights and maps the duplicate.
 * A round ends when the section reaches 64 MiB or after a second; rounds
 * repeat on fresh sections for NTSECTION_RACE_SECONDS (default 2; 10 on
 * the KCSAN kernel, 4 on the slower KASAN one).
 *
 * On a KCSAN kernel the test makes the detector watch one access in
 * NTSECTION_RACE_SKIP_WATCH (default 200) instead of KCSAN's 4000 while
 * it runs (kcsan.skip_watch, restored afterwards): the module's accesses
 * are a small part of all the kernel makes, and a race is reported only
 * when a watched access meets its other half.
 *
 * Every call must succeed (each is valid whatever the others do: sizes
 * only grow, and a view is never mapped beyond a size already seen), the
 * size any thread sees never goes down, and the live-section count comes
 * back to its start.
 */
#include <pthread.h>
#include <time.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

/* a round: up to 64 MiB of a page at a time, or one second */
#define RACE_PAGES	16384
#define ROUND_NS	1000000000LL

struct race {
	int dev;
	int fd;
	long pg;
	int reserve;		/* SEC_RESERVE: the viewer commits */
	int done;		/* the extender's round is over (atomic) */
	int extends;
	pthread_mutex_t lock;
	char why[160];		/* the first failure */
};

static void race_fail(struct race *r, const char *what, int err)
{
	pthread_mutex_lock(&r->lock);
	if (!r->why[0])
		snprintf(r->why, sizeof(r->why), "%s: %s", what, strerror(err));
	pthread_mutex_unlock(&r->lock);
	__atomic_store_n(&r->done, 1, __ATOMIC_RELAXED);
}

static int round_over(struct race *r)
{
	return __atomic_load_n(&r->done, __ATOMIC_RELAXED);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *extender(void *arg)
{
	struct race *r = arg;
	long long end = now_ns() + ROUND_NS;
	__u64 size;
	int i;

	for (i = 2; i <= RACE_PAGES && !round_over(r) && now_ns() < end; i++)
		if (ns_extend(r->fd, (__u64)i * r->pg, &size) ||
		    size != (__u64)i * r->pg)
			race_fail(r, "EXTEND", errno);
	r->extends = i - 2;
	__atomic_store_n(&r->done, 1, __ATOMIC_RELAXED);
	return NULL;
}

/* Read all of @path; 0 or -1 with errno. */
static int read_all(const char *path)
{
	char buf[4096];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	do
		n = read(fd, buf, sizeof(buf));
	while (n > 0);
	close(fd);
	return n < 0 ? -1 : 0;
}

static void *querier(void *arg)
{
	struct race *r = arg;
	struct ntsection_handle_info hi;
	struct ntsection_info info;
	__u64 last = 0;
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", r->fd);
	while (!round_over(r)) {
		if (ns_query(r->fd, &info))
			race_fail(r, "QUERY", errno);
		else if (info.size < last)
			race_fail(r, "QUERY: the size went down", ERANGE);
		else
			last = info.size;
		if (ns_handle_info(r->fd, &hi))
			race_fail(r, "HANDLE_INFO", errno);
		else if (hi.size < last)
			race_fail(r, "HANDLE_INFO: the size went down", ERANGE);
		if (read_all(path))
			race_fail(r, "fdinfo", errno);
		if (read_all("/proc/ntsection/sections"))
			race_fail(r, "/proc/ntsection/sections", errno);
	}
	return NULL;
}

static void *viewer(void *arg)
{
	struct race *r = arg;
	struct ntsection_view_query_args q;
	struct ntsection_info info;
	unsigned int seed = 1;

	while (!round_over(r)) {
		size_t len, k;
		char *v;

		if (ns_query(r->fd, &info)) {
			race_fail(r, "QUERY", errno);
			break;
		}
		len = info.size;
		v = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
			 r->fd, 0);
		if (v == MAP_FAILED) {
			race_fail(r, "mmap of the size seen", errno);
			break;
		}
		k = rand_r(&seed) % (len / r->pg);
		if (r->reserve && ns_commit(r->dev, v + k * r->pg, r->pg, NULL))
			race_fail(r, "COMMIT", errno);
		v[k * r->pg] = 1;
		if (ns_view_query(r->dev, v + k * r->pg, &q))
			race_fail(r, "VIEW_QUERY", errno);
		if (ns_flush(r->dev, v, len))
			race_fail(r, "FLUSH", errno);
		munmap(v, len);
	}
	return NULL;
}

static void *duper(void *arg)
{
	struct race *r = arg;
	struct ntsection_info info;

	while (!round_over(r)) {
		int d = ns_dup(r->fd, NTSECTION_SECTION_QUERY |
				      NTSECTION_SECTION_MAP_READ, 0);
		void *v;

		if (d < 0) {
			race_fail(r, "DUPLICATE", errno);
			break;
		}
		if (ns_query(d, &info))
			race_fail(r, "QUERY of the duplicate", errno);
		v = mmap(NULL, r->pg, PROT_READ, MAP_SHARED, d, 0);
		if (v == MAP_FAILED)
			race_fail(r, "mmap of the duplicate", errno);
		else
			munmap(v, r->pg);
		close(d);
	}
	return NULL;
}

#define SKIP_WATCH	"/sys/module/kcsan/parameters/skip_watch"

FIXTURE(race) {
	int dev;
	long pg;
	long live;
	double seconds;
	char skip_watch[32];	/* KCSAN's, to restore; "" without KCSAN */
};

FIXTURE_SETUP(race)
{
	const char *env = getenv("NTSECTION_RACE_SECONDS");

	self->pg = ns_page();
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->live = ns_live();
	self->seconds = env ? atof(env) : ns_kasan_kernel() ? 4 : 2;
	if (!ns_read_proc(SKIP_WATCH, self->skip_watch,
			  sizeof(self->skip_watch))) {
		self->seconds = env ? atof(env) : 10;
		env = getenv("NTSECTION_RACE_SKIP_WATCH");
		ASSERT_EQ(0, ns_write_proc(SKIP_WATCH, env ? env : "200"));
	} else {
		self->skip_watch[0] = '\0';
	}
}

FIXTURE_TEARDOWN(race)
{
	if (self->skip_watch[0])
		ns_write_proc(SKIP_WATCH, self->skip_watch);
	close(self->dev);
}

/* Rounds on fresh sections of @file (-1: pagefile) until the time is up. */
static void rounds(struct __test_metadata *_metadata,
		   FIXTURE_DATA(race) *self, __u32 attrs, int file)
{
	void *(*roles[])(void *) = { extender, querier, viewer, duper };
	pthread_t t[ARRAY_SIZE(roles)];
	long long end = now_ns() + self->seconds * 1e9;
	long extends = 0;
	int n = 0;
	size_t i;

	do {
		struct race r = {
			.dev = self->dev, .pg = self->pg,
			.reserve = !!(attrs & NTSECTION_SEC_RESERVE),
			.lock = PTHREAD_MUTEX_INITIALIZER,
		};

		if (file >= 0)
			ASSERT_EQ(0, ftruncate(file, self->pg));
		r.fd = ns_create(self->dev, self->pg, NTSECTION_PAGE_READWRITE,
				 attrs, file, NS_ALL_ACCESS);
		ASSERT_LE(0, r.fd);
		for (i = 0; i < ARRAY_SIZE(roles); i++)
			ASSERT_EQ(0, pthread_create(&t[i], NULL, roles[i], &r));
		for (i = 0; i < ARRAY_SIZE(roles); i++)
			ASSERT_EQ(0, pthread_join(t[i], NULL));
		close(r.fd);
		EXPECT_STREQ("", r.why);
		if (r.why[0])
			break;
		n++;
		extends += r.extends;
	} while (now_ns() < end);
	ksft_print_msg("%d sections, %ld extends in %.0f s\n", n, extends,
		       self->seconds);
	fflush(stdout);	/* the harness's child ends with _exit() */
	if (self->live >= 0)
		EXPECT_EQ(self->live, ns_live());
}

TEST_F(race, pagefile_reserve)
{
	rounds(_metadata, self, NTSECTION_SEC_RESERVE, -1);
}

TEST_F(race, pagefile_commit)
{
	rounds(_metadata, self, NTSECTION_SEC_COMMIT, -1);
}

TEST_F(race, file_backed)
{
	int file = ns_scratch_file(self->pg, O_RDWR);

	ASSERT_LE(0, file);
	rounds(_metadata, self, NTSECTION_SEC_COMMIT, file);
	close(file);
}

TEST_HARNESS_MAIN
