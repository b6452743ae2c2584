// SPDX-License-Identifier: GPL-2.0
/*
 * coherence.c - every view of a section sees the same bytes at once: two
 * views in one process, parent and child after fork, a process that got
 * the handle over SCM_RIGHTS, read(2)/write(2) and native mmap(2) of a
 * section's file; and copy-on-write views are isolated both ways.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

NS_BACKING_FIXTURE(coherence, 4)

static int rw_section(FIXTURE_DATA(coherence) *self)
{
	return ns_create(self->dev, 4 * self->pg, NTSECTION_PAGE_READWRITE, 0,
			 self->file, NS_ALL_ACCESS);
}

TEST_F(coherence, two_views)
{
	long pg = self->pg;
	int fd = rw_section(self);
	char *a, *b;

	ASSERT_LE(0, fd);
	a = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * pg);
	ASSERT_NE(MAP_FAILED, a);
	ASSERT_NE(MAP_FAILED, b);
	EXPECT_NE(a, b);		/* rule 53: two views, two addresses */
	strcpy(a + 2 * pg, "through a");
	EXPECT_STREQ("through a", b);
	strcpy(b + pg + 5, "through b");
	EXPECT_STREQ("through b", a + 3 * pg + 5);
	munmap(a, 4 * pg);
	munmap(b, 2 * pg);
	close(fd);
}

TEST_F(coherence, fork)
{
	long pg = self->pg;
	int fd = rw_section(self);
	volatile int *p;
	int status;
	pid_t pid;

	ASSERT_LE(0, fd);
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, (void *)p);
	p[0] = 1;
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		/* the inherited view, and a new one of the inherited handle */
		int *q = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED,
			      fd, 0);

		if (q == MAP_FAILED || p[0] != 1 || q[0] != 1)
			_exit(1);
		p[1] = 0x1a2b3c4d;
		q[2] = 0x5e6f;
		while (p[3] != 7)
			usleep(1000);
		_exit(q[3] == 7 ? 0 : 2);
	}
	while (p[2] != 0x5e6f)
		usleep(1000);
	EXPECT_EQ(0x1a2b3c4d, p[1]);
	p[3] = 7;
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	munmap((void *)p, pg);
	close(fd);
}

static int send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	char b;
	struct iovec iov = { .iov_base = &b, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

/*
 * The receiver is forked before the section exists, so it knows it only
 * through the fds it receives: a read-write one and a read-only one.
 */
TEST_F(coherence, scm_rights)
{
	long pg = self->pg;
	volatile int *p;
	int sv[2], fd, ro, status;
	char ok;
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int rfd, rro, bad = 0;
		int *q;

		close(sv[0]);
		close(self->file);
		rfd = recv_fd(sv[1]);
		rro = recv_fd(sv[1]);
		if (rfd < 0 || rro < 0)
			_exit(10);
		q = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, rfd, 0);
		if (q == MAP_FAILED)
			_exit(11);
		bad |= q[0] != 42;
		q[1] = 43;
		/* the read-only handle keeps its access across processes */
		bad |= mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, rro,
			    0) != MAP_FAILED || errno != EACCES;
		bad |= ns_dup(rro, NS_ALL_ACCESS, 0) != -1 || errno != EACCES;
		close(rfd);
		close(rro);
		if (write(sv[1], "k", 1) != 1)
			_exit(12);
		_exit(bad);
	}
	close(sv[1]);
	fd = rw_section(self);
	ASSERT_LE(0, fd);
	ro = ns_dup(fd, NTSECTION_SECTION_MAP_READ, 0);
	ASSERT_LE(0, ro);
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, (void *)p);
	p[0] = 42;
	ASSERT_EQ(0, send_fd(sv[0], fd));
	ASSERT_EQ(0, send_fd(sv[0], ro));
	close(fd);
	close(ro);
	ASSERT_EQ(1, read(sv[0], &ok, 1));
	EXPECT_EQ(43, p[1]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	munmap((void *)p, pg);
	close(sv[0]);
}

/* Copy-on-write isolation, both ways (rule 58, native MAP_PRIVATE rules). */
TEST_F(coherence, copy_on_write)
{
	long pg = self->pg;
	int fd = rw_section(self);
	char *shared, *cow;
	int status;
	pid_t pid;

	ASSERT_LE(0, fd);
	shared = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cow = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT_NE(MAP_FAILED, shared);
	ASSERT_NE(MAP_FAILED, cow);
	/* its writes reach nobody */
	cow[0] = 'c';
	EXPECT_EQ(0, shared[0]);
	/* a page it wrote no longer follows the section */
	shared[1] = 's';
	EXPECT_EQ(0, cow[1]);
	EXPECT_EQ('c', cow[0]);
	/* its untouched pages show others' writes */
	shared[pg] = 'u';
	EXPECT_EQ('u', cow[pg]);
	shared[pg] = 'v';
	EXPECT_EQ('v', cow[pg]);

	/* a child's copy-on-write view: the parent sees nothing */
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		char *c = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE,
			       fd, 0);

		if (c == MAP_FAILED)
			_exit(1);
		c[100] = 'x';
		cow[101] = 'y';		/* the inherited one */
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(0, shared[100]);
	EXPECT_EQ(0, shared[101]);
	EXPECT_EQ(0, cow[101]);
	if (self->file >= 0) {
		char b = 1;

		EXPECT_EQ(1, pread(self->file, &b, 1, 0));
		EXPECT_EQ(0, b);
	}
	munmap(shared, 2 * pg);
	munmap(cow, 2 * pg);
	close(fd);
}

/* File-backed sections: view vs read()/write() vs native mmap (rules 55-56). */
TEST(file_io)
{
	long pg = ns_page();
	char buf[16] = "";
	char *view, *native;
	int dev, file, fd;

	dev = ns_open_dev();
	ASSERT_LE(0, dev);
	file = ns_scratch_file(4 * pg, O_RDWR);
	ASSERT_LE(0, file);
	ASSERT_EQ(6, pwrite(file, "before", 6, pg));
	fd = ns_create(dev, 4 * pg, NTSECTION_PAGE_READWRITE, 0, file,
		       NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	view = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	native = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, file, 0);
	ASSERT_NE(MAP_FAILED, view);
	ASSERT_NE(MAP_FAILED, native);
	EXPECT_EQ(0, memcmp(view + pg, "before", 6));
	/* write(2) -> view and native mmap */
	ASSERT_EQ(5, pwrite(file, "write", 5, 2 * pg));
	EXPECT_EQ(0, memcmp(view + 2 * pg, "write", 5));
	/* view -> read(2) and native mmap, without any flush */
	memcpy(view + 3 * pg, "view", 4);
	ASSERT_EQ(4, pread(file, buf, 4, 3 * pg));
	EXPECT_EQ(0, memcmp(buf, "view", 4));
	EXPECT_EQ(0, memcmp(native + 3 * pg, "view", 4));
	/* native mmap -> view and read(2) */
	memcpy(native + 10, "native", 6);
	EXPECT_EQ(0, memcmp(view + 10, "native", 6));
	ASSERT_EQ(6, pread(file, buf, 6, 10));
	EXPECT_EQ(0, memcmp(buf, "native", 6));
	/* msync on a view works as on a native mapping */
	EXPECT_EQ(0, msync(view, 4 * pg, MS_SYNC));
	munmap(native, 4 * pg);
	munmap(view, 4 * pg);
	close(fd);
	close(file);
	close(dev);
}

TEST_HARNESS_MAIN
