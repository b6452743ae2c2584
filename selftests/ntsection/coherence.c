// SPDX-License-Identifier: GPL-2.0
/*
 * coherence.c - the same coherence scenarios on native mmap(2) and on
 * ntsection views, side by side.
 *
 * Every scenario is one function parameterised by a backend: "native"
 * maps the object itself (an ext4 file; a memfd, or POSIX shm for the
 * named rows, for the pagefile case), "section" maps a handle of an
 * ntsection section over the same kind of backing (a file-backed section
 * of an ext4 file, or a pagefile-backed section).  The function
 * describes what it observed in a short string ("reads 0x5a", "SIGBUS", "EACCES", ...), built the same way
 * for both backends, so equal strings mean equal behaviour.
 *
 * Each row expects either the same result from both backends or a
 * documented difference (both results given, with the reason).  The tool
 * prints a Markdown table (or JSON with --json) and exits 1 when a row
 * expected to be the same differs or a documented difference is not the
 * documented one.  After the table it prints kselftest's "# Totals:" line,
 * so run_tests.sh counts each row as a test.  Run it in a guest with
 * ntsection.ko loaded, as root (for drop_caches); its files go to the
 * scratch directory of the selftests (/mnt/scratch, an ext4 disk).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/falloc.h>
#include "ntsection_test.h"

enum backend { NATIVE, SECTION };
enum backing { FILE_BACKED, PAGEFILE };

static const char *const backing_name[] = { "file", "pagefile" };

/* What one run of a scenario sees, and how it reports it. */
struct ctx {
	enum backend be;
	enum backing bk;
	char res[256];
	int skip;
};

/*
 * An object under test.  @file is the ext4 file or the memfd (-1 for a
 * pagefile section, which has no file of the caller); @map is what views
 * map: @file for native, the section handle for section.
 */
struct obj {
	enum backend be;
	enum backing bk;
	int file;
	int map;
	size_t size;
	char path[256];
};

static long pg;
static int dev = -1;
static int seq;

/* ---- reporting -------------------------------------------------------- */

