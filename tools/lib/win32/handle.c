// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * handle.c - HANDLEs: the bridge between HANDLEs and fds, CloseHandle,
 * DuplicateHandle, GetCurrentProcess, and the handle table: the facts of
 * the section handles the library made.
 *
 * fd n is the HANDLE (n + 1) * 4, so that no fd is NULL or
 * INVALID_HANDLE_VALUE and handles look like Windows' (multiples of 4).
 *
 * The handle table maps an fd to its section's facts (size, protection,
 * attributes, the handle's access, the views' alignment), so that mapping
 * a view costs the mmap(2) alone.  It is filled by the library's own
 * create, open and duplicate paths (a new section's facts come from the
 * create's arguments, an opened or existing one's from one
 * NTSECTION_IOC_HANDLE_INFO) and emptied by CloseHandle, NtClose and
 * DUPLICATE_CLOSE_SOURCE.  An fd it does not know (the native API's, one
 * inherited across exec or received over a socket) costs one
 * NTSECTION_IOC_HANDLE_INFO per lookup, and is not remembered: nothing
 * would tell the table when it is closed.
 *
 * Protection, attributes, access and alignment never change.  The size
 * only grows (NTSECTION_IOC_EXTEND, perhaps in another process), so the
 * table's size is a lower bound: a caller that would fail on it refreshes
 * it first (libntsection_facts() with @fresh).  A handle closed with
 * close(2) instead of CloseHandle leaves its entry behind; the library's
 * own paths overwrite or drop the entry of every fd they make.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ntsection.h"
#include "internal.h"

#define PSEUDO_PROCESS	((HANDLE)(LONG_PTR)-1)

int libntsection_fd(HANDLE h)
{
	uintptr_t v = (uintptr_t)h;

	if (!h || h == INVALID_HANDLE_VALUE || v % 4 || v / 4 - 1 > INT32_MAX)
		return -1;
	return (int)(v / 4 - 1);
}

int ntsection_handle_to_fd(HANDLE h)
{
	return libntsection_fd(h);
}

HANDLE ntsection_fd_to_handle(int fd)
{
	if (fd < 0)
		return INVALID_HANDLE_VALUE;
	return (HANDLE)(((uintptr_t)fd + 1) * 4);
}

HANDLE WINAPI GetCurrentProcess(void)
{
	return PSEUDO_PROCESS;
}

/* fds at or above this are never remembered (the table is indexed by fd) */
#define TABLE_MAX	65536

