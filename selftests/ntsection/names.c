// SPDX-License-Identifier: GPL-2.0
/*
 * names.c - named sections: create-or-open and create-only, opening by
 * name, case, the Local\ and Global\ prefixes, the length limit, the name's
 * lifetime (the last handle takes it), IPC-namespace isolation, hostile
 * arguments and concurrent create/open/close of one name.
 */
#include <sched.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define RWQ	NS_RW_ACCESS

FIXTURE(names) {
	int dev;
	long pg;
	long live;
};

FIXTURE_SETUP(names)
{
	self->pg = ns_page();
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->live = ns_live();
	ASSERT_LE(0, self->live);
}

FIXTURE_TEARDOWN(names)
{
	close(self->dev);
	EXPECT_EQ(self->live, ns_live());
}

/* A view of the whole of @fd, @len bytes, shared read-write. */
static char *map_rw(int fd, size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	return p == MAP_FAILED ? NULL : p;
}

TEST_F(names, create_then_open_same_section)
{
	__u32 existed = 7;
	struct ntsection_info info;
	int a, b, c;
	char *pa, *pb;

	a = ns_create_named(self->dev, "ns-same", 4096, RWQ, 0, 0, &existed);
	ASSERT_LE(0, a);
	EXPECT_EQ(0, existed);
	b = ns_create_named(self->dev, "ns-same", 8192, RWQ, 0, 0, &existed);
	ASSERT_LE(0, b);
	EXPECT_EQ(1, existed);
	/* the second create opened the first: its size, not 8192 */
	ASSERT_EQ(0, ns_query(b, &info));
	EXPECT_EQ((__u64)self->pg, info.size);
	EXPECT_EQ(NTSECTION_INFO_NAMED, info.flags);
	EXPECT_EQ(2, info.handles);
	c = ns_open_named(self->dev, "ns-same", RWQ);
	ASSERT_LE(0, c);
	EXPECT_NE(0, fcntl(c, F_GETFD) & FD_CLOEXEC);

	pa = map_rw(a, self->pg);
	pb = map_rw(c, self->pg);
	ASSERT_NE(NULL, pa);
	ASSERT_NE(NULL, pb);
	pa[100] = 0x5a;
	EXPECT_EQ(0x5a, pb[100]);
	munmap(pa, self->pg);
	munmap(pb, self->pg);
	close(a);
	close(b);
	close(c);
}

TEST_F(names, create_new_gives_eexist)
{
	int a, fd;

	a = ns_create_named(self->dev, "ns-new", 4096, RWQ,
			   NTSECTION_CREATE_NEW, 0, NULL);
	ASSERT_LE(0, a);
	EXPECT_EQ(-1, ns_create_named(self->dev, "ns-new", 4096, RWQ,
				      NTSECTION_CREATE_NEW, 0, NULL));
	EXPECT_EQ(EEXIST, errno);
	/* with the prefixes too: the same name */
	EXPECT_EQ(-1, ns_create_named(self->dev, "Global\\ns-new", 4096, RWQ,
				      NTSECTION_CREATE_NEW, 0, NULL));
	EXPECT_EQ(EEXIST, errno);
	close(a);
	/* gone with its handle: create-only succeeds again */
	fd = ns_create_named(self->dev, "ns-new", 4096, RWQ,
			    NTSECTION_CREATE_NEW, 0, NULL);
	EXPECT_LE(0, fd);
	close(fd);
}

TEST_F(names, case_sensitive)
{
	__u32 existed = 7;
	int a, b;

	a = ns_create_named(self->dev, "Wine Test Mapping", 4096, RWQ, 0, 0,
			   &existed);
	ASSERT_LE(0, a);
	b = ns_create_named(self->dev, "WINE TEST MAPPING", 4096, RWQ, 0, 0,
			   &existed);
	ASSERT_LE(0, b);
	EXPECT_EQ(0, existed);
	close(b);
	EXPECT_EQ(-1, ns_open_named(self->dev, "WINE TEST MAPPING", RWQ));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, ns_open_named(self->dev, "wine test mapping", RWQ));
	EXPECT_EQ(ENOENT, errno);
	b = ns_open_named(self->dev, "Wine Test Mapping", RWQ);
	EXPECT_LE(0, b);
	close(b);
	close(a);
}

