// SPDX-License-Identifier: GPL-2.0
/*
 * extend.c - NTSECTION_IOC_EXTEND (NtExtendSection, group I of
 * docs/windows-rules.md) and views of file-backed SEC_RESERVE sections
 * mapped larger than the section (rule 44): a pagefile SEC_COMMIT section
 * charges its growth (and ENOMEM leaves it as it was), a SEC_RESERVE one
 * grows uncommitted, a file-backed one grows its file when it may, a
 * section never shrinks, a larger view reaches the new pages without
 * being remapped, and extending races faults safely.  Runs under
 * vm.overcommit_memory=2 for the Committed_AS checks, like commit.c.
 */
#include <pthread.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define RW	NTSECTION_PAGE_READWRITE
#define RO	NTSECTION_PAGE_READONLY
#define RESERVE	NTSECTION_SEC_RESERVE

NS_OVERCOMMIT_FIXTURE(extend)

static __u64 section_size(int fd)
{
	struct ntsection_info info;

	return ns_query(fd, &info) ? 0 : info.size;
}

TEST_F(extend, a_reserve_section_grows_uncommitted)
{
	long before = ns_committed_as();
	long pg = self->pg;
	char *view;
	__u64 size;
	int fd;

	fd = ns_create(self->dev, 4 * pg, RW, RESERVE, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	/* rounded up to pages; the new size is returned */
	ASSERT_EQ(0, ns_extend(fd, 6 * pg + 1, &size));
	EXPECT_EQ(7 * pg, size);
	EXPECT_EQ(7 * pg, section_size(fd));
	/* 2 TiB more charges nothing */
	ASSERT_EQ(0, ns_extend(fd, 2 * TiB, &size));
	EXPECT_EQ(2 * TiB, size);
	EXPECT_GT(before + NS_COMMIT_SLACK_KB, ns_committed_as());

	view = mmap(NULL, 8 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		    2 * TiB - 8 * pg);
	ASSERT_NE(MAP_FAILED, view);
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)view + 7 * pg, 0, 0,
				    NULL));
	ASSERT_EQ(0, ns_commit(self->dev, view + 7 * pg, pg, NULL));
	EXPECT_TRUE(ns_can_write(view + 7 * pg));
	munmap(view, 8 * pg);
	close(fd);
}

TEST_F(extend, a_section_never_shrinks)
{
	long pg = self->pg;
	__u64 size = 1;
	int fd, file;

	fd = ns_create(self->dev, 4 * pg, RW, 0, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_extend(fd, pg, &size));
	EXPECT_EQ(4 * pg, size);
	ASSERT_EQ(0, ns_extend(fd, 0, &size));
	EXPECT_EQ(4 * pg, size);
	ASSERT_EQ(0, ns_extend(fd, 4 * pg - 1, &size));
	EXPECT_EQ(4 * pg, size);
	EXPECT_EQ(4 * pg, section_size(fd));
	close(fd);

	/* a file section of 100 bytes, extended to 50: still 100 */
	file = ns_scratch_file(100, O_RDWR);
	ASSERT_LE(0, file);
	fd = ns_create(self->dev, 0, RW, 0, file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_extend(fd, 50, &size));
	EXPECT_EQ(100, size);
	close(fd);
	close(file);
}

