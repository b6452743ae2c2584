// SPDX-License-Identifier: GPL-2.0
/*
 * nsfuzz-ops.c - the operations of nsfuzz and the invariants checked
 * after each of them.
 *
 * A worker (one thread) owns a table of handles, views and files.  Each
 * step picks one weighted operation: an ioctl of the module's, with
 * well-formed or malformed arguments placed in ordinary, NULL, unmapped,
 * no-access, read-only or page-straddling memory; an mm operation on a
 * view (mmap, munmap, mprotect, mremap, madvise, msync, remap_file_pages,
 * a touch under a fault handler); a fork whose child does a few steps; a
 * child in a new IPC or user namespace; or a file-table change.  After it:
 *   - an ioctl's errno is one its UAPI documentation lists (nsf_errs);
 *   - malformed arguments (pad, reserved, unknown bits, bad names,
 *     unreadable or unwritable structures) never succeed;
 *   - an ioctl on the wrong kind of fd, or an unknown one, gives ENOTTY;
 *   - a view never gets more than its handle's rights and its section's
 *     protection allow: mmap, mprotect, VIEW_QUERY's max_prot,
 *     /proc/self/maps and a write through it say so, also after mremap
 *     and remap_file_pages;
 *   - files that may not back a section are refused with ENODEV (EBADF
 *     for O_PATH), a write-only fd with EACCES;
 *   - uid 1000 opens root's named sections exactly as their mode says,
 *     and never changes their owner, also as root of a user namespace;
 *   - a new IPC namespace sees none of its parent's names.
 * A violation prints the seed, the worker, the invariant and the
 * worker's last NSF_RING operations, and ends the worker with status 3.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nsfuzz.h"

#ifndef MFD_HUGETLB
#define MFD_HUGETLB		0x0004U
#endif
#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE	0x0010
#endif
#ifndef SYS_memfd_secret
#define SYS_memfd_secret	447
#endif
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP	4
#endif

#define ALL_ACCESS	NTSECTION_SECTION_ALL_ACCESS
#define MAP_R		NTSECTION_SECTION_MAP_READ
#define MAP_W		NTSECTION_SECTION_MAP_WRITE
#define MAP_X		NTSECTION_SECTION_MAP_EXECUTE

enum nsf_op {
	OP_CREATE, OP_CREATE_FILE, OP_CREATE_REFUSED, OP_OPEN, OP_DUP,
	OP_QUERY, OP_HINFO, OP_SETOWNER, OP_EXTEND, OP_VQUERY, OP_FLUSH,
	OP_COMMIT, OP_WRONGFD, OP_UNRELATED, OP_MMAP, OP_MUNMAP, OP_MPROTECT,
	OP_MREMAP, OP_MADVISE, OP_MSYNC, OP_RFP, OP_PROBE, OP_FORK, OP_NSCHILD,
	OP_CLOSE, OP_DUPFD, OP_NEWFILE, OP_TRUNCATE, OP_LISTING, OP_MAPS,
	OP_ROOTNAME, OP_CHECKVIEW, OP_NR
};

static const char *const nsf_op_names[OP_NR] = {
	"create", "create-file", "create-refused", "open", "duplicate",
	"query", "handle-info", "set-owner", "extend", "view-query", "flush",
	"commit", "wrong-fd", "unrelated-fd", "mmap", "munmap", "mprotect",
	"mremap", "madvise", "msync", "remap_file_pages", "touch", "fork",
	"ns-child", "close", "dup", "new-file", "ftruncate", "listing",
	"maps", "root-name", "check-view",
};

/* Relative weights of the operations. */
static const unsigned int nsf_weight[OP_NR] = {
	[OP_CREATE] = 10, [OP_CREATE_FILE] = 8, [OP_CREATE_REFUSED] = 3,
	[OP_OPEN] = 6, [OP_DUP] = 5, [OP_QUERY] = 4, [OP_HINFO] = 3,
	[OP_SETOWNER] = 3, [OP_EXTEND] = 4, [OP_VQUERY] = 5, [OP_FLUSH] = 3,
	[OP_COMMIT] = 4, [OP_WRONGFD] = 3, [OP_UNRELATED] = 2, [OP_MMAP] = 12,
	[OP_MUNMAP] = 5, [OP_MPROTECT] = 6, [OP_MREMAP] = 4, [OP_MADVISE] = 4,
	[OP_MSYNC] = 2, [OP_RFP] = 2, [OP_PROBE] = 8, [OP_FORK] = 1,
	[OP_NSCHILD] = 1, [OP_CLOSE] = 6, [OP_DUPFD] = 2, [OP_NEWFILE] = 2,
	[OP_TRUNCATE] = 1, [OP_LISTING] = 1, [OP_MAPS] = 2, [OP_ROOTNAME] = 3,
	[OP_CHECKVIEW] = 3,
};

const char *nsf_op_name(unsigned int op)
{
	return op < OP_NR ? nsf_op_names[op] : "?";
}

/* File kinds a section may be asked to use. */
enum nsf_kind {	/* NSF_KINDS at most */
	K_EXT4, K_EXT4_RO, K_EXT4_WO, K_TMPFS, K_MEMFD, K_MEMFD_SEALED,
	K_HUGETLB, K_SECRET, K_PROC, K_DIR, K_PIPE, K_SOCKET, K_OPATH,
	K_DEVNULL, K_NR
};

_Static_assert(K_NR <= NSF_KINDS, "NSF_KINDS is too small");

static const char *const nsf_kind_names[K_NR] = {
	"ext4", "ext4-ro", "ext4-wo", "tmpfs", "memfd", "sealed-memfd",
	"hugetlbfs-memfd", "memfd_secret", "procfs", "directory", "pipe",
	"socket", "O_PATH", "/dev/null",
};

/* The -errno a well-formed unnamed create from a kind must fail with. */
static int nsf_kind_refusal(int kind)
{
	switch (kind) {
	case K_HUGETLB:
	case K_SECRET:
	case K_PROC:
	case K_DIR:
	case K_PIPE:
	case K_SOCKET:
	case K_DEVNULL:
		return -ENODEV;
	case K_OPATH:
		return -EBADF;
	case K_EXT4_WO:
		return -EACCES;
	default:
		return 0;
	}
}

/* The errnos each ioctl documents (uapi/linux/ntsection.h), 0-ended. */
static const int errs_create[] = { EFAULT, EINVAL, ENAMETOOLONG, EBADF,
	ENODEV, EACCES, ENODATA, EFBIG, ENOEXEC, EOPNOTSUPP, EPERM, EEXIST,
	ENOMEM, ENOSPC, EMFILE, ENFILE, ENOTTY, 0 };
static const int errs_dup[] = { EFAULT, EINVAL, EACCES, ENOMEM, EMFILE,
	ENFILE, ENOTTY, 0 };
static const int errs_query[] = { EACCES, EFAULT, ENOTTY, 0 };
static const int errs_vquery[] = { EFAULT, EINVAL, ENXIO, ENOTTY, 0 };
static const int errs_flush[] = { EFAULT, EINVAL, ENXIO, EIO, ENOSPC,
	EDQUOT, ENOTTY, 0 };
static const int errs_open[] = { EFAULT, EINVAL, ENAMETOOLONG, ENOENT,
	EACCES, ENOMEM, EMFILE, ENFILE, ENOTTY, 0 };
static const int errs_owner[] = { EFAULT, EINVAL, EPERM, ENOTTY, 0 };
static const int errs_commit[] = { EFAULT, EINVAL, ENXIO, EACCES, ENOMEM,
	EINTR, ENOTTY, 0 };
static const int errs_extend[] = { EFAULT, EINVAL, EACCES, EFBIG,
	EOPNOTSUPP, ENOMEM, EINTR, ENOTTY, 0 };
static const int errs_hinfo[] = { EFAULT, ENOTTY, 0 };
/* "Growing a file may fail with the filesystem's own error" */
static const int errs_grow[] = { EFBIG, EPERM, ENOSPC, EDQUOT, EIO,
	EINTR, 0 };

static int nsf_in(const int *list, int err)
{
	for (; *list; list++)
		if (*list == err)
			return 1;
	return 0;
}

struct nsf_shared *nsf_sh;
struct nsf_name nsf_names[NSF_NAME_POOL];
int nsf_nnames;
uint64_t nsf_seed;
static unsigned int nsf_overflowuid = 65534;

/* ---- the log ---------------------------------------------------------- */

static struct nsf_logent *nsf_log(struct nsf_worker *w, unsigned int op,
				  long ret, int err, int fd, uint64_t a0,
				  uint64_t a1, uint64_t a2)
{
	struct nsf_logent *e = &w->ring->e[w->ring->n % NSF_RING];

	w->ring->n++;
	e->op = op;
	e->ret = (int32_t)ret;
	e->err = ret < 0 ? err : 0;
	e->fd = fd;
	e->a[0] = a0;
	e->a[1] = a1;
	e->a[2] = a2;
	e->note[0] = 0;
	return e;
}

static __printf(2, 3) void nsf_note(struct nsf_logent *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->note, sizeof(e->note), fmt, ap);
	va_end(ap);
}

void nsf_print_ring(int worker, const struct nsf_ring *ring)
{
	uint64_t i = ring->n > NSF_RING ? ring->n - NSF_RING : 0;

	fprintf(stderr, "# worker %d: last %llu of %llu operations:\n",
		worker, (unsigned long long)(ring->n - i),
		(unsigned long long)ring->n);
	for (; i < ring->n; i++) {
		const struct nsf_logent *e = &ring->e[i % NSF_RING];

		fprintf(stderr,
			"#   %6llu %-16s fd %-4d %#llx %#llx %#llx -> %d%s%s %s\n",
			(unsigned long long)i, nsf_op_name(e->op), e->fd,
			(unsigned long long)e->a[0],
			(unsigned long long)e->a[1],
			(unsigned long long)e->a[2], e->ret,
			e->err ? " " : "", e->err ? strerrorname_np(e->err) : "",
			e->note);
	}
}

/*
 * Count a check of group @g; when it failed, report and end the worker
 * (and the process it belongs to) with status 3.
 */
void nsf_check(struct nsf_worker *w, enum nsf_group g, int ok,
	       const char *fmt, ...)
{
	char what[256];
	va_list ap;

	__atomic_fetch_add(&nsf_sh->checks[g], 1, __ATOMIC_RELAXED);
	if (ok)
		return;
	__atomic_fetch_add(&nsf_sh->fails[g], 1, __ATOMIC_RELAXED);
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (!__atomic_exchange_n(&nsf_sh->failed, 1, __ATOMIC_SEQ_CST)) {
		nsf_sh->fail.worker = w->idx;
		snprintf(nsf_sh->fail.what, sizeof(nsf_sh->fail.what), "%s",
			 what);
	}
	nsf_sh->stop = 1;
	fprintf(stderr, "# FAILURE: seed %#llx worker %d%s (uid %d): %s\n",
		(unsigned long long)nsf_seed, w->idx,
		w->child ? " (forked child)" : "", (int)geteuid(), what);
	nsf_print_ring(w->idx, w->ring);
	fflush(stderr);
	_exit(3);
}