TEST_F(names, prefixes_name_one_scope)
{
	const char *names[] = { "Local\\ns-pfx", "Global\\ns-pfx", "ns-pfx" };
	__u32 existed;
	char *p, *q;
	int a, fd;
	size_t i;

	a = ns_create_named(self->dev, "Local\\ns-pfx", 4096, RWQ, 0, 0,
			   &existed);
	ASSERT_LE(0, a);
	EXPECT_EQ(0, existed);
	p = map_rw(a, self->pg);
	ASSERT_NE(NULL, p);
	for (i = 0; i < 3; i++) {
		fd = ns_create_named(self->dev, names[i], 4096, RWQ, 0, 0,
				    &existed);
		ASSERT_LE(0, fd);
		EXPECT_EQ(1, existed) TH_LOG("%s", names[i]);
		q = map_rw(fd, self->pg);
		ASSERT_NE(NULL, q);
		q[i] = 'a' + i;
		EXPECT_EQ('a' + (int)i, p[i]);
		munmap(q, self->pg);
		close(fd);
		fd = ns_open_named(self->dev, names[i], RWQ);
		EXPECT_LE(0, fd) TH_LOG("%s", names[i]);
		close(fd);
	}
	/* one prefix only: the second is part of the name */
	EXPECT_EQ(-1, ns_open_named(self->dev, "Local\\Local\\ns-pfx", RWQ));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, ns_open_named(self->dev, "Global\\Local\\ns-pfx", RWQ));
	EXPECT_EQ(ENOENT, errno);
	/* case matters in the prefix too */
	EXPECT_EQ(-1, ns_open_named(self->dev, "local\\ns-pfx", RWQ));
	EXPECT_EQ(ENOENT, errno);
	/* a prefix alone is an empty name */
	EXPECT_EQ(-1, ns_create_named(self->dev, "Local\\", 4096, RWQ, 0, 0,
				      NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ns_open_named(self->dev, "Global\\", RWQ));
	EXPECT_EQ(EINVAL, errno);
	munmap(p, self->pg);
	close(a);
}

TEST_F(names, length_limit)
{
	char name[8 + NTSECTION_NAME_MAX + 2];
	__u32 existed;
	int a, b;

	/* NTSECTION_NAME_MAX bytes: fine, also behind a prefix */
	memset(name, 'n', sizeof(name));
	name[NTSECTION_NAME_MAX] = '\0';
	a = ns_create_named(self->dev, name, 4096, RWQ, 0, 0, &existed);
	ASSERT_LE(0, a);
	EXPECT_EQ(0, existed);
	memcpy(name, "Global\\", 7);
	memset(name + 7, 'n', NTSECTION_NAME_MAX);
	name[7 + NTSECTION_NAME_MAX] = '\0';
	b = ns_create_named(self->dev, name, 4096, RWQ, 0, 0, &existed);
	ASSERT_LE(0, b);
	EXPECT_EQ(1, existed);
	close(b);
	/* one more byte: ENAMETOOLONG, with or without prefix */
	name[7 + NTSECTION_NAME_MAX] = 'n';
	name[8 + NTSECTION_NAME_MAX] = '\0';
	EXPECT_EQ(-1, ns_create_named(self->dev, name, 4096, RWQ, 0, 0, NULL));
	EXPECT_EQ(ENAMETOOLONG, errno);
	EXPECT_EQ(-1, ns_open_named(self->dev, name + 7, RWQ));
	EXPECT_EQ(ENAMETOOLONG, errno);
	/* an absurd length is refused before anything is read */
	EXPECT_EQ(-1, ns_open_len(self->dev, name, 0x7fffffff, RWQ));
	EXPECT_EQ(ENAMETOOLONG, errno);
	EXPECT_EQ(-1, ns_open_len(self->dev, NULL, 0xffffffff, RWQ));
	EXPECT_EQ(ENAMETOOLONG, errno);
	/* empty */
	EXPECT_EQ(-1, ns_open_len(self->dev, name, 0, RWQ));
	EXPECT_EQ(EINVAL, errno);
	close(a);
}

