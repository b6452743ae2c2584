// SPDX-License-Identifier: GPL-2.0
/*
 * query.c - NTSECTION_IOC_QUERY, NTSECTION_IOC_DUPLICATE,
 * NTSECTION_IOC_VIEW_QUERY (also in a forked child) and NTSECTION_IOC_FLUSH,
 * on pagefile- and file-backed sections.
 */
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

NS_BACKING_FIXTURE(query, 8)

static int rw_section(FIXTURE_DATA(query) *self, __u32 access)
{
	return ns_create(self->dev, 8 * self->pg, NTSECTION_PAGE_READWRITE, 0,
			 self->file, access);
}

TEST_F(query, query)
{
	struct ntsection_info info;
	long pg = self->pg;
	int fd = rw_section(self, NS_ALL_ACCESS);
	int noq;
	char *p;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ((__u64)8 * pg, info.size);
	EXPECT_EQ(NTSECTION_PAGE_READWRITE, info.protect);
	EXPECT_EQ(variant->file_backed ? NTSECTION_SEC_FILE :
		  NTSECTION_SEC_COMMIT, info.attributes);
	EXPECT_EQ(NS_ALL_ACCESS, info.access);
	EXPECT_EQ(0, info.swapped_pages);
	EXPECT_EQ(0, info.pad);
	EXPECT_EQ((__u64)8 * pg, info.committed);
	EXPECT_EQ(0, info.reserved);
	if (variant->file_backed) {
		struct stat st;

		ASSERT_EQ(0, fstat(self->file, &st));
		EXPECT_EQ((__u64)st.st_ino, info.ino);
	} else {
		EXPECT_EQ(0, info.ino);
		EXPECT_EQ(0, info.dev_major);
		EXPECT_EQ(0, info.resident_pages);
	}
	/* resident pages follow the page cache */
	p = mmap(NULL, 8 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	p[0] = p[2 * pg] = p[5 * pg] = 1;
	ASSERT_EQ(0, ns_query(fd, &info));
	/* a file's page cache may hold more than what was touched */
	EXPECT_EQ(1, variant->file_backed ? info.resident_pages >= 3 :
		  info.resident_pages == 3);
	munmap(p, 8 * pg);

	/* rule 29: no SECTION_QUERY, no query */
	noq = ns_dup(fd, NTSECTION_SECTION_MAP_READ, 0);
	ASSERT_LE(0, noq);
	EXPECT_EQ(-1, ns_query(noq, &info));
	EXPECT_EQ(EACCES, errno);
	close(noq);
	close(fd);
}

TEST_F(query, duplicate)
{
	struct ntsection_info info;
	struct ntsection_dup_args a;
	long pg = self->pg;
	int fd = rw_section(self, NS_RW_ACCESS);
	int d, zero, bit;

	ASSERT_LE(0, fd);
	/* subsets, down to nothing */
	d = ns_dup(fd, NTSECTION_SECTION_QUERY | NTSECTION_SECTION_MAP_READ, 0);
	ASSERT_LE(0, d);
	ASSERT_EQ(0, ns_query(d, &info));
	EXPECT_EQ(NTSECTION_SECTION_QUERY | NTSECTION_SECTION_MAP_READ,
		  info.access);
	EXPECT_EQ(O_RDONLY, fcntl(d, F_GETFL) & O_ACCMODE);
	EXPECT_EQ(FD_CLOEXEC, fcntl(d, F_GETFD) & FD_CLOEXEC);
	/* rule 30: the narrower handle cannot widen itself */
	EXPECT_EQ(-1, ns_dup(d, NS_RW_ACCESS, 0));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, ns_dup(d, NTSECTION_SECTION_MAP_WRITE, 0));
	EXPECT_EQ(EACCES, errno);
	close(d);
	EXPECT_EQ(-1, ns_dup(fd, NTSECTION_SECTION_MAP_EXECUTE, 0));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, ns_dup(fd, NTSECTION_SECTION_EXTEND_SIZE, 0));
	EXPECT_EQ(EACCES, errno);
	zero = ns_dup(fd, 0, 0);
	ASSERT_LE(0, zero);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_NONE, MAP_SHARED, zero, 0));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, ns_query(zero, &info));
	EXPECT_EQ(EACCES, errno);
	close(zero);
	/* same access, inherit */
	d = ns_dup(fd, 0, NTSECTION_DUP_SAME_ACCESS | NTSECTION_DUP_INHERIT);
	ASSERT_LE(0, d);
	ASSERT_EQ(0, ns_query(d, &info));
	EXPECT_EQ(NS_RW_ACCESS, info.access);
	EXPECT_EQ(O_RDWR, fcntl(d, F_GETFL) & O_ACCMODE);
	EXPECT_EQ(0, fcntl(d, F_GETFD) & FD_CLOEXEC);
	close(d);
	EXPECT_EQ(-1, ns_dup(fd, NTSECTION_SECTION_QUERY,
			     NTSECTION_DUP_SAME_ACCESS));
	EXPECT_EQ(EINVAL, errno);
	/* reserved, unknown bits */
	memset(&a, 0, sizeof(a));
	a.reserved = 1;
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_DUPLICATE, &a));
	EXPECT_EQ(EINVAL, errno);
	for (bit = 0; bit < 32; bit++) {
		if ((1U << bit) & (NTSECTION_DUP_INHERIT |
				   NTSECTION_DUP_SAME_ACCESS))
			continue;
		EXPECT_EQ(-1, ns_dup(fd, 0, 1U << bit));
		EXPECT_EQ(EINVAL, errno) TH_LOG("flag bit %d", bit);
	}
	for (bit = 5; bit < 32; bit++) {
		EXPECT_EQ(-1, ns_dup(fd, 1U << bit, 0));
		EXPECT_EQ(EINVAL, errno) TH_LOG("access bit %d", bit);
	}
	/* a duplicate outlives the original */
	d = ns_dup(fd, NTSECTION_SECTION_QUERY, 0);
	ASSERT_LE(0, d);
	close(fd);
	ASSERT_EQ(0, ns_query(d, &info));
	EXPECT_EQ((__u64)8 * pg, info.size);
	close(d);
}

