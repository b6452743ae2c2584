/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winsync.h - libntsection's named synchronisation objects, the ones
 * shared-memory programs pair with their file mapping: mutexes, events
 * and semaphores, and WaitForSingleObject.  Included by winsection.h;
 * see winsync(3).
 *
 * Each object is a one-page pagefile section (named in the same namespace
 * as file mappings, so names, lifetime, permissions and
 * ERROR_ALREADY_EXISTS follow the section rules) whose first bytes carry
 * a type tag; waiting is a shared futex on a word in it, and a mutex is a
 * process-shared robust one (a dead owner's mutex is WAIT_ABANDONED).
 * WaitForMultipleObjects is not provided (that is the kernel's ntsync
 * driver's job).
 *
 * Names: the W functions take NUL-terminated UTF-16 (WCHAR, 16 bits) and
 * convert it to UTF-8, the byte names of the A functions.
 */
#ifndef LIBNTSECTION_WINSYNC_H
#define LIBNTSECTION_WINSYNC_H

#ifdef __cplusplus
extern "C" {
#endif

/* WaitForSingleObject's results and timeout */
#ifndef INFINITE
#define INFINITE		0xFFFFFFFF
#endif
#ifndef WAIT_OBJECT_0
#define WAIT_OBJECT_0		0x00000000
#endif
#ifndef WAIT_ABANDONED
#define WAIT_ABANDONED		0x00000080
#endif
#ifndef WAIT_TIMEOUT
#define WAIT_TIMEOUT		0x00000102
#endif
#ifndef WAIT_FAILED
#define WAIT_FAILED		((DWORD)0xFFFFFFFF)
#endif

/* The errors the objects add */
#ifndef ERROR_NOT_OWNER
#define ERROR_NOT_OWNER		288
#endif
#ifndef ERROR_TOO_MANY_POSTS
#define ERROR_TOO_MANY_POSTS	298
#endif

/* Access rights (accepted by Open*, not enforced: see winsync(3)) */
#ifndef MUTEX_MODIFY_STATE
#define MUTEX_MODIFY_STATE	0x0001
#define MUTEX_ALL_ACCESS	0x001F0001
#define EVENT_MODIFY_STATE	0x0002
#define EVENT_ALL_ACCESS	0x001F0003
#define SEMAPHORE_MODIFY_STATE	0x0002
#define SEMAPHORE_ALL_ACCESS	0x001F0003
#endif

/* Mutexes */
HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes,
			   BOOL bInitialOwner, LPCSTR lpName);
HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes,
			   BOOL bInitialOwner, const WCHAR *lpName);
HANDLE WINAPI OpenMutexA(DWORD dwDesiredAccess, BOOL bInheritHandle,
			 LPCSTR lpName);
HANDLE WINAPI OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle,
			 const WCHAR *lpName);
BOOL WINAPI ReleaseMutex(HANDLE hMutex);

/* Events */
HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes,
			   BOOL bManualReset, BOOL bInitialState,
			   LPCSTR lpName);
HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes,
			   BOOL bManualReset, BOOL bInitialState,
			   const WCHAR *lpName);
HANDLE WINAPI OpenEventA(DWORD dwDesiredAccess, BOOL bInheritHandle,
			 LPCSTR lpName);
HANDLE WINAPI OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle,
			 const WCHAR *lpName);
BOOL WINAPI SetEvent(HANDLE hEvent);
BOOL WINAPI ResetEvent(HANDLE hEvent);

/* Semaphores */
HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes,
			       LONG lInitialCount, LONG lMaximumCount,
			       LPCSTR lpName);
HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes,
			       LONG lInitialCount, LONG lMaximumCount,
			       const WCHAR *lpName);
HANDLE WINAPI OpenSemaphoreA(DWORD dwDesiredAccess, BOOL bInheritHandle,
			     LPCSTR lpName);
HANDLE WINAPI OpenSemaphoreW(DWORD dwDesiredAccess, BOOL bInheritHandle,
			     const WCHAR *lpName);
BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount,
			     LONG *lpPreviousCount);

/* Waiting: a mutex, event or semaphore handle; dwMilliseconds or INFINITE */
DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);

/* The generic names follow UNICODE, as in windows.h */
#ifndef LIBNTSECTION_NO_UNICODE_ALIASES
#ifdef UNICODE
#define CreateMutex		CreateMutexW
#define OpenMutex		OpenMutexW
#define CreateEvent		CreateEventW
#define OpenEvent		OpenEventW
#define CreateSemaphore		CreateSemaphoreW
#define OpenSemaphore		OpenSemaphoreW
#else
#define CreateMutex		CreateMutexA
#define OpenMutex		OpenMutexA
#define CreateEvent		CreateEventA
#define OpenEvent		OpenEventA
#define CreateSemaphore		CreateSemaphoreA
#define OpenSemaphore		OpenSemaphoreA
#endif
#endif

#ifdef __cplusplus
}
#endif

#endif /* LIBNTSECTION_WINSYNC_H */
