// SPDX-License-Identifier: GPL-2.0
/*
 * bench.c - ntsection against what Linux programs use instead: native
 * mmap(2) of a file, memfd_create(2), POSIX shm_open(3) and SysV shmget(2).
 * Run inside a guest with ntsection.ko loaded (tools/testing/bench/run, make bench).
 *
 * Every measurement is the median of --reps repetitions, the section and
 * its anchor alternating so that drift hits both alike, and is reported as
 * a cost (time per operation, bytes per object) with the ratio section
 * cost / anchor cost: 1.00 is parity, below 1 the section is cheaper.
 *
 *   fault    first-touch read and write faults, ext4 file and shmem,
 *            on 1 and 2 CPUs (one worker pinned per CPU, own object each)
 *   bw       sequential and random writes through a pre-faulted view
 *   cycle    create -> map -> touch one page -> unmap -> close, through
 *            the native API and through the Win32 calls (CreateFileMappingA,
 *            MapViewOfFile, UnmapViewOfFile, CloseHandle), pagefile-backed
 *            and file-backed; a missed target prints each step's time
 *   open     open by name with 1, 1,000 and 100,000 names in existence
 *   memory   kernel memory per object (Slab + KernelStack + PageTables)
 *   flush    NTSECTION_IOC_FLUSH vs msync(MS_SYNC) of N dirty pages
 *   commit   NTSECTION_IOC_COMMIT of 64 KiB vs mprotect(2) of 64 KiB of a
 *            memfd mapping (how .NET commits on Linux); first-touch faults
 *            on committed SEC_RESERVE pages vs SEC_COMMIT ones
 *   large    SEC_COMMIT | SEC_LARGE_PAGES sections (2 MiB pages, PMD-mapped)
 *            vs a 4 KiB-page memfd: first-touch writes over 1 GiB, and the
 *            page tables of 64 processes mapping 512 MiB
 *
 * Output: a text table on stdout, then the results as JSON between the
 * lines "@@BENCH-JSON-BEGIN@@" and "@@BENCH-JSON-END@@".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ntsection.h>
#include <winsection.h>

#include "../../../selftests/ntsection/smaps.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_REPS	31

static long pg;
static int dev = -1;
static int reps = 7;
static int quick;

/* ---- results ------------------------------------------------------------ */

/* How a row's target is judged. */
enum target_kind {
	T_NONE,		/* informative */
	T_RATIO_MAX,	/* ratio <= target */
	T_RATIO_LT,	/* ratio < target */
	T_ABS_MAX,	/* section value <= target (absolute) */
};

struct result {
	char name[72];
	const char *unit;
	const char *anchor;	/* what the section is compared with */
	double section;		/* cost of the section, in @unit */
	double base;		/* cost of the anchor */
	enum target_kind kind;
	double target;
	const char *na;		/* not measured: why */
	double control;		/* A/A: anchor measured twice, 2nd / 1st */
};

static struct result results[96];
static int nresults;

