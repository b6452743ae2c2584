/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winsection.h - libntsection's Win32 layer: the names, types, values and
 * functions Windows code uses around file mappings, so that such code
 * builds on Linux with few changes.  Every value is the Windows one.
 *
 * Handles: a HANDLE stands for a Linux fd (section handles are ntsection
 * handles, file handles are ordinary fds): see ntsection_handle_to_fd()
 * and ntsection_fd_to_handle().  NULL and INVALID_HANDLE_VALUE are never
 * valid handles; GetCurrentProcess() is the pseudo-handle (HANDLE)-1.
 *
 * SECURITY_ATTRIBUTES: nLength is not checked; bInheritHandle is honoured
 * (the fd stays open across execve(2)); a non-NULL lpSecurityDescriptor is
 * refused with ERROR_INVALID_PARAMETER (there are no Windows security
 * descriptors here; a section's mode is set with ntsection_set_owner() or
 * ntsectionctl).  New named sections get mode 0600.
 *
 * Errors: functions set the calling thread's last error (GetLastError) from
 * one errno-to-Win32 table (tools/lib/win32/errors.c).  See libntsection(3) for
 * what differs from Windows.
 */
#ifndef LIBNTSECTION_WINSECTION_H
#define LIBNTSECTION_WINSECTION_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WINAPI
#define WINAPI
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef VOID
#define VOID void
#endif

/*
 * The scalar types of basetsd.h, windef.h and winnt.h, with Windows'
 * sizes (LP64: LONG and DWORD are 32-bit; LONGLONG is long long so that
 * %lld and %llu print it without warnings).  WCHAR is Windows' 16-bit
 * character: uint16_t in C (the type of C11's u"" literals), char16_t in
 * C++ (the type of u"" there).  L"" literals are wchar_t, 32-bit on Linux
 * unless built with -fshort-wchar: use TEXT()/_T() (u"" under UNICODE).
 */
typedef int BOOL;
typedef unsigned char BOOLEAN;
typedef uint8_t BYTE;
typedef uint16_t WORD;
typedef uint32_t DWORD;
typedef int INT;
typedef unsigned int UINT;
typedef short SHORT;
typedef unsigned short USHORT;
typedef unsigned char UCHAR;
typedef int32_t LONG;
typedef uint32_t ULONG;
__extension__ typedef long long LONGLONG;
__extension__ typedef unsigned long long ULONGLONG;
__extension__ typedef unsigned long long DWORDLONG;
__extension__ typedef unsigned long long DWORD64;
typedef signed char INT8;
typedef unsigned char UINT8;
typedef short INT16;
typedef unsigned short UINT16;
typedef int INT32;
typedef unsigned int UINT32;
__extension__ typedef long long INT64;
__extension__ typedef unsigned long long UINT64;
typedef int LONG32;
typedef unsigned int ULONG32, DWORD32;
__extension__ typedef long long LONG64;
__extension__ typedef unsigned long long ULONG64;
typedef intptr_t INT_PTR;
typedef uintptr_t UINT_PTR;
typedef uintptr_t ULONG_PTR;
typedef uintptr_t DWORD_PTR;
typedef intptr_t LONG_PTR;
typedef size_t SIZE_T;
typedef intptr_t SSIZE_T;
typedef SIZE_T *PSIZE_T;
typedef float FLOAT;
typedef char CHAR;
#ifdef __cplusplus
typedef char16_t WCHAR;
#else
typedef uint16_t WCHAR;
#endif
typedef WCHAR *PWSTR, *LPWSTR, *PWCHAR, *LPWCH;
typedef const WCHAR *PCWSTR, *LPCWSTR, *LPCWCH;
typedef ULONG ACCESS_MASK;
typedef int32_t NTSTATUS;
typedef void *PVOID;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef void *HANDLE;
typedef HANDLE *PHANDLE, *LPHANDLE;
typedef HANDLE HMODULE, HINSTANCE, HWND, HGLOBAL, HLOCAL;
typedef char *LPSTR, *PSTR, *PCHAR, *LPCH;
typedef const char *LPCSTR, *PCSTR, *LPCCH;
typedef BOOL *LPBOOL, *PBOOL;
typedef BYTE *LPBYTE, *PBYTE;
typedef BOOLEAN *PBOOLEAN;
typedef UCHAR *PUCHAR;
typedef WORD *LPWORD, *PWORD;
typedef SHORT *PSHORT;
typedef USHORT *PUSHORT;
typedef INT *LPINT, *PINT;
typedef UINT *PUINT;
typedef DWORD *LPDWORD, *PDWORD;
typedef LONG *PLONG, *LPLONG;
typedef ULONG *PULONG;
typedef LONGLONG *PLONGLONG;
typedef ULONGLONG *PULONGLONG;
typedef DWORD64 *PDWORD64;
typedef ULONG_PTR *PULONG_PTR;
typedef DWORD_PTR *PDWORD_PTR;

