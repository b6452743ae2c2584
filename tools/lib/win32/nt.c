// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nt.c - the native section API (NtCreateSection, NtOpenSection,
 * NtMapViewOfSection, NtUnmapViewOfSection, NtExtendSection, NtClose) and
 * the cores behind it that the Win32 functions share: CreateFileMappingA,
 * OpenFileMappingA and MapViewOfFileEx are thin wrappers over the same
 * libntsection_create_section(), libntsection_open_section() and
 * libntsection_map_view(), and turn their NTSTATUS into a Win32 error with
 * RtlNtStatusToDosError (errors.c).
 *
 * Names: a UNICODE_STRING (UTF-16) under \BaseNamedObjects\ or
 * \Sessions\N\BaseNamedObjects\ names the section CreateFileMappingA names
 * without that prefix; a relative name (no RootDirectory objects exist
 * here) is STATUS_OBJECT_PATH_SYNTAX_BAD, any other absolute name
 * STATUS_OBJECT_NAME_INVALID.
 *
 * NtMapViewOfSection checks in ReactOS' order: the parameters (ZeroBits,
 * allocation type, inherit disposition, protection), the handles and the
 * handle's access, then alignment, the section's protection and the
 * sizes.  A CommitSize on a pagefile SEC_RESERVE section commits the
 * view's first pages (NTSECTION_IOC_COMMIT).
 *
 * One system call per view: the checks use the handle table (handle.c),
 * and the module places a view 64 KiB-aligned, so a view is one mmap(2).
 * The table's size is a lower bound (sections grow, perhaps in another
 * process): a view with an explicit size that would fail on the size
 * refreshes it with one NTSECTION_IOC_HANDLE_INFO and checks again; a
 * view of size 0 (to the section's end) always refreshes it, as only the
 * module knows the current end.  So: an explicit size, one mmap(2); size
 * 0, or a handle the table does not know, NTSECTION_IOC_HANDLE_INFO and
 * the mmap(2).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ntsection.h"
#include "internal.h"

#define SEC_KIND	(SEC_COMMIT | SEC_RESERVE | SEC_IMAGE)
#define SEC_CACHE	(SEC_NOCACHE | SEC_WRITECOMBINE)

static size_t page_size(void)
{
	return sysconf(_SC_PAGESIZE);
}

/* Is @p one of the six protections a section may have? */
static int section_protect_ok(DWORD p)
{
	switch (p) {
	case PAGE_READONLY:
	case PAGE_READWRITE:
	case PAGE_WRITECOPY:
	case PAGE_EXECUTE_READ:
	case PAGE_EXECUTE_READWRITE:
	case PAGE_EXECUTE_WRITECOPY:
		return 1;
	default:
		return 0;
	}
}

/*
 * The table entry of a section this process just created, from the
 * create's arguments: what the module reports (a file-backed section is
 * SEC_FILE and its cache attribute; a pagefile-backed one has a
 * page-rounded size).  A file-backed section of size 0 takes the file's
 * size, which the entry does not know: 0 is its lower bound.  A large-page
 * section's alignment is the module's: one NTSECTION_IOC_HANDLE_INFO.
 */
static void new_facts(int fd, const struct ntsection_create_args *a)
{
	size_t page = page_size();
	struct ns_facts f;

	if (a->attributes & SEC_LARGE_PAGES) {
		libntsection_facts_learn(fd);
		return;
	}
	f.protect = a->protect;
	f.access = a->access;
	f.map_align = NS_GRANULARITY;
	if (a->file_fd >= 0) {
		f.attributes = SEC_FILE | (a->attributes & SEC_CACHE);
		f.size = a->size;
	} else {
		f.attributes = a->attributes;
		if (!(f.attributes & ~SEC_CACHE))
			f.attributes |= SEC_COMMIT;
		f.size = (a->size + page - 1) & ~(uint64_t)(page - 1);
	}
	libntsection_facts_set(fd, &f);
}

NTSTATUS libntsection_create_section(int *out, uint32_t access,
				     const char *name, int flags,
				     uint64_t size, DWORD protect,
				     DWORD attributes, int file_fd)
{
	struct ntsection_create_args a;
	int fd, fl;

	if (!section_protect_ok(protect))
		return STATUS_INVALID_PAGE_PROTECTION;
	if (file_fd >= 0) {
		fl = fcntl(file_fd, F_GETFL);
		if (fl < 0)
			return STATUS_INVALID_HANDLE;
		/* a file opened with access 0 (CreateFileA: O_PATH) */
		if (fl & O_PATH)
			return STATUS_ACCESS_DENIED;
		/* rule 6: an execute section needs a file opened for execute */
		if (protect >= PAGE_EXECUTE_READ &&
		    !libntsection_file_executable(file_fd))
			return STATUS_ACCESS_DENIED;
	} else if (!size) {
		return STATUS_INVALID_PARAMETER_4;
	} else if (attributes == (SEC_COMMIT | SEC_LARGE_PAGES) &&
		   libntsection_large_page() &&
		   size % libntsection_large_page()) {
		return STATUS_INVALID_PARAMETER_4;	/* rule 92 */
	}

	ntsection_create_init(&a, size, protect, file_fd, access);
	a.attributes = attributes;
	if (flags & NS_CREATE_INHERIT)
		a.flags |= NTSECTION_CREATE_INHERIT;
	if (name && *name) {	/* an empty name is no name, as in Windows */
		ntsection_create_set_name(&a, name);
		if (!(flags & NS_CREATE_OPENIF))
			a.flags |= NTSECTION_CREATE_NEW;
	}
	fd = ntsection_create(NTSECTION_DEV_DEFAULT, &a);
	/*
	 * Large pages are locked memory: no RLIMIT_MEMLOCK at all is the
	 * missing SeLockMemoryPrivilege, and ENOMEM may also mean no huge
	 * page to be had or the limit reached (Windows: the system's
	 * resources).
	 */
	if (fd == -EPERM && file_fd < 0 && (attributes & SEC_LARGE_PAGES))
		return STATUS_PRIVILEGE_NOT_HELD;
	if (fd == -ENOMEM && file_fd < 0 && (attributes & SEC_LARGE_PAGES))
		return STATUS_INSUFFICIENT_RESOURCES;
	/* a pagefile SEC_COMMIT section: ENOMEM is the commit limit */
	if (fd == -ENOMEM && file_fd < 0 && !(attributes & SEC_RESERVE))
		return STATUS_COMMITMENT_LIMIT;
	if (fd < 0)
		return libntsection_errno_status(NS_OP_CREATE, -fd);
	*out = fd;
	if (a.existed) {	/* someone else's section: the module knows */
		libntsection_facts_learn(fd);
		return STATUS_OBJECT_NAME_EXISTS;
	}
	new_facts(fd, &a);
	return STATUS_SUCCESS;
}

NTSTATUS libntsection_open_section(int *out, const char *name,
				   uint32_t access, int inherit)
{
	int fd = ntsection_open(NTSECTION_DEV_DEFAULT, name, access,
				inherit ? NTSECTION_OPEN_INHERIT : 0);

	if (fd < 0)
		return libntsection_errno_status(NS_OP_OPEN, -fd);
	libntsection_facts_learn(fd);
	*out = fd;
	return STATUS_SUCCESS;
}

/* Handle rights a view of protection @p needs (Wine's virtual_map_section) */
static uint32_t view_needs(DWORD p)
{
	switch (p) {
	case PAGE_READWRITE:
		return NTSECTION_SECTION_MAP_WRITE;
	case PAGE_EXECUTE:
	case PAGE_EXECUTE_READ:
	case PAGE_EXECUTE_WRITECOPY:
		return NTSECTION_SECTION_MAP_READ | NTSECTION_SECTION_MAP_EXECUTE;
	case PAGE_EXECUTE_READWRITE:
		return NTSECTION_SECTION_MAP_WRITE |
		       NTSECTION_SECTION_MAP_EXECUTE;
	default:	/* NOACCESS, READONLY, WRITECOPY */
		return NTSECTION_SECTION_MAP_READ;
	}
}

/* May a section of protection @sp have a view of protection @vp? */
static int protect_allows(uint32_t sp, DWORD vp)
{
	int sw = sp == PAGE_READWRITE || sp == PAGE_EXECUTE_READWRITE;
	int sx = sp >= PAGE_EXECUTE_READ;

	switch (vp) {
	case PAGE_READWRITE:
		return sw;
	case PAGE_EXECUTE:
	case PAGE_EXECUTE_READ:
	case PAGE_EXECUTE_WRITECOPY:
		return sx;
	case PAGE_EXECUTE_READWRITE:
		return sw && sx;
	default:
		return 1;
	}
}

/* One of the eight page protections, without modifiers. */
int libntsection_protect_valid(DWORD p)
{
	return p && p <= PAGE_EXECUTE_WRITECOPY && !(p & (p - 1));
}

/* PROT_* of a Win32 protection; copy-on-write is the mapping's business. */
int libntsection_mmap_prot(DWORD p)
{
	switch (p) {
	case PAGE_READONLY:
		return PROT_READ;
	case PAGE_READWRITE:
	case PAGE_WRITECOPY:
		return PROT_READ | PROT_WRITE;
	case PAGE_EXECUTE:
		return PROT_EXEC;
	case PAGE_EXECUTE_READ:
		return PROT_READ | PROT_EXEC;
	case PAGE_EXECUTE_READWRITE:
	case PAGE_EXECUTE_WRITECOPY:
		return PROT_READ | PROT_WRITE | PROT_EXEC;
	default:
		return PROT_NONE;
	}
}

/*
 * Anywhere 64 KiB-aligned, the slow way, for a module that does not place
 * views itself: reserve space, map over it, trim the slack.
 */
static NTSTATUS map_trimmed(size_t len, int prot, int flags, int fd,
			    uint64_t offset, uintptr_t *base)
{
	size_t span = len + NS_GRANULARITY;
	char *res, *p;
	uintptr_t b;

	res = mmap(NULL, span, PROT_NONE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (res == MAP_FAILED)
		return libntsection_errno_status(NS_OP_MAP, errno);
	b = ((uintptr_t)res + NS_GRANULARITY - 1) & ~(NS_GRANULARITY - 1);
	p = mmap((void *)b, len, prot, flags | MAP_FIXED, fd, offset);
	if (p == MAP_FAILED) {
		int err = errno;

		munmap(res, span);
		return libntsection_errno_status(NS_OP_MAP, err);
	}
	if (b > (uintptr_t)res)
		munmap(res, b - (uintptr_t)res);
	if ((uintptr_t)res + span > b + len)
		munmap((void *)(b + len), (uintptr_t)res + span - (b + len));
	*base = b;
	return STATUS_SUCCESS;
}

/*
 * mmap @len bytes of @fd at @want (0: anywhere 64 KiB-aligned), in one
 * mmap(2): the module places a view 64 KiB-aligned by itself, and an
 * address asked for is MAP_FIXED_NOREPLACE (MAP_FIXED over a placeholder).
 */
static NTSTATUS map_at(uintptr_t want, size_t len, int prot, int flags,
		       int fd, uint64_t offset, uintptr_t *base)
{
	char *res;

	if (!want) {
		res = mmap(NULL, len, prot, flags, fd, offset);
		if (res == MAP_FAILED)
			return libntsection_errno_status(NS_OP_MAP, errno);
		*base = (uintptr_t)res;
		if (!(*base % NS_GRANULARITY))
			return STATUS_SUCCESS;
		munmap(res, len);	/* a module before 64 KiB placement */
		return map_trimmed(len, prot, flags, fd, offset, base);
	}
	res = mmap((void *)want, len, prot, flags & MAP_FIXED ? flags :
		   flags | MAP_FIXED_NOREPLACE, fd, offset);
	if (res == MAP_FAILED)
		return libntsection_errno_status(NS_OP_MAP, errno);
	if ((uintptr_t)res != want) {	/* kernels before 4.17 */
		munmap(res, len);
		return STATUS_CONFLICTING_ADDRESSES;
	}
	*base = want;
	return STATUS_SUCCESS;
}

/*
 * A view of a large-page section, whose pages the module maps whole, each
 * by one PMD entry.  A MEM_LARGE_PAGES view (FILE_MAP_LARGE_PAGES) must be
 * whole large pages at a large-page offset and address, as
 * MapViewOfFile2 says: STATUS_MAPPED_ALIGNMENT for the offset or the
 * address, STATUS_INVALID_PARAMETER for the size.  Any other view is what
 * Windows 10 1703 and later give without the flag, a view of small pages:
 * here the whole large pages around it are mapped, and their parts
 * outside the view are made inaccessible, so that a touch there faults as
 * it would on Windows.  An address asked for must then lie where the
 * view's offset falls in a large page (STATUS_MAPPED_ALIGNMENT).  @lp is
 * the large page size, as the module gives it (NTSECTION_IOC_HANDLE_INFO's
 * map_align).
 * *@map and *@mlen get what to unmap (0: just the view).
 */
static NTSTATUS map_large(size_t lp, uintptr_t want, size_t len, int prot,
			  int flags, int fd, uint64_t offset, int large_view,
			  uintptr_t *base, uintptr_t *map, size_t *mlen)
{
	size_t head, span;
	uintptr_t start;
	NTSTATUS st;

	*map = 0;
	*mlen = 0;
	head = offset % lp;
	if (large_view && (head || want % lp))
		return STATUS_MAPPED_ALIGNMENT;
	if (large_view && len % lp)
		return STATUS_INVALID_PARAMETER;
	if (!head && !(len % lp) && !(want % lp))
		return map_at(want, len, prot, flags, fd, offset, base);
	if (want && (want - head) % lp)
		return STATUS_MAPPED_ALIGNMENT;
	span = (head + len + lp - 1) / lp * lp;
	st = map_at(want ? want - head : 0, span, prot, flags, fd,
		    offset - head, &start);
	if (!NT_SUCCESS(st))
		return st;
	if ((head && mprotect((void *)start, head, PROT_NONE)) ||
	    (span > head + len &&
	     mprotect((void *)(start + head + len), span - head - len,
		      PROT_NONE))) {
		munmap((void *)start, span);
		return libntsection_errno_status(NS_OP_MAP, errno);
	}
	*base = start + head;
	*map = start;
	*mlen = span;
	return STATUS_SUCCESS;
}

/*
 * The view's length from the section's size in @fi: STATUS_SUCCESS and
 * *@len, or the status of an offset or size past the section's end.
 */
static NTSTATUS view_length(const struct ns_facts *fi, uint64_t offset,
			    size_t size, int reserve, size_t *len)
{
	if (offset >= fi->size && !(reserve && size))
		return STATUS_INVALID_PARAMETER_6;
	if (size && !reserve && size > fi->size - offset)
		return STATUS_INVALID_VIEW_SIZE;	/* rule 42 */
	*len = size ? size : fi->size - offset;
	return STATUS_SUCCESS;
}

NTSTATUS libntsection_map_view(HANDLE section, HANDLE process, void **base,
			       size_t commit, uint64_t offset, size_t *size,
			       int disposition, DWORD type, DWORD protect)
{
	uintptr_t want = (uintptr_t)*base, at = 0, mbase = 0;
	int reserve = !!(type & MEM_RESERVE), file, fd, r, prot, flags;
	size_t mlen = 0;
	int replace = !!(type & MEM_REPLACE_PLACEHOLDER);
	size_t page = page_size(), len;
	struct ns_facts fi;
	struct ns_view v;
	NTSTATUS st;

	if (type & ~(MEM_RESERVE | MEM_TOP_DOWN | MEM_LARGE_PAGES |
		     MEM_REPLACE_PLACEHOLDER))
		return STATUS_INVALID_PARAMETER_9;
	if (disposition != ViewShare && disposition != ViewUnmap)
		return STATUS_INVALID_PARAMETER_8;
	if (!libntsection_protect_valid(protect))
		return STATUS_INVALID_PAGE_PROTECTION;
	if (process != GetCurrentProcess())
		return STATUS_INVALID_HANDLE;
	if (section == INVALID_HANDLE_VALUE)
		return STATUS_OBJECT_TYPE_MISMATCH;
	fd = libntsection_fd(section);
	if (fd < 0)
		return STATUS_INVALID_HANDLE;
	/* size 0: to the section's current end, which only the module knows */
	r = libntsection_facts(fd, &fi, !*size);
	if (r < 0)
		return libntsection_errno_status(NS_OP_MAP, -r);
	if ((fi.access & view_needs(protect)) != view_needs(protect))
		return STATUS_ACCESS_DENIED;
	file = !!(fi.attributes & SEC_FILE);
	if (reserve && !file)
		return STATUS_INVALID_PARAMETER_9;	/* rule 44 */
	/* a placeholder split at a page is only page-aligned */
	if (offset % NS_GRANULARITY ||
	    want % (replace ? page : NS_GRANULARITY))
		return STATUS_MAPPED_ALIGNMENT;
	if (!protect_allows(fi.protect, protect))
		return STATUS_SECTION_PROTECTION;
	if (*size == SIZE_MAX)
		return STATUS_INVALID_PARAMETER_3;	/* rule 43 */
	st = view_length(&fi, offset, *size, reserve, &len);
	/* the table's size is a lower bound: the section may have grown */
	if (!NT_SUCCESS(st) && *size) {
		r = libntsection_facts(fd, &fi, 1);
		if (r < 0)
			return libntsection_errno_status(NS_OP_MAP, -r);
		st = view_length(&fi, offset, *size, reserve, &len);
	}
	if (!NT_SUCCESS(st))
		return st;
	if (commit && (file ? !reserve : commit > len))
		return STATUS_INVALID_PARAMETER_5;	/* rule 45 */
	if (len > SIZE_MAX - page)
		return STATUS_INVALID_VIEW_SIZE;
	len = (len + page - 1) & ~(page - 1);

	prot = libntsection_mmap_prot(protect);
	flags = (protect == PAGE_WRITECOPY || protect == PAGE_EXECUTE_WRITECOPY ?
		 MAP_PRIVATE : MAP_SHARED) | (replace ? MAP_FIXED : 0);
	if ((fi.attributes & SEC_LARGE_PAGES) && !replace)
		st = map_large(fi.map_align, want, len, prot, flags, fd, offset,
			       !!(type & MEM_LARGE_PAGES), &at, &mbase, &mlen);
	else
		st = map_at(want, len, prot, flags, fd, offset, &at);
	if (!NT_SUCCESS(st))
		return st;
	/* rule 82: a CommitSize commits the view's first pages */
	if (commit && !file && (fi.attributes & SEC_RESERVE)) {
		r = ntsection_commit(NTSECTION_DEV_DEFAULT, (void *)at,
				     (commit + page - 1) & ~(page - 1), NULL);
		if (r < 0) {
			munmap((void *)at, len);
			return libntsection_errno_status(NS_OP_COMMIT, -r);
		}
	}
	memset(&v, 0, sizeof(v));
	v.base = at;
	v.size = len;
	v.protect = protect;
	v.attributes = fi.attributes;
	v.dontfork = disposition == ViewUnmap;
	v.placeholder = replace;
	v.map_base = mbase;
	v.map_size = mlen;
	if (libntsection_view_add(&v)) {
		if (mlen)
			munmap((void *)mbase, mlen);
		else
			munmap((void *)at, len);
		return STATUS_NO_MEMORY;
	}
	*base = (void *)at;
	*size = len;
	return STATUS_SUCCESS;
}

/* UTF-16 @us as UTF-8 in @buf (NUL-terminated); 0, or -1 if invalid. */
static int utf16_to_utf8(const UNICODE_STRING *us, char *buf, size_t len)
{
	return libntsection_utf16_to_utf8(us->Buffer, us->Length / 2, buf, len);
}

/* UTF-16 of at most 32767 units: at most 3 bytes of UTF-8 each */
#define NAME_BUF	(3 * 32768 + 1)

/*
 * The section name of @oa in @buf: "" for none, else the part after
 * \BaseNamedObjects\.  STATUS_SUCCESS or the status to return.
 */
static NTSTATUS object_name(const OBJECT_ATTRIBUTES *oa, char *buf)
{
	static const char bno[] = "\\BaseNamedObjects\\";
	char *p = buf;

	buf[0] = 0;
	if (!oa)
		return STATUS_SUCCESS;
	if (oa->RootDirectory)
		return STATUS_INVALID_HANDLE;	/* no directory objects */
	if (oa->SecurityDescriptor)
		return STATUS_INVALID_PARAMETER;
	if (!oa->ObjectName || !oa->ObjectName->Length)
		return STATUS_SUCCESS;
	if (!oa->ObjectName->Buffer ||
	    utf16_to_utf8(oa->ObjectName, buf, NAME_BUF))
		return STATUS_OBJECT_NAME_INVALID;
	if (buf[0] != '\\')
		return STATUS_OBJECT_PATH_SYNTAX_BAD;
	if (!strncmp(p, "\\Sessions\\", 10)) {
		p += 10;
		if (*p < '0' || *p > '9')
			return STATUS_OBJECT_NAME_INVALID;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (strncmp(p, bno, sizeof(bno) - 1) || !p[sizeof(bno) - 1])
		return STATUS_OBJECT_NAME_INVALID;
	memmove(buf, p + sizeof(bno) - 1, strlen(p + sizeof(bno) - 1) + 1);
	return STATUS_SUCCESS;
}

static NTSTATUS create(PHANDLE SectionHandle, ACCESS_MASK DesiredAccess,
		       POBJECT_ATTRIBUTES ObjectAttributes, const char *name,
		       PLARGE_INTEGER MaximumSize, ULONG SectionPageProtection,
		       ULONG AllocationAttributes, HANDLE FileHandle);

NTSTATUS WINAPI NtCreateSection(PHANDLE SectionHandle,
				ACCESS_MASK DesiredAccess,
				POBJECT_ATTRIBUTES ObjectAttributes,
				PLARGE_INTEGER MaximumSize,
				ULONG SectionPageProtection,
				ULONG AllocationAttributes, HANDLE FileHandle)
{
	NTSTATUS st;
	char *name;

	if (!SectionHandle)
		return STATUS_ACCESS_VIOLATION;
	name = malloc(NAME_BUF);
	if (!name)
		return STATUS_NO_MEMORY;
	st = object_name(ObjectAttributes, name);
	if (NT_SUCCESS(st))
		st = create(SectionHandle, DesiredAccess, ObjectAttributes,
			    name, MaximumSize, SectionPageProtection,
			    AllocationAttributes, FileHandle);
	free(name);
	return st;
}

static NTSTATUS create(PHANDLE SectionHandle, ACCESS_MASK DesiredAccess,
		       POBJECT_ATTRIBUTES ObjectAttributes, const char *name,
		       PLARGE_INTEGER MaximumSize, ULONG SectionPageProtection,
		       ULONG AllocationAttributes, HANDLE FileHandle)
{
	uint64_t size = MaximumSize ? (uint64_t)MaximumSize->QuadPart : 0;
	int file_fd = -1, fd, flags = 0;
	NTSTATUS st;

	if (ObjectAttributes && (ObjectAttributes->Attributes & OBJ_INHERIT))
		flags |= NS_CREATE_INHERIT;
	if (ObjectAttributes && (ObjectAttributes->Attributes & OBJ_OPENIF))
		flags |= NS_CREATE_OPENIF;
	if (!(AllocationAttributes & SEC_KIND))
		return STATUS_INVALID_PARAMETER_6;
	if (FileHandle) {
		file_fd = libntsection_fd(FileHandle);
		if (file_fd < 0)
			return STATUS_INVALID_HANDLE;
	}
	if (MaximumSize && MaximumSize->QuadPart < 0)
		return STATUS_SECTION_TOO_BIG;
	st = libntsection_create_section(&fd,
			libntsection_section_access(DesiredAccess), name, flags,
			size, SectionPageProtection, AllocationAttributes,
			file_fd);
	if (st == STATUS_INVALID_PARAMETER)	/* the attributes */
		st = STATUS_INVALID_PARAMETER_6;
	if (NT_SUCCESS(st))
		*SectionHandle = ntsection_fd_to_handle(fd);
	return st;
}

NTSTATUS WINAPI NtOpenSection(PHANDLE SectionHandle,
			      ACCESS_MASK DesiredAccess,
			      POBJECT_ATTRIBUTES ObjectAttributes)
{
	NTSTATUS st;
	char *name;
	int fd;

	if (!SectionHandle)
		return STATUS_ACCESS_VIOLATION;
	name = malloc(NAME_BUF);
	if (!name)
		return STATUS_NO_MEMORY;
	st = object_name(ObjectAttributes, name);
	if (NT_SUCCESS(st) && !*name)
		st = STATUS_OBJECT_PATH_SYNTAX_BAD;
	if (NT_SUCCESS(st))
		st = libntsection_open_section(&fd, name,
				libntsection_section_access(DesiredAccess),
				!!(ObjectAttributes->Attributes & OBJ_INHERIT));
	free(name);
	if (NT_SUCCESS(st))
		*SectionHandle = ntsection_fd_to_handle(fd);
	return st;
}

NTSTATUS WINAPI NtMapViewOfSection(HANDLE SectionHandle,
				   HANDLE ProcessHandle, PVOID *BaseAddress,
				   ULONG_PTR ZeroBits, SIZE_T CommitSize,
				   PLARGE_INTEGER SectionOffset,
				   PSIZE_T ViewSize,
				   SECTION_INHERIT InheritDisposition,
				   ULONG AllocationType, ULONG Win32Protect)
{
	uint64_t offset = SectionOffset ? (uint64_t)SectionOffset->QuadPart : 0;

	if (!BaseAddress)
		return STATUS_INVALID_PARAMETER_3;
	if (!ViewSize)
		return STATUS_INVALID_PARAMETER_7;
	if (ZeroBits)
		return STATUS_NOT_SUPPORTED;	/* no address limits */
	if (AllocationType & MEM_REPLACE_PLACEHOLDER)
		return STATUS_INVALID_PARAMETER_9;	/* MapViewOfFile3's */
	return libntsection_map_view(SectionHandle, ProcessHandle, BaseAddress,
				     CommitSize, offset, ViewSize,
				     InheritDisposition, AllocationType,
				     Win32Protect);
}

NTSTATUS WINAPI NtUnmapViewOfSection(HANDLE ProcessHandle, PVOID BaseAddress)
{
	if (ProcessHandle != GetCurrentProcess())
		return STATUS_INVALID_HANDLE;
	if (libntsection_view_unmap((uintptr_t)BaseAddress))
		return STATUS_NOT_MAPPED_VIEW;
	return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtExtendSection(HANDLE SectionHandle,
				PLARGE_INTEGER NewSectionSize)
{
	int fd = libntsection_fd(SectionHandle), r;
	uint64_t size;

	if (SectionHandle == INVALID_HANDLE_VALUE)
		return STATUS_OBJECT_TYPE_MISMATCH;
	if (fd < 0)
		return STATUS_INVALID_HANDLE;
	if (!NewSectionSize)
		return STATUS_INVALID_PARAMETER_2;
	size = NewSectionSize->QuadPart;
	r = ntsection_extend(fd, &size);
	if (r < 0)
		return libntsection_errno_status(NS_OP_EXTEND, -r);
	libntsection_facts_grow(fd, size);
	NewSectionSize->QuadPart = size;
	return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtClose(HANDLE Handle)
{
	return CloseHandle(Handle) ? STATUS_SUCCESS : STATUS_INVALID_HANDLE;
}

void WINAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString,
				 const WCHAR *SourceString)
{
	size_t n = 0;

	if (SourceString)
		while (SourceString[n] && n < 32766)
			n++;
	DestinationString->Length = n * 2;
	DestinationString->MaximumLength = SourceString ? n * 2 + 2 : 0;
	DestinationString->Buffer = (PWSTR)SourceString;
}