static void out(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void out(struct ctx *c, const char *fmt, ...)
{
	size_t n = strlen(c->res);
	va_list ap;

	if (n && n < sizeof(c->res) - 2) {
		strcat(c->res, ", ");
		n += 2;
	}
	va_start(ap, fmt);
	vsnprintf(c->res + n, sizeof(c->res) - n, fmt, ap);
	va_end(ap);
}

/* "what: EINVAL" from errno */
static void out_err(struct ctx *c, const char *what)
{
	const char *name = strerrorname_np(errno);

	out(c, "%s: %s", what, name ? name : "error");
}

static void skip(struct ctx *c, const char *why)
{
	c->res[0] = '\0';
	out(c, "skip: %s", why);
	c->skip = 1;
}

/* "0x5a", or "SIGBUS"/"SIGSEGV" when reading @p faults; in rotating buffers */
static const char *rd(const void *p)
{
	static char buf[8][16];
	static int i;
	char *b = buf[i++ % 8];
	unsigned char v = 0;
	int sig = ns_probe((volatile unsigned char *)p, 0, 0, &v);

	if (sig)
		snprintf(b, 16, "%s", sig == SIGBUS ? "SIGBUS" : "SIGSEGV");
	else
		snprintf(b, 16, "0x%02x", v);
	return b;
}

/* "ok", or the signal writing @v to @p raised */
static const char *wr(void *p, unsigned char v)
{
	int sig = ns_probe(p, 1, v, NULL);

	return !sig ? "ok" : sig == SIGBUS ? "SIGBUS" : "SIGSEGV";
}

/* Pages of [p, p + n pages) present in this process's page tables. */
static int present_pages(const void *p, int n)
{
	unsigned long long e;
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	int i, cnt = 0;

	if (fd < 0)
		return -1;
	for (i = 0; i < n; i++) {
		off_t off = ((unsigned long)p / pg + i) * sizeof(e);

		if (pread(fd, &e, sizeof(e), off) != sizeof(e)) {
			cnt = -1;
			break;
		}
		cnt += !!(e & (1ULL << 63));
	}
	close(fd);
	return cnt;
}

/* ---- objects and views ------------------------------------------------ */

static int section_create(int file_fd, size_t size)
{
	return ns_create(dev, size, NTSECTION_PAGE_READWRITE, 0, file_fd,
			 NTSECTION_SECTION_ALL_ACCESS);
}

/* A fresh object of @pages pages, zero-filled; 0, or -1 with c->res set. */
static int obj_new(struct ctx *c, struct obj *o, int pages)
{
	memset(o, 0, sizeof(*o));
	o->be = c->be;
	o->bk = c->bk;
	o->size = pages * pg;
	o->file = o->map = -1;
	if (c->bk == FILE_BACKED) {
		snprintf(o->path, sizeof(o->path), "%s/coherence-%d-%d.dat",
			 ns_scratch_dir(), getpid(), seq++);
		o->file = open(o->path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
			       0600);
		if (o->file < 0 || ftruncate(o->file, o->size)) {
			out_err(c, "file");
			goto fail;
		}
	} else if (c->be == NATIVE) {
		o->file = memfd_create("coherence", MFD_CLOEXEC);
		if (o->file < 0 || ftruncate(o->file, o->size)) {
			out_err(c, "memfd");
			goto fail;
		}
	}
	if (c->be == NATIVE) {
		o->map = o->file;
		return 0;
	}
	o->map = section_create(o->file, o->size);
	if (o->map < 0) {
		out_err(c, "create");
		goto fail;
	}
	return 0;
fail:
	if (o->file >= 0)
		close(o->file);
	if (o->path[0])
		unlink(o->path);
	return -1;
}

static void obj_free(struct obj *o)
{
	if (o->map >= 0 && o->map != o->file)
		close(o->map);
	if (o->file >= 0)
		close(o->file);
	if (o->path[0])
		unlink(o->path);
}

/* A view of pages [first, first + n); MAP_FAILED with errno on failure. */
static unsigned char *view(struct obj *o, int first, int n, int prot,
			   int flags)
{
	return mmap(NULL, n * pg, prot, flags, o->map, first * pg);
}

static unsigned char *rw_view(struct obj *o, int n)
{
	return view(o, 0, n, PROT_READ | PROT_WRITE, MAP_SHARED);
}

/* A second, read-only fd/handle of @o: an O_RDONLY open or a duplicate. */
static int obj_readonly(struct obj *o)
{
	struct ntsection_dup_args d = {
		.access = NTSECTION_SECTION_MAP_READ | NTSECTION_SECTION_QUERY,
	};
	char path[64];

	if (o->be == SECTION)
		return ioctl(o->map, NTSECTION_IOC_DUPLICATE, &d);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", o->file);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* Fill pages [first, first + n) of the file with @v using pwrite(2). */
static int pfill(int fd, int first, int n, unsigned char v)
{
	char *buf = malloc(pg);
	int i, ret = 0;

	if (!buf)
		return -1;
	memset(buf, v, pg);
	for (i = 0; i < n && !ret; i++)
		if (pwrite(fd, buf, pg, (first + i) * pg) != pg)
			ret = -1;
	free(buf);
	return ret;
}

/* pread one byte of the file at @off: "0x5a", "EOF" or the errno name */
static const char *pread_byte(int fd, off_t off)
{
	static char buf[4][16];
	static int i;
	char *b = buf[i++ % 4];
	unsigned char v;
	ssize_t n = pread(fd, &v, 1, off);

	if (n == 1)
		snprintf(b, 16, "0x%02x", v);
	else if (!n)
		snprintf(b, 16, "EOF");
	else
		snprintf(b, 16, "%s", strerrorname_np(errno));
	return b;
}

/* ---- processes -------------------------------------------------------- */

/* The child's side of a pipe handshake: one byte each way. */
static void tell(int fd, char v)
{
	if (write(fd, &v, 1) != 1)
		_exit(99);
}

static char hear(int fd)
{
	char v = 0;

	if (read(fd, &v, 1) != 1)
		return 0;
	return v;
}

/*
 * Two processes: the child writes 0x44 at page 0 and reads what the
 * parent wrote (0x33) at page 1.  With @inherit the view is mapped before
 * fork(2) and the child uses the copy it inherited; without, each maps
 * its own view after the fork.
 */
static void two_processes(struct ctx *c, int inherit)
{
	unsigned char *v = MAP_FAILED;
	int up[2], down[2], status;
	struct obj o;
	char got;
	pid_t pid;

	if (obj_new(c, &o, 2))
		return;
	if (inherit)
		v = rw_view(&o, 2);
	if (inherit && v == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	if (pipe2(up, O_CLOEXEC) || pipe2(down, O_CLOEXEC)) {
		out_err(c, "pipe");
		goto done;
	}
	pid = fork();
	if (!pid) {
		unsigned char *cv = inherit ? v : rw_view(&o, 2);

		alarm(20);
		if (cv == MAP_FAILED)
			_exit(1);
		cv[0] = 0x44;
		tell(up[1], 1);
		hear(down[0]);
		tell(up[1], cv[pg]);
		_exit(0);
	}
	if (!inherit)
		v = rw_view(&o, 2);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		kill(pid, SIGKILL);
	} else if (pid > 0 && hear(up[0])) {
		out(c, "parent reads %s", rd(v));
		v[pg] = 0x33;
		tell(down[1], 1);
		got = hear(up[0]);
		out(c, "child reads 0x%02x", (unsigned char)got);
	} else {
		out(c, "child failed");
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
done:
	if (v != MAP_FAILED)
		munmap(v, 2 * pg);
	obj_free(&o);
}

/* ---- scenarios -------------------------------------------------------- */

static void sc_two_views(struct ctx *c)
{
	unsigned char *a, *b;
	struct obj o;

	if (obj_new(c, &o, 4))
		return;
	a = rw_view(&o, 4);
	b = view(&o, 2, 2, PROT_READ | PROT_WRITE, MAP_SHARED);
	if (a == MAP_FAILED || b == MAP_FAILED) {
		out_err(c, "mmap");
	} else {
		a[2 * pg] = 0x11;
		out(c, "b reads %s", rd(b));
		b[pg + 7] = 0x22;
		out(c, "a reads %s", rd(a + 3 * pg + 7));
		out(c, "%s addresses", a == b ? "same" : "distinct");
	}
	if (a != MAP_FAILED)
		munmap(a, 4 * pg);
	if (b != MAP_FAILED)
		munmap(b, 2 * pg);
	obj_free(&o);
}

static void sc_two_processes(struct ctx *c)
{
	two_processes(c, 0);
}

static void sc_fork(struct ctx *c)
{
	two_processes(c, 1);
}

static void sc_write_then_view(struct ctx *c)
{
	unsigned char *v;
	struct obj o;

	if (obj_new(c, &o, 2))
		return;
	v = rw_view(&o, 2);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
	} else {
		out(c, "before %s", rd(v + pg));
		if (pfill(o.file, 1, 1, 0x5a))
			out_err(c, "pwrite");
		out(c, "after pwrite() %s", rd(v + pg));
		munmap(v, 2 * pg);
	}
	obj_free(&o);
}

static void sc_view_then_read(struct ctx *c)
{
	unsigned char *v;
	struct obj o;

	if (obj_new(c, &o, 2))
		return;
	v = rw_view(&o, 2);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
	} else {
		memset(v + pg, 0xa5, pg);
		out(c, "pread() %s", pread_byte(o.file, pg + 100));
		munmap(v, 2 * pg);
	}
	obj_free(&o);
}

/* A native mmap of the file next to a view of @o (native: two mmaps). */
static void sc_native_and_view(struct ctx *c)
{
	unsigned char *v, *n;
	struct obj o;

	if (obj_new(c, &o, 2))
		return;
	v = rw_view(&o, 2);
	n = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, o.file, 0);
	if (v == MAP_FAILED || n == MAP_FAILED) {
		out_err(c, "mmap");
	} else {
		v[10] = 0x31;
		out(c, "mmap reads %s", rd(n + 10));
		n[pg + 10] = 0x32;
		out(c, "view reads %s", rd(v + pg + 10));
	}
	if (v != MAP_FAILED)
		munmap(v, 2 * pg);
	if (n != MAP_FAILED)
		munmap(n, 2 * pg);
	obj_free(&o);
}

