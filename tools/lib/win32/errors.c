// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * errors.c - the one place where errnos become Win32 errors (and NTSTATUS
 * values), and the per-thread last error behind GetLastError().
 *
 * The table is read top to bottom: the first row whose operation is the
 * caller's (or NS_OP_ANY) and whose errno matches wins, so per-operation
 * rows come first.  An errno missing from the table is ERROR_GEN_FAILURE.
 */
#include <errno.h>

#include "internal.h"

static __thread DWORD last_error;

DWORD WINAPI GetLastError(void)
{
	return last_error;
}

void WINAPI SetLastError(DWORD dwErrCode)
{
	last_error = dwErrCode;
}

static const struct {
	enum ns_op op;
	int err;
	DWORD win32;
} table[] = {
	/* a view beyond the section (Windows STATUS_INVALID_VIEW_SIZE) */
	{ NS_OP_MAP,	ENXIO,		ERROR_ACCESS_DENIED },
	/* a requested address already in use (STATUS_CONFLICTING_ADDRESSES) */
	{ NS_OP_MAP,	EEXIST,		ERROR_INVALID_ADDRESS },
	{ NS_OP_MAP,	ENOMEM,		ERROR_NOT_ENOUGH_MEMORY },
	{ NS_OP_MAP,	ENODEV,		ERROR_INVALID_HANDLE },
	/* not inside a view (Wine: STATUS_INVALID_PARAMETER) */
	{ NS_OP_FLUSH,	ENXIO,		ERROR_INVALID_PARAMETER },
	/* file too small for a read-only section (STATUS_SECTION_TOO_BIG) */
	{ NS_OP_CREATE,	EFBIG,		ERROR_NOT_ENOUGH_MEMORY },
	/* empty file, size 0 (STATUS_MAPPED_FILE_SIZE_ZERO) */
	{ NS_OP_CREATE,	ENODATA,	ERROR_FILE_INVALID },
	/* SEC_IMAGE (STATUS_INVALID_FILE_FOR_SECTION) */
	{ NS_OP_CREATE,	ENOEXEC,	ERROR_BAD_EXE_FORMAT },
	/* not a regular file */
	{ NS_OP_CREATE,	ENODEV,		ERROR_INVALID_HANDLE },
	/* max_sections reached */
	{ NS_OP_CREATE,	ENOSPC,		ERROR_NO_SYSTEM_RESOURCES },
	{ NS_OP_CREATE,	EEXIST,		ERROR_ALREADY_EXISTS },
	{ NS_OP_FILE,	EEXIST,		ERROR_FILE_EXISTS },
	{ NS_OP_FILE,	ENOTDIR,	ERROR_PATH_NOT_FOUND },
	{ NS_OP_FILE,	EISDIR,		ERROR_ACCESS_DENIED },
	{ NS_OP_FILE,	ESPIPE,		ERROR_INVALID_FUNCTION },
	{ NS_OP_FILE,	EINVAL,		ERROR_INVALID_PARAMETER },
	{ NS_OP_ANY,	0,		ERROR_SUCCESS },
	{ NS_OP_ANY,	ENOENT,		ERROR_FILE_NOT_FOUND },
	{ NS_OP_ANY,	EACCES,		ERROR_ACCESS_DENIED },
	{ NS_OP_ANY,	EPERM,		ERROR_ACCESS_DENIED },
	{ NS_OP_ANY,	EINVAL,		ERROR_INVALID_PARAMETER },
	{ NS_OP_ANY,	EBADF,		ERROR_INVALID_HANDLE },
	/* a section call on something that is not a section */
	{ NS_OP_ANY,	ENOTTY,		ERROR_INVALID_HANDLE },
	{ NS_OP_ANY,	ENOMEM,		ERROR_NOT_ENOUGH_MEMORY },
	{ NS_OP_ANY,	EAGAIN,		ERROR_NOT_ENOUGH_MEMORY },
	{ NS_OP_ANY,	EFAULT,		ERROR_INVALID_ADDRESS },
	{ NS_OP_ANY,	ENXIO,		ERROR_INVALID_ADDRESS },
	{ NS_OP_ANY,	EEXIST,		ERROR_ALREADY_EXISTS },
	{ NS_OP_ANY,	ENAMETOOLONG,	ERROR_FILENAME_EXCED_RANGE },
	{ NS_OP_ANY,	EMFILE,		ERROR_TOO_MANY_OPEN_FILES },
	{ NS_OP_ANY,	ENFILE,		ERROR_TOO_MANY_OPEN_FILES },
	{ NS_OP_ANY,	ENOSPC,		ERROR_DISK_FULL },
	{ NS_OP_ANY,	EDQUOT,		ERROR_DISK_FULL },
	{ NS_OP_ANY,	EFBIG,		ERROR_DISK_FULL },
	{ NS_OP_ANY,	EROFS,		ERROR_WRITE_PROTECT },
	{ NS_OP_ANY,	EIO,		ERROR_IO_DEVICE },
	{ NS_OP_ANY,	ETXTBSY,	ERROR_SHARING_VIOLATION },
	{ NS_OP_ANY,	EBUSY,		ERROR_SHARING_VIOLATION },
	{ NS_OP_ANY,	ENOTEMPTY,	ERROR_DIR_NOT_EMPTY },
	{ NS_OP_ANY,	EPIPE,		ERROR_BROKEN_PIPE },
	{ NS_OP_ANY,	EOPNOTSUPP,	ERROR_NOT_SUPPORTED },
	/* no /dev/ntsection: the module is not loaded */
	{ NS_OP_ANY,	ENOSYS,		ERROR_NOT_SUPPORTED },
	/* a device or file that cannot do what was asked */
	{ NS_OP_ANY,	ENODEV,		ERROR_NOT_SUPPORTED },
};

DWORD libntsection_win32_error(enum ns_op op, int err)
{
	unsigned int i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].err == err &&
		    (table[i].op == op || table[i].op == NS_OP_ANY))
			return table[i].win32;
	return ERROR_GEN_FAILURE;
}

void libntsection_set_errno(enum ns_op op, int err)
{
	last_error = libntsection_win32_error(op, err);
}

/* For the Nt* functions, which return a status instead. */
NTSTATUS libntsection_ntstatus(int err)
{
	switch (err) {
	case 0:
		return STATUS_SUCCESS;
	case EACCES:
	case EPERM:
		return STATUS_ACCESS_DENIED;
	case EBADF:
		return STATUS_INVALID_HANDLE;
	case ENOTTY:
		return STATUS_OBJECT_TYPE_MISMATCH;
	case ENOMEM:
		return STATUS_NO_MEMORY;
	case EFAULT:
		return STATUS_ACCESS_VIOLATION;
	default:
		return STATUS_INVALID_PARAMETER;
	}
}
