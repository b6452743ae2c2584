/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * internal.h - what the files of libntsection share and do not export:
 * the shared device fd, the errno-to-Win32 table's entry points, the
 * handle encoding, the handle table of section facts and the view
 * registry.
 */
#ifndef LIBNTSECTION_INTERNAL_H
#define LIBNTSECTION_INTERNAL_H

#include <stdint.h>

#include "winsection.h"

#define NS_GRANULARITY	65536UL

/*
 * The operation an errno came from: a few errnos mean different Win32
 * errors in different calls (ENXIO is a view too big when mapping and a
 * non-view when flushing).  See errors.c.
 */
enum ns_op {
	NS_OP_ANY,
	NS_OP_CREATE,		/* CreateFileMapping */
	NS_OP_OPEN,		/* OpenFileMapping */
	NS_OP_MAP,		/* MapViewOfFile(Ex) */
	NS_OP_FLUSH,		/* FlushViewOfFile */
	NS_OP_FILE,		/* CreateFile, DeleteFile, file I/O */
	NS_OP_COMMIT,		/* VirtualAlloc(MEM_COMMIT) of a view */
	NS_OP_EXTEND,		/* NtExtendSection */
};

int libntsection_device(void);

/* unicode.c: @n UTF-16 units as NUL-terminated UTF-8; 0, or -1 if invalid */
int libntsection_utf8_name(const WCHAR *w, char **out);
int libntsection_utf16_to_utf8(const WCHAR *s, size_t n, char *buf,
			       size_t len);

/* Set the last error from @err (a positive errno) in operation @op. */
void libntsection_set_errno(enum ns_op op, int err);
DWORD libntsection_win32_error(enum ns_op op, int err);
/* The NTSTATUS of @err (a positive errno) in operation @op. */
NTSTATUS libntsection_errno_status(enum ns_op op, int err);
/* Set the last error from @status (RtlNtStatusToDosError); returns FALSE. */
BOOL libntsection_set_status(NTSTATUS status);

/* Handles: fd n is HANDLE (n + 1) * 4; the pseudo-handle -1 is no fd. */
int libntsection_fd(HANDLE h);

/*
 * The facts of a section handle (handle.c's handle table): the section's
 * size (in the table, a lower bound: sections only grow), protection and
 * attributes, the handle's access, the views' alignment (map_align).
 */
struct ns_facts {
	uint64_t size;
	uint32_t access, protect, attributes;
	uint64_t map_align;
};
/*
 * @fd's facts: from the table, or from one NTSECTION_IOC_HANDLE_INFO when
 * the table does not know @fd or @fresh asks for the current size.  0, or
 * -errno (-ENOTTY: not a section handle).
 */
int libntsection_facts(int fd, struct ns_facts *f, int fresh);
/* Remember @f as @fd's facts (a handle the library just made). */
void libntsection_facts_set(int fd, const struct ns_facts *f);
/* Remember what one NTSECTION_IOC_HANDLE_INFO says of @fd. */
void libntsection_facts_learn(int fd);
/* @to duplicates @fd with @access (NS_SAME_ACCESS: @fd's). */
#define NS_SAME_ACCESS	UINT32_MAX
void libntsection_facts_copy(int fd, int to, uint32_t access);
/* The section of @fd grew to @size (NtExtendSection). */
void libntsection_facts_grow(int fd, uint64_t size);
/* Forget @fd (it is closing, or is not a section handle). */
void libntsection_facts_forget(int fd);

/* A Win32 section access mask as NTSECTION_SECTION_* bits. */
uint32_t libntsection_section_access(DWORD access);

/*
 * The views MapViewOfFile and NtMapViewOfSection made (view.c): base
 * (64 KiB aligned), size (whole pages), the view's Win32 protection, the
 * section's attributes, the backing file's device and inode (learnt when
 * SetEndOfFile first needs them: file_known), and whether a fork leaves
 * it out (ViewUnmap; MADV_DONTFORK is given before the first fork:
 * dontfork_set).
 */
