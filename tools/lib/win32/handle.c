// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * handle.c - HANDLEs: the bridge between HANDLEs and fds, CloseHandle,
 * DuplicateHandle, GetCurrentProcess, and reading a section handle's facts
 * from /proc/self/fdinfo.
 *
 * fd n is the HANDLE (n + 1) * 4, so that no fd is NULL or
 * INVALID_HANDLE_VALUE and handles look like Windows' (multiples of 4).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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
	if (nfd == -ENOTTY) {	/* not a section: a file or another fd */
		nfd = fcntl(fd, bInheritHandle ? F_DUPFD : F_DUPFD_CLOEXEC, 0);
		if (nfd < 0)
			nfd = -errno;
		else
			libntsection_file_copy(fd, nfd);
	}
	if (nfd < 0) {
		libntsection_set_errno(NS_OP_ANY, -nfd);
		return FALSE;
	}
	if (dwOptions & DUPLICATE_CLOSE_SOURCE) {
		libntsection_file_forget(fd);
		libntsection_sync_forget(fd);
		close(fd);
	}
	if (lpTargetHandle)
		*lpTargetHandle = ntsection_fd_to_handle(nfd);
	else
		close(nfd);
	return TRUE;
}

static int parse_line(const char *line, const char *key, uint64_t *val,
		      int base)
{
	size_t n = strlen(key);

	if (strncmp(line, key, n))
		return 0;
	*val = strtoull(line + n, NULL, base);
	return 1;
}

/*
 * The section's size, protection and attributes and the handle's access,
 * whatever the handle's access: the module prints them in fdinfo.
 * 0, or -errno (-ENOTTY: not a section handle).
 */
int libntsection_read_fdinfo(int fd, struct ns_fdinfo *fi)
{
	char path[64], line[256];
	uint64_t v;
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? -EBADF : -errno;
	while (fgets(line, sizeof(line), f)) {
		if (parse_line(line, "ntsection-size:", &v, 10))
			fi->size = v, found |= 1;
		else if (parse_line(line, "ntsection-access:", &v, 16))
			fi->access = v, found |= 2;
		else if (parse_line(line, "ntsection-protect:", &v, 16))
			fi->protect = v, found |= 4;
		else if (parse_line(line, "ntsection-attributes:", &v, 16))
			fi->attributes = v, found |= 8;
	}
	fclose(f);
	return found == 15 ? 0 : -ENOTTY;
}
