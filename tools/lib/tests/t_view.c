// SPDX-License-Identifier: GPL-2.0
/*
 * t_view.c - MapViewOfFile(Ex), UnmapViewOfFile, FlushViewOfFile and
 * VirtualQuery: 64 KiB granularity, sizes, view access and protection,
 * coherence with the file functions, unmapping through any address, and
 * views outliving their handles (rules 21, 30, 31, 34-38, 42, 43, 46, 47,
 * 53-56, 61, 64-67, 70-72, 74-76, 78 of docs/windows-rules.md).
 */
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ntsection.h>

#include "wintest.h"

#define G	65536

static HANDLE anon(DWORD protect, DWORD size)
{
	return CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, protect, 0, size, NULL);
}

static HANDLE dup_access(HANDLE h, DWORD access)
{
	HANDLE d = NULL;

	DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, access, FALSE, 0);
	return d;
}

static void granularity(void)
{
	HANDLE h = anon(PAGE_READWRITE, 4 * G);
	SYSTEM_INFO si;
	char *p, *q;
	uintptr_t free_addr;

	GetSystemInfo(&si);
	is(si.dwAllocationGranularity, G, "GetSystemInfo: dwAllocationGranularity 65536");
	is(si.dwPageSize, sysconf(_SC_PAGESIZE), "GetSystemInfo: dwPageSize is the page size");
	ok(si.dwNumberOfProcessors >= 1 && si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_AMD64,
	   "GetSystemInfo: processors and architecture");

	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	ok(p && (uintptr_t)p % G == 0, "rule 35: a view's address is 64 KiB-aligned");
	q = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	ok(q && q != p && (uintptr_t)q % G == 0, "rule 53: a second view of the section is elsewhere, also aligned");
	p[0] = 42;
	is(q[0], 42, "two views of one section share their pages");
	UnmapViewOfFile(q);

	q = MapViewOfFile(h, FILE_MAP_READ, 0, 1, 0);
	fails(!q, ERROR_MAPPED_ALIGNMENT, "rule 37: offset 1: ERROR_MAPPED_ALIGNMENT");
	q = MapViewOfFile(h, FILE_MAP_READ, 0, 0x40211, 0);
	fails(!q, ERROR_MAPPED_ALIGNMENT, "rule 37: offset 0x40211: ERROR_MAPPED_ALIGNMENT");
	q = MapViewOfFile(h, FILE_MAP_READ, 0, 0x1000, 0);
	fails(!q, ERROR_MAPPED_ALIGNMENT, "rule 37: offset 0x1000 (a page, not 64 KiB): ERROR_MAPPED_ALIGNMENT");
	q = MapViewOfFileEx(h, FILE_MAP_READ, 0, 0, 0, p + 42);
	fails(!q, ERROR_MAPPED_ALIGNMENT, "rule 38: address ptr+42: ERROR_MAPPED_ALIGNMENT");
	q = MapViewOfFileEx(h, FILE_MAP_READ, 0, 0, 0, p + 0x1000);
	fails(!q, ERROR_MAPPED_ALIGNMENT, "rule 38: address ptr+0x1000: ERROR_MAPPED_ALIGNMENT");
	q = MapViewOfFileEx(h, FILE_MAP_READ, 0, 0, 0, p);
	fails(!q, ERROR_INVALID_ADDRESS, "rule 36: at an existing view's address: ERROR_INVALID_ADDRESS");

	q = mmap(NULL, 4 * G, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	free_addr = ((uintptr_t)q + G - 1) & ~(uintptr_t)(G - 1);
	fails(!MapViewOfFileEx(h, FILE_MAP_READ, 0, 0, G, (void *)free_addr), ERROR_INVALID_ADDRESS,
	      "rule 36: over private memory: ERROR_INVALID_ADDRESS");
	munmap(q, 4 * G);

	/* a free 64 KiB-aligned address: reserve, release, reuse */
	q = mmap(NULL, 16 * G, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	free_addr = ((uintptr_t)q + 4 * G - 1) & ~(uintptr_t)(G - 1);
	munmap(q, 16 * G);
	q = MapViewOfFileEx(h, FILE_MAP_READ, 0, 0, 0, (void *)free_addr);
	ok(q == (void *)free_addr, "rule 38: a free 64 KiB-aligned address: the view is exactly there");
	is(q ? q[0] : -1, 42, "rule 38: and shows the section");
	UnmapViewOfFile(q);
	q = MapViewOfFileEx(h, FILE_MAP_READ, 0, G, G, (void *)(free_addr + 2 * G));
	ok(q == (void *)(free_addr + 2 * G), "rule 38: offset 0x10000 at a chosen address: ok");
	UnmapViewOfFile(q);

	q = MapViewOfFile(h, FILE_MAP_READ, 0, 4 * G, 0);
	fails(!q, ERROR_INVALID_PARAMETER, "an offset at the section's end: ERROR_INVALID_PARAMETER");
	q = MapViewOfFile(h, FILE_MAP_READ, 0, 2 * G, 2 * G + 1);
	fails(!q, ERROR_ACCESS_DENIED, "rule 42: a view one byte past the end: ERROR_ACCESS_DENIED");
	UnmapViewOfFile(p);
	CloseHandle(h);
}

static void sizes(void)
{
	HANDLE f = make_file("view-odd.dat", 0x3452, GENERIC_READ | GENERIC_WRITE);
	HANDLE h = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
	MEMORY_BASIC_INFORMATION m;
	unsigned char *p;

	p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0x3452);
	ok(p != NULL, "rule 42: file section of 0x3452 bytes, view of 0x3452: ok");
	ok(p && p[0x3451] == (0x3451 & 0xff) && p[7] == 7, "rule 55: the view shows what WriteFile wrote");
	UnmapViewOfFile(p);
	p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0x3453);
	fails(!p, ERROR_ACCESS_DENIED, "rule 42: view of 0x3453: ERROR_ACCESS_DENIED");
	p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
	ok(p && vq(p, &m) && m.RegionSize == 0x4000, "rule 43: size 0 maps to the end (RegionSize 0x4000)");
	UnmapViewOfFile(p);
	CloseHandle(h);
	CloseHandle(f);
	DeleteFileA("view-odd.dat");
}

