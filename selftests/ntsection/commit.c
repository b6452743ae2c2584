// SPDX-License-Identifier: GPL-2.0
/*
 * commit.c - NTSECTION_IOC_COMMIT and the commit state of SEC_RESERVE
 * sections (group H of docs/windows-rules.md): a reserve charges nothing,
 * a commit charges each page once (Committed_AS before and after commit,
 * touch and close), every view in every process sees a commit at once,
 * an uncommitted page raises SIGSEGV through any view and through every
 * kernel path that touches it, VIEW_QUERY reports the regions, and every
 * error path gives its errno.
 *
 * The tests that read Committed_AS run under vm.overcommit_memory=2 (the
 * fixture sets it and puts it back): in that mode the kernel's per-CPU
 * batch of the counter is small (0.4% of RAM per CPU), so /proc/meminfo's
 * figure is within a few MiB of the truth; the charges measured are tens
 * of MiB.
 */
#include <sys/uio.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"
#include "crash_cgroup.h"

#define RW	NTSECTION_PAGE_READWRITE
#define RESERVE	NTSECTION_SEC_RESERVE

NS_OVERCOMMIT_FIXTURE(commit)

/* A pagefile SEC_RESERVE section of @size and a shared RW view of @map. */
static int reserve_view(int dev, __u64 size, size_t map, char **view)
{
	int fd = ns_create(dev, size, RW, RESERVE, -1, NS_ALL_ACCESS);

	if (fd < 0)
		return -1;
	*view = mmap(NULL, map, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (*view == MAP_FAILED) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The region VIEW_QUERY reports at @addr. */
static int region(int dev, const void *addr, __u64 *start, __u64 *len)
{
	struct ntsection_view_query_args q;

	if (ns_view_query(dev, addr, &q))
		return -1;
	*start = q.region_start;
	*len = q.region_length;
	return q.region_state;
}

TEST_F(commit, a_huge_reserve_charges_nothing)
{
	long before = ns_committed_as();
	struct ntsection_info info;
	int fd;

	/* 2 TiB in a guest of 1 GiB, with overcommit_memory=2 */
	fd = ns_create(self->dev, 2 * TiB, RW, RESERVE, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	EXPECT_GT(before + NS_COMMIT_SLACK_KB, ns_committed_as());
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(2 * TiB, info.size);
	EXPECT_EQ(0, info.committed);
	EXPECT_EQ(RESERVE, info.attributes);
	close(fd);
	/* and SEC_COMMIT of that size is refused */
	EXPECT_EQ(-1, ns_create(self->dev, 2 * TiB, RW, 0, -1, NS_ALL_ACCESS));
	EXPECT_EQ(ENOMEM, errno);
}

TEST_F(commit, uncommitted_pages_fault_in_every_view)
{
	char *a, *b, *cow;
	__u64 n;
	int fd;

	fd = reserve_view(self->dev, 4 * self->pg, 4 * self->pg, &a);
	ASSERT_LE(0, fd);
	b = mmap(NULL, 4 * self->pg, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, b);
	cow = mmap(NULL, 4 * self->pg, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		   fd, 0);
	ASSERT_NE(MAP_FAILED, cow);
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)a, 0, 0, NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)a, 1, 1, NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)b, 0, 0, NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)cow, 0, 0, NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)cow, 1, 1, NULL));

	/* rule 82: committed through the read-only view, written through a */
	ASSERT_EQ(0, ns_commit(self->dev, b + self->pg, self->pg, &n));
	EXPECT_EQ(self->pg, n);
	EXPECT_EQ(0, ns_probe((unsigned char *)a + self->pg, 1, 'x', NULL));
	EXPECT_EQ('x', b[self->pg]);
	EXPECT_EQ('x', cow[self->pg]);
	EXPECT_TRUE(ns_can_write(cow + self->pg));
	/* its neighbours are still reserved */
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)a, 0, 0, NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)a + 2 * self->pg, 0, 0,
				    NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)cow + 2 * self->pg, 0, 0,
				    NULL));
	munmap(cow, 4 * self->pg);
	munmap(b, 4 * self->pg);
	munmap(a, 4 * self->pg);
	close(fd);
}

