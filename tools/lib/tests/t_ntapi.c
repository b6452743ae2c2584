// SPDX-License-Identifier: GPL-2.0
/*
 * t_ntapi.c - the native section API: NtCreateSection, NtOpenSection,
 * NtMapViewOfSection, NtUnmapViewOfSection, NtExtendSection, NtClose and
 * RtlNtStatusToDosError, with the NTSTATUS codes of docs/windows-rules.md
 * (rules 8, 12, 14, 20, 25, 34, 36-38, 42-45, 48, 67, 82, 87), and the
 * call sequences of LMDB (a file SEC_RESERVE section, a MEM_RESERVE view
 * larger than the file, NtExtendSection) and of Firefox's interceptor (a
 * reserve section, a read-write view and an executable view).
 */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ntsection.h>

#include "wintest.h"

#define G	0x10000UL
#define PG	0x1000UL

#define st_is(got, want, ...)	is((uint32_t)(got), (uint32_t)(want), __VA_ARGS__)

/* x86-64: mov eax, 42; ret */
static const unsigned char code42[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

static WCHAR wbuf[4][128];
static UNICODE_STRING us[4];

/* Object attributes naming @name (ASCII) in slot @slot; NULL name: none. */
static OBJECT_ATTRIBUTES *attrs(int slot, const char *name, ULONG attributes)
{
	static OBJECT_ATTRIBUTES oa[4];
	size_t i;

	for (i = 0; name && name[i] && i < 127; i++)
		wbuf[slot][i] = (unsigned char)name[i];
	wbuf[slot][i] = 0;
	RtlInitUnicodeString(&us[slot], wbuf[slot]);
	InitializeObjectAttributes(&oa[slot], name ? &us[slot] : NULL, attributes, NULL, NULL);
	return &oa[slot];
}

static NTSTATUS create(HANDLE *h, LONGLONG size, ULONG protect, ULONG attributes, HANDLE file)
{
	LARGE_INTEGER s = { .QuadPart = size };

	*h = NULL;
	return NtCreateSection(h, SECTION_ALL_ACCESS, NULL, size < 0 ? NULL : &s, protect, attributes, file);
}

static NTSTATUS map(HANDLE h, void **base, SIZE_T commit, ULONGLONG offset, SIZE_T *size,
		    ULONG type, ULONG protect)
{
	LARGE_INTEGER off = { .QuadPart = offset };

	return NtMapViewOfSection(h, GetCurrentProcess(), base, 0, commit, &off, size, ViewShare, type,
				  protect);
}

static void creation(void)
{
	HANDLE h, h2, f;
	SECTION_BASIC_INFORMATION sbi;
	char name[64], full[96];
	LARGE_INTEGER s = { .QuadPart = PG };
	void *p = NULL;
	SIZE_T size = 0;

	st_is(create(&h, PG, PAGE_READWRITE, SEC_COMMIT, NULL), STATUS_SUCCESS,
	      "NtCreateSection of an unnamed pagefile section: STATUS_SUCCESS");
	ok(h && NtQuerySection(h, SectionBasicInformation, &sbi, sizeof(sbi), NULL) == 0 &&
	   sbi.Size.QuadPart == PG && sbi.Attributes == SEC_COMMIT, "NtQuerySection: 4096 bytes, SEC_COMMIT");
	st_is(map(h, &p, 0, 0, &size, 0, PAGE_READWRITE), STATUS_SUCCESS, "NtMapViewOfSection: STATUS_SUCCESS");
	ok(p && size == PG && (uintptr_t)p % G == 0 && !faults(p, 1),
	   "the view: 64 KiB-aligned, *ViewSize 4096, writable");
	st_is(NtUnmapViewOfSection(GetCurrentProcess(), (char *)p + 100), STATUS_SUCCESS,
	      "NtUnmapViewOfSection through an address inside the view");
	st_is(NtUnmapViewOfSection(GetCurrentProcess(), p), STATUS_NOT_MAPPED_VIEW,
	      "rule 67: unmapping it again: STATUS_NOT_MAPPED_VIEW");
	st_is(NtClose(h), STATUS_SUCCESS, "NtClose: STATUS_SUCCESS");
	st_is(NtClose(h), STATUS_INVALID_HANDLE, "NtClose of a closed handle: STATUS_INVALID_HANDLE");

	st_is(create(&h, 0, PAGE_READWRITE, SEC_COMMIT, NULL), STATUS_INVALID_PARAMETER_4,
	      "rule 14: a pagefile section of size 0: STATUS_INVALID_PARAMETER_4");
	st_is(create(&h, -1, PAGE_READWRITE, SEC_COMMIT, NULL), STATUS_INVALID_PARAMETER_4,
	      "rule 14: a pagefile section without MaximumSize: STATUS_INVALID_PARAMETER_4");
	st_is(create(&h, PG, PAGE_NOACCESS, SEC_COMMIT, NULL), STATUS_INVALID_PAGE_PROTECTION,
	      "rule 2: PAGE_NOACCESS: STATUS_INVALID_PAGE_PROTECTION");
	st_is(create(&h, PG, PAGE_READWRITE, 0, NULL), STATUS_INVALID_PARAMETER_6,
	      "attributes 0 (no SEC_COMMIT, SEC_RESERVE or SEC_IMAGE): STATUS_INVALID_PARAMETER_6");
	st_is(create(&h, PG, PAGE_READWRITE, SEC_COMMIT | SEC_RESERVE, NULL), STATUS_INVALID_PARAMETER_6,
	      "rule 16: SEC_COMMIT|SEC_RESERVE: STATUS_INVALID_PARAMETER_6");
	st_is(create(&h, 512LL << 30, PAGE_READWRITE, SEC_COMMIT, NULL), STATUS_COMMITMENT_LIMIT,
	      "rule 20: 512 GB SEC_COMMIT: STATUS_COMMITMENT_LIMIT");
	st_is(create(&h, 512LL << 30, PAGE_NOACCESS, SEC_COMMIT, NULL), STATUS_INVALID_PAGE_PROTECTION,
	      "rule 20: 512 GB PAGE_NOACCESS: STATUS_INVALID_PAGE_PROTECTION");
	st_is(create(&h, 8LL << 30, PAGE_READWRITE, SEC_RESERVE, NULL), STATUS_SUCCESS,
	      "rule 20: 8 GB SEC_RESERVE: STATUS_SUCCESS");
	p = NULL;
	size = 0;
	st_is(map(h, &p, 0, 0, &size, 0, PAGE_READWRITE), STATUS_SUCCESS, "rule 43: a view of size 0 of it");
	is(size, 8ULL << 30, "rule 43: *ViewSize 0x200000000");
	NtUnmapViewOfSection(GetCurrentProcess(), p);
	size = (SIZE_T)-1;
	st_is(map(h, &p, 0, 0, &size, 0, PAGE_READWRITE), STATUS_INVALID_PARAMETER_3,
	      "rule 43: a view size of MAXULONG_PTR: STATUS_INVALID_PARAMETER_3");
	NtClose(h);

	f = make_file("ntapi-empty.dat", 0, GENERIC_READ | GENERIC_WRITE);
	st_is(create(&h, -1, PAGE_READWRITE, SEC_COMMIT, f), STATUS_MAPPED_FILE_SIZE_ZERO,
	      "rule 8: an empty file, SEC_COMMIT, no size: STATUS_MAPPED_FILE_SIZE_ZERO");
	st_is(create(&h, -1, PAGE_READONLY, SEC_IMAGE, f), STATUS_INVALID_FILE_FOR_SECTION,
	      "rule 8: an empty file, SEC_IMAGE: STATUS_INVALID_FILE_FOR_SECTION");
	CloseHandle(f);
	f = make_file("ntapi-empty.dat", 100, GENERIC_READ);
	st_is(create(&h, 101, PAGE_READONLY, SEC_COMMIT, f), STATUS_SECTION_TOO_BIG,
	      "rule 12: a PAGE_READONLY section one byte larger than its file: STATUS_SECTION_TOO_BIG");
	st_is(create(&h, 100, PAGE_EXECUTE_READ, SEC_COMMIT, f), STATUS_ACCESS_DENIED,
	      "rule 6: PAGE_EXECUTE_READ on a file opened without execute access: STATUS_ACCESS_DENIED");
	CloseHandle(f);
	DeleteFileA("ntapi-empty.dat");

	/* names (rule 25) */
	snprintf(name, sizeof(name), "ntapi-%d", (int)getpid());
	snprintf(full, sizeof(full), "\\BaseNamedObjects\\%s", name);
	st_is(NtCreateSection(&h, SECTION_ALL_ACCESS, attrs(0, full, 0), &s, PAGE_READWRITE, SEC_COMMIT, NULL),
	      STATUS_SUCCESS, "NtCreateSection of \\BaseNamedObjects\\NAME: STATUS_SUCCESS");
	h2 = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, PG, name);
	ok(h2 && GetLastError() == ERROR_ALREADY_EXISTS,
	   "CreateFileMappingA of NAME finds it: ERROR_ALREADY_EXISTS (one namespace)");
	CloseHandle(h2);
	st_is(NtCreateSection(&h2, SECTION_ALL_ACCESS, attrs(1, full, 0), &s, PAGE_READWRITE, SEC_COMMIT, NULL),
	      STATUS_OBJECT_NAME_COLLISION, "the same name again without OBJ_OPENIF: STATUS_OBJECT_NAME_COLLISION");
	h2 = NULL;
	st_is(NtCreateSection(&h2, SECTION_ALL_ACCESS, attrs(1, full, OBJ_OPENIF), &s, PAGE_READWRITE, SEC_COMMIT,
			      NULL), STATUS_OBJECT_NAME_EXISTS,
	      "rule 25: with OBJ_OPENIF: STATUS_OBJECT_NAME_EXISTS");
	ok(h2 != NULL, "rule 25: and a valid handle");
	NtClose(h2);
	snprintf(full, sizeof(full), "\\Sessions\\1\\BaseNamedObjects\\%s", name);
	h2 = NULL;
	st_is(NtOpenSection(&h2, SECTION_MAP_READ | SECTION_QUERY, attrs(1, full, 0)), STATUS_SUCCESS,
	      "NtOpenSection of \\Sessions\\1\\BaseNamedObjects\\NAME: the same section");
	NtClose(h2);
	st_is(NtOpenSection(&h2, SECTION_MAP_READ, attrs(1, "\\BaseNamedObjects\\ntapi-no-such", 0)),
	      STATUS_OBJECT_NAME_NOT_FOUND, "NtOpenSection of a missing name: STATUS_OBJECT_NAME_NOT_FOUND");
	st_is(NtOpenSection(&h2, SECTION_MAP_READ, attrs(1, name, 0)), STATUS_OBJECT_PATH_SYNTAX_BAD,
	      "NtOpenSection of a relative name: STATUS_OBJECT_PATH_SYNTAX_BAD");
	st_is(NtOpenSection(&h2, SECTION_MAP_READ, attrs(1, "\\Foo\\bar", 0)), STATUS_OBJECT_NAME_INVALID,
	      "NtOpenSection outside \\BaseNamedObjects: STATUS_OBJECT_NAME_INVALID");
	NtClose(h);

	is(RtlNtStatusToDosError(STATUS_SECTION_PROTECTION), ERROR_INVALID_PARAMETER,
	   "RtlNtStatusToDosError(STATUS_SECTION_PROTECTION): ERROR_INVALID_PARAMETER");
	is(RtlNtStatusToDosError(STATUS_INVALID_VIEW_SIZE), ERROR_ACCESS_DENIED,
	   "RtlNtStatusToDosError(STATUS_INVALID_VIEW_SIZE): ERROR_ACCESS_DENIED");
	is(RtlNtStatusToDosError(STATUS_COMMITMENT_LIMIT), ERROR_COMMITMENT_LIMIT,
	   "RtlNtStatusToDosError(STATUS_COMMITMENT_LIMIT): ERROR_COMMITMENT_LIMIT");
	is(RtlNtStatusToDosError(STATUS_USER_MAPPED_FILE), ERROR_USER_MAPPED_FILE,
	   "RtlNtStatusToDosError(STATUS_USER_MAPPED_FILE): ERROR_USER_MAPPED_FILE");
	is(RtlNtStatusToDosError(STATUS_MAPPED_ALIGNMENT), ERROR_MAPPED_ALIGNMENT,
	   "RtlNtStatusToDosError(STATUS_MAPPED_ALIGNMENT): ERROR_MAPPED_ALIGNMENT");
}

