// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mapping.c - section objects the Win32 way: CreateFileMappingA,
 * OpenFileMappingA and NtQuerySection.
 *
 * CreateFileMappingA follows kernelbase: the page protection (the low
 * byte of flProtect) must be one of the six section protections and
 * decides the handle's access; the SEC_* bits (default SEC_COMMIT) go to
 * the module, which validates them; a pagefile-backed section needs a
 * size.  A named section that exists gives a handle to it and
 * ERROR_ALREADY_EXISTS; success otherwise leaves the last error 0.  The
 * work is NtCreateSection's and NtOpenSection's (nt.c), and their status
 * becomes the Win32 error: a SEC_COMMIT section beyond the commit limit
 * is ERROR_COMMITMENT_LIMIT (STATUS_COMMITMENT_LIMIT).
 */
#include <errno.h>
#include <string.h>

#include "ntsection.h"
#include "internal.h"

#define SEC_MASK	0xfff00000U

/* The handle access kernelbase asks for, or 0 for a refused protection. */
static uint32_t create_access(DWORD protect)
{
	switch (protect) {
	case PAGE_READONLY:
	case PAGE_WRITECOPY:
		return SECTION_QUERY | SECTION_MAP_READ;
	case PAGE_READWRITE:
		return SECTION_QUERY | SECTION_MAP_READ | SECTION_MAP_WRITE;
	case PAGE_EXECUTE_READ:
	case PAGE_EXECUTE_WRITECOPY:
		return SECTION_QUERY | SECTION_MAP_READ | SECTION_MAP_EXECUTE;
	case PAGE_EXECUTE_READWRITE:
		return SECTION_QUERY | SECTION_MAP_READ | SECTION_MAP_WRITE |
		       SECTION_MAP_EXECUTE;
	default:
		return 0;
	}
}

/* bInheritHandle of @sa; -1 (and ERROR_INVALID_PARAMETER) if refused. */
static int inherit(LPSECURITY_ATTRIBUTES sa)
{
	if (!sa)
		return 0;
	if (sa->lpSecurityDescriptor) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return -1;
	}
	return !!sa->bInheritHandle;
}

/* kernelbase's CreateFileMappingW: NtCreateSection with OBJ_OPENIF. */
HANDLE WINAPI CreateFileMappingA(HANDLE hFile,
				 LPSECURITY_ATTRIBUTES lpAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh,
				 DWORD dwMaximumSizeLow, LPCSTR lpName)
{
	uint64_t size = (uint64_t)dwMaximumSizeHigh << 32 | dwMaximumSizeLow;
	DWORD protect = flProtect & ~SEC_MASK;
	DWORD attributes = flProtect & SEC_MASK;
	int file_fd = -1, inh, fd;
	uint32_t access;
	NTSTATUS st;

	inh = inherit(lpAttributes);
	if (inh < 0)
		return NULL;
	access = create_access(protect);
	if (!access) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!attributes)
		attributes = SEC_COMMIT;
	if (hFile != INVALID_HANDLE_VALUE) {
		file_fd = libntsection_fd(hFile);
		if (file_fd < 0) {
			SetLastError(ERROR_INVALID_HANDLE);
			return NULL;
		}
	}
	st = libntsection_create_section(&fd, access, lpName,
					 NS_CREATE_OPENIF |
					 (inh ? NS_CREATE_INHERIT : 0),
					 size, protect, attributes, file_fd);
	if (!NT_SUCCESS(st)) {
		libntsection_set_status(st);
		return NULL;
	}
	/* ERROR_ALREADY_EXISTS for STATUS_OBJECT_NAME_EXISTS, else 0 */
	SetLastError(RtlNtStatusToDosError(st));
	return ntsection_fd_to_handle(fd);
}

HANDLE WINAPI OpenFileMappingA(DWORD dwDesiredAccess, BOOL bInheritHandle,
			       LPCSTR lpName)
{
	NTSTATUS st;
	int fd;

	if (!lpName) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	/* as in kernelbase: a copy-on-write view needs only MAP_READ */
	if (dwDesiredAccess == FILE_MAP_COPY)
		dwDesiredAccess = SECTION_MAP_READ;
	st = libntsection_open_section(&fd, lpName,
			libntsection_section_access(dwDesiredAccess),
			bInheritHandle);
	if (!NT_SUCCESS(st)) {
		libntsection_set_status(st);
		return NULL;
	}
	return ntsection_fd_to_handle(fd);
}

NTSTATUS WINAPI NtQuerySection(HANDLE SectionHandle,
			       SECTION_INFORMATION_CLASS InformationClass,
			       PVOID InformationBuffer,
			       SIZE_T InformationBufferSize,
			       PSIZE_T ResultLength)
{
	SECTION_BASIC_INFORMATION *sbi = InformationBuffer;
	struct ntsection_info info;
	int fd = libntsection_fd(SectionHandle), r;

	if (fd < 0)
		return STATUS_INVALID_HANDLE;
	switch (InformationClass) {
	case SectionBasicInformation:
		if (InformationBufferSize < sizeof(*sbi))
			return STATUS_INFO_LENGTH_MISMATCH;
		break;
	case SectionImageInformation:
		if (InformationBufferSize < SECTION_IMAGE_INFORMATION_SIZE)
			return STATUS_INFO_LENGTH_MISMATCH;
		break;
	default:
		return STATUS_INVALID_INFO_CLASS;
	}
	r = ntsection_query(fd, &info);
	if (r < 0)
		return libntsection_errno_status(NS_OP_ANY, -r);
	if (InformationClass == SectionImageInformation)
		return STATUS_SECTION_NOT_IMAGE;	/* no image sections */
	if (!sbi)
		return STATUS_ACCESS_VIOLATION;
	memset(sbi, 0, sizeof(*sbi));
	sbi->BaseAddress = NULL;
	sbi->Attributes = info.attributes;
	sbi->Size.QuadPart = info.size;
	if (ResultLength)
		*ResultLength = sizeof(*sbi);
	return STATUS_SUCCESS;
}
