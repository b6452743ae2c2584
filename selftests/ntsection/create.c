// SPDX-License-Identifier: GPL-2.0
/*
 * create.c - NTSECTION_IOC_CREATE: every creation rule and its errno
 * (rules 2-17 of docs/windows-rules.md), for pagefile- and file-backed
 * sections; reserved fields, unknown bits, bad pointers and fds of the
 * wrong kind.
 */
#include <sys/socket.h>
#include <sys/sysmacros.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define RW	NTSECTION_PAGE_READWRITE
#define KNOWN_ATTRS (NTSECTION_SEC_FILE | NTSECTION_SEC_IMAGE |		\
		     NTSECTION_SEC_RESERVE | NTSECTION_SEC_COMMIT |		\
		     NTSECTION_SEC_NOCACHE | NTSECTION_SEC_WRITECOMBINE |	\
		     NTSECTION_SEC_LARGE_PAGES)

static const __u32 good_prots[] = {
	NTSECTION_PAGE_READONLY, NTSECTION_PAGE_READWRITE,
	NTSECTION_PAGE_WRITECOPY, NTSECTION_PAGE_EXECUTE_READ,
	NTSECTION_PAGE_EXECUTE_READWRITE, NTSECTION_PAGE_EXECUTE_WRITECOPY,
};

static const __u32 bad_prots[] = {
	0, NTSECTION_PAGE_NOACCESS, NTSECTION_PAGE_EXECUTE,
	NTSECTION_PAGE_READONLY | NTSECTION_PAGE_READWRITE,
	NTSECTION_PAGE_READWRITE | NTSECTION_PAGE_WRITECOPY,
	NTSECTION_PAGE_EXECUTE_READ | NTSECTION_PAGE_READONLY,
	NTSECTION_PAGE_EXECUTE_READ | NTSECTION_PAGE_EXECUTE_READWRITE,
	NTSECTION_PAGE_READWRITE | NTSECTION_PAGE_NOACCESS,
	NTSECTION_PAGE_READWRITE | 0x100 /* PAGE_GUARD */,
	NTSECTION_PAGE_READWRITE | 0x200 /* PAGE_NOCACHE */,
	0x100, 0x400, 0xff, 0xffffffff,
};

struct attr_case {
	__u32 attrs;
	int err;	/* 0: accepted */
	__u32 reported;
};

#define F NTSECTION_SEC_FILE
#define I NTSECTION_SEC_IMAGE
#define R NTSECTION_SEC_RESERVE
#define C NTSECTION_SEC_COMMIT
#define N NTSECTION_SEC_NOCACHE
#define W NTSECTION_SEC_WRITECOMBINE
#define L NTSECTION_SEC_LARGE_PAGES

/* rule 16, with the interim choices of docs/userspace-api/ntsection.rst */
static const struct attr_case anon_attrs[] = {
	{ R, 0, R }, { R | N, 0, R | N }, { R | W, 0, R | W },
	{ C, 0, C }, { C | N, 0, C | N }, { C | W, 0, C | W }, { 0, 0, C },
	{ R | L, EINVAL, 0 }, { R | C, EINVAL, 0 }, { I | R, EINVAL, 0 },
	{ I | C, EINVAL, 0 }, { N, EINVAL, 0 }, { L, EINVAL, 0 }, { W, EINVAL, 0 },
	{ F, EINVAL, 0 }, { F | R, EINVAL, 0 }, { F | C, EINVAL, 0 },
	{ N | W, EINVAL, 0 }, { C | N | W, EINVAL, 0 }, { C | L | N, EINVAL, 0 },
	{ I, ENOEXEC, 0 },
	/* a page is not a whole large page (rule 92; large.c has the rest) */
	{ C | L, EINVAL, 0 },
};

/* rules 17 and 18 */
static const struct attr_case file_attrs[] = {
	{ R, 0, F }, { R | N, 0, F | N }, { R | W, 0, F | W },
	{ C, 0, F }, { C | N, 0, F | N }, { C | W, 0, F | W }, { 0, 0, F },
	{ C | L, EINVAL, 0 }, { R | L, EINVAL, 0 }, { L, EINVAL, 0 },
	{ R | C, EINVAL, 0 }, { I | R, EINVAL, 0 }, { I | C, EINVAL, 0 },
	{ N, EINVAL, 0 }, { W, EINVAL, 0 }, { F, EINVAL, 0 }, { F | C, EINVAL, 0 },
	{ I | F, EINVAL, 0 }, { I | L, EINVAL, 0 }, { I | W, EINVAL, 0 },
	{ N | W, EINVAL, 0 },
	{ I, ENOEXEC, 0 }, { I | N, ENOEXEC, 0 },
};

