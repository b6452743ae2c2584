// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * placeholder.c - placeholders: VirtualAlloc2 with MEM_RESERVE_PLACEHOLDER,
 * VirtualFree with MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER (split) and
 * MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS, MapViewOfFile3 with
 * MEM_REPLACE_PLACEHOLDER, and UnmapViewOfFile2 / UnmapViewOfFileEx with
 * MEM_PRESERVE_PLACEHOLDER.
 *
 * A placeholder is a VirtualAlloc reservation (an inaccessible
 * MAP_NORESERVE mapping, alloc.c) marked as a placeholder in the
 * allocation registry: VirtualQuery reports it as Windows does (State
 * MEM_RESERVE, Type MEM_PRIVATE, Protect 0, AllocationProtect
 * PAGE_NOACCESS), VirtualFree(MEM_RELEASE) releases it, and it cannot be
 * committed (ERROR_INVALID_ADDRESS).  Splitting and coalescing change the
 * registry only: Linux splits and merges the mappings by itself.
 *
 * Replacing a placeholder with a view takes it out of the allocation
 * registry, then maps the section with MAP_FIXED over exactly its range
 * (libntsection_map_view(), the MapViewOfFileEx path, with
 * MEM_REPLACE_PLACEHOLDER), so the range is never free for another mmap
 * to take.  Unmapping with MEM_PRESERVE_PLACEHOLDER maps an inaccessible
 * MAP_NORESERVE mapping back over the view in place and registers the
 * range as a placeholder again.
 *
 * The statuses are Windows' (as Wine's conformance tests of
 * NtFreeVirtualMemory and NtMapViewOfSectionEx record them), turned into
 * the Win32 error by RtlNtStatusToDosError.  Not supported: extended
 * parameters (ERROR_NOT_SUPPORTED unless there are none), other processes
 * (ERROR_INVALID_HANDLE), and replacing a placeholder with private memory
 * (VirtualAlloc2 with MEM_REPLACE_PLACEHOLDER: ERROR_NOT_SUPPORTED).
 */
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

static uintptr_t page_size(void)
{
	return sysconf(_SC_PAGESIZE);
}

static int own_process(HANDLE process)
{
	return !process || process == GetCurrentProcess();
}

/* Extended parameters: none only.  STATUS_SUCCESS or the status to fail. */
static NTSTATUS no_extended(const MEM_EXTENDED_PARAMETER *ext, ULONG count)
{
	if (!count)
		return STATUS_SUCCESS;
	return ext ? STATUS_NOT_SUPPORTED : STATUS_INVALID_PARAMETER;
}

PVOID WINAPI VirtualAlloc2(HANDLE Process, PVOID BaseAddress, SIZE_T Size,
			   ULONG AllocationType, ULONG PageProtection,
			   MEM_EXTENDED_PARAMETER *ExtendedParameters,
			   ULONG ParameterCount)
{
	uintptr_t addr = (uintptr_t)BaseAddress;
	NTSTATUS st;
	void *at;

	if (!own_process(Process)) {
		libntsection_set_status(STATUS_INVALID_HANDLE);
		return NULL;
	}
	st = no_extended(ExtendedParameters, ParameterCount);
	if (!NT_SUCCESS(st)) {
		libntsection_set_status(st);
		return NULL;
	}
	if (AllocationType & MEM_REPLACE_PLACEHOLDER) {
		/* a placeholder replaced by private memory */
		libntsection_set_status(STATUS_NOT_SUPPORTED);
		return NULL;
	}
	if (!(AllocationType & MEM_RESERVE_PLACEHOLDER))
		return VirtualAlloc(BaseAddress, Size, AllocationType,
				    PageProtection);
	/* a placeholder is reserved only, and inaccessible */
	if (AllocationType != (MEM_RESERVE | MEM_RESERVE_PLACEHOLDER) ||
	    PageProtection != PAGE_NOACCESS || !Size ||
	    (addr && (addr < NS_GRANULARITY || addr >= NS_USER_TOP ||
		      Size > NS_USER_TOP - addr))) {
		libntsection_set_status(STATUS_INVALID_PARAMETER);
		return NULL;
	}
	at = BaseAddress;
	st = libntsection_alloc(&at, Size, AllocationType, PageProtection);
	if (!NT_SUCCESS(st)) {
		libntsection_set_status(st);
		return NULL;
	}
	return at;
}

/* VirtualFree with MEM_PRESERVE_PLACEHOLDER or MEM_COALESCE_PLACEHOLDERS */
NTSTATUS libntsection_placeholder_free(void *addr, size_t size, DWORD type)
{
	uintptr_t page = page_size(), at = (uintptr_t)addr;
	uintptr_t s = at & ~(page - 1), e;
	DWORD how = type & ~MEM_RELEASE;
	struct ns_view v;

	if (!(type & MEM_RELEASE) ||
	    (how != MEM_PRESERVE_PLACEHOLDER && how != MEM_COALESCE_PLACEHOLDERS))
		return STATUS_INVALID_PARAMETER_4;
	if (!size)
		return STATUS_INVALID_PARAMETER_3;
	if (size > NS_USER_TOP - s)
		return STATUS_CONFLICTING_ADDRESSES;
	e = (at + size + page - 1) & ~(page - 1);
	if (libntsection_view_find(at, &v))
		return STATUS_CONFLICTING_ADDRESSES;
	if (how == MEM_PRESERVE_PLACEHOLDER)
		return libntsection_placeholder_split(s, e);
	return libntsection_placeholder_coalesce(s, e);
}

