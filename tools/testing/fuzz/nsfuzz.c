// SPDX-License-Identifier: GPL-2.0
/*
 * nsfuzz - a structure-aware fuzzer of the ntsection module's interface.
 *
 * Runs as root in a test guest (tools/testing/vm/run), with the scratch
 * disk as its working directory.  It forks --procs worker processes of
 * --threads threads each: every fourth process stays root (it makes
 * root-owned named sections with restrictive modes, among the rest), the
 * others become uid 1000 and attack them.  Each worker draws weighted
 * random operations from a PRNG of its own, derived from the seed and
 * its index, so a run is reproduced by its seed (up to the scheduling of
 * the workers): the module's ioctls with well-formed and malformed
 * arguments, views and every mm call on them, forks, namespaces and many
 * kinds of files (nsfuzz-ops.c).  Invariants are checked after every
 * step; the first violation prints the seed, the worker, the invariant
 * and the worker's last operations, and the run fails.  At the end the
 * live-section count must be back at its start and no name of the run
 * may be left.
 *
 * Output is kselftest's: one "ok N" or "not ok N" line per check group
 * and a "# Totals:" line; exit status 0 when every check passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "live.h"	/* selftests/ntsection: the live-section count */
#include "nsfuzz.h"


struct nsf_opts {
	uint64_t seed;
	int seconds;
	uint64_t ops;
	int procs;
	int threads;
	int verbose;
};

static const char *const nsf_group_names[NSF_G_NR] = {
	[NSF_G_ERRNO] = "every ioctl error is one its UAPI documents",
	[NSF_G_MALFORMED] = "malformed or unusable arguments never succeed",
	[NSF_G_WRONG_FD] = "ioctls on the wrong fd or unknown numbers: ENOTTY, EBADF",
	[NSF_G_CAP] = "views and handles never exceed their rights",
	[NSF_G_REFUSED] = "files that may not back a section are refused",
	[NSF_G_PERM] = "uid 1000 opens root's named sections as their modes say",
	[NSF_G_NAMESPACE] = "a new IPC namespace sees none of its parent's names",
	[NSF_G_SIGNAL] = "no worker dies of a signal it did not expect",
	[NSF_G_LIVE] = "live_sections returns to its start",
	[NSF_G_NAMES] = "no name is left behind",
};

static void nsf_usage(FILE *f)
{
	fprintf(f,
"Usage: nsfuzz [--seed S] [--seconds N] [--ops N] [--procs N] [--threads N]\n"
"              [--verbose]\n"
"\n"
"Fuzz /dev/ntsection: worker processes (every fourth stays root, the rest\n"
"become uid %d) of several threads each run random operations on the\n"
"module's ioctls, handles, views and files, and check invariants after\n"
"every step.  Run as root in a test guest, in a writable directory (the\n"
"scratch disk): files are made in ./nsfuzz.d.\n"
"\n"
"  --seed S      the run's seed (decimal or 0x hex; default: from the clock)\n"
"  --seconds N   stop after N seconds (default 100)\n"
"  --ops N       stop a worker after N operations (default: no limit)\n"
"  --procs N     worker processes (default 4)\n"
"  --threads N   threads per process (default 2; procs * threads <= %d)\n"
"  --verbose     print each worker's counts at the end\n"
"  -h, --help    this text\n"
"\n"
"Output is kselftest's (ok/not ok per check group, a # Totals: line).\n"
"On a failure the seed, the worker, the broken invariant and the worker's\n"
"last %d operations are printed.  Exit status: 0 all checks passed, 1 a\n"
"check failed, 2 usage or set-up error, 4 not root (skipped).\n",
		NSF_USER, NSF_MAX_WORKERS - 1, NSF_RING);
}

static double nsf_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct nsf_thread {
	pthread_t tid;
	struct nsf_worker w;
	const struct nsf_opts *o;
	double deadline;
};

static void *nsf_run_worker(void *arg)
{
	struct nsf_thread *t = arg;
	struct nsf_worker *w = &t->w;

	if (nsf_worker_init(w)) {
		fprintf(stderr, "# worker %d: set-up failed: %s\n", w->idx,
			strerror(errno));
		nsf_sh->stop = 1;
		_exit(2);
	}
	while (!nsf_stopped() && nsf_now() < t->deadline &&
	       (!t->o->ops || w->ops < t->o->ops)) {
		nsf_worker_step(w);
		nsf_sh->ops[w->idx] = w->ops;
		nsf_sh->syscalls[w->idx] = w->syscalls;
	}
	nsf_worker_fini(w);
	nsf_sh->syscalls[w->idx] = w->syscalls;
	return NULL;
}