static struct result *add(const char *unit, const char *anchor, double s,
			  double b, enum target_kind kind, double target,
			  const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
static struct result *add(const char *unit, const char *anchor, double s,
			  double b, enum target_kind kind, double target,
			  const char *fmt, ...)
{
	struct result *r = &results[nresults];
	va_list ap;

	if (nresults >= (int)ARRAY_SIZE(results))
		return &results[nresults - 1];
	nresults++;
	va_start(ap, fmt);
	vsnprintf(r->name, sizeof(r->name), fmt, ap);
	va_end(ap);
	r->unit = unit;
	r->anchor = anchor;
	r->section = s;
	r->base = b;
	r->kind = kind;
	r->target = target;
	fprintf(stderr, "bench: %s done\n", r->name);
	return r;
}

static double ratio(const struct result *r)
{
	return r->base > 0 ? r->section / r->base : 0;
}

/* "met", "MISSED", or "" when the row has no target or was not measured */
static const char *verdict(const struct result *r)
{
	if (r->na || r->kind == T_NONE)
		return "";
	switch (r->kind) {
	case T_RATIO_MAX:
		return ratio(r) <= r->target ? "met" : "MISSED";
	case T_RATIO_LT:
		return ratio(r) < r->target ? "met" : "MISSED";
	default:
		return r->section <= r->target ? "met" : "MISSED";
	}
}

static void target_str(const struct result *r, char *buf, size_t len)
{
	switch (r->kind) {
	case T_RATIO_MAX:
		snprintf(buf, len, r->target < 0.2 ? "<= %.3fx" : "<= %.2fx",
			 r->target);
		break;
	case T_RATIO_LT:
		snprintf(buf, len, r->target < 0.2 ? "< %.3fx" : "< %.2fx",
			 r->target);
		break;
	case T_ABS_MAX:
		snprintf(buf, len, "<= %.0f %s", r->target, r->unit);
		break;
	default:
		snprintf(buf, len, "-");
	}
}

/* ---- timing and helpers ------------------------------------------------- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/*
 * Let deferred work of the previous measurement (RCU callbacks freeing
 * inodes and files, deferred fput, writeback kicks) run before the clock
 * starts, rather than be charged to whatever is timed next.
 */
static void settle(void)
{
	usleep(20000);
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
}

/* The library's -errno as the -1 and errno the callers test. */
static int ns_ret(int r)
{
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}

static int section_create(int file_fd, size_t size)
{
	struct ntsection_create_args a;

	ntsection_create_init(&a, size, NTSECTION_PAGE_READWRITE, file_fd,
			      NTSECTION_SECTION_ALL_ACCESS);
	return ns_ret(ntsection_create(dev, &a));
}

/* A named pagefile section (create-only); the handle, or -1 with errno. */
static int section_create_named(const char *name, size_t size)
{
	struct ntsection_create_args a;

	ntsection_create_init(&a, size, NTSECTION_PAGE_READWRITE, -1,
			      NTSECTION_SECTION_ALL_ACCESS);
	ntsection_create_set_name(&a, name);
	a.flags = NTSECTION_CREATE_NEW;
	return ns_ret(ntsection_create(dev, &a));
}

static int section_open_named(const char *name)
{
	return ns_ret(ntsection_open(dev, name, NTSECTION_SECTION_ALL_ACCESS,
				     0));
}

/* Do named sections work here?  Creates and closes one. */
static int named_available(void)
{
	int fd = section_create_named("bench-probe", pg);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* A file of @size bytes in the cwd, filled (so in the page cache). */
static int data_file(const char *name, size_t size)
{
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	char *buf;
	size_t off;

	if (fd < 0)
		die(name);
	buf = malloc(1 << 20);
	if (!buf)
		die("malloc");
	memset(buf, 0x5a, 1 << 20);
	for (off = 0; off < size; off += 1 << 20)
		if (pwrite(fd, buf, size - off < (1 << 20) ? size - off :
			   1 << 20, off) < 0)
			die("pwrite");
	free(buf);
	return fd;
}

static int write_sysctl(const char *path, long v)
{
	FILE *f = fopen(path, "we");

	if (!f)
		return -1;
	fprintf(f, "%ld\n", v);
	return fclose(f);
}

/* ---- objects under test ------------------------------------------------- */

/* K_CONTROL: the native anchor again, for an A/A ratio (the noise floor) */
enum kind { K_NATIVE, K_SECTION, K_CONTROL };
enum backing { B_FILE, B_SHMEM };

static const char *const backing_name[] = { "ext4 file", "shmem" };

/*
 * An fd to map @size bytes of: for B_FILE the file @file (native) or a
 * section of it; for B_SHMEM a fresh memfd or pagefile section.
 */
static int object(enum kind k, enum backing b, int file, size_t size)
{
	int fd;

	if (b == B_FILE)
		return k != K_SECTION ? dup(file) : section_create(file, size);
	if (k == K_SECTION)
		return section_create(-1, size);
	fd = memfd_create("bench", MFD_CLOEXEC);
	if (fd >= 0 && ftruncate(fd, size))
		die("ftruncate");
	return fd;
}

/* ---- page-fault throughput ---------------------------------------------- */

/* pages per worker: file read faults map 16 pages each (fault-around) */
#define FAULT_PAGES	16384
#define SHMEM_PAGES	4096

/*
 * One worker: map its object, touch each page once (read or write) and
 * report the touch loop's start and end time through @out.
 */
static void fault_worker(enum kind k, enum backing b, int file, int wr,
			 int cpu, int go, int out)
{
	long n = b == B_FILE ? FAULT_PAGES : SHMEM_PAGES;
	size_t size = n * pg;
	volatile char *p;
	double t[2];
	char c;
	long i;
	int fd;

	pin(cpu);
	fd = object(k, b, file, size);
	if (fd < 0)
		die("object");
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("mmap");
	if (read(go, &c, 1) != 1)
		_exit(1);
	t[0] = now();
	if (wr)
		for (i = 0; i < n; i++)
			p[i * pg] = 1;
	else
		for (i = 0; i < n; i++)
			(void)p[i * pg];
	t[1] = now();
	if (write(out, t, sizeof(t)) != sizeof(t))
		_exit(1);
	_exit(0);
}

/* ns per fault, all @ncpu workers together (wall time / faults) */
static double fault_once(enum kind k, enum backing b, int *files, int wr,
			 int ncpu)
{
	int go[2], out[2], i, status;
	double t[2], start = 1e30, end = 0;

	if (pipe(go) || pipe(out))
		die("pipe");
	for (i = 0; i < ncpu; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (!pid)
			fault_worker(k, b, files[i], wr, i, go[0], out[1]);
	}
	usleep(20000);	/* let every worker map its object */
	if (write(go[1], "gg", ncpu) != ncpu)
		die("write");
	for (i = 0; i < ncpu; i++) {
		if (read(out[0], t, sizeof(t)) != sizeof(t))
			die("worker");
		start = t[0] < start ? t[0] : start;
		end = t[1] > end ? t[1] : end;
	}
	while (wait(&status) > 0)
		;
	close(go[0]);
	close(go[1]);
	close(out[0]);
	close(out[1]);
	return (end - start) * 1e9 /
		((b == B_FILE ? FAULT_PAGES : SHMEM_PAGES) * ncpu);
}

static void bench_faults(void)
{
	double v[3][MAX_REPS];
	struct result *r;
	int files[2], b, w, ncpu, i, j, k;

	files[0] = data_file("fault-0.dat", FAULT_PAGES * pg);
	files[1] = data_file("fault-1.dat", FAULT_PAGES * pg);
	for (b = B_FILE; b <= B_SHMEM; b++)
		for (w = 0; w <= 1; w++)
			for (ncpu = 1; ncpu <= 2; ncpu++) {
				/* the kinds rotate, so drift and order hit all */
				for (i = 0; i < reps; i++)
					for (j = 0; j < 3; j++) {
						k = (i + j) % 3;
						v[k][i] = fault_once(k, b, files,
								     w, ncpu);
					}
				r = add("ns/page", b == B_FILE ? "native mmap" :
				    "memfd + mmap", median(v[1], reps),
				    median(v[0], reps), T_RATIO_MAX, 1.02,
				    "fault: first-touch %s, %s, %d CPU%s",
				    w ? "write" : "read", backing_name[b],
				    ncpu, ncpu > 1 ? "s" : "");
				r->control = median(v[2], reps) / r->base;
			}
	close(files[0]);
	close(files[1]);
	unlink("fault-0.dat");
	unlink("fault-1.dat");
}

/* ---- write bandwidth ------------------------------------------------------ */

#define BW_SIZE		(16UL << 20)
#define BW_PASSES	4
#define BW_STORES	(1UL << 21)

/* ns per MiB (sequential) or per store (random) into a pre-faulted view */
static double bw_once(enum kind k, enum backing b, int file, int random)
{
	uint64_t x = 88172645463325252ULL, *q;
	double t0, t;
	char *p;
	unsigned long i;
	int fd = object(k, b, file, BW_SIZE);

	if (fd < 0)
		die("object");
	p = mmap(NULL, BW_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("mmap");
	memset(p, 1, BW_SIZE);	/* every page faulted in and dirty */
	q = (uint64_t *)p;
	settle();
	t0 = now();
	if (random) {
		for (i = 0; i < BW_STORES; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			q[x % (BW_SIZE / 8)] = i;
		}
	} else {
		for (i = 0; i < BW_PASSES; i++)
			memset(p, i, BW_SIZE);
	}
	t = now() - t0;
	munmap(p, BW_SIZE);
	close(fd);
	return random ? t * 1e9 / BW_STORES :
			t * 1e9 / (BW_PASSES * (BW_SIZE >> 20));
}

static void bench_bandwidth(void)
{
	double v[3][MAX_REPS];
	int file = data_file("bw.dat", BW_SIZE), b, r, i, j, k;
	struct result *res;

	pin(0);
	for (b = B_FILE; b <= B_SHMEM; b++)
		for (r = 0; r <= 1; r++) {
			for (i = 0; i < reps; i++)
				for (j = 0; j < 3; j++) {
					k = (i + j) % 3;
					v[k][i] = bw_once(k, b, file, r);
				}
			res = add(r ? "ns/store" : "ns/MiB", b == B_FILE ?
			    "native mmap" : "memfd + mmap", median(v[1], reps),
			    median(v[0], reps), T_RATIO_MAX, 1.02,
			    "bandwidth: %s writes, %s", r ? "random 8-byte" :
			    "sequential", backing_name[b]);
			res->control = median(v[2], reps) / res->base;
		}
	close(file);
	unlink("bw.dat");
}

/* ---- create -> map -> touch -> unmap -> close ----------------------------- */

#define CYCLE_SIZE	(64 << 10)

enum cycle_kind {
	C_SECTION, C_MEMFD, C_SHM_OPEN, C_SHMGET, C_FILE_SECTION, C_FILE_MMAP,
	C_MEMFD_AGAIN, C_FILE_MMAP_AGAIN,	/* the anchors again: A/A */
	C_WIN32, C_WIN32_FILE,			/* the Win32 calls */
	C_NR
};

static const char *const cycle_name[] = {
	"pagefile section", "memfd_create + mmap", "shm_open + mmap",
	"shmget + shmat", "file-backed section", "open + mmap",
	"memfd_create + mmap", "open + mmap",
	"pagefile section, Win32", "file-backed section, Win32",
};

/* The steps of a cycle, timed when a cycle is taken apart (cycle_steps()). */
enum step { S_CREATE, S_MAP, S_TOUCH, S_UNMAP, S_CLOSE, S_NR };

static const char *const step_name[] = {
	"create", "map", "touch", "unmap", "close",
};

/* The end of step @s, when @t (seconds since the cycle began) is asked. */
static void stamp(double *t, enum step s)
{
	if (t)
		t[s] = now();
}

static char *map_fd(int fd)
{
	return mmap(NULL, CYCLE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		    fd, 0);
}

static void touch(char *p)
{
	if (p == MAP_FAILED || !p)
		die("map");
	*(volatile char *)p = 1;
}

/* One Win32 cycle: a pagefile section (@file 0) or cycle.dat's. */
static void cycle_win32(int file, double *t)
{
	HANDLE f = INVALID_HANDLE_VALUE, h;
	char *p;

	if (file)
		f = CreateFileA("cycle.dat", GENERIC_READ | GENERIC_WRITE, 0,
				NULL, OPEN_EXISTING, 0, NULL);
	h = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, CYCLE_SIZE, NULL);
	if (!h)
		die("CreateFileMappingA");
	stamp(t, S_CREATE);
	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, CYCLE_SIZE);
	stamp(t, S_MAP);
	touch(p);
	stamp(t, S_TOUCH);
	UnmapViewOfFile(p);
	stamp(t, S_UNMAP);
	CloseHandle(h);
	if (file)
		CloseHandle(f);
	stamp(t, S_CLOSE);
}

/* One cycle of an fd made by @ck (section or anchor), mmap'ed. */
static void cycle_fd(enum cycle_kind ck, double *t)
{
	int fd = -1, f = -1;

	switch (ck) {
	case C_SECTION:
		fd = section_create(-1, CYCLE_SIZE);
		break;
	case C_MEMFD:
	case C_MEMFD_AGAIN:
		fd = memfd_create("bench", MFD_CLOEXEC);
		if (fd < 0 || ftruncate(fd, CYCLE_SIZE))
			die("memfd");
		break;
	case C_SHM_OPEN:
		fd = shm_open("/bench-cycle", O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd < 0 || ftruncate(fd, CYCLE_SIZE))
			die("shm_open");
		shm_unlink("/bench-cycle");
		break;
	case C_FILE_SECTION:
		f = open("cycle.dat", O_RDWR | O_CLOEXEC);
		fd = section_create(f, CYCLE_SIZE);
		break;
	default:	/* open + mmap */
		fd = open("cycle.dat", O_RDWR | O_CLOEXEC);
		break;
	}
	if (fd < 0)
		die(cycle_name[ck]);
	stamp(t, S_CREATE);
	{
		char *p = map_fd(fd);

		stamp(t, S_MAP);
		touch(p);
		stamp(t, S_TOUCH);
		munmap(p, CYCLE_SIZE);
		stamp(t, S_UNMAP);
	}
	close(fd);
	if (f >= 0)
		close(f);
	stamp(t, S_CLOSE);
}

/* One whole cycle of @ck; with @t, each step's end time in it. */
static void cycle_steps(enum cycle_kind ck, double *t)
{
	int id;
	char *p;

	switch (ck) {
	case C_SHMGET:
		id = shmget(IPC_PRIVATE, CYCLE_SIZE, IPC_CREAT | 0600);
		if (id < 0)
			die("shmget");
		p = shmat(id, NULL, 0);
		if (p == (void *)-1)
			die("shmat");
		shmctl(id, IPC_RMID, NULL);
		*(volatile char *)p = 1;
		shmdt(p);
		break;
	case C_WIN32:
	case C_WIN32_FILE:
		cycle_win32(ck == C_WIN32_FILE, t);
		break;
	default:
		cycle_fd(ck, t);
		break;
	}
}

static void cycle(enum cycle_kind ck)
{
	cycle_steps(ck, NULL);
}

/* µs per cycle */
static double cycle_once(enum cycle_kind ck, int n)
{
	double t0;
	int i;

	settle();
	t0 = now();
	for (i = 0; i < n; i++)
		cycle(ck);
	return (now() - t0) * 1e6 / n;
}

/*
 * Where a cycle's time goes: the median over @n cycles of each step, in
 * µs, as "create 1.23, map 0.45, ..." in @buf.
 */
static void steps_str(enum cycle_kind ck, int n, char *buf, size_t len)
{
	double v[S_NR][64], t[S_NR], t0;
	size_t off = 0;
	int i, s;

	if (n > 64)
		n = 64;
	for (i = 0; i < n; i++) {
		t0 = now();
		cycle_steps(ck, t);
		for (s = 0; s < S_NR; s++) {
			v[s][i] = (t[s] - t0) * 1e6;
			t0 = t[s];
		}
	}
	for (s = 0; s < S_NR && off < len; s++)
		off += snprintf(buf + off, len - off, "%s%s %.3f",
				s ? ", " : "", step_name[s], median(v[s], n));
}

/* The per-step lines print_table() shows when a cycle target is missed. */
static char cycle_steps_text[1024];

/* Take @ck and its anchor @anchor apart, when @r missed its target. */
static void explain_cycle(const struct result *r, enum cycle_kind ck,
			  enum cycle_kind anchor)
{
	size_t off = strlen(cycle_steps_text);
	char a[160], b[160];

	if (strcmp(verdict(r), "MISSED"))
		return;
	steps_str(ck, 64, a, sizeof(a));
	steps_str(anchor, 64, b, sizeof(b));
	snprintf(cycle_steps_text + off, sizeof(cycle_steps_text) - off,
		 "cycle steps (us, median of 64), %s: %s; %s: %s\n",
		 cycle_name[ck], a, cycle_name[anchor], b);
}

static void bench_cycle(void)
{
	double v[C_NR][MAX_REPS], m[C_NR];
	int n = quick ? 100 : 400, i, j, ck, file;
	struct result *r;

	file = data_file("cycle.dat", CYCLE_SIZE);
	close(file);
	pin(0);
	for (ck = 0; ck < C_NR; ck++)
		cycle(ck);	/* warm up */
	for (i = 0; i < reps; i++)
		for (j = 0; j < C_NR; j++) {
			ck = (i + j) % C_NR;
			v[ck][i] = cycle_once(ck, n);
		}
	for (ck = 0; ck < C_NR; ck++)
		m[ck] = median(v[ck], reps);
	r = add("us/cycle", cycle_name[C_MEMFD], m[C_SECTION], m[C_MEMFD],
		T_RATIO_MAX, 1.00, "cycle: %s", cycle_name[C_SECTION]);
	r->control = m[C_MEMFD_AGAIN] / m[C_MEMFD];
	explain_cycle(r, C_SECTION, C_MEMFD);
	r = add("us/cycle", cycle_name[C_MEMFD], m[C_WIN32], m[C_MEMFD],
		T_RATIO_MAX, 1.00, "cycle: %s", cycle_name[C_WIN32]);
	r->control = m[C_MEMFD_AGAIN] / m[C_MEMFD];
	explain_cycle(r, C_WIN32, C_MEMFD);
	add("us/cycle", cycle_name[C_MEMFD], m[C_SHM_OPEN], m[C_MEMFD],
	    T_NONE, 0, "cycle: %s (scale)", cycle_name[C_SHM_OPEN]);
	add("us/cycle", cycle_name[C_MEMFD], m[C_SHMGET], m[C_MEMFD],
	    T_NONE, 0, "cycle: %s (scale)", cycle_name[C_SHMGET]);
	r = add("us/cycle", cycle_name[C_FILE_MMAP], m[C_FILE_SECTION],
		m[C_FILE_MMAP], T_RATIO_MAX, 1.10, "cycle: %s",
		cycle_name[C_FILE_SECTION]);
	r->control = m[C_FILE_MMAP_AGAIN] / m[C_FILE_MMAP];
	explain_cycle(r, C_FILE_SECTION, C_FILE_MMAP);
	r = add("us/cycle", cycle_name[C_FILE_MMAP], m[C_WIN32_FILE],
		m[C_FILE_MMAP], T_RATIO_MAX, 1.05, "cycle: %s",
		cycle_name[C_WIN32_FILE]);
	r->control = m[C_FILE_MMAP_AGAIN] / m[C_FILE_MMAP];
	explain_cycle(r, C_WIN32_FILE, C_FILE_MMAP);
	unlink("cycle.dat");
}

/* ---- open by name ---------------------------------------------------------- */

#define OPENS	1000

enum name_kind { N_SECTION, N_SHM_OPEN, N_SHMGET, N_NR };

/* SysV ids are capped at IPCMNI (32768) without the ipcmni_extend boot flag */
#define SHMGET_MAX	32000

static void name_of(char *buf, size_t len, enum name_kind nk, int i)
{
	snprintf(buf, len, nk == N_SHM_OPEN ? "/bench-%d" : "bench-%d", i);
}

/* Bring the number of names of @nk to @n (they are numbered 0..n-1). */
static int *held;	/* section handles, kept open so that names live */
static int have[N_NR];

static void make_names(enum name_kind nk, int n)
{
	char name[32];
	int i, fd;

	for (i = have[nk]; i < n; i++) {
		name_of(name, sizeof(name), nk, i);
		switch (nk) {
		case N_SECTION:
			fd = section_create_named(name, pg);
			if (fd < 0)
				die("named create");
			held[i] = fd;
			break;
		case N_SHM_OPEN:
			fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
			if (fd < 0)
				die("shm_open");
			close(fd);
			break;
		default:
			if (shmget(0x42000000 + i, pg, IPC_CREAT | IPC_EXCL |
				   0600) < 0)
				die("shmget");
		}
	}
	have[nk] = n;
}

static void drop_names(enum name_kind nk)
{
	char name[32];
	int i, id;

	for (i = 0; i < have[nk]; i++) {
		name_of(name, sizeof(name), nk, i);
		if (nk == N_SECTION) {
			close(held[i]);
		} else if (nk == N_SHM_OPEN) {
			shm_unlink(name);
		} else {
			id = shmget(0x42000000 + i, 0, 0);
			if (id >= 0)
				shmctl(id, IPC_RMID, NULL);
		}
	}
	have[nk] = 0;
}

/* µs per open (+ close) of the name in the middle of the n existing ones */
static double open_once(enum name_kind nk, int n)
{
	char name[32];
	double t0;
	int i, fd;

	name_of(name, sizeof(name), nk, n / 2);
	settle();
	t0 = now();
	for (i = 0; i < OPENS; i++) {
		switch (nk) {
		case N_SECTION:
			fd = section_open_named(name);
			if (fd < 0)
				die("open by name");
			close(fd);
			break;
		case N_SHM_OPEN:
			fd = shm_open(name, O_RDWR, 0);
			if (fd < 0)
				die("shm_open");
			close(fd);
			break;
		default:
			if (shmget(0x42000000 + n / 2, 0, 0) < 0)
				die("shmget");
		}
	}
	return (now() - t0) * 1e6 / OPENS;
}

/*
 * The 1-name case again, after the big runs (A/A: did the guest drift?),
 * optionally with @fds other fds open (the handles that keep 100,000 named
 * sections alive make a big fd table: does that cost?).
 */
static double open_again(enum name_kind nk, int fds)
{
	double v[MAX_REPS];
	int i, *extra = calloc(fds + 1, sizeof(int));

	if (!extra)
		die("calloc");
	for (i = 0; i < fds; i++) {
		extra[i] = dup(dev);
		if (extra[i] < 0)
			die("dup");
	}
	make_names(nk, 1);
	for (i = 0; i < reps; i++)
		v[i] = open_once(nk, 1);
	drop_names(nk);
	for (i = 0; i < fds; i++)
		close(extra[i]);
	free(extra);
	return median(v, reps);
}

static int open_runs(enum name_kind nk, int n, int named)
{
	return !(nk == N_SECTION && !named) &&
	       !(nk == N_SHMGET && n > SHMGET_MAX);
}

static void bench_open(void)
{
	static const int counts[] = { 1, 1000, 100000 };
	double v[N_NR][MAX_REPS], m[N_NR][ARRAY_SIZE(counts)];
	int named = named_available(), c, i, j, nk, n;
	struct rlimit rl;
	struct result *r;

	pin(0);
	if (named) {
		held = calloc(counts[ARRAY_SIZE(counts) - 1], sizeof(*held));
		rl.rlim_cur = rl.rlim_max = counts[ARRAY_SIZE(counts) - 1] +
					    4096;
		if (!held || setrlimit(RLIMIT_NOFILE, &rl))
			die("rlimit");
		write_sysctl("/sys/module/ntsection/parameters/max_sections_per_user",
			     1 << 20);
		write_sysctl("/sys/module/ntsection/parameters/max_sections",
			     1 << 20);
	}
	write_sysctl("/proc/sys/kernel/shmmni", 32768);
	for (c = 0; c < (int)ARRAY_SIZE(counts); c++) {
		n = counts[c];
		for (nk = 0; nk < N_NR; nk++)
			if (open_runs(nk, n, named))
				make_names(nk, n);
		/* the kinds rotate, so that drift and order hit them alike */
		for (i = 0; i < reps; i++)
			for (j = 0; j < N_NR; j++) {
				nk = (i + j) % N_NR;
				v[nk][i] = open_runs(nk, n, named) ?
					   open_once(nk, n) : 0;
			}
		for (nk = 0; nk < N_NR; nk++)
			m[nk][c] = median(v[nk], reps);
		r = add("us/open", "shm_open", m[N_SECTION][c],
			m[N_SHM_OPEN][c], T_RATIO_LT, 1.0,
			"open by name, %d name%s: named section", counts[c],
			counts[c] > 1 ? "s" : "");
		if (!named)
			r->na = "named sections not available";
		r = add("us/open", "shm_open", m[N_SHMGET][c],
			m[N_SHM_OPEN][c], T_NONE, 0,
			"open by name, %d name%s: shmget (scale)", counts[c],
			counts[c] > 1 ? "s" : "");
		if (counts[c] > SHMGET_MAX)
			r->na = "SysV ids are capped at 32768 (IPCMNI)";
	}
	for (nk = 0; nk < N_NR; nk++)
		drop_names(nk);
	c = ARRAY_SIZE(counts) - 1;
	r = add("us/open", "same, 1 name", m[N_SECTION][c], m[N_SECTION][0],
		T_RATIO_MAX, 1.10, "open by name, named section: %d vs 1 name",
		counts[c]);
	if (!named)
		r->na = "named sections not available";
	else
		r->control = open_again(N_SECTION, 0) / m[N_SECTION][0];
	r = add("us/open", "same, 1 name", m[N_SHM_OPEN][c], m[N_SHM_OPEN][0],
		T_NONE, 0, "open by name, shm_open: %d vs 1 name (scale)",
		counts[c]);
	r->control = open_again(N_SHM_OPEN, 0) / m[N_SHM_OPEN][0];
	if (named) {
		add("us/open", "same, 1 name", open_again(N_SECTION, counts[c]),
		    m[N_SECTION][0], T_NONE, 0,
		    "open by name, named section: 1 name, %d other fds open",
		    counts[c]);
	}
	free(held);
}

/* ---- kernel memory per object ---------------------------------------------- */

#define MEM_OBJECTS	4000

/* Slab + KernelStack + PageTables, in kB */
static long kernel_kb(void)
{
	static const char *const keys[] = {
		"Slab:", "KernelStack:", "PageTables:",
	};
	char line[128];
	long sum = 0, v;
	size_t i;
	FILE *f = fopen("/proc/meminfo", "re");

	if (!f)
		die("/proc/meminfo");
	while (fgets(line, sizeof(line), f))
		for (i = 0; i < ARRAY_SIZE(keys); i++)
			if (!strncmp(line, keys[i], strlen(keys[i])) &&
			    sscanf(line + strlen(keys[i]), "%ld", &v) == 1)
				sum += v;
	fclose(f);
	return sum;
}

enum mem_kind { M_SECTION, M_MEMFD, M_FILE_SECTION, M_NAMED, M_NR };

static const char *const mem_kind_name[] = {
	"pagefile section", "memfd", "file-backed section", "named section",
};

/*
 * The profile: per slab cache, bytes in active objects (/proc/slabinfo),
 * before and after; the caches that grew most, per object, are printed.
 */
#define SLABS		256

struct slab {
	char name[40];
	double bytes;
};

static int slab_snapshot(struct slab *s)
{
	char line[512];
	long active, total, size;
	int n = 0;
	FILE *f = fopen("/proc/slabinfo", "re");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f) && n < SLABS)
		if (sscanf(line, "%39s %ld %ld %ld", s[n].name, &active, &total,
			   &size) == 4) {
			s[n].bytes = (double)active * size;
			n++;
		}
	fclose(f);
	return n;
}