static void protections(void)
{
	static const struct { DWORD access, protect; } table[] = {
		{ 0, PAGE_NOACCESS },
		{ FILE_MAP_COPY, PAGE_WRITECOPY },
		{ FILE_MAP_WRITE, PAGE_READWRITE },
		{ FILE_MAP_WRITE | FILE_MAP_READ, PAGE_READWRITE },
		{ FILE_MAP_WRITE | FILE_MAP_COPY, PAGE_READWRITE },
		{ FILE_MAP_READ, PAGE_READONLY },
		{ FILE_MAP_READ | FILE_MAP_COPY, PAGE_READONLY },
		{ FILE_MAP_ALL_ACCESS, PAGE_READWRITE },
		{ FILE_MAP_EXECUTE | FILE_MAP_READ, PAGE_EXECUTE_READ },
		{ FILE_MAP_EXECUTE | FILE_MAP_WRITE, PAGE_EXECUTE_READWRITE },
		{ FILE_MAP_EXECUTE, PAGE_NOACCESS },
	};
	HANDLE h = anon(PAGE_EXECUTE_READWRITE, 3 * 4096);
	MEMORY_BASIC_INFORMATION m;
	unsigned int i;
	char *p;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		p = MapViewOfFile(h, table[i].access, 0, 0, 0);
		ok(p && vq(p + 4096, &m) && m.Protect == table[i].protect &&
		   m.AllocationProtect == table[i].protect && m.AllocationBase == p &&
		   m.BaseAddress == p + 4096 && m.RegionSize == 2 * 4096 &&
		   m.State == MEM_COMMIT && m.Type == MEM_MAPPED,
		   "rule 46: view access %#x: Protect/AllocationProtect %#x, MEM_COMMIT, MEM_MAPPED",
		   (unsigned int)table[i].access, (unsigned int)table[i].protect);
		UnmapViewOfFile(p);
	}
	p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
	ok(p && faults(p, 1) && !faults(p, 0), "rule 54: a PAGE_READONLY view reads, writes fault");
	UnmapViewOfFile(p);
	p = MapViewOfFile(h, 0, 0, 0, 0);
	ok(p && faults(p, 0), "rule 54: a PAGE_NOACCESS view faults on any access");
	UnmapViewOfFile(p);
	CloseHandle(h);

	h = anon(PAGE_READWRITE, 4096);
	p = MapViewOfFile(h, FILE_MAP_EXECUTE | FILE_MAP_READ, 0, 0, 0);
	fails(!p, ERROR_ACCESS_DENIED, "rule 47: FILE_MAP_EXECUTE on a PAGE_READWRITE section: ERROR_ACCESS_DENIED");
	CloseHandle(h);

	h = anon(PAGE_READONLY, 4096);
	p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
	ok(p != NULL, "rule 31: PAGE_READONLY section: FILE_MAP_READ ok");
	UnmapViewOfFile(p);
	p = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);
	ok(p && !faults(p, 1), "rule 31: PAGE_READONLY section: FILE_MAP_COPY ok, and writable");
	UnmapViewOfFile(p);
	p = MapViewOfFile(h, 0, 0, 0, 0);
	ok(p != NULL, "rule 31: PAGE_READONLY section: access 0 ok");
	UnmapViewOfFile(p);
	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	fails(!p, ERROR_ACCESS_DENIED, "rule 31: PAGE_READONLY section: FILE_MAP_WRITE is ERROR_ACCESS_DENIED");
	CloseHandle(h);
	h = anon(PAGE_WRITECOPY, 4096);
	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	fails(!p, ERROR_ACCESS_DENIED, "rule 31: PAGE_WRITECOPY section: FILE_MAP_WRITE is ERROR_ACCESS_DENIED");
	p = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);
	ok(p != NULL, "rule 31: PAGE_WRITECOPY section: FILE_MAP_COPY ok");
	UnmapViewOfFile(p);
	CloseHandle(h);
}

