// SPDX-License-Identifier: GPL-2.0
/*
 * t_unicode.c - the W side of the Win32 layer and the everyday functions
 * around it: CreateFileMappingW/OpenFileMappingW/CreateFileW/DeleteFileW
 * with non-ASCII names (a name made by a W function is the UTF-8 name of
 * the A functions and of the native API), MultiByteToWideChar and
 * WideCharToMultiByte, lstrlen/lstrcmp/lstrcpy A and W, FormatMessageA/W
 * of every error code the layer sets, GetFileSizeEx, SetFilePointerEx,
 * GetTickCount64, GetCurrentProcessId/ThreadId, and windows.h's macros.
 */
#include <errno.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ntsection.h"
#include "wintest.h"

/* UTF-8 @s as a static UTF-16 string (tests only: one at a time). */
static WCHAR *w16(const char *s)
{
	static WCHAR buf[512];

	if (!MultiByteToWideChar(CP_UTF8, 0, s, -1, buf, 512))
		buf[0] = 0;
	return buf;
}

static void macros(void)
{
	LARGE_INTEGER li;
	SYSTEM_INFO si;
	OVERLAPPED ov;
	char buf[8] = "abcdefg";
	const WCHAR *w = u"\u00e9\U0001F642";
	TCHAR t[] = TEXT("ab");
	LONGLONG ll = -1;
	ULONGLONG ull = 1;
	char out[64];

	ok(sizeof(WCHAR) == 2 && sizeof(TCHAR) == 1 && sizeof(DWORD) == 4 && sizeof(LONG) == 4 &&
	   sizeof(LONGLONG) == 8 && sizeof(ULONG_PTR) == sizeof(void *) && sizeof(INT64) == 8 &&
	   sizeof(UINT) == 4 && sizeof(SHORT) == 2 && sizeof(BOOLEAN) == 1,
	   "type sizes: WCHAR 2, TCHAR 1 without UNICODE, DWORD/LONG 4, LONGLONG 8");
	ok(sizeof(t) == 3 && w[0] == 0xe9 && w[1] == 0xd83d && w[2] == 0xde42 && !w[3],
	   "TEXT() is a char string; u\"\" is UTF-16 in WCHARs (a surrogate pair for U+1F642)");
	snprintf(out, sizeof(out), "%lld %llu", ll, ull);
	ok(!strcmp(out, "-1 1"), "LONGLONG and ULONGLONG print with %%lld and %%llu");
	li.QuadPart = 0x123456789LL;
	ok(li.LowPart == 0x23456789 && li.HighPart == 1 && li.u.LowPart == li.LowPart,
	   "LARGE_INTEGER: LowPart/HighPart directly and through u");
	li.QuadPart = -2;
	ok(li.LowPart == 0xfffffffe && li.HighPart == -1, "LARGE_INTEGER: a negative QuadPart");
	is((DWORD)MAKELONG(0x1234, 0xabcd), 0xabcd1234, "MAKELONG");
	ok(LOWORD(0xabcd1234) == 0x1234 && HIWORD(0xabcd1234) == 0xabcd &&
	   LOBYTE(0x1234) == 0x34 && HIBYTE(0x1234) == 0x12 && MAKEWORD(0x34, 0x12) == 0x1234,
	   "LOWORD, HIWORD, LOBYTE, HIBYTE, MAKEWORD");
	is(ARRAYSIZE(buf), 8, "ARRAYSIZE");
	FillMemory(buf, 3, 'x');
	MoveMemory(buf + 1, buf + 3, 2);
	ok(!memcmp(buf, "xdedefg", 8), "FillMemory and MoveMemory");
	CopyMemory(buf, "12", 2);
	ZeroMemory(buf + 2, 6);
	ok(!memcmp(buf, "12\0\0\0\0\0\0", 8), "CopyMemory and ZeroMemory");
	GetSystemInfo(&si);
	ok(si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_AMD64 && si.dwOemId == 9,
	   "SYSTEM_INFO.wProcessorArchitecture (the anonymous union)");
	ZeroMemory(&ov, sizeof(ov));
	ov.Offset = 1;
	ov.OffsetHigh = 2;
	ok(ov.Offset == 1 && ov.OffsetHigh == 2, "OVERLAPPED.Offset and OffsetHigh");
	ok(INFINITE == 0xFFFFFFFF && INVALID_FILE_ATTRIBUTES == 0xFFFFFFFF,
	   "INFINITE and INVALID_FILE_ATTRIBUTES");
	UNREFERENCED_PARAMETER(buf);
}