static char profile[M_NR][256];

/* "cache +bytes, ..." per object, largest first, for caches that grew */
static void slab_profile(char *buf, size_t len, struct slab *a, int na,
			 struct slab *b, int nb)
{
	double d[SLABS];
	int i, j, best, shown;
	size_t off = 0;

	for (j = 0; j < nb; j++) {
		d[j] = b[j].bytes;
		for (i = 0; i < na; i++)
			if (!strcmp(a[i].name, b[j].name))
				d[j] -= a[i].bytes;
		d[j] /= MEM_OBJECTS;
	}
	buf[0] = '\0';
	for (shown = 0; shown < 6; shown++) {
		best = -1;
		for (j = 0; j < nb; j++)
			if (d[j] >= 16 && (best < 0 || d[j] > d[best]))
				best = j;
		if (best < 0 || off >= len)
			break;
		off += snprintf(buf + off, len - off, "%s%s %+.0f",
				shown ? ", " : "", b[best].name, d[best]);
		d[best] = 0;
	}
}

/* bytes of kernel memory per object while MEM_OBJECTS of @mk are held */
static double mem_once(enum mem_kind mk, int file)
{
	static int fds[MEM_OBJECTS];
	static struct slab sa[SLABS], sb[SLABS];
	char name[32];
	long before, after;
	int i, na, nb;

	sync();
	usleep(100000);
	na = slab_snapshot(sa);
	before = kernel_kb();
	for (i = 0; i < MEM_OBJECTS; i++) {
		switch (mk) {
		case M_SECTION:
			fds[i] = section_create(-1, pg);
			break;
		case M_MEMFD:
			fds[i] = memfd_create("bench", MFD_CLOEXEC);
			if (fds[i] >= 0 && ftruncate(fds[i], pg))
				die("ftruncate");
			break;
		case M_FILE_SECTION:
			fds[i] = section_create(file, pg);
			break;
		default:
			snprintf(name, sizeof(name), "bench-mem-%d", i);
			fds[i] = section_create_named(name, pg);
		}
		if (fds[i] < 0)
			die("create");
	}
	usleep(100000);
	after = kernel_kb();
	nb = slab_snapshot(sb);
	slab_profile(profile[mk], sizeof(profile[mk]), sa, na, sb, nb);
	for (i = 0; i < MEM_OBJECTS; i++)
		close(fds[i]);
	return (after - before) * 1024.0 / MEM_OBJECTS;
}