TEST_F(extend, a_commit_section_charges_its_growth)
{
	long pg = self->pg, limit = ns_meminfo("CommitLimit"), before;
	size_t grow = 64 * MiB;
	char *view;
	__u64 size;
	int fd;

	ASSERT_LT(0, limit);
	fd = ns_create(self->dev, 4 * pg, RW, 0, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	before = ns_committed_as();
	ASSERT_EQ(0, ns_extend(fd, 4 * pg + grow, &size));
	EXPECT_EQ(4 * pg + grow, size);
	EXPECT_LT(before + grow / 1024 - NS_COMMIT_SLACK_KB, ns_committed_as());
	EXPECT_GT(before + grow / 1024 + NS_COMMIT_SLACK_KB, ns_committed_as());

	/* its new pages need no commit */
	view = mmap(NULL, 8 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		    grow - 4 * pg);
	ASSERT_NE(MAP_FAILED, view);
	EXPECT_TRUE(ns_can_write(view + 7 * pg));
	munmap(view, 8 * pg);

	/* beyond the limit: ENOMEM, and nothing changed */
	before = ns_committed_as();
	EXPECT_EQ(-1, ns_extend(fd, size + (limit - before) * 1024UL +
				64 * MiB, NULL));
	EXPECT_EQ(ENOMEM, errno);
	EXPECT_EQ(size, section_size(fd));
	EXPECT_GT(before + NS_COMMIT_SLACK_KB, ns_committed_as());
	EXPECT_LT(before - NS_COMMIT_SLACK_KB, ns_committed_as());

	/* closing returns the growth too */
	close(fd);
	EXPECT_GT(before - grow / 1024 + NS_COMMIT_SLACK_KB,
		  ns_committed_as());
}

TEST_F(extend, a_file_section_grows_its_file_when_it_may)
{
	long pg = self->pg;
	struct stat st;
	int fd, file, ro;
	__u64 size;

	file = ns_scratch_file(0x3452, O_RDWR);
	ASSERT_LE(0, file);
	fd = ns_create(self->dev, 0, RW, 0, file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	/* exact, not rounded: the file grows to it */
	ASSERT_EQ(0, ns_extend(fd, 5 * pg + 3, &size));
	EXPECT_EQ(5 * pg + 3, size);
	ASSERT_EQ(0, fstat(file, &st));
	EXPECT_EQ(5 * pg + 3, st.st_size);
	close(fd);

	/* a read-only section may not grow its file ... */
	ro = ns_create(self->dev, 0, RO, 0, file, NS_ALL_ACCESS);
	ASSERT_LE(0, ro);
	EXPECT_EQ(-1, ns_extend(ro, 6 * pg, NULL));
	EXPECT_EQ(EFBIG, errno);
	EXPECT_EQ(5 * pg + 3, section_size(ro));
	/* ... but may cover what the file has grown to meanwhile */
	ASSERT_EQ(0, ftruncate(file, 8 * pg));
	ASSERT_EQ(0, ns_extend(ro, 6 * pg, &size));
	EXPECT_EQ(6 * pg, size);
	ASSERT_EQ(0, fstat(file, &st));
	EXPECT_EQ(8 * pg, st.st_size);
	close(ro);
	close(file);
}

/* The file's own refusal to grow comes back as it is: a grow seal, EPERM. */
TEST_F(extend, a_sealed_file_refuses_to_grow)
{
	long pg = self->pg;
	struct stat st;
	int fd, file;

	file = memfd_create("ntsection-extend", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	ASSERT_LE(0, file);
	ASSERT_EQ(0, ftruncate(file, pg));
	fd = ns_create(self->dev, 0, RW, 0, file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fcntl(file, F_ADD_SEALS, F_SEAL_GROW));
	EXPECT_EQ(-1, ns_extend(fd, 2 * pg, NULL));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(pg, section_size(fd));
	ASSERT_EQ(0, fstat(file, &st));
	EXPECT_EQ(pg, st.st_size);
	close(fd);
	close(file);
}

/* rule 44 with rule 87: the LMDB pattern */
TEST_F(extend, a_larger_view_reaches_the_new_pages)
{
	long pg = self->pg;
	char *view;
	int fd, file;

	file = ns_scratch_file(2 * pg, O_RDWR);
	ASSERT_LE(0, file);
	/* without SEC_RESERVE, a view past the section is refused */
	fd = ns_create(self->dev, 0, RW, 0, file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, 3 * pg, PROT_READ, MAP_SHARED, fd, 0));
	EXPECT_EQ(ENXIO, errno);
	close(fd);

	fd = ns_create(self->dev, 0, RW, RESERVE, file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	view = mmap(NULL, 16 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, view);
	EXPECT_TRUE(ns_can_write(view + pg));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)view + 2 * pg, 0, 0,
				    NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)view + 15 * pg, 1, 1,
				    NULL));

	ASSERT_EQ(0, ns_extend(fd, 5 * pg, NULL));
	EXPECT_EQ(0, ns_probe((unsigned char *)view + 4 * pg, 1, 'L', NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)view + 5 * pg, 0, 0,
				    NULL));
	/* the write reached the file */
	{
		char c = 0;

		EXPECT_EQ(1, pread(file, &c, 1, 4 * pg));
		EXPECT_EQ('L', c);
	}
	munmap(view, 16 * pg);
	close(fd);
	close(file);
}

struct race {
	int fd;
	char *view;
	long pg;
	int pages;
	volatile int stop;
	int bad;
};

