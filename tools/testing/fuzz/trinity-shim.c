// SPDX-License-Identifier: GPL-2.0
/*
 * trinity-shim.c - an LD_PRELOAD library that makes trinity's own objects
 * ntsection objects, so that its fuzzed syscalls act on section handles
 * and views (tools/testing/fuzz/trinity.sh runs it in a guest).
 *
 * - trinity's initial mappings (mm/maps-initial.c: open("/dev/zero") then
 *   mmap(MAP_ANONYMOUS | MAP_SHARED) of that fd) become views: a
 *   SEC_COMMIT pagefile section of the mapping's size (PAGE_READWRITE, or
 *   PAGE_EXECUTE_READWRITE for every third one) mapped MAP_SHARED with
 *   the same protection; the section's fd is closed, the view keeps it.
 * - trinity's file fds (fds/files.c: open() or fopen() of each file of
 *   -V DIR): a file of the victims directory whose name is a section spec
 *   opens as a fresh handle of that spec (fopen: fdopen() of the handle).
 *   Any other path, the device node of /dev/ntsection in that directory
 *   among them, is opened as it is.
 *
 * A spec is BACKING-PROTECTION-ALLOCATION-HANDLE-Np, for instance
 * ext4-execwritecopy-commit-byname-16p:
 *   BACKING     pagefile, ext4 or tmpfs: no file, or the backing file named
 *               by $NTSECTION_FUZZ_EXT4 or $NTSECTION_FUZZ_TMPFS; or
 *               hugetlb: a fresh memfd_create(MFD_HUGETLB) of one 2 MiB
 *               page (no page reserved), a file the module must refuse
 *               (ENODEV): the open then fails with that errno, and a
 *               module that accepted it again would hand trinity 4 KiB
 *               views of a hugetlbfs file to unmap (issue 12's kernel BUG)
 *   PROTECTION  readonly, readwrite, writecopy, execread, execreadwrite,
 *               execwritecopy (the six PAGE_* values a section accepts)
 *   ALLOCATION  commit (SEC_COMMIT) or reserve (SEC_RESERVE; a pagefile
 *               section then gets its odd pages committed through
 *               NTSECTION_IOC_COMMIT on a temporary view)
 *   HANDLE      unnamed or named (all access; mode 0700), byname (a named section
 *               reopened by NTSECTION_IOC_OPEN with QUERY | MAP_READ only),
 *               dup (NTSECTION_IOC_DUPLICATE to MAP_READ | MAP_EXECUTE)
 *   Np          the section's size in pages
 * optionally followed by ".COPY" (a number), so that one spec can have
 * several victims.  A named section is named "trinity.<spec>", so every
 * open of one spec's victims gives a handle to the same section while any
 * handle is open.
 *
 * $NTSECTION_FUZZ_VICTIMS names the victims directory as trinity is given
 * it (-V); without it no path is intercepted.  With $NTSECTION_FUZZ_LOG,
 * each open of a victim appends "SPEC FD" (or "SPEC -ERRNO") to that
 * file.  Uses the UAPI header only, not libntsection, and links only libc.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <linux/ntsection.h>

#define SHIM_EXPORT __attribute__((visibility("default")))

struct shim_word {
	const char *word;
	unsigned int value;
};

static const struct shim_word shim_protections[] = {
	{ "readonly", NTSECTION_PAGE_READONLY },
	{ "readwrite", NTSECTION_PAGE_READWRITE },
	{ "writecopy", NTSECTION_PAGE_WRITECOPY },
	{ "execread", NTSECTION_PAGE_EXECUTE_READ },
	{ "execreadwrite", NTSECTION_PAGE_EXECUTE_READWRITE },
	{ "execwritecopy", NTSECTION_PAGE_EXECUTE_WRITECOPY },
	{ NULL, 0 }
};

static const struct shim_word shim_allocations[] = {
	{ "commit", NTSECTION_SEC_COMMIT },
	{ "reserve", NTSECTION_SEC_RESERVE },
	{ NULL, 0 }
};

enum shim_backing { SHIM_PAGEFILE, SHIM_EXT4, SHIM_TMPFS, SHIM_HUGETLB };

static const struct shim_word shim_backings[] = {
	{ "pagefile", SHIM_PAGEFILE },
	{ "ext4", SHIM_EXT4 },
	{ "tmpfs", SHIM_TMPFS },
	{ "hugetlb", SHIM_HUGETLB },
	{ NULL, 0 }
};

enum shim_handle { SHIM_UNNAMED, SHIM_NAMED, SHIM_BYNAME, SHIM_DUP };

static const struct shim_word shim_handles[] = {
	{ "unnamed", SHIM_UNNAMED },
	{ "named", SHIM_NAMED },
	{ "byname", SHIM_BYNAME },
	{ "dup", SHIM_DUP },
	{ NULL, 0 }
};

struct shim_spec {
	unsigned int backing;
	unsigned int protect;
	unsigned int attributes;
	unsigned int handle;
	unsigned long pages;
	char name[NAME_MAX + 16];
};

static int (*next_open)(const char *path, int flags, ...);
static int (*next_open64)(const char *path, int flags, ...);
static int (*next_openat)(int dirfd, const char *path, int flags, ...);
static int (*next_openat64)(int dirfd, const char *path, int flags, ...);
static FILE *(*next_fopen)(const char *path, const char *mode);
static FILE *(*next_fopen64)(const char *path, const char *mode);
static void *(*next_mmap)(void *addr, size_t len, int prot, int flags,
			  int fd, off_t off);
static void *(*next_mmap64)(void *addr, size_t len, int prot, int flags,
			    int fd, off64_t off);

static void *shim_next(const char *symbol)
{
	void *sym = dlsym(RTLD_NEXT, symbol);

	if (!sym) {
		fprintf(stderr, "trinity-shim: no next %s: %s\n", symbol,
			dlerror());
		abort();
	}
	return sym;
}

/* Run as a constructor, and again by whoever is called before it ran. */
__attribute__((constructor)) static void shim_init(void)
{
	if (next_mmap64)
		return;
	next_open = shim_next("open");
	next_open64 = shim_next("open64");
	next_openat = shim_next("openat");
	next_openat64 = shim_next("openat64");
	next_fopen = shim_next("fopen");
	next_fopen64 = shim_next("fopen64");
	next_mmap = shim_next("mmap");
	next_mmap64 = shim_next("mmap64");
}