static void bench_memory(void)
{
	double v[M_NR][MAX_REPS], m[M_NR];
	int file = data_file("mem.dat", pg), named = named_available();
	int i, mk, n = reps < 5 ? reps : 5;
	struct rlimit rl = { MEM_OBJECTS + 1024, MEM_OBJECTS + 1024 };
	struct result *r;

	pin(0);
	if (setrlimit(RLIMIT_NOFILE, &rl))
		die("setrlimit");
	/* grow the fd table once, outside the measurement */
	if (dup2(file, MEM_OBJECTS + 512) < 0)
		die("dup2");
	close(MEM_OBJECTS + 512);
	for (i = 0; i < n; i++)
		for (mk = 0; mk < M_NR; mk++)
			v[mk][i] = mk == M_NAMED && !named ? 0 :
				   mem_once(mk, file);
	for (mk = 0; mk < M_NR; mk++)
		m[mk] = median(v[mk], n);
	add("B/object", "memfd", m[M_SECTION], m[M_MEMFD], T_ABS_MAX, 1024,
	    "memory: pagefile section (with its shmem file)");
	add("B/object", "-", m[M_SECTION] - m[M_MEMFD], 0, T_ABS_MAX, 1024,
	    "memory: pagefile section, its own (minus a memfd's)");
	add("B/object", "memfd", m[M_FILE_SECTION], m[M_MEMFD], T_ABS_MAX,
	    1024, "memory: file-backed section (one shared file)");
	r = add("B/object", "memfd", m[M_NAMED], m[M_MEMFD], T_ABS_MAX, 1024,
		"memory: named pagefile section");
	if (!named)
		r->na = "named sections not available";
	close(file);
	unlink("mem.dat");
}