FIXTURE(create) {
	int dev;
	long live;
};

FIXTURE_SETUP(create)
{
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->live = ns_live();
	ASSERT_LE(0, self->live);
}

FIXTURE_TEARDOWN(create)
{
	close(self->dev);
	EXPECT_EQ(self->live, ns_live());
}

TEST_F(create, pagefile_basic)
{
	struct ntsection_info info;
	int fd = ns_create(self->dev, ns_page(), RW, 0, -1, NS_ALL_ACCESS);

	ASSERT_LE(0, fd);
	EXPECT_EQ(self->live + 1, ns_live());
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ((__u64)ns_page(), info.size);
	EXPECT_EQ(RW, info.protect);
	EXPECT_EQ(NTSECTION_SEC_COMMIT, info.attributes);
	EXPECT_EQ(NS_ALL_ACCESS, info.access);
	EXPECT_EQ(0, info.dev_major);
	EXPECT_EQ(0, info.dev_minor);
	EXPECT_EQ(0, info.ino);
	EXPECT_EQ(0, info.pad);
	EXPECT_EQ((__u64)ns_page(), info.committed);
	EXPECT_EQ(0, info.reserved);
	/* close-on-exec by default, read-write with MAP_WRITE */
	EXPECT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(O_RDWR, fcntl(fd, F_GETFL) & O_ACCMODE);
	EXPECT_EQ(0, close(fd));
}

TEST_F(create, inherit_and_open_mode)
{
	struct ntsection_create_args a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.size = 1;
	a.protect = RW;
	a.file_fd = -1;
	a.access = NTSECTION_SECTION_MAP_READ;
	a.flags = NTSECTION_CREATE_INHERIT;
	fd = ioctl(self->dev, NTSECTION_IOC_CREATE, &a);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(O_RDONLY, fcntl(fd, F_GETFL) & O_ACCMODE);
	/* not seekable, not readable */
	EXPECT_EQ(-1, lseek(fd, 0, SEEK_SET));
	close(fd);
}

TEST_F(create, pagefile_rounding)
{
	struct ntsection_info info;
	long pg = ns_page();
	int fd;

	fd = ns_create(self->dev, 0x3452, RW, 0, -1, NTSECTION_SECTION_QUERY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ((__u64)((0x3452 + pg - 1) & ~(pg - 1)), info.size);
	close(fd);
	fd = ns_create(self->dev, 1, RW, 0, -1, NTSECTION_SECTION_QUERY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ((__u64)pg, info.size);
	close(fd);
}

TEST_F(create, pagefile_sizes)
{
	int fd;

	/* rule 14: size 0 */
	EXPECT_EQ(-1, ns_create(self->dev, 0, RW, 0, -1, NS_ALL_ACCESS));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 0, RW, NTSECTION_SEC_RESERVE, -1,
				NS_ALL_ACCESS));
	EXPECT_EQ(EINVAL, errno);
	/* beyond any file size, or overflowing when rounded: SECTION_TOO_BIG */
	EXPECT_EQ(-1, ns_create(self->dev, ~0ULL, RW, NTSECTION_SEC_RESERVE,
				-1, NS_ALL_ACCESS));
	EXPECT_EQ(EFBIG, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 1ULL << 63, RW, 0, -1,
				NS_ALL_ACCESS));
	EXPECT_EQ(EFBIG, errno);
	EXPECT_EQ(-1, ns_create(self->dev, (1ULL << 63) - 1, RW,
				NTSECTION_SEC_RESERVE, -1, NS_ALL_ACCESS));
	EXPECT_EQ(EFBIG, errno);
	/* rule 20: a huge SEC_COMMIT exceeds the commit limit, SEC_RESERVE not */
	EXPECT_EQ(-1, ns_create(self->dev, 1ULL << 46, RW, 0, -1,
				NS_ALL_ACCESS));
	EXPECT_EQ(ENOMEM, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 1ULL << 46, RW, NTSECTION_SEC_COMMIT,
				-1, NS_ALL_ACCESS));
	EXPECT_EQ(ENOMEM, errno);
	fd = ns_create(self->dev, 1ULL << 46, RW, NTSECTION_SEC_RESERVE, -1,
		       NS_ALL_ACCESS);
	EXPECT_LE(0, fd);
	close(fd);
}

