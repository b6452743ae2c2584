// SPDX-License-Identifier: GPL-2.0
/*
 * view.c - views (mmap of a section fd): range checks, the full matrix of
 * handle access x section protection x mmap prot/flags, and attempts to
 * lift a view's cap with mprotect, mremap, fork and /proc/self/map_files.
 * Every test runs on a pagefile-backed and a file-backed section.
 */
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define MAP_R	NTSECTION_SECTION_MAP_READ
#define MAP_W	NTSECTION_SECTION_MAP_WRITE
#define MAP_X	NTSECTION_SECTION_MAP_EXECUTE

static const __u32 prots[] = {
	NTSECTION_PAGE_READONLY, NTSECTION_PAGE_READWRITE,
	NTSECTION_PAGE_WRITECOPY, NTSECTION_PAGE_EXECUTE_READ,
	NTSECTION_PAGE_EXECUTE_READWRITE, NTSECTION_PAGE_EXECUTE_WRITECOPY,
};

static int prot_writable(__u32 p)
{
	return p == NTSECTION_PAGE_READWRITE ||
	       p == NTSECTION_PAGE_EXECUTE_READWRITE;
}

static int prot_exec(__u32 p)
{
	return p >= NTSECTION_PAGE_EXECUTE_READ;
}

NS_BACKING_FIXTURE(view, 4)

/* A section of @size bytes (file: the file is grown if needed). */
static int section(FIXTURE_DATA(view) *self, __u64 size, __u32 protect,
		   __u32 access)
{
	return ns_create(self->dev, size, protect, 0, self->file, access);
}

TEST_F(view, out_of_range)
{
	long pg = self->pg;
	/* 2.5 pages: views may cover the 3 pages it touches */
	int fd = section(self, 2 * pg + pg / 2, NTSECTION_PAGE_READWRITE,
			 NS_ALL_ACCESS);
	char *p;

	ASSERT_LE(0, fd);
	p = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	p[3 * pg - 1] = 1;
	munmap(p, 3 * pg);
	p = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 2 * pg);
	ASSERT_NE(MAP_FAILED, p);
	munmap(p, pg);

	EXPECT_EQ(MAP_FAILED, mmap(NULL, 4 * pg, PROT_READ, MAP_SHARED, fd, 0));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, 3 * pg, PROT_READ, MAP_PRIVATE, fd, pg));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 3 * pg));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ, MAP_SHARED, fd,
				   1L << 40));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ, MAP_SHARED, fd,
				   0x7fffffffffff0000L));
	EXPECT_EQ(ENXIO, errno);
	/* the kernel's own checks come first */
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 1));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

/*
 * The matrix.  For each case: does mmap succeed, and afterwards can
 * mprotect add PROT_WRITE / PROT_EXEC?  Everything follows from three rules.
 */