static void mapping(void)
{
	HANDLE h, ro, f, fh, rs;
	void *p = NULL, *q;
	SIZE_T size = 0;
	char *c;
	LARGE_INTEGER off = { .QuadPart = 0 };

	create(&h, 4 * G, PAGE_READWRITE, SEC_COMMIT, NULL);
	st_is(map(INVALID_HANDLE_VALUE, &p, 0, 0, &size, 0, PAGE_READWRITE), STATUS_OBJECT_TYPE_MISMATCH,
	      "rule 34: INVALID_HANDLE_VALUE as the section: STATUS_OBJECT_TYPE_MISMATCH");
	st_is(map(NULL, &p, 0, 0, &size, 0, PAGE_READWRITE), STATUS_INVALID_HANDLE,
	      "rule 34: a NULL section handle: STATUS_INVALID_HANDLE");
	st_is(map((HANDLE)(uintptr_t)0x40000, &p, 0, 0, &size, 0, PAGE_READWRITE), STATUS_INVALID_HANDLE,
	      "rule 34: a bogus section handle: STATUS_INVALID_HANDLE");
	st_is(NtMapViewOfSection(h, NULL, &p, 0, 0, &off, &size, ViewShare, 0, PAGE_READWRITE),
	      STATUS_INVALID_HANDLE, "rule 34: a NULL process handle: STATUS_INVALID_HANDLE");
	st_is(NtMapViewOfSection(h, GetCurrentProcess(), &p, 0, 0, &off, &size, 0, 0, PAGE_READWRITE),
	      STATUS_INVALID_PARAMETER_8, "InheritDisposition 0: STATUS_INVALID_PARAMETER_8");
	st_is(map(h, &p, 0, 0, &size, 0, PAGE_READWRITE | PAGE_READONLY), STATUS_INVALID_PAGE_PROTECTION,
	      "rule 48: a combined protection: STATUS_INVALID_PAGE_PROTECTION");
	st_is(map(h, &p, 0, 0, &size, 0, PAGE_EXECUTE_READWRITE), STATUS_SECTION_PROTECTION,
	      "rule 48: PAGE_EXECUTE_READWRITE view of a read-write section (full access): STATUS_SECTION_PROTECTION");
	st_is(map(h, &p, 0, 1, &size, 0, PAGE_READWRITE), STATUS_MAPPED_ALIGNMENT,
	      "rule 37: offset 1: STATUS_MAPPED_ALIGNMENT");
	st_is(map(h, &p, 0, 0x40211, &size, 0, PAGE_READWRITE), STATUS_MAPPED_ALIGNMENT,
	      "rule 37: offset 0x40211: STATUS_MAPPED_ALIGNMENT");
	p = NULL;
	st_is(map(h, &p, 0, 0, &size, 0, PAGE_READWRITE), STATUS_SUCCESS, "a view of the whole section");
	q = (char *)p + 42;
	st_is(map(h, &q, 0, 0, &size, 0, PAGE_READWRITE), STATUS_MAPPED_ALIGNMENT,
	      "rule 38: address ptr+42: STATUS_MAPPED_ALIGNMENT");
	q = p;
	size = 0;
	st_is(map(h, &q, 0, 0, &size, 0, PAGE_READWRITE), STATUS_CONFLICTING_ADDRESSES,
	      "rule 36: at an existing view's address: STATUS_CONFLICTING_ADDRESSES");
	q = NULL;
	size = 4 * G + 1;
	st_is(map(h, &q, 0, 0, &size, 0, PAGE_READWRITE), STATUS_INVALID_VIEW_SIZE,
	      "a view past the end of a pagefile section: STATUS_INVALID_VIEW_SIZE");
	size = 0;
	st_is(map(h, &q, 0, 0, &size, MEM_RESERVE, PAGE_READWRITE), STATUS_INVALID_PARAMETER_9,
	      "rule 44: MEM_RESERVE on a pagefile section: STATUS_INVALID_PARAMETER_9");
	st_is(map(h, &q, 0, 0, &size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE), STATUS_INVALID_PARAMETER_9,
	      "rule 44: MEM_RESERVE|MEM_COMMIT on a pagefile section: STATUS_INVALID_PARAMETER_9");
	st_is(map(h, &q, 0, 0, &size, MEM_COMMIT, PAGE_READWRITE), STATUS_INVALID_PARAMETER_9,
	      "rule 45: MEM_COMMIT on a pagefile section: STATUS_INVALID_PARAMETER_9");
	size = G;
	st_is(map(h, &q, G + 1, 0, &size, 0, PAGE_READWRITE), STATUS_INVALID_PARAMETER_5,
	      "rule 45: a CommitSize larger than the view on a pagefile section: STATUS_INVALID_PARAMETER_5");
	st_is(NtMapViewOfSection(h, GetCurrentProcess(), &q, 1, 0, &off, &size, ViewShare, 0, PAGE_READWRITE),
	      STATUS_NOT_SUPPORTED, "ZeroBits: STATUS_NOT_SUPPORTED (not provided)");
	NtUnmapViewOfSection(GetCurrentProcess(), p);

	create(&ro, G, PAGE_READONLY, SEC_COMMIT, NULL);
	q = NULL;
	size = 0;
	st_is(map(ro, &q, 0, 0, &size, 0, PAGE_READWRITE), STATUS_SECTION_PROTECTION,
	      "rule 48: a read-only section, PAGE_READWRITE view: STATUS_SECTION_PROTECTION");
	st_is(map(ro, &q, 0, 0, &size, 0, PAGE_EXECUTE_READ), STATUS_SECTION_PROTECTION,
	      "rule 48: a read-only section, PAGE_EXECUTE_READ view: STATUS_SECTION_PROTECTION");
	st_is(map(ro, &q, 0, 0, &size, 0, PAGE_WRITECOPY), STATUS_SUCCESS,
	      "rule 48: a read-only section, PAGE_WRITECOPY view: STATUS_SUCCESS");
	NtUnmapViewOfSection(GetCurrentProcess(), q);
	NtClose(ro);

	/* ViewShare and ViewUnmap across fork */
	{
		void *share = NULL, *unmap = NULL;
		SIZE_T s1 = 0, s2 = 0;
		int status;
		pid_t pid;

		map(h, &share, 0, 0, &s1, 0, PAGE_READWRITE);
		NtMapViewOfSection(h, GetCurrentProcess(), &unmap, 0, 0, &off, &s2, ViewUnmap, 0, PAGE_READWRITE);
		((char *)share)[0] = 'S';
		pid = fork();
		if (!pid) {
			MEMORY_BASIC_INFORMATION m;

			_exit(((char *)share)[0] == 'S' && faults(unmap, 0) && vq(unmap, &m) &&
			      m.Type != MEM_MAPPED ? 0 : 1);
		}
		waitpid(pid, &status, 0);
		ok(WIFEXITED(status) && !WEXITSTATUS(status),
		   "a forked child has the ViewShare view, not the ViewUnmap one");
		NtUnmapViewOfSection(GetCurrentProcess(), share);
		NtUnmapViewOfSection(GetCurrentProcess(), unmap);
	}
	NtClose(h);

	/* rule 42, 44, 45 on files */
	f = make_file("ntapi-odd.dat", 0x3452, GENERIC_READ | GENERIC_WRITE);
	create(&fh, -1, PAGE_READWRITE, SEC_COMMIT, f);
	q = NULL;
	size = 0x3453;
	st_is(map(fh, &q, 0, 0, &size, 0, PAGE_READWRITE), STATUS_INVALID_VIEW_SIZE,
	      "rule 42: a view of 0x3453 of a 0x3452-byte file section: STATUS_INVALID_VIEW_SIZE");
	size = 0x3452;
	st_is(map(fh, &q, PG, 0, &size, 0, PAGE_READWRITE), STATUS_INVALID_PARAMETER_5,
	      "rule 45: a CommitSize on a file section without MEM_RESERVE: STATUS_INVALID_PARAMETER_5");
	NtClose(fh);
	st_is(create(&rs, -1, PAGE_READWRITE, SEC_RESERVE, f), STATUS_SUCCESS, "a file SEC_RESERVE section");
	q = NULL;
	size = 0x3453;
	st_is(map(rs, &q, 0, 0, &size, MEM_RESERVE, PAGE_READWRITE), STATUS_SUCCESS,
	      "rule 44: with MEM_RESERVE, a view one byte larger than the section: STATUS_SUCCESS");
	c = q;
	ok(c && c[0x3451] == (char)0x51 && !faults(c + 0x3460, 0) && size == 0x4000,
	   "rule 44: it shows the file, *ViewSize 0x4000");
	NtUnmapViewOfSection(GetCurrentProcess(), q);
	q = NULL;
	size = 0x3453;
	st_is(map(rs, &q, 0, 0, &size, 0, PAGE_READWRITE), STATUS_INVALID_VIEW_SIZE,
	      "rule 44: without MEM_RESERVE: STATUS_INVALID_VIEW_SIZE");
	NtClose(rs);
	CloseHandle(f);
	DeleteFileA("ntapi-odd.dat");
}