TEST_F(names, nul_inside_and_bad_pointers)
{
	struct ntsection_create_args a;
	char *page;
	int fd;

	EXPECT_EQ(-1, ns_open_len(self->dev, "ab\0cd", 5, RWQ));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ns_open_len(self->dev, "abc", 4, RWQ));	/* its NUL */
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ns_open_len(self->dev, (void *)16, 4, RWQ));
	EXPECT_EQ(EFAULT, errno);

	/* an unterminated name running off the end of a mapping */
	page = mmap(NULL, 2 * self->pg, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, page);
	ASSERT_EQ(0, munmap(page + self->pg, self->pg));
	memset(page, 'u', self->pg);
	EXPECT_EQ(-1, ns_open_len(self->dev, page + self->pg - 8, 16, RWQ));
	EXPECT_EQ(EFAULT, errno);
	memset(&a, 0, sizeof(a));
	a.size = 4096;
	a.protect = NTSECTION_PAGE_READWRITE;
	a.file_fd = -1;
	a.access = RWQ;
	a.name = (unsigned long)(page + self->pg - 8);
	a.name_length = 16;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, &a));
	EXPECT_EQ(EFAULT, errno);
	/* the 8 bytes that are there make a fine name */
	a.name_length = 8;
	fd = ioctl(self->dev, NTSECTION_IOC_CREATE, &a);
	EXPECT_LE(0, fd);
	close(fd);
	munmap(page, self->pg);
}

/* "existed" cannot be written back: EFAULT and no handle is left behind. */
TEST_F(names, existed_not_writable)
{
	struct ntsection_create_args *ro;
	int a, before, after, fd;

	a = ns_create_named(self->dev, "ns-ro-args", 4096, RWQ, 0, 0, NULL);
	ASSERT_LE(0, a);
	ro = mmap(NULL, self->pg, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	memset(ro, 0, sizeof(*ro));
	ro->size = 4096;
	ro->protect = NTSECTION_PAGE_READWRITE;
	ro->file_fd = -1;
	ro->access = RWQ;
	ro->name = (unsigned long)"ns-ro-args";
	ro->name_length = strlen("ns-ro-args");
	ASSERT_EQ(0, mprotect(ro, self->pg, PROT_READ));
	before = dup(0);
	close(before);
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_CREATE, ro));
	EXPECT_EQ(EFAULT, errno);
	after = dup(0);
	close(after);
	EXPECT_EQ(before, after);	/* the fd was never installed */
	close(a);
	/* the failed create's handle is gone too: the name went with a */
	EXPECT_EQ(-1, ns_open_named(self->dev, "ns-ro-args", RWQ));
	EXPECT_EQ(ENOENT, errno);
	/* a new section needs no write-back: the same args work */
	fd = ioctl(self->dev, NTSECTION_IOC_CREATE, ro);
	EXPECT_LE(0, fd);
	close(fd);
	munmap(ro, self->pg);
}