/*
 * A huge folio would bring a committed page's uncommitted neighbours into
 * the page cache, and a PMD would map them: even where the administrator
 * lets madvise(MADV_HUGEPAGE) have huge shmem pages, a SEC_RESERVE view
 * maps none.
 */
TEST_F(commit, huge_pages_never_map_uncommitted_pages)
{
	const char *knob = "/sys/kernel/mm/transparent_hugepage/shmem_enabled";
	size_t huge = 2 * MiB, len = 2 * huge;
	char was[128], *view, *aligned, *bracket;
	int fd;

	if (ns_read_proc(knob, was, sizeof(was)))
		SKIP(return, "no transparent huge pages");
	/* "always within_size [advise] never deny force": keep the word */
	bracket = strchr(was, '[');
	ASSERT_NE(NULL, bracket);
	memmove(was, bracket + 1, strlen(bracket));
	*strchr(was, ']') = 0;
	ASSERT_EQ(0, ns_write_proc(knob, "advise"));

	fd = ns_create(self->dev, len, RW, RESERVE, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	/* a view at a 2 MiB-aligned address, at offset 0 */
	view = mmap(NULL, len + huge, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
		    MAP_NORESERVE, -1, 0);
	ASSERT_NE(MAP_FAILED, view);
	aligned = (char *)(((unsigned long)view + huge - 1) & ~(huge - 1));
	ASSERT_EQ(aligned, mmap(aligned, len, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_FIXED, fd, 0));
	ASSERT_EQ(0, madvise(aligned, len, MADV_HUGEPAGE));
	ASSERT_EQ(0, ns_commit(self->dev, aligned + self->pg, self->pg, NULL));
	aligned[self->pg] = 1;
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)aligned, 0, 0, NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)aligned + 2 * self->pg,
				    0, 0, NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)aligned + huge - self->pg,
				    0, 0, NULL));
	EXPECT_EQ(0, ns_write_proc(knob, was));
	munmap(view, len + huge);
	close(fd);
}

