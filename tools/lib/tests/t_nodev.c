// SPDX-License-Identifier: GPL-2.0
/*
 * t_nodev.c - the Win32 layer without the module: run.sh runs it while
 * ntsection.ko is unloaded (no /dev/ntsection).  Every call that needs the
 * device fails with ERROR_NOT_SUPPORTED (STATUS_NOT_SUPPORTED natively),
 * as winsection(3) says; what needs no device (private VirtualAlloc
 * memory, the last error) still works.
 */
#include <unistd.h>

#include "wintest.h"

int main(void)
{
	LARGE_INTEGER size;
	HANDLE h = NULL;
	NTSTATUS st;
	char *p;

	if (!access("/dev/ntsection", F_OK)) {
		skip("/dev/ntsection exists", "run only without the module");
		return tap_done();
	}
	fails(!CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
				  4096, NULL), ERROR_NOT_SUPPORTED,
	      "no module: CreateFileMappingA fails with ERROR_NOT_SUPPORTED");
	fails(!CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
				  4096, "nodev"), ERROR_NOT_SUPPORTED,
	      "no module: a named CreateFileMappingA fails with ERROR_NOT_SUPPORTED");
	fails(!OpenFileMappingA(FILE_MAP_READ, FALSE, "nodev"),
	      ERROR_NOT_SUPPORTED,
	      "no module: OpenFileMappingA fails with ERROR_NOT_SUPPORTED");
	size.QuadPart = 4096;
	st = NtCreateSection(&h, SECTION_ALL_ACCESS, NULL, &size,
			     PAGE_READWRITE, SEC_COMMIT, NULL);
	is(st, STATUS_NOT_SUPPORTED,
	   "no module: NtCreateSection returns STATUS_NOT_SUPPORTED");
	p = VirtualAlloc(NULL, 65536, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	ok(p && (p[0] = 1) && VirtualFree(p, 0, MEM_RELEASE),
	   "no module: private VirtualAlloc memory still works");
	return tap_done();
}