static void conversions(void)
{
	const char *u8 = "a\u00e9\U0001F642";
	WCHAR w[8];
	char back[16];
	const WCHAR lone[] = { 'a', 0xd800, 'b', 0 };
	int n;

	is(MultiByteToWideChar(CP_UTF8, 0, u8, -1, NULL, 0), 5,
	   "MultiByteToWideChar: the size of \"a\\u00e9\\U0001F642\" is 5 units with the NUL");
	n = MultiByteToWideChar(CP_ACP, 0, u8, -1, w, 8);
	ok(n == 5 && w[0] == 'a' && w[1] == 0xe9 && w[2] == 0xd83d && w[3] == 0xde42 && !w[4],
	   "MultiByteToWideChar(CP_ACP): UTF-8 to UTF-16, surrogate pair included");
	is(WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL), 8,
	   "WideCharToMultiByte: the size is 8 bytes with the NUL");
	n = WideCharToMultiByte(CP_UTF8, 0, w, -1, back, sizeof(back), NULL, NULL);
	ok(n == 8 && !strcmp(back, u8), "WideCharToMultiByte: back to the same UTF-8");
	n = MultiByteToWideChar(CP_UTF8, 0, u8, -1, w, 3);
	fails(n == 0, ERROR_INSUFFICIENT_BUFFER, "MultiByteToWideChar into too small a buffer: ERROR_INSUFFICIENT_BUFFER");
	n = WideCharToMultiByte(CP_UTF8, 0, u"\u00e9", -1, back, 2, NULL, NULL);
	fails(n == 0, ERROR_INSUFFICIENT_BUFFER, "WideCharToMultiByte into too small a buffer: ERROR_INSUFFICIENT_BUFFER");
	n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xff", -1, w, 8);
	fails(n == 0, ERROR_NO_UNICODE_TRANSLATION, "invalid UTF-8 with MB_ERR_INVALID_CHARS: ERROR_NO_UNICODE_TRANSLATION");
	n = MultiByteToWideChar(CP_UTF8, 0, "a\xff\xc0\xaf", -1, w, 8);
	ok(n == 5 && w[1] == 0xfffd && w[2] == 0xfffd && w[3] == 0xfffd,
	   "invalid UTF-8 (and an overlong '/') without it: U+FFFD each");
	n = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, lone, -1, back, 16, NULL, NULL);
	fails(n == 0, ERROR_NO_UNICODE_TRANSLATION, "an unpaired surrogate with WC_ERR_INVALID_CHARS: ERROR_NO_UNICODE_TRANSLATION");
	n = WideCharToMultiByte(CP_UTF8, 0, lone, -1, back, 16, NULL, NULL);
	ok(n == 6 && !strcmp(back, "a\xef\xbf\xbd" "b"), "an unpaired surrogate without it: U+FFFD");
	n = MultiByteToWideChar(1252, 0, "a", -1, w, 8);
	fails(n == 0, ERROR_INVALID_PARAMETER, "a code page other than UTF-8: ERROR_INVALID_PARAMETER");
	n = MultiByteToWideChar(CP_UTF8, 0, "abc", 2, w, 8);
	ok(n == 2 && w[0] == 'a' && w[1] == 'b', "an explicit length converts no NUL");
}

