// SPDX-License-Identifier: GPL-2.0
/*
 * t_syscalls - what mapping and unmapping a view costs in system calls
 * (issue 16: one system call per view, no /proc).
 *
 * A forked child runs each operation between two markers (getppid(2) with
 * a magic first argument); the parent traces it (PTRACE_SYSCALL,
 * PTRACE_GET_SYSCALL_INFO), counts the system calls between the markers
 * and looks at the path of every open(2) and openat(2) among them.  The
 * rule under test (winsection(3), "System calls"): a view of a handle the
 * library made, with an explicit size, is one mmap(2); unmapping is one
 * munmap(2); a view of size 0, or of a handle the library did not make,
 * adds one NTSECTION_IOC_HANDLE_INFO.
 * Also measured: that the errors keep their codes (a view past the end
 * after the refresh, an address taken, a closed handle) and rule 61.
 *
 * The child maps and unmaps one view before the first measure, so that
 * the first allocation of the view registry (malloc, perhaps brk(2)) is
 * not counted.
 */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/ptrace.h>

#include <ntsection.h>
#include <winsection.h>

#include "tap.h"

#define MAGIC		0x4e54534543UL	/* "NTSEC" */
#define BEGIN		1
#define END		2
#define MAX_OPS		64
#define FILE_NAME	"t_syscalls.dat"

/* What the parent saw of an operation, and what the child says of it. */
struct op {
	const char *what;
	int want;		/* system calls */
	int count;		/* seen */
	int proc;		/* opens of /proc */
	int done;		/* the END marker was seen */
	int good;		/* the child's verdict on the result */
	long nrs[8];		/* the first system calls, for diagnostics */
};

static struct op ops[MAX_OPS];
static int nr_ops;		/* the child's count */

/*
 * The child's marker: BEGIN with the operation's index, expected count and
 * description (a string literal, at the same address in the parent, a
 * fork of the same program), or END with the child's verdict.
 */
static void mark(long kind, long arg, long want, const char *what)
{
	syscall(SYS_getppid, MAGIC, kind, arg, want, what);
}

/* Measure: BEGIN, @expr, END with @expr's truth as the child's verdict. */
#define MEASURE(what, want, expr) do {				\
	int __g;						\
	mark(BEGIN, nr_ops++, want, what);			\
	__g = !!(expr);						\
	mark(END, __g, 0, NULL);				\
} while (0)

static HANDLE pagefile(DWORD protect, DWORD size)
{
	return CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, protect, 0, size,
				  NULL);
}

/* A free 64 KiB-aligned address for @len bytes (outside any measure). */
static void *free_address(size_t len)
{
	void *p = mmap(NULL, len + 0x10000, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t a;

	if (p == MAP_FAILED)
		return NULL;
	munmap(p, len + 0x10000);
	a = ((uintptr_t)p + 0xffff) & ~(uintptr_t)0xffff;
	return (void *)a;
}

static int nt_map(HANDLE h, void **base, size_t *size, int disp, ULONG prot)
{
	*base = NULL;
	return NT_SUCCESS(NtMapViewOfSection(h, GetCurrentProcess(), base, 0,
					     0, NULL, size, disp, 0, prot));
}

static int nt_unmap(void *base)
{
	return NT_SUCCESS(NtUnmapViewOfSection(GetCurrentProcess(), base));
}

static void child_pagefile(void)
{
	HANDLE h = pagefile(PAGE_READWRITE, 1 << 20), d = NULL, o;
	void *p = NULL, *q = NULL, *at;
	size_t size;

	/* warm-up: the view registry's first allocation */
	UnmapViewOfFile(MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 65536));

	MEASURE("MapViewOfFile, pagefile, explicit size: one mmap", 1,
		(p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 65536)) &&
		!((uintptr_t)p & 0xffff));
	MEASURE("UnmapViewOfFile: one munmap", 1, UnmapViewOfFile(p));
	MEASURE("MapViewOfFile, pagefile, size 0: HANDLE_INFO and mmap", 2,
		(p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0)) &&
		!((uintptr_t)p & 0xffff));
	UnmapViewOfFile(p);
	at = free_address(65536);
	MEASURE("MapViewOfFileEx at a free address: one mmap", 1,
		(p = MapViewOfFileEx(h, FILE_MAP_WRITE, 0, 0, 65536, at)) == at);
	MEASURE("MapViewOfFileEx at a taken address: one mmap, ERROR_INVALID_ADDRESS",
		1, !MapViewOfFileEx(h, FILE_MAP_WRITE, 0, 65536, 65536, at) &&
		GetLastError() == ERROR_INVALID_ADDRESS);
	UnmapViewOfFile(p);
	MEASURE("MapViewOfFile past the end: one HANDLE_INFO (refresh), ERROR_ACCESS_DENIED",
		1, !MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, (2 << 20)) &&
		GetLastError() == ERROR_ACCESS_DENIED);

	size = 65536;
	MEASURE("NtMapViewOfSection, ViewShare, explicit size: one mmap", 1,
		nt_map(h, &p, &size, ViewShare, PAGE_READWRITE));
	MEASURE("NtUnmapViewOfSection: one munmap", 1, nt_unmap(p));
	size = 65536;
	MEASURE("NtMapViewOfSection, ViewUnmap, explicit size: one mmap", 1,
		nt_map(h, &p, &size, ViewUnmap, PAGE_READWRITE));
	nt_unmap(p);
	size = 0;
	MEASURE("NtMapViewOfSection, size 0: HANDLE_INFO and mmap", 2,
		nt_map(h, &q, &size, ViewShare, PAGE_READONLY) &&
		size == 1 << 20);
	nt_unmap(q);

	DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0,
			FALSE, DUPLICATE_SAME_ACCESS);
	MEASURE("MapViewOfFile of a DuplicateHandle handle: one mmap", 1,
		(p = MapViewOfFile(d, FILE_MAP_WRITE, 0, 0, 65536)));
	UnmapViewOfFile(p);
	CloseHandle(d);

	o = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
			       1 << 20, "t_syscalls_named");
	CloseHandle(h);
	h = OpenFileMappingA(FILE_MAP_READ, FALSE, "t_syscalls_named");
	MEASURE("MapViewOfFile of an OpenFileMappingA handle: one mmap", 1,
		(p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 65536)));
	UnmapViewOfFile(p);
	CloseHandle(h);
	CloseHandle(o);
}