static int sysctl_rw(const char *path, char *old, size_t n, const char *val)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return -1;
	r = old ? read(fd, old, n - 1) : 0;
	if (r >= 0 && old)
		old[r] = 0;
	if (r < 0 || pwrite(fd, val, strlen(val), 0) != (ssize_t)strlen(val)) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* SEC_COMMIT is charged against the commit limit, SEC_RESERVE is not */
TEST_F(create, commit_limit)
{
	char old[16] = "";
	long left, before, during, after;
	__u64 size;
	int fd;

	if (sysctl_rw("/proc/sys/vm/overcommit_memory", old, sizeof(old), "2"))
		SKIP(return, "cannot set vm.overcommit_memory");
	left = ns_meminfo("CommitLimit") - ns_meminfo("Committed_AS");
	size = (__u64)(left + 65536) * 1024;
	if (left > 0) {
		EXPECT_EQ(-1, ns_create(self->dev, size, RW, 0, -1, 0));
		EXPECT_EQ(ENOMEM, errno);
		EXPECT_EQ(-1, ns_create(self->dev, size, RW,
					NTSECTION_SEC_COMMIT, -1, 0));
		EXPECT_EQ(ENOMEM, errno);
		fd = ns_create(self->dev, size, RW, NTSECTION_SEC_RESERVE, -1, 0);
		EXPECT_LE(0, fd);
		close(fd);
	}
	/* the charge is the section's size, taken at creation */
	before = ns_meminfo("Committed_AS");
	fd = ns_create(self->dev, 64 << 20, RW, NTSECTION_SEC_COMMIT, -1, 0);
	EXPECT_LE(0, fd);
	during = ns_meminfo("Committed_AS");
	close(fd);
	after = ns_meminfo("Committed_AS");
	EXPECT_LE(before + 56 * 1024, during);
	EXPECT_GE(before + 8 * 1024, after);
	EXPECT_EQ(0, sysctl_rw("/proc/sys/vm/overcommit_memory", NULL, 0, old));
	EXPECT_LT(0, left);
}

TEST_F(create, protections)
{
	unsigned int i;
	int fd, file;

	file = ns_scratch_file(ns_page(), O_RDWR);
	ASSERT_LE(0, file);
	for (i = 0; i < ARRAY_SIZE(good_prots); i++) {
		fd = ns_create(self->dev, 1, good_prots[i], 0, -1, 0);
		EXPECT_LE(0, fd) TH_LOG("pagefile protect %#x", good_prots[i]);
		close(fd);
		fd = ns_create(self->dev, 0, good_prots[i], 0, file, 0);
		EXPECT_LE(0, fd) TH_LOG("file protect %#x", good_prots[i]);
		close(fd);
	}
	for (i = 0; i < ARRAY_SIZE(bad_prots); i++) {
		EXPECT_EQ(-1, ns_create(self->dev, 1, bad_prots[i], 0, -1, 0));
		EXPECT_EQ(EINVAL, errno) TH_LOG("pagefile %#x", bad_prots[i]);
		EXPECT_EQ(-1, ns_create(self->dev, 0, bad_prots[i], 0, file, 0));
		EXPECT_EQ(EINVAL, errno) TH_LOG("file %#x", bad_prots[i]);
	}
	close(file);
}

static void check_attrs(struct __test_metadata *_metadata, int dev, int file,
			const struct attr_case *cases, unsigned int n)
{
	struct ntsection_info info;
	unsigned int i;
	int fd;

	for (i = 0; i < n; i++) {
		fd = ns_create(dev, file < 0 ? 1 : 0, NTSECTION_PAGE_READONLY,
			       cases[i].attrs, file, NTSECTION_SECTION_QUERY);
		if (cases[i].err) {
			EXPECT_EQ(-1, fd) TH_LOG("attrs %#x", cases[i].attrs);
			EXPECT_EQ(cases[i].err, errno)
				TH_LOG("attrs %#x", cases[i].attrs);
			continue;
		}
		EXPECT_LE(0, fd) TH_LOG("attrs %#x", cases[i].attrs);
		if (fd < 0)
			continue;
		EXPECT_EQ(0, ns_query(fd, &info));
		EXPECT_EQ(cases[i].reported, info.attributes)
			TH_LOG("attrs %#x", cases[i].attrs);
		close(fd);
	}
}