static int shim_lookup(const struct shim_word *table, const char *word,
		       unsigned int *value)
{
	for (; table->word; table++) {
		if (!strcmp(table->word, word)) {
			*value = table->value;
			return 0;
		}
	}
	return -1;
}

/* The spec of a victim's @path, or -1 when @path is no victim's. */
static int shim_parse(const char *path, struct shim_spec *spec)
{
	const char *dir = getenv("NTSECTION_FUZZ_VICTIMS");
	char buf[NAME_MAX + 1], *words[6], *save, *end;
	const char *base;
	size_t len;
	int n = 0;

	if (!dir || !*dir || !path)
		return -1;
	len = strlen(dir);
	if (strncmp(path, dir, len) || path[len] != '/')
		return -1;
	base = path + len + 1;
	if (strchr(base, '/') || strlen(base) >= sizeof(buf))
		return -1;
	strcpy(buf, base);
	end = strrchr(buf, '.');
	if (end) {
		if (!end[1] || strspn(end + 1, "0123456789") != strlen(end + 1))
			return -1;
		*end = '\0';
	}
	snprintf(spec->name, sizeof(spec->name), "trinity.%s", buf);
	for (char *w = strtok_r(buf, "-", &save); w;
	     w = strtok_r(NULL, "-", &save)) {
		if (n == 6)
			return -1;
		words[n++] = w;
	}
	if (n != 5 ||
	    shim_lookup(shim_backings, words[0], &spec->backing) ||
	    shim_lookup(shim_protections, words[1], &spec->protect) ||
	    shim_lookup(shim_allocations, words[2], &spec->attributes) ||
	    shim_lookup(shim_handles, words[3], &spec->handle))
		return -1;
	errno = 0;
	spec->pages = strtoul(words[4], &end, 10);
	if (errno || !spec->pages || strcmp(end, "p"))
		return -1;
	return 0;
}

static int shim_writable(unsigned int protect)
{
	return protect == NTSECTION_PAGE_READWRITE ||
	       protect == NTSECTION_PAGE_EXECUTE_READWRITE;
}

static int shim_dev(void)
{
	return next_open("/dev/ntsection", O_RDWR | O_CLOEXEC);
}

/* Close @fd keeping errno. */
static void shim_close(int fd)
{
	int saved = errno;

	close(fd);
	errno = saved;
}