TEST_F(query, view_query)
{
	struct ntsection_view_query_args q;
	long pg = self->pg;
	int fd = rw_section(self, NS_ALL_ACCESS);
	char *p, *anon, *cow;
	int status;
	pid_t pid;

	ASSERT_LE(0, fd);
	p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * pg);
	ASSERT_NE(MAP_FAILED, p);
	/* any address inside, even after mprotect split the view */
	ASSERT_EQ(0, mprotect(p + pg, pg, PROT_READ));
	ASSERT_EQ(0, ns_view_query(self->dev, p + pg + 123, &q));
	EXPECT_EQ((unsigned long)p, q.view_start);
	EXPECT_EQ((__u64)4 * pg, q.view_length);
	EXPECT_EQ((__u64)2 * pg, q.offset);
	EXPECT_EQ(NTSECTION_VIEW_SHARED, q.view_flags);
	EXPECT_EQ(PROT_READ, q.prot);
	EXPECT_EQ(PROT_READ | PROT_WRITE, q.max_prot);
	EXPECT_EQ((__u64)8 * pg, q.section.size);
	EXPECT_EQ(NTSECTION_PAGE_READWRITE, q.section.protect);
	EXPECT_EQ(0, q.section.access);
	EXPECT_EQ(0, q.pad2);
	ASSERT_EQ(0, ns_view_query(self->dev, p + 4 * pg - 1, &q));
	EXPECT_EQ((unsigned long)p, q.view_start);
	EXPECT_EQ(PROT_READ | PROT_WRITE, q.prot);

	cow = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 0);
	ASSERT_NE(MAP_FAILED, cow);
	ASSERT_EQ(0, ns_view_query(self->dev, cow, &q));
	EXPECT_EQ(NTSECTION_VIEW_COPY_ON_WRITE, q.view_flags);
	EXPECT_EQ(0, q.offset);
	EXPECT_EQ((__u64)pg, q.view_length);

	/* through fork */
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int dev = ns_open_dev();

		_exit(ns_view_query(dev, p + 2 * pg, &q) ||
		      q.view_start != (unsigned long)p ||
		      q.view_length != (__u64)4 * pg ||
		      q.offset != (__u64)2 * pg);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	/* not in a view */
	anon = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, anon);
	EXPECT_EQ(-1, ns_view_query(self->dev, anon, &q));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, ns_view_query(self->dev, &q, &q));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, ns_view_query(self->dev, NULL, &q));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, ns_view_query(self->dev, p + 4 * pg, &q));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, ns_view_query(self->dev, (void *)~0UL, &q));
	EXPECT_EQ(ENXIO, errno);
	memset(&q, 0, sizeof(q));
	q.address = ~0ULL;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_VIEW_QUERY, &q));
	EXPECT_EQ(ENXIO, errno);
	/* reserved fields */
	memset(&q, 0, sizeof(q));
	q.address = (unsigned long)p;
	q.flags = 1;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_VIEW_QUERY, &q));
	EXPECT_EQ(EINVAL, errno);
	q.flags = 0;
	q.pad = 1;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_VIEW_QUERY, &q));
	EXPECT_EQ(EINVAL, errno);
	/* a native mapping of the same file is not a view */
	if (variant->file_backed) {
		char *n = mmap(NULL, pg, PROT_READ, MAP_SHARED, self->file, 0);

		ASSERT_NE(MAP_FAILED, n);
		EXPECT_EQ(-1, ns_view_query(self->dev, n, &q));
		EXPECT_EQ(ENXIO, errno);
		munmap(n, pg);
	}
	/* gone once unmapped */
	munmap(p, 4 * pg);
	EXPECT_EQ(-1, ns_view_query(self->dev, p, &q));
	EXPECT_EQ(ENXIO, errno);
	munmap(anon, pg);
	munmap(cow, pg);
	close(fd);
}