/* ---- flush ------------------------------------------------------------------- */

#define FLUSH_PAGES	256

/* µs to write back FLUSH_PAGES dirty pages through @p */
static double flush_once(char *p, int section)
{
	struct ntsection_flush_args f = {
		.address = (unsigned long)p,
		.length = FLUSH_PAGES * pg,
	};
	double t0;
	long i;

	for (i = 0; i < FLUSH_PAGES; i++)
		p[i * pg]++;
	t0 = now();
	if (section ? ioctl(dev, NTSECTION_IOC_FLUSH, &f) :
		      msync(p, FLUSH_PAGES * pg, MS_SYNC))
		die("flush");
	return (now() - t0) * 1e6;
}

static void bench_flush(void)
{
	double v[2][MAX_REPS];
	size_t size = FLUSH_PAGES * pg;
	int file = data_file("flush.dat", size), s, i;
	char *p[2];

	pin(0);
	s = section_create(file, size);
	if (s < 0)
		die("section");
	fsync(file);
	p[0] = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, file, 0);
	p[1] = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, s, 0);
	if (p[0] == MAP_FAILED || p[1] == MAP_FAILED)
		die("mmap");
	for (i = 0; i < reps; i++) {
		v[0][i] = flush_once(p[0], 0);
		v[1][i] = flush_once(p[1], 1);
	}
	add("us/flush", "msync(MS_SYNC)", median(v[1], reps),
	    median(v[0], reps), T_NONE, 0,
	    "flush: %d dirty pages, NTSECTION_IOC_FLUSH", FLUSH_PAGES);
	munmap(p[0], size);
	munmap(p[1], size);
	close(s);
	close(file);
	unlink("flush.dat");
}

