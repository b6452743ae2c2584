// SPDX-License-Identifier: GPL-2.0
/*
 * t_large.c - large pages through the Win32 and native layers (group K of
 * docs/windows-rules.md, rules 91 and 92): GetLargePageMinimum, which
 * attribute sets and sizes CreateFileMapping and NtCreateSection accept,
 * FILE_MAP_LARGE_PAGES views (whole large pages, PMD-mapped), the small
 * views Windows 10 1703 and later give without the flag (Microsoft's
 * "Creating a File Mapping Using Large Pages" maps 64 KiB of one), and
 * the privilege: ERROR_PRIVILEGE_NOT_HELD without RLIMIT_MEMLOCK,
 * ERROR_NO_SYSTEM_RESOURCES beyond it.
 */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "smaps.h"
#include "wintest.h"

#define KB	1024UL

/* kB of the mapping at @p mapped by PMD entries of shmem pages */
static long pmd_kb(const void *p)
{
	return ns_smaps_kb(p, "ShmemPmdMapped");
}

/* MemoryRegionInformation's RegionType at @p, or ~0 */
static ULONG region_type(const void *p)
{
	MEMORY_REGION_INFORMATION mri;

	if (NtQueryVirtualMemory(GetCurrentProcess(), (PVOID)p,
				 MemoryRegionInformation, &mri, sizeof(mri),
				 NULL) != STATUS_SUCCESS)
		return ~0U;
	return mri.RegionType;
}

static HANDLE large_section(SIZE_T size, const char *name)
{
	return CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
				  PAGE_READWRITE | SEC_COMMIT | SEC_LARGE_PAGES,
				  (DWORD)((uint64_t)size >> 32), (DWORD)size,
				  name);
}

static void attributes(SIZE_T lp)
{
	SECTION_BASIC_INFORMATION sbi;
	LARGE_INTEGER size;
	HANDLE h = NULL;

	fails(!CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE |
				  SEC_RESERVE | SEC_LARGE_PAGES, 0, (DWORD)lp,
				  NULL), ERROR_INVALID_PARAMETER,
	      "rule 91: SEC_RESERVE|SEC_LARGE_PAGES: ERROR_INVALID_PARAMETER");
	fails(!CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE |
				  SEC_LARGE_PAGES, 0, (DWORD)lp, NULL),
	      ERROR_INVALID_PARAMETER,
	      "rule 91: a lone SEC_LARGE_PAGES: ERROR_INVALID_PARAMETER");
	fails(!CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE |
				  SEC_COMMIT | SEC_LARGE_PAGES | SEC_NOCACHE, 0,
				  (DWORD)lp, NULL), ERROR_INVALID_PARAMETER,
	      "SEC_LARGE_PAGES with SEC_NOCACHE: ERROR_INVALID_PARAMETER");
	fails(!large_section(lp + 4096, NULL), ERROR_INVALID_PARAMETER,
	      "rule 92: a size not a multiple of the large page: ERROR_INVALID_PARAMETER");

	size.QuadPart = (LONGLONG)lp / 2;
	is(NtCreateSection(&h, SECTION_ALL_ACCESS, NULL, &size, PAGE_READWRITE,
			   SEC_COMMIT | SEC_LARGE_PAGES, NULL),
	   STATUS_INVALID_PARAMETER_4,
	   "rule 92: NtCreateSection of half a large page: STATUS_INVALID_PARAMETER_4");
	is(NtCreateSection(&h, SECTION_ALL_ACCESS, NULL, &size, PAGE_READWRITE,
			   SEC_LARGE_PAGES, NULL), STATUS_INVALID_PARAMETER_6,
	   "rule 92: NtCreateSection with a lone SEC_LARGE_PAGES: STATUS_INVALID_PARAMETER_6");
	size.QuadPart = (LONGLONG)lp * 2;
	is(NtCreateSection(&h, SECTION_ALL_ACCESS, NULL, &size, PAGE_READWRITE,
			   SEC_COMMIT | SEC_LARGE_PAGES, NULL), STATUS_SUCCESS,
	   "rule 92: NtCreateSection of two large pages succeeds");
	memset(&sbi, 0, sizeof(sbi));
	is(NtQuerySection(h, SectionBasicInformation, &sbi, sizeof(sbi), NULL),
	   STATUS_SUCCESS, "NtQuerySection of a large-page section");
	is(sbi.Attributes, SEC_COMMIT | SEC_LARGE_PAGES,
	   "its attributes are SEC_COMMIT|SEC_LARGE_PAGES, as given");
	is(sbi.Size.QuadPart, (LONGLONG)lp * 2, "its size is two large pages");
	NtClose(h);
}

