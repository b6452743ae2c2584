/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tap.h - the few TAP helpers the library tests use.  Each test program
 * prints "ok N - what" / "not ok N - what" lines, and at the end the plan
 * and kselftest's "# Totals:" line, which run.sh adds up.  Exit status:
 * 0 when nothing failed, 1 otherwise, 4 when everything was skipped.
 */
#ifndef NTSECTION_TAP_H
#define NTSECTION_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int tap_n, tap_fail, tap_skip;

static inline void tap_vline(int good, const char *dir, const char *fmt,
			     va_list ap)
{
	printf("%sok %d - ", good ? "" : "not ", ++tap_n);
	vprintf(fmt, ap);
	if (dir)
		printf(" # %s", dir);
	putchar('\n');
	fflush(stdout);
}

__attribute__((format(printf, 2, 3)))
static inline int ok(int good, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vline(good, NULL, fmt, ap);
	va_end(ap);
	if (!good)
		tap_fail++;
	return good;
}

__attribute__((format(printf, 2, 3)))
static inline void skip(const char *why, const char *fmt, ...)
{
	char dir[160];
	va_list ap;

	snprintf(dir, sizeof(dir), "SKIP %s", why);
	va_start(ap, fmt);
	tap_vline(1, dir, fmt, ap);
	va_end(ap);
	tap_skip++;
}

/*
 * A known difference from Windows: reported as TODO (not a failure), and
 * counted with the skips; when it starts to pass, it says so.
 */
__attribute__((format(printf, 3, 4)))
static inline void todo(int good, const char *why, const char *fmt, ...)
{
	char dir[200];
	va_list ap;

	snprintf(dir, sizeof(dir), "TODO %s%s", why, good ? " (passes now)" : "");
	va_start(ap, fmt);
	tap_vline(good, dir, fmt, ap);
	va_end(ap);
	tap_skip++;
}

__attribute__((format(printf, 1, 2)))
static inline void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* A value check that shows both sides when it fails. */
#define is(got, want, ...) ({						\
	long long __g = (long long)(got), __w = (long long)(want);	\
	int __ok = ok(__g == __w, __VA_ARGS__);				\
	if (!__ok)							\
		diag("  got %lld (%#llx), want %lld (%#llx)",		\
		     __g, __g, __w, __w);				\
	__ok;								\
})

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       tap_n - tap_fail - tap_skip, tap_fail, tap_skip);
	fflush(stdout);
	if (tap_fail)
		return 1;
	return tap_n && tap_skip == tap_n ? 4 : 0;
}

#endif /* NTSECTION_TAP_H */