/* ---- deliberate faults ------------------------------------------------ */

/*
 * The probe's state is volatile as sigsetjmp(3) asks of what changes
 * between it and the siglongjmp() of the handler.
 */
static __thread sigjmp_buf nsf_probe_env;
static __thread volatile int nsf_in_probe;

static void nsf_fault(int sig)
{
	if (nsf_in_probe)
		siglongjmp(nsf_probe_env, sig);
	/* not a probe: die of it, so the parent sees the signal */
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Touch @p (store @v when @write): 0, or the signal it raised. */
static int nsf_touch(volatile char *p, int write, char v)
{
	volatile int sig;

	sig = sigsetjmp(nsf_probe_env, 1);
	if (!sig) {
		nsf_in_probe = 1;
		if (write)
			*p = v;
		else
			(void)*p;
	}
	nsf_in_probe = 0;
	return sig;
}

/* ---- names -------------------------------------------------------------- */

static void nsf_add_name(const char *bytes, uint32_t len, int bad, int root,
			 uint32_t mode)
{
	struct nsf_name *n = &nsf_names[nsf_nnames++];

	memcpy(n->bytes, bytes, len);
	n->len = len;
	n->bad = bad;
	n->root = root;
	n->mode = mode;
}

/*
 * The pool of names every worker draws from, and the final check opens:
 * plain ones, with Local\ and Global\ prefixes (the same names), the
 * longest, non-UTF-8 bytes and separators; bad ones (empty, too long, a
 * NUL inside: UTF-16 text has them); root-owned ones whose mode is in
 * their name.
 */
void nsf_names_init(void)
{
	static const uint32_t modes[] = { 0600, 0640, 0644, 0604, 0606, 0660,
					  0666, 0700, 0601, 0602 };
	char buf[300];
	unsigned int i;

	for (i = 0; i < 10; i++) {
		snprintf(buf, sizeof(buf), "%snsf-%u",
			 i % 3 == 1 ? "Local\\" : i % 3 == 2 ? "Global\\" : "",
			 i % 6);
		nsf_add_name(buf, strlen(buf), 0, 0, 0);
	}
	memset(buf, 'n', sizeof(buf));
	nsf_add_name(buf, NTSECTION_NAME_MAX, 0, 0, 0);
	memcpy(buf, "Global\\", 7);
	nsf_add_name(buf, 7 + NTSECTION_NAME_MAX, 0, 0, 0);
	memset(buf, 'n', sizeof(buf));
	nsf_add_name(buf, NTSECTION_NAME_MAX + 1, 1, 0, 0);
	memcpy(buf, "Local\\", 6);
	nsf_add_name(buf, 6 + NTSECTION_NAME_MAX + 1, 1, 0, 0);
	nsf_add_name("\xff\xfe\xc0\x80nsf", 7, 0, 0, 0);	/* not UTF-8 */
	nsf_add_name("\xed\xa0\x80nsf", 6, 0, 0, 0);	/* a surrogate */
	nsf_add_name("nsf\\a/b\\", 8, 0, 0, 0);
	nsf_add_name("/", 1, 0, 0, 0);
	nsf_add_name("Local\\Global\\nsf", 16, 0, 0, 0);
	nsf_add_name("", 0, 1, 0, 0);
	nsf_add_name("Local\\", 6, 1, 0, 0);
	nsf_add_name("Global\\", 7, 1, 0, 0);
	nsf_add_name("n\0s\0f\0", 6, 1, 0, 0);		/* UTF-16LE */
	nsf_add_name("\x00\xd8n\0", 4, 1, 0, 0);	/* lone surrogate */
	nsf_add_name("nsf\0x", 5, 1, 0, 0);
	for (i = 0; i < NSF_ARRAY_SIZE(modes); i++) {
		snprintf(buf, sizeof(buf), "%snsf-root-%04o",
			 i % 2 ? "Local\\" : "", modes[i]);
		nsf_add_name(buf, strlen(buf), 0, 1, modes[i]);
	}
}

/* OPEN of @n with @access; the fd or -1 with errno. */
int nsf_open_name(int dev, const struct nsf_name *n, uint32_t access)
{
	struct ntsection_open_args a;

	memset(&a, 0, sizeof(a));
	a.name = (unsigned long)n->bytes;
	a.name_length = n->len;
	a.access = access;
	return ioctl(dev, NTSECTION_IOC_OPEN, &a);
}

/* ---- argument placement ------------------------------------------------ */

enum { P_OK, P_NULL, P_UNMAPPED, P_NOACCESS, P_RO, P_STRADDLE, P_KERNEL,
       P_NR };
static const char *const nsf_place_names[P_NR] = {
	"ok", "NULL", "unmapped", "no-access", "read-only", "straddling",
	"kernel",
};

/*
 * An address that is never mapped: below mmap_min_addr, and no worker maps
 * at a fixed address other than one of its views'.
 */
#define NSF_UNMAPPED	0x1000UL

static int nsf_pick_place(struct nsf_worker *w)
{
	return nsf_one_in(w, 8) ? 1 + (int)nsf_below(w, P_NR - 1) : P_OK;
}

/*
 * Where an ioctl's @size-byte argument @buf goes for @place: @buf itself,
 * an unmapped address, or the worker's area: page 0 read-write, 1 no
 * access, 2 read-only, 3 no access; a straddling one starts in page 0 and
 * ends in page 1.  The no-access pages are mapped PROT_NONE rather than
 * unmapped, so that no other thread's mapping can be placed there between
 * the choice of a place and the ioctl.
 */
static void *nsf_place(struct nsf_worker *w, int place, void *buf,
		       size_t size)
{
	char *ro = w->area + 2 * w->pg;

	switch (place) {
	case P_NULL:
		return NULL;
	case P_UNMAPPED:
		return (void *)(NSF_UNMAPPED + nsf_below(w, 64));
	case P_NOACCESS:
		return w->area + w->pg + nsf_below(w, 64);
	case P_RO:
		w->syscalls += 2;
		mprotect(ro, w->pg, PROT_READ | PROT_WRITE);
		memcpy(ro, buf, size);
		mprotect(ro, w->pg, PROT_READ);
		return ro;
	case P_STRADDLE:
		{;
		size_t in = 1 + nsf_below(w, size - 1);
		char *p = w->area + w->pg - in;

		memcpy(p, buf, in);
		return p;
	}
	case P_KERNEL:
		return (void *)0xffff888000000000UL;
	default:
		return buf;
	}
}

static int nsf_readable(int place)
{
	return place == P_OK || place == P_RO;
}

/* ---- tables -------------------------------------------------------------- */

static void nsf_close(struct nsf_worker *w, int fd)
{
	w->syscalls++;
	close(fd);
}

static struct nsf_handle *nsf_pick_handle(struct nsf_worker *w)
{
	int i, start = (int)nsf_below(w, NSF_HANDLES);

	for (i = 0; i < NSF_HANDLES; i++) {
		struct nsf_handle *h = &w->h[(start + i) % NSF_HANDLES];

		if (h->fd >= 0)
			return h;
	}
	return NULL;
}

static struct nsf_view *nsf_pick_view(struct nsf_worker *w)
{
	int i, start = (int)nsf_below(w, NSF_VIEWS);

	for (i = 0; i < NSF_VIEWS; i++) {
		struct nsf_view *v = &w->v[(start + i) % NSF_VIEWS];

		if (v->addr)
			return v;
	}
	return NULL;
}

static struct nsf_view *nsf_free_view(struct nsf_worker *w)
{
	int i;

	for (i = 0; i < NSF_VIEWS; i++)
		if (!w->v[i].addr)
			return &w->v[i];
	return NULL;
}

static void nsf_drop_view(struct nsf_worker *w, struct nsf_view *v)
{
	w->syscalls++;
	munmap(v->addr, v->len);
	v->addr = NULL;
}

/* What views through a handle with @access to a @protect section may do. */
static uint32_t nsf_rights(uint32_t access, uint32_t protect)
{
	uint32_t r = access & MAP_R;

	if ((access & MAP_W) && (protect == NTSECTION_PAGE_READWRITE ||
				 protect == NTSECTION_PAGE_EXECUTE_READWRITE))
		r |= MAP_W;
	if ((access & MAP_X) && (protect == NTSECTION_PAGE_EXECUTE_READ ||
				 protect == NTSECTION_PAGE_EXECUTE_READWRITE ||
				 protect == NTSECTION_PAGE_EXECUTE_WRITECOPY))
		r |= MAP_X;
	return r;
}

/*
 * A new handle @fd: learn what it is (HANDLE_INFO), check its access is
 * the one asked for (or within @within), and keep it.
 */
static void nsf_add_handle(struct nsf_worker *w, int fd, uint32_t asked,
			   uint32_t within, int root_name, int mine)
{
	struct ntsection_handle_info hi;
	struct nsf_handle *h = NULL;
	int i;

	memset(&hi, 0xcc, sizeof(hi));
	w->syscalls++;
	if (ioctl(fd, NTSECTION_IOC_HANDLE_INFO, &hi)) {
		nsf_check(w, NSF_G_ERRNO, 0,
			  "HANDLE_INFO on a new handle %d failed: %s", fd,
			  strerrorname_np(errno));
	}
	if (within)
		nsf_check(w, NSF_G_CAP, !(hi.access & ~within),
			  "handle %d has access %#x beyond its source's %#x",
			  fd, hi.access, within);
	else
		nsf_check(w, NSF_G_CAP, hi.access == asked,
			  "handle %d has access %#x, %#x was asked", fd,
			  hi.access, asked);
	nsf_check(w, NSF_G_ERRNO, hi.pad == 0, "HANDLE_INFO pad %#x", hi.pad);
	for (i = 0; i < NSF_HANDLES; i++)
		if (w->h[i].fd < 0) {
			h = &w->h[i];
			break;
		}
	if (!h) {
		h = &w->h[nsf_below(w, NSF_HANDLES)];
		nsf_close(w, h->fd);
	}
	h->fd = fd;
	h->access = hi.access;
	h->protect = hi.protect;
	h->attrs = hi.attributes;
	h->file_backed = hi.attributes & NTSECTION_SEC_FILE;
	h->root_name = root_name;
	h->mine = mine;
}

/* A result that is an fd of a handle nobody expected: keep it anyway. */
static void nsf_keep_fd(struct nsf_worker *w, long fd)
{
	if (fd > 0)
		nsf_add_handle(w, (int)fd, 0, ALL_ACCESS, 0, 0);
}

/* The common checks of an ioctl's result. */
static void nsf_ioctl_result(struct nsf_worker *w, const char *name,
			     long ret, int err, const int *errs,
			     const int *more, int must_fail, const char *why)
{
	if (ret < 0)
		nsf_check(w, NSF_G_ERRNO,
			  nsf_in(errs, err) || (more && nsf_in(more, err)),
			  "%s failed with %s, which it does not document",
			  name, strerrorname_np(err));
	if (must_fail)
		nsf_check(w, NSF_G_MALFORMED, ret < 0,
			  "%s succeeded (%ld) with %s", name, ret, why);
}

/* ---- files --------------------------------------------------------------- */

static int nsf_new_path_file(struct nsf_worker *w, const char *dir,
			     int kind, off_t size)
{
	char path[128];
	int fd, fd2 = -1, mode = kind == K_EXT4_RO ? O_RDONLY :
				 kind == K_EXT4_WO ? O_WRONLY : O_PATH;

	snprintf(path, sizeof(path), "%s/nsf-w%d-%llx", dir, w->idx,
		 (unsigned long long)nsf_rand(&w->rng));
	w->syscalls += 3;
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (ftruncate(fd, size) < 0)
		size = 0;
	if (kind == K_EXT4_RO || kind == K_EXT4_WO || kind == K_OPATH) {
		w->syscalls += 2;
		fd2 = open(path, mode | O_CLOEXEC);
		close(fd);
		fd = fd2;
	}
	unlink(path);
	return fd;
}

static int nsf_new_file(struct nsf_worker *w, int kind)
{
	static const off_t sizes[] = { 0, 1, 4095, 4096, 3 * 4096 + 7,
				       16 * 4096, 64 * 4096 };
	off_t size = sizes[nsf_below(w, NSF_ARRAY_SIZE(sizes))];
	int fd, p[2];

	w->syscalls += 2;
	switch (kind) {
	case K_EXT4:
	case K_EXT4_RO:
	case K_EXT4_WO:
	case K_OPATH:
		return nsf_new_path_file(w, "nsfuzz.d", kind, size);
	case K_TMPFS:
		return nsf_new_path_file(w, "/dev/shm", kind, size);
	case K_MEMFD:
	case K_MEMFD_SEALED:
		fd = memfd_create("nsfuzz", MFD_CLOEXEC |
				  (kind == K_MEMFD_SEALED ? MFD_ALLOW_SEALING : 0));
		if (fd >= 0 && ftruncate(fd, size) < 0)
			return fd;
		if (fd >= 0 && kind == K_MEMFD_SEALED) {
			w->syscalls++;
			fcntl(fd, F_ADD_SEALS, (int)nsf_below(w, 32) &
			      (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE |
			       F_SEAL_FUTURE_WRITE | F_SEAL_SEAL));
		}
		return fd;
	case K_HUGETLB:
		/* unprivileged; no huge page needs to be reserved for this */
		fd = memfd_create("nsfuzz-huge", MFD_CLOEXEC | MFD_HUGETLB);
		if (fd >= 0 && ftruncate(fd, 2 << 20) < 0)
			return fd;
		return fd;
	case K_SECRET:
		fd = syscall(SYS_memfd_secret, O_CLOEXEC);
		if (fd >= 0 && ftruncate(fd, w->pg) < 0)
			return fd;
		return fd;
	case K_PROC:
		return open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	case K_DIR:
		return open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	case K_PIPE:
		if (pipe2(p, O_CLOEXEC))
			return -1;
		close(p[1]);
		return p[0];
	case K_SOCKET:
		return socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	case K_DEVNULL:
		return open("/dev/null", O_RDWR | O_CLOEXEC);
	}
	return -1;
}

static void nsf_replace_file(struct nsf_worker *w, int slot, int kind)
{
	struct nsf_file *f = &w->f[slot];

	if (f->fd >= 0)
		nsf_close(w, f->fd);
	f->kind = kind;
	f->fd = nsf_new_file(w, kind);
	__atomic_fetch_add(f->fd >= 0 ? &nsf_sh->files_made[kind] :
			   &nsf_sh->files_failed[kind], 1, __ATOMIC_RELAXED);
}

/* What the run could not do, so that a pass is not read as more. */
void nsf_report_coverage(void)
{
	int k;

	printf("# files made:");
	for (k = 0; k < K_NR; k++)
		printf(" %s %llu%s", nsf_kind_names[k],
		       (unsigned long long)nsf_sh->files_made[k],
		       k < K_NR - 1 ? "," : "\n");
	for (k = 0; k < K_NR; k++)
		if (!nsf_sh->files_made[k] && nsf_sh->files_failed[k])
			printf("# no %s file could be made: not tried\n",
			       nsf_kind_names[k]);
	printf("# namespace children: %llu IPC, %llu user (%llu refused)\n",
	       (unsigned long long)nsf_sh->ipcns_made,
	       (unsigned long long)nsf_sh->userns_made,
	       (unsigned long long)nsf_sh->userns_refused);
}

/* ---- view checks ----------------------------------------------------------- */

static uint32_t nsf_max_allowed(const struct nsf_view *v)
{
	uint32_t p = PROT_READ;

	if (!v->shared || (v->rights & MAP_W))
		p |= PROT_WRITE;
	if (v->rights & MAP_X)
		p |= PROT_EXEC;
	return p;
}

/* What VIEW_QUERY reports of an address of view @v must fit its cap. */
static void nsf_check_query(struct nsf_worker *w, const struct nsf_view *v,
			    const struct ntsection_view_query_args *q)
{
	uint32_t allowed = nsf_max_allowed(v);

	nsf_check(w, NSF_G_CAP, !(q->max_prot & ~allowed),
		  "view %p (%s, rights %#x) has max_prot %#x beyond %#x",
		  v->addr, v->shared ? "shared" : "private", v->rights,
		  q->max_prot, allowed);
	nsf_check(w, NSF_G_CAP, !(q->prot & ~q->max_prot),
		  "view %p: prot %#x beyond max_prot %#x", v->addr, q->prot,
		  q->max_prot);
	nsf_check(w, NSF_G_CAP, q->view_flags == (v->shared ?
			NTSECTION_VIEW_SHARED : NTSECTION_VIEW_COPY_ON_WRITE),
		  "view %p: view_flags %#x", v->addr, q->view_flags);
	nsf_check(w, NSF_G_ERRNO, !q->pad2 && !q->pad3 && !q->section.pad &&
		  !q->section.reserved && !q->section.access,
		  "VIEW_QUERY of %p: padding or access not zero", v->addr);
}

static void nsf_check_view(struct nsf_worker *w, const struct nsf_view *v,
			   const char *after)
{
	struct ntsection_view_query_args q;
	char *addr = v->addr + (nsf_below(w, v->len) & ~(w->pg - 1));
	long ret;

	memset(&q, 0xcc, sizeof(q));
	q.address = (unsigned long)addr;
	q.flags = 0;
	q.pad = 0;
	w->syscalls++;
	ret = ioctl(w->dev, NTSECTION_IOC_VIEW_QUERY, &q);
	nsf_check(w, NSF_G_CAP, ret == 0,
		  "VIEW_QUERY of %p in view %p+%#zx (after %s): %s", addr,
		  v->addr, v->len, after, strerrorname_np(errno));
	nsf_check_query(w, v, &q);
}

/* /proc/self/maps of every view: no w or x beyond its cap, s or p right. */
static void nsf_check_maps(struct nsf_worker *w, const char *after)
{
	static __thread char buf[1 << 16];
	char *line, *save;
	ssize_t n, got = 0;
	int fd, i;

	w->syscalls++;
	fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	do {
		w->syscalls++;
		n = read(fd, buf + got, sizeof(buf) - 1 - got);
		if (n > 0)
			got += n;
	} while (n > 0 && got < (ssize_t)sizeof(buf) - 1);
	nsf_close(w, fd);
	buf[got] = 0;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long start, end;
		char perms[5];

		if (sscanf(line, "%lx-%lx %4s", &start, &end, perms) != 3)
			continue;
		for (i = 0; i < NSF_VIEWS; i++) {
			const struct nsf_view *v = &w->v[i];
			unsigned long vs = (unsigned long)v->addr;
			uint32_t allowed = nsf_max_allowed(v);

			if (!v->addr || end <= vs || start >= vs + v->len)
				continue;
			nsf_check(w, NSF_G_CAP,
				  (perms[1] != 'w' || (allowed & PROT_WRITE)) &&
				  (perms[2] != 'x' || (allowed & PROT_EXEC)) &&
				  perms[3] == (v->shared ? 's' : 'p'),
				  "maps after %s: %s for view %p+%#zx with rights %#x (%s)",
				  after, line, v->addr, v->len, v->rights,
				  v->shared ? "shared" : "private");
		}
	}
}

