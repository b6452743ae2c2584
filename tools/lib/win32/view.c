// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * view.c - views the Win32 way: MapViewOfFile(Ex), UnmapViewOfFile,
 * FlushViewOfFile, and the registry of the views they and
 * NtMapViewOfSection made.
 *
 * MapViewOfFileEx is kernelbase's: the view's protection from the
 * FILE_MAP_* access, then NtMapViewOfSection's core (nt.c), whose status
 * becomes the Win32 error: ERROR_MAPPED_ALIGNMENT for an offset or address
 * not 64 KiB-aligned, ERROR_ACCESS_DENIED for a handle without the right
 * or a view past the section's end (STATUS_INVALID_VIEW_SIZE),
 * ERROR_INVALID_PARAMETER for a view the section's protection forbids
 * (STATUS_SECTION_PROTECTION) or an offset at or past the end.
 *
 * The registry is a small array under a mutex; it is process-private, so
 * a forked child has its parent's views (but not the ViewUnmap views of
 * NtMapViewOfSection, which MADV_DONTFORK keeps from it) and an exec'ed
 * program none.
 *
 * Mapping a view is one mmap(2) and unmapping one munmap(2), so what the
 * registry learns costs nothing at map time: a ViewUnmap view gets its
 * MADV_DONTFORK just before the first fork(2) that would copy it (a
 * pthread_atfork handler), and a file-backed view's device and inode
 * (rule 61: SetEndOfFile may not shrink a mapped file) are asked of the
 * module (NTSECTION_IOC_VIEW_QUERY) the first time SetEndOfFile needs
 * them.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>
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

int libntsection_view_add(const struct ns_view *v)
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

/* Learn @v's file's device and inode from the module, once. */
static void learn_file_locked(struct ns_view *v)
{
	struct ntsection_view_query_args q;

	if (v->file_known)
		return;
	if (ntsection_view_query(NTSECTION_DEV_DEFAULT, (void *)v->base, &q))
		return;		/* unmapped behind our back: it maps nothing */
	v->dev = makedev(q.section.dev_major, q.section.dev_minor);
	v->ino = q.section.ino;
	v->file_known = 1;
}

int libntsection_view_maps_file(uint64_t dev, uint64_t ino)
{
	size_t i;
	int found = 0;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nr_views && !found; i++) {
		if (!(views[i].attributes & SEC_FILE))
			continue;
		learn_file_locked(&views[i]);
		found = views[i].file_known && views[i].dev == dev &&
			views[i].ino == ino;
	}
	pthread_mutex_unlock(&lock);
	return found;
}

/* A forked child has no ViewUnmap views (MADV_DONTFORK left them out). */
static void drop_dontfork(void)
{
	size_t i = 0;

	while (i < nr_views) {
		if (views[i].dontfork)
			views[i] = views[--nr_views];
		else
			i++;
	}
	pthread_mutex_unlock(&lock);
}

/* ViewUnmap views: MADV_DONTFORK before the first fork that would copy them. */
static void atfork_prepare(void)
{
	size_t i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nr_views; i++) {
		if (views[i].dontfork && !views[i].dontfork_set &&
		    !madvise((void *)views[i].base, views[i].size,
			     MADV_DONTFORK))
			views[i].dontfork_set = 1;
	}
}

static void atfork_parent(void)
{
	pthread_mutex_unlock(&lock);
}

__attribute__((constructor))
static void view_atfork(void)
{
	pthread_atfork(atfork_prepare, atfork_parent, drop_dontfork);
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

/*
 * kernelbase's MapViewOfFileEx: NtMapViewOfSection with ViewShare, and
 * MEM_LARGE_PAGES for FILE_MAP_LARGE_PAGES.
 */
LPVOID WINAPI MapViewOfFileEx(HANDLE hFileMappingObject,
			      DWORD dwDesiredAccess, DWORD dwFileOffsetHigh,
			      DWORD dwFileOffsetLow,
			      SIZE_T dwNumberOfBytesToMap,
			      LPVOID lpBaseAddress)
{
	uint64_t offset = (uint64_t)dwFileOffsetHigh << 32 | dwFileOffsetLow;
	SIZE_T size = dwNumberOfBytesToMap;
	void *base = lpBaseAddress;
	NTSTATUS st;

	st = libntsection_map_view(hFileMappingObject, GetCurrentProcess(),
				   &base, 0, offset, &size, ViewShare,
				   dwDesiredAccess & FILE_MAP_LARGE_PAGES ?
				   MEM_LARGE_PAGES : 0,
				   view_protect(dwDesiredAccess &
						~FILE_MAP_LARGE_PAGES));
	if (!NT_SUCCESS(st)) {
		libntsection_set_status(st);
		return NULL;
	}
	return base;
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

int libntsection_view_unmap(uintptr_t addr)
{
	struct ns_view *p;
	struct ns_view v;

	pthread_mutex_lock(&lock);
	p = find_locked(addr);
	if (p) {
		v = *p;
		*p = views[--nr_views];
		/* unmap under the lock: no new view can take the range first */
		if (v.map_size)
			munmap((void *)v.map_base, v.map_size);
		else
			munmap((void *)v.base, v.size);
	}
	pthread_mutex_unlock(&lock);
	return p ? 0 : -ENXIO;
}

int libntsection_view_unmap_placeholder(uintptr_t addr, uintptr_t *base,
					size_t *size)
{
	struct ns_view *p;
	void *m;
	int ret = 0;

	pthread_mutex_lock(&lock);
	p = find_locked(addr);
	if (!p) {
		ret = -ENXIO;
	} else if (!p->placeholder) {
		ret = -EINVAL;
	} else {
		/* in place, under the lock: the range is never free */
		m = mmap((void *)p->base, p->size, PROT_NONE, MAP_PRIVATE |
			 MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
		if (m == MAP_FAILED) {
			ret = -errno;
		} else {
			*base = p->base;
			*size = p->size;
			*p = views[--nr_views];
		}
	}
	pthread_mutex_unlock(&lock);
	return ret;
}

/* Any address inside a view unmaps the whole view. */
BOOL WINAPI UnmapViewOfFile(LPCVOID lpBaseAddress)
{
	if (libntsection_view_unmap((uintptr_t)lpBaseAddress))
		return libntsection_set_status(STATUS_NOT_MAPPED_VIEW);
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
		libntsection_set_errno(NS_OP_FLUSH, ENXIO);
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