TEST_F(commit, another_process_sees_a_commit_at_once)
{
	int sync[2], done[2], status;
	char *view, c;
	pid_t pid;
	int fd;

	fd = reserve_view(self->dev, 2 * self->pg, 2 * self->pg, &view);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(sync));
	ASSERT_EQ(0, pipe(done));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		/* the child's own view, mapped before the commit */
		char *mine = mmap(NULL, 2 * self->pg, PROT_READ | PROT_WRITE,
				  MAP_SHARED, fd, 0);
		int ok;

		ok = mine != MAP_FAILED &&
		     ns_probe((unsigned char *)mine, 0, 0, NULL) == SIGSEGV &&
		     write(sync[1], "r", 1) == 1 && read(done[0], &c, 1) == 1 &&
		     ns_probe((unsigned char *)mine, 1, 'c', NULL) == 0 &&
		     ns_probe((unsigned char *)view, 0, 0, NULL) == 0 &&
		     ns_probe((unsigned char *)mine + self->pg, 0, 0,
			      NULL) == SIGSEGV;
		_exit(ok ? 0 : 1);
	}
	ASSERT_EQ(1, read(sync[0], &c, 1));
	ASSERT_EQ(0, ns_commit(self->dev, view, self->pg, NULL));
	ASSERT_EQ(1, write(done[1], "c", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	EXPECT_EQ('c', view[0]);
	munmap(view, 2 * self->pg);
	close(fd);
}

TEST_F(commit, kernel_paths_cannot_touch_uncommitted_pages)
{
	char buf[64] = "data", *view;
	struct iovec local = { buf, sizeof(buf) }, remote;
	int fd, p[2], vm_rw, mem;

	fd = reserve_view(self->dev, 4 * self->pg, 4 * self->pg, &view);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(p));
	ASSERT_EQ(sizeof(buf), write(p[1], buf, sizeof(buf)));
	/* read(2) into it, write(2) from it */
	EXPECT_EQ(-1, read(p[0], view, sizeof(buf)));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, write(p[1], view, sizeof(buf)));
	EXPECT_EQ(EFAULT, errno);
	/* GUP: populate, mlock, process_vm_readv */
	EXPECT_EQ(-1, madvise(view, self->pg, MADV_POPULATE_READ));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, madvise(view, self->pg, MADV_POPULATE_WRITE));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, mlock(view, self->pg));
	EXPECT_EQ(ENOMEM, errno);
	remote.iov_base = view;
	remote.iov_len = sizeof(buf);
	vm_rw = process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == -1 &&
		errno != ENOSYS;
	if (vm_rw) {
		EXPECT_EQ(EFAULT, errno);
	} else {	/* a kernel without CONFIG_CROSS_MEMORY_ATTACH */
		ksft_print_msg("no process_vm_readv(2): not tried\n");
	}
	/* /proc/PID/mem (FOLL_FORCE) */
	mem = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, mem);
	EXPECT_EQ(-1, pread(mem, buf, 1, (unsigned long)view));
	EXPECT_EQ(EIO, errno);
	EXPECT_EQ(-1, pwrite(mem, buf, 1, (unsigned long)view));
	EXPECT_EQ(EIO, errno);
	/* once committed, all of them work */
	ASSERT_EQ(0, ns_commit(self->dev, view, self->pg, NULL));
	EXPECT_EQ(sizeof(buf), read(p[0], view, sizeof(buf)));
	EXPECT_EQ(0, madvise(view, self->pg, MADV_POPULATE_WRITE));
	EXPECT_EQ(0, mlock(view, self->pg));
	if (vm_rw) {
		EXPECT_EQ(sizeof(buf), process_vm_readv(getpid(), &local, 1,
							&remote, 1, 0));
	}
	EXPECT_EQ(0, strcmp(buf, "data"));
	EXPECT_EQ(1, pread(mem, buf, 1, (unsigned long)view));
	close(mem);
	munlock(view, self->pg);
	/* the page after it is still reserved */
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)view + self->pg, 0, 0,
				    NULL));
	close(p[0]);
	close(p[1]);
	munmap(view, 4 * self->pg);
	close(fd);
}

TEST_F(commit, a_commit_is_charged_once)
{
	size_t len = 64 * MiB;
	struct ntsection_info info;
	long before, committed, touched;
	char *view;
	__u64 n;
	int fd;

	fd = reserve_view(self->dev, 2 * TiB, len, &view);
	ASSERT_LE(0, fd);
	before = ns_committed_as();
	ASSERT_EQ(0, ns_commit(self->dev, view, len, &n));
	EXPECT_EQ(len, n);
	committed = ns_committed_as();
	EXPECT_LT(before + len / 1024 - NS_COMMIT_SLACK_KB, committed);
	EXPECT_GT(before + len / 1024 + NS_COMMIT_SLACK_KB, committed);
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(len, info.committed);

	/* committing it again charges nothing */
	ASSERT_EQ(0, ns_commit(self->dev, view, len, &n));
	EXPECT_EQ(0, n);
	/* touching every page charges nothing either */
	memset(view, 0x5a, len);
	touched = ns_committed_as();
	EXPECT_GT(committed + NS_COMMIT_SLACK_KB, touched);
	EXPECT_LT(committed - NS_COMMIT_SLACK_KB, touched);

	munmap(view, len);
	close(fd);
	EXPECT_GT(before + NS_COMMIT_SLACK_KB, ns_committed_as());
	EXPECT_LT(before - NS_COMMIT_SLACK_KB, ns_committed_as());
}