/* A worker process: its threads, as root or as uid NSF_USER. */
static void nsf_process(const struct nsf_opts *o, int p, double deadline)
{
	struct nsf_thread *t = calloc(o->threads, sizeof(*t));
	int i, root = p % 4 == 0;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (!t)
		_exit(2);
	if (!root && (setgroups(0, NULL) || setresgid(NSF_USER, NSF_USER,
						     NSF_USER) ||
		      setresuid(NSF_USER, NSF_USER, NSF_USER))) {
		fprintf(stderr, "# worker process %d: cannot become uid %d\n",
			p, NSF_USER);
		_exit(2);
	}
	for (i = 0; i < o->threads; i++) {
		struct nsf_worker *w = &t[i].w;

		t[i].o = o;
		t[i].deadline = deadline;
		w->idx = p * o->threads + i;
		w->root = root;
		w->rng = o->seed ^ (0x9e3779b97f4a7c15ULL * (w->idx + 1));
		nsf_rand(&w->rng);
		w->ring = &nsf_sh->ring[w->idx];
		w->verbose = o->verbose;
	}
	for (i = 1; i < o->threads; i++)
		if (pthread_create(&t[i].tid, NULL, nsf_run_worker, &t[i])) {
			fprintf(stderr, "# worker process %d: no thread\n", p);
			_exit(2);
		}
	nsf_run_worker(&t[0]);
	for (i = 1; i < o->threads; i++)
		pthread_join(t[i].tid, NULL);
	_exit(0);
}

static int nsf_parse(int argc, char **argv, struct nsf_opts *o)
{
	static const struct option longopts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "seconds", required_argument, NULL, 'n' },
		{ "ops", required_argument, NULL, 'o' },
		{ "procs", required_argument, NULL, 'p' },
		{ "threads", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct timespec ts;
	int c;

	clock_gettime(CLOCK_REALTIME, &ts);
	o->seed = (uint64_t)ts.tv_sec * 1000000007ULL ^ ts.tv_nsec ^
		  (uint64_t)getpid() << 32;
	o->seconds = 100;
	o->ops = 0;
	o->procs = 4;
	o->threads = 2;
	o->verbose = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			o->seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			o->seconds = atoi(optarg);
			break;
		case 'o':
			o->ops = strtoull(optarg, NULL, 0);
			break;
		case 'p':
			o->procs = atoi(optarg);
			break;
		case 't':
			o->threads = atoi(optarg);
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'h':
			nsf_usage(stdout);
			exit(0);
		default:
			nsf_usage(stderr);
			return -1;
		}
	}
	if (optind != argc || o->seconds <= 0 || o->procs <= 0 ||
	    o->threads <= 0 || o->procs * o->threads > NSF_MAX_WORKERS - 1) {
		nsf_usage(stderr);
		return -1;
	}
	return 0;
}

/* Wait for the workers; a death by signal is a failure of its own. */
static void nsf_reap(pid_t *pids, int procs, const struct nsf_opts *o)
{
	int left = procs, status, i, t;
	pid_t pid;

	while (left) {
		pid = wait(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < procs && pids[i] != pid; i++)
			;
		if (i == procs)
			continue;
		left--;
		pids[i] = 0;
		__atomic_fetch_add(&nsf_sh->checks[NSF_G_SIGNAL], 1,
				   __ATOMIC_RELAXED);
		if (WIFSIGNALED(status)) {
			nsf_sh->fails[NSF_G_SIGNAL]++;
			nsf_sh->stop = 1;
			fprintf(stderr,
				"# FAILURE: seed %#llx worker process %d killed by signal %d (%s)\n",
				(unsigned long long)o->seed, i,
				WTERMSIG(status), strsignal(WTERMSIG(status)));
			if (!nsf_sh->failed) {
				nsf_sh->failed = 1;
				nsf_sh->fail.worker = i * o->threads;
				snprintf(nsf_sh->fail.what,
					 sizeof(nsf_sh->fail.what),
					 "killed by signal %d",
					 WTERMSIG(status));
			}
			for (t = 0; t < o->threads; t++)
				nsf_print_ring(i * o->threads + t,
					       &nsf_sh->ring[i * o->threads + t]);
		} else if (WEXITSTATUS(status) == 3) {
			nsf_sh->stop = 1;	/* reported by the worker */
		} else if (WEXITSTATUS(status)) {
			nsf_sh->stop = 1;
			fprintf(stderr, "# worker process %d exited with %d\n",
				i, WEXITSTATUS(status));
			nsf_sh->failed = 1;
		}
	}
}

/* Every name a worker may have made must be gone with its handles. */
static void nsf_check_names(int dev)
{
	int i, fd;

	for (i = 0; i < nsf_nnames; i++) {
		const struct nsf_name *n = &nsf_names[i];

		if (n->bad)
			continue;
		fd = nsf_open_name(dev, n, NTSECTION_SECTION_QUERY);
		nsf_sh->checks[NSF_G_NAMES]++;
		if (fd < 0 && errno == ENOENT)
			continue;
		nsf_sh->fails[NSF_G_NAMES]++;
		fprintf(stderr,
			"# FAILURE: seed %#llx: name '%.*s' left behind: OPEN gave %d (%s)\n",
			(unsigned long long)nsf_seed, (int)n->len, n->bytes, fd,
			fd < 0 ? strerrorname_np(errno) : "a handle");
		if (fd >= 0)
			close(fd);
	}
}