TEST_F(query, flush)
{
	struct ntsection_flush_args a;
	long pg = self->pg;
	int fd = rw_section(self, NS_ALL_ACCESS);
	char *p, *cow, *anon;

	ASSERT_LE(0, fd);
	p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 4 * pg);
	cow = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_NE(MAP_FAILED, cow);
	memset(p, 'f', 4 * pg);
	cow[0] = 'c';
	EXPECT_EQ(0, ns_flush(self->dev, p, 0));
	EXPECT_EQ(0, ns_flush(self->dev, p + pg + 7, 0));
	EXPECT_EQ(0, ns_flush(self->dev, p + pg, pg));
	EXPECT_EQ(0, ns_flush(self->dev, p + 4 * pg - 1, 1));
	EXPECT_EQ(0, ns_flush(self->dev, p, 4 * pg));
	EXPECT_EQ(0, ns_flush(self->dev, cow, 0));
	EXPECT_EQ(0, msync(p, 4 * pg, MS_SYNC));
	if (variant->file_backed) {
		char b = 0;

		EXPECT_EQ(1, pread(self->file, &b, 1, 5 * pg));
		EXPECT_EQ('f', b);
		EXPECT_EQ(1, pread(self->file, &b, 1, 0));
		EXPECT_EQ(0, b);
	}
	/* past the end of the view, overflow */
	EXPECT_EQ(-1, ns_flush(self->dev, p, 4 * pg + 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ns_flush(self->dev, p + pg, ~0ULL));
	EXPECT_EQ(EINVAL, errno);
	/* not in a view */
	anon = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, anon);
	EXPECT_EQ(-1, ns_flush(self->dev, anon, 0));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, ns_flush(self->dev, NULL, 0));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, ns_flush(self->dev, p + 4 * pg, 0));
	EXPECT_EQ(ENXIO, errno);
	/* reserved fields */
	memset(&a, 0, sizeof(a));
	a.address = (unsigned long)p;
	a.flags = 1;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_FLUSH, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = 0x80000000;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_FLUSH, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = 0;
	a.pad = 1;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_FLUSH, &a));
	EXPECT_EQ(EINVAL, errno);
	a.pad = 0;
	EXPECT_EQ(0, ioctl(self->dev, NTSECTION_IOC_FLUSH, &a));
	munmap(anon, pg);
	munmap(p, 4 * pg);
	munmap(cow, pg);
	close(fd);
}

TEST_F(query, fdinfo)
{
	char path[64], buf[1024], want[256];
	int fd = rw_section(self, NTSECTION_SECTION_MAP_READ);
	ssize_t n;
	int info;

	ASSERT_LE(0, fd);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	info = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, info);
	n = read(info, buf, sizeof(buf) - 1);
	ASSERT_LT(0, n);
	buf[n] = 0;
	snprintf(want, sizeof(want),
		 "ntsection-access:\t0x4\nntsection-size:\t%ld\n"
		 "ntsection-protect:\t0x4\nntsection-attributes:\t%#x\n",
		 8 * self->pg, variant->file_backed ? NTSECTION_SEC_FILE :
		 NTSECTION_SEC_COMMIT);
	EXPECT_NE(NULL, strstr(buf, want)) TH_LOG("%s", buf);
	close(info);
	close(fd);
}

/* HANDLE_INFO: what fdinfo shows, for any handle, in one ioctl */
TEST_F(query, handle_info)
{
	struct ntsection_handle_info hi;
	int fd = rw_section(self, NTSECTION_SECTION_MAP_READ);

	ASSERT_LE(0, fd);
	memset(&hi, 0xa5, sizeof(hi));
	ASSERT_EQ(0, ns_handle_info(fd, &hi));
	EXPECT_EQ((__u64)8 * self->pg, hi.size);
	EXPECT_EQ(NTSECTION_PAGE_READWRITE, hi.protect);
	EXPECT_EQ(variant->file_backed ? NTSECTION_SEC_FILE :
		  NTSECTION_SEC_COMMIT, hi.attributes);
	EXPECT_EQ(NTSECTION_SECTION_MAP_READ, hi.access);
	EXPECT_EQ(0, hi.pad);
	EXPECT_EQ(NTSECTION_VIEW_ALIGNMENT, hi.map_align);
	/* the size follows EXTEND */
	close(fd);
	fd = rw_section(self, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_extend(fd, 9 * self->pg, NULL));
	ASSERT_EQ(0, ns_handle_info(fd, &hi));
	EXPECT_EQ((__u64)9 * self->pg, hi.size);
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_HANDLE_INFO, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_HANDLE_INFO, (void *)1));
	EXPECT_EQ(EFAULT, errno);
	/* on the device: no handle */
	EXPECT_EQ(-1, ns_handle_info(self->dev, &hi));
	EXPECT_EQ(ENOTTY, errno);
	close(fd);
}

TEST_HARNESS_MAIN