TEST_F(commit, the_limit_refuses_and_changes_nothing)
{
	long limit = ns_meminfo("CommitLimit");
	long before = ns_committed_as();
	struct ntsection_info info;
	size_t len, ok = 16 * MiB;
	char *view;
	__u64 n;
	int fd;

	ASSERT_LT(0, limit);
	/* more than is left below the limit */
	len = ((limit - before) * 1024UL + 64 * MiB) & ~(2 * MiB - 1);
	fd = reserve_view(self->dev, 2 * TiB, len + ok, &view);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_commit(self->dev, view, ok, NULL));
	before = ns_committed_as();
	n = 0x1234;
	EXPECT_EQ(-1, ns_commit(self->dev, view, len + ok, &n));
	EXPECT_EQ(ENOMEM, errno);
	EXPECT_EQ(0x1234, n);
	EXPECT_GT(before + NS_COMMIT_SLACK_KB, ns_committed_as());
	EXPECT_LT(before - NS_COMMIT_SLACK_KB, ns_committed_as());
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(ok, info.committed);
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)view + ok, 0, 0, NULL));
	EXPECT_TRUE(ns_can_write(view + ok - 1));
	munmap(view, len + ok);
	close(fd);
}

/*
 * 10,000 cycles take about 10 s under TCG; the KASAN kernel, which is
 * there for memory safety rather than counting, does 1,000 (30 s).
 */
TEST_F_TIMEOUT(commit, ten_thousand_cycles_give_every_charge_back, 300)
{
	int i, cycles = ns_slow_kernel() ? 1000 : 10000;
	long before = ns_committed_as();
	char *view;
	__u64 n;
	int fd;

	for (i = 0; i < cycles; i++) {
		fd = reserve_view(self->dev, 1 * MiB, 1 * MiB, &view);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, ns_commit(self->dev, view + 16 * self->pg,
				       16 * self->pg, &n));
		ASSERT_EQ(16 * self->pg, n);
		view[16 * self->pg] = 1;
		munmap(view, 1 * MiB);
		close(fd);
	}
	/* a commit kept per cycle would be 640 MiB (64 MiB for 1,000) */
	ksft_print_msg("%d cycles\n", cycles);
	EXPECT_GT(before + NS_COMMIT_SLACK_KB, ns_committed_as());
	EXPECT_LT(before - NS_COMMIT_SLACK_KB, ns_committed_as());
}

TEST_F(commit, regions_split_at_commit_and_protection_boundaries)
{
	__u64 start, len, n;
	long pg = self->pg;
	char *view, *b;
	int fd;

	fd = reserve_view(self->dev, 8 * pg, 8 * pg, &view);
	ASSERT_LE(0, fd);
	EXPECT_EQ(NTSECTION_REGION_RESERVED, region(self->dev, view + 5 * pg,
						    &start, &len));
	EXPECT_EQ((unsigned long)view, start);
	EXPECT_EQ(8 * pg, len);

	ASSERT_EQ(0, ns_commit(self->dev, view + 2 * pg, 2 * pg, NULL));
	EXPECT_EQ(NTSECTION_REGION_RESERVED, region(self->dev, view,
						    &start, &len));
	EXPECT_EQ((unsigned long)view, start);
	EXPECT_EQ(2 * pg, len);
	EXPECT_EQ(NTSECTION_REGION_COMMITTED, region(self->dev, view + 3 * pg,
						     &start, &len));
	EXPECT_EQ((unsigned long)view + 2 * pg, start);
	EXPECT_EQ(2 * pg, len);
	EXPECT_EQ(NTSECTION_REGION_RESERVED, region(self->dev, view + 7 * pg,
						    &start, &len));
	EXPECT_EQ((unsigned long)view + 4 * pg, start);
	EXPECT_EQ(4 * pg, len);

	/* a protection boundary splits the committed region */
	ASSERT_EQ(0, mprotect(view + 3 * pg, pg, PROT_READ));
	EXPECT_EQ(NTSECTION_REGION_COMMITTED, region(self->dev, view + 2 * pg,
						     &start, &len));
	EXPECT_EQ((unsigned long)view + 2 * pg, start);
	EXPECT_EQ(pg, len);
	ASSERT_EQ(0, mprotect(view + 3 * pg, pg, PROT_READ | PROT_WRITE));

	/* adjacent commits merge: pages 5, then 4, make one range 2-5 */
	ASSERT_EQ(0, ns_commit(self->dev, view + 5 * pg, pg, &n));
	EXPECT_EQ(pg, n);
	ASSERT_EQ(0, ns_commit(self->dev, view + 3 * pg, 2 * pg, &n));
	EXPECT_EQ(pg, n);
	EXPECT_EQ(NTSECTION_REGION_COMMITTED, region(self->dev, view + 5 * pg,
						     &start, &len));
	EXPECT_EQ((unsigned long)view + 2 * pg, start);
	EXPECT_EQ(4 * pg, len);

	/* rule 81: a second view sees the same state, at its own offsets */
	b = mmap(NULL, 6 * pg, PROT_READ, MAP_SHARED, fd, 2 * pg);
	ASSERT_NE(MAP_FAILED, b);
	EXPECT_EQ(NTSECTION_REGION_COMMITTED, region(self->dev, b,
						     &start, &len));
	EXPECT_EQ((unsigned long)b, start);
	EXPECT_EQ(4 * pg, len);
	EXPECT_EQ(NTSECTION_REGION_RESERVED, region(self->dev, b + 4 * pg,
						    &start, &len));
	EXPECT_EQ((unsigned long)b + 4 * pg, start);
	EXPECT_EQ(2 * pg, len);
	munmap(b, 6 * pg);
	munmap(view, 8 * pg);
	close(fd);
}

