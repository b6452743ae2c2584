// SPDX-License-Identifier: GPL-2.0
/*
 * hostile.c - an unprivileged user (uid 1000) tries every way it has to
 * get more than a view was given: write or execute a read-only view of a
 * read-write section.  Every attempt is refused, or succeeds harmlessly
 * (the view keeps its cap and the section's data is unchanged).  Each
 * test runs once per backing (pagefile and file) and once more on a
 * pagefile SEC_RESERVE section whose pages are committed, whose views
 * have a fault handler of the module's.
 */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <linux/io_uring.h>
#include <linux/userfaultfd.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define USER	1000

NS_BACKING_FIXTURE(hostile, 4)
FIXTURE_VARIANT_ADD(hostile, reserve) {
	.attributes = NTSECTION_SEC_RESERVE,
};

/* Commit @len bytes at @p when the variant's sections are SEC_RESERVE. */
static int commit_if_reserve(int dev, __u32 attributes, char *p, long len)
{
	if (!(attributes & NTSECTION_SEC_RESERVE))
		return 0;
	return ns_commit(dev, p, len, NULL);
}

/* A read-only view of a fresh read-write section, as uid 1000. */
static char *ro_view(FIXTURE_DATA(hostile) *self,
		     const FIXTURE_VARIANT(hostile) *variant, int *handle)
{
	int fd = ns_create(self->dev, 2 * self->pg, NTSECTION_PAGE_READWRITE,
			   variant->attributes, self->file, NS_ALL_ACCESS);
	char *p;

	if (fd < 0)
		return MAP_FAILED;
	/* the section's data: 'S' */
	p = mmap(NULL, 2 * self->pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 0);
	if (p == MAP_FAILED ||
	    commit_if_reserve(self->dev, variant->attributes, p, 2 * self->pg))
		return MAP_FAILED;
	memset(p, 'S', 2 * self->pg);
	munmap(p, 2 * self->pg);
	*handle = ns_dup(fd, NTSECTION_SECTION_MAP_READ |
			 NTSECTION_SECTION_QUERY, 0);
	close(fd);
	if (*handle < 0)
		return MAP_FAILED;
	if (geteuid() == 0 && (ns_become(USER) || prctl(PR_SET_DUMPABLE, 1)))
		return MAP_FAILED;
	return mmap(NULL, 2 * self->pg, PROT_READ, MAP_SHARED, *handle, 0);
}

/* The view at @p (@len bytes) is still read-only and the data 'S'. */
static int intact(volatile char *p, long len)
{
	long i;

	for (i = 0; i < len; i += 512)
		if (p[i] != 'S')
			return 0;
	return !ns_can_write(p) && !ns_can_write(p + len - 1);
}

TEST_F(hostile, mprotect)
{
	int h;
	char *p = ro_view(self, variant, &h);

	ASSERT_NE(MAP_FAILED, p);
	EXPECT_EQ(-1, mprotect(p, self->pg, PROT_READ | PROT_WRITE));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, mprotect(p, self->pg, PROT_READ | PROT_EXEC));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(0, mprotect(p, self->pg, PROT_NONE));
	EXPECT_EQ(0, mprotect(p, self->pg, PROT_READ));
	EXPECT_TRUE(intact(p, 2 * self->pg));
	munmap(p, 2 * self->pg);
	close(h);
}