/* ---- the ioctls -------------------------------------------------------------- */

static uint64_t nsf_size(struct nsf_worker *w)
{
	const uint64_t pg = w->pg;
	const uint64_t sizes[] = { pg, 2 * pg, 4 * pg, 16 * pg, 1, pg - 1,
		pg + 1, 0, 64 * pg, 2 << 20, 1ULL << 40, (uint64_t)-1,
		(uint64_t)-pg, 1ULL << 63, (1ULL << 63) - 1 };

	if (nsf_one_in(w, 3))
		return sizes[nsf_below(w, 4)];
	return sizes[nsf_below(w, NSF_ARRAY_SIZE(sizes))];
}

static uint32_t nsf_protect(struct nsf_worker *w, int *bad)
{
	static const uint32_t good[] = { NTSECTION_PAGE_READONLY,
		NTSECTION_PAGE_READWRITE, NTSECTION_PAGE_WRITECOPY,
		NTSECTION_PAGE_EXECUTE_READ, NTSECTION_PAGE_EXECUTE_READWRITE,
		NTSECTION_PAGE_EXECUTE_WRITECOPY };
	static const uint32_t badp[] = { 0, NTSECTION_PAGE_NOACCESS,
		NTSECTION_PAGE_EXECUTE, 0x06, 0x100, 0xffffffff };

	if (nsf_one_in(w, 12)) {
		*bad = 1;
		return badp[nsf_below(w, NSF_ARRAY_SIZE(badp))];
	}
	if (nsf_one_in(w, 2))
		return NTSECTION_PAGE_READWRITE;
	return good[nsf_below(w, NSF_ARRAY_SIZE(good))];
}