TEST_F(commit, commit_sections_and_file_sections)
{
	struct ntsection_info info;
	__u64 start, len, n;
	char *view;
	int fd, file;

	/* SEC_COMMIT: committed already, the call succeeds */
	fd = ns_create(self->dev, 4 * self->pg, RW, NTSECTION_SEC_COMMIT, -1,
		       NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	view = mmap(NULL, 4 * self->pg, PROT_READ | PROT_WRITE, MAP_SHARED,
		    fd, 0);
	ASSERT_NE(MAP_FAILED, view);
	n = 1;
	EXPECT_EQ(0, ns_commit(self->dev, view, self->pg, &n));
	EXPECT_EQ(0, n);
	EXPECT_EQ(NTSECTION_REGION_COMMITTED, region(self->dev, view + self->pg,
						     &start, &len));
	EXPECT_EQ((unsigned long)view, start);
	EXPECT_EQ(4 * self->pg, len);
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(4 * self->pg, info.committed);
	munmap(view, 4 * self->pg);
	close(fd);

	/* file-backed, SEC_RESERVE or not: EACCES */
	file = ns_scratch_file(4 * self->pg, O_RDWR);
	ASSERT_LE(0, file);
	fd = ns_create(self->dev, 0, RW, RESERVE, file, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	view = mmap(NULL, 4 * self->pg, PROT_READ | PROT_WRITE, MAP_SHARED,
		    fd, 0);
	ASSERT_NE(MAP_FAILED, view);
	EXPECT_EQ(-1, ns_commit(self->dev, view, self->pg, NULL));
	EXPECT_EQ(EACCES, errno);
	EXPECT_TRUE(ns_can_write(view));
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(4 * self->pg, info.committed);
	munmap(view, 4 * self->pg);
	close(fd);
	close(file);
}

TEST_F(commit, hostile_ranges)
{
	struct ntsection_commit_args a;
	long pg = self->pg;
	char *view, *grown;
	int fd;

	fd = reserve_view(self->dev, 4 * pg, 4 * pg, &view);
	ASSERT_LE(0, fd);

#define EXPECT_COMMIT_ERR(err, addr, len) do {				\
		EXPECT_EQ(-1, ns_commit(self->dev, (addr), (len), NULL)); \
		EXPECT_EQ(err, errno);					\
	} while (0)
	EXPECT_COMMIT_ERR(EINVAL, view + 1, pg);		/* unaligned */
	EXPECT_COMMIT_ERR(EINVAL, view, pg + 1);
	EXPECT_COMMIT_ERR(EINVAL, view, 0);			/* empty */
	EXPECT_COMMIT_ERR(EINVAL, view, -pg);			/* wraps */
	EXPECT_COMMIT_ERR(EINVAL, view + 3 * pg, 2 * pg);	/* past view */
	EXPECT_COMMIT_ERR(ENXIO, view + 4 * pg, pg);		/* no view */
	EXPECT_COMMIT_ERR(ENXIO, (void *)(unsigned long)pg, pg);
	EXPECT_COMMIT_ERR(ENXIO, (void *)(-2 * pg), pg);

	memset(&a, 0, sizeof(a));
	a.address = (unsigned long)view;
	a.length = pg;
	a.flags = 1;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_COMMIT, &a));
	EXPECT_EQ(EINVAL, errno);
	a.flags = 0;
	a.pad = 1;
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_COMMIT, &a));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_COMMIT, NULL));
	EXPECT_EQ(EFAULT, errno);
	/* the section fd has no such ioctl */
	a.pad = 0;
	EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_COMMIT, &a));
	EXPECT_EQ(ENOTTY, errno);

	/* a view grown by mremap() past the section: EINVAL there */
	grown = mremap(view, 4 * pg, 8 * pg, MREMAP_MAYMOVE);
	ASSERT_NE(MAP_FAILED, grown);
	EXPECT_COMMIT_ERR(EINVAL, grown + 4 * pg, pg);
	EXPECT_COMMIT_ERR(EINVAL, grown + 3 * pg, 2 * pg);
	EXPECT_EQ(0, ns_commit(self->dev, grown + 3 * pg, pg, NULL));
	EXPECT_EQ(SIGSEGV, ns_probe((unsigned char *)grown + 4 * pg, 0, 0,
				    NULL));
	munmap(grown, 8 * pg);
	close(fd);
}