/* TCHAR and the generic strings: WCHAR under UNICODE, else CHAR */
#ifdef UNICODE
typedef WCHAR TCHAR, TBYTE;
#define __TEXT(quote)	u ## quote
#else
typedef char TCHAR, TBYTE;
#define __TEXT(quote)	quote
#endif
typedef TCHAR *LPTSTR, *PTSTR, *PTCHAR;
typedef const TCHAR *LPCTSTR, *PCTSTR;
#define TEXT(quote)	__TEXT(quote)

/*
 * LowPart/HighPart both directly (the anonymous struct Windows code uses)
 * and through u, as in winnt.h.
 */
typedef union _LARGE_INTEGER {
	__extension__ struct {
		DWORD LowPart;
		LONG HighPart;
	};
	struct {
		DWORD LowPart;
		LONG HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
	__extension__ struct {
		DWORD LowPart;
		DWORD HighPart;
	};
	struct {
		DWORD LowPart;
		DWORD HighPart;
	} u;
	ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

#ifndef TRUE
#define TRUE	1
#endif
#ifndef FALSE
#define FALSE	0
#endif

#define INVALID_HANDLE_VALUE	((HANDLE)(LONG_PTR)-1)
#define INVALID_FILE_SIZE	((DWORD)0xFFFFFFFF)
#define INVALID_SET_FILE_POINTER ((DWORD)-1)
#define MAX_PATH		260
#define INFINITE		0xFFFFFFFF	/* a timeout that never ends */
#define INVALID_FILE_ATTRIBUTES	((DWORD)-1)

/* minwindef.h's word and byte macros, winnt.h's helpers */
#define MAKEWORD(a, b)	((WORD)(((BYTE)((DWORD_PTR)(a) & 0xff)) | \
			 ((WORD)((BYTE)((DWORD_PTR)(b) & 0xff))) << 8))
#define MAKELONG(a, b)	((LONG)(((WORD)((DWORD_PTR)(a) & 0xffff)) | \
			 ((DWORD)((WORD)((DWORD_PTR)(b) & 0xffff))) << 16))
#define LOWORD(l)	((WORD)((DWORD_PTR)(l) & 0xffff))
#define HIWORD(l)	((WORD)((DWORD_PTR)(l) >> 16))
#define LOBYTE(w)	((BYTE)((DWORD_PTR)(w) & 0xff))
#define HIBYTE(w)	((BYTE)((DWORD_PTR)(w) >> 8))
#define ARRAYSIZE(a)	(sizeof(a) / sizeof((a)[0]))
#ifndef _countof
#define _countof(a)	ARRAYSIZE(a)
#endif
#define UNREFERENCED_PARAMETER(p)	((void)(p))
#define CopyMemory(d, s, n)	memcpy((d), (s), (n))
#define MoveMemory(d, s, n)	memmove((d), (s), (n))
#define FillMemory(d, n, f)	memset((d), (f), (n))
#define ZeroMemory(d, n)	memset((d), 0, (n))
#define RtlCopyMemory		CopyMemory
#define RtlMoveMemory		MoveMemory
#define RtlFillMemory		FillMemory
#define RtlZeroMemory		ZeroMemory
#define SecureZeroMemory(d, n)	memset((d), 0, (n))

/* Page protections */
#define PAGE_NOACCESS		0x01
#define PAGE_READONLY		0x02
#define PAGE_READWRITE		0x04
#define PAGE_WRITECOPY		0x08
#define PAGE_EXECUTE		0x10
#define PAGE_EXECUTE_READ	0x20
#define PAGE_EXECUTE_READWRITE	0x40
#define PAGE_EXECUTE_WRITECOPY	0x80
#define PAGE_GUARD		0x100
#define PAGE_NOCACHE		0x200
#define PAGE_WRITECOMBINE	0x400

/* Section attributes, ORed into CreateFileMapping's flProtect */
#define SEC_FILE		0x00800000
#define SEC_IMAGE		0x01000000
#define SEC_PROTECTED_IMAGE	0x02000000
#define SEC_RESERVE		0x04000000
#define SEC_COMMIT		0x08000000
#define SEC_NOCACHE		0x10000000
#define SEC_WRITECOMBINE	0x40000000
#define SEC_LARGE_PAGES		0x80000000