static void strings(void)
{
	char a[8];
	WCHAR w[8];

	ok(lstrlenA("abc") == 3 && lstrlenA(NULL) == 0 && lstrlenW(u"\u00e9\U0001F642") == 3 &&
	   lstrlenW(NULL) == 0, "lstrlenA/W count units; NULL is 0");
	ok(lstrcmpA("a", "b") < 0 && lstrcmpA("b", "a") > 0 && lstrcmpA("a", "a") == 0 &&
	   lstrcmpA(NULL, "") == 0, "lstrcmpA");
	ok(lstrcmpW(u"a", u"b") < 0 && lstrcmpW(u"\u00e4", u"a") > 0 && lstrcmpW(u"ab", u"ab") == 0 &&
	   lstrcmpW(u"a", u"ab") < 0 && lstrcmpW(NULL, u"") == 0, "lstrcmpW (ordinal)");
	ok(lstrcpyA(a, "xyz") == a && !strcmp(a, "xyz") && lstrcpyA(NULL, "x") == NULL, "lstrcpyA");
	ok(lstrcpyW(w, u"x\u00e9") == w && !lstrcmpW(w, u"x\u00e9") && lstrcpyW(w, NULL) == NULL,
	   "lstrcpyW");
}

/* Every Win32 error code the layer sets (winsection.h's ERROR_*). */
static const struct { DWORD code; const char *name; } codes[] = {
#define C(x) { x, #x }
	C(ERROR_SUCCESS), C(ERROR_INVALID_FUNCTION), C(ERROR_FILE_NOT_FOUND),
	C(ERROR_PATH_NOT_FOUND), C(ERROR_TOO_MANY_OPEN_FILES), C(ERROR_ACCESS_DENIED),
	C(ERROR_INVALID_HANDLE), C(ERROR_NOT_ENOUGH_MEMORY), C(ERROR_OUTOFMEMORY),
	C(ERROR_WRITE_PROTECT), C(ERROR_GEN_FAILURE), C(ERROR_SHARING_VIOLATION),
	C(ERROR_HANDLE_EOF), C(ERROR_NOT_SUPPORTED), C(ERROR_FILE_EXISTS),
	C(ERROR_INVALID_PARAMETER), C(ERROR_BROKEN_PIPE), C(ERROR_DISK_FULL),
	C(ERROR_CALL_NOT_IMPLEMENTED), C(ERROR_INSUFFICIENT_BUFFER), C(ERROR_INVALID_NAME),
	C(ERROR_NEGATIVE_SEEK), C(ERROR_DIR_NOT_EMPTY), C(ERROR_BAD_EXE_FORMAT),
	C(ERROR_FILENAME_EXCED_RANGE), C(ERROR_ALREADY_EXISTS), C(ERROR_BAD_PATHNAME),
	C(ERROR_NOACCESS), C(ERROR_INVALID_ADDRESS), C(ERROR_FILE_INVALID),
	C(ERROR_IO_DEVICE), C(ERROR_MAPPED_ALIGNMENT), C(ERROR_USER_MAPPED_FILE),
	C(ERROR_NO_SYSTEM_RESOURCES), C(ERROR_COMMITMENT_LIMIT), C(ERROR_BAD_LENGTH),
	C(ERROR_MR_MID_NOT_FOUND), C(ERROR_NO_UNICODE_TRANSLATION),
#undef C
};