TEST_F(view, matrix)
{
	static const int mprots[] = {
		PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE,
		PROT_READ | PROT_EXEC, PROT_READ | PROT_WRITE | PROT_EXEC,
		PROT_WRITE,
	};
	static const int mflags[] = { MAP_SHARED, MAP_PRIVATE };
	unsigned int pi, ai, fi;
	long pg = self->pg;
	int checked = 0;

	for (pi = 0; pi < ARRAY_SIZE(prots); pi++) {
		__u32 protect = prots[pi];
		int fd = section(self, 2 * pg, protect, NS_ALL_ACCESS);

		ASSERT_LE(0, fd);
		for (ai = 0; ai < 8; ai++) {
			__u32 access = (ai & 1 ? MAP_R : 0) |
				       (ai & 2 ? MAP_W : 0) |
				       (ai & 4 ? MAP_X : 0);
			int h = ns_dup(fd, access, 0);

			ASSERT_LE(0, h);
			for (fi = 0; fi < 2 * ARRAY_SIZE(mprots); fi++) {
				int flags = mflags[fi / ARRAY_SIZE(mprots)];
				int prot = mprots[fi % ARRAY_SIZE(mprots)];
				int shared = flags == MAP_SHARED;
				int can_w = (access & MAP_W) && prot_writable(protect);
				int can_x = (access & MAP_X) && prot_exec(protect);
				/* a shared writable view needs MAP_W alone */
				int ok = (shared && (prot & PROT_WRITE) ?
					  can_w : (access & MAP_R) != 0) &&
					 (!(prot & PROT_EXEC) || can_x);
				struct ntsection_view_query_args q;
				char *p;

				p = mmap(NULL, 2 * pg, prot, flags, h, 0);
				checked++;
				if (!ok) {
					EXPECT_EQ(MAP_FAILED, p)
						TH_LOG("protect %#x access %#x %s prot %d",
						       protect, access,
						       shared ? "shared" : "private", prot);
					EXPECT_EQ(EACCES, errno);
					if (p != MAP_FAILED)
						munmap(p, 2 * pg);
					continue;
				}
				ASSERT_NE(MAP_FAILED, p)
					TH_LOG("protect %#x access %#x %s prot %d: %s",
					       protect, access,
					       shared ? "shared" : "private", prot,
					       strerror(errno));
				/* the cap, as reported and as enforced */
				ASSERT_EQ(0, ns_view_query(self->dev, p + pg, &q));
				EXPECT_EQ((unsigned long)p, q.view_start);
				EXPECT_EQ((__u64)2 * pg, q.view_length);
				EXPECT_EQ((__u32)prot, q.prot);
				EXPECT_EQ(shared ? NTSECTION_VIEW_SHARED :
					  NTSECTION_VIEW_COPY_ON_WRITE, q.view_flags);
				EXPECT_EQ((__u32)(PROT_READ |
					  (!shared || can_w ? PROT_WRITE : 0) |
					  (can_x ? PROT_EXEC : 0)), q.max_prot)
					TH_LOG("protect %#x access %#x %s prot %d",
					       protect, access,
					       shared ? "shared" : "private", prot);
				EXPECT_EQ(!shared || can_w ? 0 : -1,
					  mprotect(p, pg, PROT_READ | PROT_WRITE));
				if (shared && !can_w)
					EXPECT_EQ(EACCES, errno);
				EXPECT_EQ(can_x ? 0 : -1,
					  mprotect(p + pg, pg, PROT_READ | PROT_EXEC));
				if (!can_x)
					EXPECT_EQ(EACCES, errno);
				/* and a write really faults on a read-only view */
				if (!mprotect(p, pg, PROT_READ))
					EXPECT_FALSE(ns_can_write(p));
				EXPECT_EQ(0, munmap(p, 2 * pg));
			}
			close(h);
		}
		close(fd);
	}
	EXPECT_EQ(6 * 8 * 2 * 6, checked);
}

TEST_F(view, probes)
{
	long pg = self->pg;
	int fd = section(self, pg, NTSECTION_PAGE_READWRITE, NS_ALL_ACCESS);
	int ro = ns_dup(fd, MAP_R, 0);
	char *rw, *r, *cow;

	ASSERT_LE(0, fd);
	ASSERT_LE(0, ro);
	rw = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	r = mmap(NULL, pg, PROT_READ, MAP_SHARED, ro, 0);
	cow = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	ASSERT_NE(MAP_FAILED, rw);
	ASSERT_NE(MAP_FAILED, r);
	ASSERT_NE(MAP_FAILED, cow);
	rw[0] = 'a';
	EXPECT_TRUE(ns_can_read(r));
	EXPECT_FALSE(ns_can_write(r));
	EXPECT_EQ('a', r[0]);
	EXPECT_TRUE(ns_can_write(cow));
	cow[0] = 'c';
	EXPECT_EQ('a', rw[0]);
	EXPECT_EQ('a', r[0]);
	munmap(rw, pg);
	munmap(r, pg);
	munmap(cow, pg);
	close(ro);
	close(fd);
}

/* A read-only section gives writable copy-on-write views only (rule 31) */
TEST_F(view, readonly_section_cow)
{
	long pg = self->pg;
	int fd = section(self, pg, NTSECTION_PAGE_READONLY, NS_ALL_ACCESS);
	char *p;

	ASSERT_LE(0, fd);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ | PROT_WRITE,
				   MAP_SHARED, fd, 0));
	EXPECT_EQ(EACCES, errno);
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	p[0] = 1;
	munmap(p, pg);
	p = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	EXPECT_EQ(0, p[0]);
	munmap(p, pg);
	close(fd);
}