static void handles(void)
{
	HANDLE h = anon(PAGE_READWRITE, 4096), d;
	HANDLE f = make_file("view-file.dat", 4096, GENERIC_READ | GENERIC_WRITE);
	char *p;

	d = dup_access(h, FILE_MAP_READ | FILE_MAP_WRITE);
	p = MapViewOfFile(d, FILE_MAP_WRITE, 0, 0, 0);
	ok(p != NULL, "rule 30: duplicate with FILE_MAP_READ|FILE_MAP_WRITE: a FILE_MAP_WRITE view");
	UnmapViewOfFile(p);
	CloseHandle(d);
	d = dup_access(h, FILE_MAP_READ);
	p = MapViewOfFile(d, FILE_MAP_WRITE, 0, 0, 0);
	fails(!p, ERROR_ACCESS_DENIED, "rule 30: duplicate with FILE_MAP_READ: FILE_MAP_WRITE view denied");
	p = MapViewOfFile(d, 0, 0, 0, 0);
	ok(p != NULL, "rule 30: duplicate with FILE_MAP_READ: an access-0 view");
	UnmapViewOfFile(p);
	CloseHandle(d);
	d = dup_access(h, 0);
	p = MapViewOfFile(d, 0, 0, 0, 0);
	fails(!p, ERROR_ACCESS_DENIED, "rule 30: duplicate with access 0: even an access-0 view is denied");
	CloseHandle(d);

	p = MapViewOfFile(INVALID_HANDLE_VALUE, FILE_MAP_READ, 0, 0, 0);
	fails(!p, ERROR_INVALID_HANDLE, "rule 34: MapViewOfFile(INVALID_HANDLE_VALUE): ERROR_INVALID_HANDLE");
	p = MapViewOfFile(NULL, FILE_MAP_READ, 0, 0, 0);
	fails(!p, ERROR_INVALID_HANDLE, "rule 34: MapViewOfFile(NULL): ERROR_INVALID_HANDLE");
	p = MapViewOfFile(f, FILE_MAP_READ, 0, 0, 0);
	fails(!p, ERROR_INVALID_HANDLE, "rule 34: MapViewOfFile(a file handle): ERROR_INVALID_HANDLE");
	p = MapViewOfFile((HANDLE)(uintptr_t)0x40000, FILE_MAP_READ, 0, 0, 0);
	fails(!p, ERROR_INVALID_HANDLE, "rule 34: MapViewOfFile(a closed handle): ERROR_INVALID_HANDLE");
	CloseHandle(f);
	DeleteFileA("view-file.dat");
	CloseHandle(h);
}

