/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crash_pattern.h - the seeded word pattern of the crash-consistency suite
 * (docs/crash-consistency.md), shared by the selftests (crash.c,
 * crash_memory.c) and the power-cut program (powercut.c).  Needs only
 * libc.
 *
 * A region is an array of 64-bit words.  Word i holds old(seed, i) before a
 * run and new(seed, i) once written; the two always differ and neither is
 * 0, so "old or new, never torn" is checkable word by word.  A writer
 * stores new(seed, i) and then publishes i + 1 in a separate shared
 * counter with a release store: after the writer dies, every word below
 * the published count must be new and every other word old or new.
 *
 * The seed is printed by every scenario and is taken from NTSECTION_SEED
 * when set, so a failing run can be replayed.
 */
#ifndef NTSECTION_CRASH_PATTERN_H
#define NTSECTION_CRASH_PATTERN_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NS_CHUNK_WORDS	(1u << 17)	/* 1 MiB buffers for read(2) checks */

static inline uint64_t ns_mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* A test's own random stream: the run's seed mixed with the test's name. */
static inline uint64_t ns_test_rng(uint64_t seed, const char *name)
{
	for (; *name; name++)
		seed = ns_mix64(seed ^ (uint64_t)*name);
	return seed;
}

static inline uint64_t ns_new_word(uint64_t seed, uint64_t i)
{
	return ns_mix64(seed ^ (i * 0xd6e8feb86659fd93ull)) | 1;
}

static inline uint64_t ns_old_word(uint64_t seed, uint64_t i)
{
	uint64_t o = ns_mix64(~seed ^ (i * 0xd6e8feb86659fd93ull)) | 2;

	return o == ns_new_word(seed, i) ? o ^ 4 : o;
}

/* A small PRNG (splitmix64) for sizes, kill points and per-kill seeds. */
static inline uint64_t ns_rand(uint64_t *state)
{
	*state += 0x9e3779b97f4a7c15ull;
	return ns_mix64(*state);
}

/* uniform in [lo, hi] */
static inline uint64_t ns_rand_range(uint64_t *state, uint64_t lo, uint64_t hi)
{
	return lo + ns_rand(state) % (hi - lo + 1);
}

static inline long ns_env_long(const char *name, long dflt)
{
	const char *v = getenv(name);

	return v && *v ? strtol(v, NULL, 0) : dflt;
}

/* NTSECTION_SEED, or a fresh one from the clock and the pid */
static inline uint64_t ns_base_seed(void)
{
	const char *v = getenv("NTSECTION_SEED");
	struct timespec ts;

	if (v && *v)
		return strtoull(v, NULL, 0);
	clock_gettime(CLOCK_REALTIME, &ts);
	return ns_mix64((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
			(uint64_t)getpid()) % 1000000000ull;
}

/* What a check found. */
struct ns_check {
	uint64_t words;		/* words looked at */
	uint64_t fresh;		/* new words at or past the published count */
	uint64_t bad;		/* words that are wrong */
	uint64_t first_bad;	/* index of the first wrong word */
	uint64_t got, want;	/* its value, and what was expected */
};

/*
 * Old content kinds: NS_OLD_PATTERN (old(seed, i)), NS_OLD_ZERO (a fresh
 * pagefile section).
 */
enum { NS_OLD_PATTERN, NS_OLD_ZERO };

static inline uint64_t ns_old(int kind, uint64_t seed, uint64_t i)
{
	return kind == NS_OLD_ZERO ? 0 : ns_old_word(seed, i);
}

/*
 * Words @first .. @first + @n - 1 of a region, held in @w: below
 * @published they must be new, from it on old or new.  With
 * @published == 0 and @must_be_old, every word must be old (nothing
 * reached the region).
 */
static inline void ns_check_words(struct ns_check *c, const volatile uint64_t *w,
				  uint64_t first, uint64_t n, uint64_t seed,
				  uint64_t published, int old_kind,
				  int must_be_old)
{
	uint64_t k;

	for (k = 0; k < n; k++) {
		uint64_t i = first + k, v = w[k], nw = ns_new_word(seed, i);
		uint64_t ow = ns_old(old_kind, seed, i);
		int ok;

		if (must_be_old)
			ok = v == ow;
		else if (i < published)
			ok = v == nw;
		else
			ok = v == nw || v == ow;
		if (ok && !must_be_old && i >= published && v == nw)
			c->fresh++;
		if (!ok) {
			if (!c->bad) {
				c->first_bad = i;
				c->got = v;
				c->want = must_be_old || i >= published ? ow : nw;
			}
			c->bad++;
		}
	}
	c->words += n;
}

/* The same through pread(2) of @fd; -1 with errno on a read error. */
static inline int ns_check_fd(struct ns_check *c, int fd, uint64_t nwords,
			      uint64_t seed, uint64_t published, int old_kind,
			      int must_be_old)
{
	static uint64_t buf[NS_CHUNK_WORDS];
	uint64_t i, n;
	ssize_t r;

	for (i = 0; i < nwords; i += n) {
		n = nwords - i < NS_CHUNK_WORDS ? nwords - i : NS_CHUNK_WORDS;
		r = pread(fd, buf, n * 8, (off_t)(i * 8));
		if (r != (ssize_t)(n * 8)) {
			if (r >= 0)
				errno = EIO;
			return -1;
		}
		ns_check_words(c, buf, i, n, seed, published, old_kind,
			       must_be_old);
	}
	return 0;
}

/* Fill @fd's first @nwords words with the old pattern; -1 on error. */
static inline int ns_fill_old(int fd, uint64_t nwords, uint64_t seed)
{
	static uint64_t buf[NS_CHUNK_WORDS];
	uint64_t i, k, n;

	for (i = 0; i < nwords; i += n) {
		n = nwords - i < NS_CHUNK_WORDS ? nwords - i : NS_CHUNK_WORDS;
		for (k = 0; k < n; k++)
			buf[k] = ns_old_word(seed, i + k);
		if (pwrite(fd, buf, n * 8, (off_t)(i * 8)) != (ssize_t)(n * 8))
			return -1;
	}
	return 0;
}

/*
 * The writer: words @from .. @to - 1 of @view get the new pattern in
 * order, each published in *@pub after it is stored.  With @stall < @to
 * it stops for good after storing word @stall and before publishing it,
 * so that a kill lands mid-write with a written, unpublished word.
 */
static inline void ns_write_words(volatile uint64_t *view, uint64_t from,
				  uint64_t to, uint64_t seed, uint64_t *pub,
				  uint64_t stall)
{
	uint64_t i;

	for (i = from; i < to; i++) {
		view[i] = ns_new_word(seed, i);
		while (i == stall)
			__atomic_thread_fence(__ATOMIC_SEQ_CST);
		__atomic_store_n(pub, i + 1, __ATOMIC_RELEASE);
	}
}

static inline void ns_print_bad(const char *what, const struct ns_check *c)
{
	if (c->bad)
		fprintf(stderr,
			"# %s: %llu wrong word(s), first at word %llu: %#llx, want %#llx\n",
			what, (unsigned long long)c->bad,
			(unsigned long long)c->first_bad,
			(unsigned long long)c->got, (unsigned long long)c->want);
}

#endif /* NTSECTION_CRASH_PATTERN_H */