TEST_F(view, mremap)
{
	long pg = self->pg;
	int fd = section(self, 4 * pg, NTSECTION_PAGE_READWRITE, NS_ALL_ACCESS);
	int ro = ns_dup(fd, MAP_R, 0);
	char *p, *q, *target;

	ASSERT_LE(0, fd);
	ASSERT_LE(0, ro);
	p = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, ro, 0);
	ASSERT_NE(MAP_FAILED, p);
	if (variant->file_backed) {
		/* a file's view cannot grow, not even inside the section */
		EXPECT_EQ(MAP_FAILED, mremap(p, 2 * pg, 3 * pg, 0));
		EXPECT_EQ(EFAULT, errno);
		EXPECT_EQ(MAP_FAILED, mremap(p, 2 * pg, 3 * pg,
					     MREMAP_MAYMOVE));
		EXPECT_EQ(EFAULT, errno);
	} else {
		/*
		 * A pagefile view may: inside the section the new pages are
		 * the section's, past it they raise SIGBUS, and the cap
		 * holds for all of them.
		 */
		q = mremap(p, 2 * pg, 5 * pg, MREMAP_MAYMOVE);
		ASSERT_NE(MAP_FAILED, q);
		EXPECT_TRUE(ns_can_read(q + 3 * pg));
		EXPECT_FALSE(ns_can_read(q + 4 * pg));
		EXPECT_EQ(-1, mprotect(q, 5 * pg, PROT_READ | PROT_WRITE));
		EXPECT_EQ(EACCES, errno);
		p = mremap(q, 5 * pg, 2 * pg, 0);
		ASSERT_EQ(q, p);
	}
	/* moved, it keeps its cap */
	target = mmap(NULL, 2 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		      -1, 0);
	ASSERT_NE(MAP_FAILED, target);
	q = mremap(p, 2 * pg, 2 * pg, MREMAP_MAYMOVE | MREMAP_FIXED, target);
	ASSERT_EQ(target, q);
	EXPECT_EQ(-1, mprotect(q, 2 * pg, PROT_READ | PROT_WRITE));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, mprotect(q, 2 * pg, PROT_READ | PROT_EXEC));
	EXPECT_EQ(EACCES, errno);
	EXPECT_FALSE(ns_can_write(q));
	/* shrinking is fine, and the rest is still a view */
	q = mremap(q, 2 * pg, pg, 0);
	ASSERT_EQ(target, q);
	EXPECT_TRUE(ns_can_read(q));
	munmap(q, pg);
	munmap(target + pg, pg);
	close(ro);
	close(fd);
}

/*
 * Views start on Windows' 64 KiB allocation granularity wherever mmap(2)
 * places them: without a hint, with a hint that is taken or not, and
 * when mremap(2) moves one.  MAP_FIXED is obeyed to the page.
 */