TEST_F(hostile, mremap)
{
	long pg = self->pg;
	int h;
	char *p = ro_view(self, variant, &h), *q, *r;

	ASSERT_NE(MAP_FAILED, p);
	/* grow: refused over a file, SIGBUS pages past a pagefile section */
	q = mremap(p, 2 * pg, 3 * pg, MREMAP_MAYMOVE);
	if (variant->file_backed) {
		EXPECT_EQ(MAP_FAILED, q);
		EXPECT_EQ(EFAULT, errno);
		q = p;
	} else {
		ASSERT_NE(MAP_FAILED, q);
		EXPECT_EQ(-1, mprotect(q, 3 * pg, PROT_READ | PROT_WRITE));
		EXPECT_EQ(EACCES, errno);
		EXPECT_FALSE(ns_can_read(q + 2 * pg));
		q = mremap(q, 3 * pg, 2 * pg, 0);
		ASSERT_NE(MAP_FAILED, q);
	}
	/* move */
	r = mmap(NULL, 4 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, r);
	q = mremap(q, 2 * pg, 2 * pg, MREMAP_MAYMOVE | MREMAP_FIXED, r + pg);
	ASSERT_EQ(r + pg, q);
	EXPECT_EQ(-1, mprotect(q, 2 * pg, PROT_READ | PROT_WRITE));
	EXPECT_EQ(EACCES, errno);
	EXPECT_TRUE(intact(q, 2 * pg));
	/* a copy that leaves the original (refused for shared mappings before 5.13) */
	p = mremap(q, 2 * pg, 2 * pg, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	if (p == MAP_FAILED) {
		EXPECT_EQ(EINVAL, errno);
	} else {
		EXPECT_EQ(-1, mprotect(p, 2 * pg, PROT_READ | PROT_WRITE));
		EXPECT_EQ(EACCES, errno);
		EXPECT_TRUE(intact(p, 2 * pg));
		munmap(p, 2 * pg);
	}
	munmap(r, 4 * pg);
	close(h);
}

/* A handle with MAP_WRITE on a read-only section: VM_SHARED, remappable. */
TEST_F(hostile, remap_file_pages)
{
	long pg = self->pg;
	int fd = ns_create(self->dev, 2 * pg, NTSECTION_PAGE_READONLY,
			   variant->attributes, self->file, NS_ALL_ACCESS);
	int h;
	char *p;

	ASSERT_LE(0, fd);
	h = ns_dup(fd, NTSECTION_SECTION_MAP_READ | NTSECTION_SECTION_MAP_WRITE,
		   0);
	ASSERT_LE(0, h);
	close(fd);
	ASSERT_EQ(0, setresuid(USER, USER, USER));
	p = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, h, 0);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0, commit_if_reserve(self->dev, variant->attributes, p,
				       2 * pg));
	EXPECT_EQ(0, remap_file_pages(p, 2 * pg, 0, 0, 0));
	EXPECT_EQ(-1, mprotect(p, pg, PROT_READ | PROT_WRITE));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, mprotect(p, pg, PROT_READ | PROT_EXEC));
	EXPECT_EQ(EACCES, errno);
	EXPECT_FALSE(ns_can_write(p));
	munmap(p, 2 * pg);
	close(h);
}

/* Every advice: refused, or harmless to the cap and the data. */
TEST_F(hostile, madvise)
{
	long pg = self->pg;
	int h, advice;
	char *p = ro_view(self, variant, &h);

	ASSERT_NE(MAP_FAILED, p);
	for (advice = 0; advice <= 25; advice++) {
		int ret = madvise(p, 2 * pg, advice);

		if (advice == MADV_REMOVE) {
			/* needs a shared writable mapping */
			EXPECT_EQ(-1, ret);
			EXPECT_EQ(EACCES, errno);
		}
		if (advice == MADV_DONTFORK)
			madvise(p, 2 * pg, MADV_DOFORK);
		if (advice == MADV_WIPEONFORK) {	/* private anon only */
			EXPECT_EQ(-1, ret);
			EXPECT_EQ(EINVAL, errno);
		}
		EXPECT_TRUE(intact(p, 2 * pg)) TH_LOG("advice %d", advice);
	}
	/* poisoning pages is for CAP_SYS_ADMIN (an unknown advice without
	 * CONFIG_MEMORY_FAILURE)
	 */
	EXPECT_EQ(-1, madvise(p, pg, MADV_HWPOISON));
	EXPECT_TRUE(errno == EPERM || errno == EINVAL);
	munmap(p, 2 * pg);
	close(h);
}

TEST_F(hostile, fork_then_mprotect)
{
	int h, status;
	char *p = ro_view(self, variant, &h);
	pid_t pid;

	ASSERT_NE(MAP_FAILED, p);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (!mprotect(p, self->pg, PROT_READ | PROT_WRITE) ||
		    errno != EACCES)
			_exit(1);
		_exit(intact(p, 2 * self->pg) ? 0 : 2);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	munmap(p, 2 * self->pg);
	close(h);
}

