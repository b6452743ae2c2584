// SPDX-License-Identifier: GPL-2.0
/*
 * security.c - one test per bug of the review of the view and section
 * code (each failed on the module before views got files of their own):
 * remap_file_pages(2) lifting a view's cap, a hugetlbfs (and other
 * non-page-cache) file as a section's file, a write seal racing a
 * writable view, a grow at creation racing an extending write, a grow
 * checked against the path instead of the fd, /proc/PID/map_files/ of a
 * pagefile view, READ_IMPLIES_EXEC, an open asking for no right,
 * SET_OWNER's capability, the fair share of a namespace's sections and
 * the per-user count up the user namespaces.
 * The attacks an unprivileged user can make run as uid 1000.  The use
 * after free after rmmod is in unload.c.
 */
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>

#ifndef SYS_memfd_secret
#define SYS_memfd_secret 447
#endif

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define USER	1000
#define RO	NTSECTION_PAGE_READONLY
#define RW	NTSECTION_PAGE_READWRITE
#define MAP_R	NTSECTION_SECTION_MAP_READ
#define MAP_W	NTSECTION_SECTION_MAP_WRITE
#define MAP_X	NTSECTION_SECTION_MAP_EXECUTE

/* Run @fn(@arg) in a child as @uid; its exit status (0: all well). */
static int as_user(uid_t uid, int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 100;
	if (!pid)
		_exit(ns_become(uid) ? 101 : fn(arg));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 102;
	return WEXITSTATUS(status);
}

/* A scratch file @uid may open, @size bytes, mode @mode; its path in @path. */
static int user_file(char *path, size_t n, uid_t uid, off_t size, mode_t mode)
{
	int fd;

	snprintf(path, n, "%s/sec-XXXXXX", ns_scratch_dir());
	fd = mkstemp(path);
	if (fd < 0 || ftruncate(fd, size) || fchown(fd, uid, uid) ||
	    fchmod(fd, mode))
		return -1;
	return fd;
}

FIXTURE(security) {
	int dev;
	long pg;
	long live;
};

FIXTURE_SETUP(security)
{
	if (geteuid() != 0)
		SKIP(return, "needs root to switch to uid %d", USER);
	self->pg = ns_page();
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->live = ns_live();
}

FIXTURE_TEARDOWN(security)
{
	if (geteuid() != 0)
		return;
	close(self->dev);
	EXPECT_EQ(self->live, ns_live());
}

struct remap_arg {
	int dev;
	long pg;
	const char *name;
};

/*
 * uid 1000 opens root's read-only section with MAP_READ|MAP_WRITE, maps
 * it read-only and remaps it: the remapped view has the same cap.
 */
static int remap_attack(void *a)
{
	struct remap_arg *r = a;
	long pg = r->pg;
	int fd = ns_open_named(r->dev, r->name, MAP_R | MAP_W);
	char *p;

	if (fd < 0)
		return 1;
	p = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 2;
	/* past the section: the remap is refused, as an mmap would be */
	if (!remap_file_pages(p + pg, pg, 0, 8, 0) || errno != ENXIO)
		return 3;
	/* a writable handle makes the view VM_SHARED: remap is allowed */
	if (remap_file_pages(p, pg, 0, 1, 0))
		return 4;
	if (p[0] != 'B')	/* it is page 1 now */
		return 5;
	if (!mprotect(p, pg, PROT_READ | PROT_WRITE) || errno != EACCES)
		return 6;
	if (!mprotect(p, pg, PROT_READ | PROT_EXEC) || errno != EACCES)
		return 7;
	if (ns_can_write(p))
		return 8;
	munmap(p, 2 * pg);
	close(fd);
	return 0;
}