TEST_F(create, attributes_pagefile)
{
	int bit;

	check_attrs(_metadata, self->dev, -1, anon_attrs,
		    ARRAY_SIZE(anon_attrs));
	for (bit = 0; bit < 32; bit++) {
		if ((1U << bit) & KNOWN_ATTRS)
			continue;
		EXPECT_EQ(-1, ns_create(self->dev, 1, RW, 1U << bit, -1, 0));
		EXPECT_EQ(EINVAL, errno) TH_LOG("bit %d", bit);
		EXPECT_EQ(-1, ns_create(self->dev, 1, RW,
					NTSECTION_SEC_COMMIT | 1U << bit, -1, 0));
		EXPECT_EQ(EINVAL, errno) TH_LOG("bit %d", bit);
	}
}

TEST_F(create, attributes_file)
{
	int file = ns_scratch_file(ns_page(), O_RDWR);
	int bit;

	ASSERT_LE(0, file);
	check_attrs(_metadata, self->dev, file, file_attrs,
		    ARRAY_SIZE(file_attrs));
	for (bit = 0; bit < 32; bit++) {
		if ((1U << bit) & KNOWN_ATTRS)
			continue;
		EXPECT_EQ(-1, ns_create(self->dev, 0, RW, 1U << bit, file, 0));
		EXPECT_EQ(EINVAL, errno) TH_LOG("bit %d", bit);
	}
	close(file);
}

TEST_F(create, file_sizes)
{
	struct ntsection_info info;
	struct stat st;
	int file, ro, fd;

	/* rule 10: size 0 takes the exact file size */
	file = ns_scratch_file(0x3456, O_RDWR);
	ASSERT_LE(0, file);
	ASSERT_EQ(0, fstat(file, &st));
	fd = ns_create(self->dev, 0, RW, 0, file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(0x3456, info.size);
	EXPECT_EQ(NTSECTION_SEC_FILE, info.attributes);
	EXPECT_EQ((__u64)st.st_ino, info.ino);
	EXPECT_EQ(major(st.st_dev), info.dev_major);
	EXPECT_EQ(minor(st.st_dev), info.dev_minor);
	close(fd);

	/* rule 11: smaller than the file */
	fd = ns_create(self->dev, 36, RW, 0, file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(36, info.size);
	close(fd);

	/* rule 13: beyond the file with a writable fd and protection: grows */
	fd = ns_create(self->dev, 0x10000, RW, 0, file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fstat(file, &st));
	EXPECT_EQ(0x10000, st.st_size);
	close(fd);
	fd = ns_create(self->dev, 0x20000, NTSECTION_PAGE_EXECUTE_READWRITE, 0,
		       file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fstat(file, &st));
	EXPECT_EQ(0x20000, st.st_size);
	close(fd);

	/* rule 12: beyond the file otherwise: SECTION_TOO_BIG */
	EXPECT_EQ(-1, ns_create(self->dev, 0x20001, NTSECTION_PAGE_READONLY, 0,
				file, NS_ALL_ACCESS));
	EXPECT_EQ(EFBIG, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 0x20001, NTSECTION_PAGE_WRITECOPY, 0,
				file, NS_ALL_ACCESS));
	EXPECT_EQ(EFBIG, errno);
	EXPECT_EQ(-1, ns_create(self->dev, ~0ULL, RW, 0, file, NS_ALL_ACCESS));
	EXPECT_EQ(EFBIG, errno);
	ro = ns_scratch_file(0x1000, O_RDONLY);
	ASSERT_LE(0, ro);
	EXPECT_EQ(-1, ns_create(self->dev, 0x1001, NTSECTION_PAGE_READONLY, 0,
				ro, NS_ALL_ACCESS));
	EXPECT_EQ(EFBIG, errno);
	ASSERT_EQ(0, fstat(file, &st));
	EXPECT_EQ(0x20000, st.st_size);
	close(ro);
	close(file);

	/* rule 8: empty file, size 0 */
	file = ns_scratch_file(0, O_RDWR);
	ASSERT_LE(0, file);
	EXPECT_EQ(-1, ns_create(self->dev, 0, RW, 0, file, NS_ALL_ACCESS));
	EXPECT_EQ(ENODATA, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 0, NTSECTION_PAGE_READONLY, 0, file,
				NS_ALL_ACCESS));
	EXPECT_EQ(ENODATA, errno);
	close(file);
}