/* FILE_MAP_LARGE_PAGES: whole large pages, each mapped by a PMD entry */
static void large_views(SIZE_T lp)
{
	MEMORY_BASIC_INFORMATION m;
	HANDLE h = large_section(2 * lp, NULL);
	char *p, *q;

	ok(h != NULL, "CreateFileMappingA of two large pages");
	p = MapViewOfFile(h, FILE_MAP_ALL_ACCESS | FILE_MAP_LARGE_PAGES, 0, 0,
			  0);
	ok(p && !((uintptr_t)p % lp), "a FILE_MAP_LARGE_PAGES view is at a large-page boundary");
	if (!p)
		return;
	memset(p, 'L', 2 * lp);
	is(pmd_kb(p), (long)(2 * lp / KB),
	   "every large page of the view is mapped by one PMD entry");
	ok(vq(p + lp, &m) && m.Type == MEM_MAPPED && m.State == MEM_COMMIT &&
	   m.AllocationBase == p && m.RegionSize == lp,
	   "VirtualQuery: MEM_MAPPED, committed, as any view");
	ok(region_type(p + lp) == (MEMORY_REGION_MAPPED_PAGE_FILE |
				   MEMORY_REGION_PAGE_SIZE_LARGE),
	   "MemoryRegionInformation: a page-file view with PageSizeLarge");

	fails(!MapViewOfFile(h, FILE_MAP_READ | FILE_MAP_LARGE_PAGES, 0, 65536,
			     lp), ERROR_MAPPED_ALIGNMENT,
	      "FILE_MAP_LARGE_PAGES at a 64 KiB offset: ERROR_MAPPED_ALIGNMENT");
	fails(!MapViewOfFile(h, FILE_MAP_READ | FILE_MAP_LARGE_PAGES, 0, 0,
			     65536), ERROR_INVALID_PARAMETER,
	      "FILE_MAP_LARGE_PAGES of 64 KiB: ERROR_INVALID_PARAMETER");
	q = VirtualAlloc(NULL, 4 * lp, MEM_RESERVE, PAGE_NOACCESS);
	ok(q != NULL, "room for a view at a chosen address");
	if (q) {
		char *at = (char *)(((uintptr_t)q + lp - 1) & ~(lp - 1));

		VirtualFree(q, 0, MEM_RELEASE);
		fails(!MapViewOfFileEx(h, FILE_MAP_READ | FILE_MAP_LARGE_PAGES,
				       0, 0, lp, at + 65536),
		      ERROR_MAPPED_ALIGNMENT,
		      "FILE_MAP_LARGE_PAGES at an address off a large page: ERROR_MAPPED_ALIGNMENT");
		q = MapViewOfFileEx(h, FILE_MAP_READ | FILE_MAP_LARGE_PAGES, 0,
				    (DWORD)lp, lp, at);
		ok(q == at && q[0] == 'L' && pmd_kb(q) == (long)(lp / KB),
		   "FILE_MAP_LARGE_PAGES at a chosen large-page address");
		if (q)
			UnmapViewOfFile(q);
	}
	ok(UnmapViewOfFile(p), "UnmapViewOfFile of a large view");
	CloseHandle(h);

	h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
			       65536, NULL);
	p = MapViewOfFile(h, FILE_MAP_ALL_ACCESS | FILE_MAP_LARGE_PAGES, 0, 0,
			  0);
	ok(p != NULL, "FILE_MAP_LARGE_PAGES of a small-page section is ignored");
	if (p)
		UnmapViewOfFile(p);
	CloseHandle(h);
}