/* Sections that grow: here (NtExtendSection) and elsewhere. */
static void child_extend(void)
{
	LARGE_INTEGER sz = { .QuadPart = 65536 };
	uint64_t other = 8 << 16;
	HANDLE h = NULL;
	void *p = NULL;
	int fd;

	/* CreateFileMappingA's handles have no SECTION_EXTEND_SIZE */
	NtCreateSection(&h, SECTION_ALL_ACCESS, NULL, &sz, PAGE_READWRITE,
			SEC_RESERVE, NULL);
	sz.QuadPart = 4 << 16;
	NtExtendSection(h, &sz);
	MEASURE("after NtExtendSection here, a view past the old end: one mmap",
		1, (p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 4 << 16)));
	UnmapViewOfFile(p);
	/* grown through an fd the library does not know: another process */
	fd = ntsection_duplicate(ntsection_handle_to_fd(h), 0,
				 NTSECTION_DUP_SAME_ACCESS);
	ntsection_extend(fd, &other);
	close(fd);
	MEASURE("grown elsewhere, a view past the table's size: HANDLE_INFO and mmap",
		2, (p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 8 << 16)));
	UnmapViewOfFile(p);
	MEASURE("then the table knows the new size: one mmap", 1,
		(p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 8 << 16)));
	UnmapViewOfFile(p);
	CloseHandle(h);
}

static void child_file(void)
{
	HANDLE f, h, e;
	void *p = NULL;
	size_t size;
	char buf[65536 * 2];
	DWORD n;

	memset(buf, 'x', sizeof(buf));
	f = CreateFileA(FILE_NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL,
			CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	WriteFile(f, buf, sizeof(buf), &n, NULL);

	e = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, sizeof(buf), NULL);
	MEASURE("MapViewOfFile, file, explicit size: one mmap", 1,
		(p = MapViewOfFile(e, FILE_MAP_WRITE, 0, 0, 65536)));
	MEASURE("UnmapViewOfFile of a file view: one munmap", 1,
		UnmapViewOfFile(p));
	size = 65536;
	MEASURE("NtMapViewOfSection, file, explicit size: one mmap", 1,
		nt_map(e, &p, &size, ViewShare, PAGE_READWRITE));
	MEASURE("NtUnmapViewOfSection of a file view: one munmap", 1,
		nt_unmap(p));
	MEASURE("MapViewOfFile, file, size 0: HANDLE_INFO and mmap", 2,
		(p = MapViewOfFile(e, FILE_MAP_READ, 0, 0, 0)));
	UnmapViewOfFile(p);
	CloseHandle(e);

	/* size 0: the file's size, which only the module knows at first */
	h = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	MEASURE("file section of size 0, first explicit view: HANDLE_INFO and mmap",
		2, (p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 65536)));
	UnmapViewOfFile(p);
	MEASURE("file section of size 0, next explicit view: one mmap", 1,
		(p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 65536, 65536)));
	/* rule 61 still holds: lseek, fstat, and VIEW_QUERY for the view */
	SetFilePointer(f, 4096, NULL, FILE_BEGIN);
	MEASURE("rule 61: SetEndOfFile under a view: ERROR_USER_MAPPED_FILE, the view's file learnt (lseek, fstat, VIEW_QUERY)",
		3, !SetEndOfFile(f) && GetLastError() == ERROR_USER_MAPPED_FILE);
	UnmapViewOfFile(p);
	CloseHandle(h);
	CloseHandle(f);
	DeleteFileA(FILE_NAME);
}