/* Standard and generic access rights */
#define DELETE			0x00010000
#define READ_CONTROL		0x00020000
#define WRITE_DAC		0x00040000
#define WRITE_OWNER		0x00080000
#define SYNCHRONIZE		0x00100000
#define STANDARD_RIGHTS_REQUIRED 0x000F0000
#define GENERIC_READ		0x80000000
#define GENERIC_WRITE		0x40000000
#define GENERIC_EXECUTE		0x20000000
#define GENERIC_ALL		0x10000000

/* Section access rights and the FILE_MAP_* view accesses */
#define SECTION_QUERY		0x0001
#define SECTION_MAP_WRITE	0x0002
#define SECTION_MAP_READ	0x0004
#define SECTION_MAP_EXECUTE	0x0008
#define SECTION_EXTEND_SIZE	0x0010
#define SECTION_MAP_EXECUTE_EXPLICIT 0x0020
#define SECTION_ALL_ACCESS	(STANDARD_RIGHTS_REQUIRED | SECTION_QUERY | \
				 SECTION_MAP_WRITE | SECTION_MAP_READ | \
				 SECTION_MAP_EXECUTE | SECTION_EXTEND_SIZE)
#define FILE_MAP_COPY		SECTION_QUERY
#define FILE_MAP_WRITE		SECTION_MAP_WRITE
#define FILE_MAP_READ		SECTION_MAP_READ
#define FILE_MAP_ALL_ACCESS	SECTION_ALL_ACCESS
#define FILE_MAP_EXECUTE	SECTION_MAP_EXECUTE_EXPLICIT
#define FILE_MAP_LARGE_PAGES	0x20000000

/* Memory states and types (VirtualQuery), allocation and free types */
#define MEM_COMMIT		0x00001000
#define MEM_RESERVE		0x00002000
#define MEM_DECOMMIT		0x00004000
#define MEM_RELEASE		0x00008000
#define MEM_RESET		0x00080000
#define MEM_TOP_DOWN		0x00100000
#define MEM_WRITE_WATCH		0x00200000
#define MEM_PHYSICAL		0x00400000
#define MEM_RESET_UNDO		0x01000000
#define MEM_LARGE_PAGES		0x20000000
#define MEM_COALESCE_PLACEHOLDERS 0x00000001
#define MEM_PRESERVE_PLACEHOLDER 0x00000002
#define MEM_FREE		0x00010000
#define MEM_PRIVATE		0x00020000
#define MEM_MAPPED		0x00040000
#define MEM_IMAGE		0x01000000

/* File access rights, sharing, dispositions, attributes */
#define FILE_READ_DATA		0x0001
#define FILE_WRITE_DATA		0x0002
#define FILE_APPEND_DATA	0x0004
#define FILE_EXECUTE		0x0020
#define FILE_SHARE_READ		0x00000001
#define FILE_SHARE_WRITE	0x00000002
#define FILE_SHARE_DELETE	0x00000004
#define CREATE_NEW		1
#define CREATE_ALWAYS		2
#define OPEN_EXISTING		3
#define OPEN_ALWAYS		4
#define TRUNCATE_EXISTING	5
#define FILE_ATTRIBUTE_READONLY	0x00000001
#define FILE_ATTRIBUTE_NORMAL	0x00000080
#define FILE_ATTRIBUTE_TEMPORARY 0x00000100
#define FILE_FLAG_WRITE_THROUGH	0x80000000
#define FILE_FLAG_RANDOM_ACCESS	0x10000000
#define FILE_FLAG_SEQUENTIAL_SCAN 0x08000000
#define FILE_BEGIN		0
#define FILE_CURRENT		1
#define FILE_END		2

/* DuplicateHandle options */
#define DUPLICATE_CLOSE_SOURCE	0x00000001
#define DUPLICATE_SAME_ACCESS	0x00000002