TEST_F(hostile, proc_paths)
{
	char path[128];
	int h, fd;
	char *p = ro_view(self, variant, &h);

	ASSERT_NE(MAP_FAILED, p);
	/* map_files: CAP_SYS_ADMIN only */
	snprintf(path, sizeof(path), "/proc/self/map_files/%lx-%lx",
		 (unsigned long)p, (unsigned long)p + 2 * self->pg);
	EXPECT_EQ(-1, open(path, O_RDWR));
	EXPECT_EQ(EPERM, errno);
	/* /proc/self/mem: forced writes respect the cap */
	fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, pwrite(fd, "x", 1, (off_t)(unsigned long)p));
	EXPECT_EQ(EIO, errno);
	close(fd);
	/*
	 * The handle cannot be opened again with more rights: its inode is
	 * its creator's (root here), mode 0600, and has no open at all
	 * (ENXIO for root, see security.c).
	 */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", h);
	EXPECT_EQ(-1, open(path, O_RDWR));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, open(path, O_RDONLY));
	EXPECT_EQ(EACCES, errno);
	EXPECT_TRUE(intact(p, 2 * self->pg));
	munmap(p, 2 * self->pg);
	close(h);
}

/* Kernel writes into the view on the user's behalf (GUP with FOLL_WRITE). */
TEST_F(hostile, kernel_writes)
{
	long pg = self->pg;
	struct iovec local, remote;
	char buf[64];
	int h, fd, direct;
	char *p;

	fd = ns_scratch_file(pg, O_RDWR);
	ASSERT_LE(0, fd);
	/* O_DIRECT pins the pages it reads into for writing */
	snprintf(buf, sizeof(buf), "/proc/self/fd/%d", fd);
	direct = open(buf, O_RDONLY | O_DIRECT | O_CLOEXEC);
	p = ro_view(self, variant, &h);
	ASSERT_NE(MAP_FAILED, p);
	memset(buf, 'x', sizeof(buf));
	local.iov_base = buf;
	local.iov_len = sizeof(buf);
	remote.iov_base = p;
	remote.iov_len = sizeof(buf);
	EXPECT_EQ(-1, process_vm_writev(getpid(), &local, 1, &remote, 1, 0));
	if (errno == ENOSYS)	/* no CONFIG_CROSS_MEMORY_ATTACH */
		TH_LOG("no process_vm_writev in this kernel");
	else
		EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, pread(fd, p, 64, 0));
	EXPECT_EQ(EFAULT, errno);
	if (direct >= 0) {
		EXPECT_EQ(-1, pread(direct, p, pg, 0));
		EXPECT_EQ(EFAULT, errno);
		close(direct);
	} else {
		TH_LOG("no O_DIRECT on the scratch filesystem: %s",
		       strerror(errno));
	}
	close(fd);
	EXPECT_TRUE(intact(p, 2 * pg));
	munmap(p, 2 * pg);
	close(h);
}

/*
 * One IORING_OP_READ of @len bytes at offset 0 of @fd into @buf through a
 * ring of one entry, with nothing but the raw system calls.  Returns the
 * completion's result (a byte count or -errno), or -1000 - errno if the
 * ring could not be set up (ENOSYS: a kernel without io_uring).
 */
static int uring_read(int fd, void *buf, unsigned int len, int *ring_fd)
{
	struct io_uring_params par;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	size_t sq_len, cq_len;
	char *sq, *cq;
	unsigned int *tail;
	int ring;

	memset(&par, 0, sizeof(par));
	ring = syscall(SYS_io_uring_setup, 1, &par);
	if (ring < 0)
		return -1000 - errno;
	*ring_fd = ring;
	sq_len = par.sq_off.array + par.sq_entries * sizeof(__u32);
	cq_len = par.cq_off.cqes +
		 par.cq_entries * sizeof(struct io_uring_cqe);
	if (par.features & IORING_FEAT_SINGLE_MMAP)
		sq_len = cq_len = sq_len > cq_len ? sq_len : cq_len;
	sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED, ring,
		  IORING_OFF_SQ_RING);
	cq = (par.features & IORING_FEAT_SINGLE_MMAP) ? sq :
	     mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED, ring,
		  IORING_OFF_CQ_RING);
	sqe = mmap(NULL, sizeof(*sqe), PROT_READ | PROT_WRITE, MAP_SHARED,
		   ring, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqe == MAP_FAILED)
		return -1000 - errno;
	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = IORING_OP_READ;
	sqe->fd = fd;
	sqe->addr = (unsigned long)buf;
	sqe->len = len;
	((__u32 *)(sq + par.sq_off.array))[0] = 0;
	tail = (unsigned int *)(sq + par.sq_off.tail);
	__atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
	if (syscall(SYS_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS,
		    NULL, 0) != 1)
		return -1000 - errno;
	cqe = (struct io_uring_cqe *)(cq + par.cq_off.cqes);
	return cqe[*(unsigned int *)(cq + par.cq_off.head) &
		   *(unsigned int *)(cq + par.cq_off.ring_mask)].res;
}