TEST_F(view, views_start_on_64k)
{
	const unsigned long align = NTSECTION_VIEW_ALIGNMENT;
	long pg = self->pg;
	int fd = section(self, 4 * pg, NTSECTION_PAGE_READWRITE, NS_ALL_ACCESS);
	char *v[64], *area, *hint, *p;
	int i;

	ASSERT_LE(0, fd);
	for (i = 0; i < 64; i++) {
		v[i] = mmap(NULL, pg * (1 + i % 4), PROT_READ, MAP_SHARED, fd,
			    0);
		ASSERT_NE(MAP_FAILED, v[i]);
		EXPECT_EQ(0, (unsigned long)v[i] % align) TH_LOG("view %d", i);
	}
	for (i = 0; i < 64; i++)
		munmap(v[i], pg * (1 + i % 4));

	area = mmap(NULL, 4 * align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	ASSERT_NE(MAP_FAILED, area);
	hint = (char *)(((unsigned long)area + align - 1) & ~(align - 1));
	munmap(area, 4 * align);
	/* a free aligned hint is taken */
	p = mmap(hint, pg, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT_EQ(hint, p);
	munmap(p, pg);
	/* an unaligned one gives an aligned view */
	p = mmap(hint + pg, pg, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	EXPECT_EQ(0, (unsigned long)p % align);
	munmap(p, pg);
	/* MAP_FIXED is the caller's business */
	p = mmap(hint + pg, pg, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
	EXPECT_EQ(hint + pg, p);
	munmap(p, pg);
	/*
	 * Grown by mremap where the rest of the view leaves no room, a
	 * pagefile view moves, and lands aligned (a file's cannot grow).
	 */
	v[0] = mmap(NULL, 4 * pg, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, v[0]);
	if (!variant->file_backed) {
		p = mremap(v[0], 2 * pg, 4 * pg, MREMAP_MAYMOVE);
		ASSERT_NE(MAP_FAILED, p);
		EXPECT_NE(v[0], p);
		EXPECT_EQ(0, (unsigned long)p % align);
		munmap(p, 4 * pg);
		munmap(v[0] + 2 * pg, 2 * pg);
	} else {
		munmap(v[0], 4 * pg);
	}
	close(fd);
}

/*
 * A pagefile view can be locked in memory.  A file's view cannot: it is
 * VM_DONTEXPAND, which mlock() skips (it returns 0): documented in
 * docs/userspace-api/ntsection.rst, checked here so that a change shows.
 */
TEST_F(view, mlock)
{
	long pg = self->pg, locked = variant->file_backed ? 0 : 4 * pg / 1024;
	unsigned char vec[4];
	int fd;
	char *p;

	fd = section(self, 4 * pg, NTSECTION_PAGE_READWRITE, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0, mlock(p, 4 * pg));
	EXPECT_EQ(locked, ns_vmlck_kb());
	if (!variant->file_backed) {
		ASSERT_EQ(0, mincore(p, 4 * pg, vec));
		EXPECT_EQ(4, (vec[0] & 1) + (vec[1] & 1) + (vec[2] & 1) +
			  (vec[3] & 1));
	}
	EXPECT_EQ(0, munlock(p, 4 * pg));
	EXPECT_EQ(0, ns_vmlck_kb());
	munmap(p, 4 * pg);
	close(fd);
}

TEST_F(view, fork_keeps_cap)
{
	long pg = self->pg;
	int fd = section(self, pg, NTSECTION_PAGE_EXECUTE_WRITECOPY,
			 NS_ALL_ACCESS);
	int status;
	char *p;
	pid_t pid;

	ASSERT_LE(0, fd);
	p = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	close(fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int bad = 0;

		bad |= !mprotect(p, pg, PROT_READ | PROT_WRITE) || errno != EACCES;
		bad |= mprotect(p, pg, PROT_READ | PROT_EXEC) != 0;
		bad |= ns_can_write(p);
		_exit(bad);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	munmap(p, pg);
}

static void map_files_path(char *buf, size_t n, void *p, long len)
{
	snprintf(buf, n, "/proc/self/map_files/%lx-%lx", (unsigned long)p,
		 (unsigned long)p + len);
}

TEST_F(view, map_files)
{
	long pg = self->pg;
	int fd = section(self, pg, NTSECTION_PAGE_READONLY, NS_ALL_ACCESS);
	char path[128];
	struct stat st, fst;
	int mf;
	char *p;

	ASSERT_LE(0, fd);
	p = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	map_files_path(path, sizeof(path), p, pg);
	if (lstat(path, &st) && (errno == EPERM || errno == EACCES))
		SKIP(goto out, "map_files needs CAP_SYS_ADMIN");

	if (!variant->file_backed) {
		/* the shmem backing cannot be reopened, whatever the mode */
		EXPECT_EQ(-1, open(path, O_RDWR));
		EXPECT_EQ(ETXTBSY, errno);
		EXPECT_EQ(-1, open(path, O_RDONLY));
		EXPECT_EQ(ENXIO, errno);
	} else {
		/* it is the user's own file, with its own permissions */
		mf = open(path, O_RDONLY);
		ASSERT_LE(0, mf);
		ASSERT_EQ(0, fstat(mf, &st));
		ASSERT_EQ(0, fstat(self->file, &fst));
		EXPECT_EQ(fst.st_ino, st.st_ino);
		EXPECT_EQ(fst.st_dev, st.st_dev);
		close(mf);
	}
out:
	munmap(p, pg);
	close(fd);
}

/* ptrace-style forced writes (/proc/PID/mem) respect the cap too */
TEST_F(view, proc_mem_write)
{
	long pg = self->pg;
	int fd = section(self, pg, NTSECTION_PAGE_READWRITE, MAP_R);
	int mem;
	char *p;

	ASSERT_LE(0, fd);
	p = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	mem = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, mem);
	EXPECT_EQ(-1, pwrite(mem, "x", 1, (off_t)(unsigned long)p));
	EXPECT_TRUE(errno == EFAULT || errno == EIO) TH_LOG("errno %d", errno);
	EXPECT_EQ(0, p[0]);
	close(mem);
	munmap(p, pg);
	close(fd);
}

TEST_F(view, handle_without_read)
{
	long pg = self->pg;
	int fd = section(self, pg, NTSECTION_PAGE_READWRITE,
			 MAP_W | NTSECTION_SECTION_QUERY);

	char *p;

	ASSERT_LE(0, fd);
	/*
	 * rule 28: FILE_MAP_WRITE alone lacks SECTION_MAP_READ, so a read-only
	 * view is refused, but a FILE_MAP_WRITE (read-write) view is fine.
	 */
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	p[0] = 1;
	EXPECT_EQ(1, p[0]);
	EXPECT_EQ(0, mprotect(p, pg, PROT_READ));
	munmap(p, pg);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_NONE, MAP_SHARED, fd, 0));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 0));
	EXPECT_EQ(EACCES, errno);
	close(fd);
}

