// SPDX-License-Identifier: GPL-2.0
/*
 * large.c - large-page sections (SEC_COMMIT | SEC_LARGE_PAGES, group K of
 * docs/windows-rules.md): a whole number of large pages or EINVAL; every
 * page allocated, huge and unevictable at creation; every view mapped by
 * PMD entries (ShmemPmdMapped in /proc/PID/smaps), whole large pages only;
 * RLIMIT_MEMLOCK charged per user unless CAP_IPC_LOCK (EPERM at 0, ENOMEM
 * beyond); no silent fall-back to small pages; no growth; and what an
 * unprivileged holder of a read-only view can do to one.
 */
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define RW	NTSECTION_PAGE_READWRITE
#define LARGE	(NTSECTION_SEC_COMMIT | NTSECTION_SEC_LARGE_PAGES)
#define USER	1000
#define SHMEM_ENABLED	"/sys/kernel/mm/transparent_hugepage/shmem_enabled"

FIXTURE(large) {
	int dev;
	long pg;
	long live;
	unsigned long lp;	/* the large page size */
};

FIXTURE_SETUP(large)
{
	char buf[32];

	if (ns_read_proc("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size",
			 buf, sizeof(buf)))
		SKIP(return, "no transparent huge pages in this kernel");
	self->lp = strtoul(buf, NULL, 10);
	self->pg = ns_page();
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->live = ns_live();
	ASSERT_LE(0, self->live);
}

FIXTURE_TEARDOWN(large)
{
	close(self->dev);
	if (geteuid() == 0)
		EXPECT_EQ(self->live, ns_live());
}

static int large_section(FIXTURE_DATA(large) *self, unsigned long size)
{
	return ns_create(self->dev, size, RW, LARGE, -1, NS_ALL_ACCESS);
}

/* kB of the mapping at @p mapped by PMD entries of shmem pages */
static long pmd_kb(const void *p)
{
	return ns_smaps_kb(p, "ShmemPmdMapped");
}

TEST_F(large, views_are_mapped_by_pmd_entries)
{
	unsigned long size = 2 * self->lp;
	struct ntsection_handle_info hi;
	struct ntsection_info info;
	char *rw, *ro, *cow;
	int fd = large_section(self, size);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(size, info.size);
	EXPECT_EQ(LARGE, info.attributes);
	EXPECT_EQ(size, info.committed);
	EXPECT_EQ(size / self->pg, info.resident_pages);
	ASSERT_EQ(0, ns_handle_info(fd, &hi));
	EXPECT_EQ(self->lp, hi.map_align);

	rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, rw);
	EXPECT_EQ(0, (unsigned long)rw % self->lp);
	/* the pages start zeroed */
	EXPECT_EQ(0, rw[0]);
	EXPECT_EQ(0, rw[size - 1]);
	memset(rw, 'L', size);
	EXPECT_EQ((long)(size / 1024), pmd_kb(rw));

	ro = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, ro);
	EXPECT_EQ(0, (unsigned long)ro % self->lp);
	EXPECT_EQ('L', ro[self->lp + 5]);
	EXPECT_EQ((long)(self->lp / 1024), pmd_kb(ro));

	/* a copy-on-write view reads through PMD entries too */
	cow = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT_NE(MAP_FAILED, cow);
	EXPECT_EQ('L', cow[7]);
	EXPECT_EQ((long)(self->lp / 1024), pmd_kb(cow));
	cow[7] = 'C';
	EXPECT_EQ('L', rw[7]);
	EXPECT_EQ('C', cow[7]);

	munmap(cow, size);
	munmap(ro, size);
	munmap(rw, size);
	close(fd);
}

