/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winplaceholder.h - placeholders, Windows 10's way of owning a range of
 * address space and filling it piece by piece with views (the "magic ring
 * buffer", emulators' guest address spaces): VirtualAlloc2,
 * MapViewOfFile3, UnmapViewOfFile2 and UnmapViewOfFileEx, and the
 * placeholder forms of VirtualFree.  winsection.h includes this header;
 * see winplaceholder(3) for what differs from Windows.
 */
#ifndef LIBNTSECTION_WINPLACEHOLDER_H
#define LIBNTSECTION_WINPLACEHOLDER_H

#include "winsection.h"

#ifdef __cplusplus
extern "C" {
#endif

/* AllocationType of VirtualAlloc2 and MapViewOfFile3 */
#define MEM_REPLACE_PLACEHOLDER		0x00004000
#define MEM_RESERVE_PLACEHOLDER		0x00040000
/* UnmapFlags of UnmapViewOfFile2 and UnmapViewOfFileEx */
#define MEM_UNMAP_WITH_TRANSIENT_BOOST	0x00000001
/* MEM_PRESERVE_PLACEHOLDER and MEM_COALESCE_PLACEHOLDERS: winsection.h */

/*
 * The extended parameters: accepted only as none (a NULL array or a
 * ParameterCount of 0); any parameter is ERROR_NOT_SUPPORTED.
 */
__extension__ typedef struct MEM_EXTENDED_PARAMETER {
	__extension__ struct {
		DWORD64 Type : 8;
		DWORD64 Reserved : 56;
	};
	__extension__ union {
		DWORD64 ULong64;
		PVOID Pointer;
		SIZE_T Size;
		HANDLE Handle;
		DWORD ULong;
	};
} MEM_EXTENDED_PARAMETER, *PMEM_EXTENDED_PARAMETER;

/* Process: NULL or GetCurrentProcess(); Offset is ULONG64 on Windows */
PVOID WINAPI VirtualAlloc2(HANDLE Process, PVOID BaseAddress, SIZE_T Size,
			   ULONG AllocationType, ULONG PageProtection,
			   MEM_EXTENDED_PARAMETER *ExtendedParameters,
			   ULONG ParameterCount);
PVOID WINAPI MapViewOfFile3(HANDLE FileMapping, HANDLE Process,
			    PVOID BaseAddress, DWORD64 Offset,
			    SIZE_T ViewSize, ULONG AllocationType,
			    ULONG PageProtection,
			    MEM_EXTENDED_PARAMETER *ExtendedParameters,
			    ULONG ParameterCount);
BOOL WINAPI UnmapViewOfFile2(HANDLE Process, PVOID BaseAddress,
			     ULONG UnmapFlags);
BOOL WINAPI UnmapViewOfFileEx(PVOID BaseAddress, ULONG UnmapFlags);

#ifdef __cplusplus
}
#endif

#endif /* LIBNTSECTION_WINPLACEHOLDER_H */
