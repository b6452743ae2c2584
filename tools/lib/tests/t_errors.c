// SPDX-License-Identifier: GPL-2.0
/*
 * t_errors.c - the errno-to-Win32 tables (tools/lib/win32/errors.c) row by
 * row (a section operation's errno through its NTSTATUS),
 * the errors only the module's limits produce (max_sections,
 * max_section_size, RLIMIT_NOFILE), and Sleep / GetTickCount.
 *
 * The table is reached through its internal entry point, which the
 * static library keeps visible (the shared one does not export it).
 */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "wintest.h"
#include "internal.h"	/* tools/lib's: libntsection_win32_error, enum ns_op */

#define ANY	NS_OP_ANY
#define CREATE	NS_OP_CREATE
#define OPEN	NS_OP_OPEN
#define MAP	NS_OP_MAP
#define FLUSH	NS_OP_FLUSH
#define FILEOP	NS_OP_FILE
#define COMMIT	NS_OP_COMMIT
#define EXTEND	NS_OP_EXTEND

static const struct { enum ns_op op; int err; DWORD want; const char *what; } rows[] = {
	{ MAP, ENXIO, ERROR_ACCESS_DENIED, "MapViewOfFile ENXIO (view past the end)" },
	{ MAP, EEXIST, ERROR_INVALID_ADDRESS, "MapViewOfFileEx EEXIST (address in use)" },
	{ MAP, ENOMEM, ERROR_NOT_ENOUGH_MEMORY, "MapViewOfFile ENOMEM" },
	{ MAP, ENODEV, ERROR_INVALID_HANDLE, "MapViewOfFile ENODEV" },
	{ FLUSH, ENXIO, ERROR_INVALID_PARAMETER, "FlushViewOfFile ENXIO (not a view)" },
	{ CREATE, EFBIG, ERROR_NOT_ENOUGH_MEMORY, "CreateFileMapping EFBIG (section too big)" },
	{ CREATE, ENODATA, ERROR_FILE_INVALID, "CreateFileMapping ENODATA (empty file)" },
	{ CREATE, ENOEXEC, ERROR_BAD_EXE_FORMAT, "CreateFileMapping ENOEXEC (SEC_IMAGE)" },
	{ CREATE, ENODEV, ERROR_INVALID_HANDLE, "CreateFileMapping ENODEV (not a regular file)" },
	{ CREATE, ENOSPC, ERROR_NO_SYSTEM_RESOURCES, "CreateFileMapping ENOSPC (section limits)" },
	{ CREATE, EEXIST, ERROR_ALREADY_EXISTS, "CreateFileMapping EEXIST" },
	{ CREATE, ENOMEM, ERROR_NOT_ENOUGH_MEMORY, "CreateFileMapping ENOMEM (no memory)" },
	{ OPEN, EACCES, ERROR_ACCESS_DENIED, "OpenFileMapping EACCES" },
	{ COMMIT, ENOMEM, ERROR_COMMITMENT_LIMIT, "VirtualAlloc(MEM_COMMIT) of a view ENOMEM (commit limit)" },
	{ COMMIT, EINVAL, ERROR_INVALID_ADDRESS, "VirtualAlloc(MEM_COMMIT) of a view EINVAL (past the view)" },
	{ EXTEND, ENOMEM, ERROR_COMMITMENT_LIMIT, "NtExtendSection ENOMEM (commit limit)" },
	{ EXTEND, EFBIG, ERROR_NOT_ENOUGH_MEMORY, "NtExtendSection EFBIG (STATUS_SECTION_TOO_BIG)" },
	{ EXTEND, EACCES, ERROR_ACCESS_DENIED, "NtExtendSection EACCES (no SECTION_EXTEND_SIZE)" },
	{ FILEOP, EEXIST, ERROR_FILE_EXISTS, "CreateFile EEXIST" },
	{ FILEOP, ENOTDIR, ERROR_PATH_NOT_FOUND, "CreateFile ENOTDIR" },
	{ FILEOP, EISDIR, ERROR_ACCESS_DENIED, "CreateFile EISDIR" },
	{ FILEOP, ESPIPE, ERROR_INVALID_FUNCTION, "SetFilePointer ESPIPE" },
	{ FILEOP, EINVAL, ERROR_INVALID_PARAMETER, "file EINVAL" },
	{ ANY, 0, ERROR_SUCCESS, "0" },
	{ ANY, ENOENT, ERROR_FILE_NOT_FOUND, "ENOENT" },
	{ OPEN, ENOENT, ERROR_FILE_NOT_FOUND, "OpenFileMapping ENOENT" },
	{ ANY, EACCES, ERROR_ACCESS_DENIED, "EACCES" },
	{ ANY, EPERM, ERROR_ACCESS_DENIED, "EPERM" },
	{ ANY, EINVAL, ERROR_INVALID_PARAMETER, "EINVAL" },
	{ ANY, EBADF, ERROR_INVALID_HANDLE, "EBADF" },
	{ ANY, ENOTTY, ERROR_INVALID_HANDLE, "ENOTTY (not a section)" },
	{ ANY, ENOMEM, ERROR_NOT_ENOUGH_MEMORY, "ENOMEM" },
	{ ANY, EAGAIN, ERROR_NOT_ENOUGH_MEMORY, "EAGAIN" },
	{ ANY, EFAULT, ERROR_INVALID_ADDRESS, "EFAULT" },
	{ ANY, ENXIO, ERROR_INVALID_ADDRESS, "ENXIO" },
	{ ANY, EEXIST, ERROR_ALREADY_EXISTS, "EEXIST" },
	{ ANY, ENAMETOOLONG, ERROR_FILENAME_EXCED_RANGE, "ENAMETOOLONG" },
	{ ANY, EMFILE, ERROR_TOO_MANY_OPEN_FILES, "EMFILE" },
	{ ANY, ENFILE, ERROR_TOO_MANY_OPEN_FILES, "ENFILE" },
	{ ANY, ENOSPC, ERROR_DISK_FULL, "ENOSPC" },
	{ ANY, EDQUOT, ERROR_DISK_FULL, "EDQUOT" },
	{ ANY, EFBIG, ERROR_DISK_FULL, "EFBIG" },
	{ ANY, EROFS, ERROR_WRITE_PROTECT, "EROFS" },
	{ ANY, EIO, ERROR_IO_DEVICE, "EIO" },
	{ ANY, ETXTBSY, ERROR_SHARING_VIOLATION, "ETXTBSY" },
	{ ANY, EBUSY, ERROR_SHARING_VIOLATION, "EBUSY" },
	{ ANY, ENOTEMPTY, ERROR_DIR_NOT_EMPTY, "ENOTEMPTY" },
	{ ANY, EPIPE, ERROR_BROKEN_PIPE, "EPIPE" },
	{ ANY, EOPNOTSUPP, ERROR_NOT_SUPPORTED, "EOPNOTSUPP" },
	{ ANY, ENOSYS, ERROR_NOT_SUPPORTED, "ENOSYS (no /dev/ntsection)" },
	{ ANY, ENODEV, ERROR_NOT_SUPPORTED, "ENODEV" },
	{ ANY, ELOOP, ERROR_GEN_FAILURE, "an errno without a row: ERROR_GEN_FAILURE" },
};