TEST_F(large, size_is_whole_large_pages)
{
	unsigned long bad[] = {
		self->pg, self->lp - self->pg, self->lp + self->pg,
		self->lp / 2 * 3,
	};
	unsigned int i;
	int fd;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-1, large_section(self, bad[i]));
		EXPECT_EQ(EINVAL, errno) TH_LOG("size %lu", bad[i]);
	}
	fd = large_section(self, self->lp);
	ASSERT_LE(0, fd);
	close(fd);
	/* with a cache attribute, reserve, alone, or on a file: rule 91 */
	EXPECT_EQ(-1, ns_create(self->dev, self->lp, RW,
				LARGE | NTSECTION_SEC_NOCACHE, -1,
				NS_ALL_ACCESS));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ns_create(self->dev, self->lp, RW,
				NTSECTION_SEC_RESERVE |
				NTSECTION_SEC_LARGE_PAGES, -1, NS_ALL_ACCESS));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ns_create(self->dev, self->lp, RW,
				NTSECTION_SEC_LARGE_PAGES, -1, NS_ALL_ACCESS));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(large, views_are_whole_large_pages)
{
	unsigned long lp = self->lp;
	int fd = large_section(self, 2 * lp);
	char *p, *area;

	ASSERT_LE(0, fd);
	/* an offset or a length that is not whole large pages */
	EXPECT_EQ(MAP_FAILED, mmap(NULL, lp, PROT_READ, MAP_SHARED, fd,
				   lp / 2));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, lp / 2, PROT_READ, MAP_SHARED, fd,
				   0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, lp + self->pg, PROT_READ,
				   MAP_SHARED, fd, 0));
	EXPECT_EQ(EINVAL, errno);

	/* MAP_FIXED at an address that is not large-page aligned */
	area = mmap(NULL, 4 * lp, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		    0);
	ASSERT_NE(MAP_FAILED, area);
	p = (char *)(((unsigned long)area + lp - 1) & ~(lp - 1));
	EXPECT_EQ(MAP_FAILED, mmap(p + 0x10000, lp, PROT_READ,
				   MAP_SHARED | MAP_FIXED, fd, 0));
	EXPECT_EQ(EINVAL, errno);
	/* ... and at one that is */
	EXPECT_EQ(p, mmap(p, lp, PROT_READ, MAP_SHARED | MAP_FIXED, fd, lp));
	EXPECT_EQ(0, p[0]);
	EXPECT_EQ((long)(lp / 1024), pmd_kb(p));
	munmap(area, 4 * lp);

	/* a hint that is not aligned gives an aligned view */
	p = mmap(area + self->pg, lp, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	EXPECT_EQ(0, (unsigned long)p % lp);
	munmap(p, lp);
	close(fd);
}

TEST_F(large, pages_are_allocated_and_locked_at_creation)
{
	unsigned long size = 4 * self->lp;
	long unevictable = ns_meminfo("Unevictable");
	long huge = ns_meminfo("ShmemHugePages");
	int fd;

	ASSERT_LE(0, unevictable);
	ASSERT_LE(0, huge);
	fd = large_section(self, size);
	ASSERT_LE(0, fd);
	/* every page is there, huge and unevictable, before any view */
	EXPECT_EQ(huge + (long)(size / 1024), ns_meminfo("ShmemHugePages"));
	EXPECT_LE(unevictable + (long)(size / 1024), ns_meminfo("Unevictable"));
	close(fd);
	EXPECT_EQ(huge, ns_meminfo("ShmemHugePages"));
}

/* In a child: become uid 1000 with RLIMIT_MEMLOCK @limit; exit status 0 ok */
static int memlock_child(FIXTURE_DATA(large) *self, unsigned long limit,
			 int as_root)
{
	struct rlimit rl = { .rlim_cur = limit, .rlim_max = limit };
	unsigned long lp = self->lp;
	int a, b;
	char *p;

	if (setrlimit(RLIMIT_MEMLOCK, &rl) || (!as_root && ns_become(USER)))
		return 10;
	if (as_root) {
		/* CAP_IPC_LOCK: no charge and no limit */
		a = large_section(self, 2 * lp);
		return a < 0 ? 11 : 0;
	}
	if (!limit) {
		/* no SeLockMemoryPrivilege equivalent at all */
		a = large_section(self, lp);
		return a == -1 && errno == EPERM ? 0 : 12;
	}
	a = large_section(self, 2 * lp);
	if (a < 0)
		return 13;
	/* the limit is per user, across sections */
	b = large_section(self, lp);
	if (b != -1 || errno != ENOMEM)
		return 14;
	/* a view keeps the section, and the charge */
	p = mmap(NULL, 2 * lp, PROT_READ, MAP_SHARED, a, 0);
	if (p == MAP_FAILED)
		return 15;
	close(a);
	b = large_section(self, lp);
	if (b != -1 || errno != ENOMEM)
		return 16;
	munmap(p, 2 * lp);
	/* the last view gone, the charge is back */
	b = large_section(self, 2 * lp);
	if (b < 0)
		return 17;
	close(b);
	return 0;
}

TEST_F(large, memlock_limit_without_cap_ipc_lock)
{
	struct {
		unsigned long limit;
		int as_root;
	} cases[] = {
		{ 2 * self->lp, 0 }, { 0, 0 }, { 0, 1 },
	};
	unsigned int i;
	int status;
	pid_t pid;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pid = fork();
		ASSERT_LE(0, pid);
		if (!pid)
			_exit(memlock_child(self, cases[i].limit,
					    cases[i].as_root));
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		EXPECT_TRUE(WIFEXITED(status));
		EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("case %u", i);
	}
}

