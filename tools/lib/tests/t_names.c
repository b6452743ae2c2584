// SPDX-License-Identifier: GPL-2.0
/*
 * t_names.c - named sections through the Win32 layer, shared between this
 * program and copies of itself started with fork + exec: ERROR_ALREADY_
 * EXISTS, ERROR_FILE_NOT_FOUND, case-sensitivity, Local\ and Global\,
 * view access on opened handles, copy-on-write in a child, inheritance,
 * names vanishing with the last handle, and the owner/mode check
 * (rules 23-29, 32, 33, 48, 57, 58, 73 of docs/windows-rules.md).
 *
 *   t_names                       the tests
 *   t_names --child WHAT ARG      one side of a test, run by the tests
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ntsection.h>

#include "wintest.h"

static char self[4096];
static char name[64];

static HANDLE create(const char *n, DWORD protect)
{
	return CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, protect, 0, 4096, n);
}

/* ---- the child side: exit 0 when everything was as expected ---- */
static int child(const char *what, const char *arg)
{
	HANDLE h;
	uint32_t *p;

	if (!strcmp(what, "share")) {
		h = create(arg, PAGE_READWRITE);
		if (!h || GetLastError() != ERROR_ALREADY_EXISTS)
			return 2;
		p = MapViewOfFile(h, FILE_MAP_ALL_ACCESS, 0, 0, 0);
		if (!p || p[0] != 0x1a2b3c4d)
			return 3;
		p[1] = 0x5a5a5a5a;
		return 0;
	}
	if (!strcmp(what, "cow")) {
		h = OpenFileMappingA(FILE_MAP_COPY, FALSE, arg);
		p = h ? MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0) : NULL;
		if (!p)
			return 2;
		p[2] = 0xc0;
		return p[2] == 0xc0 ? 0 : 3;
	}
	if (!strcmp(what, "inherit")) {
		h = ntsection_fd_to_handle(atoi(arg));
		p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
		if (!p)
			return 2;
		p[3] = 0x1111;
		return 0;
	}
	if (!strcmp(what, "file")) {
		h = OpenFileMappingA(FILE_MAP_WRITE | FILE_MAP_READ, FALSE, arg);
		p = h ? MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0) : NULL;
		if (!p)
			return 2;
		memcpy(p, "child", 6);
		return 0;
	}
	if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 9;
	if (!strcmp(what, "deny")) {	/* mode 0600, we are uid 1000 */
		h = OpenFileMappingA(FILE_MAP_READ, FALSE, arg);
		return !h && GetLastError() == ERROR_ACCESS_DENIED ? 0 : 2;
	}
	if (!strcmp(what, "readonly")) {	/* mode 0644 */
		h = OpenFileMappingA(FILE_MAP_WRITE, FALSE, arg);
		if (h || GetLastError() != ERROR_ACCESS_DENIED)
			return 2;
		h = OpenFileMappingA(FILE_MAP_READ, FALSE, arg);
		p = h ? MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0) : NULL;
		return p && p[0] == 0x1a2b3c4d ? 0 : 3;
	}
	return 8;
}