/* Win32 error codes */
#define ERROR_SUCCESS		0
#define NO_ERROR		0
#define ERROR_INVALID_FUNCTION	1
#define ERROR_FILE_NOT_FOUND	2
#define ERROR_PATH_NOT_FOUND	3
#define ERROR_TOO_MANY_OPEN_FILES 4
#define ERROR_ACCESS_DENIED	5
#define ERROR_INVALID_HANDLE	6
#define ERROR_NOT_ENOUGH_MEMORY	8
#define ERROR_OUTOFMEMORY	14
#define ERROR_WRITE_PROTECT	19
#define ERROR_GEN_FAILURE	31
#define ERROR_SHARING_VIOLATION	32
#define ERROR_HANDLE_EOF	38
#define ERROR_NOT_SUPPORTED	50
#define ERROR_FILE_EXISTS	80
#define ERROR_INVALID_PARAMETER	87
#define ERROR_BROKEN_PIPE	109
#define ERROR_DISK_FULL		112
#define ERROR_CALL_NOT_IMPLEMENTED 120
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_INVALID_NAME	123
#define ERROR_NEGATIVE_SEEK	131
#define ERROR_DIR_NOT_EMPTY	145
#define ERROR_BAD_EXE_FORMAT	193
#define ERROR_FILENAME_EXCED_RANGE 206
#define ERROR_ALREADY_EXISTS	183
#define ERROR_BAD_PATHNAME	161
#define ERROR_NOACCESS		998
#define ERROR_INVALID_ADDRESS	487
#define ERROR_FILE_INVALID	1006
#define ERROR_IO_DEVICE		1117
#define ERROR_MAPPED_ALIGNMENT	1132
#define ERROR_USER_MAPPED_FILE	1224
#define ERROR_PRIVILEGE_NOT_HELD 1314
#define ERROR_NO_SYSTEM_RESOURCES 1450
#define ERROR_COMMITMENT_LIMIT	1455
#define ERROR_BAD_LENGTH	24
#define ERROR_MR_MID_NOT_FOUND	317
#define ERROR_NO_UNICODE_TRANSLATION 1113

/* NTSTATUS values the Nt* functions return (RtlNtStatusToDosError maps them) */
#define STATUS_SUCCESS			((NTSTATUS)0x00000000)
#define STATUS_OBJECT_NAME_EXISTS	((NTSTATUS)0x40000000)
#define STATUS_UNSUCCESSFUL		((NTSTATUS)0xC0000001)
#define STATUS_INVALID_INFO_CLASS	((NTSTATUS)0xC0000003)
#define STATUS_INFO_LENGTH_MISMATCH	((NTSTATUS)0xC0000004)
#define STATUS_ACCESS_VIOLATION		((NTSTATUS)0xC0000005)
#define STATUS_INVALID_HANDLE		((NTSTATUS)0xC0000008)
#define STATUS_INVALID_PARAMETER	((NTSTATUS)0xC000000D)
#define STATUS_NO_MEMORY		((NTSTATUS)0xC0000017)
#define STATUS_CONFLICTING_ADDRESSES	((NTSTATUS)0xC0000018)
#define STATUS_NOT_MAPPED_VIEW		((NTSTATUS)0xC0000019)
#define STATUS_UNABLE_TO_FREE_VM	((NTSTATUS)0xC000001A)
#define STATUS_UNABLE_TO_DELETE_SECTION	((NTSTATUS)0xC000001B)
#define STATUS_INVALID_VIEW_SIZE	((NTSTATUS)0xC000001F)
#define STATUS_INVALID_FILE_FOR_SECTION	((NTSTATUS)0xC0000020)
#define STATUS_ALREADY_COMMITTED	((NTSTATUS)0xC0000021)
#define STATUS_ACCESS_DENIED		((NTSTATUS)0xC0000022)
#define STATUS_OBJECT_TYPE_MISMATCH	((NTSTATUS)0xC0000024)
#define STATUS_NOT_COMMITTED		((NTSTATUS)0xC000002D)
#define STATUS_OBJECT_NAME_INVALID	((NTSTATUS)0xC0000033)
#define STATUS_OBJECT_NAME_NOT_FOUND	((NTSTATUS)0xC0000034)
#define STATUS_OBJECT_NAME_COLLISION	((NTSTATUS)0xC0000035)
#define STATUS_OBJECT_PATH_SYNTAX_BAD	((NTSTATUS)0xC000003B)
#define STATUS_SECTION_TOO_BIG		((NTSTATUS)0xC0000040)
#define STATUS_SHARING_VIOLATION	((NTSTATUS)0xC0000043)
#define STATUS_INVALID_PAGE_PROTECTION	((NTSTATUS)0xC0000045)
#define STATUS_SECTION_NOT_IMAGE	((NTSTATUS)0xC0000049)
#define STATUS_SECTION_PROTECTION	((NTSTATUS)0xC000004E)
#define STATUS_PRIVILEGE_NOT_HELD	((NTSTATUS)0xC0000061)
#define STATUS_DISK_FULL		((NTSTATUS)0xC000007F)
#define STATUS_INSUFFICIENT_RESOURCES	((NTSTATUS)0xC000009A)
#define STATUS_FREE_VM_NOT_AT_BASE	((NTSTATUS)0xC000009F)
#define STATUS_MEMORY_NOT_ALLOCATED	((NTSTATUS)0xC00000A0)
#define STATUS_MEDIA_WRITE_PROTECTED	((NTSTATUS)0xC00000A2)
#define STATUS_NOT_SUPPORTED		((NTSTATUS)0xC00000BB)
#define STATUS_INVALID_PARAMETER_1	((NTSTATUS)0xC00000EF)
#define STATUS_INVALID_PARAMETER_2	((NTSTATUS)0xC00000F0)
#define STATUS_INVALID_PARAMETER_3	((NTSTATUS)0xC00000F1)
#define STATUS_INVALID_PARAMETER_4	((NTSTATUS)0xC00000F2)
#define STATUS_INVALID_PARAMETER_5	((NTSTATUS)0xC00000F3)
#define STATUS_INVALID_PARAMETER_6	((NTSTATUS)0xC00000F4)
#define STATUS_INVALID_PARAMETER_7	((NTSTATUS)0xC00000F5)
#define STATUS_INVALID_PARAMETER_8	((NTSTATUS)0xC00000F6)
#define STATUS_INVALID_PARAMETER_9	((NTSTATUS)0xC00000F7)
#define STATUS_INVALID_PARAMETER_10	((NTSTATUS)0xC00000F8)
#define STATUS_NAME_TOO_LONG		((NTSTATUS)0xC0000106)
#define STATUS_MAPPED_FILE_SIZE_ZERO	((NTSTATUS)0xC000011E)
#define STATUS_TOO_MANY_OPENED_FILES	((NTSTATUS)0xC000011F)
#define STATUS_COMMITMENT_LIMIT		((NTSTATUS)0xC000012D)
#define STATUS_INVALID_ADDRESS		((NTSTATUS)0xC0000141)
#define STATUS_IO_DEVICE_ERROR		((NTSTATUS)0xC0000185)
#define STATUS_MAPPED_ALIGNMENT		((NTSTATUS)0xC0000220)
#define STATUS_USER_MAPPED_FILE		((NTSTATUS)0xC0000243)
#define NT_SUCCESS(s)			((NTSTATUS)(s) >= 0)

