// SPDX-License-Identifier: GPL-2.0
/*
 * t_virtual.c - VirtualAlloc, VirtualFree, VirtualProtect and VirtualQuery
 * on private memory (the cases of Wine's test_VirtualAlloc) and on views
 * (rules 22, 49-51, 59, 68, 69, 77, 79, 81-85 of docs/windows-rules.md),
 * NtQueryVirtualMemory, the commit charge, FlushInstructionCache,
 * GetLargePageMinimum, and the
 * .NET runtime's W^X double mapping replayed end to end.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include <ntsection.h>

#include "wintest.h"

#define G	0x10000UL
#define PG	0x1000UL

/* x86-64: mov eax, 42; ret */
static const unsigned char code42[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

/* Committed_AS of /proc/meminfo, in KiB (-1 if unreadable). */
static long committed_kb(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Committed_AS: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static HANDLE anon(DWORD protect, DWORD high, DWORD low)
{
	return CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, protect, high, low, NULL);
}

static void private_reserve_commit(void)
{
	MEMORY_BASIC_INFORMATION m;
	DWORD old = 0;
	char *a, *b;

	fails(!VirtualAlloc(NULL, 0, MEM_RESERVE, PAGE_NOACCESS), ERROR_INVALID_PARAMETER,
	      "VirtualAlloc of size 0: ERROR_INVALID_PARAMETER");
	a = VirtualAlloc(NULL, 0xfffc, MEM_RESERVE, PAGE_NOACCESS);
	ok(a && (uintptr_t)a % G == 0, "MEM_RESERVE of 0xfffc: a 64 KiB-aligned base");
	ok(vq(a, &m) && m.BaseAddress == a && m.AllocationBase == a &&
	   m.AllocationProtect == PAGE_NOACCESS && m.RegionSize == G && m.State == MEM_RESERVE &&
	   m.Protect == 0 && m.Type == MEM_PRIVATE,
	   "reserved: MEM_RESERVE, Protect 0, RegionSize 0x10000, MEM_PRIVATE, AllocationProtect PAGE_NOACCESS");
	fails(!VirtualProtect(a, 0xfffc, PAGE_READONLY, &old), ERROR_INVALID_ADDRESS,
	      "VirtualProtect of reserved memory: ERROR_INVALID_ADDRESS");
	ok(VirtualAlloc(a, PG, MEM_COMMIT, PAGE_NOACCESS) == a, "MEM_COMMIT of one page PAGE_NOACCESS: the address");
	ok(vq(a, &m) && m.RegionSize == PG && m.State == MEM_COMMIT && m.Protect == PAGE_NOACCESS &&
	   m.AllocationProtect == PAGE_NOACCESS && m.Type == MEM_PRIVATE,
	   "committed page: MEM_COMMIT, PAGE_NOACCESS, RegionSize 0x1000");
	ok(faults(a, 0), "a committed PAGE_NOACCESS page faults on read");
	fails(!VirtualProtect(a, 0xfffc, PAGE_READONLY, &old), ERROR_INVALID_ADDRESS,
	      "VirtualProtect over committed and reserved pages: ERROR_INVALID_ADDRESS");
	ok(VirtualProtect(a, PG, PAGE_READONLY, &old) && old == PAGE_NOACCESS,
	   "VirtualProtect PAGE_READONLY: TRUE, old PAGE_NOACCESS");
	ok(VirtualProtect(a, PG, PAGE_READWRITE, &old) && old == PAGE_READONLY,
	   "VirtualProtect PAGE_READWRITE: TRUE, old PAGE_READONLY");
	ok(vq(a, &m) && m.RegionSize == PG && m.State == MEM_COMMIT && m.Protect == PAGE_READWRITE,
	   "VirtualQuery: PAGE_READWRITE, RegionSize 0x1000");
	memset(a, 0x55, 20);
	ok(VirtualAlloc(a, PG, MEM_RESET, PAGE_NOACCESS) == a, "MEM_RESET of a committed page: the address");
	ok((a[0] == 0x55 || a[0] == 0) && vq(a, &m) && m.State == MEM_COMMIT && m.Protect == PAGE_READWRITE,
	   "after MEM_RESET: still committed PAGE_READWRITE, contents kept or zero");
	ok(VirtualAlloc(a + PG, PG, MEM_RESET, PAGE_NOACCESS) == a + PG, "MEM_RESET of a reserved page: the address");
	ok(vq(a + PG, &m) && m.RegionSize == 0xf000 && m.State == MEM_RESERVE && m.Protect == 0,
	   "the rest: MEM_RESERVE, RegionSize 0xf000, Protect 0");
	fails(!VirtualAlloc(a + 0xf000, 0x2000, MEM_RESET, PAGE_NOACCESS), ERROR_INVALID_ADDRESS,
	      "MEM_RESET past the allocation's end: ERROR_INVALID_ADDRESS");

	fails(!VirtualAlloc(NULL, PG, MEM_RESERVE, 0), ERROR_INVALID_PARAMETER,
	      "MEM_RESERVE with protection 0: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc(NULL, PG, MEM_COMMIT, 0), ERROR_INVALID_PARAMETER,
	      "MEM_COMMIT with protection 0: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc(a, PG, MEM_COMMIT, PAGE_READONLY | PAGE_EXECUTE), ERROR_INVALID_PARAMETER,
	      "MEM_COMMIT with PAGE_READONLY|PAGE_EXECUTE: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc(a, PG, MEM_COMMIT, PAGE_WRITECOPY), ERROR_INVALID_PARAMETER,
	      "MEM_COMMIT of private memory with PAGE_WRITECOPY: ERROR_INVALID_PARAMETER");
	fails(!VirtualProtect(a, PG, PAGE_READWRITE | PAGE_EXECUTE_WRITECOPY, &old), ERROR_INVALID_PARAMETER,
	      "VirtualProtect with a combined protection: ERROR_INVALID_PARAMETER");
	fails(!VirtualProtect(a, PG, 0, &old), ERROR_INVALID_PARAMETER,
	      "VirtualProtect with protection 0: ERROR_INVALID_PARAMETER");
	fails(!VirtualProtect(a, PG, PAGE_WRITECOPY, &old), ERROR_INVALID_PARAMETER,
	      "VirtualProtect of private memory to PAGE_WRITECOPY: ERROR_INVALID_PARAMETER");
	fails(!VirtualProtect(a, PG, PAGE_READONLY, NULL), ERROR_NOACCESS,
	      "VirtualProtect without lpflOldProtect: ERROR_NOACCESS");
	fails(!VirtualAlloc(a, PG, MEM_RESERVE | MEM_COMMIT | 0x40000000, PAGE_READWRITE),
	      ERROR_INVALID_PARAMETER, "AT_ROUND_TO_PAGE: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc(a, PG, MEM_RESET | MEM_COMMIT, PAGE_READWRITE), ERROR_INVALID_PARAMETER,
	      "MEM_RESET with MEM_COMMIT: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc(a, PG, MEM_TOP_DOWN, PAGE_READWRITE), ERROR_INVALID_PARAMETER,
	      "neither MEM_COMMIT nor MEM_RESERVE: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc(a, PG, MEM_LARGE_PAGES | MEM_COMMIT, PAGE_READWRITE), ERROR_NOT_SUPPORTED,
	      "MEM_LARGE_PAGES: ERROR_NOT_SUPPORTED (not provided)");

	fails(!VirtualFree(a, G, 0), ERROR_INVALID_PARAMETER, "VirtualFree type 0: ERROR_INVALID_PARAMETER");
	fails(!VirtualFree(a, 0, MEM_FREE), ERROR_INVALID_PARAMETER, "VirtualFree MEM_FREE: ERROR_INVALID_PARAMETER");
	fails(!VirtualFree(a, 0, MEM_RELEASE | MEM_DECOMMIT), ERROR_INVALID_PARAMETER,
	      "VirtualFree MEM_RELEASE|MEM_DECOMMIT: ERROR_INVALID_PARAMETER");
	a[0] = 7;
	ok(VirtualFree(a, G, MEM_DECOMMIT), "VirtualFree MEM_DECOMMIT of the allocation: TRUE");
	ok(vq(a, &m) && m.State == MEM_RESERVE && m.RegionSize == G && m.Protect == 0 && faults(a, 0),
	   "decommitted: MEM_RESERVE over the whole 0x10000, and it faults");
	ok(VirtualAlloc(a, PG, MEM_COMMIT, PAGE_READWRITE) == a && a[0] == 0,
	   "committed again: the old contents are gone (reads 0)");
	ok(VirtualAlloc(a, PG, MEM_COMMIT, PAGE_READONLY) == a && a[0] == 0 && faults(a, 1),
	   "committing a committed page again changes its protection, not its contents");
	fails(!VirtualFree(a, 1, MEM_RELEASE), ERROR_INVALID_PARAMETER,
	      "MEM_RELEASE with a size: ERROR_INVALID_PARAMETER");
	fails(!VirtualFree(a + PG, 0, MEM_RELEASE), ERROR_INVALID_ADDRESS,
	      "MEM_RELEASE not at the allocation base: ERROR_INVALID_ADDRESS (STATUS_FREE_VM_NOT_AT_BASE)");
	fails(!VirtualFree(a + PG, 0, MEM_DECOMMIT), ERROR_INVALID_ADDRESS,
	      "MEM_DECOMMIT of size 0 not at the base: ERROR_INVALID_ADDRESS");
	ok(VirtualFree(a, 0, MEM_RELEASE), "MEM_RELEASE at the base, size 0: TRUE");
	ok(vq(a, &m) && m.State == MEM_FREE && m.AllocationBase == NULL && m.Type == 0,
	   "released: MEM_FREE");
	fails(!VirtualFree(a, 0, MEM_RELEASE), ERROR_INVALID_ADDRESS,
	      "releasing it again: ERROR_INVALID_ADDRESS");
	fails(!VirtualAlloc(a, PG, MEM_COMMIT, PAGE_READWRITE), ERROR_INVALID_ADDRESS,
	      "MEM_COMMIT of an address not reserved: ERROR_INVALID_ADDRESS");

	a = VirtualAlloc(NULL, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_EXECUTE_READWRITE);
	ok(a && (uintptr_t)a % G == 0, "MEM_RESERVE|MEM_COMMIT: 64 KiB-aligned");
	ok(VirtualFree(a, 0, MEM_RELEASE), "and released");
	b = VirtualAlloc(a, PG, MEM_RESERVE | MEM_COMMIT, PAGE_EXECUTE_READWRITE);
	ok(b == a, "MEM_RESERVE|MEM_COMMIT at the freed address: exactly there");
	fails(!VirtualAlloc(a + PG, PG, MEM_RESERVE | MEM_COMMIT, PAGE_EXECUTE_READWRITE),
	      ERROR_INVALID_ADDRESS, "MEM_RESERVE inside that 64 KiB granule: ERROR_INVALID_ADDRESS");
	if (b) {
		memcpy(b, code42, sizeof(code42));
		ok(FlushInstructionCache(GetCurrentProcess(), b, sizeof(code42)) &&
		   ((int (*)(void))(uintptr_t)b)() == 42,
		   "PAGE_EXECUTE_READWRITE private memory runs the code written there");
	}
	VirtualFree(b, 0, MEM_RELEASE);

	a = VirtualAlloc(NULL, 0x3000, MEM_COMMIT, PAGE_READWRITE);
	ok(a && !faults(a + 0x2fff, 1) && vq(a, &m) && m.State == MEM_COMMIT && m.RegionSize == 0x3000 &&
	   m.AllocationBase == a && m.AllocationProtect == PAGE_READWRITE,
	   "MEM_COMMIT without an address reserves too: 0x3000 committed PAGE_READWRITE");
	VirtualFree(a, 0, MEM_RELEASE);
}

static void private_regions(void)
{
	MEMORY_BASIC_INFORMATION m;
	char *a = VirtualAlloc(NULL, G, MEM_RESERVE, PAGE_READWRITE);

	VirtualAlloc(a + 2 * PG, 2 * PG, MEM_COMMIT, PAGE_READWRITE);
	VirtualAlloc(a + 5 * PG, PG, MEM_COMMIT, PAGE_READONLY);
	ok(vq(a, &m) && m.State == MEM_RESERVE && m.RegionSize == 2 * PG, "regions: pages 0-1 reserved");
	ok(vq(a + 2 * PG + 5, &m) && m.BaseAddress == a + 2 * PG && m.State == MEM_COMMIT &&
	   m.Protect == PAGE_READWRITE && m.RegionSize == 2 * PG,
	   "regions: pages 2-3 committed PAGE_READWRITE (BaseAddress rounded down)");
	ok(vq(a + 4 * PG, &m) && m.State == MEM_RESERVE && m.RegionSize == PG, "regions: page 4 reserved");
	ok(vq(a + 5 * PG, &m) && m.State == MEM_COMMIT && m.Protect == PAGE_READONLY && m.RegionSize == PG,
	   "regions: page 5 committed PAGE_READONLY");
	ok(vq(a + 6 * PG, &m) && m.State == MEM_RESERVE && m.RegionSize == G - 6 * PG &&
	   m.AllocationProtect == PAGE_READWRITE, "regions: the rest reserved, to the allocation's end");
	VirtualFree(a, 0, MEM_RELEASE);
}

static void charge(void)
{
	long before, reserved, committed, protected, decommitted;
	DWORD old;
	char *a;

	before = committed_kb();
	a = VirtualAlloc(NULL, 256 << 20, MEM_RESERVE, PAGE_READWRITE);
	reserved = committed_kb();
	VirtualAlloc(a, 64 << 20, MEM_COMMIT, PAGE_READONLY);
	committed = committed_kb();
	VirtualProtect(a, 64 << 20, PAGE_READWRITE, &old);
	VirtualProtect(a, 64 << 20, PAGE_NOACCESS, &old);
	protected = committed_kb();
	VirtualFree(a, 64 << 20, MEM_DECOMMIT);
	decommitted = committed_kb();
	VirtualFree(a, 0, MEM_RELEASE);
	diag("Committed_AS: %ld, reserved %ld, committed %ld, protected %ld, decommitted %ld kB",
	     before, reserved, committed, protected, decommitted);
	ok(a && reserved - before < 8192, "MEM_RESERVE of 256 MiB charges nothing (Committed_AS within 8 MiB)");
	ok(committed - reserved >= 63 * 1024,
	   "MEM_COMMIT of 64 MiB (even PAGE_READONLY) is charged at once: Committed_AS +64 MiB");
	ok(protected - reserved >= 63 * 1024,
	   "VirtualProtect to PAGE_READWRITE and back to PAGE_NOACCESS keeps the charge");
	ok(protected - decommitted >= 63 * 1024, "MEM_DECOMMIT returns the charge");
}

static void misc(void)
{
	unsigned long kb = 0;
	char line[128];
	FILE *f = fopen("/proc/meminfo", "re");
	SIZE_T lp = GetLargePageMinimum();
	char *p;
	DWORD old;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "Hugepagesize: %lu kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	if (kb)
		is(lp, 2 << 20, "GetLargePageMinimum: 2 MiB (x86-64 with Hugepagesize %lu kB)", kb);
	else
		is(lp, 0, "GetLargePageMinimum: 0 without huge pages");
	ok(FlushInstructionCache(GetCurrentProcess(), NULL, 0), "FlushInstructionCache(GetCurrentProcess()): TRUE");
	fails(!FlushInstructionCache(NULL, NULL, 0), ERROR_INVALID_HANDLE,
	      "FlushInstructionCache(NULL): ERROR_INVALID_HANDLE");
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(VirtualProtect(p, PG, PAGE_READONLY, &old) && old == PAGE_READWRITE && faults(p, 1),
	   "VirtualProtect of memory the library did not allocate: mprotect, old PAGE_READWRITE");
	munmap(p, PG);
}

/* rules 21, 22: a one-page file section of each protection, a FILE_MAP_READ view */
static void file_view_rules(void)
{
	static const DWORD prots[] = {
		PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY,
		PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY,
	};
	HANDLE f = make_file("virt-prot.dat", PG, GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE);
	unsigned int i, k, bad_alloc = 0, bad_prot = 0;
	DWORD old;
	HANDLE h;
	char *p;

	for (i = 0; i < 6; i++) {
		h = CreateFileMappingA(f, NULL, prots[i] | SEC_COMMIT, 0, PG, NULL);
		p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
		for (k = 0; k < 6; k++) {
			SetLastError(0);
			if (VirtualAlloc(p, PG, MEM_COMMIT, prots[k]) || GetLastError() != ERROR_ACCESS_DENIED) {
				bad_alloc++;
				diag("section %#x commit %#x: error %u", (unsigned int)prots[i],
				     (unsigned int)prots[k], (unsigned int)GetLastError());
			}
			SetLastError(0);
			if (prots[k] == PAGE_READONLY || prots[k] == PAGE_WRITECOPY ?
			    !VirtualProtect(p, PG, prots[k], &old) :
			    VirtualProtect(p, PG, prots[k], &old) ||
			    GetLastError() != ERROR_INVALID_PARAMETER) {
				bad_prot++;
				diag("section %#x protect %#x: error %u", (unsigned int)prots[i],
				     (unsigned int)prots[k], (unsigned int)GetLastError());
			}
		}
		UnmapViewOfFile(p);
		CloseHandle(h);
	}
	is(bad_alloc, 0, "rule 22: VirtualAlloc(MEM_COMMIT) of a read-only file view: ERROR_ACCESS_DENIED, every protection");
	is(bad_prot, 0, "rule 22: VirtualProtect there: PAGE_READONLY and PAGE_WRITECOPY succeed, others ERROR_INVALID_PARAMETER");
	CloseHandle(f);
	DeleteFileA("virt-prot.dat");
}

static void protect_rules(void)
{
	HANDLE h = anon(PAGE_EXECUTE_READWRITE, 0, 3 * PG);
	HANDLE f = make_file("virt-cow.dat", 3 * PG, GENERIC_READ | GENERIC_WRITE);
	HANDLE fh = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	MEMORY_BASIC_INFORMATION m;
	char *p, buf[4];
	DWORD old = 0, n;

	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	ok(VirtualProtect(p, PG, PAGE_READONLY, &old) && old == PAGE_READWRITE && faults(p, 1),
	   "rule 49: PAGE_READWRITE view -> PAGE_READONLY: TRUE, old PAGE_READWRITE, writes fault");
	ok(vq(p, &m) && m.Protect == PAGE_READONLY && m.RegionSize == PG && m.AllocationProtect == PAGE_READWRITE,
	   "rule 49: VirtualQuery: that page PAGE_READONLY, AllocationProtect still PAGE_READWRITE");
	ok(VirtualProtect(p, PG, PAGE_READWRITE, &old) && old == PAGE_READONLY && !faults(p, 1),
	   "rule 49: back to PAGE_READWRITE: TRUE, old PAGE_READONLY");
	fails(!VirtualProtect(p, PG, PAGE_EXECUTE_READ, &old), ERROR_INVALID_PARAMETER,
	      "rule 49: PAGE_EXECUTE_READ on a PAGE_READWRITE view: ERROR_INVALID_PARAMETER");
	ok(VirtualProtect(p + PG, PG, PAGE_NOACCESS, &old) && faults(p + PG, 0),
	   "rule 49: PAGE_NOACCESS is within any view: TRUE, reads fault");
	fails(!VirtualProtect(p + 2 * PG, 2 * PG, PAGE_READONLY, &old), ERROR_INVALID_ADDRESS,
	      "VirtualProtect past the view's end: ERROR_INVALID_ADDRESS");
	UnmapViewOfFile(p);
	p = MapViewOfFile(h, FILE_MAP_WRITE | FILE_MAP_EXECUTE, 0, 0, 0);
	ok(VirtualProtect(p, PG, PAGE_EXECUTE_READ, &old) && old == PAGE_EXECUTE_READWRITE && vq(p, &m) &&
	   m.Protect == PAGE_EXECUTE_READ, "rule 49: PAGE_EXECUTE_READWRITE view -> PAGE_EXECUTE_READ: TRUE");
	UnmapViewOfFile(p);
	p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
	ok(VirtualProtect(p, PG, PAGE_WRITECOPY, &old) && old == PAGE_READONLY,
	   "rule 49: PAGE_WRITECOPY counts as read-only: allowed on a PAGE_READONLY view");
	fails(!VirtualProtect(p, PG, PAGE_READWRITE, &old), ERROR_INVALID_PARAMETER,
	      "rule 49: PAGE_READWRITE on a PAGE_READONLY view: ERROR_INVALID_PARAMETER");
	UnmapViewOfFile(p);

	/* rule 51: copy-on-write pages become PAGE_READWRITE one by one */
	p = MapViewOfFile(fh, FILE_MAP_COPY, 0, 0, 0);
	ok(vq(p, &m) && m.Protect == PAGE_WRITECOPY && m.RegionSize == 3 * PG,
	   "rule 51: a FILE_MAP_COPY view: PAGE_WRITECOPY over all 3 pages");
	ok(!faults(p + PG + 1, 0) && vq(p, &m) && m.Protect == PAGE_WRITECOPY && m.RegionSize == 3 * PG,
	   "rule 51: a page read (mapped from the file) is still PAGE_WRITECOPY");
	p[0] = 'X';
	ok(vq(p, &m) && m.Protect == PAGE_READWRITE && m.RegionSize == PG && m.AllocationProtect == PAGE_WRITECOPY,
	   "rule 51: the written page: PAGE_READWRITE, a region of one page");
	ok(vq(p + PG, &m) && m.Protect == PAGE_WRITECOPY && m.RegionSize == 2 * PG,
	   "rule 51: the next page stays PAGE_WRITECOPY");
	SetFilePointer(f, 0, NULL, FILE_BEGIN);
	ok(ReadFile(f, buf, 1, &n, NULL) && buf[0] == 0, "rule 51: the file is unchanged");
	fails(!VirtualProtect(p, PG, PAGE_READWRITE, &old), ERROR_INVALID_PARAMETER,
	      "rule 49: PAGE_READWRITE on a PAGE_WRITECOPY view: ERROR_INVALID_PARAMETER");
	UnmapViewOfFile(p);

	/* rule 59: PAGE_WRITECOPY on a shared file view */
	p = MapViewOfFile(fh, FILE_MAP_WRITE, 0, 0, 0);
	ok(VirtualProtect(p + PG, PG, PAGE_WRITECOPY, &old) && old == PAGE_READWRITE,
	   "rule 59: VirtualProtect(PAGE_WRITECOPY) of a FILE_MAP_WRITE file view: TRUE");
	todo(!faults(p + PG, 1) && (SetFilePointer(f, PG, NULL, FILE_BEGIN), ReadFile(f, buf, 1, &n, NULL)) &&
	     buf[0] == 0, "a shared mapping cannot turn private: the page is read-only, a write faults",
	     "rule 59: a write to it makes a private copy, the file unchanged");
	ok(!faults(p + PG, 0) && vq(p + PG, &m) && m.Protect == PAGE_READONLY && m.RegionSize == PG,
	   "rule 59 here: the page reads, and VirtualQuery says PAGE_READONLY");
	UnmapViewOfFile(p);
	CloseHandle(fh);
	CloseHandle(f);
	DeleteFileA("virt-cow.dat");
	CloseHandle(h);
}

/* NtQueryVirtualMemory(MemoryRegionInformation) of @p into @ri; 1 on success */
static int region(const void *p, MEMORY_REGION_INFORMATION *ri)
{
	SIZE_T len = 0;

	memset(ri, 0xcc, sizeof(*ri));
	return NtQueryVirtualMemory(GetCurrentProcess(), (void *)p, MemoryRegionInformation, ri, sizeof(*ri),
				    &len) == STATUS_SUCCESS && len == sizeof(*ri);
}

static void query_virtual_memory(void)
{
	MEMORY_REGION_INFORMATION ri;
	MEMORY_BASIC_INFORMATION m, m2;
	char *a = VirtualAlloc(NULL, G, MEM_RESERVE, PAGE_READWRITE), stack;
	SIZE_T len = 0;

	VirtualAlloc(a + PG, 2 * PG, MEM_COMMIT, PAGE_READWRITE);
	ok(region(a + 5 * PG, &ri) && ri.AllocationBase == a && ri.AllocationProtect == PAGE_READWRITE &&
	   ri.RegionSize == G && ri.CommitSize == 2 * PG && ri.RegionType == MEMORY_REGION_PRIVATE,
	   "NtQueryVirtualMemory(MemoryRegionInformation) of VirtualAlloc memory: the allocation, CommitSize 0x2000");
	is(NtQueryVirtualMemory(GetCurrentProcess(), a, MemoryRegionInformation, &ri, 31, &len),
	   STATUS_INFO_LENGTH_MISMATCH, "MemoryRegionInformation with 31 bytes: STATUS_INFO_LENGTH_MISMATCH");
	ok(NtQueryVirtualMemory(GetCurrentProcess(), a, MemoryRegionInformation, &ri, 32, &len) == 0 && len == 32,
	   "MemoryRegionInformation with the old 32-byte layout: STATUS_SUCCESS, length 32");
	VirtualFree(a, 0, MEM_RELEASE);
	is(NtQueryVirtualMemory(GetCurrentProcess(), a, MemoryRegionInformation, &ri, sizeof(ri), &len),
	   STATUS_INVALID_ADDRESS, "MemoryRegionInformation of free memory: STATUS_INVALID_ADDRESS");
	ok(NtQueryVirtualMemory(GetCurrentProcess(), &stack, MemoryBasicInformation, &m, sizeof(m), &len) == 0 &&
	   len == sizeof(m) && vq(&stack, &m2) && m.BaseAddress == m2.BaseAddress && m.State == m2.State &&
	   m.Type == m2.Type, "MemoryBasicInformation is VirtualQuery's answer");
	is(NtQueryVirtualMemory(GetCurrentProcess(), &stack, 42, &m, sizeof(m), &len), STATUS_INVALID_INFO_CLASS,
	   "an unknown class: STATUS_INVALID_INFO_CLASS");
	is(NtQueryVirtualMemory(NULL, &stack, MemoryBasicInformation, &m, sizeof(m), &len), STATUS_INVALID_HANDLE,
	   "another process handle: STATUS_INVALID_HANDLE");
}

static void commit_rules(void)
{
	MEMORY_REGION_INFORMATION ri;
	HANDLE h = anon(PAGE_READWRITE | SEC_COMMIT, 0, 1 << 20), r;
	HANDLE f = make_file("virt-file.dat", 2 * PG, GENERIC_READ | GENERIC_WRITE);
	HANDLE fh = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	MEMORY_BASIC_INFORMATION m;
	char *p, *q;
	DWORD old;

	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	ok(VirtualAlloc(p, G, MEM_COMMIT, PAGE_READONLY) == p, "rule 77: MEM_COMMIT PAGE_READONLY of a SEC_COMMIT view: TRUE");
	ok(vq(p, &m) && m.RegionSize == G && m.Protect == PAGE_READONLY && m.AllocationProtect == PAGE_READWRITE &&
	   m.State == MEM_COMMIT, "rule 77: RegionSize 0x10000, PAGE_READONLY, AllocationProtect PAGE_READWRITE");
	ok(vq(p + G, &m) && m.RegionSize == (1 << 20) - G && m.Protect == PAGE_READWRITE,
	   "rule 77: the rest of the view is still PAGE_READWRITE");
	ok(faults(p, 1) && !faults(p + G, 1), "rule 50: the committed range is read-only now");
	fails(!VirtualAlloc(p, G, MEM_COMMIT, PAGE_EXECUTE_READ), ERROR_INVALID_PARAMETER,
	      "rule 50: MEM_COMMIT with a protection beyond the view's: ERROR_INVALID_PARAMETER");
	ok(VirtualAlloc(p, 100, MEM_RESET, PAGE_READONLY) == p, "rule 69: MEM_RESET on a view: the view's address");
	fails(!VirtualFree(p, G, MEM_DECOMMIT), ERROR_INVALID_PARAMETER,
	      "rule 68: VirtualFree(MEM_DECOMMIT) of a SEC_COMMIT view: ERROR_INVALID_PARAMETER");
	fails(!VirtualFree(p, 0, MEM_RELEASE), ERROR_INVALID_PARAMETER,
	      "rule 68: VirtualFree(MEM_RELEASE) of a view: ERROR_INVALID_PARAMETER");
	ok(vq(p, &m) && m.Type == MEM_MAPPED, "rule 68: the view is still there");
	UnmapViewOfFile(p);
	CloseHandle(h);

	q = MapViewOfFile(fh, FILE_MAP_WRITE, 0, 0, 0);
	fails(!VirtualAlloc(q, PG, MEM_COMMIT, PAGE_READWRITE), ERROR_ACCESS_DENIED,
	      "rule 50: MEM_COMMIT of a read-write file view: ERROR_ACCESS_DENIED");
	UnmapViewOfFile(q);

	/* rule 85: a SEC_COMMIT view of 0x2000 */
	h = anon(PAGE_READWRITE | SEC_COMMIT, 0, 0x2000);
	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	ok(VirtualAlloc(p + PG, PG, MEM_COMMIT, PAGE_READWRITE) == p + PG, "rule 85: MEM_COMMIT of a page inside: TRUE");
	fails(!VirtualAlloc(p, 0x3000, MEM_COMMIT, PAGE_READWRITE), ERROR_INVALID_ADDRESS,
	      "rule 85: MEM_COMMIT of 0x3000 (past the view): ERROR_INVALID_ADDRESS");
	fails(!VirtualAlloc(p + 0x2000, PG, MEM_COMMIT, PAGE_READWRITE), ERROR_INVALID_ADDRESS,
	      "rule 85: MEM_COMMIT at the page after the view: ERROR_INVALID_ADDRESS");
	fails(!VirtualAlloc(p + 0x2000, PG, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE), ERROR_INVALID_ADDRESS,
	      "rule 85: MEM_RESERVE|MEM_COMMIT there: ERROR_INVALID_ADDRESS");
	fails(!VirtualAlloc(p + 0xf000, PG, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE), ERROR_INVALID_ADDRESS,
	      "rule 85: MEM_RESERVE|MEM_COMMIT up to the next 64 KiB boundary: ERROR_INVALID_ADDRESS");
	UnmapViewOfFile(p);
	CloseHandle(h);

	/* rule 79: a 4 KiB pagefile view */
	h = anon(PAGE_READWRITE, 0, PG);
	p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
	q = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);
	ok(vq(p, &m) && m.AllocationBase == p && m.AllocationProtect == PAGE_READONLY && m.RegionSize == PG &&
	   vq(q, &m) && m.AllocationBase == q && m.AllocationProtect == PAGE_WRITECOPY && m.RegionSize == PG,
	   "rule 79: 4 KiB views: AllocationBase the view, AllocationProtect the view's, RegionSize 4096");
	ok(region(p, &ri) && ri.AllocationBase == p && ri.AllocationProtect == PAGE_READONLY &&
	   ri.RegionSize == PG && ri.CommitSize == 0,
	   "rule 79: MemoryRegionInformation of a PAGE_READONLY view: RegionSize 4096, CommitSize 0");
	ok(region(q, &ri) && ri.AllocationBase == q && ri.AllocationProtect == PAGE_WRITECOPY &&
	   ri.RegionSize == PG && ri.CommitSize == PG,
	   "rule 79: of a PAGE_WRITECOPY view before any write: CommitSize 4096");
	UnmapViewOfFile(p);
	UnmapViewOfFile(q);
	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	p[0] = 1;
	ok(region(p, &ri) && ri.AllocationProtect == PAGE_READWRITE && ri.RegionSize == PG && ri.CommitSize == 0,
	   "rule 79: of a written PAGE_READWRITE view: CommitSize 0");
	UnmapViewOfFile(p);
	CloseHandle(h);

	/* rules 81-84: SEC_RESERVE */
	r = anon(PAGE_READWRITE | SEC_RESERVE, 0, 1 << 20);
	p = MapViewOfFile(r, FILE_MAP_WRITE, 0, 0, 0);
	q = MapViewOfFile(r, FILE_MAP_WRITE, 0, 0, 0);
	ok(faults(p, 0) && faults(q + G, 1), "rule 82: uncommitted SEC_RESERVE pages fault in every view");
	fails(!VirtualProtect(p, PG, PAGE_READONLY, &old), ERROR_INVALID_ADDRESS,
	      "VirtualProtect of uncommitted view pages: ERROR_INVALID_ADDRESS (STATUS_NOT_COMMITTED)");
	ok(VirtualAlloc(p, G, MEM_COMMIT, PAGE_READONLY) == p, "rule 81: MEM_COMMIT of 0x10000 PAGE_READONLY through view 1");
	ok(vq(q, &m) && m.State == MEM_COMMIT && m.RegionSize == G && m.Protect == PAGE_READWRITE,
	   "rule 81: view 2: MEM_COMMIT, RegionSize 0x10000, its own PAGE_READWRITE");
	ok(vq(q + G, &m) && m.State == MEM_RESERVE && m.Protect == 0 && m.RegionSize == (1 << 20) - G,
	   "rule 81: view 2 past the committed range: MEM_RESERVE, Protect 0");
	ok(vq(p, &m) && m.State == MEM_COMMIT && m.Protect == PAGE_READONLY && m.RegionSize == G,
	   "rule 81: view 1: PAGE_READONLY");
	q[5] = 5;
	ok(p[5] == 5 && faults(p, 1), "rule 83: committed PAGE_READONLY: reads (shared data), writes fault");
	ok(VirtualAlloc(p, G, MEM_COMMIT, PAGE_READONLY) == p, "rule 83: committing a committed range again: TRUE");
	ok(VirtualAlloc(p, PG, MEM_COMMIT, PAGE_READWRITE) == p && !faults(p, 1),
	   "rule 83: committing it again PAGE_READWRITE upgrades it");
	ok(faults(q + G + PG, 0), "rule 82: a page past the commit still faults");
	ok(VirtualAlloc(q + G + PG, PG, MEM_COMMIT, PAGE_READWRITE) == q + G + PG && !faults(p + G + PG, 1),
	   "rule 82: committed through view 2, writable through view 1");
	p[G + PG] = 9;
	ok(q[G + PG] == 9, "rule 82: with shared data");
	{
		struct ntsection_info info;

		ok(!ntsection_query(ntsection_handle_to_fd(r), &info) && info.committed == G + PG,
		   "the section reports 0x11000 bytes committed");
	}
	UnmapViewOfFile(p);
	UnmapViewOfFile(q);
	p = MapViewOfFile(r, 0, 0, 0, 0);
	fails(!VirtualProtect(p + 2 * G, PG, PAGE_READWRITE, &old), ERROR_INVALID_PARAMETER,
	      "rule 84: VirtualProtect of an uncommitted PAGE_NOACCESS view: ERROR_INVALID_PARAMETER (STATUS_SECTION_PROTECTION)");
	ok(faults(p + 2 * G, 0), "rule 84: and reads fault");
	fails(!VirtualFree(p, G, MEM_DECOMMIT), ERROR_INVALID_PARAMETER,
	      "rule 68: VirtualFree(MEM_DECOMMIT) of a SEC_RESERVE view: ERROR_INVALID_PARAMETER");
	UnmapViewOfFile(p);
	CloseHandle(r);

	r = anon(PAGE_EXECUTE_READWRITE | SEC_RESERVE, 0, G);
	p = MapViewOfFile(r, FILE_MAP_WRITE | FILE_MAP_EXECUTE, 0, 0, 0);
	ok(VirtualAlloc(p, PG, MEM_COMMIT, PAGE_READONLY) == p &&
	   VirtualAlloc(p, PG, MEM_COMMIT, PAGE_EXECUTE_READWRITE) == p && vq(p, &m) &&
	   m.Protect == PAGE_EXECUTE_READWRITE && !faults(p, 1),
	   "rule 83: PAGE_READONLY then PAGE_EXECUTE_READWRITE: upgraded");
	UnmapViewOfFile(p);
	CloseHandle(r);
	CloseHandle(fh);
	CloseHandle(f);
	DeleteFileA("virt-file.dat");
}

