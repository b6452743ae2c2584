// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * view.c - views the Win32 way: MapViewOfFile(Ex), UnmapViewOfFile,
 * FlushViewOfFile, and the registry of the views they made.
 *
 * Checks, in Windows' order: 64 KiB alignment of the offset and of a
 * requested address (ERROR_MAPPED_ALIGNMENT); the handle's access for the
 * view (ERROR_ACCESS_DENIED); the section's protection (ERROR_INVALID_
 * PARAMETER, Windows' STATUS_SECTION_PROTECTION); offset inside the
 * section (ERROR_INVALID_PARAMETER); size 0 meaning "to the end", a view
 * past the end ERROR_ACCESS_DENIED (STATUS_INVALID_VIEW_SIZE).  The module
 * checks access and protection again when the view is mmapped.
 *
 * Addresses: 64 KiB-aligned address space is reserved first (an
 * inaccessible mapping of size + 64 KiB), the view is mapped over it at
 * the aligned address, and the slack is unmapped.
 *
 * The registry is a small array under a mutex; it is process-private, so
 * a forked child has its parent's views and an exec'ed program none.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ntsection.h"
#include "internal.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct ns_view *views;
static size_t nr_views, max_views;

static struct ns_view *find_locked(uintptr_t addr)
{
	size_t i;

	for (i = 0; i < nr_views; i++)
		if (addr >= views[i].base && addr - views[i].base < views[i].size)
			return &views[i];
	return NULL;
}

int libntsection_view_find(uintptr_t addr, struct ns_view *v)
{
	struct ns_view *p;

	pthread_mutex_lock(&lock);
	p = find_locked(addr);
	if (p)
		*v = *p;
	pthread_mutex_unlock(&lock);
	return !!p;
}

static int add_view(const struct ns_view *v)
{
	int ret = 0;

	pthread_mutex_lock(&lock);
	if (nr_views == max_views) {
		size_t n = max_views ? max_views * 2 : 16;
		struct ns_view *p = realloc(views, n * sizeof(*p));

		if (!p) {
			ret = -ENOMEM;
			goto out;
		}
		views = p;
		max_views = n;
	}
	views[nr_views++] = *v;
out:
	pthread_mutex_unlock(&lock);
	return ret;
}

/* The view's page protection from FILE_MAP_* (kernelbase's rule). */
static DWORD view_protect(DWORD access)
{
	DWORD exec = access & FILE_MAP_EXECUTE, p;

	access &= ~FILE_MAP_EXECUTE;
	if (access == FILE_MAP_COPY)
		p = PAGE_WRITECOPY;
	else if (access & FILE_MAP_WRITE)
		p = PAGE_READWRITE;
	else if (access & FILE_MAP_READ)
		p = PAGE_READONLY;
	else
		return PAGE_NOACCESS;
	return exec ? p << 4 : p;
}

/* Handle rights a view of protection @p needs (Wine's virtual_map_section) */
static uint32_t view_needs(DWORD p)
{
	switch (p) {
	case PAGE_READWRITE:
		return NTSECTION_SECTION_MAP_WRITE;
	case PAGE_EXECUTE_READ:
	case PAGE_EXECUTE_WRITECOPY:
		return NTSECTION_SECTION_MAP_READ | NTSECTION_SECTION_MAP_EXECUTE;
	case PAGE_EXECUTE_READWRITE:
		return NTSECTION_SECTION_MAP_WRITE |
		       NTSECTION_SECTION_MAP_EXECUTE;
	default:	/* NOACCESS, READONLY, WRITECOPY */
		return NTSECTION_SECTION_MAP_READ;
	}
}

/* May a section of protection @sp have a view of protection @vp? */
static int protect_allows(uint32_t sp, DWORD vp)
{
	int sw = sp == PAGE_READWRITE || sp == PAGE_EXECUTE_READWRITE;
	int sx = sp >= PAGE_EXECUTE_READ;

	switch (vp) {
	case PAGE_READWRITE:
		return sw;
	case PAGE_EXECUTE_READ:
	case PAGE_EXECUTE_WRITECOPY:
		return sx;
	case PAGE_EXECUTE_READWRITE:
		return sw && sx;
	default:
		return 1;
	}
}

static int mmap_prot(DWORD p)
{
	switch (p) {
	case PAGE_READONLY:
		return PROT_READ;
	case PAGE_READWRITE:
	case PAGE_WRITECOPY:
		return PROT_READ | PROT_WRITE;
	case PAGE_EXECUTE_READ:
		return PROT_READ | PROT_EXEC;
	case PAGE_EXECUTE_READWRITE:
	case PAGE_EXECUTE_WRITECOPY:
		return PROT_READ | PROT_WRITE | PROT_EXEC;
	default:
		return PROT_NONE;
	}
}

static void *map_fail(enum ns_op op, int err)
{
	libntsection_set_errno(op, err);
	return NULL;
}