/* ---- commit ------------------------------------------------------------------ */

#define COMMIT_CHUNK	(64UL << 10)
#define COMMIT_CHUNKS	256

/* A pagefile section with @attributes; the handle. */
static int section_attrs(size_t size, uint32_t attributes)
{
	struct ntsection_create_args a;

	ntsection_create_init(&a, size, NTSECTION_PAGE_READWRITE, -1,
			      NTSECTION_SECTION_ALL_ACCESS);
	a.attributes = attributes;
	return ns_ret(ntsection_create(dev, &a));
}

static void commit_range(char *p, size_t len)
{
	struct ntsection_commit_args c = {
		.address = (unsigned long)p, .length = len,
	};

	if (ioctl(dev, NTSECTION_IOC_COMMIT, &c))
		die("NTSECTION_IOC_COMMIT");
}

/*
 * ns per 64 KiB commit: NTSECTION_IOC_COMMIT of consecutive chunks of a
 * fresh SEC_RESERVE view, or mprotect(PROT_READ | PROT_WRITE) of
 * consecutive chunks of a fresh PROT_NONE memfd mapping.
 */
static double commit_once(int section)
{
	size_t size = COMMIT_CHUNKS * COMMIT_CHUNK;
	double t0, t;
	char *p;
	int fd, i;

	fd = section ? section_attrs(size, NTSECTION_SEC_RESERVE) :
		       memfd_create("bench", MFD_CLOEXEC);
	if (fd < 0 || (!section && ftruncate(fd, size)))
		die("commit object");
	p = mmap(NULL, size, section ? PROT_READ | PROT_WRITE : PROT_NONE,
		 MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("mmap");
	t0 = now();
	for (i = 0; i < COMMIT_CHUNKS; i++) {
		if (section)
			commit_range(p + i * COMMIT_CHUNK, COMMIT_CHUNK);
		else if (mprotect(p + i * COMMIT_CHUNK, COMMIT_CHUNK,
				  PROT_READ | PROT_WRITE))
			die("mprotect");
	}
	t = (now() - t0) * 1e9 / COMMIT_CHUNKS;
	munmap(p, size);
	close(fd);
	return t;
}

/* ns per first-touch fault of a SEC_RESERVE (committed) or SEC_COMMIT view */
static double reserve_fault_once(int reserve, int wr)
{
	size_t size = SHMEM_PAGES * pg;
	volatile char *p;
	double t0, t;
	long i;
	int fd;

	fd = section_attrs(size, reserve ? NTSECTION_SEC_RESERVE : 0);
	if (fd < 0)
		die("section");
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("mmap");
	if (reserve)
		commit_range((char *)p, size);
	t0 = now();
	if (wr)
		for (i = 0; i < SHMEM_PAGES; i++)
			p[i * pg] = 1;
	else
		for (i = 0; i < SHMEM_PAGES; i++)
			(void)p[i * pg];
	t = (now() - t0) * 1e9 / SHMEM_PAGES;
	munmap((void *)p, size);
	close(fd);
	return t;
}

static void bench_commit(void)
{
	double v[3][MAX_REPS];
	struct result *r;
	int i, wr;

	pin(0);
	/* section, anchor, anchor again: A-B-A, the control is A/A */
	for (i = 0; i < reps; i++) {
		v[1][i] = commit_once(0);
		v[0][i] = commit_once(1);
		v[2][i] = commit_once(0);
	}
	r = add("ns/64KiB", "mprotect, memfd", median(v[0], reps),
		median(v[1], reps), T_RATIO_MAX, 1.5,
		"commit: 64 KiB through a view, NTSECTION_IOC_COMMIT");
	r->control = median(v[2], reps) / r->base;

	for (wr = 0; wr <= 1; wr++) {
		for (i = 0; i < reps; i++) {
			v[1][i] = reserve_fault_once(0, wr);
			v[0][i] = reserve_fault_once(1, wr);
			v[2][i] = reserve_fault_once(0, wr);
		}
		r = add("ns/page", "SEC_COMMIT view", median(v[0], reps),
			median(v[1], reps), T_RATIO_MAX, 1.05,
			"fault: first-touch %s, committed SEC_RESERVE",
			wr ? "write" : "read");
		r->control = median(v[2], reps) / r->base;
	}
}

/* ---- large pages ----------------------------------------------------------- */

#define LP_TOUCH_SIZE	(1UL << 30)
#define LP_PT_SIZE	(512UL << 20)
#define LP_PROCS	64

static long lp_size;	/* the large page size, 0 when there is none */

/* A SEC_COMMIT | SEC_LARGE_PAGES pagefile section, or -1 with errno. */
static int large_section(size_t size)
{
	struct ntsection_handle_info hi;
	int fd;

	fd = section_attrs(size, NTSECTION_SEC_COMMIT |
			   NTSECTION_SEC_LARGE_PAGES);
	if (fd < 0 && errno == ENOMEM) {
		/* no free 2 MiB blocks: compact and say so (a timed one is off) */
		fprintf(stderr, "bench: large-page section: ENOMEM, compacting memory\n");
		write_sysctl("/proc/sys/vm/compact_memory", 1);
		fd = section_attrs(size, NTSECTION_SEC_COMMIT |
				   NTSECTION_SEC_LARGE_PAGES);
	}
	if (fd < 0)
		die("large-page section");
	if (ioctl(fd, NTSECTION_IOC_HANDLE_INFO, &hi))
		die("NTSECTION_IOC_HANDLE_INFO");
	if ((long)hi.map_align != lp_size) {
		fprintf(stderr, "bench: large-page section: map_align %llu, the PMD size is %ld\n",
			(unsigned long long)hi.map_align, lp_size);
		exit(1);
	}
	return fd;
}

/* A memfd of @size bytes, its pages allocated (@alloc) or not */
static int small_memfd(size_t size, int alloc)
{
	int fd = memfd_create("bench", MFD_CLOEXEC);

	if (fd < 0 || ftruncate(fd, size) || (alloc && fallocate(fd, 0, 0, size)))
		die("memfd");
	return fd;
}

/*
 * Not timed: the large-page view must be mapped by PMD entries and wholly
 * resident, the memfd's by PTEs only; anything else and the rows would
 * compare the wrong things, so the bench stops (-1 after saying why).
 */
static int check_mapping(const void *p, size_t size, int large)
{
	long pmd = ns_smaps_kb(p, "ShmemPmdMapped");
	long rss = ns_smaps_kb(p, "Rss");
	long want = large ? (long)(size >> 10) : 0;

	if (pmd == want && rss == (long)(size >> 10) &&
	    (!large || !((unsigned long)p & (lp_size - 1))))
		return 0;
	fprintf(stderr, "bench: %s view at %p: ShmemPmdMapped %ld kB, Rss %ld kB, want %ld and %zu kB\n",
		large ? "large-page section" : "memfd", p, pmd, rss, want,
		size >> 10);
	return -1;
}

static char *map_shared(int fd, size_t size)
{
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

/* One byte written in each 4 KiB page. */
static void touch_pages(char *p, size_t size)
{
	size_t off;

	for (off = 0; off < size; off += pg)
		((volatile char *)p)[off] = 1;
}

/*
 * One 1 GiB run of a large-page section (K_SECTION) or a memfd: ms per GiB
 * for the touch alone (@touch) and for create -> map -> touch -> unmap ->
 * close (@all), the check of the mapping left out of both.  Then, as a
 * breakdown, the same touch of a second view of the same pages, which are
 * zeroed already (@again): the faults without the clearing of pages.
 */
static void lp_touch_once(enum kind k, double *touch, double *all,
			  double *again)
{
	size_t size = LP_TOUCH_SIZE;
	double t0, t1, t2, t3, t4, t5;
	char *p;
	int fd;

	settle();
	t0 = now();
	fd = k == K_SECTION ? large_section(size) : small_memfd(size, 0);
	p = map_shared(fd, size);
	t1 = now();
	touch_pages(p, size);
	t2 = now();
	if (check_mapping(p, size, k == K_SECTION))
		exit(1);
	t3 = now();
	munmap(p, size);
	t4 = now();
	p = map_shared(fd, size);
	settle();
	t5 = now();
	touch_pages(p, size);
	*again = (now() - t5) * 1e3 / (size >> 30);
	if (check_mapping(p, size, k == K_SECTION))
		exit(1);
	munmap(p, size);
	t5 = now();
	close(fd);
	*all = ((t2 - t0) + (t4 - t3) + (now() - t5)) * 1e3 / (size >> 30);
	*touch = (t2 - t1) * 1e3 / (size >> 30);
}

/* PageTables: from /proc/meminfo, in kB */
static long page_tables_kb(void)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "re");

	if (!f)
		die("/proc/meminfo");
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "PageTables:", 11))
			sscanf(line + 11, "%ld", &v);
	fclose(f);
	return v;
}