static void commit_charge(void)
{
	HANDLE r = anon(PAGE_READWRITE | SEC_RESERVE, 0x200, 0), h;
	long before, after;
	char *p;

	p = MapViewOfFile(r, FILE_MAP_WRITE, 0, 0, 256 << 20);
	before = committed_kb();
	ok(p && VirtualAlloc(p, 64 << 20, MEM_COMMIT, PAGE_READWRITE) == p,
	   "MEM_COMMIT of 64 MiB through a view of a 2 TiB SEC_RESERVE section");
	after = committed_kb();
	diag("Committed_AS %ld -> %ld kB", before, after);
	ok(after - before >= 63 * 1024, "it is charged at once: Committed_AS +64 MiB");
	fails(!VirtualAlloc(p, 1UL << 30, MEM_COMMIT, PAGE_READWRITE), ERROR_INVALID_ADDRESS,
	      "MEM_COMMIT of 1 GiB through a 256 MiB view (past its end): ERROR_INVALID_ADDRESS");
	UnmapViewOfFile(p);
	p = MapViewOfFile(r, FILE_MAP_WRITE, 0, 0, 0);
	fails(!VirtualAlloc(p, 1UL << 40, MEM_COMMIT, PAGE_READWRITE), ERROR_COMMITMENT_LIMIT,
	      "MEM_COMMIT of 1 TiB (beyond the commit limit): ERROR_COMMITMENT_LIMIT");
	UnmapViewOfFile(p);
	CloseHandle(r);
	h = anon(PAGE_READWRITE | SEC_COMMIT, 0x100, 0);
	fails(!h, ERROR_COMMITMENT_LIMIT, "CreateFileMapping of a 1 TiB SEC_COMMIT section: ERROR_COMMITMENT_LIMIT");
}

