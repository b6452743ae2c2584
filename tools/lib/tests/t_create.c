// SPDX-License-Identifier: GPL-2.0
/*
 * t_create.c - CreateFileMappingA and NtQuerySection: protections, SEC_*
 * attributes, file access, sizes, and what NtQuerySection reports
 * (rules 1-5, 7, 8, 10-17, 29, 88-90 of docs/windows-rules.md).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wintest.h"

static SECTION_BASIC_INFORMATION sbi;

/* NtQuerySection(SectionBasicInformation) into sbi */
static NTSTATUS query(HANDLE h)
{
	SIZE_T len = 0;

	memset(&sbi, 0xcc, sizeof(sbi));
	return NtQuerySection(h, SectionBasicInformation, &sbi, sizeof(sbi),
			      &len);
}

static void protections(void)
{
	static const DWORD good[] = {
		PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY,
		PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE,
		PAGE_EXECUTE_WRITECOPY,
	};
	static const DWORD bad[] = {
		0, PAGE_READONLY | PAGE_READWRITE,
		PAGE_READWRITE | PAGE_WRITECOPY, PAGE_READWRITE | PAGE_GUARD,
		PAGE_GUARD, 0x300,
	};
	HANDLE file = make_file("create-prot.dat", 12288,
				GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE);
	HANDLE h;
	unsigned int i;

	SetLastError(0xdead);
	h = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 4096, NULL);
	ok(h != NULL, "rule 1: file RW 12K, PAGE_READWRITE, 4096: a handle");
	is(GetLastError(), 0, "rule 1: a successful create leaves GetLastError() 0");
	CloseHandle(h);

	h = CreateFileMappingA(file, NULL, PAGE_NOACCESS, 0, 4096, NULL);
	fails(!h, ERROR_INVALID_PARAMETER, "rule 2: PAGE_NOACCESS: ERROR_INVALID_PARAMETER");
	h = CreateFileMappingA(file, NULL, PAGE_EXECUTE, 0, 4096, NULL);
	fails(!h, ERROR_INVALID_PARAMETER, "rule 3: PAGE_EXECUTE: ERROR_INVALID_PARAMETER");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, bad[i], 0,
				       4096, NULL);
		fails(!h, ERROR_INVALID_PARAMETER,
		      "rule 4: protection %#x: ERROR_INVALID_PARAMETER",
		      (unsigned int)bad[i]);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, good[i], 0,
				       4096, NULL);
		ok(h != NULL, "rule 4: protection %#x is accepted",
		   (unsigned int)good[i]);
		CloseHandle(h);
	}
	CloseHandle(file);
	DeleteFileA("create-prot.dat");
}

static void file_access(void)
{
	HANDLE ro = make_file("create-ro.dat", 8192, GENERIC_READ);
	HANDLE none = make_file("create-none.dat", 8192, 0);
	HANDLE h;

	h = CreateFileMappingA(ro, NULL, PAGE_READWRITE, 0, 0, NULL);
	fails(!h, ERROR_ACCESS_DENIED, "rule 5: GENERIC_READ file, PAGE_READWRITE: ERROR_ACCESS_DENIED");
	h = CreateFileMappingA(ro, NULL, PAGE_WRITECOPY, 0, 0, NULL);
	ok(h != NULL, "rule 5: GENERIC_READ file, PAGE_WRITECOPY: ok");
	CloseHandle(h);
	h = CreateFileMappingA(ro, NULL, PAGE_READONLY, 0, 0, NULL);
	ok(h != NULL, "rule 5: GENERIC_READ file, PAGE_READONLY: ok");
	CloseHandle(h);

	ok(none != INVALID_HANDLE_VALUE, "CreateFileA with access 0 opens the file");
	h = CreateFileMappingA(none, NULL, PAGE_READWRITE, 0, 0, NULL);
	fails(!h, ERROR_ACCESS_DENIED, "rule 7: access-0 file, PAGE_READWRITE: ERROR_ACCESS_DENIED");
	h = CreateFileMappingA(none, NULL, PAGE_WRITECOPY, 0, 0, NULL);
	fails(!h, ERROR_ACCESS_DENIED, "rule 7: access-0 file, PAGE_WRITECOPY: ERROR_ACCESS_DENIED");
	h = CreateFileMappingA(none, NULL, PAGE_READONLY, 0, 0, NULL);
	fails(!h, ERROR_ACCESS_DENIED, "rule 7: access-0 file, PAGE_READONLY: ERROR_ACCESS_DENIED");

	h = CreateFileMappingA(ro, NULL, PAGE_READONLY, 0, 8193, NULL);
	fails(!h, ERROR_NOT_ENOUGH_MEMORY, "rule 12: read-only section of file size + 1: ERROR_NOT_ENOUGH_MEMORY");
	h = CreateFileMappingA(ro, NULL, PAGE_READONLY, 0xffffffff, 0xffffffff, NULL);
	fails(!h, ERROR_NOT_ENOUGH_MEMORY, "rule 12: size -1: ERROR_NOT_ENOUGH_MEMORY");
	CloseHandle(ro);
	CloseHandle(none);
	DeleteFileA("create-ro.dat");
	DeleteFileA("create-none.dat");

	h = CreateFileMappingA((HANDLE)(uintptr_t)0x40000, NULL, PAGE_READONLY, 0, 0, NULL);
	fails(!h, ERROR_INVALID_HANDLE, "a file handle that is not open: ERROR_INVALID_HANDLE");
}