/* Every online CPU, after the 1-CPU groups pinned us to one. */
static void unpin(void)
{
	long i, n = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	CPU_ZERO(&set);
	for (i = 0; i < n && i < CPU_SETSIZE; i++)
		CPU_SET(i, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/*
 * kB of page tables that LP_PROCS processes add by mapping and touching
 * (a write in each 4 KiB page) LP_PT_SIZE bytes of one shared large-page
 * section or memfd: PageTables with all of them done, minus PageTables
 * with all of them alive but not yet mapped.
 */
static long lp_tables_once(int large)
{
	int ready[2], go[2], done[2], quit[2], i, status, bad = 0;
	long before, after;
	char c;
	int fd = large ? large_section(LP_PT_SIZE) :
			 small_memfd(LP_PT_SIZE, 1);

	if (pipe(ready) || pipe(go) || pipe(done) || pipe(quit))
		die("pipe");
	for (i = 0; i < LP_PROCS; i++) {
		pid_t pid = fork();
		char *p;

		if (pid < 0)
			die("fork");
		if (pid)
			continue;
		close(quit[1]);
		if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		p = map_shared(fd, LP_PT_SIZE);
		touch_pages(p, LP_PT_SIZE);
		c = check_mapping(p, LP_PT_SIZE, large) ? 'x' : 'd';
		if (write(done[1], &c, 1) != 1)
			_exit(1);
		(void)read(quit[0], &c, 1);	/* EOF: the parent is done */
		_exit(0);
	}
	close(quit[0]);
	for (i = 0; i < LP_PROCS; i++)
		if (read(ready[0], &c, 1) != 1)
			die("ready");
	usleep(100000);
	before = page_tables_kb();
	for (i = 0; i < LP_PROCS; i++)
		if (write(go[1], "g", 1) != 1)
			die("go");
	close(done[1]);
	for (i = 0; i < LP_PROCS; i++)
		if (read(done[0], &c, 1) != 1 || c != 'd')
			bad = 1;	/* a child's check failed */
	usleep(100000);
	after = page_tables_kb();
	close(quit[1]);
	while (wait(&status) > 0)
		;
	close(fd);
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	close(go[1]);
	close(done[0]);
	if (bad) {
		fprintf(stderr, "bench: a page-table worker failed\n");
		exit(1);
	}
	return after - before;
}

static long read_long(const char *path)
{
	long v = 0;
	FILE *f = fopen(path, "re");

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

static void bench_large(void)
{
	double touch[3][MAX_REPS], all[3][MAX_REPS], again[3][MAX_REPS];
	double pt[2][MAX_REPS];
	int n = reps < 5 ? reps : 5, i, j, k;
	struct result *r[4];
	const char *why = NULL;
	int fd;

	lp_size = read_long("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size");
	fd = lp_size ? section_attrs(lp_size, NTSECTION_SEC_COMMIT |
				     NTSECTION_SEC_LARGE_PAGES) : -1;
	if (fd < 0)
		why = "no large-page sections here";
	else
		close(fd);
	memset(touch, 0, sizeof(touch));
	memset(all, 0, sizeof(all));
	memset(again, 0, sizeof(again));
	memset(pt, 0, sizeof(pt));
	pin(0);
	/* the section, the memfd and the memfd again take turns */
	for (i = 0; i < n && !why; i++)
		for (j = 0; j < 3; j++) {
			k = (i + j) % 3;
			lp_touch_once(k, &touch[k][i], &all[k][i],
				      &again[k][i]);
		}
	r[0] = add("ms/GiB", "memfd, 4 KiB pages", median(touch[1], n),
		   median(touch[0], n), T_RATIO_MAX, 1.0 / 6,
		   "large: first-touch write, 1 GiB, SEC_LARGE_PAGES");
	r[0]->control = median(touch[2], n) / r[0]->base;
	r[1] = add("ms/GiB", "memfd, 4 KiB pages", median(all[1], n),
		   median(all[0], n), T_NONE, 0,
		   "large: create+map+touch+unmap+close, 1 GiB");
	r[1]->control = median(all[2], n) / r[1]->base;
	r[2] = add("ms/GiB", "memfd, 4 KiB pages", median(again[1], n),
		   median(again[0], n), T_NONE, 0,
		   "large: same touch, 2nd view, pages zeroed already");
	r[2]->control = median(again[2], n) / r[2]->base;
	/* page tables: a deterministic figure, 3 runs are plenty */
	unpin();
	n = reps < 3 ? reps : 3;
	for (i = 0; i < n && !why; i++)
		for (j = 0; j < 2; j++) {
			k = (i + j) % 2;
			pt[k][i] = lp_tables_once(k);
		}
	pt[0][0] = median(pt[0], n);
	pt[1][0] = median(pt[1], n);
	r[3] = add("kB", "memfd, 4 KiB pages", pt[1][0], pt[0][0],
		   T_RATIO_MAX, 0.01,
		   "large: PageTables, %d procs x 512 MiB: %.0f vs %.0f kB",
		   LP_PROCS, pt[1][0], pt[0][0]);
	for (i = 0; i < 4 && why; i++)
		r[i]->na = why;
}

/* ---- output ------------------------------------------------------------------ */

/* "12.345", or "-" when not measured */
static void num_str(char *buf, size_t len, double v, int valid)
{
	if (valid)
		snprintf(buf, len, "%.3f", v);
	else
		snprintf(buf, len, "-");
}

static void print_table(void)
{
	char tgt[32], sec[24], base[24], rat[16], aa[16];
	int i;

	printf("%-54s %12s %12s %-9s %6s %6s %-16s %s\n", "measurement",
	       "section", "anchor", "unit", "ratio", "A/A", "target", "");
	for (i = 0; i < nresults; i++) {
		struct result *r = &results[i];

		target_str(r, tgt, sizeof(tgt));
		num_str(sec, sizeof(sec), r->section, !r->na);
		num_str(base, sizeof(base), r->base, r->base > 0);
		if (r->na || r->base <= 0)
			snprintf(rat, sizeof(rat), "-");
		else	/* small ratios get a third decimal */
			snprintf(rat, sizeof(rat), ratio(r) < 0.2 ? "%.3fx" :
				 "%.2fx", ratio(r));
		snprintf(aa, sizeof(aa), r->control > 0 ? "%.2fx" : "-",
			 r->control);
		printf("%-54s %12s %12s %-9s %6s %6s %-16s %s%s%s\n", r->name,
		       sec, base, r->unit, rat, aa, tgt,
		       r->na ? "n/a (" : verdict(r),
		       r->na ? r->na : "", r->na ? ")" : "");
	}
	printf("ratio: section / anchor cost (1.00x parity, lower is better); "
	       "A/A: the anchor measured a second time / the first (noise)\n");
	for (i = 0; i < M_NR; i++)
		if (profile[i][0])
			printf("memory profile, %s (slab bytes per object): "
			       "%s\n", mem_kind_name[i], profile[i]);
	fputs(cycle_steps_text, stdout);
	printf("anchor of each row: ");
	for (i = 0; i < nresults; i++)
		if (!i || strcmp(results[i].anchor, results[i - 1].anchor))
			printf("%s%s", i ? "; " : "", results[i].anchor);
	printf("\n");
}

static void print_json(void)
{
	struct utsname u;
	char tgt[32];
	int i, first;

	uname(&u);
	printf("@@BENCH-JSON-BEGIN@@\n{\n  \"kernel\": \"%s\", \"cpus\": %ld, "
	       "\"reps\": %d,\n  \"results\": [\n", u.release,
	       sysconf(_SC_NPROCESSORS_ONLN), reps);
	for (i = 0; i < nresults; i++) {
		struct result *r = &results[i];

		target_str(r, tgt, sizeof(tgt));
		printf("    {\"name\": \"%s\", \"unit\": \"%s\", "
		       "\"anchor\": \"%s\", ", r->name, r->unit, r->anchor);
		if (r->na)
			printf("\"section\": null, ");
		else
			printf("\"section\": %.4f, ", r->section);
		if (r->base > 0)
			printf("\"anchor_value\": %.4f, ", r->base);
		else
			printf("\"anchor_value\": null, ");
		if (r->na || r->base <= 0)
			printf("\"ratio\": null, ");
		else
			printf("\"ratio\": %.4f, ", ratio(r));
		if (r->na)
			printf("\"na\": \"%s\", ", r->na);
		if (r->control > 0)
			printf("\"control_ratio\": %.4f, ", r->control);
		printf("\"target\": \"%s\", \"verdict\": \"%s\"}%s\n",
		       r->kind == T_NONE ? "" : tgt,
		       r->na ? "n/a" : verdict(r),
		       i + 1 < nresults ? "," : "");
	}
	printf("  ],\n  \"memory_profile\": {");
	for (i = 0, first = 1; i < M_NR; i++) {
		if (!profile[i][0])
			continue;
		printf("%s\n    \"%s\": \"%s\"", first ? "" : ",",
		       mem_kind_name[i], profile[i]);
		first = 0;
	}
	printf("\n  }\n}\n@@BENCH-JSON-END@@\n");
}

/* ---- main ----------------------------------------------------------------------- */

static const struct {
	const char *name;
	void (*fn)(void);
} groups[] = {
	{ "fault", bench_faults },
	{ "bw", bench_bandwidth },
	{ "cycle", bench_cycle },
	{ "open", bench_open },
	{ "memory", bench_memory },
	{ "flush", bench_flush },
	{ "commit", bench_commit },
	{ "large", bench_large },
};

static void usage(FILE *f, const char *argv0)
{
	size_t i;

	fprintf(f,
"Usage: %s [--reps N] [--quick] [GROUP...]\n"
"\n"
"Benchmark ntsection against native mmap, memfd, POSIX and SysV shared\n"
"memory; print a table, then the results as JSON between\n"
"@@BENCH-JSON-BEGIN@@ and @@BENCH-JSON-END@@.  Run it in a guest with\n"
"ntsection.ko loaded, as root, in a directory on ext4.  Needs 2 CPUs for\n"
"the 2-CPU fault rows.\n"
"\n"
"  --reps N    repetitions per measurement, the median is reported\n"
"              (default 7, at most %d)\n"
"  --quick     fewer iterations, for a smoke test\n"
"  -h, --help  this text\n"
"  GROUP       run only these groups:",
		argv0, MAX_REPS);
	for (i = 0; i < ARRAY_SIZE(groups); i++)
		fprintf(f, " %s", groups[i].name);
	fprintf(f, "\n");
}

int main(int argc, char **argv)
{
	int first = 1, i, any;
	size_t g;

	for (; first < argc && argv[first][0] == '-'; first++) {
		if (!strcmp(argv[first], "--reps") && first + 1 < argc) {
			reps = atoi(argv[++first]);
		} else if (!strcmp(argv[first], "--quick")) {
			quick = 1;
			reps = 3;
		} else if (!strcmp(argv[first], "-h") ||
			   !strcmp(argv[first], "--help")) {
			usage(stdout, argv[0]);
			return 0;
		} else {
			usage(stderr, argv[0]);
			return 2;
		}
	}
	if (reps < 1 || reps > MAX_REPS) {
		usage(stderr, argv[0]);
		return 2;
	}
	pg = sysconf(_SC_PAGESIZE);
	dev = open("/dev/ntsection", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		die("/dev/ntsection");
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (g = 0; g < ARRAY_SIZE(groups); g++) {
		any = first >= argc;
		for (i = first; i < argc; i++)
			any |= !strcmp(argv[i], groups[g].name);
		if (any)
			groups[g].fn();
	}
	print_table();
	print_json();
	return 0;
}