/*
 * A copy-on-write view: its untouched page 0 follows the shared view's
 * writes, its own write to page 1 stays its own and stays put.
 */
static void sc_cow(struct ctx *c)
{
	unsigned char *s, *p;
	struct obj o;

	if (obj_new(c, &o, 2))
		return;
	s = rw_view(&o, 2);
	p = view(&o, 0, 2, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (s == MAP_FAILED || p == MAP_FAILED) {
		out_err(c, "mmap");
	} else {
		s[0] = 0x11;
		s[pg] = 0x11;
		out(c, "cow reads %s", rd(p));
		p[pg] = 0x22;
		s[0] = 0x33;
		s[pg] = 0x33;
		out(c, "untouched page %s", rd(p));
		out(c, "own page %s", rd(p + pg));
		out(c, "shared sees %s", rd(s + pg));
	}
	if (s != MAP_FAILED)
		munmap(s, 2 * pg);
	if (p != MAP_FAILED)
		munmap(p, 2 * pg);
	obj_free(&o);
}

/* Shrink the file under a 4-page view to 1 page + 100 bytes. */
static void sc_truncate(struct ctx *c)
{
	unsigned char *v;
	struct obj o;

	if (obj_new(c, &o, 4))
		return;
	v = rw_view(&o, 4);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	memset(v, 0x5a, 4 * pg);
	if (ftruncate(o.file, pg + 100)) {
		out_err(c, "ftruncate");
	} else {
		out(c, "p0 %s", rd(v));
		out(c, "p1 before EOF %s", rd(v + pg + 50));
		out(c, "p1 after EOF %s", rd(v + pg + 200));
		out(c, "p2 %s", rd(v + 2 * pg));
		out(c, "write p3 %s", wr(v + 3 * pg, 1));
	}
	munmap(v, 4 * pg);
done:
	obj_free(&o);
}

/* Shrink the file under a view, then extend it again with pwrite(2). */
static void sc_extend(struct ctx *c)
{
	unsigned char *v;
	struct obj o;

	if (obj_new(c, &o, 4))
		return;
	v = rw_view(&o, 4);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	memset(v, 0x5a, 4 * pg);
	if (ftruncate(o.file, pg) || pfill(o.file, 3, 1, 0x66)) {
		out_err(c, "resize");
	} else {
		out(c, "p2 (hole) %s", rd(v + 2 * pg));
		out(c, "p3 %s", rd(v + 3 * pg));
		out(c, "write p2 %s", wr(v + 2 * pg, 0x77));
		out(c, "pread() %s", pread_byte(o.file, 2 * pg));
	}
	munmap(v, 4 * pg);
done:
	obj_free(&o);
}

/* The file grows after the object was made: map the new pages. */
static void sc_grow_map(struct ctx *c)
{
	unsigned char *v;
	struct obj o;

	if (obj_new(c, &o, 2))
		return;
	if (pfill(o.file, 3, 1, 0x66)) {
		out_err(c, "pwrite");
		goto done;
	}
	v = rw_view(&o, 4);
	if (v == MAP_FAILED) {
		out_err(c, "4-page view");
	} else {
		out(c, "4-page view p3 %s", rd(v + 3 * pg));
		munmap(v, 4 * pg);
	}
done:
	obj_free(&o);
}

/*
 * A child maps a view, fills 16 pages and is SIGKILLed while it still has
 * the view; a fresh view in the parent counts the pages it sees filled.
 */
static void sc_killed_writer(struct ctx *c)
{
	const int n = 16;
	unsigned char *v;
	int p[2], i, full = 0, status;
	struct obj o;
	pid_t pid;

	if (obj_new(c, &o, n))
		return;
	if (pipe2(p, O_CLOEXEC)) {
		out_err(c, "pipe");
		goto done;
	}
	pid = fork();
	if (!pid) {
		unsigned char *cv = rw_view(&o, n);

		alarm(20);
		if (cv == MAP_FAILED)
			_exit(1);
		memset(cv, 0xa5, n * pg);
		tell(p[1], 1);
		for (;;)
			pause();
	}
	if (pid > 0 && hear(p[0]) == 1) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		out(c, "writer %s", WIFSIGNALED(status) &&
		    WTERMSIG(status) == SIGKILL ? "killed" : "not killed");
	} else {
		out(c, "writer failed");
		if (pid > 0)
			waitpid(pid, &status, 0);
	}
	close(p[0]);
	close(p[1]);
	v = view(&o, 0, n, PROT_READ, MAP_SHARED);
	if (v == MAP_FAILED) {
		out_err(c, "reader mmap");
		goto done;
	}
	for (i = 0; i < n; i++)
		full += v[i * pg] == 0xa5 && v[i * pg + pg - 1] == 0xa5;
	out(c, "reader sees %d/%d pages", full, n);
	munmap(v, n * pg);
done:
	obj_free(&o);
}

static int drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = write(fd, "1\n", 2) == 2 ? 0 : -1;
	close(fd);
	return ret;
}