static int write_param(const char *name, const char *value, char *old, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/ntsection/parameters/%s", name);
	if (old) {
		f = fopen(path, "r");
		if (!f || !fgets(old, len, f))
			return -1;
		fclose(f);
	}
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(value, f);
	return fclose(f);
}

static void limits(void)
{
	char old[32];
	struct rlimit rl, orl;
	HANDLE h;
	int i, fds[64];

	if (write_param("max_sections", "0", old, sizeof(old))) {
		skip("cannot write the module's parameters", "max_sections: ERROR_NO_SYSTEM_RESOURCES");
	} else {
		h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, NULL);
		fails(!h, ERROR_NO_SYSTEM_RESOURCES, "max_sections reached: ERROR_NO_SYSTEM_RESOURCES");
		write_param("max_sections", old, NULL, 0);
	}
	if (write_param("max_section_size", "65536", old, sizeof(old))) {
		skip("cannot write the module's parameters", "max_section_size: ERROR_NOT_ENOUGH_MEMORY");
	} else {
		h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 1 << 20, NULL);
		fails(!h, ERROR_NOT_ENOUGH_MEMORY, "beyond max_section_size: ERROR_NOT_ENOUGH_MEMORY");
		write_param("max_section_size", old, NULL, 0);
	}
	h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, NULL);
	getrlimit(RLIMIT_NOFILE, &orl);
	rl = orl;
	rl.rlim_cur = 16;
	setrlimit(RLIMIT_NOFILE, &rl);
	for (i = 0; i < 64; i++)
		fds[i] = dup(0);
	fails(!CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, NULL),
	      ERROR_TOO_MANY_OPEN_FILES, "no free fd: CreateFileMapping fails with ERROR_TOO_MANY_OPEN_FILES");
	fails(CreateFileA("errors.dat", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL) == INVALID_HANDLE_VALUE,
	      ERROR_TOO_MANY_OPEN_FILES, "no free fd: CreateFileA fails with ERROR_TOO_MANY_OPEN_FILES");
	for (i = 0; i < 64; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	setrlimit(RLIMIT_NOFILE, &orl);
	CloseHandle(h);
}

int main(void)
{
	DWORD t0;
	unsigned int i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		is(libntsection_win32_error(rows[i].op, rows[i].err), rows[i].want,
		   "errors.c: %s -> %u", rows[i].what, (unsigned int)rows[i].want);
	is(libntsection_errno_status(MAP, ENXIO), STATUS_INVALID_VIEW_SIZE,
	   "errors.c: MapViewOfFile ENXIO -> STATUS_INVALID_VIEW_SIZE");
	is(libntsection_errno_status(CREATE, ENODATA), STATUS_MAPPED_FILE_SIZE_ZERO,
	   "errors.c: CreateFileMapping ENODATA -> STATUS_MAPPED_FILE_SIZE_ZERO");
	is(libntsection_errno_status(ANY, ELOOP), STATUS_UNSUCCESSFUL,
	   "errors.c: an errno without a row -> STATUS_UNSUCCESSFUL");
	is(RtlNtStatusToDosError(0x12345678), ERROR_GEN_FAILURE,
	   "RtlNtStatusToDosError of a status without a row: ERROR_GEN_FAILURE");
	limits();
	t0 = GetTickCount();
	Sleep(50);
	ok(GetTickCount() - t0 >= 45, "Sleep(50) lets GetTickCount advance 50 ms");
	return tap_done();
}