struct ns_view {
	uintptr_t base;
	size_t size;
	DWORD protect;
	uint32_t attributes;
	uint64_t dev, ino;
	int file_known;
	int dontfork;
	int dontfork_set;
	int placeholder;	/* it replaced a placeholder (MapViewOfFile3) */
	/* the whole large pages mapped around a small view of them, or 0 */
	uintptr_t map_base;
	size_t map_size;
};
/* Copy the view containing @addr into @v: 1 if there is one, else 0. */
int libntsection_view_find(uintptr_t addr, struct ns_view *v);
/* Add @v to the registry: 0, or -ENOMEM. */
int libntsection_view_add(const struct ns_view *v);
/* Unmap the whole view containing @addr: 0, or -ENXIO (no view). */
int libntsection_view_unmap(uintptr_t addr);
/* 1 when a view of the registry maps the file (@dev, @ino). */
int libntsection_view_maps_file(uint64_t dev, uint64_t ino);
/*
 * Make the view containing @addr, which replaced a placeholder, an
 * inaccessible reservation again; its range in *@base, *@size.  0, -ENXIO
 * (no view), -EINVAL (the view replaced no placeholder) or -errno.
 */
int libntsection_view_unmap_placeholder(uintptr_t addr, uintptr_t *base,
					size_t *size);

/* memory.c: the large page size (hpage_pmd_size), or 0 */
size_t libntsection_large_page(void);

/* nt.c: the native cores the Win32 layer shares (NTSTATUS results). */
#define NS_CREATE_INHERIT	0x1	/* OBJ_INHERIT, bInheritHandle */
#define NS_CREATE_OPENIF	0x2	/* OBJ_OPENIF: an existing name opens */
NTSTATUS libntsection_create_section(int *fd, uint32_t access,
				     const char *name, int flags,
				     uint64_t size, DWORD protect,
				     DWORD attributes, int file_fd);
NTSTATUS libntsection_open_section(int *fd, const char *name,
				   uint32_t access, int inherit);
NTSTATUS libntsection_map_view(HANDLE section, HANDLE process, void **base,
			       size_t commit, uint64_t offset, size_t *size,
			       int disposition, DWORD type, DWORD protect);
/* One of the eight page protections (PAGE_NOACCESS too), no modifiers. */
int libntsection_protect_valid(DWORD p);
/* The PROT_* bits of a Win32 page protection. */
int libntsection_mmap_prot(DWORD p);

/* file.c: may the file of @fd back an execute section?  (rule 6) */
int libntsection_file_executable(int fd);
/* file.c: @to, a duplicate of @from, was opened with @from's access. */
void libntsection_file_copy(int from, int to);
/* file.c: forget what CreateFileA recorded about @fd (it is closing). */
void libntsection_file_forget(int fd);
/* sync.c: unmap the synchronisation object of @fd, if any (it is closing). */
void libntsection_sync_forget(int fd);

/*
 * alloc.c: private memory (not views).  libntsection_alloc() reserves,
 * commits (MEM_COMMIT with an address: inside an allocation) or resets
 * (MEM_RESET); libntsection_alloc_free() decommits or releases;
 * libntsection_alloc_protect() fails with STATUS_MEMORY_NOT_ALLOCATED
 * outside the allocations; libntsection_alloc_query() is 1 when @addr is
 * in one (and fills @mbi), else 0.
 */
NTSTATUS libntsection_alloc(void **addr, size_t size, DWORD type,
			    DWORD protect);
NTSTATUS libntsection_alloc_free(void *addr, size_t size, DWORD type);
NTSTATUS libntsection_alloc_protect(void *addr, size_t size, DWORD protect,
				    DWORD *old);
int libntsection_alloc_query(uintptr_t addr, MEMORY_BASIC_INFORMATION *mbi);
/* The allocation around @addr: 1 and its base, size and committed bytes. */
int libntsection_alloc_region(uintptr_t addr, MEMORY_REGION_INFORMATION *mri);
/* alloc.c: placeholders in the allocation registry (see placeholder.c). */
NTSTATUS libntsection_placeholder_split(uintptr_t s, uintptr_t e);
NTSTATUS libntsection_placeholder_coalesce(uintptr_t s, uintptr_t e);
NTSTATUS libntsection_placeholder_take(uintptr_t base, size_t size);
NTSTATUS libntsection_placeholder_add(uintptr_t base, size_t size);
/* placeholder.c: VirtualFree with MEM_{PRESERVE,COALESCE}_PLACEHOLDER(S). */
NTSTATUS libntsection_placeholder_free(void *addr, size_t size, DWORD type);

/*
 * memory.c: the region of view @v around @page: State (MEM_COMMIT or
 * MEM_RESERVE), Protect (0 when reserved) and its end.
 */
void libntsection_view_region(const struct ns_view *v, uintptr_t page,
			      DWORD *state, DWORD *protect, uintptr_t *end);
/* memory.c: the highest user address (x86-64, 4-level page tables). */
#define NS_USER_TOP	0x00007ffffffff000UL

#endif /* LIBNTSECTION_INTERNAL_H */