/* Pages of the file [0, n pages) in the page cache, by mincore(2). */
static int cached_pages(int fd, int n)
{
	unsigned char vec[64];
	void *m = mmap(NULL, n * pg, PROT_READ, MAP_SHARED, fd, 0);
	int i, cnt = 0;

	if (m == MAP_FAILED || n > 64)
		return -1;
	if (mincore(m, n * pg, vec))
		cnt = -1;
	for (i = 0; cnt >= 0 && i < n; i++)
		cnt += vec[i] & 1;
	munmap(m, n * pg);
	return cnt;
}

/*
 * Write through a view, msync(MS_SYNC) (native) or NTSECTION_IOC_FLUSH
 * (section), unmap, drop the clean page cache without sync(2): a page
 * the flush did not clean would stay cached.  Then re-read.
 */
static void sc_flush_drop_pinned(struct ctx *c)
{
	struct ntsection_flush_args f = { 0 };
	unsigned char *v;
	struct obj o;
	int ret;

	if (obj_new(c, &o, 4))
		return;
	v = rw_view(&o, 4);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	memset(v, 0x5a, 4 * pg);
	f.address = (unsigned long)v;
	ret = c->be == NATIVE ? msync(v, 4 * pg, MS_SYNC) :
				ioctl(dev, NTSECTION_IOC_FLUSH, &f);
	out(c, "write-back %s", ret ? strerrorname_np(errno) : "ok");
	munmap(v, 4 * pg);
	if (drop_caches()) {
		skip(c, "cannot write drop_caches");
		goto done;
	}
	out(c, "cached after drop %d/4", cached_pages(o.file, 4));
	v = view(&o, 0, 4, PROT_READ, MAP_SHARED);
	if (v == MAP_FAILED) {
		out_err(c, "re-map");
		goto done;
	}
	out(c, "re-read %s", rd(v + 3 * pg + 9));
	munmap(v, 4 * pg);
done:
	obj_free(&o);
}

/*
 * The task stays on one CPU meanwhile: new pages wait in a per-CPU LRU
 * batch, from which drop_caches cannot evict them, and munmap(2) drains
 * only the local CPU's batch.
 */
static void sc_flush_drop(struct ctx *c)
{
	cpu_set_t old, one;

	sched_getaffinity(0, sizeof(old), &old);
	CPU_ZERO(&one);
	CPU_SET(sched_getcpu(), &one);
	sched_setaffinity(0, sizeof(one), &one);
	sc_flush_drop_pinned(c);
	sched_setaffinity(0, sizeof(old), &old);
}

/*
 * O_DIRECT write over a page the view has dirtied, then an O_DIRECT read
 * of a page the view wrote.
 */
static void sc_odirect(struct ctx *c)
{
	unsigned char *v;
	void *buf = NULL;
	struct obj o;
	int d;

	if (obj_new(c, &o, 2))
		return;
	d = open(o.path, O_RDWR | O_DIRECT | O_CLOEXEC);
	if (d < 0) {
		skip(c, "no O_DIRECT");
		goto done;
	}
	v = rw_view(&o, 2);
	if (v == MAP_FAILED || posix_memalign(&buf, 4096, pg)) {
		out_err(c, "mmap");
		goto close;
	}
	v[0] = 0x5a;
	memset(buf, 0x77, pg);
	if (pwrite(d, buf, pg, 0) != pg)
		out_err(c, "dio write");
	else
		out(c, "view after dio write %s", rd(v + 5));
	v[pg + 5] = 0x88;
	if (pread(d, buf, pg, pg) != pg)
		out_err(c, "dio read");
	else
		out(c, "dio read after view write 0x%02x",
		    ((unsigned char *)buf)[5]);
	munmap(v, 2 * pg);
close:
	free(buf);
	close(d);
done:
	obj_free(&o);
}

static void sc_dontneed(struct ctx *c)
{
	unsigned char *v;
	struct obj o;

	if (obj_new(c, &o, 4))
		return;
	v = rw_view(&o, 4);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	memset(v, 0x77, 4 * pg);
	out(c, "mapped %d/4", present_pages(v, 4));
	if (madvise(v, 4 * pg, MADV_DONTNEED)) {
		out_err(c, "madvise");
	} else {
		out(c, "after DONTNEED %d/4", present_pages(v, 4));
		out(c, "reads %s", rd(v + 2 * pg));
	}
	munmap(v, 4 * pg);
done:
	obj_free(&o);
}

/*
 * MADV_PAGEOUT asks for the view's pages to be reclaimed (written back or
 * swapped, if there is swap); what the view reads afterwards is the data.
 */
static void sc_pageout(struct ctx *c)
{
	unsigned char *v;
	struct obj o;

	if (obj_new(c, &o, 4))
		return;
	v = rw_view(&o, 4);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	memset(v, 0x5b, 4 * pg);
	if (madvise(v, 4 * pg, MADV_PAGEOUT))
		out_err(c, "madvise");
	else
		out(c, "after PAGEOUT reads %s %s", rd(v), rd(v + 3 * pg));
	munmap(v, 4 * pg);
done:
	obj_free(&o);
}

/* mprotect(2) down to read-only and back: the cap allows the way back. */
static void sc_mprotect(struct ctx *c)
{
	unsigned char *v;
	struct obj o;

	if (obj_new(c, &o, 1))
		return;
	v = rw_view(&o, 1);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	if (mprotect(v, pg, PROT_READ)) {
		out_err(c, "mprotect read-only");
	} else {
		out(c, "read-only write %s", wr(v, 0x61));
		if (mprotect(v, pg, PROT_READ | PROT_WRITE))
			out_err(c, "mprotect read-write");
		else
			out(c, "read-write write %s, reads %s", wr(v, 0x62),
			    rd(v));
	}
	munmap(v, pg);
done:
	obj_free(&o);
}