TEST_F(security, remap_file_pages_keeps_the_cap)
{
	struct remap_arg r = { self->dev, self->pg, "sec-remap" };
	char path[PATH_MAX], b[2];
	struct ntsection_create_args a;
	int file, fd;

	file = user_file(path, sizeof(path), 0, 4 * self->pg, 0644);
	ASSERT_LE(0, file);
	unlink(path);
	ASSERT_EQ(1, pwrite(file, "A", 1, 0));
	ASSERT_EQ(1, pwrite(file, "B", 1, self->pg));
	memset(&a, 0, sizeof(a));
	a.size = 2 * self->pg;
	a.protect = RO;
	a.file_fd = file;
	a.access = NS_ALL_ACCESS;
	a.flags = NTSECTION_CREATE_MODE;
	a.mode = 0666;
	a.name = (unsigned long)r.name;
	a.name_length = strlen(r.name);
	fd = ioctl(self->dev, NTSECTION_IOC_CREATE, &a);
	ASSERT_LE(0, fd);

	EXPECT_EQ(0, as_user(USER, remap_attack, &r));
	ASSERT_EQ(2, pread(file, b, 2, 0));
	EXPECT_EQ('A', b[0]);
	close(fd);
	close(file);
}

static int create_from(int dev, int file, __u64 size)
{
	return ns_create(dev, size, RW, 0, file, NS_ALL_ACCESS);
}

static int hugetlb_section(void *a)
{
	int dev = *(int *)a;
	int mfd = memfd_create("sec-huge", MFD_HUGETLB);

	if (mfd < 0)
		return errno == EINVAL || errno == ENOENT ? 4 : 1;
	/* no huge page needs to be reserved for the size to be set */
	if (ftruncate(mfd, 2 << 20))
		return 2;
	if (create_from(dev, mfd, 0) != -1 || errno != ENODEV)
		return 3;
	close(mfd);
	return 0;
}

/* Only ordinary page-cache files back sections: ENODEV for the rest. */
TEST_F(security, special_files_are_refused)
{
	int rc, fd;

	rc = as_user(USER, hugetlb_section, &self->dev);
	if (rc == 4)
		TH_LOG("no hugetlbfs in this kernel: MFD_HUGETLB not tried");
	else
		EXPECT_EQ(0, rc);

	fd = syscall(SYS_memfd_secret, 0);
	if (fd >= 0) {
		ASSERT_EQ(0, ftruncate(fd, self->pg));
		EXPECT_EQ(-1, create_from(self->dev, fd, 0));
		EXPECT_EQ(ENODEV, errno);
		close(fd);
	}
	/* procfs and sysfs regular files */
	fd = open("/proc/self/status", O_RDWR);
	if (fd < 0)
		fd = open("/proc/self/status", O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ns_create(self->dev, self->pg, RO, 0, fd, MAP_R));
	EXPECT_EQ(ENODEV, errno);
	close(fd);
	fd = open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY);
	if (fd < 0)
		fd = open("/sys/class/misc/ntsection/dev", O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ns_create(self->dev, self->pg, RO, 0, fd, MAP_R));
	EXPECT_EQ(ENODEV, errno);
	close(fd);
	/* a handle is no file either */
	fd = ns_create(self->dev, self->pg, RW, 0, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ns_create(self->dev, self->pg, RO, 0, fd, MAP_R));
	EXPECT_EQ(ENODEV, errno);
	close(fd);
}

#define SEAL_MAPPERS 3

/* Shared by the sealer and its mappers (separate processes). */
struct seal_race {
	volatile int stop;
	int bad_errno;
	int both;	/* times a writable view and the seal coexisted */
};

/*
 * Map @handle writable, look at the seals, write, unmap, until told to
 * stop or refused.  A process of its own, so that the mappers do not
 * queue on one mmap_lock: the race is between one's mmap(2) and the seal.
 */
static void seal_mapper(struct seal_race *r, int handle, int mfd, long pg)
{
	while (!r->stop) {
		char *p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED,
			       handle, 0);

		if (p == MAP_FAILED) {
			if (errno != EPERM)
				r->bad_errno = errno;
			break;
		}
		/* the seal is refused while this view exists, so: not yet */
		if (fcntl(mfd, F_GET_SEALS) & F_SEAL_WRITE)
			__atomic_add_fetch(&r->both, 1, __ATOMIC_RELAXED);
		p[0]++;
		munmap(p, pg);
	}
	_exit(0);
}