int main(int argc, char **argv)
{
	struct nsf_opts o;
	uint64_t ops = 0, syscalls = 0;
	int pass = 0, fail = 0, skip = 0, g, i, dev;
	long live0, live = -1;
	double start, deadline;
	pid_t *pids;

	if (nsf_parse(argc, argv, &o))
		return 2;
	nsf_seed = o.seed;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..%d\n", NSF_G_NR);
	printf("# nsfuzz: seed %#llx, %d s, %d processes x %d threads%s\n",
	       (unsigned long long)o.seed, o.seconds, o.procs, o.threads,
	       o.ops ? ", an operation limit per worker" : "");
	if (geteuid() != 0) {
		printf("# nsfuzz needs root (to switch workers to uid %d)\n",
		       NSF_USER);
		for (g = 0; g < NSF_G_NR; g++)
			printf("ok %d # SKIP %s\n", g + 1, nsf_group_names[g]);
		printf("# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:%d error:0\n",
		       NSF_G_NR);
		return 4;
	}
	nsf_sh = mmap(NULL, sizeof(*nsf_sh), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	dev = open("/dev/ntsection", O_RDWR | O_CLOEXEC);
	if (nsf_sh == MAP_FAILED || dev < 0) {
		fprintf(stderr, "nsfuzz: /dev/ntsection: %s\n", strerror(errno));
		return 2;
	}
	if (mkdir("nsfuzz.d", 01777) && errno != EEXIST) {
		fprintf(stderr, "nsfuzz: mkdir nsfuzz.d: %s\n", strerror(errno));
		return 2;
	}
	chmod("nsfuzz.d", 01777);
	nsf_names_init();
	live0 = ns_live();

	pids = calloc(o.procs, sizeof(*pids));
	start = nsf_now();
	deadline = start + o.seconds;
	fflush(NULL);
	for (i = 0; i < o.procs; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			fprintf(stderr, "nsfuzz: fork: %s\n", strerror(errno));
			nsf_sh->stop = 1;
			o.procs = i;
			break;
		}
		if (!pids[i])
			nsf_process(&o, i, deadline);
	}
	nsf_reap(pids, o.procs, &o);

	/* the views of exited workers are gone once wait() has returned */
	if (live0 >= 0) {
		for (i = 0; i < 100; i++) {
			live = ns_live();
			if (live == live0)
				break;
			usleep(50000);
		}
		nsf_sh->checks[NSF_G_LIVE]++;
		if (live != live0) {
			nsf_sh->fails[NSF_G_LIVE]++;
			fprintf(stderr,
				"# FAILURE: seed %#llx: live_sections %ld, %ld at the start\n",
				(unsigned long long)o.seed, live, live0);
		}
	}
	nsf_check_names(dev);
	close(dev);

	for (i = 0; i < NSF_MAX_WORKERS; i++) {
		ops += nsf_sh->ops[i];
		syscalls += nsf_sh->syscalls[i];
		if (o.verbose && nsf_sh->ops[i])
			printf("# worker %d: %llu operations, %llu syscalls\n",
			       i, (unsigned long long)nsf_sh->ops[i],
			       (unsigned long long)nsf_sh->syscalls[i]);
	}
	nsf_report_coverage();
	if (nsf_sh->failed)
		printf("# first failure: worker %d: %s\n", nsf_sh->fail.worker,
		       nsf_sh->fail.what);
	for (g = 0; g < NSF_G_NR; g++) {
		if (nsf_sh->fails[g]) {
			fail++;
			printf("not ok %d %s (%llu of %llu checks failed)\n",
			       g + 1, nsf_group_names[g],
			       (unsigned long long)nsf_sh->fails[g],
			       (unsigned long long)nsf_sh->checks[g]);
		} else if (!nsf_sh->checks[g]) {
			skip++;
			printf("ok %d # SKIP %s (nothing to check)\n", g + 1,
			       nsf_group_names[g]);
		} else {
			pass++;
			printf("ok %d %s (%llu checks)\n", g + 1,
			       nsf_group_names[g],
			       (unsigned long long)nsf_sh->checks[g]);
		}
	}
	/* a worker that failed to set up, or died unaccounted, fails the run */
	if (nsf_sh->failed && !fail)
		fail++;
	printf("# nsfuzz: seed %#llx: %llu operations, %llu syscalls in %.1f s\n",
	       (unsigned long long)o.seed, (unsigned long long)ops,
	       (unsigned long long)syscalls, nsf_now() - start);
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       pass, fail, skip);
	return fail ? 1 : 0;
}