/* fork + exec ourselves as a child; its exit status, or -1 */
static int run_child(const char *what, const char *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl(self, self, "--child", what, arg, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void create_open(void)
{
	char upper[64], local[80], global[80];
	HANDLE a, b, c, o, l, g;
	uint32_t *pa, *pb;
	unsigned int i;

	for (i = 0; name[i]; i++)
		upper[i] = name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i];
	upper[i] = 0;
	SetLastError(0xdead);
	a = create(name, PAGE_READWRITE);
	ok(a && GetLastError() == 0, "rule 23: a new named section: error 0");
	b = create(name, PAGE_READWRITE);
	ok(b && b != a && GetLastError() == ERROR_ALREADY_EXISTS,
	   "rule 23/25: the same name again: a valid handle and ERROR_ALREADY_EXISTS");
	pa = MapViewOfFile(a, FILE_MAP_WRITE, 0, 0, 0);
	pb = MapViewOfFile(b, FILE_MAP_READ, 0, 0, 0);
	pa[0] = 0x1a2b3c4d;
	ok(pb && pb[0] == 0x1a2b3c4d, "rule 25: both handles are the one section");
	SetLastError(0xdead);
	c = create(upper, PAGE_READWRITE);
	ok(c && GetLastError() == 0, "rule 23: the name in capitals is a new section: error 0");
	o = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, name);
	ok(o != NULL, "rule 24: OpenFileMapping(FILE_MAP_ALL_ACCESS) of the name");
	CloseHandle(o);
	CloseHandle(c);
	o = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, upper);
	fails(!o, ERROR_FILE_NOT_FOUND, "rule 24: the capitals' name after its handle closed: ERROR_FILE_NOT_FOUND");
	snprintf(local, sizeof(local), "Local\\%s", name);
	snprintf(global, sizeof(global), "Global\\%s", name);
	l = create(local, PAGE_READWRITE);
	ok(l && GetLastError() == ERROR_ALREADY_EXISTS, "rule 26: \"Local\\\\name\" is accepted: the same section");
	g = OpenFileMappingA(FILE_MAP_READ, FALSE, global);
	ok(g != NULL, "\"Global\\\\name\" names it too");
	CloseHandle(l);
	CloseHandle(g);
	fails(!OpenFileMappingA(FILE_MAP_READ, FALSE, NULL), ERROR_INVALID_PARAMETER,
	      "OpenFileMapping(NULL name): ERROR_INVALID_PARAMETER");
	{
		char longname[300];

		memset(longname, 'n', sizeof(longname));
		longname[256] = 0;
		fails(!create(longname, PAGE_READWRITE), ERROR_FILENAME_EXCED_RANGE,
		      "a 256-byte name: ERROR_FILENAME_EXCED_RANGE");
	}

	is(run_child("share", name), 0,
	   "rule 32: a child (fork + exec) creating the name gets ERROR_ALREADY_EXISTS and sees 0x1a2b3c4d");
	is(pa[1], 0x5a5a5a5a, "rule 57: the child's write is in this process's view");
	is(run_child("cow", name), 0, "rule 58: a child maps the name FILE_MAP_COPY and writes");
	is(pa[2], 0, "rule 58: the child's copy-on-write write is not seen here");

	CloseHandle(b);
	UnmapViewOfFile(pb);
	/* pa stays mapped, a is the last handle */
	CloseHandle(a);
	o = OpenFileMappingA(FILE_MAP_READ, FALSE, name);
	fails(!o, ERROR_FILE_NOT_FOUND, "rule 33/73: every handle closed, a view left: ERROR_FILE_NOT_FOUND");
	SetLastError(0xdead);
	a = create(name, PAGE_READWRITE);
	pb = MapViewOfFile(a, FILE_MAP_READ, 0, 0, 0);
	ok(a && GetLastError() == 0 && pb && pb[0] == 0,
	   "rule 33: creating the name again makes a fresh, zero-filled section, error 0");
	ok(pa[0] == 0x1a2b3c4d, "rule 72/73: the old view keeps the old data");
	UnmapViewOfFile(pa);
	UnmapViewOfFile(pb);
	CloseHandle(a);
}