static void messages(void)
{
	const DWORD sys = FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS;
	char a[512], *p = NULL;
	WCHAR w[512], *q = NULL;
	char back[512];
	DWORD n, m;
	size_t i;
	int bad = 0;

	for (i = 0; i < ARRAYSIZE(codes); i++) {
		n = FormatMessageA(sys, NULL, codes[i].code, 0, a, sizeof(a), NULL);
		ok(n > 3 && n == strlen(a) && !strcmp(a + n - 2, "\r\n") && a[n - 3] == '.',
		   "FormatMessageA of %s (%u): \"%.*s\"", codes[i].name, (unsigned int)codes[i].code,
		   n > 2 ? (int)n - 2 : 0, a);
		m = FormatMessageW(sys, NULL, codes[i].code, 0, w, ARRAYSIZE(w), NULL);
		WideCharToMultiByte(CP_UTF8, 0, w, -1, back, sizeof(back), NULL, NULL);
		if (m != n || strcmp(back, a))
			bad++;
	}
	ok(!bad, "FormatMessageW gives the same %d texts in UTF-16", (int)ARRAYSIZE(codes));
	n = FormatMessageA(sys, NULL, ERROR_ALREADY_EXISTS, 0, a, sizeof(a), NULL);
	ok(n && !strcmp(a, "Cannot create a file when that file already exists.\r\n"),
	   "ERROR_ALREADY_EXISTS is Windows' text");
	n = FormatMessageA(sys | FORMAT_MESSAGE_MAX_WIDTH_MASK, NULL, ERROR_ACCESS_DENIED, 0, a,
			   sizeof(a), NULL);
	ok(n == 17 && !strcmp(a, "Access is denied."), "FORMAT_MESSAGE_MAX_WIDTH_MASK: no line break");
	n = FormatMessageA(sys | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, ERROR_FILE_NOT_FOUND, 0,
			   (LPSTR)&p, 0, NULL);
	ok(n && p && !strcmp(p, "The system cannot find the file specified.\r\n") && !LocalFree(p),
	   "FORMAT_MESSAGE_ALLOCATE_BUFFER (A), freed with LocalFree");
	m = FormatMessageW(sys | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, ERROR_FILE_NOT_FOUND, 0,
			   (LPWSTR)&q, 0, NULL);
	ok(m == n && q && lstrlenW(q) == (int)n && !LocalFree(q), "FORMAT_MESSAGE_ALLOCATE_BUFFER (W)");
	n = FormatMessageA(sys, NULL, ERROR_ACCESS_DENIED, 0, a, 5, NULL);
	fails(n == 0, ERROR_INSUFFICIENT_BUFFER, "too small a buffer: ERROR_INSUFFICIENT_BUFFER");
	n = FormatMessageA(sys, NULL, 12345, 0, a, sizeof(a), NULL);
	fails(n == 0, ERROR_MR_MID_NOT_FOUND, "an unknown code: ERROR_MR_MID_NOT_FOUND");
	n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "x", 0, 0, a, sizeof(a), NULL);
	fails(n == 0, ERROR_INVALID_PARAMETER, "FORMAT_MESSAGE_FROM_STRING is not supported: ERROR_INVALID_PARAMETER");
}

static void *tid(void *arg)
{
	*(DWORD *)arg = GetCurrentThreadId();
	return NULL;
}

static void misc(void)
{
	ULONGLONG t0 = GetTickCount64(), t1;
	DWORD t = GetTickCount(), other = 0;
	pthread_t th;

	ok((DWORD)(t - (DWORD)t0) < 100, "GetTickCount64's low part is GetTickCount");
	Sleep(30);
	t1 = GetTickCount64();
	ok(t1 - t0 >= 30 && t1 - t0 < 5000, "GetTickCount64 counts milliseconds (%llu after Sleep(30))",
	   t1 - t0);
	ok(GetCurrentProcessId() == (DWORD)getpid(), "GetCurrentProcessId is getpid");
	ok(GetCurrentThreadId() == (DWORD)syscall(SYS_gettid), "GetCurrentThreadId is gettid");
	pthread_create(&th, NULL, tid, &other);
	pthread_join(th, NULL);
	ok(other && other != GetCurrentThreadId(), "another thread has another id");
}

#define G4	(4ULL << 30)