TEST_F(names, open_errors)
{
	struct ntsection_open_args o;
	int a, bit, fd;

	EXPECT_EQ(-1, ns_open_named(self->dev, "ns-missing", RWQ));
	EXPECT_EQ(ENOENT, errno);
	a = ns_create_named(self->dev, "ns-open", 4096, RWQ, 0, 0, NULL);
	ASSERT_LE(0, a);

	memset(&o, 0, sizeof(o));
	o.name = (unsigned long)"ns-open";
	o.name_length = 7;
	o.access = RWQ;
	for (bit = 0; bit < 32; bit++) {
		struct ntsection_open_args b = o;

		if ((1U << bit) != NTSECTION_OPEN_INHERIT) {
			b.flags = 1U << bit;
			EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_OPEN, &b));
			EXPECT_EQ(EINVAL, errno) TH_LOG("flag bit %d", bit);
		}
		if (!((1U << bit) & NTSECTION_SECTION_ALL_ACCESS)) {
			b = o;
			b.access = 1U << bit;
			EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_OPEN, &b));
			EXPECT_EQ(EINVAL, errno) TH_LOG("access bit %d", bit);
		}
	}
	{
		struct ntsection_open_args b = o;

		b.pad = 1;
		EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_OPEN, &b));
		EXPECT_EQ(EINVAL, errno);
		b = o;
		b.reserved[0] = 1;
		EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_OPEN, &b));
		EXPECT_EQ(EINVAL, errno);
		b = o;
		b.reserved[1] = 1ULL << 63;
		EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_OPEN, &b));
		EXPECT_EQ(EINVAL, errno);
	}
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_OPEN, (void *)16));
	EXPECT_EQ(EFAULT, errno);
	/* OPEN is a device ioctl */
	EXPECT_EQ(-1, ioctl(a, NTSECTION_IOC_OPEN, &o));
	EXPECT_EQ(ENOTTY, errno);

	/* inherit flag, and the access asked for is the access given */
	o.flags = NTSECTION_OPEN_INHERIT;
	o.access = NTSECTION_SECTION_QUERY;
	fd = ioctl(self->dev, NTSECTION_IOC_OPEN, &o);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	{
		struct ntsection_info info;

		ASSERT_EQ(0, ns_query(fd, &info));
		EXPECT_EQ(NTSECTION_SECTION_QUERY, info.access);
		EXPECT_EQ(MAP_FAILED, mmap(NULL, self->pg, PROT_READ,
					   MAP_SHARED, fd, 0));
		EXPECT_EQ(EACCES, errno);
	}
	close(fd);
	close(a);
}

/*
 * Views keep the data, not the name (rules 33 and 72-73 of
 * docs/windows-rules.md).
 */
TEST_F(names, name_goes_with_last_handle)
{
	__u32 existed = 7;
	int a, b, c;
	char *p, *q;

	a = ns_create_named(self->dev, "ns-life", 4096, RWQ, 0, 0, NULL);
	ASSERT_LE(0, a);
	b = ns_dup(a, 0, NTSECTION_DUP_SAME_ACCESS);
	ASSERT_LE(0, b);
	p = map_rw(a, self->pg);
	ASSERT_NE(NULL, p);
	memset(p, 0x77, self->pg);
	close(a);
	/* a duplicate keeps the name */
	c = ns_open_named(self->dev, "ns-life", RWQ);
	ASSERT_LE(0, c);
	close(c);
	close(b);
	EXPECT_EQ(-1, ns_open_named(self->dev, "ns-life", RWQ));
	EXPECT_EQ(ENOENT, errno);
	/* the view still reads and writes */
	EXPECT_EQ(0x77, p[0]);
	p[1] = 0x11;
	EXPECT_EQ(0x11, p[1]);
	/* a new create makes a fresh, zeroed section */
	c = ns_create_named(self->dev, "ns-life", 4096, RWQ, 0, 0, &existed);
	ASSERT_LE(0, c);
	EXPECT_EQ(0, existed);
	q = map_rw(c, self->pg);
	ASSERT_NE(NULL, q);
	EXPECT_EQ(0, q[0]);
	EXPECT_EQ(0, q[1]);
	q[0] = 1;
	EXPECT_EQ(0x77, p[0]);
	munmap(q, self->pg);
	close(c);
	EXPECT_EQ(self->live + 1, ns_live());	/* p's section */
	munmap(p, self->pg);
}