/* The .NET runtime's W^X double mapping (ExecutableAllocator on Windows). */
static void dotnet_wx(void)
{
	size_t rx_size = 256 << 20;
	HANDLE h = anon(PAGE_EXECUTE_READWRITE | SEC_RESERVE, 0x200, 0);
	MEMORY_BASIC_INFORMATION m;
	uintptr_t a = 0x100000000UL, at = 0;
	struct ntsection_info info;
	char *rx, *rw;
	int scans = 0;

	ok(h != NULL, ".NET W^X: a 2 TiB SEC_RESERVE|PAGE_EXECUTE_READWRITE pagefile section");
	while (a < 0x7f0000000000UL && scans++ < 100000 && vq((void *)a, &m)) {
		uintptr_t s = ((uintptr_t)m.BaseAddress + G - 1) & ~(G - 1);

		if (m.State == MEM_FREE && (uintptr_t)m.BaseAddress + m.RegionSize >= s + rx_size) {
			at = s;
			break;
		}
		a = (uintptr_t)m.BaseAddress + m.RegionSize;
	}
	ok(at != 0, ".NET W^X: VirtualQuery scan finds a MEM_FREE range of 256 MiB at %#lx", (unsigned long)at);
	rx = MapViewOfFileEx(h, FILE_MAP_READ | FILE_MAP_EXECUTE, 0, 0, rx_size, (void *)at);
	ok(rx == (char *)at, ".NET W^X: the RX view reserved there with MapViewOfFileEx");
	ok(vq(rx, &m) && m.State == MEM_RESERVE && m.RegionSize == rx_size &&
	   m.AllocationProtect == PAGE_EXECUTE_READ, ".NET W^X: it is MEM_RESERVE, AllocationProtect PAGE_EXECUTE_READ");
	ok(VirtualAlloc(rx, G, MEM_COMMIT, PAGE_EXECUTE_READ) == rx,
	   ".NET W^X: VirtualAlloc(MEM_COMMIT, PAGE_EXECUTE_READ) through the RX view");
	ok(vq(rx, &m) && m.State == MEM_COMMIT && m.Protect == PAGE_EXECUTE_READ && m.RegionSize == G,
	   ".NET W^X: 64 KiB MEM_COMMIT PAGE_EXECUTE_READ");
	rw = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, G);
	ok(rw && vq(rw, &m) && m.State == MEM_COMMIT && m.Protect == PAGE_READWRITE,
	   ".NET W^X: an RW view of the same offset is committed and writable");
	if (rx && rw) {
		memcpy(rw, code42, sizeof(code42));
		FlushInstructionCache(GetCurrentProcess(), rx, sizeof(code42));
		is(((int (*)(void))(uintptr_t)rx)(), 42, ".NET W^X: code written through RW runs through RX (returns 42)");
		ok(faults(rx, 1), ".NET W^X: the RX view is not writable");
		/* release: commit again, zero, unmap */
		ok(VirtualAlloc(rx, G, MEM_COMMIT, PAGE_EXECUTE_READ) == rx, ".NET W^X: release commits the range again");
		memset(rw, 0, G);
		ok(rx[0] == 0, ".NET W^X: zeroed through RW, seen through RX");
	}
	ok(!ntsection_query(ntsection_handle_to_fd(h), &info) && info.committed == G,
	   ".NET W^X: the section has exactly 64 KiB committed");
	ok(UnmapViewOfFile(rw) && UnmapViewOfFile(rx) && CloseHandle(h), ".NET W^X: both views unmapped, handle closed");
}

int main(void)
{
	if (sysconf(_SC_PAGESIZE) != PG) {
		skip("the page size is not 4 KiB", "t_virtual");
		return tap_done();
	}
	private_reserve_commit();
	private_regions();
	charge();
	misc();
	query_virtual_memory();
	file_view_rules();
	protect_rules();
	commit_rules();
	commit_charge();
	dotnet_wx();
	return tap_done();
}
