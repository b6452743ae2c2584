// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * virtual.c - VirtualAlloc, VirtualFree and VirtualProtect: argument
 * checks in kernelbase's and ntdll's order, then the view path (an
 * address in a view of the registry, view.c) or the private-memory path
 * (alloc.c).  Each failure is an NTSTATUS turned into the Win32 error by
 * RtlNtStatusToDosError, as on Windows.
 *
 * On a view (rules 22, 49, 50, 68, 69, 77, 81-85 of docs/windows-rules.md):
 *   - a protection is allowed when its access is within the view's
 *     (PAGE_WRITECOPY counting as read-only), else STATUS_SECTION_
 *     PROTECTION (ERROR_INVALID_PARAMETER);
 *   - VirtualAlloc(MEM_COMMIT) of a file view is ERROR_ACCESS_DENIED; of a
 *     pagefile SEC_RESERVE view it is NTSECTION_IOC_COMMIT (section-wide:
 *     every view sees the pages committed) and then mprotect(2) of this
 *     view's range; of a SEC_COMMIT view the mprotect alone.  A range past
 *     the view is ERROR_INVALID_ADDRESS (STATUS_CONFLICTING_ADDRESSES);
 *   - MEM_RESET returns the address and does nothing (shared pages);
 *   - VirtualFree is ERROR_INVALID_PARAMETER (STATUS_UNABLE_TO_DELETE_
 *     SECTION): a view is released with UnmapViewOfFile, and there is no
 *     decommit;
 *   - VirtualProtect of uncommitted pages is ERROR_INVALID_ADDRESS
 *     (STATUS_NOT_COMMITTED).
 * PAGE_WRITECOPY on a shared view cannot make its pages private here (the
 * mapping would have to become MAP_PRIVATE of the section, and the library
 * holds no handle to it): they become read-only, and VirtualQuery reports
 * PAGE_READONLY.  In a copy-on-write view it is PROT_READ|PROT_WRITE of
 * the private mapping, as Windows does it.
 *
 * VirtualProtect of memory that is neither a view nor VirtualAlloc's
 * (a program's own code or data) is a plain mprotect(2).
 */
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ntsection.h"
#include "internal.h"

#define R	1
#define W	2
#define X	4

/* The access of a protection; PAGE_WRITECOPY counts as read-only. */
static unsigned int access_of(DWORD p)
{
	switch (p) {
	case PAGE_READONLY:
	case PAGE_WRITECOPY:
		return R;
	case PAGE_READWRITE:
		return R | W;
	case PAGE_EXECUTE:
		return X;
	case PAGE_EXECUTE_READ:
	case PAGE_EXECUTE_WRITECOPY:
		return R | X;
	case PAGE_EXECUTE_READWRITE:
		return R | W | X;
	default:
		return 0;
	}
}

/* Rule 49: may a view of protection @view have pages of protection @p? */
static int within(DWORD view, DWORD p)
{
	return !(access_of(p) & ~access_of(view));
}

/* PROT_* for protection @p in view @v (shared views have no copy-on-write). */
static int view_prot(const struct ns_view *v, DWORD p)
{
	int cow = v->protect == PAGE_WRITECOPY ||
		  v->protect == PAGE_EXECUTE_WRITECOPY;

	if (!cow && p == PAGE_WRITECOPY)
		return PROT_READ;
	if (!cow && p == PAGE_EXECUTE_WRITECOPY)
		return PROT_READ | PROT_EXEC;
	return libntsection_mmap_prot(p);
}

static size_t page_size(void)
{
	return sysconf(_SC_PAGESIZE);
}

static NTSTATUS view_alloc(const struct ns_view *v, uintptr_t s, uintptr_t e,
			   DWORD type, DWORD protect)
{
	int r;

	if (e > v->base + v->size)
		return STATUS_CONFLICTING_ADDRESSES;	/* rule 85 */
	if (type & MEM_RESET)
		return STATUS_SUCCESS;			/* rule 69 */
	if (v->attributes & SEC_FILE)
		return STATUS_ACCESS_DENIED;		/* rules 22, 50 */
	if (!within(v->protect, protect))
		return STATUS_SECTION_PROTECTION;	/* rule 50 */
	if (v->attributes & SEC_RESERVE) {
		r = ntsection_commit(NTSECTION_DEV_DEFAULT, (void *)s, e - s,
				     NULL);
		if (r < 0)
			return libntsection_errno_status(NS_OP_COMMIT, -r);
	}
	if (mprotect((void *)s, e - s, view_prot(v, protect)))
		return errno == EACCES ? STATUS_SECTION_PROTECTION :
		       libntsection_errno_status(NS_OP_ANY, errno);
	return STATUS_SUCCESS;
}

LPVOID WINAPI VirtualAlloc(LPVOID lpAddress, SIZE_T dwSize,
			   DWORD flAllocationType, DWORD flProtect)
{
	uintptr_t addr = (uintptr_t)lpAddress, page = page_size();
	DWORD type = flAllocationType;
	struct ns_view v;
	NTSTATUS st;
	void *at;

	if (!dwSize || (type & ~(MEM_COMMIT | MEM_RESERVE | MEM_RESET |
				 MEM_RESET_UNDO | MEM_TOP_DOWN |
				 MEM_WRITE_WATCH | MEM_PHYSICAL |
				 MEM_LARGE_PAGES))) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (type & (MEM_RESET_UNDO | MEM_WRITE_WATCH | MEM_PHYSICAL |
		    MEM_LARGE_PAGES)) {
		SetLastError(ERROR_NOT_SUPPORTED);
		return NULL;
	}
	type &= ~MEM_TOP_DOWN;
	if ((type & MEM_RESET) ? type != MEM_RESET || !addr :
	    !(type & (MEM_COMMIT | MEM_RESERVE)) ||
	    !libntsection_protect_valid(flProtect)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (addr && (addr < NS_GRANULARITY || addr >= NS_USER_TOP ||
		     dwSize > NS_USER_TOP - addr)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!addr)
		type |= MEM_RESERVE;	/* MEM_COMMIT alone reserves too */
	if (!(type & MEM_RESERVE) && libntsection_view_find(addr, &v)) {
		uintptr_t s = addr & ~(page - 1);
		uintptr_t e = (addr + dwSize + page - 1) & ~(page - 1);

		st = view_alloc(&v, s, e, type, flProtect);
		if (!NT_SUCCESS(st)) {
			libntsection_set_status(st);
			return NULL;
		}
		return (void *)s;
	}
	/* copy-on-write protections are for views only */
	if (flProtect == PAGE_WRITECOPY || flProtect == PAGE_EXECUTE_WRITECOPY) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	at = lpAddress;
	st = libntsection_alloc(&at, dwSize, type, flProtect);
	if (!NT_SUCCESS(st)) {
		libntsection_set_status(st);
		return NULL;
	}
	return at;
}

BOOL WINAPI VirtualFree(LPVOID lpAddress, SIZE_T dwSize, DWORD dwFreeType)
{
	struct ns_view v;
	NTSTATUS st;

	if (dwFreeType & (MEM_PRESERVE_PLACEHOLDER | MEM_COALESCE_PLACEHOLDERS)) {
		st = libntsection_placeholder_free(lpAddress, dwSize, dwFreeType);
		return NT_SUCCESS(st) ? TRUE : libntsection_set_status(st);
	}
	if ((dwFreeType != MEM_DECOMMIT && dwFreeType != MEM_RELEASE) ||
	    (dwFreeType == MEM_RELEASE && dwSize))
		return libntsection_set_status(STATUS_INVALID_PARAMETER);
	if (libntsection_view_find((uintptr_t)lpAddress, &v))
		return libntsection_set_status(STATUS_UNABLE_TO_DELETE_SECTION);
	st = libntsection_alloc_free(lpAddress, dwSize, dwFreeType);
	if (!NT_SUCCESS(st))
		return libntsection_set_status(st);
	return TRUE;
}

static NTSTATUS view_protect(const struct ns_view *v, uintptr_t s,
			     uintptr_t e, DWORD protect, DWORD *old)
{
	uintptr_t p, end;
	DWORD state, cur;

	if (e > v->base + v->size)
		return STATUS_CONFLICTING_ADDRESSES;
	if (!within(v->protect, protect))
		return STATUS_SECTION_PROTECTION;	/* rules 22, 49, 84 */
	for (p = s; p < e; p = end) {
		libntsection_view_region(v, p, &state, &cur, &end);
		if (state != MEM_COMMIT)
			return STATUS_NOT_COMMITTED;
		if (p == s)
			*old = cur;
	}
	if (mprotect((void *)s, e - s, view_prot(v, protect)))
		return errno == EACCES ? STATUS_SECTION_PROTECTION :
		       libntsection_errno_status(NS_OP_ANY, errno);
	return STATUS_SUCCESS;
}

BOOL WINAPI VirtualProtect(LPVOID lpAddress, SIZE_T dwSize,
			   DWORD flNewProtect, PDWORD lpflOldProtect)
{
	uintptr_t addr = (uintptr_t)lpAddress, page = page_size();
	uintptr_t s = addr & ~(page - 1);
	uintptr_t e = (addr + dwSize + page - 1) & ~(page - 1);
	MEMORY_BASIC_INFORMATION m;
	struct ns_view v;
	NTSTATUS st;
	DWORD old = 0;

	if (!lpflOldProtect) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!libntsection_protect_valid(flNewProtect))
		return libntsection_set_status(STATUS_INVALID_PAGE_PROTECTION);
	if (e == s)
		e = s + page;
	if (libntsection_view_find(addr, &v)) {
		st = view_protect(&v, s, e, flNewProtect, &old);
	} else {
		st = libntsection_alloc_protect(lpAddress, dwSize,
						flNewProtect, &old);
		if (st == STATUS_MEMORY_NOT_ALLOCATED) {
			/* neither a view nor VirtualAlloc's: plain memory */
			if (!VirtualQuery(lpAddress, &m, sizeof(m)) ||
			    m.State != MEM_COMMIT)
				return libntsection_set_status(STATUS_NOT_COMMITTED);
			old = m.Protect;
			st = mprotect((void *)s, e - s,
				      libntsection_mmap_prot(flNewProtect)) ?
			     libntsection_errno_status(NS_OP_ANY, errno) :
			     STATUS_SUCCESS;
		}
	}
	if (!NT_SUCCESS(st))
		return libntsection_set_status(st);
	*lpflOldProtect = old;
	return TRUE;
}
