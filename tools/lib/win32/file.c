// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * file.c - the file functions Windows code uses around a mapping:
 * CreateFileA, ReadFile, WriteFile, SetFilePointer, SetEndOfFile,
 * GetFileSize, FlushFileBuffers, DeleteFileA.  A file HANDLE is an fd.
 *
 * CreateFileA: GENERIC_READ / FILE_READ_DATA open for reading,
 * GENERIC_WRITE / FILE_WRITE_DATA / FILE_APPEND_DATA for writing,
 * GENERIC_ALL for both; access 0 gives an O_PATH fd (it can be queried
 * and closed, and a section of it is ERROR_ACCESS_DENIED).  Sharing modes
 * and flags other than the access are accepted and ignored: Linux has no
 * mandatory sharing.  CREATE_ALWAYS and OPEN_ALWAYS on an existing file
 * succeed with ERROR_ALREADY_EXISTS, otherwise success leaves 0.
 * Overlapped I/O is not supported (ERROR_INVALID_PARAMETER).
 *
 * A Linux fd carries no execute right, so CreateFileA records the access
 * each file was opened with (with the file's device and inode, so that a
 * recycled fd is not mistaken for it): a file opened without
 * GENERIC_EXECUTE, GENERIC_ALL or FILE_EXECUTE cannot back a
 * PAGE_EXECUTE_* section (rule 6).  An fd CreateFileA did not open is not
 * restricted.  SetEndOfFile refuses to shrink a file that a view of this
 * process maps (ERROR_USER_MAPPED_FILE, rule 61).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* What CreateFileA opened: fd -> (device, inode, access), under a lock. */
struct opened {
	dev_t dev;
	ino_t ino;
	DWORD access;
	int valid;
};
static pthread_mutex_t opened_lock = PTHREAD_MUTEX_INITIALIZER;
static struct opened *opened;
static int nr_opened;

static void remember(int fd, DWORD access)
{
	struct stat st;

	libntsection_facts_forget(fd);	/* a file, not a section */
	if (fstat(fd, &st))
		return;
	pthread_mutex_lock(&opened_lock);
	if (fd >= nr_opened) {
		int n = fd + 64;
		struct opened *p = realloc(opened, n * sizeof(*p));

		if (!p)
			goto out;
		memset(p + nr_opened, 0, (n - nr_opened) * sizeof(*p));
		opened = p;
		nr_opened = n;
	}
	opened[fd].dev = st.st_dev;
	opened[fd].ino = st.st_ino;
	opened[fd].access = access;
	opened[fd].valid = 1;
out:
	pthread_mutex_unlock(&opened_lock);
}

void libntsection_file_copy(int from, int to)
{
	DWORD access = 0;
	int known;

	pthread_mutex_lock(&opened_lock);
	known = from >= 0 && from < nr_opened && opened[from].valid;
	if (known)
		access = opened[from].access;
	pthread_mutex_unlock(&opened_lock);
	if (known)
		remember(to, access);
}

void libntsection_file_forget(int fd)
{
	pthread_mutex_lock(&opened_lock);
	if (fd >= 0 && fd < nr_opened)
		opened[fd].valid = 0;
	pthread_mutex_unlock(&opened_lock);
}

int libntsection_file_executable(int fd)
{
	int known = 0, exec = 1;
	struct stat st;

	if (fstat(fd, &st))
		return 1;
	pthread_mutex_lock(&opened_lock);
	if (fd < nr_opened && opened[fd].valid &&
	    opened[fd].dev == st.st_dev && opened[fd].ino == st.st_ino) {
		known = 1;
		exec = !!(opened[fd].access &
			  (GENERIC_EXECUTE | GENERIC_ALL | FILE_EXECUTE));
	}
	pthread_mutex_unlock(&opened_lock);
	return !known || exec;
}

static int file_fail(int err)
{
	libntsection_set_errno(NS_OP_FILE, err);
	return FALSE;
}

static int open_mode(DWORD access)
{
	int r = !!(access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA));
	int w = !!(access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA |
			     FILE_APPEND_DATA));

	if (r && w)
		return O_RDWR;
	if (w)
		return O_WRONLY;
	if (r)
		return O_RDONLY;
	return -1;
}

HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess,
			  DWORD dwShareMode,
			  LPSECURITY_ATTRIBUTES lpSecurityAttributes,
			  DWORD dwCreationDisposition,
			  DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
	int mode = open_mode(dwDesiredAccess), flags, fd, existed = 0;
	int cloexec = O_CLOEXEC;

	(void)dwShareMode;
	(void)hTemplateFile;
	if (!lpFileName) {
		SetLastError(ERROR_PATH_NOT_FOUND);
		return INVALID_HANDLE_VALUE;
	}
	if (lpSecurityAttributes) {
		if (lpSecurityAttributes->lpSecurityDescriptor) {
			SetLastError(ERROR_INVALID_PARAMETER);
			return INVALID_HANDLE_VALUE;
		}
		if (lpSecurityAttributes->bInheritHandle)
			cloexec = 0;
	}
	flags = (mode < 0 ? O_RDONLY : mode) | cloexec;
	if (dwFlagsAndAttributes & FILE_FLAG_WRITE_THROUGH)
		flags |= O_DSYNC;

	switch (dwCreationDisposition) {
	case CREATE_NEW:
		fd = open(lpFileName, flags | O_CREAT | O_EXCL, 0666);
		break;
	case CREATE_ALWAYS:
	case OPEN_ALWAYS:
		if (dwCreationDisposition == CREATE_ALWAYS)
			flags |= O_TRUNC;
		for (;;) {
			fd = open(lpFileName, flags | O_CREAT | O_EXCL, 0666);
			if (fd >= 0 || errno != EEXIST)
				break;
			fd = open(lpFileName, flags);
			if (fd >= 0) {
				existed = 1;
				break;
			}
			if (errno != ENOENT)	/* else: deleted meanwhile */
				break;
		}
		break;
	case OPEN_EXISTING:
		fd = open(lpFileName, mode < 0 ? O_PATH | cloexec : flags);
		break;
	case TRUNCATE_EXISTING:
		if (mode != O_WRONLY && mode != O_RDWR) {
			SetLastError(ERROR_INVALID_PARAMETER);
			return INVALID_HANDLE_VALUE;
		}
		fd = open(lpFileName, flags | O_TRUNC);
		break;
	default:
		SetLastError(ERROR_INVALID_PARAMETER);
		return INVALID_HANDLE_VALUE;
	}
	if (fd < 0) {
		int err = errno;

		/* a missing directory on the way is a missing path */
		if (err == ENOENT && dwCreationDisposition != OPEN_EXISTING &&
		    dwCreationDisposition != TRUNCATE_EXISTING)
			err = ENOTDIR;
		file_fail(err);
		return INVALID_HANDLE_VALUE;
	}
	if (mode < 0 && dwCreationDisposition != OPEN_EXISTING) {
		/* access 0: created or opened, now keep only an O_PATH fd */
		int pfd = open(lpFileName, O_PATH | cloexec);

		close(fd);
		if (pfd < 0) {
			file_fail(errno);
			return INVALID_HANDLE_VALUE;
		}
		fd = pfd;
	}
	remember(fd, dwDesiredAccess);
	SetLastError(existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
	return ntsection_fd_to_handle(fd);
}

/* EBADF from I/O on an open fd: it was not opened for that (Windows:
 * ERROR_ACCESS_DENIED); on a closed fd: ERROR_INVALID_HANDLE. */
static int io_fail(int fd, int err)
{
	if (err == EBADF && fcntl(fd, F_GETFD) >= 0)
		err = EACCES;
	return file_fail(err);
}

static int file_fd(HANDLE h)
{
	int fd = libntsection_fd(h);

	if (fd < 0)
		SetLastError(ERROR_INVALID_HANDLE);
	return fd;
}

BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer,
		     DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead,
		     LPOVERLAPPED lpOverlapped)
{
	int fd = file_fd(hFile);
	DWORD done = 0;
	ssize_t n;

	if (lpNumberOfBytesRead)
		*lpNumberOfBytesRead = 0;
	if (fd < 0)
		return FALSE;
	if (lpOverlapped) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	while (done < nNumberOfBytesToRead) {
		n = read(fd, (char *)lpBuffer + done,
			 nNumberOfBytesToRead - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return io_fail(fd, errno);
		if (!n)
			break;		/* end of file: success, fewer bytes */
		done += n;
	}
	if (lpNumberOfBytesRead)
		*lpNumberOfBytesRead = done;
	return TRUE;
}

BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer,
		      DWORD nNumberOfBytesToWrite,
		      LPDWORD lpNumberOfBytesWritten,
		      LPOVERLAPPED lpOverlapped)
{
	int fd = file_fd(hFile);
	DWORD done = 0;
	ssize_t n;

	if (lpNumberOfBytesWritten)
		*lpNumberOfBytesWritten = 0;
	if (fd < 0)
		return FALSE;
	if (lpOverlapped) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	while (done < nNumberOfBytesToWrite) {
		n = write(fd, (const char *)lpBuffer + done,
			  nNumberOfBytesToWrite - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			if (lpNumberOfBytesWritten)
				*lpNumberOfBytesWritten = done;
			return io_fail(fd, errno);
		}
		done += n;
	}
	if (lpNumberOfBytesWritten)
		*lpNumberOfBytesWritten = done;
	return TRUE;
}