static void coherence_and_flush(void)
{
	HANDLE f = make_file("view-coh.dat", 3 * 4096, GENERIC_READ | GENERIC_WRITE);
	HANDLE h = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	HANDLE a = anon(PAGE_READWRITE, 4096);
	char buf[8] = "", *p, *q;
	DWORD n = 0;

	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	memcpy(p + 4096, "coheren", 8);
	SetFilePointer(f, 4096, NULL, FILE_BEGIN);
	ok(ReadFile(f, buf, 8, &n, NULL) && n == 8 && !memcmp(buf, "coheren", 8),
	   "rule 56: a view's writes are in ReadFile at once, without a flush");
	SetFilePointer(f, 8192, NULL, FILE_BEGIN);
	WriteFile(f, "written", 8, &n, NULL);
	ok(!memcmp(p + 8192, "written", 8), "rule 55: WriteFile's bytes are in the view at once");

	ok(FlushViewOfFile(p, 0x1000), "rule 70: FlushViewOfFile(view, 0x1000): TRUE");
	ok(FlushViewOfFile(p + 4096, 0), "rule 71: FlushViewOfFile(inside, 0): the rest of the view, TRUE");
	ok(FlushViewOfFile(p, 1 << 20), "FlushViewOfFile past the view's end flushes to the end: TRUE");
	ok(FlushFileBuffers(f), "FlushFileBuffers after FlushViewOfFile: TRUE");
	q = MapViewOfFile(a, FILE_MAP_WRITE, 0, 0, 0);
	ok(FlushViewOfFile(q, 0), "rule 71: FlushViewOfFile of a pagefile-backed view: TRUE");
	UnmapViewOfFile(q);
	q = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);
	q[0] = 'X';
	ok(FlushViewOfFile(q, 0) && p[0] == 0, "FlushViewOfFile of a FILE_MAP_COPY view: TRUE, the file unchanged");
	UnmapViewOfFile(q);
	fails(!FlushViewOfFile(buf, 0), ERROR_INVALID_PARAMETER,
	      "rule 71: FlushViewOfFile of a non-view: ERROR_INVALID_PARAMETER");
	UnmapViewOfFile(p);
	CloseHandle(h);
	CloseHandle(a);
	CloseHandle(f);
	DeleteFileA("view-coh.dat");
}

/* rule 61: a mapped file may grow but not shrink */
static void truncate_mapped(void)
{
	HANDLE f = make_file("view-trunc.dat", 3 * 4096, GENERIC_READ | GENERIC_WRITE);
	HANDLE h = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	char *p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);

	SetFilePointer(f, 4096, NULL, FILE_BEGIN);
	fails(!SetEndOfFile(f), ERROR_USER_MAPPED_FILE,
	      "rule 61: SetEndOfFile shrinking a mapped file: ERROR_USER_MAPPED_FILE");
	ok(GetFileSize(f, NULL) == 3 * 4096 && p && p[2 * 4096 + 7] == 7,
	   "rule 61: the file and the view are unchanged");
	SetFilePointer(f, 4 * 4096, NULL, FILE_BEGIN);
	ok(SetEndOfFile(f) && GetFileSize(f, NULL) == 4 * 4096, "rule 61: growing it is allowed");
	UnmapViewOfFile(p);
	SetFilePointer(f, 4096, NULL, FILE_BEGIN);
	ok(SetEndOfFile(f) && GetFileSize(f, NULL) == 4096, "rule 61: once unmapped, it shrinks");
	CloseHandle(h);
	CloseHandle(f);
	DeleteFileA("view-trunc.dat");
}