static uint32_t nsf_attrs(struct nsf_worker *w, int *bad)
{
	static const uint32_t any[] = { NTSECTION_SEC_NOCACHE |
		NTSECTION_SEC_COMMIT, NTSECTION_SEC_WRITECOMBINE |
		NTSECTION_SEC_RESERVE, NTSECTION_SEC_LARGE_PAGES |
		NTSECTION_SEC_COMMIT, NTSECTION_SEC_IMAGE, NTSECTION_SEC_FILE,
		NTSECTION_SEC_RESERVE | NTSECTION_SEC_COMMIT,
		NTSECTION_SEC_NOCACHE, NTSECTION_SEC_LARGE_PAGES };

	switch (nsf_below(w, 10)) {
	case 0:
	case 1:
	case 2:
		return 0;
	case 3:
	case 4:
		return NTSECTION_SEC_COMMIT;
	case 5:
	case 6:
	case 7:
		return NTSECTION_SEC_RESERVE;
	case 8:
		return any[nsf_below(w, NSF_ARRAY_SIZE(any))];
	default:
		*bad = nsf_one_in(w, 2);
		return *bad ? 1U << nsf_below(w, 23) : 0;
	}
}

static uint32_t nsf_access(struct nsf_worker *w, int *bad)
{
	if (nsf_one_in(w, 16)) {
		*bad = 1;
		return 0x20U << nsf_below(w, 27) | (uint32_t)nsf_below(w, 32);
	}
	if (nsf_one_in(w, 3))
		return ALL_ACCESS;
	return (uint32_t)nsf_below(w, 32);
}

/* A name of the pool (not a root-owned one unless @root_ok). */
static const struct nsf_name *nsf_pick_name(struct nsf_worker *w, int root_ok)
{
	const struct nsf_name *n;

	do
		n = &nsf_names[nsf_below(w, nsf_nnames)];
	while (n->root && !root_ok);
	return n;
}

/*
 * Place @n's bytes: in the area's read-write page, in the read-only one,
 * running into the no-access page, at an unmapped or a no-access address,
 * or NULL.  *@readable says whether the kernel can read them.
 */
static uint64_t nsf_place_name(struct nsf_worker *w, const struct nsf_name *n,
			       int avoid_straddle, int *readable)
{
	char *ro = w->area + 2 * w->pg;
	unsigned int how = (unsigned int)nsf_below(w, 16);

	*readable = 1;
	switch (how) {
	case 0:
		*readable = !n->len;
		return 0;
	case 1:
		*readable = 0;
		return (unsigned long)(w->area + w->pg);
	case 4:
		*readable = 0;
		return NSF_UNMAPPED;
	case 2:
		if (avoid_straddle || !n->len)
			break;
		*readable = 0;
		memcpy(w->area + w->pg - n->len + 1, n->bytes, n->len - 1);
		return (unsigned long)(w->area + w->pg - n->len + 1);
	case 3:
		w->syscalls += 2;
		mprotect(ro, w->pg, PROT_READ | PROT_WRITE);
		memcpy(ro + w->pg - n->len, n->bytes, n->len);
		mprotect(ro, w->pg, PROT_READ);
		return (unsigned long)(ro + w->pg - n->len);
	}
	memcpy(w->area + 512, n->bytes, n->len);
	return (unsigned long)(w->area + 512);
}

/*
 * OPEN or CREATE of a root-owned name by uid 1000: succeeds exactly when
 * the mode's other bits grant the access (root's section, group 0).
 */
static void nsf_check_root_open(struct nsf_worker *w, const struct nsf_name *n,
				uint32_t access, long ret, int err)
{
	uint32_t need = 0, granted = n->mode & 07;

	if (w->root || !n->root || (ret < 0 && err != EACCES))
		return;
	if (access & (NTSECTION_SECTION_QUERY | MAP_R))
		need |= 04;
	if (access & (MAP_W | NTSECTION_SECTION_EXTEND_SIZE))
		need |= 02;
	if (access & MAP_X)
		need |= 01;
	if (!access)
		need = 010;	/* never granted */
	nsf_check(w, NSF_G_PERM, (ret >= 0) == !(need & ~granted),
		  "uid %d %s root's section '%.*s' (mode %04o) with access %#x",
		  (int)geteuid(), ret >= 0 ? "opened" : "was refused",
		  (int)n->len, n->bytes, n->mode, access);
}

static void nsf_op_create(struct nsf_worker *w, int op)
{
	struct ntsection_create_args a, *arg;
	const struct nsf_name *n = NULL;
	int bad = 0, abad = 0, place, name_ok = 1, slot = -1, refusal = 0;
	const char *why = "malformed arguments";
	struct nsf_logent *e;
	long ret;
	int err;

	memset(&a, 0, sizeof(a));
	a.size = nsf_size(w);
	a.protect = nsf_protect(w, &bad);
	a.attributes = nsf_attrs(w, &abad);
	a.access = nsf_access(w, &bad);
	a.file_fd = -1;
	if (op != OP_CREATE) {
		slot = (int)nsf_below(w, NSF_FILES);
		if (op == OP_CREATE_REFUSED) {
			int kind = K_HUGETLB + (int)nsf_below(w, K_NR - K_HUGETLB);

			if (w->f[slot].kind != kind || nsf_one_in(w, 4))
				nsf_replace_file(w, slot, kind);
			if (nsf_one_in(w, 6))
				nsf_replace_file(w, slot, K_EXT4_WO);
		}
		a.file_fd = w->f[slot].fd;
		if (a.file_fd < 0 && op == OP_CREATE_REFUSED)
			return;	/* this kernel has no such file */
		if (nsf_one_in(w, 4))
			a.size = 0;
		if (a.attributes & ~NTSECTION_SEC_RESERVE)
			a.attributes = abad = 0;
	}
	bad |= abad;
	if (nsf_one_in(w, 3)) {
		a.flags = (uint32_t)nsf_below(w, 8);
		if (a.flags & NTSECTION_CREATE_MODE)
			a.mode = (uint32_t)nsf_below(w, 01000);
	}
	if (nsf_one_in(w, 20)) {
		bad = 1;
		switch (nsf_below(w, 6)) {
		case 0:
			a.flags |= 8U << nsf_below(w, 28);
			break;
		case 1:
			a.mode |= 01000U << nsf_below(w, 20);
			break;
		case 2:
			a.existed = 1;
			break;
		case 3:
			a.reserved[nsf_below(w, 2)] = 1;
			break;
		case 4:
			a.file_fd = -2 - (int)nsf_below(w, 100);
			break;
		default:
			a.mode = 0644;
			a.flags &= ~NTSECTION_CREATE_MODE;
		}
	}
	/* named: never a root-owned name (those keep the mode they say) */
	if (op == OP_CREATE && nsf_one_in(w, 2))
		n = nsf_pick_name(w, 0);
	place = nsf_pick_place(w);
	if (op == OP_CREATE_REFUSED && nsf_one_in(w, 2)) {
		/* well-formed and unnamed: nothing but the file can fail */
		bad = 0;
		n = NULL;
		place = P_OK;
		memset(&a.flags, 0, sizeof(a) - offsetof(struct ntsection_create_args, flags));
		a.size = nsf_one_in(w, 2) ? w->pg : 0;
		a.protect = NTSECTION_PAGE_READONLY;
		a.attributes = 0;
		a.access = (uint32_t)nsf_below(w, 32);
		a.file_fd = w->f[slot].fd;
		refusal = -nsf_kind_refusal(w->f[slot].kind);
	}
	if (n) {
		a.name = nsf_place_name(w, n, place == P_STRADDLE, &name_ok);
		a.name_length = n->len;
		/* no pointer and no length is no name: well-formed */
		if ((n->bad || !name_ok) && (a.name || a.name_length))
			bad = 1;
	}
	arg = nsf_place(w, place, &a, sizeof(a));
	if (!nsf_readable(place)) {
		bad = 1;
		why = "an unreadable argument";
	}
	w->syscalls++;
	ret = ioctl(w->dev, NTSECTION_IOC_CREATE, arg);
	err = errno;
	e = nsf_log(w, op, ret, err, a.file_fd, a.size, a.protect, a.attributes);
	nsf_note(e, "acc %#x fl %#x %s %s%.8s", a.access, a.flags,
		 nsf_place_names[place],
		 slot >= 0 ? nsf_kind_names[w->f[slot].kind] : "",
		 n ? n->bytes : "");
	nsf_ioctl_result(w, "CREATE", ret, err, errs_create,
			 a.file_fd >= 0 ? errs_grow : NULL, bad, why);
	if (refusal)
		nsf_check(w, NSF_G_REFUSED, ret < 0 && (err == refusal ||
			  err == ENOMEM || err == ENOSPC || err == EMFILE ||
			  err == ENFILE),
			  "CREATE from a %s file: %ld (%s), not %s",
			  nsf_kind_names[w->f[slot].kind], ret,
			  ret < 0 ? strerrorname_np(err) : "success",
			  strerrorname_np(refusal));
	if (ret >= 0)
		nsf_add_handle(w, (int)ret, a.access, 0, 0, 1);
}

/* A root worker makes a root-owned section of a root name, mode as named. */
static void nsf_op_rootname(struct nsf_worker *w)
{
	const struct nsf_name *n;
	struct ntsection_create_args a;
	long ret;

	if (!w->root)
		return;
	do {
		n = &nsf_names[nsf_below(w, nsf_nnames)];
	} while (!n->root);
	memset(&a, 0, sizeof(a));
	a.size = (1 + nsf_below(w, 4)) * w->pg;
	a.protect = NTSECTION_PAGE_READWRITE;
	a.file_fd = -1;
	a.access = ALL_ACCESS;
	a.flags = NTSECTION_CREATE_MODE;
	a.mode = n->mode;
	a.name = (unsigned long)n->bytes;
	a.name_length = n->len;
	w->syscalls++;
	ret = ioctl(w->dev, NTSECTION_IOC_CREATE, &a);
	nsf_log(w, OP_ROOTNAME, ret, errno, -1, a.size, n->mode, a.existed);
	nsf_ioctl_result(w, "CREATE", ret, errno, errs_create, NULL, 0, NULL);
	if (ret >= 0)
		nsf_add_handle(w, (int)ret, a.access, 0, 1, 1);
}