/* rule 6: execute sections need a file opened for execute */
static void file_execute(void)
{
	static const DWORD exec[] = {
		PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY,
	};
	static const DWORD with[] = { GENERIC_EXECUTE, FILE_EXECUTE, GENERIC_ALL };
	HANDLE rw = make_file("create-x.dat", 8192, GENERIC_READ | GENERIC_WRITE);
	HANDLE x, h;
	unsigned int i, k;

	for (i = 0; i < 3; i++) {
		h = CreateFileMappingA(rw, NULL, exec[i], 0, 0, NULL);
		fails(!h, ERROR_ACCESS_DENIED, "rule 6: file without GENERIC_EXECUTE, protection %#x: ERROR_ACCESS_DENIED",
		      (unsigned int)exec[i]);
	}
	h = CreateFileMappingA(rw, NULL, PAGE_READWRITE, 0, 0, NULL);
	ok(h != NULL, "rule 6: the same file, PAGE_READWRITE: ok");
	CloseHandle(h);
	DuplicateHandle(GetCurrentProcess(), rw, GetCurrentProcess(), &x, 0, FALSE, DUPLICATE_SAME_ACCESS);
	h = CreateFileMappingA(x, NULL, PAGE_EXECUTE_READ, 0, 0, NULL);
	fails(!h, ERROR_ACCESS_DENIED, "rule 6: a duplicate of that file handle: ERROR_ACCESS_DENIED too");
	CloseHandle(x);
	CloseHandle(rw);
	for (k = 0; k < 3; k++) {
		x = CreateFileA("create-x.dat", GENERIC_READ | GENERIC_WRITE | with[k], 0, NULL, OPEN_EXISTING, 0,
				NULL);
		for (i = 0; i < 3; i++) {
			h = CreateFileMappingA(x, NULL, exec[i], 0, 0, NULL);
			ok(h != NULL, "rule 6: file opened with %#x, protection %#x: ok", (unsigned int)with[k],
			   (unsigned int)exec[i]);
			CloseHandle(h);
		}
		CloseHandle(x);
	}
	DeleteFileA("create-x.dat");
}

static void sizes(void)
{
	HANDLE empty = make_file("create-empty.dat", 0, GENERIC_READ | GENERIC_WRITE);
	HANDLE odd = make_file("create-odd.dat", 0x3456, GENERIC_READ | GENERIC_WRITE);
	HANDLE h;
	struct stat st;

	h = CreateFileMappingA(empty, NULL, PAGE_READWRITE, 0, 0, NULL);
	fails(!h, ERROR_FILE_INVALID, "rule 8: empty file, size 0: ERROR_FILE_INVALID");
	h = CreateFileMappingA(empty, NULL, PAGE_READONLY, 0x80000000, 0, NULL);
	ok(!h && GetLastError() != 0, "rule 9: empty file, size_high 0x80000000: fails (error %u)",
	   (unsigned int)GetLastError());
	h = CreateFileMappingA(empty, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
	fails(!h, ERROR_BAD_EXE_FORMAT, "rule 8/17: SEC_IMAGE: ERROR_BAD_EXE_FORMAT");

	h = CreateFileMappingA(odd, NULL, PAGE_READONLY, 0, 0, NULL);
	ok(h && query(h) == STATUS_SUCCESS, "rule 10: size 0 on a 0x3456-byte file: queried");
	is(sbi.Size.QuadPart, 0x3456, "rule 10: Size is 0x3456 exactly");
	is(sbi.Attributes, SEC_FILE, "rule 10: Attributes SEC_FILE");
	CloseHandle(h);
	h = CreateFileMappingA(odd, NULL, PAGE_READONLY, 0, 36, NULL);
	ok(h && query(h) == STATUS_SUCCESS, "rule 11: size 36 < file size: ok");
	is(sbi.Size.QuadPart, 36, "rule 11: Size is 36");
	CloseHandle(h);

	h = CreateFileMappingA(odd, NULL, PAGE_READWRITE, 0, 1 << 20, NULL);
	ok(h != NULL, "rule 13: RW file, PAGE_READWRITE, 1 MiB: ok");
	fstat(ntsection_handle_to_fd(odd), &st);
	is(st.st_size, 1 << 20, "rule 13: the file grew to 1 MiB");
	is(GetFileSize(odd, NULL), 1 << 20, "rule 13: GetFileSize says so too");
	CloseHandle(h);

	h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL);
	fails(!h, ERROR_INVALID_PARAMETER, "rule 14: pagefile section of size 0: ERROR_INVALID_PARAMETER");
	h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x3452, NULL);
	ok(h && query(h) == STATUS_SUCCESS, "rule 15: pagefile section of 0x3452 bytes");
	is(sbi.Size.QuadPart, 0x4000, "rule 15: Size is page-rounded to 0x4000");
	CloseHandle(h);
	CloseHandle(empty);
	CloseHandle(odd);
	DeleteFileA("create-empty.dat");
	DeleteFileA("create-odd.dat");
}