static void unmap(void)
{
	HANDLE h = anon(PAGE_READWRITE, 3 * 4096);
	MEMORY_BASIC_INFORMATION m;
	static const int offs[] = { 100, 4096, 4096 + 100 };
	char *p, *mem;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
		ok(p && UnmapViewOfFile(p + offs[i]), "rule 64: UnmapViewOfFile(ptr+%d) of a 3-page view: TRUE",
		   offs[i]);
		ok(vq(p, &m) && m.State == MEM_FREE, "rule 64: the whole view is gone");
	}
	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	UnmapViewOfFile(p);
	ok(vq(p, &m) && m.State == MEM_FREE && m.Protect == PAGE_NOACCESS && m.AllocationBase == NULL &&
	   m.AllocationProtect == 0 && m.Type == 0,
	   "rule 66: after unmap: MEM_FREE, PAGE_NOACCESS, AllocationBase NULL, AllocationProtect 0, Type 0");
	fails(!UnmapViewOfFile(p), ERROR_INVALID_ADDRESS, "rule 67: a second unmap: ERROR_INVALID_ADDRESS");
	mem = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	fails(!UnmapViewOfFile(mem), ERROR_INVALID_ADDRESS, "rule 65: UnmapViewOfFile(private memory): ERROR_INVALID_ADDRESS");
	fails(!UnmapViewOfFile(mem + 0x3000), ERROR_INVALID_ADDRESS,
	      "rule 65: UnmapViewOfFile(mem+0x3000): ERROR_INVALID_ADDRESS");
	fails(!UnmapViewOfFile((void *)0xdeadbeef), ERROR_INVALID_ADDRESS,
	      "rule 65: UnmapViewOfFile(0xdeadbeef): ERROR_INVALID_ADDRESS");
	ok(!faults(mem, 1), "the private memory is untouched");
	munmap(mem, 4 * 4096);
	CloseHandle(h);
}

static void lifetime_and_query(void)
{
	HANDLE h = anon(PAGE_READWRITE, 1 << 20), r;
	HANDLE f = make_file("view-life.dat", 1 << 20, GENERIC_READ | GENERIC_WRITE);
	HANDLE fh = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	MEMORY_BASIC_INFORMATION m;
	char *p, *q, stack = 0;

	{
		SECTION_BASIC_INFORMATION sbi;
		struct ntsection_info before, after;
		int fd = ntsection_handle_to_fd(h);

		ntsection_query(fd, &before);
		p = MapViewOfFile(h, FILE_MAP_ALL_ACCESS, 0, 0, 0);
		ntsection_query(fd, &after);
		ok(p && before.handles == after.handles && after.views == before.views + 1 &&
		   NtQuerySection(h, SectionBasicInformation, &sbi, sizeof(sbi), NULL) == 0 &&
		   sbi.Size.QuadPart == 1 << 20,
		   "rule 74: mapping a view changes no handle count (only the view count)");
	}
	ok(vq(p, &m) && m.State == MEM_COMMIT && m.Protect == PAGE_READWRITE &&
	   m.RegionSize == 1 << 20 && m.Type == MEM_MAPPED && m.BaseAddress == p && m.AllocationBase == p,
	   "rule 76: SEC_COMMIT 1 MiB view: MEM_COMMIT, PAGE_READWRITE, RegionSize 1 MiB, MEM_MAPPED");
	q = MapViewOfFile(fh, FILE_MAP_WRITE, 0, 0, 0);
	CloseHandle(h);
	CloseHandle(fh);
	CloseHandle(f);
	p[5] = 5;
	q[5] = 6;
	ok(p[5] == 5 && vq(p, &m) && m.RegionSize == 1 << 20 && m.Protect == PAGE_READWRITE &&
	   m.State == MEM_COMMIT && m.Type == MEM_MAPPED,
	   "rule 72: every handle closed: the pagefile view still works, VirtualQuery unchanged");
	ok(q[5] == 6 && vq(q, &m) && m.RegionSize == 1 << 20 && m.Type == MEM_MAPPED,
	   "rule 72: every handle closed: the file view still works");
	UnmapViewOfFile(p);
	UnmapViewOfFile(q);
	DeleteFileA("view-life.dat");

	r = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_RESERVE, 0, 1 << 20, NULL);
	p = MapViewOfFile(r, FILE_MAP_WRITE, 0, 0, 0);
	ok(vq(p, &m) && m.State == MEM_RESERVE && m.Protect == 0 && m.AllocationProtect == PAGE_READWRITE &&
	   m.RegionSize == 1 << 20 && m.Type == MEM_MAPPED && m.AllocationBase == p,
	   "rule 75: SEC_RESERVE 1 MiB view: MEM_RESERVE, Protect 0, AllocationProtect PAGE_READWRITE");
	UnmapViewOfFile(p);
	CloseHandle(r);

	r = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_COMMIT | SEC_NOCACHE, 0,
			       1 << 20, NULL);
	p = MapViewOfFile(r, FILE_MAP_WRITE, 0, 0, 0);
	ok(vq(p, &m) && m.Protect == (PAGE_READWRITE | PAGE_NOCACHE) &&
	   m.AllocationProtect == (PAGE_READWRITE | PAGE_NOCACHE) && m.State == MEM_COMMIT,
	   "rule 78: SEC_NOCACHE view: Protect and AllocationProtect PAGE_READWRITE|PAGE_NOCACHE");
	UnmapViewOfFile(p);
	CloseHandle(r);

	f = make_file("view-rq.dat", 4096, GENERIC_READ | GENERIC_WRITE);
	fh = CreateFileMappingA(f, NULL, PAGE_READWRITE | SEC_COMMIT, 0, 4096, NULL);
	p = MapViewOfFile(fh, FILE_MAP_READ, 0, 0, 0);
	ok(vq(p, &m) && m.Protect == PAGE_READONLY && m.AllocationProtect == PAGE_READONLY &&
	   m.State == MEM_COMMIT && m.Type == MEM_MAPPED && m.RegionSize == 4096,
	   "rule 21: FILE_MAP_READ view of a file section: PAGE_READONLY, MEM_COMMIT, MEM_MAPPED, one page");
	UnmapViewOfFile(p);
	CloseHandle(fh);
	CloseHandle(f);
	DeleteFileA("view-rq.dat");

	ok(vq(&stack, &m) && m.State == MEM_COMMIT && m.Type == MEM_PRIVATE && m.Protect == PAGE_READWRITE,
	   "VirtualQuery of the stack: MEM_COMMIT, MEM_PRIVATE, PAGE_READWRITE");
	ok(vq((void *)(uintptr_t)&lifetime_and_query, &m) && m.State == MEM_COMMIT && m.Type == MEM_IMAGE &&
	   m.Protect == PAGE_EXECUTE_READ,
	   "VirtualQuery of code: MEM_COMMIT, MEM_IMAGE, PAGE_EXECUTE_READ");
	fails(VirtualQuery(&stack, &m, sizeof(m) - 1) == 0, ERROR_BAD_LENGTH,
	      "VirtualQuery with a short buffer: 0, ERROR_BAD_LENGTH");
	fails(VirtualQuery((void *)~0UL, &m, sizeof(m)) == 0, ERROR_INVALID_PARAMETER,
	      "VirtualQuery of a kernel address: 0, ERROR_INVALID_PARAMETER");
}