TEST_F(create, file_open_mode)
{
	int ro = ns_scratch_file(ns_page(), O_RDONLY);
	int wo = ns_scratch_file(ns_page(), O_WRONLY);
	int fd;

	ASSERT_LE(0, ro);
	ASSERT_LE(0, wo);
	/* rule 5: read-only fd */
	EXPECT_EQ(-1, ns_create(self->dev, 0, RW, 0, ro, NS_ALL_ACCESS));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 0, NTSECTION_PAGE_EXECUTE_READWRITE,
				0, ro, NS_ALL_ACCESS));
	EXPECT_EQ(EACCES, errno);
	fd = ns_create(self->dev, 0, NTSECTION_PAGE_READONLY, 0, ro,
		       NS_ALL_ACCESS);
	EXPECT_LE(0, fd);
	close(fd);
	fd = ns_create(self->dev, 0, NTSECTION_PAGE_WRITECOPY, 0, ro,
		       NS_ALL_ACCESS);
	EXPECT_LE(0, fd);
	close(fd);
	fd = ns_create(self->dev, 0, NTSECTION_PAGE_EXECUTE_READ, 0, ro,
		       NS_ALL_ACCESS);
	EXPECT_LE(0, fd);
	close(fd);
	fd = ns_create(self->dev, 0, NTSECTION_PAGE_EXECUTE_WRITECOPY, 0, ro,
		       NS_ALL_ACCESS);
	EXPECT_LE(0, fd);
	close(fd);
	/* rule 7: no read access */
	EXPECT_EQ(-1, ns_create(self->dev, 0, NTSECTION_PAGE_READONLY, 0, wo,
				NS_ALL_ACCESS));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 0, RW, 0, wo, NS_ALL_ACCESS));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 0, NTSECTION_PAGE_WRITECOPY, 0, wo,
				NS_ALL_ACCESS));
	EXPECT_EQ(EACCES, errno);
	close(ro);
	close(wo);
}

TEST_F(create, wrong_file_kinds)
{
	int pipefd[2], sv[2], fd, dir, null, path, sec;
	char tmpl[PATH_MAX];

	ASSERT_EQ(0, pipe(pipefd));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	dir = open(ns_scratch_dir(), O_RDONLY | O_DIRECTORY);
	ASSERT_LE(0, dir);
	null = open("/dev/null", O_RDWR);
	ASSERT_LE(0, null);
	sec = ns_create(self->dev, 1, RW, 0, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, sec);
	snprintf(tmpl, sizeof(tmpl), "%s/ntsection-XXXXXX", ns_scratch_dir());
	fd = mkstemp(tmpl);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, 4096));
	path = open(tmpl, O_PATH);
	ASSERT_LE(0, path);
	unlink(tmpl);
	close(fd);

	int enodev[] = { pipefd[0], pipefd[1], sv[0], dir, null, self->dev, sec };

	for (unsigned int i = 0; i < ARRAY_SIZE(enodev); i++) {
		EXPECT_EQ(-1, ns_create(self->dev, 4096, NTSECTION_PAGE_READONLY,
					0, enodev[i], NS_ALL_ACCESS));
		EXPECT_EQ(ENODEV, errno) TH_LOG("case %u", i);
	}
	/* not an open fd: EBADF (O_PATH fds included) */
	EXPECT_EQ(-1, ns_create(self->dev, 4096, NTSECTION_PAGE_READONLY, 0,
				path, NS_ALL_ACCESS));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 4096, NTSECTION_PAGE_READONLY, 0,
				9999, NS_ALL_ACCESS));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 4096, NTSECTION_PAGE_READONLY, 0,
				-2, NS_ALL_ACCESS));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 4096, NTSECTION_PAGE_READONLY, 0,
				INT_MIN, NS_ALL_ACCESS));
	EXPECT_EQ(EBADF, errno);

	close(path);
	close(sec);
	close(null);
	close(dir);
	close(sv[0]);
	close(sv[1]);
	close(pipefd[0]);
	close(pipefd[1]);
}

TEST_F(create, image_sections)
{
	int file = ns_scratch_file(ns_page(), O_RDWR);

	ASSERT_LE(0, file);
	EXPECT_EQ(-1, ns_create(self->dev, 1, NTSECTION_PAGE_READONLY,
				NTSECTION_SEC_IMAGE, -1, NS_ALL_ACCESS));
	EXPECT_EQ(ENOEXEC, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 0, NTSECTION_PAGE_READONLY,
				NTSECTION_SEC_IMAGE, file, NS_ALL_ACCESS));
	EXPECT_EQ(ENOEXEC, errno);
	close(file);
}