static void *extender(void *arg)
{
	struct race *r = arg;
	int i;

	for (i = 2; i <= r->pages && !r->bad; i++)
		if (ns_extend(r->fd, (__u64)i * r->pg, NULL))
			r->bad = 1;
	r->stop = 1;
	return NULL;
}

/* Extend and fault at once: a page is reachable iff the size covers it. */
TEST_F(extend, extending_races_faults)
{
	struct race r = { .pg = self->pg, .pages = 256 };
	struct ntsection_info info;
	pthread_t t;
	int file, i, sig, rounds = 0;

	file = ns_scratch_file(self->pg, O_RDWR);
	ASSERT_LE(0, file);
	r.fd = ns_create(self->dev, 0, RW, RESERVE, file, NS_ALL_ACCESS);
	ASSERT_LE(0, r.fd);
	r.view = mmap(NULL, r.pages * self->pg, PROT_READ | PROT_WRITE,
		      MAP_SHARED, r.fd, 0);
	ASSERT_NE(MAP_FAILED, r.view);
	ASSERT_EQ(0, pthread_create(&t, NULL, extender, &r));
	while (!r.stop) {
		for (i = r.pages - 1; i >= 0; i--) {
			/*
			 * The size only grows: one read before a probe that
			 * faults is at most the size the fault saw, one read
			 * after a probe that worked at least that size.
			 */
			__u64 before = ns_query(r.fd, &info) ? 0 : info.size;
			__u64 at = (__u64)i * self->pg;

			sig = ns_probe((unsigned char *)r.view + at, 1, 1,
				       NULL);
			if (sig == SIGSEGV) {
				if (at < before)
					r.bad = 1;
				continue;
			}
			if (sig || ns_query(r.fd, &info) || at >= info.size)
				r.bad = 1;
			break;	/* the pages below are reachable too */
		}
		rounds++;
	}
	ASSERT_EQ(0, pthread_join(t, NULL));
	EXPECT_EQ(0, r.bad);
	ksft_print_msg("%d rounds of probes\n", rounds);
	EXPECT_TRUE(ns_can_write(r.view + (r.pages - 1) * self->pg));
	munmap(r.view, r.pages * self->pg);
	close(r.fd);
	close(file);
}

TEST_F(extend, errors)
{
	struct ntsection_extend_args a;
	long long max = ns_param_get("max_section_size");
	int fd, ro, file;

	fd = ns_create(self->dev, self->pg, RW, 0, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ro = ns_dup(fd, NS_RW_ACCESS, 0);
	ASSERT_LE(0, ro);
	EXPECT_EQ(-1, ns_extend(ro, 2 * self->pg, NULL));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(self->pg, section_size(ro));

	memset(&a, 0, sizeof(a));
	a.size = 2 * self->pg;
	a.flags = 1;
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_EXTEND, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = 0;
	a.pad = 1;
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_EXTEND, &a));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_EXTEND, NULL));
	EXPECT_EQ(EFAULT, errno);
	a.pad = 0;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_EXTEND, &a));
	EXPECT_EQ(ENOTTY, errno);

	/* sizes a file cannot have */
	EXPECT_EQ(-1, ns_extend(fd, 1ULL << 63, NULL));
	EXPECT_EQ(EFBIG, errno);
	EXPECT_EQ(-1, ns_extend(fd, (1ULL << 63) - 1, NULL));
	EXPECT_EQ(EFBIG, errno);
	file = ns_scratch_file(self->pg, O_RDWR);
	ASSERT_LE(0, file);
	close(fd);
	fd = ns_create(self->dev, 0, RW, RESERVE, file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ns_extend(fd, 1ULL << 63, NULL));
	EXPECT_EQ(EFBIG, errno);

	/* the max_section_size limit */
	if (geteuid() == 0 && max >= 0) {
		ASSERT_EQ(0, ns_param_set("max_section_size", 4 * self->pg));
		EXPECT_EQ(0, ns_extend(fd, 4 * self->pg, NULL));
		EXPECT_EQ(-1, ns_extend(fd, 4 * self->pg + 1, NULL));
		EXPECT_EQ(EFBIG, errno);
		EXPECT_EQ(4 * self->pg, section_size(fd));
		ASSERT_EQ(0, ns_param_set("max_section_size", max));
	}
	close(fd);
	close(ro);
	close(file);
}

TEST_HARNESS_MAIN