static HANDLE shared;

static void *mapper(void *arg)
{
	long bad = 0, i;
	char *p;

	(void)arg;
	for (i = 0; i < 300; i++) {
		p = MapViewOfFile(shared, FILE_MAP_WRITE, 0, 0, 0);
		if (!p || (uintptr_t)p % G) {
			bad++;
			continue;
		}
		p[i % 4096] = 1;
		bad += !UnmapViewOfFile(p + 100);
	}
	return (void *)bad;
}

static void threads_and_fork(void)
{
	pthread_t t[4];
	void *bad;
	long total = 0;
	int i, status;
	char *p;
	pid_t pid;

	shared = anon(PAGE_READWRITE, 2 * G);
	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, mapper, NULL);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], &bad);
		total += (long)bad;
	}
	is(total, 0, "4 threads mapping and unmapping 300 views each: every view aligned, every unmap TRUE");

	p = MapViewOfFile(shared, FILE_MAP_WRITE, 0, 0, 0);
	pid = fork();
	if (pid == 0) {
		MEMORY_BASIC_INFORMATION m;

		/* the child has the parent's views, and the registry with them */
		_exit(vq(p, &m) && m.Type == MEM_MAPPED && UnmapViewOfFile(p) &&
		      vq(p, &m) && m.State == MEM_FREE ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "a forked child queries and unmaps the view it inherited");
	ok(UnmapViewOfFile(p), "the parent's view is still its own to unmap");
	CloseHandle(shared);
}

int main(void)
{
	granularity();
	sizes();
	protections();
	handles();
	coherence_and_flush();
	truncate_mapped();
	unmap();
	lifetime_and_query();
	threads_and_fork();
	return tap_done();
}