/*
 * The native section API's types.  Object names are UNICODE_STRINGs of
 * UTF-16 (WCHAR) as in ntdll; an absolute name under \BaseNamedObjects\
 * (or \Sessions\N\BaseNamedObjects\) is the name CreateFileMappingA
 * gives without that prefix, so both APIs meet on one section.
 */
typedef struct _UNICODE_STRING {
	USHORT Length;		/* bytes, without a terminating NUL */
	USHORT MaximumLength;
	PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

#define OBJ_INHERIT		0x00000002
#define OBJ_OPENIF		0x00000080

typedef struct _OBJECT_ATTRIBUTES {
	ULONG Length;
	HANDLE RootDirectory;	/* must be NULL: no directory objects */
	PUNICODE_STRING ObjectName;
	ULONG Attributes;	/* OBJ_INHERIT, OBJ_OPENIF */
	PVOID SecurityDescriptor;	/* must be NULL */
	PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;

#define InitializeObjectAttributes(p, n, a, r, s) do {	\
	(p)->Length = sizeof(OBJECT_ATTRIBUTES);	\
	(p)->RootDirectory = (r);			\
	(p)->Attributes = (a);				\
	(p)->ObjectName = (n);				\
	(p)->SecurityDescriptor = (s);			\
	(p)->SecurityQualityOfService = NULL;		\
} while (0)

typedef enum _SECTION_INHERIT {
	ViewShare = 1,		/* a child process inherits the view */
	ViewUnmap = 2		/* it does not (MADV_DONTFORK) */
} SECTION_INHERIT;

typedef struct _SECURITY_ATTRIBUTES {
	DWORD nLength;
	LPVOID lpSecurityDescriptor;
	BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

typedef struct _MEMORY_BASIC_INFORMATION {
	PVOID BaseAddress;
	PVOID AllocationBase;
	DWORD AllocationProtect;
	WORD PartitionId;
	SIZE_T RegionSize;
	DWORD State;
	DWORD Protect;
	DWORD Type;
} MEMORY_BASIC_INFORMATION, *PMEMORY_BASIC_INFORMATION;

typedef enum _MEMORY_INFORMATION_CLASS {
	MemoryBasicInformation = 0,
	MemoryRegionInformation = 3
} MEMORY_INFORMATION_CLASS;

/* RegionType bits of MEMORY_REGION_INFORMATION */
#define MEMORY_REGION_PRIVATE		0x1
#define MEMORY_REGION_MAPPED_DATA_FILE	0x2
#define MEMORY_REGION_MAPPED_PAGE_FILE	0x8
#define MEMORY_REGION_PAGE_SIZE_LARGE	0x800	/* PageSizeLarge */

/*
 * MemoryRegionInformation: the allocation (a view, or a reservation of
 * VirtualAlloc) around an address.  Buffers of the older 32-byte layout
 * (without PartitionId and NodePreference) are accepted.
 */
typedef struct _MEMORY_REGION_INFORMATION {
	PVOID AllocationBase;
	ULONG AllocationProtect;
	ULONG RegionType;
	SIZE_T RegionSize;
	SIZE_T CommitSize;
	ULONG_PTR PartitionId;
	ULONG_PTR NodePreference;
} MEMORY_REGION_INFORMATION, *PMEMORY_REGION_INFORMATION;

#define PROCESSOR_ARCHITECTURE_AMD64	9
#define PROCESSOR_AMD_X8664		8664

typedef struct _SYSTEM_INFO {
	__extension__ union {
		DWORD dwOemId;
		__extension__ struct {
			WORD wProcessorArchitecture;
			WORD wReserved;
		};
	};
	DWORD dwPageSize;
	LPVOID lpMinimumApplicationAddress;
	LPVOID lpMaximumApplicationAddress;
	DWORD_PTR dwActiveProcessorMask;
	DWORD dwNumberOfProcessors;
	DWORD dwProcessorType;
	DWORD dwAllocationGranularity;
	WORD wProcessorLevel;
	WORD wProcessorRevision;
} SYSTEM_INFO, *LPSYSTEM_INFO;

typedef enum _SECTION_INFORMATION_CLASS {
	SectionBasicInformation = 0,
	SectionImageInformation = 1
} SECTION_INFORMATION_CLASS;

typedef struct _SECTION_BASIC_INFORMATION {
	PVOID BaseAddress;
	ULONG Attributes;
	LARGE_INTEGER Size;
} SECTION_BASIC_INFORMATION, *PSECTION_BASIC_INFORMATION;

/* The size of Windows' SECTION_IMAGE_INFORMATION on x64 (never filled). */
#define SECTION_IMAGE_INFORMATION_SIZE	64

/* Overlapped I/O is not supported: ReadFile/WriteFile refuse a non-NULL one. */
typedef struct _OVERLAPPED {
	ULONG_PTR Internal;
	ULONG_PTR InternalHigh;
	__extension__ union {
		__extension__ struct {
			DWORD Offset;
			DWORD OffsetHigh;
		};
		PVOID Pointer;
	};
	HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED;

/* Errors */
DWORD WINAPI GetLastError(void);
void WINAPI SetLastError(DWORD dwErrCode);

/* Handles */
HANDLE WINAPI GetCurrentProcess(void);
BOOL WINAPI CloseHandle(HANDLE hObject);
BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle,
			    HANDLE hSourceHandle,
			    HANDLE hTargetProcessHandle,
			    LPHANDLE lpTargetHandle, DWORD dwDesiredAccess,
			    BOOL bInheritHandle, DWORD dwOptions);
/* The bridge: the fd behind a HANDLE (-1 if none), the HANDLE of an fd. */
int ntsection_handle_to_fd(HANDLE h);
HANDLE ntsection_fd_to_handle(int fd);

/* Sections and views */
HANDLE WINAPI CreateFileMappingA(HANDLE hFile,
				 LPSECURITY_ATTRIBUTES lpAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh,
				 DWORD dwMaximumSizeLow, LPCSTR lpName);
HANDLE WINAPI OpenFileMappingA(DWORD dwDesiredAccess, BOOL bInheritHandle,
			       LPCSTR lpName);
LPVOID WINAPI MapViewOfFile(HANDLE hFileMappingObject,
			    DWORD dwDesiredAccess, DWORD dwFileOffsetHigh,
			    DWORD dwFileOffsetLow,
			    SIZE_T dwNumberOfBytesToMap);
LPVOID WINAPI MapViewOfFileEx(HANDLE hFileMappingObject,
			      DWORD dwDesiredAccess, DWORD dwFileOffsetHigh,
			      DWORD dwFileOffsetLow,
			      SIZE_T dwNumberOfBytesToMap,
			      LPVOID lpBaseAddress);
BOOL WINAPI UnmapViewOfFile(LPCVOID lpBaseAddress);
BOOL WINAPI FlushViewOfFile(LPCVOID lpBaseAddress,
			    SIZE_T dwNumberOfBytesToFlush);
NTSTATUS WINAPI NtQuerySection(HANDLE SectionHandle,
			       SECTION_INFORMATION_CLASS InformationClass,
			       PVOID InformationBuffer,
			       SIZE_T InformationBufferSize,
			       PSIZE_T ResultLength);

/* The native section API (ntdll); ProcessHandle: GetCurrentProcess() only */
NTSTATUS WINAPI NtCreateSection(PHANDLE SectionHandle,
				ACCESS_MASK DesiredAccess,
				POBJECT_ATTRIBUTES ObjectAttributes,
				PLARGE_INTEGER MaximumSize,
				ULONG SectionPageProtection,
				ULONG AllocationAttributes, HANDLE FileHandle);
NTSTATUS WINAPI NtOpenSection(PHANDLE SectionHandle,
			      ACCESS_MASK DesiredAccess,
			      POBJECT_ATTRIBUTES ObjectAttributes);
NTSTATUS WINAPI NtMapViewOfSection(HANDLE SectionHandle,
				   HANDLE ProcessHandle, PVOID *BaseAddress,
				   ULONG_PTR ZeroBits, SIZE_T CommitSize,
				   PLARGE_INTEGER SectionOffset,
				   PSIZE_T ViewSize,
				   SECTION_INHERIT InheritDisposition,
				   ULONG AllocationType, ULONG Win32Protect);
NTSTATUS WINAPI NtUnmapViewOfSection(HANDLE ProcessHandle,
				     PVOID BaseAddress);
NTSTATUS WINAPI NtExtendSection(HANDLE SectionHandle,
				PLARGE_INTEGER NewSectionSize);
NTSTATUS WINAPI NtClose(HANDLE Handle);
NTSTATUS WINAPI NtQueryVirtualMemory(HANDLE ProcessHandle, PVOID BaseAddress,
				     MEMORY_INFORMATION_CLASS MemoryInformationClass,
				     PVOID MemoryInformation,
				     SIZE_T MemoryInformationLength,
				     PSIZE_T ReturnLength);
ULONG WINAPI RtlNtStatusToDosError(NTSTATUS Status);
void WINAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString,
				 const WCHAR *SourceString);

/* Memory */
LPVOID WINAPI VirtualAlloc(LPVOID lpAddress, SIZE_T dwSize,
			   DWORD flAllocationType, DWORD flProtect);
BOOL WINAPI VirtualFree(LPVOID lpAddress, SIZE_T dwSize, DWORD dwFreeType);
BOOL WINAPI VirtualProtect(LPVOID lpAddress, SIZE_T dwSize,
			   DWORD flNewProtect, PDWORD lpflOldProtect);
SIZE_T WINAPI VirtualQuery(LPCVOID lpAddress,
			   PMEMORY_BASIC_INFORMATION lpBuffer,
			   SIZE_T dwLength);
BOOL WINAPI FlushInstructionCache(HANDLE hProcess, LPCVOID lpBaseAddress,
				  SIZE_T dwSize);
SIZE_T WINAPI GetLargePageMinimum(void);
void WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo);

