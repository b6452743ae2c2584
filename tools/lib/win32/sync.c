// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sync.c - named synchronisation objects on sections: CreateMutexA/W,
 * OpenMutexA/W, ReleaseMutex, CreateEventA/W, OpenEventA/W, SetEvent,
 * ResetEvent, CreateSemaphoreA/W, OpenSemaphoreA/W, ReleaseSemaphore and
 * WaitForSingleObject.
 *
 * An object is a one-page pagefile SEC_COMMIT section, named (when a name
 * is given) in the namespace of file mappings, so that a name, its
 * lifetime, its permissions and ERROR_ALREADY_EXISTS follow the section
 * rules, and a mutex and a file mapping cannot share a name (as in
 * Windows' BaseNamedObjects).  The page starts with struct ns_sync: a
 * magic word the creator stores last (an opener that finds it still 0
 * waits up to a second on it, then gives up), the type tag, and the
 * object's state.  Each process maps the page shared (MAP_SHARED) once
 * per handle; the table below finds the mapping of a handle's fd, and
 * CloseHandle unmaps it (libntsection_sync_forget).
 *
 * Waiting is a shared futex (FUTEX_WAIT_BITSET with an absolute
 * CLOCK_MONOTONIC deadline, FUTEX_WAKE; never FUTEX_PRIVATE_FLAG) on
 * ns_sync.word: the signalled state of an event (0 or 1), the count of a
 * semaphore.  A mutex is a glibc process-shared, robust, recursive
 * pthread mutex in the page: its futex word holds the owner's TID and
 * glibc registers it on the thread's robust futex list (set_robust_list),
 * so when the owner dies the kernel sets FUTEX_OWNER_DIED and wakes a
 * waiter, whose lock returns EOWNERDEAD: that is WAIT_ABANDONED, after
 * which the waiter owns the (again consistent) mutex.  Ownership is per
 * thread and recursive, as on Windows; ReleaseMutex by a non-owner is
 * ERROR_NOT_OWNER.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "ntsection.h"
#include "internal.h"

#define NS_SYNC_MAGIC	0x434e5953U	/* "SYNC" */
#define NS_SYNC_SIZE	4096UL

enum ns_sync_type {
	NS_SYNC_ANY = 0,
	NS_SYNC_MUTEX = 1,
	NS_SYNC_EVENT = 2,
	NS_SYNC_SEMAPHORE = 3,
};

/* The first bytes of an object's section. */
struct ns_sync {
	uint32_t magic;		/* NS_SYNC_MAGIC once initialised */
	uint32_t type;		/* enum ns_sync_type */
	uint32_t word;		/* futex: event state, semaphore count */
	uint32_t manual;	/* event: manual reset */
	int32_t max;		/* semaphore: maximum count */
	uint32_t pad[3];
	pthread_mutex_t mutex;	/* mutex: pshared, robust, recursive */
};

/* fd -> its mapped object (NULL: none known yet) */
static struct ns_sync **table;
static int table_len;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static long futex(uint32_t *uaddr, int op, uint32_t val,
		  const struct timespec *ts, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, val3);
}

static void wake(uint32_t *uaddr, int n)
{
	futex(uaddr, FUTEX_WAKE, n, NULL, 0);
}

/* Wait while *@uaddr is @val, until @deadline (NULL: forever): 0 or ETIMEDOUT */
static int wait_on(uint32_t *uaddr, uint32_t val,
		   const struct timespec *deadline)
{
	if (futex(uaddr, FUTEX_WAIT_BITSET, val, deadline,
		  FUTEX_BITSET_MATCH_ANY) && errno == ETIMEDOUT)
		return ETIMEDOUT;
	return 0;	/* woken, EAGAIN (value changed), EINTR: look again */
}

