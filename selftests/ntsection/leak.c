// SPDX-License-Identifier: GPL-2.0
/*
 * leak.c - 100,000 create/map/touch/unmap/close cycles (half pagefile-
 * backed, half file-backed) leave the live-section count and the slab
 * usage at their baseline.
 *
 * On the sanitizer kernels the loop is shorter: under TCG a cycle there
 * costs 5 to 50 times more.  The KCSAN kernel runs 10,000 cycles, enough
 * for the slab total to show a leak of 256 bytes a cycle.  The debug
 * kernel runs 3,000: under KASAN the slab total has the quarantine's
 * slack and catches only large leaks however long the loop, and that
 * kernel's kmemleak scan after the suite checks every object the module
 * allocated, which a slab total cannot.
 */
#include "kselftest_harness.h"
#include "ntsection_test.h"

static void drop_page_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);

	sync();
	if (fd >= 0) {
		if (write(fd, "3", 1) != 1)
			perror("/proc/sys/vm/drop_caches");
		close(fd);
	}
}

/*
 * @n create/map/touch/unmap/close cycles, alternating a pagefile-backed
 * section and a section of @file.
 */
static int cycles(int dev, int file, long n)
{
	long pg = ns_page();
	long i;

	for (i = 0; i < n; i++) {
		int fd = ns_create(dev, pg, NTSECTION_PAGE_READWRITE, 0,
				   i & 1 ? file : -1, NS_ALL_ACCESS);
		char *p;

		if (fd < 0)
			return -1;
		p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			return -1;
		p[i % pg] = (char)i;
		if (munmap(p, pg) || close(fd))
			return -1;
	}
	return 0;
}


/*
 * The slack: a section, its shmem inode, dentry and files are well over
 * 1 kB a cycle (100 MB over the loop), and the live counter catches any
 * leaked section or handle on its own.  Under KASAN the quarantine
 * (32 MB in a 1 GB guest) holds freed objects.
 */
#define SLAB_SLACK_KB		2048
#define KASAN_SLAB_SLACK_KB	(48 * 1024)

FIXTURE(leak) {
	int dev;
	int file;
	long live;
};

FIXTURE_SETUP(leak)
{
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->file = ns_scratch_file(ns_page(), O_RDWR);
	ASSERT_LE(0, self->file);
	self->live = ns_live();
	ASSERT_LE(0, self->live);
}

FIXTURE_TEARDOWN(leak)
{
	close(self->file);
	close(self->dev);
}

/* NTSECTION_LEAK_CYCLES overrides the number of cycles */
TEST_F_TIMEOUT(leak, loop, 600)
{
	const char *env = getenv("NTSECTION_LEAK_CYCLES");
	int kasan = ns_kasan_kernel();
	long n = env ? strtol(env, NULL, 10) : kasan ? 3000 :
		 ns_slow_kernel() ? 10000 : 100000;
	long slack = kasan ? KASAN_SLAB_SLACK_KB : SLAB_SLACK_KB;
	long before, after;

	/* warm the caches up, then measure */
	ASSERT_EQ(0, cycles(self->dev, self->file, 1000));
	EXPECT_EQ(self->live, ns_live());
	drop_page_caches();
	usleep(200000);
	before = ns_meminfo("Slab");
	ASSERT_LT(0, before);

	ASSERT_EQ(0, cycles(self->dev, self->file, n));
	EXPECT_EQ(self->live, ns_live());

	drop_page_caches();
	usleep(200000);
	after = ns_meminfo("Slab");
	TH_LOG("Slab: %ld kB before, %ld kB after %ld cycles (slack %ld kB)",
	       before, after, n, slack);
	EXPECT_GT(before + slack, after);
}

TEST_HARNESS_MAIN