static void attributes(void)
{
	static const struct { DWORD sec, attrs; } anon_ok[] = {
		{ SEC_RESERVE, SEC_RESERVE },
		{ SEC_RESERVE | SEC_NOCACHE, SEC_RESERVE | SEC_NOCACHE },
		{ SEC_RESERVE | SEC_WRITECOMBINE, SEC_RESERVE | SEC_WRITECOMBINE },
		{ SEC_COMMIT, SEC_COMMIT },
		{ SEC_COMMIT | SEC_NOCACHE, SEC_COMMIT | SEC_NOCACHE },
		{ SEC_COMMIT | SEC_WRITECOMBINE, SEC_COMMIT | SEC_WRITECOMBINE },
		{ 0, SEC_COMMIT },
	};
	static const DWORD anon_bad[] = {
		SEC_RESERVE | SEC_LARGE_PAGES, SEC_RESERVE | SEC_COMMIT,
		SEC_IMAGE | SEC_RESERVE, SEC_IMAGE | SEC_COMMIT, SEC_NOCACHE,
		SEC_LARGE_PAGES, SEC_WRITECOMBINE, SEC_FILE,
		SEC_FILE | SEC_RESERVE, SEC_FILE | SEC_COMMIT,
	};
	static const struct { DWORD sec, attrs; } file_ok[] = {
		{ SEC_RESERVE, SEC_FILE },
		{ SEC_RESERVE | SEC_NOCACHE, SEC_FILE | SEC_NOCACHE },
		{ SEC_RESERVE | SEC_WRITECOMBINE, SEC_FILE | SEC_WRITECOMBINE },
		{ SEC_COMMIT, SEC_FILE },
		{ SEC_COMMIT | SEC_NOCACHE, SEC_FILE | SEC_NOCACHE },
		{ 0, SEC_FILE },
	};
	HANDLE file = make_file("create-sec.dat", 4096, GENERIC_READ | GENERIC_WRITE);
	unsigned int i;
	HANDLE h;

	for (i = 0; i < sizeof(anon_ok) / sizeof(anon_ok[0]); i++) {
		h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
				       PAGE_READWRITE | anon_ok[i].sec, 0, 4096, NULL);
		ok(h && query(h) == STATUS_SUCCESS && sbi.Attributes == anon_ok[i].attrs,
		   "rule 16/90: pagefile %#x: ok, Attributes %#x", (unsigned int)anon_ok[i].sec,
		   (unsigned int)anon_ok[i].attrs);
		CloseHandle(h);
	}
	for (i = 0; i < sizeof(anon_bad) / sizeof(anon_bad[0]); i++) {
		h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
				       PAGE_READWRITE | anon_bad[i], 0, 4096, NULL);
		fails(!h, ERROR_INVALID_PARAMETER, "rule 16/91: pagefile %#x: ERROR_INVALID_PARAMETER",
		      (unsigned int)anon_bad[i]);
	}
	h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_IMAGE, 0, 4096, NULL);
	fails(!h, ERROR_BAD_EXE_FORMAT, "rule 16: pagefile SEC_IMAGE: ERROR_BAD_EXE_FORMAT");
	for (i = 0; i < sizeof(file_ok) / sizeof(file_ok[0]); i++) {
		h = CreateFileMappingA(file, NULL, PAGE_READWRITE | file_ok[i].sec, 0, 0, NULL);
		ok(h && query(h) == STATUS_SUCCESS && sbi.Attributes == file_ok[i].attrs,
		   "rule 17/86/90: file %#x: ok, Attributes %#x", (unsigned int)file_ok[i].sec,
		   (unsigned int)file_ok[i].attrs);
		CloseHandle(h);
	}
	h = CreateFileMappingA(file, NULL, PAGE_READWRITE | SEC_FILE, 0, 0, NULL);
	fails(!h, ERROR_INVALID_PARAMETER, "rule 17: file SEC_FILE given: ERROR_INVALID_PARAMETER");
	h = CreateFileMappingA(file, NULL, PAGE_READWRITE | SEC_RESERVE | SEC_LARGE_PAGES, 0, 0, NULL);
	fails(!h, ERROR_INVALID_PARAMETER, "rule 17/91: file SEC_RESERVE|SEC_LARGE_PAGES: ERROR_INVALID_PARAMETER");
	CloseHandle(file);
	DeleteFileA("create-sec.dat");
}