static void nsf_op_open(struct nsf_worker *w)
{
	const struct nsf_name *n = nsf_pick_name(w, 1);
	struct ntsection_open_args a, *arg;
	int bad = n->bad, place = nsf_pick_place(w), name_ok;
	struct nsf_logent *e;
	long ret;
	int err;

	memset(&a, 0, sizeof(a));
	a.access = nsf_access(w, &bad);
	if (nsf_one_in(w, 4))
		a.flags = NTSECTION_OPEN_INHERIT;
	if (nsf_one_in(w, 16)) {
		bad = 1;
		switch (nsf_below(w, 3)) {
		case 0:
			a.flags |= 2U << nsf_below(w, 30);
			break;
		case 1:
			a.pad = 1;
			break;
		default:
			a.reserved[nsf_below(w, 2)] = 1ULL << 63;
		}
	}
	a.name = nsf_place_name(w, n, place == P_STRADDLE, &name_ok);
	a.name_length = n->len;
	if (!name_ok || !n->len)
		bad = 1;
	arg = nsf_place(w, place, &a, sizeof(a));
	if (!nsf_readable(place))
		bad = 1;
	w->syscalls++;
	ret = ioctl(w->dev, NTSECTION_IOC_OPEN, arg);
	err = errno;
	e = nsf_log(w, OP_OPEN, ret, err, w->dev, a.access, a.flags,
		    n->len);
	nsf_note(e, "'%.12s' %s", n->bytes, nsf_place_names[place]);
	nsf_ioctl_result(w, "OPEN", ret, err, errs_open, NULL, bad,
			 "malformed arguments or name");
	if (!bad)
		nsf_check_root_open(w, n, a.access, ret, err);
	if (ret >= 0)
		nsf_add_handle(w, (int)ret, a.access, 0, n->root,
			       0);
}

static void nsf_op_dup(struct nsf_worker *w)
{
	struct nsf_handle *h = nsf_pick_handle(w);
	struct ntsection_dup_args a, *arg;
	int bad = 0, place = nsf_pick_place(w);
	uint32_t want;
	long ret;
	int err;

	if (!h)
		return;
	memset(&a, 0, sizeof(a));
	switch (nsf_below(w, 4)) {
	case 0:
		a.flags = NTSECTION_DUP_SAME_ACCESS;
		break;
	case 1:
		a.access = (uint32_t)nsf_below(w, 32);	/* maybe wider */
		break;
	default:
		a.access = h->access & (uint32_t)nsf_rand(&w->rng);
	}
	if (nsf_one_in(w, 3))
		a.flags |= NTSECTION_DUP_INHERIT;
	if (nsf_one_in(w, 16)) {
		bad = 1;
		switch (nsf_below(w, 4)) {
		case 0:
			a.flags |= 4U << nsf_below(w, 29);
			break;
		case 1:
			a.reserved = 1;
			break;
		case 2:
			a.access |= 0x20U << nsf_below(w, 27);
			break;
		default:
			a.flags |= NTSECTION_DUP_SAME_ACCESS;
			a.access |= 1 + (uint32_t)nsf_below(w, 31);
		}
	}
	want = a.flags & NTSECTION_DUP_SAME_ACCESS ? h->access : a.access;
	arg = nsf_place(w, place, &a, sizeof(a));
	if (!nsf_readable(place))
		bad = 1;
	w->syscalls++;
	ret = ioctl(h->fd, NTSECTION_IOC_DUPLICATE, arg);
	err = errno;
	nsf_log(w, OP_DUP, ret, err, h->fd, a.access, a.flags, h->access);
	nsf_ioctl_result(w, "DUPLICATE", ret, err, errs_dup, NULL, bad,
			 "malformed arguments");
	if (!bad && (want & ~h->access))
		nsf_check(w, NSF_G_CAP, ret < 0 && err == EACCES,
			  "DUPLICATE of a %#x handle to %#x: %ld %s", h->access,
			  want, ret, ret < 0 ? strerrorname_np(err) : "");
	if (ret >= 0)
		nsf_add_handle(w, (int)ret, want, h->access, h->root_name, 0);
}

static void nsf_op_query(struct nsf_worker *w, int handle_info)
{
	struct nsf_handle *h = nsf_pick_handle(w);
	union {
		struct ntsection_info i;
		struct ntsection_handle_info hi;
	} u, *arg;
	int place = nsf_pick_place(w), must_fail;
	long ret;
	int err;

	if (!h)
		return;
	memset(&u, 0xa5, sizeof(u));
	arg = nsf_place(w, place, &u, handle_info ? sizeof(u.hi) :
			sizeof(u.i));
	must_fail = place != P_OK;	/* outputs: must be writable */
	w->syscalls++;
	ret = ioctl(h->fd, handle_info ? NTSECTION_IOC_HANDLE_INFO :
		    NTSECTION_IOC_QUERY, arg);
	err = errno;
	nsf_log(w, handle_info ? OP_HINFO : OP_QUERY, ret, err, h->fd,
		h->access, place, 0);
	nsf_ioctl_result(w, handle_info ? "HANDLE_INFO" : "QUERY", ret, err,
			 handle_info ? errs_hinfo : errs_query, NULL, must_fail,
			 "an unwritable argument");
	if (!handle_info && !(h->access & NTSECTION_SECTION_QUERY))
		nsf_check(w, NSF_G_CAP, ret < 0 && err == EACCES,
			  "QUERY without SECTION_QUERY (access %#x): %ld %s",
			  h->access, ret, ret < 0 ? strerrorname_np(err) : "");
	if (ret || place != P_OK)
		return;
	if (handle_info)
		nsf_check(w, NSF_G_ERRNO, u.hi.access == h->access &&
			  !u.hi.pad && u.hi.protect == h->protect,
			  "HANDLE_INFO says access %#x protect %#x pad %#x",
			  u.hi.access, u.hi.protect, u.hi.pad);
	else
		nsf_check(w, NSF_G_ERRNO, u.i.access == h->access &&
			  !u.i.pad && !u.i.reserved &&
			  u.i.protect == h->protect,
			  "QUERY says access %#x protect %#x pad %#x reserved %#llx",
			  u.i.access, u.i.protect, u.i.pad,
			  (unsigned long long)u.i.reserved);
}

static void nsf_op_setowner(struct nsf_worker *w)
{
	static const uint32_t ids[] = { 0, NSF_USER, 65534, 4294967295U,
					1001, 12345 };
	struct nsf_handle *h = nsf_pick_handle(w);
	struct ntsection_owner_args a, *arg;
	int bad = 0, place = nsf_pick_place(w);
	long ret;
	int err;

	/* root keeps its root-owned sections as their names say */
	if (!h || (w->root && h->root_name))
		return;
	memset(&a, 0, sizeof(a));
	a.flags = (uint32_t)nsf_below(w, 8);
	if (a.flags & NTSECTION_SET_UID)
		a.uid = ids[nsf_below(w, 6)];
	if (a.flags & NTSECTION_SET_GID)
		a.gid = ids[nsf_below(w, 6)];
	if (a.flags & NTSECTION_SET_MODE)
		a.mode = (uint32_t)nsf_below(w, 01000);
	if (nsf_one_in(w, 12)) {
		bad = 1;
		switch (nsf_below(w, 4)) {
		case 0:
			a.flags |= 8U << nsf_below(w, 28);
			break;
		case 1:
			a.pad = 1ULL << nsf_below(w, 64);
			break;
		case 2:
			a.mode |= 01000;
			a.flags |= NTSECTION_SET_MODE;
			break;
		default:
			a.flags &= ~NTSECTION_SET_UID;
			a.uid = 1;
		}
	}
	/* an unmapped uid (-1) is EINVAL too */
	if ((a.flags & NTSECTION_SET_UID && a.uid == 4294967295U) ||
	    (a.flags & NTSECTION_SET_GID && a.gid == 4294967295U))
		bad = 1;
	arg = nsf_place(w, place, &a, sizeof(a));
	if (!nsf_readable(place))
		bad = 1;
	w->syscalls++;
	ret = ioctl(h->fd, NTSECTION_IOC_SET_OWNER, arg);
	err = errno;
	nsf_log(w, OP_SETOWNER, ret, err, h->fd, a.flags, a.uid, a.mode);
	nsf_ioctl_result(w, "SET_OWNER", ret, err, errs_owner, NULL, bad,
			 "malformed arguments");
	if (h->root_name)
		nsf_check(w, NSF_G_PERM, ret < 0,
			  "uid %d changed the owner of root's section",
			  (int)geteuid());
}

static void nsf_op_extend(struct nsf_worker *w)
{
	struct nsf_handle *h = nsf_pick_handle(w);
	struct ntsection_extend_args a, *arg;
	int bad = 0, place = nsf_pick_place(w);
	long ret;
	int err;

	if (!h)
		return;
	memset(&a, 0, sizeof(a));
	a.size = nsf_one_in(w, 4) ? nsf_size(w) :
		 (1 + nsf_below(w, 64)) * w->pg + nsf_below(w, 2);
	if (nsf_one_in(w, 16)) {
		bad = 1;
		if (nsf_one_in(w, 2))
			a.flags = 1U << nsf_below(w, 32);
		else
			a.pad = 1;
	}
	arg = nsf_place(w, place, &a, sizeof(a));
	if (place != P_OK)
		bad = 1;	/* read and written */
	w->syscalls++;
	ret = ioctl(h->fd, NTSECTION_IOC_EXTEND, arg);
	err = errno;
	nsf_log(w, OP_EXTEND, ret, err, h->fd, a.size, h->access, place);
	nsf_ioctl_result(w, "EXTEND", ret, err, errs_extend,
			 h->file_backed ? errs_grow : NULL, bad,
			 "malformed or unwritable arguments");
	if (!(h->access & NTSECTION_SECTION_EXTEND_SIZE) && nsf_readable(place))
		nsf_check(w, NSF_G_CAP, ret < 0,
			  "EXTEND without SECTION_EXTEND_SIZE succeeded");
}

/* An address to give VIEW_QUERY, FLUSH or COMMIT; *@v its view, if any. */
static uint64_t nsf_addr(struct nsf_worker *w, struct nsf_view **vp)
{
	struct nsf_view *v = nsf_pick_view(w);

	*vp = NULL;
	if (v && !nsf_one_in(w, 6)) {
		*vp = v;
		return (unsigned long)v->addr + (nsf_below(w, v->len) &
				~(nsf_one_in(w, 4) ? 0 : w->pg - 1));
	}
	switch (nsf_below(w, 5)) {
	case 0:
		return 0;
	case 1:
		return (unsigned long)w->area;
	case 2:
		return 0xffff888000000000ULL;
	case 3:
		return (uint64_t)-1;
	default:
		return (uint64_t)nsf_rand(&w->rng);
	}
}

