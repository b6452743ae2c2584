/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfuzz.h - what the two halves of nsfuzz share: the run's shared state
 * (counters, check groups, the first failure and every worker's operation
 * ring, in MAP_SHARED memory so the parent can print a dead worker's log),
 * a worker's private state (its PRNG, handles, views and files), and the
 * entry points of nsfuzz-ops.c.
 *
 * nsfuzz.c is the driver: options, workers, final checks and the report.
 * nsfuzz-ops.c holds the operations and the invariants checked after them.
 */
#ifndef NSFUZZ_H
#define NSFUZZ_H

#include <setjmp.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/ntsection.h>

#define NSF_MAX_WORKERS	64
#define NSF_RING	200	/* operations kept per worker */
#define NSF_HANDLES	24
#define NSF_VIEWS	24
#define NSF_FILES	12
#define NSF_USER	1000	/* the unprivileged workers' uid and gid */
#define NSF_NAME_POOL	64
#define NSF_KINDS	16	/* kinds of files, at least K_NR */
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define NSF_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Check groups, one "ok N" line each. */
enum nsf_group {
	NSF_G_ERRNO,		/* every ioctl result is documented */
	NSF_G_MALFORMED,	/* malformed arguments never succeed */
	NSF_G_WRONG_FD,		/* ioctls on the wrong fd kind: ENOTTY */
	NSF_G_CAP,		/* views never exceed their handle's rights */
	NSF_G_REFUSED,		/* file kinds that may not back a section */
	NSF_G_PERM,		/* uid 1000 against root's named sections */
	NSF_G_NAMESPACE,	/* names are per IPC namespace */
	NSF_G_SIGNAL,		/* no worker dies of a signal it did not expect */
	NSF_G_LIVE,		/* live_sections returns to its start */
	NSF_G_NAMES,		/* no name is left behind */
	NSF_G_NR
};

struct nsf_logent {
	uint32_t op;
	int32_t ret;
	int32_t err;
	int32_t fd;
	uint64_t a[3];
	char note[40];
};

struct nsf_ring {
	uint64_t n;	/* operations logged so far */
	struct nsf_logent e[NSF_RING];
};

struct nsf_failure {
	int worker;
	char what[256];
};

struct nsf_shared {
	int stop;	/* read with nsf_stopped() */
	int failed;
	struct nsf_failure fail;
	uint64_t ops[NSF_MAX_WORKERS];
	uint64_t syscalls[NSF_MAX_WORKERS];
	uint64_t checks[NSF_G_NR];
	uint64_t fails[NSF_G_NR];
	uint64_t files_made[NSF_KINDS];		/* per kind of file */
	uint64_t files_failed[NSF_KINDS];	/* e.g. no such filesystem */
	uint64_t userns_made, userns_refused, ipcns_made;
	struct nsf_ring ring[NSF_MAX_WORKERS];
};

/* One name of the pool; bad names may never be created. */
struct nsf_name {
	char bytes[300];
	uint32_t len;
	int bad;	/* empty, too long or with a NUL: must be refused */
	int root;	/* root-owned, mode @mode: uid 1000 only opens it */
	uint32_t mode;
};

struct nsf_handle {
	int fd;
	uint32_t access;
	uint32_t protect;
	uint32_t attrs;		/* as asked at creation */
	int file_backed;
	int root_name;		/* a section of a root-owned name of the pool */
	int mine;		/* created by this worker (it may SET_OWNER) */
};

struct nsf_view {
	char *addr;
	size_t len;
	uint32_t rights;	/* NTSECTION_SECTION_MAP_* the view may have */
	int shared;
	int reserve;
	int file_backed;
};

struct nsf_file {
	int fd;
	int kind;
};

struct nsf_worker {
	int idx;
	int root;		/* stays root */
	int child;		/* a forked child of the worker: no more forks */
	uint64_t rng;
	int dev;
	long pg;
	struct nsf_ring *ring;
	uint64_t ops, syscalls;
	struct nsf_handle h[NSF_HANDLES];
	struct nsf_view v[NSF_VIEWS];
	struct nsf_file f[NSF_FILES];
	char *area;		/* [rw][unmapped][ro][unmapped] pages */
	int verbose;
};

extern struct nsf_shared *nsf_sh;
extern struct nsf_name nsf_names[NSF_NAME_POOL];
extern int nsf_nnames;
extern uint64_t nsf_seed;

/* Has the run been told to stop (a failure, or the parent)? */
static inline int nsf_stopped(void)
{
	return __atomic_load_n(&nsf_sh->stop, __ATOMIC_RELAXED);
}

/* splitmix64 */
static inline uint64_t nsf_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint64_t nsf_below(struct nsf_worker *w, uint64_t n)
{
	return n ? nsf_rand(&w->rng) % n : 0;
}

/* 1 with probability 1/@n */
static inline int nsf_one_in(struct nsf_worker *w, uint64_t n)
{
	return nsf_below(w, n) == 0;
}

void nsf_names_init(void);
int nsf_worker_init(struct nsf_worker *w);
void nsf_worker_step(struct nsf_worker *w);
void nsf_worker_fini(struct nsf_worker *w);
void nsf_check(struct nsf_worker *w, enum nsf_group g, int ok,
	       const char *fmt, ...) __printf(4, 5);
void nsf_print_ring(int worker, const struct nsf_ring *ring);
const char *nsf_op_name(unsigned int op);
int nsf_open_name(int dev, const struct nsf_name *n, uint32_t access);
void nsf_report_coverage(void);

#endif /* NSFUZZ_H */