struct entry {
	struct ns_facts f;
	int known;
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *table;
static int table_len;

/* A fork in another thread finds the table unlocked in the child. */
static void table_lock_fork(void)
{
	pthread_mutex_lock(&table_lock);
}

static void table_unlock_fork(void)
{
	pthread_mutex_unlock(&table_lock);
}

__attribute__((constructor))
static void table_atfork(void)
{
	pthread_atfork(table_lock_fork, table_unlock_fork, table_unlock_fork);
}

/* One NTSECTION_IOC_HANDLE_INFO: 0, -EBADF, or -ENOTTY (not a section). */
static int handle_info(int fd, struct ns_facts *f)
{
	struct ntsection_handle_info hi;
	int r = ntsection_handle_info(fd, &hi);

	if (r < 0)
		return r == -EBADF ? r : -ENOTTY;
	f->size = hi.size;
	f->protect = hi.protect;
	f->attributes = hi.attributes;
	f->access = hi.access;
	f->map_align = hi.map_align;
	return 0;
}

/* Grow the table to hold @fd; 0, or -1 (then @fd is not remembered). */
static int table_grow_locked(int fd)
{
	int n = table_len ? table_len : 64;
	struct entry *p;

	if (fd < table_len)
		return 0;
	if (fd >= TABLE_MAX)
		return -1;
	while (n <= fd)
		n *= 2;
	p = realloc(table, n * sizeof(*p));
	if (!p)
		return -1;
	memset(p + table_len, 0, (n - table_len) * sizeof(*p));
	table = p;
	table_len = n;
	return 0;
}

void libntsection_facts_set(int fd, const struct ns_facts *f)
{
	pthread_mutex_lock(&table_lock);
	if (fd >= 0 && !table_grow_locked(fd)) {
		table[fd].f = *f;
		table[fd].known = 1;
	}
	pthread_mutex_unlock(&table_lock);
}

void libntsection_facts_forget(int fd)
{
	pthread_mutex_lock(&table_lock);
	if (fd >= 0 && fd < table_len)
		table[fd].known = 0;
	pthread_mutex_unlock(&table_lock);
}

/* The section grew to at least @size (NtExtendSection in this process). */
void libntsection_facts_grow(int fd, uint64_t size)
{
	pthread_mutex_lock(&table_lock);
	if (fd >= 0 && fd < table_len && table[fd].known &&
	    table[fd].f.size < size)
		table[fd].f.size = size;
	pthread_mutex_unlock(&table_lock);
}

/* Copy @fd's entry, if any, to @to with @access (NS_SAME_ACCESS: @fd's). */
void libntsection_facts_copy(int fd, int to, uint32_t access)
{
	struct ns_facts f;
	int known = 0;

	pthread_mutex_lock(&table_lock);
	if (fd >= 0 && fd < table_len && table[fd].known) {
		f = table[fd].f;
		known = 1;
	}
	pthread_mutex_unlock(&table_lock);
	if (!known) {
		libntsection_facts_forget(to);
		return;
	}
	if (access != NS_SAME_ACCESS)
		f.access = access;
	libntsection_facts_set(to, &f);
}

/*
 * The facts of section handle @fd: from the table (no system call), or
 * from one NTSECTION_IOC_HANDLE_INFO when the table does not know @fd or
 * when @fresh asks for the current size (which then goes to the table).
 * 0, or -errno (-ENOTTY: not a section handle).
 */
int libntsection_facts(int fd, struct ns_facts *f, int fresh)
{
	int known = 0, r;

	pthread_mutex_lock(&table_lock);
	if (fd >= 0 && fd < table_len && table[fd].known) {
		*f = table[fd].f;
		known = 1;
	}
	pthread_mutex_unlock(&table_lock);
	if (known && !fresh)
		return 0;
	r = handle_info(fd, f);
	if (!r && known)
		libntsection_facts_grow(fd, f->size);
	return r;
}

/* Remember what one NTSECTION_IOC_HANDLE_INFO says of @fd (a new handle). */
void libntsection_facts_learn(int fd)
{
	struct ns_facts f;

	if (handle_info(fd, &f))
		libntsection_facts_forget(fd);
	else
		libntsection_facts_set(fd, &f);
}

BOOL WINAPI CloseHandle(HANDLE hObject)
{
	int fd;

	if (hObject == PSEUDO_PROCESS)
		return TRUE;
	fd = libntsection_fd(hObject);
	if (fd < 0) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	libntsection_facts_forget(fd);
	libntsection_file_forget(fd);
	libntsection_sync_forget(fd);
	/* close(2) releases the fd even when it reports an error */
	if (close(fd) && errno == EBADF) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	return TRUE;
}

/*
 * A Win32 access mask for a section (FILE_MAP_*, SECTION_*, GENERIC_*,
 * standard rights) as the module's NTSECTION_SECTION_* bits.  Standard
 * rights (DELETE, SYNCHRONIZE, ...) have no meaning here and are dropped.
 */
uint32_t libntsection_section_access(DWORD access)
{
	uint32_t a = access & NTSECTION_SECTION_ALL_ACCESS;

	if (access & SECTION_MAP_EXECUTE_EXPLICIT)
		a |= NTSECTION_SECTION_MAP_EXECUTE;
	if (access & GENERIC_READ)
		a |= NTSECTION_SECTION_QUERY | NTSECTION_SECTION_MAP_READ;
	if (access & GENERIC_WRITE)
		a |= NTSECTION_SECTION_MAP_WRITE;
	if (access & GENERIC_EXECUTE)
		a |= NTSECTION_SECTION_MAP_EXECUTE;
	if (access & GENERIC_ALL)
		a |= NTSECTION_SECTION_ALL_ACCESS;
	return a;
}

/*
 * Only the current process is supported: both process handles must be
 * GetCurrentProcess() (ERROR_INVALID_HANDLE otherwise).  A section handle
 * gets DUPLICATE_SAME_ACCESS or a subset of its access (more is
 * ERROR_ACCESS_DENIED); any other handle (a file) is dup'ed as is.
 */
BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle,
			    HANDLE hSourceHandle,
			    HANDLE hTargetProcessHandle,
			    LPHANDLE lpTargetHandle, DWORD dwDesiredAccess,
			    BOOL bInheritHandle, DWORD dwOptions)
{
	uint32_t flags = bInheritHandle ? NTSECTION_DUP_INHERIT : 0;
	uint32_t access = 0;
	int fd, nfd;

	if (hSourceProcessHandle != PSEUDO_PROCESS ||
	    hTargetProcessHandle != PSEUDO_PROCESS) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	if (dwOptions & ~(DUPLICATE_CLOSE_SOURCE | DUPLICATE_SAME_ACCESS)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	fd = libntsection_fd(hSourceHandle);
	if (fd < 0) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	if (dwOptions & DUPLICATE_SAME_ACCESS)
		flags |= NTSECTION_DUP_SAME_ACCESS;
	else
		access = libntsection_section_access(dwDesiredAccess);
	nfd = ntsection_duplicate(fd, access, flags);
	if (nfd >= 0)	/* the module's access: the source's, or @access */
		libntsection_facts_copy(fd, nfd, flags & NTSECTION_DUP_SAME_ACCESS ?
					NS_SAME_ACCESS : access);
	if (nfd == -ENOTTY) {	/* not a section: a file or another fd */
		nfd = fcntl(fd, bInheritHandle ? F_DUPFD : F_DUPFD_CLOEXEC, 0);
		if (nfd < 0)
			nfd = -errno;
		else
			libntsection_file_copy(fd, nfd);
		if (nfd >= 0)
			libntsection_facts_forget(nfd);
	}
	if (nfd < 0) {
		libntsection_set_errno(NS_OP_ANY, -nfd);
		return FALSE;
	}
	if (dwOptions & DUPLICATE_CLOSE_SOURCE) {
		libntsection_facts_forget(fd);
		libntsection_file_forget(fd);
		libntsection_sync_forget(fd);
		close(fd);
	}
	if (lpTargetHandle)
		*lpTargetHandle = ntsection_fd_to_handle(nfd);
	else
		CloseHandle(ntsection_fd_to_handle(nfd));
	return TRUE;
}