/* Commit the odd pages of a fresh pagefile SEC_RESERVE section @sec. */
static int shim_commit_odd(int dev, int sec, unsigned long pages)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t len = pages * page;
	char *view;
	int ret = 0;

	view = next_mmap(NULL, len, PROT_READ, MAP_SHARED, sec, 0);
	if (view == MAP_FAILED)
		return -1;
	for (unsigned long i = 1; i < pages && !ret; i += 2) {
		struct ntsection_commit_args c = {
			.address = (unsigned long)(view + i * page),
			.length = page,
		};

		ret = ioctl(dev, NTSECTION_IOC_COMMIT, &c);
	}
	munmap(view, len);
	return ret;
}

/* A new handle of @spec, or -1 with errno; @flags are open(2)'s. */
static int shim_create(const struct shim_spec *spec, int flags)
{
	struct ntsection_create_args c;
	int dev, file = -1, sec, fd;

	dev = shim_dev();
	if (dev < 0)
		return -1;
	if (spec->backing == SHIM_HUGETLB) {
		file = memfd_create("trinity-hugetlb", MFD_HUGETLB | MFD_CLOEXEC);
		if (file < 0 || ftruncate(file, 2 << 20)) {
			if (file >= 0)
				shim_close(file);
			shim_close(dev);
			return -1;
		}
	} else if (spec->backing != SHIM_PAGEFILE) {
		const char *path = getenv(spec->backing == SHIM_EXT4 ?
					  "NTSECTION_FUZZ_EXT4" :
					  "NTSECTION_FUZZ_TMPFS");

		if (!path) {
			shim_close(dev);
			errno = ENOENT;
			return -1;
		}
		file = next_open(path, (shim_writable(spec->protect) ?
					O_RDWR : O_RDONLY) | O_CLOEXEC);
		if (file < 0) {
			shim_close(dev);
			return -1;
		}
	}

	memset(&c, 0, sizeof(c));
	c.size = spec->pages * sysconf(_SC_PAGESIZE);
	c.protect = spec->protect;
	c.attributes = spec->attributes;
	c.file_fd = file;
	c.access = NTSECTION_SECTION_ALL_ACCESS;
	if (!(flags & O_CLOEXEC))
		c.flags = NTSECTION_CREATE_INHERIT;
	if (spec->handle == SHIM_NAMED || spec->handle == SHIM_BYNAME) {
		/* 0700: the next CREATE of the name may ask for all access */
		c.name = (unsigned long)spec->name;
		c.name_length = strlen(spec->name);
		c.flags |= NTSECTION_CREATE_MODE;
		c.mode = 0700;
	}
	sec = ioctl(dev, NTSECTION_IOC_CREATE, &c);
	if (file >= 0)
		shim_close(file);
	if (sec < 0)
		goto out;
	/* only a section this call created is fresh */
	if (spec->backing == SHIM_PAGEFILE && !c.existed &&
	    (spec->attributes & NTSECTION_SEC_RESERVE) &&
	    shim_commit_odd(dev, sec, spec->pages)) {
		shim_close(sec);
		sec = -1;
		goto out;
	}

	fd = sec;
	if (spec->handle == SHIM_BYNAME) {
		struct ntsection_open_args o = {
			.name = (unsigned long)spec->name,
			.name_length = strlen(spec->name),
			.access = NTSECTION_SECTION_QUERY |
				  NTSECTION_SECTION_MAP_READ,
			.flags = (flags & O_CLOEXEC) ? 0 :
				 NTSECTION_OPEN_INHERIT,
		};

		fd = ioctl(dev, NTSECTION_IOC_OPEN, &o);
	} else if (spec->handle == SHIM_DUP) {
		struct ntsection_dup_args d = {
			.access = NTSECTION_SECTION_MAP_READ |
				  NTSECTION_SECTION_MAP_EXECUTE,
			.flags = (flags & O_CLOEXEC) ? 0 :
				 NTSECTION_DUP_INHERIT,
		};

		fd = ioctl(sec, NTSECTION_IOC_DUPLICATE, &d);
	}
	if (fd != sec)
		shim_close(sec);
	sec = fd;
out:
	shim_close(dev);
	return sec;
}

/* shim_create(), logged to $NTSECTION_FUZZ_LOG. */
static int shim_section(const struct shim_spec *spec, int flags)
{
	const char *path = getenv("NTSECTION_FUZZ_LOG");
	int fd = shim_create(spec, flags), saved = errno, log;

	if (path) {
		log = next_open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
				0644);
		if (log >= 0) {
			dprintf(log, "%s %d\n", spec->name + strlen("trinity."),
				fd < 0 ? -saved : fd);
			close(log);
		}
	}
	errno = saved;
	return fd;
}