static void files(void)
{
	const char *u8 = "t_unicode-f\u00efle-\U0001F642.dat";
	LARGE_INTEGER d, pos, size;
	HANDLE h, a;
	DWORD n;

	h = CreateFileW(w16(u8), GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	ok(h != INVALID_HANDLE_VALUE && WriteFile(h, "abc", 3, &n, NULL),
	   "CreateFileW of a non-ASCII name, and WriteFile");
	ok(access(u8, F_OK) == 0, "the file's Linux name is the UTF-8 of the UTF-16 name");
	a = CreateFileA(u8, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	ok(a != INVALID_HANDLE_VALUE && GetFileSizeEx(a, &size) && size.QuadPart == 3,
	   "CreateFileA opens it by its UTF-8 name; GetFileSizeEx says 3");
	CloseHandle(a);

	d.QuadPart = G4 + 5;
	ok(SetFilePointerEx(h, d, &pos, FILE_BEGIN) && pos.QuadPart == (LONGLONG)(G4 + 5),
	   "SetFilePointerEx(FILE_BEGIN) beyond 4 GiB");
	ok(SetEndOfFile(h) && GetFileSizeEx(h, &size) && size.QuadPart == (LONGLONG)(G4 + 5),
	   "SetEndOfFile there: GetFileSizeEx says 4 GiB + 5");
	d.QuadPart = -6;
	ok(SetFilePointerEx(h, d, &pos, FILE_CURRENT) && pos.QuadPart == (LONGLONG)(G4 - 1),
	   "SetFilePointerEx(FILE_CURRENT, -6)");
	d.QuadPart = -2;
	ok(SetFilePointerEx(h, d, NULL, FILE_END) &&
	   SetFilePointerEx(h, (LARGE_INTEGER){ .QuadPart = 0 }, &pos, FILE_CURRENT) &&
	   pos.QuadPart == (LONGLONG)(G4 + 3), "SetFilePointerEx(FILE_END, -2) without lpNewFilePointer");
	d.QuadPart = -(LONGLONG)(G4 + 6);
	fails(!SetFilePointerEx(h, d, &pos, FILE_END), ERROR_NEGATIVE_SEEK,
	      "before the start: ERROR_NEGATIVE_SEEK");
	d.QuadPart = 0;
	fails(!SetFilePointerEx(h, d, &pos, 7), ERROR_INVALID_PARAMETER, "move method 7: ERROR_INVALID_PARAMETER");
	fails(!SetFilePointerEx(NULL, d, &pos, FILE_BEGIN), ERROR_INVALID_HANDLE,
	      "SetFilePointerEx(NULL): ERROR_INVALID_HANDLE");
	fails(!GetFileSizeEx(INVALID_HANDLE_VALUE, &size), ERROR_INVALID_HANDLE,
	      "GetFileSizeEx(INVALID_HANDLE_VALUE): ERROR_INVALID_HANDLE");
	CloseHandle(h);

	ok(DeleteFileW(w16(u8)) && access(u8, F_OK) != 0, "DeleteFileW deletes it");
	fails(!DeleteFileW(w16(u8)), ERROR_FILE_NOT_FOUND, "DeleteFileW again: ERROR_FILE_NOT_FOUND");
	h = CreateFileW(w16(u8), GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	fails(h == INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND, "CreateFileW(OPEN_EXISTING) of it: ERROR_FILE_NOT_FOUND");
	{
		const WCHAR lone[] = { 'x', 0xdc00, 0 };

		h = CreateFileW(lone, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
		fails(h == INVALID_HANDLE_VALUE, ERROR_INVALID_NAME,
		      "CreateFileW of an unpaired surrogate: ERROR_INVALID_NAME");
		fails(!DeleteFileW(lone), ERROR_INVALID_NAME, "DeleteFileW of one: ERROR_INVALID_NAME");
	}
}

static void names(void)
{
	char u8[128], nt[160];
	WCHAR wname[128], wglobal[160], wnt[160];
	const WCHAR lone[] = { 'n', 0xd800, 0 };
	UNICODE_STRING us;
	OBJECT_ATTRIBUTES oa;
	HANDLE h, o, g, n2;
	char *p, *q;

	snprintf(u8, sizeof(u8), "t_unicode-\u00fcn\u00ef-\u65e5\u672c-\U0001F642-%d", (int)getpid());
	lstrcpyW(wname, w16(u8));
	snprintf(nt, sizeof(nt), "Global\\%s", u8);
	lstrcpyW(wglobal, w16(nt));
	snprintf(nt, sizeof(nt), "\\BaseNamedObjects\\%s", u8);
	lstrcpyW(wnt, w16(nt));

	SetLastError(99);
	h = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, wname);
	ok(h != NULL && GetLastError() == 0, "CreateFileMappingW of a name with non-ASCII characters");
	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	if (p)
		strcpy(p, "made by W");
	o = OpenFileMappingA(FILE_MAP_READ, FALSE, u8);
	ok(o != NULL, "OpenFileMappingA opens it by its UTF-8 form");
	q = o ? MapViewOfFile(o, FILE_MAP_READ, 0, 0, 0) : NULL;
	ok(p && q && !strcmp(q, "made by W"), "... and it is the same section");
	if (q)
		UnmapViewOfFile(q);
	CloseHandle(o);
	o = OpenFileMappingW(FILE_MAP_READ, FALSE, wglobal);
	ok(o != NULL, "OpenFileMappingW of \"Global\\\\\" and the name opens it");
	CloseHandle(o);
	g = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, u8);
	ok(g != NULL && GetLastError() == ERROR_ALREADY_EXISTS,
	   "CreateFileMappingA of the UTF-8 form: ERROR_ALREADY_EXISTS");
	CloseHandle(g);
	g = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, wname);
	ok(g != NULL && GetLastError() == ERROR_ALREADY_EXISTS,
	   "CreateFileMappingW of it again: ERROR_ALREADY_EXISTS");
	CloseHandle(g);
	RtlInitUnicodeString(&us, wnt);
	InitializeObjectAttributes(&oa, &us, 0, NULL, NULL);
	ok(NtOpenSection(&n2, SECTION_MAP_READ, &oa) == STATUS_SUCCESS,
	   "NtOpenSection of \\BaseNamedObjects\\ and the UTF-16 name opens it");
	NtClose(n2);
	if (p)
		UnmapViewOfFile(p);
	CloseHandle(h);
	o = OpenFileMappingW(FILE_MAP_READ, FALSE, wname);
	fails(o == NULL, ERROR_FILE_NOT_FOUND, "closed: OpenFileMappingW gives ERROR_FILE_NOT_FOUND");

	h = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, lone);
	fails(h == NULL, ERROR_INVALID_NAME, "CreateFileMappingW of an unpaired surrogate: ERROR_INVALID_NAME");
	o = OpenFileMappingW(FILE_MAP_READ, FALSE, lone);
	fails(o == NULL, ERROR_INVALID_NAME, "OpenFileMappingW of one: ERROR_INVALID_NAME");
	o = OpenFileMappingW(FILE_MAP_READ, FALSE, NULL);
	fails(o == NULL, ERROR_INVALID_PARAMETER, "OpenFileMappingW(NULL): ERROR_INVALID_PARAMETER");
	h = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, NULL);
	ok(h != NULL, "CreateFileMappingW without a name: an anonymous section");
	CloseHandle(h);
}

int main(void)
{
	char name[64];
	int r;

	macros();
	conversions();
	strings();
	messages();
	misc();
	files();
	snprintf(name, sizeof(name), "t_unicode-%d", (int)getpid());
	r = ntsection_open(NTSECTION_DEV_DEFAULT, name, 0, 0);
	if (r == -ENOTTY)
		skip("the module has no named sections yet", "named sections");
	else
		names();
	return tap_done();
}