/* Put the placeholder [@base, @base + @len) back after a failed replace. */
static void restore(uintptr_t base, size_t len)
{
	/* still mapped, unless the failure came after the mmap(2) */
	mmap((void *)base, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
	     MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	libntsection_placeholder_add(base, len);
}

static NTSTATUS replace(HANDLE section, uintptr_t base, DWORD64 offset,
			size_t size, ULONG type, ULONG protect, void **out)
{
	uintptr_t page = page_size();
	struct ns_facts fi;
	void *at = (void *)base;
	size_t len = size;
	NTSTATUS st;
	int fd;

	if (!base)
		return STATUS_INVALID_PARAMETER;
	if (!len) {
		/* the view to the section's end, as without a placeholder */
		fd = libntsection_fd(section);
		if (fd < 0 || section == INVALID_HANDLE_VALUE)
			return STATUS_INVALID_HANDLE;
		/* the current size: the table's is a lower bound */
		if (libntsection_facts(fd, &fi, 1) < 0 || offset >= fi.size)
			return STATUS_INVALID_PARAMETER;
		len = fi.size - offset;
	}
	if (len > SIZE_MAX - page)
		return STATUS_INVALID_PARAMETER;
	len = (len + page - 1) & ~(page - 1);
	st = libntsection_placeholder_take(base, len);
	if (!NT_SUCCESS(st))
		return st;
	st = libntsection_map_view(section, GetCurrentProcess(), &at, 0,
				   offset, &len, ViewShare, type, protect);
	if (!NT_SUCCESS(st)) {
		restore(base, len);
		return st;
	}
	*out = at;
	return STATUS_SUCCESS;
}

PVOID WINAPI MapViewOfFile3(HANDLE FileMapping, HANDLE Process,
			    PVOID BaseAddress, DWORD64 Offset,
			    SIZE_T ViewSize, ULONG AllocationType,
			    ULONG PageProtection,
			    MEM_EXTENDED_PARAMETER *ExtendedParameters,
			    ULONG ParameterCount)
{
	uintptr_t base = (uintptr_t)BaseAddress;
	SIZE_T size = ViewSize;
	void *at = NULL;
	NTSTATUS st;

	if (!own_process(Process)) {
		st = STATUS_INVALID_HANDLE;
		goto fail;
	}
	st = no_extended(ExtendedParameters, ParameterCount);
	if (!NT_SUCCESS(st))
		goto fail;
	if (AllocationType & MEM_REPLACE_PLACEHOLDER) {
		st = replace(FileMapping, base, Offset, ViewSize,
			     AllocationType, PageProtection, &at);
		if (!NT_SUCCESS(st))
			goto fail;
		return at;
	}
	/* "the address is rounded down to the nearest 64k boundary" */
	at = (void *)(base & ~(NS_GRANULARITY - 1));
	st = libntsection_map_view(FileMapping, GetCurrentProcess(), &at, 0,
				   Offset, &size, ViewShare, AllocationType,
				   PageProtection);
	if (NT_SUCCESS(st))
		return at;
fail:
	libntsection_set_status(st);
	return NULL;
}

BOOL WINAPI UnmapViewOfFile2(HANDLE Process, PVOID BaseAddress,
			     ULONG UnmapFlags)
{
	uintptr_t base;
	size_t size;
	NTSTATUS st;
	int r;

	if (!own_process(Process))
		return libntsection_set_status(STATUS_INVALID_HANDLE);
	if (UnmapFlags & ~(MEM_UNMAP_WITH_TRANSIENT_BOOST |
			   MEM_PRESERVE_PLACEHOLDER))
		return libntsection_set_status(STATUS_INVALID_PARAMETER);
	if (!(UnmapFlags & MEM_PRESERVE_PLACEHOLDER))
		return UnmapViewOfFile(BaseAddress);
	r = libntsection_view_unmap_placeholder((uintptr_t)BaseAddress,
						&base, &size);
	if (r == -ENXIO)
		return libntsection_set_status(STATUS_NOT_MAPPED_VIEW);
	if (r == -EINVAL)	/* the view replaced no placeholder */
		return libntsection_set_status(STATUS_INVALID_PARAMETER);
	if (r < 0)
		return libntsection_set_status(
				libntsection_errno_status(NS_OP_ANY, -r));
	st = libntsection_placeholder_add(base, size);
	if (!NT_SUCCESS(st)) {
		munmap((void *)base, size);
		return libntsection_set_status(st);
	}
	return TRUE;
}

BOOL WINAPI UnmapViewOfFileEx(PVOID BaseAddress, ULONG UnmapFlags)
{
	return UnmapViewOfFile2(GetCurrentProcess(), BaseAddress, UnmapFlags);
}