static void nsf_op_vquery(struct nsf_worker *w)
{
	struct ntsection_view_query_args a, *arg;
	int bad = 0, place = nsf_pick_place(w);
	struct nsf_view *v;
	long ret;
	int err;

	memset(&a, 0x5a, sizeof(a));
	a.address = nsf_addr(w, &v);
	a.flags = 0;
	a.pad = 0;
	if (nsf_one_in(w, 16)) {
		bad = 1;
		if (nsf_one_in(w, 2))
			a.flags = 1U << nsf_below(w, 32);
		else
			a.pad = 1U << nsf_below(w, 32);
	}
	arg = nsf_place(w, place, &a, sizeof(a));
	if (place != P_OK)
		bad = 1;
	w->syscalls++;
	ret = ioctl(w->dev, NTSECTION_IOC_VIEW_QUERY, arg);
	err = errno;
	nsf_log(w, OP_VQUERY, ret, err, w->dev, a.address, a.flags, place);
	nsf_ioctl_result(w, "VIEW_QUERY", ret, err, errs_vquery, NULL, bad,
			 "malformed or unwritable arguments");
	if (!bad && v) {
		nsf_check(w, NSF_G_CAP, ret == 0,
			  "VIEW_QUERY of view %p+%#zx at %#llx: %s", v->addr,
			  v->len, (unsigned long long)a.address,
			  strerrorname_np(err));
		nsf_check_query(w, v, &a);
	}
}

static void nsf_op_flush_commit(struct nsf_worker *w, int commit)
{
	union {
		struct ntsection_flush_args f;
		struct ntsection_commit_args c;
	} u, *arg;
	int bad = 0, place = nsf_pick_place(w);
	uint64_t addr, len;
	struct nsf_view *v;
	long ret;
	int err;

	memset(&u, 0, sizeof(u));
	addr = nsf_addr(w, &v);
	switch (nsf_below(w, 6)) {
	case 0:
		len = 0;
		break;
	case 1:
		len = (uint64_t)-1;
		break;
	case 2:
		len = nsf_below(w, 3 * w->pg);
		break;
	case 3:
		len = v ? (unsigned long)v->addr + v->len - addr :
			(uint64_t)w->pg;
		break;
	default:
		len = (1 + nsf_below(w, 4)) * w->pg;
	}
	if (commit) {
		u.c.address = addr;
		u.c.length = len;
		u.c.committed = nsf_rand(&w->rng);
	} else {
		u.f.address = addr;
		u.f.length = len;
	}
	if (nsf_one_in(w, 16)) {
		bad = 1;
		if (commit)
			u.c.pad = 1;
		else
			u.f.flags = 1U << nsf_below(w, 32);
	}
	arg = nsf_place(w, place, &u, commit ? sizeof(u.c) : sizeof(u.f));
	if (!nsf_readable(place) || (commit && place != P_OK))
		bad = 1;
	w->syscalls++;
	ret = ioctl(w->dev, commit ? NTSECTION_IOC_COMMIT : NTSECTION_IOC_FLUSH,
		    arg);
	err = errno;
	nsf_log(w, commit ? OP_COMMIT : OP_FLUSH, ret, err, w->dev, addr, len,
		place);
	nsf_ioctl_result(w, commit ? "COMMIT" : "FLUSH", ret, err,
			 commit ? errs_commit : errs_flush, NULL, bad,
			 "malformed or unusable arguments");
	if (commit && !ret && !bad)
		nsf_check(w, NSF_G_ERRNO, u.c.committed <= len,
			  "COMMIT of %#llx bytes committed %#llx",
			  (unsigned long long)len,
			  (unsigned long long)u.c.committed);
}

/* The module's ioctls on the wrong fd, and numbers it does not know. */
static void nsf_op_wrongfd(struct nsf_worker *w)
{
	static const unsigned long dev_cmds[] = { NTSECTION_IOC_CREATE,
		NTSECTION_IOC_OPEN, NTSECTION_IOC_VIEW_QUERY,
		NTSECTION_IOC_FLUSH, NTSECTION_IOC_COMMIT };
	static const unsigned long h_cmds[] = { NTSECTION_IOC_DUPLICATE,
		NTSECTION_IOC_QUERY, NTSECTION_IOC_SET_OWNER,
		NTSECTION_IOC_EXTEND, NTSECTION_IOC_HANDLE_INFO };
	struct nsf_handle *h = nsf_pick_handle(w);
	static __thread char buf[512];
	unsigned long cmd;
	long ret;
	int fd, err;

	memset(buf, 0, sizeof(buf));
	switch (nsf_below(w, 4)) {
	case 0:
		fd = w->dev;
		cmd = h_cmds[nsf_below(w, 5)];
		break;
	case 1:
		if (!h)
			return;
		fd = h->fd;
		cmd = dev_cmds[nsf_below(w, 5)];
		break;
	case 2:
		/* an unknown number, or a known one of another size or way */
		fd = h && nsf_one_in(w, 2) ? h->fd : w->dev;
		if (nsf_one_in(w, 2))
			cmd = _IOC(nsf_below(w, 4), NTSECTION_IOC_MAGIC,
				   0x0a + nsf_below(w, 0xf6),
				   nsf_below(w, 512));
		else
			cmd = _IOC(nsf_below(w, 4), NTSECTION_IOC_MAGIC,
				   nsf_below(w, 10), 1 + nsf_below(w, 511));
		if ((fd == w->dev && (cmd == dev_cmds[0] || cmd == dev_cmds[1] ||
		     cmd == dev_cmds[2] || cmd == dev_cmds[3] ||
		     cmd == dev_cmds[4])) ||
		    (fd != w->dev && (cmd == h_cmds[0] || cmd == h_cmds[1] ||
		     cmd == h_cmds[2] || cmd == h_cmds[3] || cmd == h_cmds[4])))
			return;
		break;
	default:
		/* a closed or impossible fd */
		fd = nsf_one_in(w, 2) ? -1 : 1000 + (int)nsf_below(w, 1000);
		cmd = nsf_one_in(w, 2) ? dev_cmds[nsf_below(w, 5)] :
					 h_cmds[nsf_below(w, 5)];
		w->syscalls++;
		ret = ioctl(fd, cmd, buf);
		nsf_log(w, OP_WRONGFD, ret, errno, fd, cmd, 0, 0);
		nsf_check(w, NSF_G_WRONG_FD, ret < 0 && errno == EBADF,
			  "ioctl %#lx on closed fd %d: %ld %s", cmd, fd, ret,
			  strerrorname_np(errno));
		return;
	}
	w->syscalls++;
	ret = ioctl(fd, cmd, buf);
	err = errno;
	nsf_log(w, OP_WRONGFD, ret, err, fd, cmd, fd == w->dev, 0);
	nsf_check(w, NSF_G_WRONG_FD, ret < 0 && err == ENOTTY,
		  "ioctl %#lx on the %s: %ld %s", cmd,
		  fd == w->dev ? "device" : "handle", ret,
		  ret < 0 ? strerrorname_np(err) : "");
	nsf_keep_fd(w, ret);
}

/* The module's ioctls on files that are not its own: whatever they say. */
static void nsf_op_unrelated(struct nsf_worker *w)
{
	static const unsigned long cmds[] = { NTSECTION_IOC_CREATE,
		NTSECTION_IOC_DUPLICATE, NTSECTION_IOC_QUERY,
		NTSECTION_IOC_VIEW_QUERY, NTSECTION_IOC_FLUSH,
		NTSECTION_IOC_OPEN, NTSECTION_IOC_SET_OWNER,
		NTSECTION_IOC_COMMIT, NTSECTION_IOC_EXTEND,
		NTSECTION_IOC_HANDLE_INFO };
	struct nsf_file *f = &w->f[nsf_below(w, NSF_FILES)];
	static __thread char buf[512];
	unsigned long cmd = cmds[nsf_below(w, 10)];
	long ret;

	if (f->fd < 0)
		return;
	memset(buf, 0, sizeof(buf));
	w->syscalls++;
	ret = ioctl(f->fd, cmd, buf);
	nsf_log(w, OP_UNRELATED, ret, errno, f->fd, cmd, f->kind, 0);
}

/* ---- views ----------------------------------------------------------------- */

static void nsf_op_mmap(struct nsf_worker *w)
{
	static const int prots[] = { PROT_READ, PROT_READ | PROT_WRITE,
		PROT_READ | PROT_EXEC, PROT_READ | PROT_WRITE | PROT_EXEC,
		PROT_NONE, PROT_WRITE, PROT_EXEC };
	struct nsf_handle *h = nsf_pick_handle(w);
	struct nsf_view *v, *old = NULL;
	int prot, flags, shared;
	uint32_t rights;
	size_t len;
	off_t off;
	void *p, *hint = NULL;

	if (!h)
		return;
	v = nsf_free_view(w);
	if (!v)
		nsf_drop_view(w, v = &w->v[nsf_below(w, NSF_VIEWS)]);
	prot = prots[nsf_below(w, 7)];
	shared = !nsf_one_in(w, 3);
	flags = shared ? MAP_SHARED : MAP_PRIVATE;
	switch (nsf_below(w, 8)) {
	case 0:
		len = 0;
		break;
	case 1:
		len = 64 * w->pg;
		break;
	case 2:
		len = (1 + nsf_below(w, 1024)) * w->pg;
		break;
	default:
		len = (1 + nsf_below(w, 4)) * w->pg;
	}
	off = nsf_one_in(w, 3) ? (off_t)(nsf_below(w, 8) * w->pg) : 0;
	if (nsf_one_in(w, 16))
		off += 1 + nsf_below(w, 4095);
	if (len <= 16 * (size_t)w->pg && nsf_one_in(w, 4))
		flags |= MAP_POPULATE;
	old = nsf_one_in(w, 10) ? nsf_pick_view(w) : NULL;
	if (old && old != v && len <= old->len) {
		flags |= MAP_FIXED;
		hint = old->addr;
	} else {
		old = NULL;
	}
	w->syscalls++;
	p = mmap(hint, len, prot, flags, h->fd, off);
	nsf_log(w, OP_MMAP, p == MAP_FAILED ? -1 : 0, errno, h->fd,
		(unsigned long)p, len, (uint64_t)off << 16 | prot << 8 | flags);
	if (old) {
		/* replaced (or, on failure, maybe unmapped): forget that part */
		if (len == old->len) {
			old->addr = NULL;
		} else {
			old->addr += len;
			old->len -= len;
		}
	}
	if (p == MAP_FAILED)
		return;
	rights = nsf_rights(h->access, h->protect);
	if (shared && (prot & PROT_WRITE))
		nsf_check(w, NSF_G_CAP, rights & MAP_W,
			  "shared writable view of a handle with access %#x to a %#x section",
			  h->access, h->protect);
	else
		nsf_check(w, NSF_G_CAP, rights & MAP_R,
			  "view of a handle without SECTION_MAP_READ (%#x)",
			  h->access);
	if (prot & PROT_EXEC)
		nsf_check(w, NSF_G_CAP, rights & MAP_X,
			  "executable view of a handle with access %#x to a %#x section",
			  h->access, h->protect);
	v->addr = p;
	v->len = len;
	v->rights = rights;
	v->shared = shared;
	v->reserve = !!(h->attrs & NTSECTION_SEC_RESERVE);
	v->file_backed = h->file_backed;
	nsf_check_view(w, v, "mmap");
}