TEST_F(create, reserved_fields)
{
	struct ntsection_create_args a, base;
	int fd;

	memset(&base, 0, sizeof(base));
	base.size = 1;
	base.protect = RW;
	base.file_fd = -1;
	base.access = NS_ALL_ACCESS;

	/* a name pointer with no length is an empty name */
	a = base; a.name = (unsigned long)"x";
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, &a));
	EXPECT_EQ(EINVAL, errno);
	/* a length with no pointer reads address 0 */
	a = base; a.name_length = 1;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, &a));
	EXPECT_EQ(EFAULT, errno);
	/* a mode without NTSECTION_CREATE_MODE, or bits beyond 0777 */
	a = base; a.mode = 0600;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, &a));
	EXPECT_EQ(EINVAL, errno);
	a = base; a.mode = 01000; a.flags = NTSECTION_CREATE_MODE;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, &a));
	EXPECT_EQ(EINVAL, errno);
	a = base; a.existed = 1;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, &a));
	EXPECT_EQ(EINVAL, errno);
	a = base; a.reserved[0] = 1;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, &a));
	EXPECT_EQ(EINVAL, errno);
	a = base; a.reserved[1] = 1ULL << 63;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, &a));
	EXPECT_EQ(EINVAL, errno);
	a = base;
	fd = ioctl(self->dev, NTSECTION_IOC_CREATE, &a);
	EXPECT_LE(0, fd);
	close(fd);
}

TEST_F(create, unknown_bits)
{
	struct ntsection_create_args a;
	int bit;

	for (bit = 0; bit < 32; bit++) {
		memset(&a, 0, sizeof(a));
		a.size = 1;
		a.protect = RW;
		a.file_fd = -1;
		if (!((1U << bit) & (NTSECTION_CREATE_INHERIT |
				     NTSECTION_CREATE_NEW |
				     NTSECTION_CREATE_MODE))) {
			a.flags = 1U << bit;
			EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, &a));
			EXPECT_EQ(EINVAL, errno) TH_LOG("flag bit %d", bit);
		}
		if (!((1U << bit) & NTSECTION_SECTION_ALL_ACCESS)) {
			a.flags = 0;
			a.access = 1U << bit;
			EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, &a));
			EXPECT_EQ(EINVAL, errno) TH_LOG("access bit %d", bit);
		}
	}
}

TEST_F(create, bad_pointers)
{
	void *gone = mmap(NULL, ns_page(), PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *ro = mmap(NULL, ns_page(), PROT_READ,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct ntsection_create_args *a;
	int fd;

	ASSERT_NE(MAP_FAILED, gone);
	ASSERT_NE(MAP_FAILED, ro);
	ASSERT_EQ(0, munmap(gone, ns_page()));
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, gone));
	EXPECT_EQ(EFAULT, errno);
	/* straddling the end of readable memory */
	a = (void *)((char *)ro + ns_page() - 8);
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, a));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_VIEW_QUERY, gone));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_FLUSH, gone));
	EXPECT_EQ(EFAULT, errno);

	fd = ns_create(self->dev, 1, RW, 0, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_QUERY, gone));
	EXPECT_EQ(EFAULT, errno);
	/* query copies out: a read-only buffer faults */
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_QUERY, ro));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_DUPLICATE, gone));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_DUPLICATE, NULL));
	EXPECT_EQ(EFAULT, errno);
	close(fd);
	munmap(ro, ns_page());
}

TEST_F(create, wrong_fd_kind)
{
	struct ntsection_create_args a;
	struct ntsection_info info;
	int fd = ns_create(self->dev, 1, RW, 0, -1, NS_ALL_ACCESS);

	ASSERT_LE(0, fd);
	/* section ioctls on the device, device ioctls on a section */
	EXPECT_EQ(-1, ns_query(self->dev, &info));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ns_dup(self->dev, 0, 0));
	EXPECT_EQ(ENOTTY, errno);
	memset(&a, 0, sizeof(a));
	a.size = 1;
	a.protect = RW;
	a.file_fd = -1;
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_CREATE, &a));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ns_flush(fd, &a, 0));
	EXPECT_EQ(ENOTTY, errno);
	close(fd);
}

TEST_HARNESS_MAIN