static void commit_size(void)
{
	HANDLE h;
	void *p = NULL, *q = NULL;
	SIZE_T size = 2 * PG, s2 = 2 * PG;
	char *c, *d;

	create(&h, 2 * PG, PAGE_READWRITE, SEC_RESERVE, NULL);
	st_is(map(h, &p, PG, 0, &size, 0, PAGE_READWRITE), STATUS_SUCCESS,
	      "rule 82: two pages of a SEC_RESERVE section, CommitSize one page");
	c = p;
	ok(c && !faults(c, 1), "rule 82: page 1 is writable");
	ok(faults(c + PG, 1), "rule 82: page 2 faults (STATUS_ACCESS_VIOLATION)");
	map(h, &q, 0, 0, &s2, 0, PAGE_READWRITE);
	d = q;
	ok(VirtualAlloc(d + PG, PG, MEM_COMMIT, PAGE_READWRITE) == d + PG,
	   "rule 82: page 2 committed through another view");
	c[PG] = 'z';
	ok(d[PG] == 'z', "rule 82: writable through the first view, data shared");
	NtUnmapViewOfSection(GetCurrentProcess(), p);
	NtUnmapViewOfSection(GetCurrentProcess(), q);
	NtClose(h);
}

static void extend(void)
{
	LARGE_INTEGER s = { .QuadPart = 2 * G };
	SECTION_BASIC_INFORMATION sbi;
	MEMORY_BASIC_INFORMATION m;
	HANDLE h, d, f, fh;
	void *p = NULL;
	SIZE_T size = 0;

	create(&h, G, PAGE_READWRITE, SEC_COMMIT, NULL);
	DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, SECTION_MAP_READ | SECTION_QUERY,
			FALSE, 0);
	st_is(NtExtendSection(d, &s), STATUS_ACCESS_DENIED,
	      "rule 87: NtExtendSection without SECTION_EXTEND_SIZE: STATUS_ACCESS_DENIED");
	NtClose(d);
	st_is(NtExtendSection(h, &s), STATUS_SUCCESS, "rule 87: NtExtendSection of a SEC_COMMIT section to 128 KiB");
	ok(s.QuadPart == 2 * G && NtQuerySection(h, SectionBasicInformation, &sbi, sizeof(sbi), NULL) == 0 &&
	   sbi.Size.QuadPart == 2 * G, "rule 87: *NewSectionSize and NtQuerySection say 128 KiB");
	st_is(map(h, &p, 0, 0, &size, 0, PAGE_READWRITE), STATUS_SUCCESS, "rule 87: a view of the grown section");
	ok(size == 2 * G && !faults((char *)p + 2 * G - 1, 1), "rule 87: it covers the new size, writable");
	NtUnmapViewOfSection(GetCurrentProcess(), p);
	s.QuadPart = PG;
	st_is(NtExtendSection(h, &s), STATUS_SUCCESS, "rule 87: a smaller size: STATUS_SUCCESS");
	is(s.QuadPart, 2 * G, "rule 87: the section does not shrink: *NewSectionSize 128 KiB");
	s.QuadPart = 1LL << 40;
	st_is(NtExtendSection(h, &s), STATUS_COMMITMENT_LIMIT,
	      "rule 87: a SEC_COMMIT section grown beyond the commit limit: STATUS_COMMITMENT_LIMIT");
	st_is(NtExtendSection(NULL, &s), STATUS_INVALID_HANDLE, "NtExtendSection(NULL): STATUS_INVALID_HANDLE");
	NtClose(h);

	create(&h, G, PAGE_READWRITE, SEC_RESERVE, NULL);
	s.QuadPart = 4 * G;
	st_is(NtExtendSection(h, &s), STATUS_SUCCESS, "rule 87: NtExtendSection of a SEC_RESERVE section to 256 KiB");
	p = NULL;
	size = 0;
	map(h, &p, 0, 0, &size, 0, PAGE_READWRITE);
	ok(size == 4 * G && vq(p, &m) && m.State == MEM_RESERVE && m.RegionSize == 4 * G,
	   "rule 87: its new pages are reserved, not committed");
	NtUnmapViewOfSection(GetCurrentProcess(), p);
	NtClose(h);

	f = make_file("ntapi-ro.dat", G, GENERIC_READ);
	create(&fh, -1, PAGE_READONLY, SEC_COMMIT, f);
	s.QuadPart = 2 * G;
	st_is(NtExtendSection(fh, &s), STATUS_SECTION_TOO_BIG,
	      "rule 87: a read-only file section cannot grow its file: STATUS_SECTION_TOO_BIG");
	NtClose(fh);
	CloseHandle(f);
	DeleteFileA("ntapi-ro.dat");
}