/*
 * io_uring writes into the view from kernel context: a read copies into
 * it (copy_to_user) and a fixed buffer pins it (FOLL_WRITE|FOLL_LONGTERM).
 */
TEST_F(hostile, io_uring)
{
	struct iovec iov;
	int h, fd, ring = -1, res;
	char *p;

	fd = ns_scratch_file(self->pg, O_RDWR);
	ASSERT_LE(0, fd);
	p = ro_view(self, variant, &h);
	ASSERT_NE(MAP_FAILED, p);
	res = uring_read(fd, p, 64, &ring);
	if (res == -1000 - ENOSYS) {
		TH_LOG("no io_uring in this kernel");
	} else {
		EXPECT_EQ(-EFAULT, res);
		iov.iov_base = p;
		iov.iov_len = self->pg;
		EXPECT_EQ(-1, syscall(SYS_io_uring_register, ring,
				      IORING_REGISTER_BUFFERS, &iov, 1));
		EXPECT_EQ(EFAULT, errno);
	}
	if (ring >= 0)
		close(ring);
	close(fd);
	EXPECT_TRUE(intact(p, 2 * self->pg));
	munmap(p, 2 * self->pg);
	close(h);
}

TEST_F(hostile, userfaultfd)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	int h, uffd;
	char *p = ro_view(self, variant, &h);

	ASSERT_NE(MAP_FAILED, p);
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY);
	if (uffd < 0) {
		/* vm.unprivileged_userfaultfd=0 refuses it (ENOSYS: no uffd) */
		EXPECT_TRUE(errno == EPERM || errno == ENOSYS);
	} else {
		ASSERT_EQ(0, ioctl(uffd, UFFDIO_API, &api));
		memset(&reg, 0, sizeof(reg));
		reg.range.start = (unsigned long)p;
		reg.range.len = 2 * self->pg;
		reg.mode = UFFDIO_REGISTER_MODE_MISSING;
		EXPECT_EQ(-1, ioctl(uffd, UFFDIO_REGISTER, &reg));
		EXPECT_EQ(EINVAL, errno);
		close(uffd);
	}
	EXPECT_TRUE(intact(p, 2 * self->pg));
	munmap(p, 2 * self->pg);
	close(h);
}

/* A handle passed to another user brings its rights, no more. */
TEST_F(hostile, scm_rights)
{
	int sv[2], h, status;
	char *p;
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int got;
		char *q;

		if (ns_become(USER + 1))
			_exit(1);
		got = ns_recv_fd(sv[1]);
		if (got < 0)
			_exit(2);
		if (mmap(NULL, self->pg, PROT_READ | PROT_WRITE, MAP_SHARED,
			 got, 0) != MAP_FAILED || errno != EACCES)
			_exit(4);
		q = mmap(NULL, self->pg, PROT_READ, MAP_SHARED, got, 0);
		if (q == MAP_FAILED)
			_exit(5);
		if (!mprotect(q, self->pg, PROT_READ | PROT_WRITE) ||
		    errno != EACCES)
			_exit(6);
		_exit(intact(q, self->pg) ? 0 : 7);
	}
	p = ro_view(self, variant, &h);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0, ns_send_fd(sv[0], h));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	munmap(p, 2 * self->pg);
	close(h);
	close(sv[0]);
	close(sv[1]);
}

TEST_HARNESS_MAIN