/*
 * Without FILE_MAP_LARGE_PAGES: a view of small pages, any 64 KiB-aligned
 * part of the section, as Microsoft's large-page example maps.
 */
static void small_views(SIZE_T lp)
{
	MEMORY_BASIC_INFORMATION m;
	HANDLE h = large_section(lp, "t_large");
	char *p, *q;

	ok(h != NULL, "the example's named large-page section");
	p = MapViewOfFile(h, FILE_MAP_ALL_ACCESS, 0, 0, 65536);
	ok(p && !((uintptr_t)p % 65536), "a 64 KiB view of it, 64 KiB-aligned");
	if (!p)
		return;
	strcpy(p, "Message from first process.");
	ok(!faults(p + 65535, 1), "the view's last byte is writable");
	ok(faults(p + 65536, 0), "the byte past the view faults, as on Windows");
	q = MapViewOfFile(h, FILE_MAP_READ, 0, 65536, 65536);
	ok(q && !((uintptr_t)q % 65536) && faults(q - 1, 0) && !faults(q, 0),
	   "a view at offset 64 KiB: aligned, nothing before it readable");
	ok(vq(p, &m) && m.BaseAddress == p && m.AllocationBase == p &&
	   m.Type == MEM_MAPPED, "VirtualQuery of the small view: its own base");
	is(region_type(p), MEMORY_REGION_MAPPED_PAGE_FILE,
	   "MemoryRegionInformation of the small view: no PageSizeLarge");
	ok(UnmapViewOfFile(q), "UnmapViewOfFile of the second view");
	ok(UnmapViewOfFile(p + 100), "UnmapViewOfFile from inside the first");
	ok(vq(p, &m) && m.State == MEM_FREE,
	   "the large page around the view is unmapped with it");
	p = MapViewOfFile(h, FILE_MAP_READ | FILE_MAP_LARGE_PAGES, 0, 0, 0);
	ok(p && !strcmp(p, "Message from first process."),
	   "a large view of the same section sees what the small one wrote");
	if (p)
		UnmapViewOfFile(p);
	CloseHandle(h);
}

/* As uid 1000: no RLIMIT_MEMLOCK, then a limit of one large page */
static int privilege_child(SIZE_T lp)
{
	struct rlimit rl = { 0, 0 };

	if (setrlimit(RLIMIT_MEMLOCK, &rl) || setgroups(0, NULL) ||
	    setgid(1000) || setuid(1000))
		return 10;
	if (large_section(lp, NULL) ||
	    GetLastError() != ERROR_PRIVILEGE_NOT_HELD)
		return 11;
	return 0;
}

static int limit_child(SIZE_T lp)
{
	struct rlimit rl = { lp, lp };
	HANDLE a;

	if (setrlimit(RLIMIT_MEMLOCK, &rl) || setgroups(0, NULL) ||
	    setgid(1000) || setuid(1000))
		return 10;
	a = large_section(lp, NULL);
	if (!a)
		return 12;
	if (large_section(lp, NULL) ||
	    GetLastError() != ERROR_NO_SYSTEM_RESOURCES)
		return 13;
	CloseHandle(a);
	a = large_section(lp, NULL);
	return a ? 0 : 14;
}

static void privilege(SIZE_T lp)
{
	int status;
	pid_t pid;

	pid = fork();
	if (!pid)
		_exit(privilege_child(lp));
	ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	   !WEXITSTATUS(status),
	   "RLIMIT_MEMLOCK 0, no CAP_IPC_LOCK: ERROR_PRIVILEGE_NOT_HELD");
	pid = fork();
	if (!pid)
		_exit(limit_child(lp));
	ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	   !WEXITSTATUS(status),
	   "beyond RLIMIT_MEMLOCK: ERROR_NO_SYSTEM_RESOURCES, and the charge comes back");
}

int main(void)
{
	SIZE_T lp = GetLargePageMinimum();

	if (!lp) {
		skip("no transparent huge pages", "large pages");
		return tap_done();
	}
	is(lp, 2 * 1024 * KB, "GetLargePageMinimum() is 2 MiB on x86-64");
	attributes(lp);
	large_views(lp);
	small_views(lp);
	privilege(lp);
	return tap_done();
}