DWORD WINAPI SetFilePointer(HANDLE hFile, LONG lDistanceToMove,
			    PLONG lpDistanceToMoveHigh, DWORD dwMoveMethod)
{
	int fd = file_fd(hFile);
	int64_t dist;
	off_t cur, end, to;

	if (fd < 0)
		return INVALID_SET_FILE_POINTER;
	/* without a high part the distance is a signed 32-bit value */
	dist = lpDistanceToMoveHigh ?
	       (int64_t)((uint64_t)(uint32_t)*lpDistanceToMoveHigh << 32 |
			 (uint32_t)lDistanceToMove) : lDistanceToMove;
	switch (dwMoveMethod) {
	case FILE_BEGIN:
		to = dist;
		break;
	case FILE_CURRENT:
		cur = lseek(fd, 0, SEEK_CUR);
		if (cur < 0) {
			file_fail(errno);
			return INVALID_SET_FILE_POINTER;
		}
		to = cur + dist;
		break;
	case FILE_END:
		end = lseek(fd, 0, SEEK_END);
		if (end < 0) {
			file_fail(errno);
			return INVALID_SET_FILE_POINTER;
		}
		to = end + dist;
		break;
	default:
		SetLastError(ERROR_INVALID_PARAMETER);
		return INVALID_SET_FILE_POINTER;
	}
	if (to < 0) {
		SetLastError(ERROR_NEGATIVE_SEEK);
		return INVALID_SET_FILE_POINTER;
	}
	if (lseek(fd, to, SEEK_SET) < 0) {
		file_fail(errno);
		return INVALID_SET_FILE_POINTER;
	}
	if (lpDistanceToMoveHigh)
		*lpDistanceToMoveHigh = (LONG)((uint64_t)to >> 32);
	SetLastError(ERROR_SUCCESS);
	return (DWORD)to;
}

BOOL WINAPI SetEndOfFile(HANDLE hFile)
{
	int fd = file_fd(hFile);
	struct stat st;
	off_t cur;

	if (fd < 0)
		return FALSE;
	cur = lseek(fd, 0, SEEK_CUR);
	/* rule 61: a mapped file may grow, not shrink */
	if (cur >= 0 && !fstat(fd, &st) && cur < st.st_size &&
	    libntsection_view_maps_file(st.st_dev, st.st_ino)) {
		SetLastError(ERROR_USER_MAPPED_FILE);
		return FALSE;
	}
	if (cur < 0 || ftruncate(fd, cur))
		return io_fail(fd, errno == EINVAL ? EACCES : errno);
	return TRUE;
}

DWORD WINAPI GetFileSize(HANDLE hFile, LPDWORD lpFileSizeHigh)
{
	int fd = file_fd(hFile);
	struct stat st;

	if (fd < 0)
		return INVALID_FILE_SIZE;
	if (fstat(fd, &st)) {
		file_fail(errno);
		return INVALID_FILE_SIZE;
	}
	if (lpFileSizeHigh)
		*lpFileSizeHigh = (uint64_t)st.st_size >> 32;
	/* a size whose low part is 0xFFFFFFFF is told apart by error 0 */
	SetLastError(ERROR_SUCCESS);
	return (DWORD)st.st_size;
}

BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)
{
	DWORD high, low = GetFileSize(hFile, &high);

	if (low == INVALID_FILE_SIZE && GetLastError() != ERROR_SUCCESS)
		return FALSE;
	if (!lpFileSize) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	lpFileSize->QuadPart = (LONGLONG)((ULONGLONG)high << 32 | low);
	return TRUE;
}

/* SetFilePointer with the 64-bit distance; FILE_BEGIN takes it unsigned */
BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove,
			     PLARGE_INTEGER lpNewFilePointer,
			     DWORD dwMoveMethod)
{
	LONG high = liDistanceToMove.HighPart;
	DWORD low = SetFilePointer(hFile, (LONG)liDistanceToMove.LowPart,
				   &high, dwMoveMethod);

	if (low == INVALID_SET_FILE_POINTER && GetLastError() != ERROR_SUCCESS)
		return FALSE;
	if (lpNewFilePointer)
		lpNewFilePointer->QuadPart =
			(LONGLONG)((ULONGLONG)(DWORD)high << 32 | low);
	return TRUE;
}

BOOL WINAPI FlushFileBuffers(HANDLE hFile)
{
	int fd = file_fd(hFile);

	if (fd < 0)
		return FALSE;
	if (fsync(fd))
		return file_fail(errno == EINVAL ? EBADF : errno);
	return TRUE;
}

BOOL WINAPI DeleteFileA(LPCSTR lpFileName)
{
	if (!lpFileName) {
		SetLastError(ERROR_PATH_NOT_FOUND);
		return FALSE;
	}
	if (unlink(lpFileName))
		return file_fail(errno);
	return TRUE;
}