static int shim_openat(int (*next)(int, const char *, int, ...), int dirfd,
		       const char *path, int flags, mode_t mode)
{
	struct shim_spec spec;

	if ((dirfd == AT_FDCWD || (path && path[0] == '/')) &&
	    !shim_parse(path, &spec))
		return shim_section(&spec, flags);
	return next(dirfd, path, flags, mode);
}

static mode_t shim_mode(int flags, va_list ap)
{
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		return va_arg(ap, mode_t);
	return 0;
}

SHIM_EXPORT int open(const char *path, int flags, ...)
{
	struct shim_spec spec;
	va_list ap;
	mode_t mode;

	shim_init();
	va_start(ap, flags);
	mode = shim_mode(flags, ap);
	va_end(ap);
	if (!shim_parse(path, &spec))
		return shim_section(&spec, flags);
	return next_open(path, flags, mode);
}

SHIM_EXPORT int open64(const char *path, int flags, ...)
{
	struct shim_spec spec;
	va_list ap;
	mode_t mode;

	shim_init();
	va_start(ap, flags);
	mode = shim_mode(flags, ap);
	va_end(ap);
	if (!shim_parse(path, &spec))
		return shim_section(&spec, flags);
	return next_open64(path, flags, mode);
}

SHIM_EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	shim_init();
	va_start(ap, flags);
	mode = shim_mode(flags, ap);
	va_end(ap);
	return shim_openat(next_openat, dirfd, path, flags, mode);
}

SHIM_EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	shim_init();
	va_start(ap, flags);
	mode = shim_mode(flags, ap);
	va_end(ap);
	return shim_openat(next_openat64, dirfd, path, flags, mode);
}

/* fopen(3) of a victim: fdopen(3) of its handle, as the handle allows. */
static FILE *shim_fopen(FILE *(*next)(const char *, const char *),
			const char *path, const char *mode)
{
	struct shim_spec spec;
	FILE *f;
	int fd;

	if (shim_parse(path, &spec))
		return next(path, mode);
	fd = shim_section(&spec, strchr(mode, 'e') ? O_CLOEXEC : 0);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR ? "r+" : "r");
	if (!f)
		shim_close(fd);
	return f;
}

SHIM_EXPORT FILE *fopen(const char *path, const char *mode)
{
	shim_init();
	return shim_fopen(next_fopen, path, mode);
}

SHIM_EXPORT FILE *fopen64(const char *path, const char *mode)
{
	shim_init();
	return shim_fopen(next_fopen64, path, mode);
}

/* Is @fd open on /dev/zero (char device 1:5)? */
static int shim_is_zero(int fd)
{
	struct stat st;

	return fd >= 0 && !fstat(fd, &st) && S_ISCHR(st.st_mode) &&
	       st.st_rdev == makedev(1, 5);
}

/*
 * A shared anonymous mapping that names a /dev/zero fd (trinity's initial
 * mappings): a view of a new pagefile section instead.
 */
static void *shim_view(void *addr, size_t len, int prot, int flags)
{
	static unsigned int count;
	struct ntsection_create_args c;
	int dev, sec, saved;
	void *view;

	dev = shim_dev();
	if (dev < 0)
		return MAP_FAILED;
	memset(&c, 0, sizeof(c));
	c.size = len;
	c.protect = count++ % 3 == 2 ? NTSECTION_PAGE_EXECUTE_READWRITE :
				       NTSECTION_PAGE_READWRITE;
	c.attributes = NTSECTION_SEC_COMMIT;
	c.file_fd = -1;
	c.access = NTSECTION_SECTION_ALL_ACCESS;
	sec = ioctl(dev, NTSECTION_IOC_CREATE, &c);
	shim_close(dev);
	if (sec < 0)
		return MAP_FAILED;
	view = next_mmap(addr, len, prot, flags & ~MAP_ANONYMOUS, sec, 0);
	saved = errno;
	close(sec);
	errno = saved;
	return view;
}

static int shim_wants_view(int flags, int fd)
{
	return (flags & MAP_ANONYMOUS) &&
	       (flags & MAP_TYPE) == MAP_SHARED && shim_is_zero(fd);
}

SHIM_EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd,
		       off_t off)
{
	shim_init();
	if (shim_wants_view(flags, fd))
		return shim_view(addr, len, prot, flags);
	return next_mmap(addr, len, prot, flags, fd, off);
}

SHIM_EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd,
			 off64_t off)
{
	shim_init();
	if (shim_wants_view(flags, fd))
		return shim_view(addr, len, prot, flags);
	return next_mmap64(addr, len, prot, flags, fd, off);
}