LPVOID WINAPI MapViewOfFileEx(HANDLE hFileMappingObject,
			      DWORD dwDesiredAccess, DWORD dwFileOffsetHigh,
			      DWORD dwFileOffsetLow,
			      SIZE_T dwNumberOfBytesToMap,
			      LPVOID lpBaseAddress)
{
	uint64_t offset = (uint64_t)dwFileOffsetHigh << 32 | dwFileOffsetLow;
	uintptr_t want = (uintptr_t)lpBaseAddress, base;
	size_t page = sysconf(_SC_PAGESIZE), len, span;
	DWORD protect = view_protect(dwDesiredAccess);
	struct ns_fdinfo fi;
	struct ns_view v;
	int fd, r, flags;
	char *res, *p;

	if (offset % NS_GRANULARITY || want % NS_GRANULARITY) {
		SetLastError(ERROR_MAPPED_ALIGNMENT);
		return NULL;
	}
	fd = libntsection_fd(hFileMappingObject);
	if (fd < 0)
		return map_fail(NS_OP_MAP, EBADF);
	r = libntsection_read_fdinfo(fd, &fi);
	if (r < 0)
		return map_fail(NS_OP_MAP, -r);
	if ((fi.access & view_needs(protect)) != view_needs(protect))
		return map_fail(NS_OP_MAP, EACCES);
	if (!protect_allows(fi.protect, protect)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (offset >= fi.size) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!dwNumberOfBytesToMap)
		dwNumberOfBytesToMap = fi.size - offset;
	else if (dwNumberOfBytesToMap > fi.size - offset)
		return map_fail(NS_OP_MAP, ENXIO);
	len = (dwNumberOfBytesToMap + page - 1) & ~(page - 1);
	flags = protect == PAGE_WRITECOPY || protect == PAGE_EXECUTE_WRITECOPY ?
		MAP_PRIVATE : MAP_SHARED;

	if (want) {
		res = mmap((void *)want, len, mmap_prot(protect),
			   flags | MAP_FIXED_NOREPLACE, fd, offset);
		if (res == MAP_FAILED)
			return map_fail(NS_OP_MAP, errno);
		if ((uintptr_t)res != want) {	/* kernels before 4.17 */
			munmap(res, len);
			return map_fail(NS_OP_MAP, EEXIST);
		}
		base = want;
	} else {
		span = len + NS_GRANULARITY;
		res = mmap(NULL, span, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (res == MAP_FAILED)
			return map_fail(NS_OP_MAP, errno);
		base = ((uintptr_t)res + NS_GRANULARITY - 1) &
		       ~(NS_GRANULARITY - 1);
		p = mmap((void *)base, len, mmap_prot(protect),
			 flags | MAP_FIXED, fd, offset);
		if (p == MAP_FAILED) {
			int err = errno;

			munmap(res, span);
			return map_fail(NS_OP_MAP, err);
		}
		if (base > (uintptr_t)res)
			munmap(res, base - (uintptr_t)res);
		if ((uintptr_t)res + span > base + len)
			munmap((void *)(base + len),
			       (uintptr_t)res + span - (base + len));
	}
	v.base = base;
	v.size = len;
	v.protect = protect;
	v.attributes = fi.attributes;
	if (add_view(&v)) {
		munmap((void *)base, len);
		return map_fail(NS_OP_MAP, ENOMEM);
	}
	return (LPVOID)base;
}

LPVOID WINAPI MapViewOfFile(HANDLE hFileMappingObject,
			    DWORD dwDesiredAccess, DWORD dwFileOffsetHigh,
			    DWORD dwFileOffsetLow,
			    SIZE_T dwNumberOfBytesToMap)
{
	return MapViewOfFileEx(hFileMappingObject, dwDesiredAccess,
			       dwFileOffsetHigh, dwFileOffsetLow,
			       dwNumberOfBytesToMap, NULL);
}

/* Any address inside a view unmaps the whole view. */
BOOL WINAPI UnmapViewOfFile(LPCVOID lpBaseAddress)
{
	struct ns_view *p;
	struct ns_view v;

	pthread_mutex_lock(&lock);
	p = find_locked((uintptr_t)lpBaseAddress);
	if (p) {
		v = *p;
		*p = views[--nr_views];
		/* unmap under the lock: no new view can take the range first */
		munmap((void *)v.base, v.size);
	}
	pthread_mutex_unlock(&lock);
	if (!p) {
		SetLastError(ERROR_INVALID_ADDRESS);
		return FALSE;
	}
	return TRUE;
}

/*
 * Writes the range back and waits (the module's FLUSH); size 0 means to
 * the end of the view, and a range past the view's end is cut there.
 * Pagefile-backed and copy-on-write views: success, nothing to do.
 */
BOOL WINAPI FlushViewOfFile(LPCVOID lpBaseAddress,
			    SIZE_T dwNumberOfBytesToFlush)
{
	uintptr_t a = (uintptr_t)lpBaseAddress;
	struct ns_view v;
	int r;

	if (!libntsection_view_find(a, &v)) {
		map_fail(NS_OP_FLUSH, ENXIO);
		return FALSE;
	}
	if (dwNumberOfBytesToFlush > v.base + v.size - a)
		dwNumberOfBytesToFlush = 0;
	r = ntsection_flush(NTSECTION_DEV_DEFAULT, lpBaseAddress,
			    dwNumberOfBytesToFlush);
	if (r < 0) {
		libntsection_set_errno(NS_OP_FLUSH, -r);
		return FALSE;
	}
	return TRUE;
}