static void deadline_in(struct timespec *ts, DWORD ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

static int remember(int fd, struct ns_sync *p)
{
	struct ns_sync **t;
	int n;

	pthread_mutex_lock(&table_lock);
	if (fd >= table_len) {
		n = fd + 64;
		t = realloc(table, n * sizeof(*t));
		if (!t) {
			pthread_mutex_unlock(&table_lock);
			return -ENOMEM;
		}
		memset(t + table_len, 0, (n - table_len) * sizeof(*t));
		table = t;
		table_len = n;
	}
	if (table[fd])	/* a stale entry: the fd was closed behind our back */
		munmap(table[fd], NS_SYNC_SIZE);
	table[fd] = p;
	pthread_mutex_unlock(&table_lock);
	return 0;
}

void libntsection_sync_forget(int fd)
{
	pthread_mutex_lock(&table_lock);
	if (fd >= 0 && fd < table_len && table[fd]) {
		munmap(table[fd], NS_SYNC_SIZE);
		table[fd] = NULL;
	}
	pthread_mutex_unlock(&table_lock);
}

/*
 * Map the object of section handle @fd: NULL when it is not one (not a
 * one-page pagefile section, no read/write access, or no magic).  With
 * @patient, a magic still 0 is waited for (up to a second): a creator in
 * another process may not have initialised the object yet.
 */
static struct ns_sync *map_fd(int fd, int patient)
{
	struct ntsection_info info;
	struct timespec dl;
	struct ns_sync *p;
	uint32_t m;

	if (ntsection_query(fd, &info) < 0 || info.size != NS_SYNC_SIZE ||
	    info.dev_major || info.dev_minor)
		return NULL;
	p = mmap(NULL, NS_SYNC_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		 fd, 0);
	if (p == MAP_FAILED)
		return NULL;
	deadline_in(&dl, 1000);
	while (!(m = __atomic_load_n(&p->magic, __ATOMIC_ACQUIRE)) &&
	       patient && !wait_on(&p->magic, 0, &dl))
		;
	if (m != NS_SYNC_MAGIC) {
		munmap(p, NS_SYNC_SIZE);
		return NULL;
	}
	return p;
}

/* The object of @h of type @type (NS_SYNC_ANY: any); NULL and ERROR_INVALID_HANDLE if none. */
static struct ns_sync *get(HANDLE h, int type)
{
	int fd = libntsection_fd(h);
	struct ns_sync *p = NULL;

	if (fd >= 0) {
		pthread_mutex_lock(&table_lock);
		if (fd < table_len)
			p = table[fd];
		pthread_mutex_unlock(&table_lock);
		/* a handle from DuplicateHandle or inherited across execve */
		if (!p && (p = map_fd(fd, 0)) && remember(fd, p)) {
			munmap(p, NS_SYNC_SIZE);
			p = NULL;
		}
	}
	if (!p || (type != NS_SYNC_ANY && p->type != (uint32_t)type)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	return p;
}

/* Initialise a new object's state in @p (the type-specific part). */
struct init {
	int type;
	BOOL owner;		/* mutex: bInitialOwner */
	BOOL manual, state;	/* event */
	LONG count, max;	/* semaphore */
};

static int init_object(struct ns_sync *p, const struct init *in)
{
	pthread_mutexattr_t a;
	int r;

	switch (in->type) {
	case NS_SYNC_MUTEX:
		pthread_mutexattr_init(&a);
		pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
		pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
		pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
		r = pthread_mutex_init(&p->mutex, &a);
		pthread_mutexattr_destroy(&a);
		if (r)
			return r;
		if (in->owner)
			pthread_mutex_lock(&p->mutex);
		break;
	case NS_SYNC_EVENT:
		p->manual = !!in->manual;
		p->word = !!in->state;
		break;
	case NS_SYNC_SEMAPHORE:
		p->max = in->max;
		p->word = (uint32_t)in->count;
		break;
	}
	p->type = in->type;
	__atomic_store_n(&p->magic, NS_SYNC_MAGIC, __ATOMIC_RELEASE);
	wake(&p->magic, INT_MAX);
	return 0;
}

static HANDLE create(LPSECURITY_ATTRIBUTES sa, LPCSTR name,
		     const struct init *in)
{
	struct ns_sync *p;
	NTSTATUS st;
	int fd, r;

	if (sa && sa->lpSecurityDescriptor) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	st = libntsection_create_section(&fd,
			SECTION_QUERY | SECTION_MAP_READ | SECTION_MAP_WRITE,
			name, NS_CREATE_OPENIF |
			(sa && sa->bInheritHandle ? NS_CREATE_INHERIT : 0),
			NS_SYNC_SIZE, PAGE_READWRITE, SEC_COMMIT, -1);
	if (!NT_SUCCESS(st)) {
		libntsection_set_status(st);
		return NULL;
	}
	if (st == STATUS_OBJECT_NAME_EXISTS) {
		/* an existing object: of this type, or a different thing */
		p = map_fd(fd, 1);
		if (!p || p->type != (uint32_t)in->type) {
			if (p)
				munmap(p, NS_SYNC_SIZE);
			close(fd);
			SetLastError(ERROR_INVALID_HANDLE);
			return NULL;
		}
	} else {
		p = mmap(NULL, NS_SYNC_SIZE, PROT_READ | PROT_WRITE,
			 MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			close(fd);
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			return NULL;
		}
		r = init_object(p, in);
		if (r) {
			munmap(p, NS_SYNC_SIZE);
			close(fd);
			libntsection_set_errno(NS_OP_ANY, r);
			return NULL;
		}
	}
	if (remember(fd, p)) {
		munmap(p, NS_SYNC_SIZE);
		close(fd);
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	/* ERROR_ALREADY_EXISTS for an existing object, else 0 */
	SetLastError(RtlNtStatusToDosError(st));
	return ntsection_fd_to_handle(fd);
}

/* Access rights are not checked: a handle can always wait and signal. */
static HANDLE open_object(BOOL inherit, LPCSTR name, int type)
{
	struct ns_sync *p;
	NTSTATUS st;
	int fd;

	if (!name) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	st = libntsection_open_section(&fd, name,
			libntsection_section_access(SECTION_QUERY |
				SECTION_MAP_READ | SECTION_MAP_WRITE),
			inherit);
	if (!NT_SUCCESS(st)) {
		libntsection_set_status(st);
		return NULL;
	}
	p = map_fd(fd, 1);
	if (!p || p->type != (uint32_t)type) {
		if (p)
			munmap(p, NS_SYNC_SIZE);
		close(fd);
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	if (remember(fd, p)) {
		munmap(p, NS_SYNC_SIZE);
		close(fd);
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	return ntsection_fd_to_handle(fd);
}

static HANDLE create_w(LPSECURITY_ATTRIBUTES sa, const WCHAR *name,
		       const struct init *in)
{
	char *n;
	HANDLE h;

	if (libntsection_utf8_name(name, &n))
		return NULL;
	h = create(sa, n, in);
	free(n);
	return h;
}

static HANDLE open_w(BOOL inherit, const WCHAR *name, int type)
{
	char *n;
	HANDLE h;

	if (libntsection_utf8_name(name, &n))
		return NULL;
	h = open_object(inherit, n, type);
	free(n);
	return h;
}

/* Mutexes */

HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes,
			   BOOL bInitialOwner, LPCSTR lpName)
{
	struct init in = { .type = NS_SYNC_MUTEX, .owner = bInitialOwner };

	return create(lpMutexAttributes, lpName, &in);
}

HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes,
			   BOOL bInitialOwner, const WCHAR *lpName)
{
	struct init in = { .type = NS_SYNC_MUTEX, .owner = bInitialOwner };

	return create_w(lpMutexAttributes, lpName, &in);
}

HANDLE WINAPI OpenMutexA(DWORD dwDesiredAccess, BOOL bInheritHandle,
			 LPCSTR lpName)
{
	(void)dwDesiredAccess;
	return open_object(bInheritHandle, lpName, NS_SYNC_MUTEX);
}

HANDLE WINAPI OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle,
			 const WCHAR *lpName)
{
	(void)dwDesiredAccess;
	return open_w(bInheritHandle, lpName, NS_SYNC_MUTEX);
}

BOOL WINAPI ReleaseMutex(HANDLE hMutex)
{
	struct ns_sync *p = get(hMutex, NS_SYNC_MUTEX);
	int r;

	if (!p)
		return FALSE;
	r = pthread_mutex_unlock(&p->mutex);
	if (r) {	/* EPERM: not the owner (or not owned at all) */
		SetLastError(r == EPERM ? ERROR_NOT_OWNER : ERROR_GEN_FAILURE);
		return FALSE;
	}
	return TRUE;
}

/* Events */

HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes,
			   BOOL bManualReset, BOOL bInitialState,
			   LPCSTR lpName)
{
	struct init in = { .type = NS_SYNC_EVENT, .manual = bManualReset,
			   .state = bInitialState };

	return create(lpEventAttributes, lpName, &in);
}

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes,
			   BOOL bManualReset, BOOL bInitialState,
			   const WCHAR *lpName)
{
	struct init in = { .type = NS_SYNC_EVENT, .manual = bManualReset,
			   .state = bInitialState };

	return create_w(lpEventAttributes, lpName, &in);
}