static void sc_mlock(struct ctx *c)
{
	unsigned char *v, *w;
	struct obj o;
	long before;

	if (obj_new(c, &o, 4))
		return;
	v = rw_view(&o, 4);
	w = rw_view(&o, 4);
	if (v == MAP_FAILED || w == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	before = ns_vmlck_kb();
	if (mlock(v, 4 * pg)) {
		out_err(c, "mlock");
	} else {
		out(c, "mlock ok, VmLck +%ld kB", ns_vmlck_kb() - before);
		out(c, "mapped %d/4", present_pages(v, 4));
		v[3 * pg] = 0x4c;
		out(c, "other view reads %s", rd(w + 3 * pg));
		munlock(v, 4 * pg);
	}
done:
	if (v != MAP_FAILED)
		munmap(v, 4 * pg);
	if (w != MAP_FAILED)
		munmap(w, 4 * pg);
	obj_free(&o);
}

static void sc_populate(struct ctx *c)
{
	unsigned char *w, *v, *p;
	struct obj o;

	if (obj_new(c, &o, 4))
		return;
	w = rw_view(&o, 4);
	if (w == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	memset(w, 0x3c, 4 * pg);
	v = view(&o, 0, 4, PROT_READ | PROT_WRITE, MAP_SHARED);
	p = view(&o, 0, 4, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE);
	if (v == MAP_FAILED || p == MAP_FAILED) {
		out_err(c, "mmap");
	} else {
		out(c, "plain %d/4", present_pages(v, 4));
		out(c, "populated %d/4", present_pages(p, 4));
		out(c, "reads %s", rd(p + 3 * pg));
	}
	if (v != MAP_FAILED)
		munmap(v, 4 * pg);
	if (p != MAP_FAILED)
		munmap(p, 4 * pg);
	munmap(w, 4 * pg);
done:
	obj_free(&o);
}

static void sc_punch_hole(struct ctx *c)
{
	unsigned char *v;
	struct obj o;
	struct stat st;

	if (obj_new(c, &o, 4))
		return;
	v = rw_view(&o, 4);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	memset(v, 0x5a, 4 * pg);
	if (fallocate(o.file, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		      pg, pg)) {
		out_err(c, "fallocate");
	} else {
		out(c, "p1 %s", rd(v + pg + 3));
		out(c, "p0 %s", rd(v + 3));
		out(c, "size %s", !fstat(o.file, &st) &&
		    st.st_size == 4 * pg ? "kept" : "changed");
		v[pg + 3] = 0x11;
		out(c, "rewrite, pread() %s", pread_byte(o.file, pg + 3));
	}
	munmap(v, 4 * pg);
done:
	obj_free(&o);
}

/* A read-only fd or handle: no writable shared view, now or later. */
static void sc_readonly(struct ctx *c)
{
	unsigned char *v;
	struct obj o;
	int ro;

	if (obj_new(c, &o, 1))
		return;
	ro = obj_readonly(&o);
	if (ro < 0) {
		out_err(c, "read-only fd");
		goto done;
	}
	v = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
	if (v == MAP_FAILED)
		out_err(c, "rw view");
	else
		munmap(v, pg);
	v = mmap(NULL, pg, PROT_READ, MAP_SHARED, ro, 0);
	if (v == MAP_FAILED) {
		out_err(c, "ro view");
	} else {
		out(c, "ro view ok");
		if (mprotect(v, pg, PROT_READ | PROT_WRITE))
			out_err(c, "mprotect rw");
		else
			out(c, "mprotect rw ok");
		munmap(v, pg);
	}
	v = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	if (v == MAP_FAILED) {
		out_err(c, "cow view");
	} else {
		out(c, "cow view write %s", wr(v, 1));
		munmap(v, pg);
	}
	close(ro);
done:
	obj_free(&o);
}

/* read(2)/write(2) on the fd that is mapped: the memfd, or the handle. */
static void sc_fd_io(struct ctx *c)
{
	unsigned char *v;
	struct obj o;

	if (obj_new(c, &o, 1))
		return;
	v = rw_view(&o, 1);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		goto done;
	}
	if (write(o.map, "\x12", 1) != 1)
		out_err(c, "write");
	else
		out(c, "write ok, view reads %s", rd(v));
	munmap(v, pg);
done:
	obj_free(&o);
}

/*
 * Named objects: POSIX shm (shm_open) for native, a named pagefile section
 * (NTSECTION_IOC_CREATE with a name, NTSECTION_IOC_OPEN) for section.
 */
static void obj_name(char *buf, size_t len, enum backend be)
{
	snprintf(buf, len, "%scoherence-%d-%d", be == NATIVE ? "/" : "",
		 getpid(), seq++);
}

static int named_create(enum backend be, const char *name, size_t size)
{
	int fd;

	if (be == NATIVE) {
		fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0 && ftruncate(fd, size)) {
			close(fd);
			return -1;
		}
		return fd;
	}
	return ns_create_named(dev, name, size, NTSECTION_SECTION_ALL_ACCESS,
			       NTSECTION_CREATE_NEW, 0, NULL);
}

static int named_open(enum backend be, const char *name)
{
	if (be == NATIVE)
		return shm_open(name, O_RDWR, 0);
	return ns_open_named(dev, name, NTSECTION_SECTION_ALL_ACCESS);
}

/*
 * Two processes that share nothing but a name: the child is forked before
 * the object exists and opens it by name.
 */