/* Files */
HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess,
			  DWORD dwShareMode,
			  LPSECURITY_ATTRIBUTES lpSecurityAttributes,
			  DWORD dwCreationDisposition,
			  DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer,
		     DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead,
		     LPOVERLAPPED lpOverlapped);
BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer,
		      DWORD nNumberOfBytesToWrite,
		      LPDWORD lpNumberOfBytesWritten,
		      LPOVERLAPPED lpOverlapped);
DWORD WINAPI SetFilePointer(HANDLE hFile, LONG lDistanceToMove,
			    PLONG lpDistanceToMoveHigh, DWORD dwMoveMethod);
BOOL WINAPI SetEndOfFile(HANDLE hFile);
DWORD WINAPI GetFileSize(HANDLE hFile, LPDWORD lpFileSizeHigh);
BOOL WINAPI FlushFileBuffers(HANDLE hFile);
BOOL WINAPI DeleteFileA(LPCSTR lpFileName);

BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize);
BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove,
			     PLARGE_INTEGER lpNewFilePointer,
			     DWORD dwMoveMethod);

/*
 * Time: Sleep (milliseconds), GetTickCount (ms since boot, wraps after 49
 * days) and GetTickCount64 (does not wrap); process and thread ids.
 */
void WINAPI Sleep(DWORD dwMilliseconds);
DWORD WINAPI GetTickCount(void);
ULONGLONG WINAPI GetTickCount64(void);
DWORD WINAPI GetCurrentProcessId(void);
DWORD WINAPI GetCurrentThreadId(void);