TEST_F(view, not_readable_or_writable_as_file)
{
	int fd = section(self, self->pg, NTSECTION_PAGE_READWRITE, NS_ALL_ACCESS);
	char c;

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, read(fd, &c, 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write(fd, &c, 1));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

/*
 * An executable view really executes: code written through a writable
 * view runs from an executable one.  A view's file lives on its backing's
 * mount (shmem's internal one here), which is not noexec.
 */
TEST_F(view, execute)
{
	long pg = self->pg;
	int fd = section(self, pg, NTSECTION_PAGE_EXECUTE_READWRITE,
			 NS_ALL_ACCESS);
	int rx = ns_dup(fd, MAP_R | MAP_X, 0);
	unsigned char *w, *x;

	ASSERT_LE(0, fd);
	ASSERT_LE(0, rx);
	w = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, w);
	x = mmap(NULL, pg, PROT_READ | PROT_EXEC, MAP_SHARED, rx, 0);
	ASSERT_NE(MAP_FAILED, x) TH_LOG("PROT_EXEC view: %s", strerror(errno));
#if defined(__x86_64__) || defined(__i386__)
	/* mov $42, %eax; ret */
	memcpy(w, "\xb8\x2a\x00\x00\x00\xc3", 6);
	__builtin___clear_cache((char *)x, (char *)x + 6);
	EXPECT_EQ(42, ((int (*)(void))x)());
#endif
	/* and the read-execute handle gives no writable shared view */
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ | PROT_WRITE | PROT_EXEC,
				   MAP_SHARED, rx, 0));
	EXPECT_EQ(EACCES, errno);
	munmap(w, pg);
	munmap(x, pg);
	close(rx);
	close(fd);
}

/*
 * A sealed memfd as the file of a section: the view counts as a writable
 * mapping of the memfd exactly while it exists (so sealing fails while it
 * is mapped and succeeds once it is gone), and a write seal refuses new
 * shared writable views.
 */
TEST(memfd_write_seal)
{
	long pg = ns_page();
	int dev = ns_open_dev();
	int mfd = memfd_create("ntsection-seal", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	int fd, ro;
	char *v, *n;

	ASSERT_LE(0, dev);
	ASSERT_LE(0, mfd);
	ASSERT_EQ(0, ftruncate(mfd, pg));
	fd = ns_create(dev, 0, NTSECTION_PAGE_READWRITE, 0, mfd, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ro = ns_dup(fd, MAP_R, 0);
	ASSERT_LE(0, ro);
	v = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, v);
	v[0] = 's';
	EXPECT_EQ(-1, fcntl(mfd, F_ADD_SEALS, F_SEAL_WRITE));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(0, munmap(v, pg));
	/* the count is back to zero, not below: native mappings still work */
	n = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
	ASSERT_NE(MAP_FAILED, n);
	EXPECT_EQ('s', n[0]);
	EXPECT_EQ(0, munmap(n, pg));
	ASSERT_EQ(0, fcntl(mfd, F_ADD_SEALS, F_SEAL_WRITE));
	/* sealed: no shared writable view, read-only and private ones fine */
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED,
				   fd, 0));
	EXPECT_EQ(EPERM, errno);
	v = mmap(NULL, pg, PROT_READ, MAP_SHARED, ro, 0);
	ASSERT_NE(MAP_FAILED, v);
	EXPECT_FALSE(ns_can_write(v));
	EXPECT_EQ('s', v[0]);
	munmap(v, pg);
	v = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT_NE(MAP_FAILED, v);
	v[0] = 'p';
	munmap(v, pg);
	n = mmap(NULL, pg, PROT_READ, MAP_SHARED, ro, 0);
	ASSERT_NE(MAP_FAILED, n);
	EXPECT_EQ('s', n[0]);
	munmap(n, pg);
	close(ro);
	close(fd);

	/*
	 * A read-only shared view through a handle with MAP_WRITE: 6.1
	 * counts every VM_SHARED vma as writable, 6.7+ only those that may
	 * write.  Refused or not, the seal must hold.
	 */
	fd = ns_create(dev, 0, NTSECTION_PAGE_READONLY, 0, mfd, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	v = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	TH_LOG("read-only shared view of a sealed memfd: %s",
	       v == MAP_FAILED ? strerror(errno) : "mapped");
	if (v == MAP_FAILED)
		EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ | PROT_WRITE,
				   MAP_SHARED, mfd, 0));
	EXPECT_EQ(EPERM, errno);
	if (v != MAP_FAILED)
		munmap(v, pg);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, pg, PROT_READ | PROT_WRITE,
				   MAP_SHARED, mfd, 0));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, pwrite(mfd, "w", 1, 0));
	EXPECT_EQ(EPERM, errno);
	close(fd);
	close(mfd);
	close(dev);
}

TEST_HARNESS_MAIN