static void sc_by_name(struct ctx *c)
{
	int up[2], down[2], status, fd = -1;
	unsigned char *v;
	char name[64], got;
	pid_t pid;

	obj_name(name, sizeof(name), c->be);
	if (pipe2(up, O_CLOEXEC) || pipe2(down, O_CLOEXEC)) {
		out_err(c, "pipe");
		return;
	}
	pid = fork();
	if (!pid) {
		unsigned char *cv;
		int cfd;

		alarm(20);
		hear(down[0]);
		cfd = named_open(c->be, name);
		cv = cfd < 0 ? MAP_FAILED : mmap(NULL, pg, PROT_READ |
			PROT_WRITE, MAP_SHARED, cfd, 0);
		if (cv == MAP_FAILED)
			_exit(1);
		tell(up[1], cv[0]);
		cv[1] = 0x44;
		tell(up[1], 1);
		_exit(0);
	}
	fd = named_create(c->be, name, pg);
	if (fd < 0) {
		out_err(c, "create");
		if (errno == EINVAL || errno == ENOTTY)
			skip(c, "no named sections");
		kill(pid, SIGKILL);
		goto done;
	}
	v = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		kill(pid, SIGKILL);
		goto done;
	}
	v[0] = 0x33;
	tell(down[1], 1);
	got = hear(up[0]);
	out(c, "child reads 0x%02x", (unsigned char)got);
	if (hear(up[0]))
		out(c, "parent reads %s", rd(v + 1));
	else
		out(c, "child failed");
	munmap(v, pg);
done:
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (fd >= 0)
		close(fd);
	if (c->be == NATIVE)
		shm_unlink(name);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
}

/* A name's lifetime: open it again after every fd / handle is closed. */
static void sc_name_lifetime(struct ctx *c)
{
	unsigned char *v;
	char name[64];
	int fd;

	obj_name(name, sizeof(name), c->be);
	fd = named_create(c->be, name, pg);
	if (fd < 0) {
		if (errno == EINVAL || errno == ENOTTY)
			skip(c, "no named sections");
		else
			out_err(c, "create");
		return;
	}
	v = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
		close(fd);
		goto done;
	}
	v[0] = 0x5a;
	close(fd);
	out(c, "view after close reads %s", rd(v));
	fd = named_open(c->be, name);
	if (fd < 0) {
		out_err(c, "reopen");
	} else {
		out(c, "reopen ok");
		close(fd);
	}
	munmap(v, pg);
done:
	if (c->be == NATIVE)
		shm_unlink(name);
}

/* ---- the table -------------------------------------------------------- */

/*
 * SAME: both backends must give the same result.  DIFF: a documented
 * difference, both results given with the reason.
 */
enum relation { SAME, DIFF };

struct row {
	const char *name;
	enum backing bk;
	void (*fn)(struct ctx *c);
	enum relation rel;
	const char *native, *section, *why;
	const char *backing;	/* the backing column, if not the default */
};

/*
 * A process that got the fd (native) or the handle (section) over
 * SCM_RIGHTS maps it: it sees the sender's write, the sender sees its.
 */
static void sc_scm_rights(struct ctx *c)
{
	unsigned char *v = MAP_FAILED;
	int sv[2], status;
	struct obj o;
	char got;
	pid_t pid;

	if (obj_new(c, &o, 1))
		return;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		out_err(c, "socketpair");
		goto done;
	}
	pid = fork();
	if (!pid) {
		int fd = ns_recv_fd(sv[1]);
		unsigned char *cv;

		alarm(20);
		if (fd < 0)
			_exit(1);
		cv = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (cv == MAP_FAILED)
			_exit(2);
		cv[0] = 0x55;
		tell(sv[1], cv[1]);
		_exit(0);
	}
	close(sv[1]);
	v = rw_view(&o, 1);
	if (v == MAP_FAILED) {
		out_err(c, "mmap");
	} else {
		v[1] = 0x66;
		if (pid > 0 && !ns_send_fd(sv[0], o.map)) {
			got = hear(sv[0]);
			out(c, "receiver reads 0x%02x", (unsigned char)got);
			out(c, "sender reads %s", rd(v));
		} else {
			out_err(c, "sendmsg");
		}
	}
	if (pid > 0) {
		if (v == MAP_FAILED)
			kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	close(sv[0]);
	if (v != MAP_FAILED)
		munmap(v, pg);
done:
	obj_free(&o);
}

/*
 * A child's copy-on-write views, a new one and the one it inherited:
 * their writes reach neither the shared view nor the parent's copy.
 */