/* LMDB's mdb_env_map on Windows: grow a file section in place. */
static void lmdb(void)
{
	LARGE_INTEGER s = { .QuadPart = 0 };
	MEMORY_BASIC_INFORMATION m;
	HANDLE f, h;
	void *p = NULL;
	SIZE_T size = 16 << 20;
	char *c, buf[8];
	DWORD n;

	f = make_file("ntapi-lmdb.dat", G, GENERIC_READ | GENERIC_WRITE);
	st_is(NtCreateSection(&h, SECTION_ALL_ACCESS, NULL, NULL, PAGE_READWRITE, SEC_RESERVE, f), STATUS_SUCCESS,
	      "LMDB: NtCreateSection(SEC_RESERVE) of a 64 KiB file, size 0");
	st_is(NtMapViewOfSection(h, GetCurrentProcess(), &p, 0, 0, NULL, &size, ViewUnmap, MEM_RESERVE,
				 PAGE_READWRITE), STATUS_SUCCESS,
	      "LMDB: NtMapViewOfSection(MEM_RESERVE, ViewUnmap) of 16 MiB, larger than the file");
	c = p;
	ok(c && size == 16 << 20 && !faults(c + G - 1, 1), "LMDB: the file's 64 KiB are writable");
	ok(faults(c + G, 0) && faults(c + (1 << 20), 1), "LMDB: pages past the section's end fault");
	ok(vq(c + G, &m) && m.State == MEM_RESERVE && m.RegionSize == (16 << 20) - G && vq(c, &m) &&
	   m.State == MEM_COMMIT && m.RegionSize == G && m.Type == MEM_MAPPED,
	   "LMDB: VirtualQuery: 64 KiB MEM_COMMIT, then MEM_RESERVE to the view's end");
	s.QuadPart = 1 << 20;
	st_is(NtExtendSection(h, &s), STATUS_SUCCESS, "LMDB: NtExtendSection to 1 MiB");
	ok(GetFileSize(f, NULL) == 1 << 20, "LMDB: the file grew to 1 MiB");
	ok(c && !faults(c + (1 << 20) - 1, 1), "LMDB: the same view reaches the new pages without a remap");
	if (c)
		memcpy(c + (1 << 19), "lmdbpg", 7);
	SetFilePointer(f, 1 << 19, NULL, FILE_BEGIN);
	ok(ReadFile(f, buf, 7, &n, NULL) && !memcmp(buf, "lmdbpg", 7), "LMDB: what it writes there is in the file");
	ok(faults(c + (1 << 20), 0), "LMDB: past the new end it still faults");
	SetFilePointer(f, G, NULL, FILE_BEGIN);
	fails(!SetEndOfFile(f), ERROR_USER_MAPPED_FILE,
	      "rule 61: SetEndOfFile shrinking the mapped file: ERROR_USER_MAPPED_FILE");
	ok(GetFileSize(f, NULL) == 1 << 20 && !faults(c + (1 << 20) - 1, 0), "rule 61: the file and view are unchanged");
	st_is(NtUnmapViewOfSection(GetCurrentProcess(), p), STATUS_SUCCESS, "LMDB: unmapped");
	NtClose(h);
	ok(SetEndOfFile(f) && GetFileSize(f, NULL) == G, "rule 61: after unmapping, SetEndOfFile shrinks it");
	CloseHandle(f);
	DeleteFileA("ntapi-lmdb.dat");
}