static void view_access(void)
{
	MEMORY_BASIC_INFORMATION m;
	SECTION_BASIC_INFORMATION sbi;
	HANDLE a = create(name, PAGE_READWRITE), o;
	SIZE_T len;
	char *p;

	o = OpenFileMappingA(FILE_MAP_READ, FALSE, name);
	p = MapViewOfFile(o, FILE_MAP_WRITE, 0, 0, 0);
	fails(!p, ERROR_ACCESS_DENIED, "rule 27: opened FILE_MAP_READ: a FILE_MAP_WRITE view is ERROR_ACCESS_DENIED");
	p = MapViewOfFile(o, FILE_MAP_READ, 0, 0, 0);
	ok(p && vq(p, &m) && m.Protect == PAGE_READONLY && m.AllocationProtect == PAGE_READONLY &&
	   m.RegionSize == 4096, "rule 27: FILE_MAP_READ view, size 0: PAGE_READONLY, RegionSize 4096");
	UnmapViewOfFile(p);
	is(NtQuerySection(o, SectionBasicInformation, &sbi, sizeof(sbi), &len), STATUS_ACCESS_DENIED,
	   "rule 29: NtQuerySection on a FILE_MAP_READ handle: STATUS_ACCESS_DENIED");
	CloseHandle(o);
	o = OpenFileMappingA(FILE_MAP_READ | SECTION_QUERY, FALSE, name);
	ok(NtQuerySection(o, SectionBasicInformation, &sbi, sizeof(sbi), &len) == STATUS_SUCCESS &&
	   sbi.Attributes == SEC_COMMIT && sbi.BaseAddress == NULL && sbi.Size.QuadPart == 4096 &&
	   len == sizeof(sbi), "rule 29: FILE_MAP_READ|SECTION_QUERY: SEC_COMMIT, NULL, 4096, sizeof");
	CloseHandle(o);
	o = OpenFileMappingA(FILE_MAP_WRITE, FALSE, name);
	p = MapViewOfFile(o, FILE_MAP_READ, 0, 0, 0);
	fails(!p, ERROR_ACCESS_DENIED, "rule 28: opened FILE_MAP_WRITE: a FILE_MAP_READ view is ERROR_ACCESS_DENIED");
	p = MapViewOfFile(o, FILE_MAP_WRITE, 0, 0, 0);
	ok(p && vq(p, &m) && m.Protect == PAGE_READWRITE,
	   "rule 28: opened FILE_MAP_WRITE: a FILE_MAP_WRITE view is fine, PAGE_READWRITE");
	UnmapViewOfFile(p);
	CloseHandle(o);
	CloseHandle(a);

	a = create(name, PAGE_READONLY);
	o = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, name);
	p = MapViewOfFile(o, FILE_MAP_WRITE, 0, 0, 0);
	fails(o && !p, ERROR_INVALID_PARAMETER,
	      "rule 48: full-access handle, PAGE_READONLY section, FILE_MAP_WRITE: ERROR_INVALID_PARAMETER");
	p = MapViewOfFile(o, FILE_MAP_COPY, 0, 0, 0);
	ok(p != NULL, "rule 48: ... and FILE_MAP_COPY is fine");
	UnmapViewOfFile(p);
	CloseHandle(o);
	CloseHandle(a);
}

static void inherit_and_owner(void)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
	HANDLE a = CreateFileMappingA(INVALID_HANDLE_VALUE, &sa, PAGE_READWRITE, 0, 4096, NULL);
	HANDLE f, fm;
	uint32_t *p = MapViewOfFile(a, FILE_MAP_READ, 0, 0, 0);
	char arg[16], buf[8] = "";
	DWORD n;

	snprintf(arg, sizeof(arg), "%d", ntsection_handle_to_fd(a));
	is(run_child("inherit", arg), 0, "bInheritHandle: an exec'ed child maps the inherited handle");
	is(p ? p[3] : 0, 0x1111, "... and its write is seen here");
	UnmapViewOfFile(p);
	CloseHandle(a);

	a = create(name, PAGE_READWRITE);
	p = MapViewOfFile(a, FILE_MAP_WRITE, 0, 0, 0);
	p[0] = 0x1a2b3c4d;
	is(run_child("deny", name), 0, "mode 0600: another uid gets ERROR_ACCESS_DENIED from OpenFileMapping");
	ntsection_set_owner(ntsection_handle_to_fd(a), NTSECTION_SET_MODE, 0, 0, 0644);
	is(run_child("readonly", name), 0,
	   "mode 0644: another uid opens FILE_MAP_READ and reads, FILE_MAP_WRITE is ERROR_ACCESS_DENIED");
	UnmapViewOfFile(p);
	CloseHandle(a);

	f = make_file("names-file.dat", 4096, GENERIC_READ | GENERIC_WRITE);
	fm = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, name);
	is(run_child("file", name), 0, "rule 57: a child opens a named file-backed section and writes");
	SetFilePointer(f, 0, NULL, FILE_BEGIN);
	ok(ReadFile(f, buf, 6, &n, NULL) && !memcmp(buf, "child", 6), "rule 57: the child's write is in the file");
	CloseHandle(fm);
	CloseHandle(f);
	DeleteFileA("names-file.dat");
}

int main(int argc, char **argv)
{
	ssize_t n;
	int r;

	if (argc == 4 && !strcmp(argv[1], "--child"))
		return child(argv[2], argv[3]);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = 0;
	snprintf(name, sizeof(name), "t_names-%d", (int)getpid());
	r = ntsection_open(NTSECTION_DEV_DEFAULT, name, 0, 0);
	if (r == -ENOTTY) {
		skip("the module has no named sections yet", "named sections");
		return tap_done();
	}
	create_open();
	view_access();
	inherit_and_owner();
	return tap_done();
}