static void sc_cow_child(struct ctx *c)
{
	unsigned char *s, *p;
	struct obj o;
	int status;
	pid_t pid;

	if (obj_new(c, &o, 1))
		return;
	s = rw_view(&o, 1);
	p = view(&o, 0, 1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (s == MAP_FAILED || p == MAP_FAILED) {
		out_err(c, "mmap");
		goto unmap;
	}
	s[100] = 0x11;
	pid = fork();
	if (!pid) {
		unsigned char *q = view(&o, 0, 1, PROT_READ | PROT_WRITE,
					MAP_PRIVATE);

		if (q == MAP_FAILED)
			_exit(1);
		q[100] = 0x78;
		p[101] = 0x79;
		_exit(q[100] == 0x78 && p[101] == 0x79 ? 0 : 2);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	out(c, "child %s", pid > 0 && WIFEXITED(status) &&
	    !WEXITSTATUS(status) ? "wrote" : "failed");
	out(c, "shared reads %s %s", rd(s + 100), rd(s + 101));
	out(c, "parent's copy reads %s", rd(p + 101));
unmap:
	if (s != MAP_FAILED)
		munmap(s, pg);
	if (p != MAP_FAILED)
		munmap(p, pg);
	obj_free(&o);
}

/* mremap(2) moves a view: the moved view still shares the pages. */
static void sc_mremap_move(struct ctx *c)
{
	unsigned char *s, *t, *dst, *m = MAP_FAILED;
	struct obj o;

	if (obj_new(c, &o, 2))
		return;
	s = rw_view(&o, 2);
	t = rw_view(&o, 2);
	dst = mmap(NULL, 2 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED || t == MAP_FAILED || dst == MAP_FAILED) {
		out_err(c, "mmap");
		goto unmap;
	}
	s[pg] = 0x21;
	m = mremap(s, 2 * pg, 2 * pg, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	if (m == MAP_FAILED) {
		out_err(c, "mremap");
		goto unmap;
	}
	s = MAP_FAILED;
	dst = MAP_FAILED;
	out(c, "moved reads %s", rd(m + pg));
	m[0] = 0x42;
	out(c, "other view reads %s", rd(t));
unmap:
	if (m != MAP_FAILED)
		munmap(m, 2 * pg);
	if (s != MAP_FAILED)
		munmap(s, 2 * pg);
	if (t != MAP_FAILED)
		munmap(t, 2 * pg);
	if (dst != MAP_FAILED)
		munmap(dst, 2 * pg);
	obj_free(&o);
}

#define SAME(name, bk, fn)	{ name, bk, fn, SAME, NULL, NULL, NULL, NULL }
#define POSIX_SHM		"pagefile (native: POSIX shm)"

#define MLOCK_FILE "a file's views are VM_DONTEXPAND, so that mremap(2) " \
	"cannot grow them over file data past the section; that makes them " \
	"VM_SPECIAL, and mlock(2) skips VM_SPECIAL mappings (returns 0, " \
	"locks nothing)"

static const struct row rows[] = {
	SAME("two views in one process", FILE_BACKED, sc_two_views),
	SAME("two views in one process", PAGEFILE, sc_two_views),
	SAME("two processes", FILE_BACKED, sc_two_processes),
	SAME("two processes", PAGEFILE, sc_two_processes),
	{ "two processes sharing only a name", PAGEFILE, sc_by_name, SAME,
	  NULL, NULL, NULL, POSIX_SHM },
	{ "open by name after every handle is closed", PAGEFILE,
	  sc_name_lifetime, DIFF,
	  "view after close reads 0x5a, reopen ok",
	  "view after close reads 0x5a, reopen: ENOENT",
	  "a section's name goes with its last handle (as on Windows; views "
	  "keep the memory, not the name); a POSIX shm name lives until "
	  "shm_unlink", POSIX_SHM },
	SAME("fork inheritance", FILE_BACKED, sc_fork),
	SAME("fork inheritance", PAGEFILE, sc_fork),
	SAME("a process that got the fd over SCM_RIGHTS", FILE_BACKED,
	     sc_scm_rights),
	SAME("a process that got the fd over SCM_RIGHTS", PAGEFILE,
	     sc_scm_rights),
	SAME("write() then view", FILE_BACKED, sc_write_then_view),
	SAME("view then read()", FILE_BACKED, sc_view_then_read),
	SAME("native mmap and a view at once", FILE_BACKED,
	     sc_native_and_view),
	SAME("copy-on-write view", FILE_BACKED, sc_cow),
	SAME("copy-on-write view", PAGEFILE, sc_cow),
	SAME("a child's copy-on-write views", FILE_BACKED, sc_cow_child),
	SAME("a child's copy-on-write views", PAGEFILE, sc_cow_child),
	SAME("mremap(2) moves a view", FILE_BACKED, sc_mremap_move),
	SAME("mremap(2) moves a view", PAGEFILE, sc_mremap_move),
	SAME("truncate under a view", FILE_BACKED, sc_truncate),
	SAME("extend the file under a view", FILE_BACKED, sc_extend),
	{ "map past the original size after the file grew", FILE_BACKED,
	  sc_grow_map, DIFF, "4-page view p3 0x66", "4-page view: ENXIO",
	  "a section's size is fixed at creation (as on Windows): a view "
	  "cannot reach past it, however the file grows", NULL },
	SAME("writer SIGKILLed, then a reader", FILE_BACKED, sc_killed_writer),
	SAME("writer SIGKILLed, then a reader", PAGEFILE, sc_killed_writer),
	SAME("msync / flush, drop_caches, re-read", FILE_BACKED,
	     sc_flush_drop),
	SAME("O_DIRECT write and read against a view", FILE_BACKED,
	     sc_odirect),
	SAME("MADV_DONTNEED on a shared view", FILE_BACKED, sc_dontneed),
	SAME("MADV_DONTNEED on a shared view", PAGEFILE, sc_dontneed),
	SAME("MADV_PAGEOUT, then read", FILE_BACKED, sc_pageout),
	SAME("MADV_PAGEOUT, then read", PAGEFILE, sc_pageout),
	SAME("mprotect(2) to read-only and back", FILE_BACKED, sc_mprotect),
	SAME("mprotect(2) to read-only and back", PAGEFILE, sc_mprotect),
	{ "mlock", FILE_BACKED, sc_mlock, DIFF,
	  "mlock ok, VmLck +16 kB, mapped 4/4, other view reads 0x4c",
	  "mlock ok, VmLck +0 kB, mapped 4/4, other view reads 0x4c",
	  MLOCK_FILE, NULL },
	SAME("mlock", PAGEFILE, sc_mlock),
	SAME("MAP_POPULATE", FILE_BACKED, sc_populate),
	SAME("MAP_POPULATE", PAGEFILE, sc_populate),
	SAME("punch a hole under a view", FILE_BACKED, sc_punch_hole),
	SAME("read-only fd / handle", FILE_BACKED, sc_readonly),
	SAME("read-only fd / handle", PAGEFILE, sc_readonly),
	{ "write() on the mapped fd", PAGEFILE, sc_fd_io, DIFF,
	  "write ok, view reads 0x12", "write: EINVAL",
	  "a handle is not a file: a pagefile section's bytes are reached "
	  "through views only (file sections: use the file)", NULL },
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define NROWS		ARRAY_SIZE(rows)

struct result {
	struct ctx c[2];
	const char *verdict;
};

static void run_one(const struct row *r, enum backend be, struct ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->be = be;
	c->bk = r->bk;
	if (be == SECTION && dev < 0)
		skip(c, "no /dev/ntsection");
	else
		r->fn(c);
}

static const char *const relation_name[] = {
	[SAME] = "same", [DIFF] = "differs: ",
};

static const char *judge(const struct row *r, struct result *res)
{
	const char *n = res->c[NATIVE].res, *s = res->c[SECTION].res;

	if (res->c[NATIVE].skip || res->c[SECTION].skip)
		return "skip";
	if (r->rel == SAME)
		return strcmp(n, s) ? "FAIL" : "ok";
	if (strcmp(n, r->native) || strcmp(s, r->section))
		return "FAIL";
	return "ok (documented)";
}

static void print_json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void print_markdown(struct result *res, int pass, int fail, int skp)
{
	struct utsname u;
	size_t i;

	uname(&u);
	printf("Coherence of ntsection views with native mmap, kernel %s\n\n",
	       u.release);
	printf("| scenario | backing | native | section | expected | verdict |\n");
	printf("|---|---|---|---|---|---|\n");
	for (i = 0; i < NROWS; i++) {
		const struct row *r = &rows[i];

		printf("| %s | %s | %s | %s | %s%s | %s |\n", r->name,
		       r->backing ? r->backing : r->bk == FILE_BACKED ?
		       "ext4 file" : "pagefile (native: memfd)",
		       res[i].c[NATIVE].res, res[i].c[SECTION].res,
		       relation_name[r->rel], r->why ? r->why : "",
		       res[i].verdict);
	}
	printf("\n%d ok, %d failed, %d skipped\n", pass, fail, skp);
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       pass, fail, skp);
}

static void print_json(struct result *res, int pass, int fail, int skp)
{
	struct utsname u;
	size_t i;

	uname(&u);
	printf("{\n  \"kernel\": ");
	print_json_str(u.release);
	printf(",\n  \"rows\": [\n");
	for (i = 0; i < NROWS; i++) {
		const struct row *r = &rows[i];

		printf("    {\"scenario\": ");
		print_json_str(r->name);
		printf(", \"backing\": \"%s\", \"native\": ",
		       backing_name[r->bk]);
		print_json_str(res[i].c[NATIVE].res);
		printf(", \"section\": ");
		print_json_str(res[i].c[SECTION].res);
		printf(", \"expected\": ");
		print_json_str(r->rel == DIFF ? "differs" : "same");
		if (r->why) {
			printf(", \"reason\": ");
			print_json_str(r->why);
		}
		printf(", \"verdict\": ");
		print_json_str(res[i].verdict);
		printf("}%s\n", i + 1 < NROWS ? "," : "");
	}
	printf("  ],\n  \"pass\": %d, \"fail\": %d, \"skip\": %d\n}\n",
	       pass, fail, skp);
}

static void usage(FILE *f, const char *argv0)
{
	fprintf(f,
"Usage: %s [--json] [--list] [SCENARIO...]\n"
"\n"
"Run each coherence scenario twice, once on native mmap(2) (an ext4 file;\n"
"a memfd, or POSIX shm for the named rows, for the pagefile case) and once\n"
"on ntsection views of the same kind of backing, and print the two results\n"
"side by side as a Markdown table, then kselftest's '# Totals:' line.\n"
"\n"
"  --json     print JSON instead of the table\n"
"  --list     list the scenarios and exit\n"
"  -h, --help this text\n"
"  SCENARIO   run only rows whose name contains one of these strings\n"
"\n"
"Needs /dev/ntsection (ntsection.ko loaded), root for drop_caches, and a\n"
"current directory on a file system with O_DIRECT and hole punching\n"
"(the guest's /mnt/scratch).  Exit status: 0 when every row is as\n"
"expected (skips allowed), 1 when one\n"
"is not, 2 on a usage error.\n",
		argv0);
}

static int selected(const struct row *r, int argc, char **argv, int first)
{
	int i;

	if (first >= argc)
		return 1;
	for (i = first; i < argc; i++)
		if (strstr(r->name, argv[i]))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	static struct result res[NROWS];
	int json = 0, pass = 0, fail = 0, skp = 0, first = 1;
	size_t i;

	for (; first < argc && argv[first][0] == '-'; first++) {
		if (!strcmp(argv[first], "--json")) {
			json = 1;
		} else if (!strcmp(argv[first], "--list")) {
			for (i = 0; i < NROWS; i++)
				printf("%s (%s)\n", rows[i].name,
				       backing_name[rows[i].bk]);
			return 0;
		} else if (!strcmp(argv[first], "-h") ||
			   !strcmp(argv[first], "--help")) {
			usage(stdout, argv[0]);
			return 0;
		} else {
			usage(stderr, argv[0]);
			return 2;
		}
	}
	pg = sysconf(_SC_PAGESIZE);
	dev = open("/dev/ntsection", O_RDWR | O_CLOEXEC);
	for (i = 0; i < NROWS; i++) {
		if (!selected(&rows[i], argc, argv, first)) {
			strcpy(res[i].c[NATIVE].res, "not selected");
			strcpy(res[i].c[SECTION].res, "not selected");
			res[i].verdict = "skip";
			skp++;
			continue;
		}
		run_one(&rows[i], NATIVE, &res[i].c[NATIVE]);
		run_one(&rows[i], SECTION, &res[i].c[SECTION]);
		res[i].verdict = judge(&rows[i], &res[i]);
		if (!strcmp(res[i].verdict, "skip"))
			skp++;
		else if (!strcmp(res[i].verdict, "FAIL"))
			fail++;
		else
			pass++;
	}
	if (json)
		print_json(res, pass, fail, skp);
	else
		print_markdown(res, pass, fail, skp);
	return fail ? 1 : 0;
}