/* Firefox's interceptor (MMPolicyInProcess): a reserve section, RW and RX views. */
static void firefox(void)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_EXECUTE_READWRITE | SEC_RESERVE, 0,
				      1 << 20, NULL);
	MEMORY_BASIC_INFORMATION m;
	char *rw, *rx;

	rw = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	rx = MapViewOfFile(h, FILE_MAP_EXECUTE | FILE_MAP_READ, 0, 0, 0);
	ok(rw && rx && rw != rx, "Firefox: a 1 MiB reserve section, an RW and an RX view");
	ok(VirtualAlloc(rw, PG, MEM_COMMIT, PAGE_READWRITE) == rw, "Firefox: a trampoline page committed through RW");
	ok(vq(rx, &m) && m.State == MEM_COMMIT && m.Protect == PAGE_EXECUTE_READ && m.RegionSize == PG,
	   "Firefox: the RX view sees it committed, PAGE_EXECUTE_READ");
	if (rw && rx) {
		memcpy(rw, code42, sizeof(code42));
		FlushInstructionCache(GetCurrentProcess(), rx, sizeof(code42));
		is(((int (*)(void))(uintptr_t)rx)(), 42, "Firefox: the trampoline runs through RX");
	}
	ok(faults(rx + PG, 0), "Firefox: the next, uncommitted page faults");
	UnmapViewOfFile(rw);
	UnmapViewOfFile(rx);
	CloseHandle(h);
}

int main(void)
{
	if (sysconf(_SC_PAGESIZE) != PG) {
		skip("the page size is not 4 KiB", "t_ntapi");
		return tap_done();
	}
	creation();
	mapping();
	commit_size();
	extend();
	lmdb();
	firefox();
	return tap_done();
}