/*
 * A write seal and a writable view exclude each other, also when they
 * race: a view that mmap(2) returned never sees F_SEAL_WRITE set, so no
 * view writes to a sealed memfd.  (Before views had files of their own,
 * the seal could slip in between the module's check and the core's
 * counting of the new vma.)
 */
TEST_F(security, write_seal_races_a_writable_view)
{
	int round, sealed = 0;
	time_t end = time(NULL) + (ns_slow_kernel() ? 20 : 10);
	struct seal_race *r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, r);
	for (round = 0; time(NULL) < end; round++) {
		int mfd = memfd_create("sec-seal", MFD_ALLOW_SEALING);
		pid_t pids[SEAL_MAPPERS];
		int handle, i, m, status;

		ASSERT_LE(0, mfd);
		ASSERT_EQ(0, ftruncate(mfd, self->pg));
		handle = create_from(self->dev, mfd, 0);
		ASSERT_LE(0, handle);
		r->stop = 0;
		for (m = 0; m < SEAL_MAPPERS; m++) {
			pids[m] = fork();
			ASSERT_LE(0, pids[m]);
			if (!pids[m])
				seal_mapper(r, handle, mfd, self->pg);
		}
		for (i = 0; i < 100000; i++) {
			if (!fcntl(mfd, F_ADD_SEALS, F_SEAL_WRITE))
				break;
			ASSERT_EQ(EBUSY, errno);
		}
		sealed += i < 100000;
		r->stop = 1;
		for (m = 0; m < SEAL_MAPPERS; m++) {
			ASSERT_EQ(pids[m], waitpid(pids[m], &status, 0));
			EXPECT_EQ(0, status);
		}
		EXPECT_EQ(0, r->bad_errno);
		ASSERT_EQ(0, r->both) TH_LOG("round %d: %d writable views of the sealed memfd", round, r->both);
		close(handle);
		close(mfd);
	}
	TH_LOG("%d rounds, %d sealed", round, sealed);
	EXPECT_LT(0, sealed);
	munmap(r, sizeof(*r));
}

struct grow_race {
	int file;
	long pg;
	int pages;
	volatile int done;
};

static void *extender(void *a)
{
	struct grow_race *g = a;
	char buf[64];
	int i;

	for (i = 0; i < g->pages; i++) {
		memset(buf, 'a' + i % 26, sizeof(buf));
		if (pwrite(g->file, buf, sizeof(buf), (off_t)i * g->pg) !=
		    (ssize_t)sizeof(buf))
			break;
	}
	g->done = 1;
	return NULL;
}

/* A section that grows its file never cuts back a concurrent write. */
TEST_F(security, grow_races_an_extending_write)
{
	struct grow_race g = { .pg = self->pg, .pages = 3000 };
	char path[PATH_MAX], c;
	pthread_t t;
	int i, created = 0;

	g.file = user_file(path, sizeof(path), 0, 0, 0600);
	ASSERT_LE(0, g.file);
	unlink(path);
	ASSERT_EQ(0, pthread_create(&t, NULL, extender, &g));
	while (!g.done) {
		struct stat st;
		int fd;

		ASSERT_EQ(0, fstat(g.file, &st));
		/* a little past the end: the writer is about to get there */
		fd = create_from(self->dev, g.file, st.st_size + self->pg / 2);
		if (fd >= 0) {
			created++;
			close(fd);
		}
	}
	pthread_join(t, NULL);
	for (i = 0; i < g.pages; i++) {
		ASSERT_EQ(1, pread(g.file, &c, 1, (off_t)i * self->pg));
		ASSERT_EQ('a' + i % 26, c) TH_LOG("page %d lost its write", i);
	}
	TH_LOG("%d sections created while the file grew", created);
	close(g.file);
}

struct fd_grow {
	int dev;
	int file;
	long pg;
};

static int grow_by_fd(void *a)
{
	struct fd_grow *f = a;
	struct stat st;
	int fd = create_from(f->dev, f->file, 4 * f->pg);

	if (fd < 0)
		return 1;
	if (fstat(f->file, &st) || st.st_size != 4 * f->pg)
		return 2;
	close(fd);
	return 0;
}

