// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * memory.c - VirtualQuery, NtQueryVirtualMemory, GetSystemInfo,
 * FlushInstructionCache and GetLargePageMinimum.
 *
 * VirtualQuery of an address inside a view of the library's registry:
 * Type MEM_MAPPED, AllocationBase the view's base, AllocationProtect the
 * view's protection (with PAGE_NOCACHE or PAGE_WRITECOMBINE for a section
 * of SEC_NOCACHE or SEC_WRITECOMBINE).  The region is the run of pages
 * from the address's page with one commit state and one protection, as
 * NTSECTION_IOC_VIEW_QUERY reports them (region_start, region_length,
 * region_state): MEM_RESERVE with Protect 0, or MEM_COMMIT with the
 * pages' current protection.  In a copy-on-write view a written page is
 * the process's own (an anonymous page): /proc/self/pagemap tells it from
 * a page of the section (bit 61, file-page or shared-anon, clear on a
 * present or swapped page), and such a page is PAGE_READWRITE where the
 * others are PAGE_WRITECOPY, so regions split there too (rule 51).
 * Private memory of VirtualAlloc is answered by its registry (alloc.c).
 * Any other address is looked up
 * in /proc/self/maps: a mapping is MEM_COMMIT, MEM_PRIVATE when anonymous,
 * MEM_IMAGE when some mapping of its file is executable, else MEM_MAPPED;
 * an address in no mapping is MEM_FREE up to the next mapping, with
 * Protect PAGE_NOACCESS and AllocationBase, AllocationProtect and Type 0.
 *
 * NtQueryVirtualMemory: MemoryBasicInformation is VirtualQuery's answer;
 * MemoryRegionInformation describes the whole allocation, a view or a
 * VirtualAlloc reservation, with its CommitSize: the committed bytes of a
 * reservation; for a view, what Linux charges to the process for it, its
 * whole size for a copy-on-write view (a private writable mapping, charged
 * when mapped, as Windows charges it before any write, rule 79) and 0 for
 * a shared one (whose commit is the section's).
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ntsection.h"
#include "internal.h"

#define USER_TOP	NS_USER_TOP

#define PM_PRESENT	(1ULL << 63)
#define PM_SWAP		(1ULL << 62)
#define PM_FILE		(1ULL << 61)	/* file-page or shared-anon */

struct map_line {
	uintptr_t start, end;
	char perms[5];
	unsigned long ino;
	char dev[16];
};

static int parse_maps_line(const char *s, struct map_line *m)
{
	unsigned long long off;

	return sscanf(s, "%lx-%lx %4s %llx %15s %lu", &m->start, &m->end,
		      m->perms, &off, m->dev, &m->ino) == 6;
}

static DWORD perms_protect(const char *perms, int private_file)
{
	int r = perms[0] == 'r', w = perms[1] == 'w', x = perms[2] == 'x';
	DWORD p;

	if (!r && !w)
		p = PAGE_NOACCESS;
	else if (w)
		p = private_file ? PAGE_WRITECOPY : PAGE_READWRITE;
	else
		p = PAGE_READONLY;
	if (x)
		p = p == PAGE_NOACCESS ? PAGE_EXECUTE : p << 4;
	return p;
}

/* Is some mapping of the file (dev, ino) executable? */
static int file_executable(FILE *f, const struct map_line *m)
{
	char line[512];
	struct map_line o;

	rewind(f);
	while (fgets(line, sizeof(line), f))
		if (parse_maps_line(line, &o) && o.ino == m->ino &&
		    !strcmp(o.dev, m->dev) && o.perms[2] == 'x')
			return 1;
	return 0;
}

static int query_maps(uintptr_t addr, MEMORY_BASIC_INFORMATION *mbi)
{
	uintptr_t next = USER_TOP;
	char line[512];
	struct map_line m;
	FILE *f;

	f = fopen("/proc/self/maps", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (!parse_maps_line(line, &m))
			continue;
		if (addr < m.start) {
			next = m.start;
			break;
		}
		if (addr >= m.end)
			continue;
		mbi->AllocationBase = (PVOID)m.start;
		mbi->RegionSize = m.end - mbi->RegionSize;
		mbi->State = MEM_COMMIT;
		if (!m.ino)
			mbi->Type = MEM_PRIVATE;
		else
			mbi->Type = file_executable(f, &m) ? MEM_IMAGE : MEM_MAPPED;
		mbi->Protect = perms_protect(m.perms, m.ino && m.perms[3] == 'p');
		mbi->AllocationProtect = mbi->Protect;
		fclose(f);
		return 0;
	}
	fclose(f);
	mbi->RegionSize = next - mbi->RegionSize;
	mbi->State = MEM_FREE;
	mbi->Protect = PAGE_NOACCESS;
	return 0;
}

/*
 * Is the page at @start the process's own (a written copy-on-write page)?
 * *@end is cut to the first page from @start that differs.
 */
static int own_pages(uintptr_t start, uintptr_t *end)
{
	size_t page = sysconf(_SC_PAGESIZE), i, n;
	uint64_t buf[512];
	uintptr_t a = start;
	int fd, first = -1, own;
	ssize_t got;

	fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	while (a < *end) {
		n = (*end - a) / page;
		if (n > 512)
			n = 512;
		got = pread(fd, buf, n * 8, a / page * 8);
		if (got <= 0)
			break;
		for (i = 0; i < (size_t)got / 8; i++, a += page) {
			own = (buf[i] & (PM_PRESENT | PM_SWAP)) &&
			      !(buf[i] & PM_FILE);
			if (first < 0)
				first = own;
			else if (own != first) {
				*end = a;
				goto out;
			}
		}
	}
out:
	close(fd);
	return first > 0;
}

/* The Win32 protection of pages with PROT_* @prot (@copy: not yet written). */
static DWORD page_protect(int prot, int copy)
{
	DWORD p;

	if (prot & PROT_WRITE)
		p = copy ? PAGE_WRITECOPY : PAGE_READWRITE;
	else if (prot & PROT_READ)
		p = PAGE_READONLY;
	else
		return prot & PROT_EXEC ? PAGE_EXECUTE : PAGE_NOACCESS;
	return prot & PROT_EXEC ? p << 4 : p;
}

void libntsection_view_region(const struct ns_view *v, uintptr_t page,
			      DWORD *state, DWORD *protect, uintptr_t *end)
{
	struct ntsection_view_query_args q;
	uintptr_t vend = v->base + v->size, e;
	uint32_t rs;
	int prot, cow;

	if (ntsection_view_query(NTSECTION_DEV_DEFAULT, (void *)page, &q) ||
	    !q.region_state) {
		/* not the module's view any more, or a module without regions */
		*state = MEM_COMMIT;
		*protect = v->protect;
		*end = vend;
		return;
	}
	rs = q.region_state;
	prot = q.prot;
	cow = q.view_flags & NTSECTION_VIEW_COPY_ON_WRITE;
	e = q.region_start + q.region_length;
	while (e < vend &&
	       !ntsection_view_query(NTSECTION_DEV_DEFAULT, (void *)e, &q) &&
	       q.region_state == rs &&
	       (rs == NTSECTION_REGION_RESERVED || (int)q.prot == prot))
		e = q.region_start + q.region_length;
	if (e > vend)
		e = vend;
	if (rs == NTSECTION_REGION_RESERVED) {
		*state = MEM_RESERVE;
		*protect = 0;
	} else {
		*state = MEM_COMMIT;
		*protect = page_protect(prot, cow && (prot & PROT_WRITE) &&
					      !own_pages(page, &e));
	}
	*end = e;
}

SIZE_T WINAPI VirtualQuery(LPCVOID lpAddress,
			   PMEMORY_BASIC_INFORMATION lpBuffer,
			   SIZE_T dwLength)
{
	uintptr_t page = sysconf(_SC_PAGESIZE), addr = (uintptr_t)lpAddress;
	DWORD cache = 0, state, protect;
	struct ns_view v;
	uintptr_t end;
	int r;

	if (!lpBuffer || dwLength < sizeof(*lpBuffer)) {
		SetLastError(ERROR_BAD_LENGTH);
		return 0;
	}
	if (addr >= USER_TOP) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	memset(lpBuffer, 0, sizeof(*lpBuffer));
	page = addr & ~(page - 1);
	lpBuffer->BaseAddress = (PVOID)page;
	if (libntsection_view_find(addr, &v)) {
		/* SEC_NOCACHE / SEC_WRITECOMBINE show in the protection */
		if (v.attributes & SEC_NOCACHE)
			cache |= PAGE_NOCACHE;
		if (v.attributes & SEC_WRITECOMBINE)
			cache |= PAGE_WRITECOMBINE;
		libntsection_view_region(&v, page, &state, &protect, &end);
		lpBuffer->AllocationBase = (PVOID)v.base;
		lpBuffer->AllocationProtect = v.protect | cache;
		lpBuffer->RegionSize = end - page;
		lpBuffer->State = state;
		lpBuffer->Protect = protect ? protect | cache : 0;
		lpBuffer->Type = MEM_MAPPED;
		return sizeof(*lpBuffer);
	}
	if (libntsection_alloc_query(addr, lpBuffer))
		return sizeof(*lpBuffer);
	/* RegionSize holds the base until the end is known */
	lpBuffer->RegionSize = page;
	r = query_maps(addr, lpBuffer);
	if (r < 0) {
		libntsection_set_errno(NS_OP_ANY, -r);
		return 0;
	}
	return sizeof(*lpBuffer);
}

static NTSTATUS region_info(uintptr_t addr, MEMORY_REGION_INFORMATION *mri)
{
	struct ns_view v;

	memset(mri, 0, sizeof(*mri));
	if (libntsection_view_find(addr, &v)) {
		mri->AllocationBase = (PVOID)v.base;
		mri->AllocationProtect = v.protect;
		if (v.attributes & SEC_NOCACHE)
			mri->AllocationProtect |= PAGE_NOCACHE;
		if (v.attributes & SEC_WRITECOMBINE)
			mri->AllocationProtect |= PAGE_WRITECOMBINE;
		mri->RegionType = v.attributes & SEC_FILE ?
				  MEMORY_REGION_MAPPED_DATA_FILE :
				  MEMORY_REGION_MAPPED_PAGE_FILE;
		/* a view of whole large pages, not a small view of them */
		if ((v.attributes & SEC_LARGE_PAGES) && !v.map_size)
			mri->RegionType |= MEMORY_REGION_PAGE_SIZE_LARGE;
		mri->RegionSize = v.size;
		if (v.protect == PAGE_WRITECOPY ||
		    v.protect == PAGE_EXECUTE_WRITECOPY)
			mri->CommitSize = v.size;
		return STATUS_SUCCESS;
	}
	if (libntsection_alloc_region(addr, mri))
		return STATUS_SUCCESS;
	return STATUS_INVALID_ADDRESS;
}

NTSTATUS WINAPI NtQueryVirtualMemory(HANDLE ProcessHandle, PVOID BaseAddress,
				     MEMORY_INFORMATION_CLASS MemoryInformationClass,
				     PVOID MemoryInformation,
				     SIZE_T MemoryInformationLength,
				     PSIZE_T ReturnLength)
{
	const size_t old_size = offsetof(MEMORY_REGION_INFORMATION, PartitionId);
	uintptr_t addr = (uintptr_t)BaseAddress;
	MEMORY_REGION_INFORMATION mri;
	SIZE_T len;
	NTSTATUS st;

	if (ProcessHandle != GetCurrentProcess())
		return STATUS_INVALID_HANDLE;
	switch (MemoryInformationClass) {
	case MemoryBasicInformation:
		if (MemoryInformationLength < sizeof(MEMORY_BASIC_INFORMATION))
			return STATUS_INFO_LENGTH_MISMATCH;
		if (addr >= USER_TOP)
			return STATUS_INVALID_PARAMETER;
		if (!VirtualQuery(BaseAddress, MemoryInformation,
				  MemoryInformationLength))
			return STATUS_ACCESS_VIOLATION;
		len = sizeof(MEMORY_BASIC_INFORMATION);
		break;
	case MemoryRegionInformation:
		if (MemoryInformationLength < old_size)
			return STATUS_INFO_LENGTH_MISMATCH;
		st = region_info(addr, &mri);
		if (!NT_SUCCESS(st))
			return st;
		len = MemoryInformationLength < sizeof(mri) ?
		      old_size : sizeof(mri);
		memcpy(MemoryInformation, &mri, len);
		break;
	default:
		return STATUS_INVALID_INFO_CLASS;
	}
	if (ReturnLength)
		*ReturnLength = len;
	return STATUS_SUCCESS;
}

/* x86-64 keeps instruction caches coherent: only the handle is checked. */
BOOL WINAPI FlushInstructionCache(HANDLE hProcess, LPCVOID lpBaseAddress,
				  SIZE_T dwSize)
{
	(void)lpBaseAddress;
	(void)dwSize;
	if (hProcess != GetCurrentProcess()) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	return TRUE;
}

/*
 * The size of the module's large pages: the kernel's PMD-sized transparent
 * huge page (hpage_pmd_size), or 0 without them.  Read once.
 */
size_t libntsection_large_page(void)
{
	static size_t size = SIZE_MAX;
	unsigned long v = 0;
	FILE *f;

	if (__atomic_load_n(&size, __ATOMIC_RELAXED) != SIZE_MAX)
		return size;
	f = fopen("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "re");
	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = 0;
		fclose(f);
	}
	__atomic_store_n(&size, (size_t)v, __ATOMIC_RELAXED);
	return v;
}

/* What SEC_LARGE_PAGES sections are made of, or 0 without large pages. */
SIZE_T WINAPI GetLargePageMinimum(void)
{
	return libntsection_large_page();
}

void WINAPI GetSystemInfo(LPSYSTEM_INFO si)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	memset(si, 0, sizeof(*si));
	si->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
	si->dwPageSize = sysconf(_SC_PAGESIZE);
	si->lpMinimumApplicationAddress = (LPVOID)NS_GRANULARITY;
	si->lpMaximumApplicationAddress =
		(LPVOID)(USER_TOP - NS_GRANULARITY - 1);
	si->dwNumberOfProcessors = cpus > 0 ? cpus : 1;
	si->dwActiveProcessorMask = si->dwNumberOfProcessors >= 64 ? ~0UL :
		(1UL << si->dwNumberOfProcessors) - 1;
	si->dwProcessorType = PROCESSOR_AMD_X8664;
	si->dwAllocationGranularity = NS_GRANULARITY;
	si->wProcessorLevel = 6;
}