/*
 * Page @at of view @v is gone (munmap, or a MAP_FIXED remap that failed
 * after the core had unmapped the range): trim or split the view.
 */
static void nsf_forget_page(struct nsf_worker *w, struct nsf_view *v,
			    size_t at)
{
	size_t pages = v->len / w->pg;
	struct nsf_view *rest;

	if (pages == 1) {
		v->addr = NULL;
	} else if (at == 0) {
		v->addr += w->pg;
		v->len -= w->pg;
	} else if (at == pages - 1) {
		v->len -= w->pg;
	} else if (nsf_free_view(w)) {
		rest = nsf_free_view(w);
		*rest = *v;
		rest->addr = v->addr + (at + 1) * w->pg;
		rest->len = v->len - (at + 1) * w->pg;
		v->len = at * w->pg;
	} else {
		v->len = at * w->pg;	/* the rest is left to exit */
	}
}

static void nsf_op_munmap(struct nsf_worker *w)
{
	struct nsf_view *v = nsf_pick_view(w);
	size_t pages, at;
	long ret;

	if (!v)
		return;
	pages = v->len / w->pg;
	if (pages < 3 || nsf_one_in(w, 2)) {
		nsf_log(w, OP_MUNMAP, 0, 0, -1, (unsigned long)v->addr,
			v->len, 0);
		nsf_drop_view(w, v);
		return;
	}
	/* one page: the first, the last, or one in the middle */
	at = nsf_below(w, pages);
	w->syscalls++;
	ret = munmap(v->addr + at * w->pg, w->pg);
	nsf_log(w, OP_MUNMAP, ret, errno, -1, (unsigned long)v->addr, v->len,
		at);
	if (!ret)
		nsf_forget_page(w, v, at);
}

static void nsf_op_mprotect(struct nsf_worker *w)
{
	static const int prots[] = { PROT_NONE, PROT_READ, PROT_WRITE,
		PROT_READ | PROT_WRITE, PROT_EXEC, PROT_READ | PROT_EXEC,
		PROT_READ | PROT_WRITE | PROT_EXEC };
	struct nsf_view *v = nsf_pick_view(w);
	int prot = prots[nsf_below(w, 7)];
	size_t off = 0, len;
	long ret;

	if (!v)
		return;
	len = v->len;
	if (nsf_one_in(w, 2)) {
		off = nsf_below(w, v->len / w->pg) * w->pg;
		len = w->pg;
	}
	w->syscalls++;
	ret = mprotect(v->addr + off, len, prot);
	nsf_log(w, OP_MPROTECT, ret, errno, -1, (unsigned long)v->addr + off,
		len, prot);
	if (ret)
		return;
	if (v->shared && (prot & PROT_WRITE))
		nsf_check(w, NSF_G_CAP, v->rights & MAP_W,
			  "mprotect(PROT_WRITE) of a shared view with rights %#x",
			  v->rights);
	if (prot & PROT_EXEC)
		nsf_check(w, NSF_G_CAP, v->rights & MAP_X,
			  "mprotect(PROT_EXEC) of a view with rights %#x",
			  v->rights);
}

