// SPDX-License-Identifier: GPL-2.0
/*
 * t_placeholder.c - placeholders: VirtualAlloc2 with
 * MEM_RESERVE_PLACEHOLDER, VirtualFree's split (MEM_PRESERVE_PLACEHOLDER)
 * and coalesce (MEM_COALESCE_PLACEHOLDERS), MapViewOfFile3 with
 * MEM_REPLACE_PLACEHOLDER, UnmapViewOfFile2/Ex with
 * MEM_PRESERVE_PLACEHOLDER, VirtualQuery of all of them, the documented
 * errors (the statuses Wine's conformance tests record for Windows), and
 * the ring buffer of the VirtualAlloc2 documentation, written anew.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "wintest.h"

#define G	0x10000UL
#define PG	0x1000UL

static HANDLE anon(DWORD size)
{
	return CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, size, NULL);
}

static char *placeholder(SIZE_T size)
{
	return VirtualAlloc2(NULL, NULL, size, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER,
			     PAGE_NOACCESS, NULL, 0);
}

/* A placeholder at @p: its own allocation of @size bytes, reserved. */
static int is_placeholder(const void *p, SIZE_T size)
{
	MEMORY_BASIC_INFORMATION m;

	return vq(p, &m) && m.BaseAddress == p && m.AllocationBase == p &&
	       m.RegionSize == size && m.State == MEM_RESERVE && m.Type == MEM_PRIVATE &&
	       m.Protect == 0 && m.AllocationProtect == PAGE_NOACCESS;
}

static int is_free(const void *p)
{
	MEMORY_BASIC_INFORMATION m;

	return vq(p, &m) && m.State == MEM_FREE;
}

