/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * internal.h - what the files of libntsection share and do not export:
 * the shared device fd, the errno-to-Win32 table's entry points, the
 * handle encoding, section facts from fdinfo and the view registry.
 */
#ifndef LIBNTSECTION_INTERNAL_H
#define LIBNTSECTION_INTERNAL_H

#include <stdint.h>

#include "winsection.h"

#define NS_GRANULARITY	65536UL

/*
 * The operation an errno came from: a few errnos mean different Win32
 * errors in different calls (ENXIO is a view too big when mapping and a
 * non-view when flushing).  See errors.c.
 */
enum ns_op {
	NS_OP_ANY,
	NS_OP_CREATE,		/* CreateFileMapping */
	NS_OP_OPEN,		/* OpenFileMapping */
	NS_OP_MAP,		/* MapViewOfFile(Ex) */
	NS_OP_FLUSH,		/* FlushViewOfFile */
	NS_OP_FILE,		/* CreateFile, DeleteFile, file I/O */
};

int libntsection_device(void);

/* Set the last error from @err (a positive errno) in operation @op. */
void libntsection_set_errno(enum ns_op op, int err);
DWORD libntsection_win32_error(enum ns_op op, int err);
NTSTATUS libntsection_ntstatus(int err);

/* Handles: fd n is HANDLE (n + 1) * 4; the pseudo-handle -1 is no fd. */
int libntsection_fd(HANDLE h);

/* Section facts of a handle, from /proc/self/fdinfo (any access). */
struct ns_fdinfo {
	uint64_t size;
	uint32_t access, protect, attributes;
};
int libntsection_read_fdinfo(int fd, struct ns_fdinfo *fi);

/* A Win32 section access mask as NTSECTION_SECTION_* bits. */
uint32_t libntsection_section_access(DWORD access);

/*
 * The views MapViewOfFile made: base (64 KiB aligned), size (whole pages),
 * the view's Win32 protection and the section's attributes.
 */
struct ns_view {
	uintptr_t base;
	size_t size;
	DWORD protect;
	uint32_t attributes;
};
/* Copy the view containing @addr into @v: 1 if there is one, else 0. */
int libntsection_view_find(uintptr_t addr, struct ns_view *v);

#endif /* LIBNTSECTION_INTERNAL_H */