#define CG	NS_CGROUP_ROOT "/ntsection-commit"

/*
 * What commits cost in kernel memory, once the memory cgroup's periodic
 * flush (every 2 s) has run: the slab bytes charged to CG (the charge
 * file; the maple tree allocates its nodes GFP_NOWAIT first, uncharged),
 * plus the maple tree nodes in use system-wide, 256 bytes each (to within
 * a slab of 16 of them).
 */
static long commit_memory(void)
{
	char buf[64];
	long slab;

	sleep(3);
	slab = ns_cgroup_key(CG, "memory.stat", "slab");
	if (slab < 0 || ns_read_proc("/sys/kernel/slab/maple_node/objects",
				     buf, sizeof(buf)))
		return -1;
	return slab + 256 * strtol(buf, NULL, 10);
}

/*
 * The commit state costs per committed range, not per reserved page: a
 * 2 TiB reserve with 1 and with 10,000 committed ranges.
 */
TEST_F(commit, bookkeeping_costs_per_range_not_per_page)
{
	long pg = self->pg, base, one, many;
	int i, ranges = 10000, status;
	size_t len = 2 * ranges * pg;
	char *view;
	pid_t pid;
	int fd;

	if (ns_kasan_kernel())
		SKIP(return, "KASAN's quarantine keeps freed slab objects");
	if (ns_cgroup_make(CG, 1UL << 30))
		SKIP(return, "no memory cgroup");
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (ns_cgroup_enter(CG))
			_exit(2);
		fd = reserve_view(self->dev, 2 * TiB, len, &view);
		if (fd < 0)
			_exit(3);
		base = commit_memory();
		if (ns_commit(self->dev, view, 16 * pg, NULL))
			_exit(4);
		one = commit_memory();
		for (i = 1; i < ranges; i++)
			if (ns_commit(self->dev, view + 2 * i * pg, pg, NULL))
				_exit(5);
		many = commit_memory();
		ksft_print_msg("2 TiB reserve: 1 committed range costs %ld bytes, %d ranges %ld bytes\n",
			       one - base, ranges, many - base);
		fflush(stdout);
		/* a few KiB for one range; a few dozen bytes a range */
		_exit(base < 0 || one < 0 || many < 0 ||
		      one - base > 8192 || many - base > 1024 * 1024 ? 1 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	rmdir(CG);
}

TEST_HARNESS_MAIN