static void reserve(void)
{
	MEM_EXTENDED_PARAMETER ext[1];
	char *p, *q;

	p = placeholder(2 * G);
	ok(p && (uintptr_t)p % G == 0, "VirtualAlloc2(MEM_RESERVE | MEM_RESERVE_PLACEHOLDER): a 64 KiB-aligned base");
	ok(is_placeholder(p, 2 * G),
	   "VirtualQuery of a placeholder: MEM_RESERVE, MEM_PRIVATE, Protect 0, AllocationProtect PAGE_NOACCESS, its size");
	ok(faults(p, 0) && faults(p + 2 * G - 1, 1), "a placeholder is inaccessible");
	fails(!VirtualAlloc(p, PG, MEM_COMMIT, PAGE_READWRITE), ERROR_INVALID_ADDRESS,
	      "MEM_COMMIT inside a placeholder: ERROR_INVALID_ADDRESS");
	fails(!VirtualAlloc2(NULL, p, PG, MEM_COMMIT, PAGE_READWRITE, NULL, 0), ERROR_INVALID_ADDRESS,
	      "VirtualAlloc2(MEM_COMMIT) inside a placeholder: ERROR_INVALID_ADDRESS");
	ok(is_placeholder(p, 2 * G), "the placeholder is unchanged");
	ok(VirtualFree(p, 0, MEM_RELEASE) && is_free(p), "VirtualFree(MEM_RELEASE) of a placeholder frees it");

	q = VirtualAlloc2(GetCurrentProcess(), NULL, G, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER,
			  PAGE_NOACCESS, NULL, 0);
	ok(q && is_placeholder(q, G), "VirtualAlloc2 with GetCurrentProcess(): a placeholder");
	ok(q && VirtualFree(q, 0, MEM_RELEASE), "released");
	q = VirtualAlloc2(NULL, (void *)(uintptr_t)p, G, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER,
			  PAGE_NOACCESS, NULL, 0);
	ok(q == p && is_placeholder(p, G), "VirtualAlloc2 at a given free address: the placeholder is there");
	fails(!VirtualAlloc2(NULL, p, G, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, NULL, 0),
	      ERROR_INVALID_ADDRESS, "a placeholder over a placeholder: ERROR_INVALID_ADDRESS");
	ok(q && VirtualFree(q, 0, MEM_RELEASE), "released");

	fails(!VirtualAlloc2(NULL, NULL, G, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_READWRITE, NULL, 0),
	      ERROR_INVALID_PARAMETER, "a placeholder PAGE_READWRITE: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc2(NULL, NULL, G, MEM_RESERVE | MEM_COMMIT | MEM_RESERVE_PLACEHOLDER,
			     PAGE_NOACCESS, NULL, 0),
	      ERROR_INVALID_PARAMETER, "a committed placeholder: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc2(NULL, NULL, G, MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, NULL, 0),
	      ERROR_INVALID_PARAMETER, "MEM_RESERVE_PLACEHOLDER without MEM_RESERVE: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc2(NULL, NULL, 0, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, NULL, 0),
	      ERROR_INVALID_PARAMETER, "a placeholder of size 0: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc(NULL, G, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS),
	      ERROR_INVALID_PARAMETER, "VirtualAlloc (not 2) with MEM_RESERVE_PLACEHOLDER: ERROR_INVALID_PARAMETER");
	fails(!VirtualAlloc2((HANDLE)(uintptr_t)0x1234, NULL, G, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER,
			     PAGE_NOACCESS, NULL, 0),
	      ERROR_INVALID_HANDLE, "VirtualAlloc2 for another process: ERROR_INVALID_HANDLE");
	memset(ext, 0, sizeof(ext));
	fails(!VirtualAlloc2(NULL, NULL, G, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, ext, 1),
	      ERROR_NOT_SUPPORTED, "VirtualAlloc2 with an extended parameter: ERROR_NOT_SUPPORTED");
	q = VirtualAlloc2(NULL, NULL, G, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, ext, 0);
	ok(q && is_placeholder(q, G), "VirtualAlloc2 with an array but ParameterCount 0: a placeholder");
	fails(!VirtualAlloc2(NULL, q, G, MEM_RESERVE | MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0),
	      ERROR_NOT_SUPPORTED, "VirtualAlloc2(MEM_REPLACE_PLACEHOLDER), private memory: ERROR_NOT_SUPPORTED");
	ok(q && VirtualFree(q, 0, MEM_RELEASE), "released");

	q = VirtualAlloc2(NULL, NULL, 3 * PG, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, NULL, 0);
	ok(q && (q[0] = 7) == 7, "VirtualAlloc2 without placeholder flags is VirtualAlloc: committed memory");
	ok(q && VirtualFree(q, 0, MEM_RELEASE), "released");
}