/*
 * UNICODE: the W functions take UTF-16 and convert names to UTF-8 (the
 * kernel's and Linux's byte names; lossless), then do what the A
 * function does; an unpaired surrogate is ERROR_INVALID_NAME.  The A
 * functions take UTF-8: the ANSI code page is UTF-8 here.
 */
HANDLE WINAPI CreateFileMappingW(HANDLE hFile,
				 LPSECURITY_ATTRIBUTES lpAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh,
				 DWORD dwMaximumSizeLow, LPCWSTR lpName);
HANDLE WINAPI OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle,
			       LPCWSTR lpName);
HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess,
			  DWORD dwShareMode,
			  LPSECURITY_ATTRIBUTES lpSecurityAttributes,
			  DWORD dwCreationDisposition,
			  DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
BOOL WINAPI DeleteFileW(LPCWSTR lpFileName);

/* Code pages: all of these are UTF-8 */
#define CP_ACP			0
#define CP_OEMCP		1
#define CP_THREAD_ACP		3
#define CP_UTF8			65001
#define MB_ERR_INVALID_CHARS	0x00000008
#define WC_ERR_INVALID_CHARS	0x00000080
int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags,
			       LPCCH lpMultiByteStr, int cbMultiByte,
			       LPWSTR lpWideCharStr, int cchWideChar);