TEST_F(large, never_falls_back_to_small_pages)
{
	long committed = ns_committed_as();
	char old[64], *sel, *end;
	int fd;

	ASSERT_EQ(0, ns_read_proc(SHMEM_ENABLED, old, sizeof(old)));
	/* "always within_size advise [never] deny force": the selected one */
	sel = strchr(old, '[');
	end = sel ? strchr(sel, ']') : NULL;
	ASSERT_NE(NULL, end);
	*end = 0;
	sel++;
	/* "deny" forbids huge shmem pages even on a huge=always mount */
	ASSERT_EQ(0, ns_write_proc(SHMEM_ENABLED, "deny"));
	fd = large_section(self, self->lp);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(ENOMEM, errno);
	EXPECT_EQ(self->live, ns_live());
	EXPECT_EQ(0, ns_write_proc(SHMEM_ENABLED, sel));
	/* nothing left charged; overcommit mode 0 keeps a looser count */
	EXPECT_GT(committed + 8 * 1024, ns_committed_as());
	if (fd >= 0)
		close(fd);
}

TEST_F(large, does_not_grow)
{
	int fd = large_section(self, self->lp);
	__u64 size;

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ns_extend(fd, 2 * self->lp, &size));
	EXPECT_EQ(EOPNOTSUPP, errno);
	/* a size not above the section's changes nothing, as for any */
	EXPECT_EQ(0, ns_extend(fd, self->lp, &size));
	EXPECT_EQ(self->lp, size);
	close(fd);
}

/* The child of unprivileged_view: 0 when every attempt failed safely. */
static int hostile_child(FIXTURE_DATA(large) *self, int handle)
{
	unsigned long lp = self->lp;
	char *p, *q;

	if (ns_become(USER))
		return 10;
	p = mmap(NULL, 2 * lp, PROT_READ, MAP_SHARED, handle, 0);
	if (p == MAP_FAILED || p[lp] != 'S')
		return 11;
	if (mmap(NULL, 2 * lp, PROT_READ | PROT_WRITE, MAP_SHARED, handle,
		 0) != MAP_FAILED || errno != EACCES)
		return 12;
	if (!mprotect(p, lp, PROT_READ | PROT_WRITE) || errno != EACCES)
		return 13;
	/* split the PMD mapping: harmless */
	if (madvise(p + self->pg, self->pg, MADV_COLD) ||
	    madvise(p + lp, self->pg, MADV_DONTNEED) ||
	    madvise(p, self->pg, MADV_PAGEOUT))
		return 14;
	if (p[lp] != 'S' || p[self->pg] != 'S')
		return 15;
	/* move the view into room of our own: still capped */
	q = mmap(NULL, 4 * lp, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (q == MAP_FAILED)
		return 20;
	q = (char *)(((unsigned long)q + lp - 1) & ~(lp - 1));
	q = mremap(p, 2 * lp, 2 * lp, MREMAP_MAYMOVE | MREMAP_FIXED, q);
	if (q == MAP_FAILED)
		return 21;
	if (!mprotect(q, lp, PROT_READ | PROT_WRITE) || errno != EACCES)
		return 16;
	/* remap_file_pages of a part of a large page */
	if (!syscall(SYS_remap_file_pages, q, self->pg, 0, 1, 0) ||
	    errno != EINVAL)
		return 17;
	if (q[0] != 'S' || q[2 * lp - 1] != 'S')
		return 18;
	/* a partial unmap splits the PMD mapping and keeps the rest */
	if (munmap(q + self->pg, self->pg) || q[lp] != 'S')
		return 19;
	return 0;
}

TEST_F(large, unprivileged_view_keeps_its_cap)
{
	unsigned long size = 2 * self->lp;
	int fd = large_section(self, size);
	int handle, status;
	char *p;
	pid_t pid;

	ASSERT_LE(0, fd);
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	memset(p, 'S', size);
	handle = ns_dup(fd, NTSECTION_SECTION_MAP_READ, 0);
	ASSERT_LE(0, handle);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(hostile_child(self, handle));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ('S', p[0]);
	EXPECT_EQ('S', p[size - 1]);
	EXPECT_EQ((long)(size / 1024), pmd_kb(p));
	munmap(p, size);
	close(handle);
	close(fd);
}

TEST_F(large, fork_shares_and_pmd_maps)
{
	unsigned long size = 2 * self->lp;
	int fd = large_section(self, size);
	int status;
	char *p;
	pid_t pid;

	ASSERT_LE(0, fd);
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	p[0] = 'P';
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		p[size - 1] = 'C';
		_exit(p[0] == 'P' && pmd_kb(p) > 0 ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ('C', p[size - 1]);
	munmap(p, size);
	close(fd);
}

TEST_HARNESS_MAIN
