/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintest.h - helpers of the Win32-layer tests: failure checks against
 * GetLastError(), scratch files made with the Win32 file functions, and
 * access probes (does touching an address fault?).
 *
 * "rule N" in a test's description is rule N of docs/windows-rules.md, the
 * catalogue of Windows section behaviours (with the Wine or ReactOS
 * conformance test each one comes from).
 */
#ifndef NTSECTION_WINTEST_H
#define NTSECTION_WINTEST_H

#include <string.h>

#include <winsection.h>

#include "fault_probe.h"

#include "tap.h"

/* @failed must be true and GetLastError() must be @err. */
#define fails(failed, err, ...) ({					\
	int __f = !!(failed);						\
	DWORD __e = GetLastError();					\
	int __ok = ok(__f && __e == (DWORD)(err), __VA_ARGS__);		\
	if (!__ok)							\
		diag("  failed=%d GetLastError()=%u, want failure with %u", \
		     __f, (unsigned int)__e, (unsigned int)(err));	\
	__ok;								\
})

/* A file of @size bytes (byte i is i & 0xff) opened with @access. */
static inline HANDLE make_file(const char *name, DWORD size, DWORD access)
{
	HANDLE h = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	char buf[4096];
	DWORD done = 0, n, i;

	if (h == INVALID_HANDLE_VALUE)
		return h;
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)i;
	while (done < size) {
		n = size - done < sizeof(buf) ? size - done : sizeof(buf);
		if (!WriteFile(h, buf, n, &n, NULL))
			break;
		done += n;
	}
	CloseHandle(h);
	return CreateFileA(name, access, FILE_SHARE_READ | FILE_SHARE_WRITE,
			   NULL, OPEN_EXISTING, 0, NULL);
}

/* 1 when reading (write 0) or writing (write 1) @p faults, else 0. */
static inline int faults(volatile char *p, int write)
{
	return write ? !ns_can_write(p) : !ns_can_read(p);
}

/* VirtualQuery of @p into @m; 1 when it returned sizeof(*m). */
static inline int vq(const void *p, MEMORY_BASIC_INFORMATION *m)
{
	return VirtualQuery(p, m, sizeof(*m)) == sizeof(*m);
}

#endif /* NTSECTION_WINTEST_H */