int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags,
			       LPCWCH lpWideCharStr, int cchWideChar,
			       LPSTR lpMultiByteStr, int cbMultiByte,
			       LPCCH lpDefaultChar, LPBOOL lpUsedDefaultChar);

/* Strings: NULL counts as ""; lstrcmp compares code units (ordinal) */
int WINAPI lstrlenA(LPCSTR lpString);
int WINAPI lstrlenW(LPCWSTR lpString);
int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2);
int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2);
LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2);
LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2);

/*
 * FormatMessage: FORMAT_MESSAGE_FROM_SYSTEM only, Windows' English text
 * of every error code the library sets (else ERROR_MR_MID_NOT_FOUND);
 * inserts are never expanded.  A FORMAT_MESSAGE_ALLOCATE_BUFFER buffer is
 * freed with LocalFree.
 */
#define FORMAT_MESSAGE_ALLOCATE_BUFFER	0x00000100
#define FORMAT_MESSAGE_IGNORE_INSERTS	0x00000200
#define FORMAT_MESSAGE_FROM_STRING	0x00000400
#define FORMAT_MESSAGE_FROM_HMODULE	0x00000800
#define FORMAT_MESSAGE_FROM_SYSTEM	0x00001000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY	0x00002000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK	0x000000FF
#define LANG_NEUTRAL		0x00
#define LANG_ENGLISH		0x09
#define SUBLANG_NEUTRAL		0x00
#define SUBLANG_DEFAULT		0x01
#define MAKELANGID(p, s)	((((WORD)(s)) << 10) | (WORD)(p))
DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource,
			    DWORD dwMessageId, DWORD dwLanguageId,
			    LPSTR lpBuffer, DWORD nSize, va_list *Arguments);
DWORD WINAPI FormatMessageW(DWORD dwFlags, LPCVOID lpSource,
			    DWORD dwMessageId, DWORD dwLanguageId,
			    LPWSTR lpBuffer, DWORD nSize, va_list *Arguments);
HLOCAL WINAPI LocalFree(HLOCAL hMem);

/* The interlocked intrinsics shared-memory code uses (full barriers) */
static __inline__ LONG InterlockedIncrement(LONG volatile *p)
{
	return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static __inline__ LONG InterlockedDecrement(LONG volatile *p)
{
	return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static __inline__ LONG InterlockedExchange(LONG volatile *p, LONG v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
static __inline__ LONG InterlockedCompareExchange(LONG volatile *p, LONG v,
					      LONG cmp)
{
	__atomic_compare_exchange_n(p, &cmp, v, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return cmp;
}
#define MemoryBarrier()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#include "winplaceholder.h"

#include "winsync.h"

/* The generic names follow UNICODE, as in windows.h */
#ifndef LIBNTSECTION_NO_UNICODE_ALIASES
#ifdef UNICODE
#define CreateFileMapping	CreateFileMappingW
#define OpenFileMapping		OpenFileMappingW
#define CreateFile		CreateFileW
#define DeleteFile		DeleteFileW
#define FormatMessage		FormatMessageW
#define lstrlen			lstrlenW
#define lstrcmp			lstrcmpW
#define lstrcpy			lstrcpyW
#else
#define CreateFileMapping	CreateFileMappingA
#define OpenFileMapping		OpenFileMappingA
#define CreateFile		CreateFileA
#define DeleteFile		DeleteFileA
#define FormatMessage		FormatMessageA
#define lstrlen			lstrlenA
#define lstrcmp			lstrcmpA
#define lstrcpy			lstrcpyA
#endif
#endif

#ifdef __cplusplus
}
#endif

#endif /* LIBNTSECTION_WINSECTION_H */