/* The grow uses the rights of the fd, like ftruncate(2), not the path's. */
TEST_F(security, grow_checks_the_fd)
{
	struct fd_grow f = { .dev = self->dev, .pg = self->pg };
	char path[PATH_MAX];
	int fd;

	fd = user_file(path, sizeof(path), USER, self->pg, 0600);
	ASSERT_LE(0, fd);
	f.file = open(path, O_RDWR);
	ASSERT_LE(0, f.file);
	/* the owner made it read-only after opening it read-write */
	ASSERT_EQ(0, fchmod(fd, 0400));
	unlink(path);
	EXPECT_EQ(0, as_user(USER, grow_by_fd, &f));
	close(f.file);
	close(fd);
}

/* /proc/PID/map_files/ of a pagefile view: no open, no truncate. */
TEST_F(security, pagefile_map_files)
{
	long pg = self->pg;
	char path[128], fdpath[64];
	struct ntsection_info info;
	int fd, opath;
	char *p;

	fd = ns_create(self->dev, pg, RW, 0, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	snprintf(path, sizeof(path), "/proc/self/map_files/%lx-%lx",
		 (unsigned long)p, (unsigned long)p + pg);
	opath = open(path, O_PATH);
	ASSERT_LE(0, opath);
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", opath);
	EXPECT_EQ(-1, truncate(fdpath, 64 * pg));
	EXPECT_EQ(ETXTBSY, errno);
	/* write access is checked first */
	EXPECT_EQ(-1, open(fdpath, O_RDWR));
	EXPECT_EQ(ETXTBSY, errno);
	EXPECT_EQ(-1, open(fdpath, O_RDONLY));
	EXPECT_EQ(ENXIO, errno);
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ((__u64)pg, info.size);
	/* a handle's own path cannot be opened or truncated either */
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	EXPECT_EQ(-1, open(fdpath, O_RDWR));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, truncate(fdpath, 64 * pg));
	EXPECT_EQ(EINVAL, errno);
	close(opath);
	munmap(p, pg);
	close(fd);
}

static int read_implies_exec(void *a)
{
	int dev = *(int *)a;
	struct ntsection_view_query_args q;
	long pg = ns_page();
	int fd, mfd;
	char *p;

	if (personality(READ_IMPLIES_EXEC) == -1)
		return 1;
	fd = ns_create(dev, pg, RO, 0, -1, MAP_R);
	if (fd < 0)
		return 2;
	/* as a memfd maps: readable; the exec the section lacks is left out */
	p = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 3;
	if (ns_view_query(dev, p, &q) || q.prot != PROT_READ ||
	    (q.max_prot & PROT_EXEC))
		return 4;
	munmap(p, pg);
	mfd = memfd_create("sec-rie", 0);
	if (mfd < 0 || ftruncate(mfd, pg))
		return 5;
	p = mmap(NULL, pg, PROT_READ, MAP_SHARED, mfd, 0);
	if (p == MAP_FAILED)
		return 6;
	return 0;
}

TEST_F(security, read_implies_exec)
{
	EXPECT_EQ(0, as_user(USER, read_implies_exec, &self->dev));
}

static int open_nothing(void *a)
{
	int dev = *(int *)a;

	if (ns_open_named(dev, "sec-none", 0) != -1 || errno != EACCES)
		return 1;
	if (ns_create_named(dev, "sec-none", 4096, 0, 0, 0, NULL) != -1 ||
	    errno != EACCES)
		return 2;
	return 0;
}

/* An open that asks for no right is refused, even the owner's. */
TEST_F(security, open_with_no_access)
{
	int fd = ns_create_named(self->dev, "sec-none", self->pg,
				 NS_ALL_ACCESS, NTSECTION_CREATE_MODE, 0666,
				 NULL);

	ASSERT_LE(0, fd);
	EXPECT_EQ(0, as_user(USER, open_nothing, &self->dev));
	EXPECT_EQ(-1, ns_open_named(self->dev, "sec-none", 0));
	EXPECT_EQ(EACCES, errno);
	/* a new section may still be made with no access (Windows too) */
	close(fd);
	fd = ns_create_named(self->dev, "sec-none", self->pg, 0, 0, 0, NULL);
	EXPECT_LE(0, fd);
	close(fd);
}