/* Handles the library did not make: the native API's. */
static void child_native(void)
{
	struct ntsection_create_args a;
	void *p = NULL;
	size_t size = 65536;
	HANDLE h;
	int fd;

	ntsection_create_init(&a, 1 << 20, NTSECTION_PAGE_READWRITE, -1,
			      NTSECTION_SECTION_ALL_ACCESS);
	fd = ntsection_create(NTSECTION_DEV_DEFAULT, &a);
	h = ntsection_fd_to_handle(fd);
	MEASURE("NtMapViewOfSection of a native fd: HANDLE_INFO and mmap", 2,
		nt_map(h, &p, &size, ViewShare, PAGE_READWRITE));
	nt_unmap(p);
	MEASURE("MapViewOfFile of a native fd, again: HANDLE_INFO and mmap", 2,
		(p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 65536)));
	UnmapViewOfFile(p);
	close(fd);
	MEASURE("MapViewOfFile of a closed fd: HANDLE_INFO, ERROR_INVALID_HANDLE",
		1, !MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 65536) &&
		GetLastError() == ERROR_INVALID_HANDLE);
}

static void child(void)
{
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
		_exit(3);
	raise(SIGSTOP);
	child_pagefile();
	child_extend();
	child_file();
	child_native();
	mark(END + 1, nr_ops, 0, NULL);	/* how many there were */
	_exit(0);
}

/* The NUL-terminated string at @addr in @pid, or "" if unreadable. */
static void read_path(pid_t pid, uint64_t addr, char *buf, size_t len)
{
	struct iovec local = { buf, len - 1 }, remote = { (void *)addr, len - 1 };
	ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);

	buf[n > 0 ? n : 0] = 0;
}

/* One system-call entry of the child. */
static void entry(pid_t pid, const struct ptrace_syscall_info *si, int *cur,
		  int *total)
{
	long nr = si->entry.nr;
	char path[64];
	struct op *o;

	if (nr == SYS_getppid && si->entry.args[0] == MAGIC) {
		if (si->entry.args[1] == BEGIN && si->entry.args[2] < MAX_OPS) {
			*cur = si->entry.args[2];
			o = &ops[*cur];
			memset(o, 0, sizeof(*o));
			o->want = si->entry.args[3];
			o->what = (const char *)(uintptr_t)si->entry.args[4];
		} else if (si->entry.args[1] == END && *cur >= 0) {
			ops[*cur].done = 1;
			ops[*cur].good = si->entry.args[2];
			*cur = -1;
		} else if (si->entry.args[1] == END + 1) {
			*total = si->entry.args[2];
		}
		return;
	}
	if (*cur < 0)
		return;
	o = &ops[*cur];
	if (o->count < 8)
		o->nrs[o->count] = nr;
	o->count++;
	if (nr == SYS_openat || nr == SYS_open || nr == SYS_openat2) {
		read_path(pid, si->entry.args[nr == SYS_open ? 0 : 1], path,
			  sizeof(path));
		if (!strncmp(path, "/proc", 5))
			o->proc++;
	}
}

/* Trace @pid to its end; its exit status, or -1. */
static int trace(pid_t pid, int *total)
{
	struct ptrace_syscall_info si;
	int status, cur = -1, sig = 0;

	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
		return -1;
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL,
		   (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)))
		return -1;
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig))
			return -1;
		sig = 0;
		if (waitpid(pid, &status, 0) != pid)
			return -1;
		if (WIFEXITED(status))
			return WEXITSTATUS(status);
		if (WIFSIGNALED(status))
			return -1;
		if (WSTOPSIG(status) != (SIGTRAP | 0x80)) {
			sig = WSTOPSIG(status);	/* deliver it */
			continue;
		}
		if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(si),
			   &si) <= 0)
			return -1;
		if (si.op == PTRACE_SYSCALL_INFO_ENTRY)
			entry(pid, &si, &cur, total);
	}
}

static void report(const struct op *o)
{
	int i;

	ok(o->done && o->good, "%s: the call did what it should", o->what);
	if (!is(o->count, o->want, "%s: %d system call%s", o->what, o->want,
		o->want == 1 ? "" : "s"))
		for (i = 0; i < o->count && i < 8; i++)
			diag("  system call %d: %ld", i + 1, o->nrs[i]);
	is(o->proc, 0, "%s: no open of /proc", o->what);
}

int main(void)
{
	int total = -1, rc, i;
	pid_t pid;

	if (access(NTSECTION_DEVICE, F_OK)) {
		skip("no " NTSECTION_DEVICE, "system calls per view");
		return tap_done();
	}
	fflush(stdout);
	pid = fork();
	if (!pid)
		child();
	rc = trace(pid, &total);
	is(rc, 0, "the traced child ran to its end");
	ok(total > 0, "the child measured %d operations", total);
	for (i = 0; i < total && i < MAX_OPS; i++) {
		if (!ops[i].what)
			ops[i].what = "(unnamed)";
		report(&ops[i]);
	}
	return tap_done();
}