static void nsf_op_mremap(struct nsf_worker *w)
{
	struct nsf_view *v = nsf_pick_view(w), *nv;
	size_t nlen;
	void *p, *dst = NULL;
	int flags = MREMAP_MAYMOVE, how = (int)nsf_below(w, 4);

	if (!v)
		return;
	nlen = v->len;
	switch (how) {
	case 0:		/* shrink */
		if (v->len > (size_t)w->pg)
			nlen = v->len - w->pg;
		flags = 0;
		break;
	case 1:		/* grow, maybe moving */
		nlen = v->len + (1 + nsf_below(w, 4)) * w->pg;
		break;
	case 2:		/* move to a chosen place */
		w->syscalls++;
		dst = mmap(NULL, v->len, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (dst == MAP_FAILED)
			return;
		flags |= MREMAP_FIXED;
		break;
	default:	/* move, leaving the old range mapped */
		flags |= MREMAP_DONTUNMAP;
	}
	w->syscalls++;
	p = mremap(v->addr, v->len, nlen, flags, dst);
	nsf_log(w, OP_MREMAP, p == MAP_FAILED ? -1 : 0, errno, -1,
		(unsigned long)v->addr, nlen, how);
	/*
	 * A failed MREMAP_FIXED has usually unmapped @dst already, and
	 * another thread's mapping may be there by now: leave @dst alone.
	 */
	if (p == MAP_FAILED)
		return;
	nv = how == 3 ? nsf_free_view(w) : NULL;
	if (nv) {
		*nv = *v;	/* the old range stays a view */
		nv->addr = p;
		nsf_check_view(w, nv, "mremap");
	} else {
		if (how == 3) {
			w->syscalls++;
			munmap(p, nlen);	/* no room to track it */
		} else {
			v->addr = p;
			v->len = nlen;
		}
	}
	nsf_check_view(w, v, "mremap");
	nsf_check_maps(w, "mremap");
}

static void nsf_op_madvise(struct nsf_worker *w)
{
	static const int advice[] = { MADV_NORMAL, MADV_RANDOM,
		MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTNEED, MADV_FREE,
		MADV_REMOVE, MADV_DONTFORK, MADV_DOFORK, MADV_MERGEABLE,
		MADV_UNMERGEABLE, MADV_HUGEPAGE, MADV_NOHUGEPAGE,
		MADV_DONTDUMP, MADV_DODUMP, MADV_WIPEONFORK, MADV_KEEPONFORK,
		20 /* COLD */, 21 /* PAGEOUT */, 22 /* POPULATE_READ */,
		23 /* POPULATE_WRITE */, 999 };
	struct nsf_view *v = nsf_pick_view(w);
	int adv = advice[nsf_below(w, NSF_ARRAY_SIZE(advice))];
	size_t off, len;
	long ret;

	if (!v)
		return;
	/* at most 64 pages: populating a huge view would fill the guest */
	off = nsf_below(w, v->len / w->pg) * w->pg;
	len = (1 + nsf_below(w, 64)) * w->pg;
	if (off + len > v->len)
		len = v->len - off;
	if (adv == MADV_DONTFORK)
		off = 0, len = v->len;	/* the whole view, or none */
	if (adv == MADV_DOFORK)
		return;	/* the table cannot tell which parts are back */
	w->syscalls++;
	ret = madvise(v->addr + off, len, adv);
	nsf_log(w, OP_MADVISE, ret, errno, -1, (unsigned long)v->addr + off,
		len, adv);
	if (!ret && adv == MADV_DONTFORK)
		v->reserve |= 2;	/* bit 1: not in a forked child */
}

static void nsf_op_msync(struct nsf_worker *w)
{
	static const int how[] = { MS_ASYNC, MS_SYNC, MS_INVALIDATE,
				   MS_SYNC | MS_INVALIDATE };
	struct nsf_view *v = nsf_pick_view(w);
	long ret;

	if (!v)
		return;
	w->syscalls++;
	ret = msync(v->addr, v->len > 64 * (size_t)w->pg ? 64 * (size_t)w->pg : v->len,
		    how[nsf_below(w, 4)]);
	nsf_log(w, OP_MSYNC, ret, errno, -1, (unsigned long)v->addr, v->len, 0);
}

/* remap_file_pages(2): comes back through the view file's checks. */
static void nsf_op_rfp(struct nsf_worker *w)
{
	struct nsf_view *v = nsf_pick_view(w);
	size_t off;
	long ret, pgoff;

	if (!v)
		return;
	off = nsf_below(w, v->len / w->pg) * w->pg;
	pgoff = (long)nsf_below(w, 8);
	w->syscalls++;
	ret = remap_file_pages(v->addr + off, w->pg, 0, pgoff, 0);
	nsf_log(w, OP_RFP, ret, errno, -1, (unsigned long)v->addr + off,
		pgoff, 0);
	if (ret) {
		/* the core unmaps first: a refused remap leaves a hole */
		nsf_forget_page(w, v, off / w->pg);
		return;
	}
	nsf_check_view(w, v, "remap_file_pages");
	nsf_check_maps(w, "remap_file_pages");
}

/* Touch a view under a fault handler; a write must need the right. */
static void nsf_op_probe(struct nsf_worker *w)
{
	struct nsf_view *v = nsf_pick_view(w);
	int write = nsf_one_in(w, 2), sig;
	char *p;

	if (!v)
		return;
	p = v->addr + nsf_below(w, v->len);
	sig = nsf_touch(p, write, (char)w->idx);
	nsf_log(w, OP_PROBE, sig ? -1 : 0, 0, -1, (unsigned long)p, write,
		sig);
	if (write && !sig && v->shared)
		nsf_check(w, NSF_G_CAP, v->rights & MAP_W,
			  "wrote through shared view %p of rights %#x", p,
			  v->rights);
}

/* ---- processes and namespaces ------------------------------------------------ */

static void nsf_wait_child(struct nsf_worker *w, pid_t pid, const char *what)
{
	int status;

	w->syscalls++;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	nsf_check(w, NSF_G_SIGNAL, !WIFSIGNALED(status),
		  "%s child %d killed by signal %d (%s)", what, (int)pid,
		  WTERMSIG(status), strsignal(WTERMSIG(status)));
	/* status 3: the child reported a failure already */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
		_exit(3);
}

/* A child's last steps: account for its work, leave. */
static void nsf_child_exit(struct nsf_worker *w, uint64_t ops0, uint64_t sc0)
{
	__atomic_fetch_add(&nsf_sh->ops[NSF_MAX_WORKERS - 1], w->ops - ops0,
			   __ATOMIC_RELAXED);
	__atomic_fetch_add(&nsf_sh->syscalls[NSF_MAX_WORKERS - 1],
			   w->syscalls - sc0, __ATOMIC_RELAXED);
	_exit(0);
}

static void nsf_child_steps(struct nsf_worker *w, int n)
{
	int i;

	w->child = 1;
	w->rng ^= 0xc4ceb9fe1a85ec53ULL;
	for (i = 0; i < NSF_VIEWS; i++)
		if (w->v[i].reserve & 2)	/* MADV_DONTFORK */
			w->v[i].addr = NULL;
	for (i = 0; i < n && !nsf_stopped(); i++)
		nsf_worker_step(w);
}

static void nsf_op_fork(struct nsf_worker *w)
{
	uint64_t ops0 = w->ops, sc0 = w->syscalls;
	pid_t pid;

	if (w->child)
		return;
	w->syscalls++;
	pid = fork();
	nsf_log(w, OP_FORK, pid, errno, -1, 0, 0, 0);
	if (pid < 0)
		return;
	if (!pid) {
		nsf_child_steps(w, 1 + (int)nsf_below(w, 12));
		nsf_child_exit(w, ops0, sc0);
	}
	nsf_wait_child(w, pid, "forked");
}

/* In a fresh IPC namespace, no name of the pool exists yet. */
static void nsf_fresh_ipc_checks(struct nsf_worker *w)
{
	const struct nsf_name *n;
	struct ntsection_create_args a;
	long ret;
	int i;

	for (i = 0; i < 4; i++) {
		n = nsf_pick_name(w, 1);
		if (n->bad)
			continue;
		w->syscalls++;
		ret = nsf_open_name(w->dev, n, NTSECTION_SECTION_QUERY);
		nsf_log(w, OP_OPEN, ret, errno, w->dev, n->len, 0, 1);
		nsf_check(w, NSF_G_NAMESPACE, ret < 0 && errno == ENOENT,
			  "OPEN of '%.*s' in a fresh IPC namespace: %ld %s",
			  (int)n->len, n->bytes, ret,
			  ret < 0 ? strerrorname_np(errno) : "");
	}
	n = nsf_pick_name(w, 0);
	if (n->bad)
		return;
	memset(&a, 0, sizeof(a));
	a.size = w->pg;
	a.protect = NTSECTION_PAGE_READWRITE;
	a.file_fd = -1;
	a.access = ALL_ACCESS;
	a.name = (unsigned long)n->bytes;
	a.name_length = n->len;
	w->syscalls++;
	ret = ioctl(w->dev, NTSECTION_IOC_CREATE, &a);
	nsf_log(w, OP_CREATE, ret, errno, -1, a.size, a.existed, 1);
	nsf_ioctl_result(w, "CREATE", ret, errno, errs_create, NULL, 0, NULL);
	if (ret >= 0) {
		nsf_check(w, NSF_G_NAMESPACE, a.existed == 0,
			  "CREATE of '%.*s' in a fresh IPC namespace found one",
			  (int)n->len, n->bytes);
		nsf_add_handle(w, (int)ret, a.access, 0, 0, 1);
	}
}

/*
 * A child in new namespaces.  Root: a new IPC namespace.  uid 1000: a new
 * user namespace (root there, without mapping, and without rights over
 * the init namespace's sections), then a new IPC namespace of its own.
 */
static void nsf_op_nschild(struct nsf_worker *w)
{
	uint64_t ops0 = w->ops, sc0 = w->syscalls;
	pid_t pid;
	int i;

	if (w->child)
		return;
	w->syscalls++;
	pid = fork();
	nsf_log(w, OP_NSCHILD, pid, errno, -1, w->root, 0, 0);
	if (pid < 0)
		return;
	if (pid) {
		nsf_wait_child(w, pid, "namespace");
		return;
	}
	w->child = 1;
	if (!w->root) {
		w->syscalls++;
		if (unshare(CLONE_NEWUSER)) {
			/* not allowed in this kernel or configuration */
			__atomic_fetch_add(&nsf_sh->userns_refused, 1,
					   __ATOMIC_RELAXED);
			nsf_child_exit(w, ops0, sc0);
		}
		__atomic_fetch_add(&nsf_sh->userns_made, 1, __ATOMIC_RELAXED);
		/* still uid 1000 to the module: root's modes still hold */
		for (i = 0; i < 6; i++)
			nsf_op_open(w);
		for (i = 0; i < 4; i++)
			nsf_op_setowner(w);
		nsf_child_steps(w, 4);
		w->child = 1;
	}
	w->syscalls++;
	i = unshare(CLONE_NEWIPC);
	nsf_log(w, OP_NSCHILD, i, errno, -1, CLONE_NEWIPC, 0, 1);
	nsf_check(w, NSF_G_NAMESPACE, i == 0, "unshare(CLONE_NEWIPC): %s",
		  strerrorname_np(errno));
	__atomic_fetch_add(&nsf_sh->ipcns_made, 1, __ATOMIC_RELAXED);
	nsf_fresh_ipc_checks(w);
	nsf_child_steps(w, 8);
	nsf_child_exit(w, ops0, sc0);
}

/* ---- fds, files and the listing ------------------------------------------- */

static void nsf_op_close(struct nsf_worker *w)
{
	struct nsf_handle *h = nsf_pick_handle(w);

	if (!h)
		return;
	nsf_log(w, OP_CLOSE, 0, 0, h->fd, 0, 0, 0);
	nsf_close(w, h->fd);
	h->fd = -1;
}

static void nsf_op_dupfd(struct nsf_worker *w)
{
	struct nsf_handle *h = nsf_pick_handle(w), copy;
	int fd;

	if (!h)
		return;
	copy = *h;
	w->syscalls++;
	fd = fcntl(h->fd, F_DUPFD_CLOEXEC, 0);
	nsf_log(w, OP_DUPFD, fd, errno, h->fd, 0, 0, 0);
	if (fd >= 0)
		nsf_add_handle(w, fd, copy.access, 0, copy.root_name, copy.mine);
}

static void nsf_op_truncate(struct nsf_worker *w)
{
	struct nsf_file *f = &w->f[nsf_below(w, NSF_FILES)];
	off_t size = (off_t)(nsf_below(w, 8) * w->pg + nsf_below(w, 2));
	long ret;

	if (f->fd < 0)
		return;
	w->syscalls++;
	ret = ftruncate(f->fd, size);
	nsf_log(w, OP_TRUNCATE, ret, errno, f->fd, size, f->kind, 0);
}

static void nsf_op_listing(struct nsf_worker *w)
{
	static __thread char buf[4096];
	ssize_t n;
	int fd;

	w->syscalls++;
	fd = open("/proc/ntsection/sections", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	do {
		w->syscalls++;
		n = read(fd, buf, sizeof(buf));
	} while (n > 0);
	nsf_log(w, OP_LISTING, n, errno, fd, 0, 0, 0);
	nsf_close(w, fd);
}

/* ---- the worker ----------------------------------------------------------------- */

static void nsf_install_handlers(void)
{
	static int done;
	struct sigaction sa;

	if (__atomic_exchange_n(&done, 1, __ATOMIC_SEQ_CST))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = nsf_fault;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
}

int nsf_worker_init(struct nsf_worker *w)
{
	FILE *f;
	int i;

	nsf_install_handlers();
	f = fopen("/proc/sys/kernel/overflowuid", "re");
	if (f) {
		if (fscanf(f, "%u", &nsf_overflowuid) != 1)
			nsf_overflowuid = 65534;
		fclose(f);
	}
	w->pg = sysconf(_SC_PAGESIZE);
	w->dev = open("/dev/ntsection", O_RDWR | O_CLOEXEC);
	if (w->dev < 0)
		return -1;
	w->area = mmap(NULL, 4 * w->pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (w->area == MAP_FAILED)
		return -1;
	mprotect(w->area + w->pg, w->pg, PROT_NONE);
	mprotect(w->area + 2 * w->pg, w->pg, PROT_READ);
	mprotect(w->area + 3 * w->pg, w->pg, PROT_NONE);
	for (i = 0; i < NSF_HANDLES; i++)
		w->h[i].fd = -1;
	for (i = 0; i < NSF_FILES; i++) {
		w->f[i].fd = -1;
		nsf_replace_file(w, i, i % K_NR);
	}
	return 0;
}

void nsf_worker_step(struct nsf_worker *w)
{
	unsigned int r, op, total = 0;

	for (op = 0; op < OP_NR; op++)
		total += nsf_weight[op];
	r = (unsigned int)nsf_below(w, total);
	for (op = 0; r >= nsf_weight[op]; op++)
		r -= nsf_weight[op];
	w->ops++;
	switch (op) {
	case OP_CREATE:
	case OP_CREATE_FILE:
	case OP_CREATE_REFUSED:
		nsf_op_create(w, op);
		break;
	case OP_OPEN:
		nsf_op_open(w);
		break;
	case OP_DUP:
		nsf_op_dup(w);
		break;
	case OP_QUERY:
		nsf_op_query(w, 0);
		break;
	case OP_HINFO:
		nsf_op_query(w, 1);
		break;
	case OP_SETOWNER:
		nsf_op_setowner(w);
		break;
	case OP_EXTEND:
		nsf_op_extend(w);
		break;
	case OP_VQUERY:
		nsf_op_vquery(w);
		break;
	case OP_FLUSH:
		nsf_op_flush_commit(w, 0);
		break;
	case OP_COMMIT:
		nsf_op_flush_commit(w, 1);
		break;
	case OP_WRONGFD:
		nsf_op_wrongfd(w);
		break;
	case OP_UNRELATED:
		nsf_op_unrelated(w);
		break;
	case OP_MMAP:
		nsf_op_mmap(w);
		break;
	case OP_MUNMAP:
		nsf_op_munmap(w);
		break;
	case OP_MPROTECT:
		nsf_op_mprotect(w);
		break;
	case OP_MREMAP:
		nsf_op_mremap(w);
		break;
	case OP_MADVISE:
		nsf_op_madvise(w);
		break;
	case OP_MSYNC:
		nsf_op_msync(w);
		break;
	case OP_RFP:
		nsf_op_rfp(w);
		break;
	case OP_PROBE:
		nsf_op_probe(w);
		break;
	case OP_FORK:
		nsf_op_fork(w);
		break;
	case OP_NSCHILD:
		nsf_op_nschild(w);
		break;
	case OP_CLOSE:
		nsf_op_close(w);
		break;
	case OP_DUPFD:
		nsf_op_dupfd(w);
		break;
	case OP_NEWFILE:
		nsf_replace_file(w, (int)nsf_below(w, NSF_FILES),
				 (int)nsf_below(w, K_NR));
		break;
	case OP_TRUNCATE:
		nsf_op_truncate(w);
		break;
	case OP_LISTING:
		nsf_op_listing(w);
		break;
	case OP_MAPS:
		nsf_check_maps(w, "any");
		break;
	case OP_ROOTNAME:
		nsf_op_rootname(w);
		break;
	case OP_CHECKVIEW:
		{;
		struct nsf_view *v = nsf_pick_view(w);

		if (v)
			nsf_check_view(w, v, "any");
		break;
	}
	}
}

/* Unmap and close everything the worker holds. */
void nsf_worker_fini(struct nsf_worker *w)
{
	int i;

	for (i = 0; i < NSF_VIEWS; i++)
		if (w->v[i].addr)
			nsf_drop_view(w, &w->v[i]);
	for (i = 0; i < NSF_HANDLES; i++)
		if (w->h[i].fd >= 0) {
			nsf_close(w, w->h[i].fd);
			w->h[i].fd = -1;
		}
	for (i = 0; i < NSF_FILES; i++)
		if (w->f[i].fd >= 0) {
			nsf_close(w, w->f[i].fd);
			w->f[i].fd = -1;
		}
	nsf_close(w, w->dev);
}