HANDLE WINAPI OpenEventA(DWORD dwDesiredAccess, BOOL bInheritHandle,
			 LPCSTR lpName)
{
	(void)dwDesiredAccess;
	return open_object(bInheritHandle, lpName, NS_SYNC_EVENT);
}

HANDLE WINAPI OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle,
			 const WCHAR *lpName)
{
	(void)dwDesiredAccess;
	return open_w(bInheritHandle, lpName, NS_SYNC_EVENT);
}

BOOL WINAPI SetEvent(HANDLE hEvent)
{
	struct ns_sync *p = get(hEvent, NS_SYNC_EVENT);

	if (!p)
		return FALSE;
	__atomic_store_n(&p->word, 1, __ATOMIC_SEQ_CST);
	/* manual reset releases every waiter, auto reset one */
	wake(&p->word, p->manual ? INT_MAX : 1);
	return TRUE;
}

BOOL WINAPI ResetEvent(HANDLE hEvent)
{
	struct ns_sync *p = get(hEvent, NS_SYNC_EVENT);

	if (!p)
		return FALSE;
	__atomic_store_n(&p->word, 0, __ATOMIC_SEQ_CST);
	return TRUE;
}

/* Semaphores */

static int semaphore_args_ok(LONG count, LONG max)
{
	if (max <= 0 || count < 0 || count > max) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	return 1;
}

HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes,
			       LONG lInitialCount, LONG lMaximumCount,
			       LPCSTR lpName)
{
	struct init in = { .type = NS_SYNC_SEMAPHORE, .count = lInitialCount,
			   .max = lMaximumCount };

	if (!semaphore_args_ok(lInitialCount, lMaximumCount))
		return NULL;
	return create(lpSemaphoreAttributes, lpName, &in);
}

HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes,
			       LONG lInitialCount, LONG lMaximumCount,
			       const WCHAR *lpName)
{
	struct init in = { .type = NS_SYNC_SEMAPHORE, .count = lInitialCount,
			   .max = lMaximumCount };

	if (!semaphore_args_ok(lInitialCount, lMaximumCount))
		return NULL;
	return create_w(lpSemaphoreAttributes, lpName, &in);
}

HANDLE WINAPI OpenSemaphoreA(DWORD dwDesiredAccess, BOOL bInheritHandle,
			     LPCSTR lpName)
{
	(void)dwDesiredAccess;
	return open_object(bInheritHandle, lpName, NS_SYNC_SEMAPHORE);
}

HANDLE WINAPI OpenSemaphoreW(DWORD dwDesiredAccess, BOOL bInheritHandle,
			     const WCHAR *lpName)
{
	(void)dwDesiredAccess;
	return open_w(bInheritHandle, lpName, NS_SYNC_SEMAPHORE);
}

BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount,
			     LONG *lpPreviousCount)
{
	struct ns_sync *p = get(hSemaphore, NS_SYNC_SEMAPHORE);
	uint32_t c;

	if (!p)
		return FALSE;
	if (lReleaseCount <= 0) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	c = __atomic_load_n(&p->word, __ATOMIC_SEQ_CST);
	do {
		if (lReleaseCount > p->max - (LONG)c) {
			SetLastError(ERROR_TOO_MANY_POSTS);
			return FALSE;
		}
	} while (!__atomic_compare_exchange_n(&p->word, &c, c + lReleaseCount,
					      0, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	if (lpPreviousCount)
		*lpPreviousCount = (LONG)c;
	wake(&p->word, lReleaseCount);
	return TRUE;
}

/* Waiting */

static DWORD wait_mutex(struct ns_sync *p, DWORD ms)
{
	struct timespec dl;
	int r;

	if (ms == 0) {
		r = pthread_mutex_trylock(&p->mutex);
	} else if (ms == INFINITE) {
		r = pthread_mutex_lock(&p->mutex);
	} else {
		deadline_in(&dl, ms);
		r = pthread_mutex_clocklock(&p->mutex, CLOCK_MONOTONIC, &dl);
	}
	switch (r) {
	case 0:
		return WAIT_OBJECT_0;
	case EBUSY:
	case ETIMEDOUT:
		return WAIT_TIMEOUT;
	case EOWNERDEAD:	/* the owner died: now ours, and abandoned */
		pthread_mutex_consistent(&p->mutex);
		return WAIT_ABANDONED;
	default:		/* EAGAIN: recursion limit; ENOTRECOVERABLE */
		SetLastError(ERROR_GEN_FAILURE);
		return WAIT_FAILED;
	}
}

/* 1 when the event or semaphore @p was acquired (consumed if not manual). */
static int try_take(struct ns_sync *p)
{
	uint32_t c = __atomic_load_n(&p->word, __ATOMIC_SEQ_CST);

	if (p->type == NS_SYNC_EVENT && p->manual)
		return c != 0;
	while (c) {
		if (__atomic_compare_exchange_n(&p->word, &c,
				p->type == NS_SYNC_EVENT ? 0 : c - 1, 0,
				__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return 1;
	}
	return 0;
}

DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)
{
	struct ns_sync *p = get(hHandle, NS_SYNC_ANY);
	struct timespec dl;

	if (!p)
		return WAIT_FAILED;
	if (p->type == NS_SYNC_MUTEX)
		return wait_mutex(p, dwMilliseconds);
	if (dwMilliseconds != INFINITE)
		deadline_in(&dl, dwMilliseconds);
	for (;;) {
		if (try_take(p))
			return WAIT_OBJECT_0;
		if (dwMilliseconds == 0 ||
		    wait_on(&p->word, 0, dwMilliseconds == INFINITE ?
			    NULL : &dl))
			return WAIT_TIMEOUT;
	}
}
