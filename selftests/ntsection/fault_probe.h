/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fault_probe.h - does touching an address fault?  The one probe of every
 * test program here and of the library's tests (tools/lib/tests): the
 * access runs under a SIGSEGV/SIGBUS handler that jumps back, and the
 * probe returns the signal instead of dying.  Needs only libc.
 */
#ifndef NTSECTION_FAULT_PROBE_H
#define NTSECTION_FAULT_PROBE_H

#include <setjmp.h>
#include <signal.h>
#include <string.h>

static sigjmp_buf ns_probe_env;

static inline void ns_probe_handler(int sig)
{
	siglongjmp(ns_probe_env, sig);
}

/*
 * Read *@p into *@got or, with @write, store @v there: 0, or the signal
 * (SIGSEGV, SIGBUS) the access raised.  The caller's handlers for those
 * signals are restored.
 */
static inline int ns_probe(volatile unsigned char *p, int write,
			   unsigned char v, unsigned char *got)
{
	struct sigaction sa, osegv, obus;
	volatile int sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ns_probe_handler;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, &osegv);
	sigaction(SIGBUS, &sa, &obus);
	sig = sigsetjmp(ns_probe_env, 1);
	if (!sig) {
		if (write)
			*p = v;
		else if (got)
			*got = *p;
		else
			(void)*p;
	}
	sigaction(SIGSEGV, &osegv, NULL);
	sigaction(SIGBUS, &obus, NULL);
	return sig;
}

/* 1 when a read of @p works, 0 when it faults. */
static inline int ns_can_read(volatile void *p)
{
	return !ns_probe(p, 0, 0, NULL);
}

/* 1 when @p can be written (with the byte it holds), 0 when not. */
static inline int ns_can_write(volatile void *p)
{
	unsigned char v;

	return !ns_probe(p, 0, 0, &v) && !ns_probe(p, 1, v, NULL);
}

#endif /* NTSECTION_FAULT_PROBE_H */