/* Shared by name between processes (rule 32, docs/windows-rules.md). */
TEST_F(names, child_creates_existing)
{
	int a, status;
	pid_t pid;
	char *p;

	a = ns_create_named(self->dev, "winetest_virtual.c", 4096, RWQ, 0, 0,
			   NULL);
	ASSERT_LE(0, a);
	p = map_rw(a, self->pg);
	ASSERT_NE(NULL, p);
	*(unsigned int *)p = 0x1a2b3c4d;
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		__u32 existed = 0;
		int fd;
		unsigned int *q;

		close(a);
		fd = ns_create_named(self->dev, "winetest_virtual.c", 4096,
				     RWQ, 0, 0, &existed);
		if (fd < 0 || existed != 1)
			_exit(1);
		q = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
		_exit(q != MAP_FAILED && *q == 0x1a2b3c4d ? 0 : 2);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	munmap(p, self->pg);
	close(a);
}

/* Names are per IPC namespace; a namespace's names go with it. */
TEST_F(names, ipc_namespace_isolation)
{
	__u32 existed;
	int a, status;
	pid_t pid;
	char *p;

	a = ns_create_named(self->dev, "ns-ipc", 4096, RWQ, 0, 0, NULL);
	ASSERT_LE(0, a);
	p = map_rw(a, self->pg);
	ASSERT_NE(NULL, p);
	p[0] = 'P';

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd, keep;
		char *q;

		if (unshare(CLONE_NEWIPC))
			_exit(10);
		/* the parent's name is invisible here */
		if (ns_open_named(self->dev, "ns-ipc", RWQ) != -1 ||
		    errno != ENOENT)
			_exit(11);
		fd = ns_create_named(self->dev, "ns-ipc", 4096, RWQ, 0, 0,
				     &existed);
		if (fd < 0 || existed != 0)
			_exit(12);
		q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (q == MAP_FAILED || q[0] != 0)
			_exit(13);
		q[0] = 'C';
		keep = ns_create_named(self->dev, "ns-ipc-child-only", 4096,
				       RWQ, 0, 0, NULL);
		if (keep < 0)
			_exit(14);
		_exit(0);	/* the namespace and its names go */
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ('P', p[0]);
	EXPECT_EQ(-1, ns_open_named(self->dev, "ns-ipc-child-only", RWQ));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(self->live + 1, ns_live());
	munmap(p, self->pg);
	close(a);
}

/* Several processes creating, opening and closing one name at once. */
#define RACE_PROCS	4
#define RACE_ITERS	2000

TEST_F_TIMEOUT(names, concurrent_create_open_close, 400)
{
	pid_t pids[RACE_PROCS];
	int i, status, failed = 0;

	for (i = 0; i < RACE_PROCS; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (pids[i] == 0) {
			int n, fd, fd2;
			__u32 existed;
			char *p;

			for (n = 0; n < RACE_ITERS; n++) {
				fd = ns_create_named(self->dev, "ns-race", 4096,
						     RWQ, 0, 0, &existed);
				if (fd < 0)
					_exit(1);
				fd2 = ns_open_named(self->dev, "ns-race", RWQ);
				if (fd2 < 0 && errno != ENOENT)
					_exit(2);
				if (n % 16 == 0) {
					p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
						 MAP_SHARED, fd, 0);
					if (p == MAP_FAILED)
						_exit(3);
					p[n % 4096]++;
					munmap(p, 4096);
				}
				close(fd);
				if (fd2 >= 0)
					close(fd2);
			}
			_exit(0);
		}
	}
	for (i = 0; i < RACE_PROCS; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			failed++;
	}
	EXPECT_EQ(0, failed);
	EXPECT_EQ(-1, ns_open_named(self->dev, "ns-race", RWQ));
	EXPECT_EQ(ENOENT, errno);
}

TEST_HARNESS_MAIN