/* Keep only @keep of the capabilities (a bit mask of the first 32). */
static int keep_caps(__u32 keep)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof(d));
	d[0].effective = d[0].permitted = keep;
	return syscall(SYS_capset, &h, d);
}

static int set_owner_with(void *a)
{
	int fd = *(int *)a;

	/* not the owner; CAP_IPC_OWNER does not do, as for IPC_SET */
	if (keep_caps(1U << CAP_IPC_OWNER))
		return 1;
	if (!ns_set_owner(fd, NTSECTION_SET_MODE, 0, 0, 0666) ||
	    errno != EPERM)
		return 2;
	return 0;
}

static int set_owner_admin(void *a)
{
	int fd = *(int *)a;

	if (keep_caps(1U << CAP_SYS_ADMIN))
		return 1;
	return ns_set_owner(fd, NTSECTION_SET_MODE, 0, 0, 0640) ? 2 : 0;
}

/* A child that stays root (uid 0 is the owner): drop to @fn's caps. */
static int as_other_root(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (!pid) {
		/* keep the capabilities across the uid change */
		if (prctl(PR_SET_KEEPCAPS, 1) || setresuid(USER, USER, USER))
			_exit(101);
		_exit(fn(arg));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 102;
	return WEXITSTATUS(status);
}

TEST_F(security, set_owner_needs_cap_sys_admin)
{
	int fd = ns_create(self->dev, self->pg, RW, 0, -1, NS_ALL_ACCESS);
	struct ntsection_info info;

	ASSERT_LE(0, fd);
	EXPECT_EQ(0, as_other_root(set_owner_with, &fd));
	EXPECT_EQ(0, as_other_root(set_owner_admin, &fd));
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(0640U, info.mode);
	close(fd);
}

#define FAIR_USERS 5

/* Create sections until refused; report how many through @pipe_fd. */
static int fill(void *a)
{
	int *args = a, n = 0, fd;

	while ((fd = ns_create(args[0], 4096, RW, 0, -1, NS_ALL_ACCESS)) >= 0)
		n++;
	if (errno != ENOSPC)
		return 1;
	if (write(args[1], &n, sizeof(n)) != sizeof(n))
		return 2;
	/* hold them until told */
	if (read(args[2], &fd, 1) < 0)
		return 3;
	return 0;
}

/*
 * Fair share: in a namespace of 8 free places, users take 4, 2, 1 and 1;
 * the next gets none.  No user can take the rest from the others.
 */
TEST_F(security, fair_share)
{
	long long max = ns_param_get("max_sections");
	int got[FAIR_USERS], expect[FAIR_USERS] = { 4, 2, 1, 1, 0 };
	int report[2], hold[2], i, status;
	pid_t pids[FAIR_USERS];

	ASSERT_LE(0, max);
	ASSERT_EQ(0, pipe(report));
	ASSERT_EQ(0, pipe(hold));
	ASSERT_EQ(0, ns_param_set("max_sections", self->live + 8));
	for (i = 0; i < FAIR_USERS; i++) {
		int args[3] = { self->dev, report[1], hold[0] };

		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (!pids[i]) {
			close(hold[1]);
			_exit(ns_become(USER + i) ? 101 : fill(args));
		}
		ASSERT_EQ((ssize_t)sizeof(got[i]),
			  read(report[0], &got[i], sizeof(got[i])));
	}
	close(hold[1]);
	for (i = 0; i < FAIR_USERS; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		EXPECT_EQ(0, status);
		EXPECT_EQ(expect[i], got[i]) TH_LOG("user %d", i);
	}
	EXPECT_EQ(0, ns_param_set("max_sections", max));
	close(report[0]);
	close(report[1]);
	close(hold[0]);
}

/* A namespace's limit is its own: a full one does not stop another. */
TEST_F(security, limits_per_ipc_namespace)
{
	long long max = ns_param_get("max_sections");
	int fd, other, status;
	pid_t pid;

	ASSERT_EQ(0, ns_param_set("max_sections", self->live + 1));
	fd = ns_create(self->dev, self->pg, RW, 0, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ns_create(self->dev, self->pg, RW, 0, -1,
				NS_ALL_ACCESS));
	EXPECT_EQ(ENOSPC, errno);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (unshare(CLONE_NEWIPC))
			_exit(1);
		other = ns_create(self->dev, self->pg, RW, 0, -1,
				  NS_ALL_ACCESS);
		_exit(other < 0 ? 2 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	EXPECT_EQ(0, ns_param_set("max_sections", max));
	close(fd);
}

/* Write "@inner @outer @count" to /proc/@pid/@map; 0 or -1. */
static int write_idmap(pid_t pid, const char *map, int inner, int outer,
		       int count)
{
	char path[64], line[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, map);
	snprintf(line, sizeof(line), "%d %d %d\n", inner, outer, count);
	return ns_write_proc(path, line);
}

#define SUBIDS	100000

/*
 * The child of ucounts_climb_user_namespaces: uid 1000 in a user
 * namespace of its own where root has mapped ids 0-9 to 100000-100009.
 * Each id is a kuid of its own, but all count for uid 1000 one level up.
 */
static int subids(int dev, int ready, int mapped)
{
	int a, b, c;
	char x;

	if (ns_become(USER) || unshare(CLONE_NEWUSER) ||
	    write(ready, "r", 1) != 1 || read(mapped, &x, 1) != 1)
		return 1;
	if (setresgid(0, 0, 0) || setresuid(0, 0, 0))
		return 2;
	a = ns_create(dev, 4096, RW, 0, -1, NS_ALL_ACCESS);	/* 100000 */
	if (a < 0)
		return 3;
	if (setresgid(1, 1, 1) || setresuid(1, 1, 1))
		return 4;
	b = ns_create(dev, 4096, RW, 0, -1, NS_ALL_ACCESS);	/* 100001 */
	if (b < 0)
		return 5;
	/* kuid 100001 holds one, but uid 1000 holds two above it */
	c = ns_create(dev, 4096, RW, 0, -1, NS_ALL_ACCESS);
	if (c != -1 || errno != ENOSPC)
		return 6;
	/* a freed one frees its place at every level */
	close(a);
	c = ns_create(dev, 4096, RW, 0, -1, NS_ALL_ACCESS);
	if (c < 0)
		return 7;
	return 0;
}

/*
 * max_sections_per_user counts per user per user namespace, as ucounts
 * do: the ids a user maps into a namespace of its own (as newuidmap does
 * with subordinate ids) do not multiply the user's count.
 */
TEST_F(security, ucounts_climb_user_namespaces)
{
	long long per_user = ns_param_get("max_sections_per_user");
	int ready[2], mapped[2], status;
	char x;
	pid_t pid;

	ASSERT_LE(0, per_user);
	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(mapped));
	ASSERT_EQ(0, ns_param_set("max_sections_per_user", 2));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(subids(self->dev, ready[1], mapped[0]));
	ASSERT_EQ(1, read(ready[0], &x, 1));
	EXPECT_EQ(0, write_idmap(pid, "uid_map", 0, SUBIDS, 10));
	EXPECT_EQ(0, write_idmap(pid, "gid_map", 0, SUBIDS, 10));
	ASSERT_EQ(1, write(mapped[1], "m", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	/* root is another user, untouched by uid 1000's count */
	status = ns_create(self->dev, self->pg, RW, 0, -1, NS_ALL_ACCESS);
	EXPECT_LE(0, status);
	close(status);
	EXPECT_EQ(0, ns_param_set("max_sections_per_user", per_user));
	close(ready[0]);
	close(ready[1]);
	close(mapped[0]);
	close(mapped[1]);
}

TEST_HARNESS_MAIN
