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
 * ERROR_ALREADY_EXISTS; success otherwise leaves the last error 0.
 */
#include <errno.h>
#include <fcntl.h>
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

HANDLE WINAPI CreateFileMappingA(HANDLE hFile,
				 LPSECURITY_ATTRIBUTES lpAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh,
				 DWORD dwMaximumSizeLow, LPCSTR lpName)
{
	uint64_t size = (uint64_t)dwMaximumSizeHigh << 32 | dwMaximumSizeLow;
	DWORD protect = flProtect & ~SEC_MASK;
	DWORD attributes = flProtect & SEC_MASK;
	struct ntsection_create_args a;
	int file_fd = -1, inh, fd;
	uint32_t access;

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
		int fl;

		file_fd = libntsection_fd(hFile);
		fl = file_fd < 0 ? -1 : fcntl(file_fd, F_GETFL);
		if (fl < 0) {
			SetLastError(ERROR_INVALID_HANDLE);
			return NULL;
		}
		/* a file opened with access 0 (CreateFileA: O_PATH) */
		if (fl & O_PATH) {
			SetLastError(ERROR_ACCESS_DENIED);
			return NULL;
		}
	} else if (!size) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}

	ntsection_create_init(&a, size, protect, file_fd, access);
	a.attributes = attributes;
	if (inh)
		a.flags |= NTSECTION_CREATE_INHERIT;
	if (lpName && *lpName)	/* an empty name is no name, as in Windows */
		ntsection_create_set_name(&a, lpName);
	fd = ntsection_create(NTSECTION_DEV_DEFAULT, &a);
	if (fd < 0) {
		libntsection_set_errno(NS_OP_CREATE, -fd);
		return NULL;
	}
	SetLastError(a.existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
	return ntsection_fd_to_handle(fd);
}

HANDLE WINAPI OpenFileMappingA(DWORD dwDesiredAccess, BOOL bInheritHandle,
			       LPCSTR lpName)
{
	uint32_t access;
	int fd;

	if (!lpName) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	/* as in kernelbase: a copy-on-write view needs only MAP_READ */
	if (dwDesiredAccess == FILE_MAP_COPY)
		dwDesiredAccess = SECTION_MAP_READ;
	access = libntsection_section_access(dwDesiredAccess);
	fd = ntsection_open(NTSECTION_DEV_DEFAULT, lpName, access,
			    bInheritHandle ? NTSECTION_OPEN_INHERIT : 0);
	if (fd < 0) {
		libntsection_set_errno(NS_OP_OPEN, -fd);
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
		return libntsection_ntstatus(-r);
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