static void ntquery(void)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, NULL);
	HANDLE ro = NULL, rq = NULL;
	char big[sizeof(sbi) + 1];
	SIZE_T len;
	char img[SECTION_IMAGE_INFORMATION_SIZE];

	len = 0;
	is(NtQuerySection(h, SectionBasicInformation, &sbi, sizeof(sbi) - 1, &len),
	   STATUS_INFO_LENGTH_MISMATCH, "rule 88: length sizeof-1: STATUS_INFO_LENGTH_MISMATCH");
	len = 0;
	memset(big, 0xcc, sizeof(big));
	is(NtQuerySection(h, SectionBasicInformation, big, sizeof(big), &len),
	   STATUS_SUCCESS, "rule 88: length sizeof+1: success");
	is(len, sizeof(SECTION_BASIC_INFORMATION), "rule 88: result length is sizeof");
	memcpy(&sbi, big, sizeof(sbi));
	ok(sbi.BaseAddress == NULL && sbi.Attributes == SEC_COMMIT && sbi.Size.QuadPart == 4096,
	   "rule 90: BaseAddress NULL, Attributes SEC_COMMIT, Size 4096");
	is(NtQuerySection(h, SectionImageInformation, img, sizeof(img) - 1, &len),
	   STATUS_INFO_LENGTH_MISMATCH, "rule 89: SectionImageInformation too short: STATUS_INFO_LENGTH_MISMATCH");
	is(NtQuerySection(h, SectionImageInformation, img, sizeof(img), &len),
	   STATUS_SECTION_NOT_IMAGE, "rule 89: SectionImageInformation: STATUS_SECTION_NOT_IMAGE");
	is(NtQuerySection(h, (SECTION_INFORMATION_CLASS)7, &sbi, sizeof(sbi), &len),
	   STATUS_INVALID_INFO_CLASS, "NtQuerySection of an unknown class: STATUS_INVALID_INFO_CLASS");
	is(NtQuerySection(NULL, SectionBasicInformation, &sbi, sizeof(sbi), &len),
	   STATUS_INVALID_HANDLE, "NtQuerySection(NULL): STATUS_INVALID_HANDLE");

	DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &ro, FILE_MAP_READ, FALSE, 0);
	is(query(ro), STATUS_ACCESS_DENIED, "rule 29: handle without SECTION_QUERY: STATUS_ACCESS_DENIED");
	DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &rq,
			FILE_MAP_READ | SECTION_QUERY, FALSE, 0);
	ok(query(rq) == STATUS_SUCCESS && sbi.Size.QuadPart == 4096,
	   "rule 29: FILE_MAP_READ|SECTION_QUERY: success, Size 4096");
	CloseHandle(ro);
	CloseHandle(rq);
	CloseHandle(h);
}

static void security(void)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
	int sd = 0;
	HANDLE h;

	h = CreateFileMappingA(INVALID_HANDLE_VALUE, &sa, PAGE_READWRITE, 0, 4096, NULL);
	ok(h && !(fcntl(ntsection_handle_to_fd(h), F_GETFD) & FD_CLOEXEC),
	   "SECURITY_ATTRIBUTES.bInheritHandle TRUE: the fd survives exec");
	CloseHandle(h);
	sa.bInheritHandle = FALSE;
	h = CreateFileMappingA(INVALID_HANDLE_VALUE, &sa, PAGE_READWRITE, 0, 4096, NULL);
	ok(h && (fcntl(ntsection_handle_to_fd(h), F_GETFD) & FD_CLOEXEC),
	   "SECURITY_ATTRIBUTES.bInheritHandle FALSE: close-on-exec");
	CloseHandle(h);
	h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, "");
	ok(h && GetLastError() == 0, "an empty name makes an unnamed section");
	CloseHandle(h);
	sa.lpSecurityDescriptor = &sd;
	h = CreateFileMappingA(INVALID_HANDLE_VALUE, &sa, PAGE_READWRITE, 0, 4096, NULL);
	fails(!h, ERROR_INVALID_PARAMETER, "a security descriptor is refused: ERROR_INVALID_PARAMETER");
}

int main(void)
{
	protections();
	file_access();
	file_execute();
	sizes();
	attributes();
	ntquery();
	security();
	return tap_done();
}
