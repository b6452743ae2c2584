// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * memory.c - VirtualQuery and GetSystemInfo.
 *
 * VirtualQuery of an address inside a view of the library's registry:
 * Type MEM_MAPPED, State MEM_COMMIT (MEM_RESERVE with Protect 0 for a
 * pagefile-backed SEC_RESERVE section), Protect and AllocationProtect the
 * view's protection (with PAGE_NOCACHE or PAGE_WRITECOMBINE for a section
 * of SEC_NOCACHE or SEC_WRITECOMBINE), AllocationBase the view's base, RegionSize from the
 * address's page to the end of the view.  Any other address is looked up
 * in /proc/self/maps: a mapping is MEM_COMMIT, MEM_PRIVATE when anonymous,
 * MEM_IMAGE when some mapping of its file is executable, else MEM_MAPPED;
 * an address in no mapping is MEM_FREE up to the next mapping, with
 * Protect PAGE_NOACCESS and AllocationBase, AllocationProtect and Type 0.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ntsection.h"
#include "internal.h"

/* The highest user address (x86-64, 4-level page tables). */
#define USER_TOP	0x00007ffffffff000UL

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

SIZE_T WINAPI VirtualQuery(LPCVOID lpAddress,
			   PMEMORY_BASIC_INFORMATION lpBuffer,
			   SIZE_T dwLength)
{
	uintptr_t page = sysconf(_SC_PAGESIZE), addr = (uintptr_t)lpAddress;
	struct ns_view v;
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
	lpBuffer->BaseAddress = (PVOID)(addr & ~(page - 1));
	/* RegionSize holds the base until the end is known */
	lpBuffer->RegionSize = addr & ~(page - 1);
	if (libntsection_view_find(addr, &v)) {
		/* SEC_NOCACHE / SEC_WRITECOMBINE show in the protection */
		if (v.attributes & SEC_NOCACHE)
			v.protect |= PAGE_NOCACHE;
		if (v.attributes & SEC_WRITECOMBINE)
			v.protect |= PAGE_WRITECOMBINE;
		lpBuffer->AllocationBase = (PVOID)v.base;
		lpBuffer->AllocationProtect = v.protect;
		lpBuffer->RegionSize = v.base + v.size - lpBuffer->RegionSize;
		lpBuffer->Type = MEM_MAPPED;
		if ((v.attributes & (SEC_RESERVE | SEC_FILE)) == SEC_RESERVE) {
			lpBuffer->State = MEM_RESERVE;
		} else {
			lpBuffer->State = MEM_COMMIT;
			lpBuffer->Protect = v.protect;
		}
		return sizeof(*lpBuffer);
	}
	r = query_maps(addr, lpBuffer);
	if (r < 0) {
		libntsection_set_errno(NS_OP_ANY, -r);
		return 0;
	}
	return sizeof(*lpBuffer);
}

void WINAPI GetSystemInfo(LPSYSTEM_INFO si)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	memset(si, 0, sizeof(*si));
	si->u.s.wProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
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