static void split(void)
{
	char *p, *p1, *p2;

	/* a reservation that is no placeholder cannot be split */
	p = VirtualAlloc(NULL, G, MEM_RESERVE, PAGE_NOACCESS);
	fails(!VirtualFree(p, G / 2, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_ADDRESS,
	      "split of a plain reservation: ERROR_INVALID_ADDRESS");
	ok(p && VirtualFree(p, 0, MEM_RELEASE), "released");

	p = placeholder(G);
	fails(!VirtualFree(p, G, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_ADDRESS,
	      "split of a whole placeholder: ERROR_INVALID_ADDRESS");
	fails(!VirtualFree(p, 0, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_PARAMETER,
	      "split of size 0: ERROR_INVALID_PARAMETER");
	fails(!VirtualFree(p, 2 * G, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_ADDRESS,
	      "split past the placeholder's end: ERROR_INVALID_ADDRESS");
	fails(!VirtualFree(p, G / 2, MEM_DECOMMIT | MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_PARAMETER,
	      "MEM_DECOMMIT | MEM_PRESERVE_PLACEHOLDER: ERROR_INVALID_PARAMETER");
	fails(!VirtualFree(p, G / 2, MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_PARAMETER,
	      "MEM_PRESERVE_PLACEHOLDER without MEM_RELEASE: ERROR_INVALID_PARAMETER");
	ok(is_placeholder(p, G), "the placeholder is whole after the failed splits");

	/* in three: the middle quarter */
	p1 = p + G / 2;
	p2 = p1 + G / 4;
	ok(VirtualFree(p1, G / 4, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER),
	   "split of the third quarter out of the middle: TRUE");
	ok(is_placeholder(p, G / 2) && is_placeholder(p1, G / 4) && is_placeholder(p2, G / 4),
	   "three placeholders, each its own allocation: 0x8000, 0x4000, 0x4000");
	ok(VirtualFree(p, 0, MEM_RELEASE) && is_free(p) && is_placeholder(p1, G / 4),
	   "the first released alone; the others stay");
	ok(VirtualFree(p1, 0, MEM_RELEASE) && VirtualFree(p2, 0, MEM_RELEASE) && is_free(p1) && is_free(p2),
	   "the other two released");
	fails(!VirtualFree(p2, 0, MEM_RELEASE), ERROR_INVALID_ADDRESS,
	      "MEM_RELEASE of a released placeholder: ERROR_INVALID_ADDRESS");
	fails(!VirtualFree(p2, PG, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_ADDRESS,
	      "split of free memory: ERROR_INVALID_ADDRESS");

	/* in two, the second half named */
	p = placeholder(G);
	ok(VirtualFree(p + G / 2, G / 2, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER) &&
	   is_placeholder(p, G / 2) && is_placeholder(p + G / 2, G / 2),
	   "split naming the second half: two halves");
	/* an unaligned address and size cover whole pages */
	ok(VirtualFree(p + 1, 10, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER) &&
	   is_placeholder(p, PG) && is_placeholder(p + PG, G / 2 - PG),
	   "split of bytes 1..10: the first page");
	ok(VirtualFree(p, 0, MEM_RELEASE) && VirtualFree(p + PG, 0, MEM_RELEASE) &&
	   VirtualFree(p + G / 2, 0, MEM_RELEASE), "all three released");
}

static void coalesce(void)
{
	char *p = placeholder(G), *v;
	HANDLE h;

	ok(VirtualFree(p, G / 4, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER) &&
	   VirtualFree(p + G / 4, G / 4, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER),
	   "a placeholder split in three: 0x4000, 0x4000, 0x8000");
	fails(!VirtualFree(p, G / 4, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), ERROR_INVALID_ADDRESS,
	      "coalesce of one placeholder: ERROR_INVALID_ADDRESS");
	fails(!VirtualFree(p, G, MEM_COALESCE_PLACEHOLDERS), ERROR_INVALID_PARAMETER,
	      "MEM_COALESCE_PLACEHOLDERS without MEM_RELEASE: ERROR_INVALID_PARAMETER");
	fails(!VirtualFree(p, G, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS | MEM_PRESERVE_PLACEHOLDER),
	      ERROR_INVALID_PARAMETER, "coalesce and preserve at once: ERROR_INVALID_PARAMETER");
	fails(!VirtualFree(p, G + PG, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), ERROR_INVALID_ADDRESS,
	      "coalesce past the last placeholder: ERROR_INVALID_ADDRESS");
	fails(!VirtualFree(p, G - PG, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), ERROR_INVALID_ADDRESS,
	      "coalesce ending inside a placeholder: ERROR_INVALID_ADDRESS");
	fails(!VirtualFree(p + PG, G - PG, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), ERROR_INVALID_ADDRESS,
	      "coalesce starting inside a placeholder: ERROR_INVALID_ADDRESS");
	fails(!VirtualFree(p, 0, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), ERROR_INVALID_PARAMETER,
	      "coalesce of size 0: ERROR_INVALID_PARAMETER");
	ok(is_placeholder(p, G / 4) && is_placeholder(p + G / 4, G / 4) && is_placeholder(p + G / 2, G / 2),
	   "the three are unchanged");
	ok(VirtualFree(p, G / 2, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS) && is_placeholder(p, G / 2),
	   "coalesce of the first two: one 0x8000 placeholder");

	/* a view in between stops coalescing */
	h = anon(G / 2);
	v = MapViewOfFile3(h, NULL, p + G / 2, 0, G / 2, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0);
	ok(v == p + G / 2, "the second half replaced by a view");
	fails(!VirtualFree(p, G, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), ERROR_INVALID_ADDRESS,
	      "coalesce over a view: ERROR_INVALID_ADDRESS");
	fails(!VirtualFree(v, PG, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_ADDRESS,
	      "split of a view: ERROR_INVALID_ADDRESS");
	ok(UnmapViewOfFileEx(v, MEM_PRESERVE_PLACEHOLDER) && is_placeholder(v, G / 2),
	   "the view unmapped back to a placeholder");
	ok(VirtualFree(p, G, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS) && is_placeholder(p, G),
	   "coalesce of the two halves: the whole 0x10000 placeholder again");
	ok(VirtualFree(p, 0, MEM_RELEASE) && is_free(p) && is_free(p + G - 1), "released in one call");
	CloseHandle(h);
}

static void replace(void)
{
	MEM_EXTENDED_PARAMETER ext[1];
	MEMORY_BASIC_INFORMATION m;
	char *p = placeholder(2 * G), *v, *w, *r;
	HANDLE h = anon(2 * G), small = anon(G);
	PVOID base;
	SIZE_T size;

	fails(!MapViewOfFile3(h, NULL, p, 0, G, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0),
	      ERROR_INVALID_ADDRESS, "replace with a smaller view: ERROR_INVALID_ADDRESS");
	fails(!MapViewOfFile3(h, NULL, p + PG, 0, G, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0),
	      ERROR_INVALID_ADDRESS, "replace at an address inside the placeholder: ERROR_INVALID_ADDRESS");
	fails(!MapViewOfFile3(h, NULL, NULL, 0, 2 * G, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0),
	      ERROR_INVALID_PARAMETER, "replace at NULL: ERROR_INVALID_PARAMETER");
	fails(!MapViewOfFile3(h, (HANDLE)(uintptr_t)0x1234, p, 0, 2 * G, MEM_REPLACE_PLACEHOLDER,
			      PAGE_READWRITE, NULL, 0),
	      ERROR_INVALID_HANDLE, "MapViewOfFile3 for another process: ERROR_INVALID_HANDLE");
	memset(ext, 0, sizeof(ext));
	fails(!MapViewOfFile3(h, NULL, p, 0, 2 * G, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, ext, 1),
	      ERROR_NOT_SUPPORTED, "MapViewOfFile3 with an extended parameter: ERROR_NOT_SUPPORTED");
	fails(!MapViewOfFile3(small, NULL, p, 0, 2 * G, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0),
	      ERROR_ACCESS_DENIED, "replace with a view past the section's end: ERROR_ACCESS_DENIED");
	fails(!MapViewOfFile3(h, NULL, p, 0, 2 * G, MEM_REPLACE_PLACEHOLDER, PAGE_EXECUTE_READWRITE, NULL, 0),
	      ERROR_ACCESS_DENIED, "replace with a protection the section forbids: fails as MapViewOfFileEx does");
	ok(is_placeholder(p, 2 * G), "after the failed replaces the placeholder is whole and still a placeholder");
	base = p;
	size = 2 * G;
	is(NtMapViewOfSection(h, GetCurrentProcess(), &base, 0, 0, NULL, &size, ViewShare,
			      MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE),
	   STATUS_INVALID_PARAMETER_9, "NtMapViewOfSection with MEM_REPLACE_PLACEHOLDER: STATUS_INVALID_PARAMETER_9");

	v = MapViewOfFile3(h, NULL, p, 0, 2 * G, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0);
	ok(v == p, "MapViewOfFile3(MEM_REPLACE_PLACEHOLDER) of exactly the placeholder: its base");
	ok(vq(v, &m) && m.AllocationBase == v && m.RegionSize == 2 * G && m.State == MEM_COMMIT &&
	   m.Type == MEM_MAPPED && m.Protect == PAGE_READWRITE && m.AllocationProtect == PAGE_READWRITE,
	   "VirtualQuery: a MEM_MAPPED view, committed, PAGE_READWRITE");
	if (v) {
		v[0] = 'x';
		v[2 * G - 1] = 'y';
	}
	fails(!MapViewOfFile3(h, NULL, p, 0, 2 * G, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0),
	      ERROR_INVALID_PARAMETER, "replace of a view (no placeholder left): ERROR_INVALID_PARAMETER");
	fails(!VirtualFree(v, 0, MEM_RELEASE), ERROR_INVALID_PARAMETER,
	      "VirtualFree(MEM_RELEASE) of the view: ERROR_INVALID_PARAMETER, as for any view");
	fails(!UnmapViewOfFile2(GetCurrentProcess(), v, 0x4), ERROR_INVALID_PARAMETER,
	      "UnmapViewOfFile2 with an unknown flag: ERROR_INVALID_PARAMETER");
	fails(!UnmapViewOfFile2((HANDLE)(uintptr_t)0x1234, v, MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_HANDLE,
	      "UnmapViewOfFile2 for another process: ERROR_INVALID_HANDLE");
	ok(UnmapViewOfFile2(GetCurrentProcess(), v, MEM_PRESERVE_PLACEHOLDER), "UnmapViewOfFile2(MEM_PRESERVE_PLACEHOLDER): TRUE");
	ok(is_placeholder(p, 2 * G) && faults(p, 0), "the view is an inaccessible placeholder again");
	fails(!UnmapViewOfFileEx(p, MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_ADDRESS,
	      "UnmapViewOfFileEx of a placeholder: ERROR_INVALID_ADDRESS");
	v = MapViewOfFile3(h, NULL, p, 0, 0, MEM_REPLACE_PLACEHOLDER, PAGE_READONLY, NULL, 0);
	ok(v == p && v[0] == 'x' && v[2 * G - 1] == 'y',
	   "replaced again (ViewSize 0: the section's size), read-only: the section's data");
	ok(v && faults(v, 1), "the read-only view faults on write");
	ok(UnmapViewOfFileEx(v, MEM_UNMAP_WITH_TRANSIENT_BOOST) && is_free(p),
	   "UnmapViewOfFileEx without MEM_PRESERVE_PLACEHOLDER: the range is free");

	/* a view that replaced no placeholder */
	w = MapViewOfFile3(h, NULL, NULL, 0, G, 0, PAGE_READWRITE, NULL, 0);
	ok(w && (uintptr_t)w % G == 0 && w[0] == 'x', "MapViewOfFile3 without a placeholder: an ordinary view");
	fails(!UnmapViewOfFileEx(w, MEM_PRESERVE_PLACEHOLDER), ERROR_INVALID_PARAMETER,
	      "MEM_PRESERVE_PLACEHOLDER of a view that replaced none: ERROR_INVALID_PARAMETER");
	ok(UnmapViewOfFile2(NULL, w, 0) && is_free(w), "UnmapViewOfFile2(NULL process, 0): unmapped");
	fails(!UnmapViewOfFile2(NULL, w, 0), ERROR_INVALID_ADDRESS, "unmapped twice: ERROR_INVALID_ADDRESS");
	fails(!MapViewOfFile3(h, NULL, w, 0, G, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0),
	      ERROR_INVALID_PARAMETER, "replace where there is no placeholder: ERROR_INVALID_PARAMETER");
	r = VirtualAlloc(NULL, G, MEM_RESERVE, PAGE_NOACCESS);
	fails(!MapViewOfFile3(h, NULL, r, 0, G, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0),
	      ERROR_INVALID_PARAMETER, "replace of a plain reservation: ERROR_INVALID_PARAMETER");
	ok(r && VirtualFree(r, 0, MEM_RELEASE), "released");

	/* a placeholder split at a page is page-aligned only */
	p = placeholder(G);
	ok(VirtualFree(p, PG, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "a placeholder split at its first page");
	v = MapViewOfFile3(h, NULL, p + PG, 0, G - PG, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0);
	ok(v == p + PG && v[0] == 'x', "a view replaces the placeholder at base + 0x1000 (page-aligned)");
	fails(!MapViewOfFile3(h, NULL, p + PG, PG, G - PG, 0, PAGE_READWRITE, NULL, 0), ERROR_MAPPED_ALIGNMENT,
	      "an offset not 64 KiB-aligned: ERROR_MAPPED_ALIGNMENT");
	ok(UnmapViewOfFileEx(v, MEM_PRESERVE_PLACEHOLDER) && is_placeholder(p + PG, G - PG),
	   "unmapped back to its placeholder");
	ok(VirtualFree(p, G, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS) && VirtualFree(p, 0, MEM_RELEASE) &&
	   is_free(p), "coalesced and released");
	CloseHandle(small);
	CloseHandle(h);
}

/*
 * The ring buffer of the VirtualAlloc2 documentation: a pagefile section
 * of N bytes mapped twice, back to back, into a placeholder of 2N split
 * in two; what is written past the end of the first view is at the start
 * of the buffer.
 */
static void ring(SIZE_T n, const char *what)
{
	char *ph1 = NULL, *ph2 = NULL, *view1 = NULL, *view2 = NULL;
	HANDLE section = NULL;
	int good = 0;

	ph1 = VirtualAlloc2(NULL, NULL, 2 * n, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER,
			    PAGE_NOACCESS, NULL, 0);
	if (!ph1)
		goto out;
	if (!VirtualFree(ph1, n, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER))
		goto out;
	ph2 = ph1 + n;
	section = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, (DWORD)n, NULL);
	if (!section)
		goto out;
	view1 = MapViewOfFile3(section, NULL, ph1, 0, n, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0);
	if (!view1)
		goto out;
	ph1 = NULL;	/* the view owns it now */
	view2 = MapViewOfFile3(section, NULL, ph2, 0, n, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0);
	if (!view2)
		goto out;
	ph2 = NULL;
	good = 1;
out:
	ok(good && view2 == view1 + n, "ring buffer (%s): two views of one section back to back", what);
	if (good) {
		memcpy(view1 + n - 4, "ABCDEFGH", 8);
		ok(!memcmp(view1, "EFGH", 4) && !memcmp(view1 + n - 4, "ABCD", 4),
		   "ring buffer (%s): a write past the end of the first view is at its start", what);
		memcpy(view1, "0123", 4);
		ok(!memcmp(view2, "0123", 4) && !memcmp(view1 + n, "0123", 4),
		   "ring buffer (%s): the start is seen through the second view", what);
	} else {
		diag("GetLastError()=%u", (unsigned int)GetLastError());
	}
	if (section)
		CloseHandle(section);	/* the views keep the section */
	if (ph1)
		VirtualFree(ph1, 0, MEM_RELEASE);
	if (ph2)
		VirtualFree(ph2, 0, MEM_RELEASE);
	ok((!view1 || UnmapViewOfFile(view1)) && (!view2 || UnmapViewOfFile(view2)) &&
	   view1 && is_free(view1) && is_free(view1 + 2 * n - 1),
	   "ring buffer (%s): freed, the whole range is free", what);
}

int main(void)
{
	if (sysconf(_SC_PAGESIZE) != PG) {
		skip("the page size is not 4 KiB", "t_placeholder");
		return tap_done();
	}
	reserve();
	split();
	coalesce();
	replace();
	ring(G, "64 KiB");
	ring(4 * G, "256 KiB");
	ring(3 * PG, "3 pages");
	return tap_done();
}
