// SPDX-License-Identifier: GPL-2.0
/*
 * t_sync.c - the synchronisation objects of winsync.h: mutexes (recursion,
 * ownership, ERROR_NOT_OWNER, abandonment by a SIGKILLed owner), events
 * (manual and auto reset), semaphores (counts, ERROR_TOO_MANY_POSTS),
 * WaitForSingleObject's timeouts and failures, names (ERROR_ALREADY_EXISTS,
 * ERROR_FILE_NOT_FOUND, another type's name: ERROR_INVALID_HANDLE, the W
 * functions' UTF-16), and objects shared by two processes.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ntsection.h"
#include "wintest.h"

static char base[64];

static const char *nm(const char *what)
{
	static char buf[8][96];
	static int i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%s-%s", base, what);
	return buf[i];
}

/* ASCII @s as UTF-16 in @w */
static const WCHAR *wide(const char *s, WCHAR *w)
{
	int i;

	for (i = 0; s[i]; i++)
		w[i] = (unsigned char)s[i];
	w[i] = 0;
	return w;
}

static int child_exit(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void *release_other(void *arg)
{
	HANDLE m = arg;
	static DWORD r[4];

	SetLastError(0);
	r[0] = ReleaseMutex(m);
	r[1] = GetLastError();
	r[2] = WaitForSingleObject(m, 0);
	r[3] = WaitForSingleObject(m, 20);
	return r;
}

static void mutexes(void)
{
	HANDLE m;
	pthread_t t;
	DWORD *r;

	SetLastError(1234);
	m = CreateMutexA(NULL, FALSE, NULL);
	ok(m != NULL, "CreateMutexA (unnamed)");
	is(GetLastError(), 0, "a new mutex leaves the last error 0");
	is(WaitForSingleObject(m, 0), WAIT_OBJECT_0, "a free mutex: WAIT_OBJECT_0 (timeout 0)");
	is(WaitForSingleObject(m, INFINITE), WAIT_OBJECT_0, "the owner waits again: recursion (INFINITE)");
	is(WaitForSingleObject(m, 100), WAIT_OBJECT_0, "and again (finite timeout)");
	pthread_create(&t, NULL, release_other, m);
	pthread_join(t, (void **)&r);
	ok(!r[0] && r[1] == ERROR_NOT_OWNER, "ReleaseMutex by another thread: ERROR_NOT_OWNER");
	is(r[2], WAIT_TIMEOUT, "another thread's wait (timeout 0): WAIT_TIMEOUT");
	is(r[3], WAIT_TIMEOUT, "another thread's wait (20 ms): WAIT_TIMEOUT");
	ok(ReleaseMutex(m), "ReleaseMutex 1 of 3");
	ok(ReleaseMutex(m), "ReleaseMutex 2 of 3");
	ok(ReleaseMutex(m), "ReleaseMutex 3 of 3");
	fails(!ReleaseMutex(m), ERROR_NOT_OWNER, "ReleaseMutex of a free mutex: ERROR_NOT_OWNER");
	ok(CloseHandle(m), "CloseHandle of a mutex");
	is(WaitForSingleObject(m, 0), WAIT_FAILED, "WaitForSingleObject of a closed handle: WAIT_FAILED");
	is(GetLastError(), ERROR_INVALID_HANDLE, "  ERROR_INVALID_HANDLE");

	m = CreateMutexA(NULL, TRUE, NULL);
	ok(m != NULL, "CreateMutexA with bInitialOwner");
	pthread_create(&t, NULL, release_other, m);
	pthread_join(t, (void **)&r);
	is(r[2], WAIT_TIMEOUT, "an initially owned mutex: another thread times out");
	ok(ReleaseMutex(m), "the initial owner releases it");
	fails(!ReleaseMutex(m), ERROR_NOT_OWNER, "once only");
	CloseHandle(m);
}

static void *set_later(void *arg)
{
	usleep(20000);
	SetEvent(arg);
	return NULL;
}

static void events(void)
{
	HANDLE e;
	pthread_t t;

	e = CreateEventA(NULL, FALSE, TRUE, NULL);
	ok(e != NULL, "CreateEventA (auto reset, signalled)");
	is(WaitForSingleObject(e, 0), WAIT_OBJECT_0, "auto reset: the first wait takes the signal");
	is(WaitForSingleObject(e, 0), WAIT_TIMEOUT, "auto reset: the second times out (0)");
	is(WaitForSingleObject(e, 20), WAIT_TIMEOUT, "auto reset: and with 20 ms");
	ok(SetEvent(e), "SetEvent");
	ok(SetEvent(e), "SetEvent of a signalled event");
	is(WaitForSingleObject(e, 0), WAIT_OBJECT_0, "one wait is released");
	is(WaitForSingleObject(e, 0), WAIT_TIMEOUT, "and one only");
	pthread_create(&t, NULL, set_later, e);
	is(WaitForSingleObject(e, INFINITE), WAIT_OBJECT_0, "a blocked INFINITE wait is woken by another thread's SetEvent");
	pthread_join(t, NULL);
	ok(SetEvent(e) && ResetEvent(e), "SetEvent, ResetEvent");
	is(WaitForSingleObject(e, 0), WAIT_TIMEOUT, "a reset event is not signalled");
	CloseHandle(e);

	e = CreateEventA(NULL, TRUE, FALSE, NULL);
	ok(e != NULL, "CreateEventA (manual reset, not signalled)");
	is(WaitForSingleObject(e, 0), WAIT_TIMEOUT, "not signalled: WAIT_TIMEOUT");
	pthread_create(&t, NULL, set_later, e);
	is(WaitForSingleObject(e, 10000), WAIT_OBJECT_0, "a blocked finite wait is woken by SetEvent");
	pthread_join(t, NULL);
	is(WaitForSingleObject(e, 0), WAIT_OBJECT_0, "manual reset: still signalled");
	is(WaitForSingleObject(e, INFINITE), WAIT_OBJECT_0, "manual reset: still signalled (INFINITE)");
	ok(ResetEvent(e), "ResetEvent");
	is(WaitForSingleObject(e, 10), WAIT_TIMEOUT, "manual reset after ResetEvent: WAIT_TIMEOUT");
	ok(ResetEvent(e), "ResetEvent of a reset event");
	CloseHandle(e);
	e = CreateEventA(NULL, TRUE, TRUE, NULL);
	is(WaitForSingleObject(e, 0), WAIT_OBJECT_0, "manual reset, initially signalled");
	CloseHandle(e);
}

static void semaphores(void)
{
	HANDLE s;
	LONG prev = -5;

	s = CreateSemaphoreA(NULL, 2, 3, NULL);
	ok(s != NULL, "CreateSemaphoreA (2 of 3)");
	is(WaitForSingleObject(s, 0), WAIT_OBJECT_0, "count 2: a wait succeeds");
	is(WaitForSingleObject(s, INFINITE), WAIT_OBJECT_0, "count 1: a wait succeeds");
	is(WaitForSingleObject(s, 0), WAIT_TIMEOUT, "count 0: WAIT_TIMEOUT (0)");
	is(WaitForSingleObject(s, 20), WAIT_TIMEOUT, "count 0: WAIT_TIMEOUT (20 ms)");
	ok(ReleaseSemaphore(s, 1, &prev), "ReleaseSemaphore(1)");
	is(prev, 0, "  lpPreviousCount 0");
	prev = -5;
	fails(!ReleaseSemaphore(s, 3, &prev), ERROR_TOO_MANY_POSTS, "ReleaseSemaphore beyond the maximum: ERROR_TOO_MANY_POSTS");
	is(prev, -5, "  lpPreviousCount untouched");
	ok(ReleaseSemaphore(s, 2, &prev), "ReleaseSemaphore(2) up to the maximum");
	is(prev, 1, "  lpPreviousCount 1");
	fails(!ReleaseSemaphore(s, 1, NULL), ERROR_TOO_MANY_POSTS, "ReleaseSemaphore at the maximum: ERROR_TOO_MANY_POSTS");
	fails(!ReleaseSemaphore(s, 0, NULL), ERROR_INVALID_PARAMETER, "ReleaseSemaphore(0): ERROR_INVALID_PARAMETER");
	fails(!ReleaseSemaphore(s, -1, NULL), ERROR_INVALID_PARAMETER, "ReleaseSemaphore(-1): ERROR_INVALID_PARAMETER");
	is(WaitForSingleObject(s, 0) + WaitForSingleObject(s, 0) +
	   WaitForSingleObject(s, 0), 0, "count 3: three waits succeed");
	is(WaitForSingleObject(s, 0), WAIT_TIMEOUT, "then WAIT_TIMEOUT");
	ok(ReleaseSemaphore(s, 1, NULL), "ReleaseSemaphore with lpPreviousCount NULL");
	CloseHandle(s);
	fails(!CreateSemaphoreA(NULL, -1, 1, NULL), ERROR_INVALID_PARAMETER, "CreateSemaphoreA initial -1: ERROR_INVALID_PARAMETER");
	fails(!CreateSemaphoreA(NULL, 2, 1, NULL), ERROR_INVALID_PARAMETER, "CreateSemaphoreA initial > maximum: ERROR_INVALID_PARAMETER");
	fails(!CreateSemaphoreA(NULL, 0, 0, NULL), ERROR_INVALID_PARAMETER, "CreateSemaphoreA maximum 0: ERROR_INVALID_PARAMETER");
	fails(!CreateSemaphoreW(NULL, 0, -3, NULL), ERROR_INVALID_PARAMETER, "CreateSemaphoreW maximum -3: ERROR_INVALID_PARAMETER");
}

static void wrong_handles(void)
{
	HANDLE m = CreateMutexA(NULL, FALSE, NULL);
	HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE s = CreateSemaphoreA(NULL, 0, 1, NULL);
	HANDLE f = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
				      PAGE_READWRITE, 0, 4096, NULL);
	HANDLE d = NULL;
	SECURITY_ATTRIBUTES sa = { sizeof(sa), (void *)1, FALSE };

	fails(!SetEvent(m), ERROR_INVALID_HANDLE, "SetEvent of a mutex: ERROR_INVALID_HANDLE");
	fails(!ResetEvent(s), ERROR_INVALID_HANDLE, "ResetEvent of a semaphore: ERROR_INVALID_HANDLE");
	fails(!ReleaseMutex(e), ERROR_INVALID_HANDLE, "ReleaseMutex of an event: ERROR_INVALID_HANDLE");
	fails(!ReleaseSemaphore(m, 1, NULL), ERROR_INVALID_HANDLE, "ReleaseSemaphore of a mutex: ERROR_INVALID_HANDLE");
	fails(!SetEvent(f), ERROR_INVALID_HANDLE, "SetEvent of a file mapping: ERROR_INVALID_HANDLE");
	fails(WaitForSingleObject(f, 0) == WAIT_FAILED, ERROR_INVALID_HANDLE, "WaitForSingleObject of a file mapping: WAIT_FAILED, ERROR_INVALID_HANDLE");
	fails(WaitForSingleObject(NULL, 0) == WAIT_FAILED, ERROR_INVALID_HANDLE, "WaitForSingleObject(NULL): WAIT_FAILED, ERROR_INVALID_HANDLE");
	fails(WaitForSingleObject(INVALID_HANDLE_VALUE, 0) == WAIT_FAILED, ERROR_INVALID_HANDLE, "WaitForSingleObject(INVALID_HANDLE_VALUE): WAIT_FAILED, ERROR_INVALID_HANDLE");
	fails(!SetEvent(NULL), ERROR_INVALID_HANDLE, "SetEvent(NULL): ERROR_INVALID_HANDLE");
	fails(!CreateMutexA(&sa, FALSE, NULL), ERROR_INVALID_PARAMETER, "a security descriptor: ERROR_INVALID_PARAMETER");
	/* a duplicated handle (a new fd) works, and outlives the original */
	ok(DuplicateHandle(GetCurrentProcess(), e, GetCurrentProcess(), &d, 0,
			   FALSE, DUPLICATE_SAME_ACCESS), "DuplicateHandle of an event");
	ok(SetEvent(d), "SetEvent through the duplicate");
	is(WaitForSingleObject(e, 0), WAIT_OBJECT_0, "the original sees it");
	CloseHandle(e);
	ok(ResetEvent(d), "the duplicate outlives the original's CloseHandle");
	is(WaitForSingleObject(d, 0), WAIT_TIMEOUT, "  and waits");
	CloseHandle(d);
	CloseHandle(m);
	CloseHandle(s);
	CloseHandle(f);
}

static void names(void)
{
	HANDLE m, m2, o, e, f, s, s2;
	WCHAR w[96];
	LONG prev = -1;
	static const WCHAR bad[] = { 't', 0xd800, 'x', 0 };
	static const WCHAR accent[] = { 'e', 0xe9, 0x20ac, 0xd83d, 0xde00, 0 };
	char an[96];

	SetLastError(77);
	m = CreateMutexA(NULL, TRUE, nm("m"));
	ok(m != NULL && GetLastError() == 0, "CreateMutexA (named, owned): last error 0");
	m2 = CreateMutexA(NULL, FALSE, nm("m"));
	fails(m2 != NULL, ERROR_ALREADY_EXISTS, "CreateMutexA of an existing mutex: a handle and ERROR_ALREADY_EXISTS");
	ok(m2 != m, "  a new handle");
	o = OpenMutexA(MUTEX_ALL_ACCESS, FALSE, nm("m"));
	ok(o != NULL, "OpenMutexA of the name");
	is(WaitForSingleObject(o, 0), WAIT_OBJECT_0, "the same mutex: its owner (this thread) waits through any handle");
	ok(ReleaseMutex(m2) && ReleaseMutex(o), "ReleaseMutex through the other handles");
	fails(!ReleaseMutex(m), ERROR_NOT_OWNER, "the mutex is released: ERROR_NOT_OWNER");
	CloseHandle(o);
	CloseHandle(m2);
	fails(!OpenMutexA(SYNCHRONIZE, FALSE, nm("missing")), ERROR_FILE_NOT_FOUND, "OpenMutexA of a missing name: ERROR_FILE_NOT_FOUND");
	fails(!OpenEventA(SYNCHRONIZE, FALSE, nm("missing")), ERROR_FILE_NOT_FOUND, "OpenEventA of a missing name: ERROR_FILE_NOT_FOUND");
	fails(!OpenSemaphoreA(SYNCHRONIZE, FALSE, nm("missing")), ERROR_FILE_NOT_FOUND, "OpenSemaphoreA of a missing name: ERROR_FILE_NOT_FOUND");
	fails(!OpenMutexA(SYNCHRONIZE, FALSE, NULL), ERROR_INVALID_PARAMETER, "OpenMutexA(NULL): ERROR_INVALID_PARAMETER");
	fails(!OpenEventW(SYNCHRONIZE, FALSE, NULL), ERROR_INVALID_PARAMETER, "OpenEventW(NULL): ERROR_INVALID_PARAMETER");
	fails(!CreateEventA(NULL, FALSE, FALSE, nm("m")), ERROR_INVALID_HANDLE, "CreateEventA of a mutex's name: ERROR_INVALID_HANDLE");
	fails(!CreateSemaphoreA(NULL, 0, 1, nm("m")), ERROR_INVALID_HANDLE, "CreateSemaphoreA of a mutex's name: ERROR_INVALID_HANDLE");
	fails(!OpenEventA(EVENT_ALL_ACCESS, FALSE, nm("m")), ERROR_INVALID_HANDLE, "OpenEventA of a mutex's name: ERROR_INVALID_HANDLE");
	fails(!OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, nm("m")), ERROR_INVALID_HANDLE, "OpenSemaphoreA of a mutex's name: ERROR_INVALID_HANDLE");
	f = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
			       65536, nm("f"));
	ok(f != NULL, "a named file mapping");
	fails(!CreateMutexA(NULL, FALSE, nm("f")), ERROR_INVALID_HANDLE, "CreateMutexA of a file mapping's name: ERROR_INVALID_HANDLE");
	fails(!OpenMutexA(SYNCHRONIZE, FALSE, nm("f")), ERROR_INVALID_HANDLE, "OpenMutexA of a file mapping's name: ERROR_INVALID_HANDLE");
	CloseHandle(f);

	e = CreateEventW(NULL, TRUE, FALSE, wide(nm("e"), w));
	ok(e != NULL && GetLastError() == 0, "CreateEventW (named)");
	o = OpenEventA(EVENT_MODIFY_STATE, FALSE, nm("e"));
	ok(o != NULL, "OpenEventA finds CreateEventW's name (UTF-16 to UTF-8)");
	ok(SetEvent(o), "SetEvent through it");
	is(WaitForSingleObject(e, 0), WAIT_OBJECT_0, "the same event");
	CloseHandle(o);
	o = CreateEventA(NULL, FALSE, FALSE, nm("e"));
	fails(o != NULL, ERROR_ALREADY_EXISTS, "CreateEventA of an existing event: ERROR_ALREADY_EXISTS");
	is(WaitForSingleObject(o, 0), WAIT_OBJECT_0, "  its state and manual reset are the existing event's");
	CloseHandle(o);
	o = OpenEventW(SYNCHRONIZE, FALSE, wide(nm("e"), w));
	ok(o != NULL, "OpenEventW");
	CloseHandle(o);
	fails(!OpenMutexW(SYNCHRONIZE, FALSE, wide(nm("e"), w)), ERROR_INVALID_HANDLE, "OpenMutexW of an event's name: ERROR_INVALID_HANDLE");

	s = CreateSemaphoreW(NULL, 1, 5, wide(nm("s"), w));
	ok(s != NULL, "CreateSemaphoreW (named)");
	s2 = CreateSemaphoreA(NULL, 0, 2, nm("s"));
	fails(s2 != NULL, ERROR_ALREADY_EXISTS, "CreateSemaphoreA of an existing semaphore: ERROR_ALREADY_EXISTS");
	ok(ReleaseSemaphore(s2, 4, &prev) && prev == 1, "  its count and maximum are the existing one's (1 of 5)");
	CloseHandle(s2);
	s2 = OpenSemaphoreW(SEMAPHORE_MODIFY_STATE, FALSE, wide(nm("s"), w));
	fails(!ReleaseSemaphore(s2, 1, NULL), ERROR_TOO_MANY_POSTS, "OpenSemaphoreW: the same semaphore, at its maximum");
	CloseHandle(s2);
	CloseHandle(s);

	m2 = CreateMutexW(NULL, FALSE, wide(nm("mw"), w));
	ok(m2 != NULL, "CreateMutexW (named)");
	o = OpenMutexW(SYNCHRONIZE, FALSE, wide(nm("mw"), w));
	ok(o != NULL, "OpenMutexW");
	CloseHandle(o);
	CloseHandle(m2);
	CloseHandle(m);
	CloseHandle(e);
	fails(!OpenMutexA(SYNCHRONIZE, FALSE, nm("m")), ERROR_FILE_NOT_FOUND, "the last CloseHandle ends a named mutex: ERROR_FILE_NOT_FOUND");

	fails(!CreateMutexW(NULL, FALSE, bad), ERROR_INVALID_NAME, "CreateMutexW of an unpaired surrogate: ERROR_INVALID_NAME");
	{
		WCHAR w2[128];
		int i = 0, j;

		wide(base, w2);
		while (w2[i])
			i++;
		w2[i++] = '-';
		for (j = 0; accent[j]; j++)
			w2[i++] = accent[j];
		w2[i] = 0;
		m = CreateMutexW(NULL, FALSE, w2);
		ok(m != NULL, "CreateMutexW of a name with non-ASCII characters and a surrogate pair");
		snprintf(an, sizeof(an), "%s-e\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", base);
		o = OpenMutexA(SYNCHRONIZE, FALSE, an);
		ok(o != NULL, "  OpenMutexA finds it by its UTF-8");
		CloseHandle(o);
		CloseHandle(m);
	}
}

/* Two processes add to a counter in a file mapping under a named mutex. */
#define ROUNDS 20000
static int counter_child(void)
{
	HANDLE m = OpenMutexA(SYNCHRONIZE, FALSE, nm("cm"));
	HANDLE f = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, nm("cf"));
	volatile LONG *c;
	int i;

	if (!m || !f)
		return 2;
	c = MapViewOfFile(f, FILE_MAP_ALL_ACCESS, 0, 0, 0);
	if (!c)
		return 3;
	for (i = 0; i < ROUNDS; i++) {
		LONG v;

		if (WaitForSingleObject(m, INFINITE) != WAIT_OBJECT_0)
			return 4;
		v = *c;
		if (i % 64 == 0)
			sched_yield();
		*c = v + 1;
		if (!ReleaseMutex(m))
			return 5;
	}
	return 0;
}

static void two_processes(void)
{
	HANDLE m, f, e, s;
	volatile LONG *c;
	pid_t pid;

	m = CreateMutexA(NULL, FALSE, nm("cm"));
	f = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
			       4096, nm("cf"));
	c = f ? MapViewOfFile(f, FILE_MAP_ALL_ACCESS, 0, 0, 0) : NULL;
	ok(m && c, "a named mutex and a named mapping with a counter");
	if (!m || !c)
		return;
	fflush(stdout);
	pid = fork();
	if (!pid)
		_exit(counter_child());
	is(counter_child(), 0, "this process adds %d under the mutex", ROUNDS);
	is(child_exit(pid), 0, "the other process (opening both by name) adds %d", ROUNDS);
	is(*c, 2 * ROUNDS, "the counter is %d: no update lost", 2 * ROUNDS);

	/* an event says "data ready" to another process */
	e = CreateEventA(NULL, FALSE, FALSE, nm("ready"));
	s = CreateSemaphoreA(NULL, 0, 10, nm("sem"));
	*c = 0;
	fflush(stdout);
	pid = fork();
	if (!pid) {
		HANDLE ce = OpenEventA(SYNCHRONIZE, FALSE, nm("ready"));
		HANDLE cs = OpenSemaphoreA(SEMAPHORE_MODIFY_STATE, FALSE,
					   nm("sem"));
		LONG p = -1;

		if (!ce || !cs)
			_exit(2);
		if (WaitForSingleObject(ce, 30000) != WAIT_OBJECT_0)
			_exit(3);
		if (*c != 4242)
			_exit(4);
		if (!ReleaseSemaphore(cs, 3, &p) || p != 0)
			_exit(5);
		_exit(0);
	}
	usleep(20000);
	*c = 4242;
	ok(SetEvent(e), "SetEvent: data ready");
	is(WaitForSingleObject(s, 30000), WAIT_OBJECT_0, "the other process saw the data and released the semaphore");
	is(child_exit(pid), 0, "  (its event wait and its checks succeeded)");
	is(WaitForSingleObject(s, 0) + WaitForSingleObject(s, 0), 0, "its ReleaseSemaphore(3) left two more");
	is(WaitForSingleObject(s, 0), WAIT_TIMEOUT, "  and no more");
	UnmapViewOfFile((void *)c);
	CloseHandle(e);
	CloseHandle(s);
	CloseHandle(f);
	CloseHandle(m);
}

/* The owner is SIGKILLed holding the mutex: the next wait is WAIT_ABANDONED. */
static void abandoned(void)
{
	HANDLE m, e;
	pid_t pid;
	int st;

	m = CreateMutexA(NULL, FALSE, nm("am"));
	e = CreateEventA(NULL, TRUE, FALSE, nm("owned"));
	ok(m && e, "a named mutex and event");
	fflush(stdout);
	pid = fork();
	if (!pid) {
		HANDLE cm = OpenMutexA(SYNCHRONIZE, FALSE, nm("am"));
		HANDLE ce = OpenEventA(EVENT_MODIFY_STATE, FALSE, nm("owned"));

		if (!cm || !ce || WaitForSingleObject(cm, INFINITE) != WAIT_OBJECT_0)
			_exit(2);
		SetEvent(ce);
		for (;;)
			pause();
	}
	is(WaitForSingleObject(e, 30000), WAIT_OBJECT_0, "the other process owns the mutex");
	is(WaitForSingleObject(m, 0), WAIT_TIMEOUT, "so this one times out (0)");
	is(WaitForSingleObject(m, 20), WAIT_TIMEOUT, "and (20 ms)");
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "the owner is SIGKILLed holding it");
	is(WaitForSingleObject(m, 30000), WAIT_ABANDONED, "the next wait: WAIT_ABANDONED");
	ok(ReleaseMutex(m), "  and the waiter owns it: ReleaseMutex succeeds");
	is(WaitForSingleObject(m, 0), WAIT_OBJECT_0, "the mutex is usable again: WAIT_OBJECT_0");
	ok(ReleaseMutex(m), "  ReleaseMutex");

	/* the same with the waiter already blocked when the owner dies */
	ResetEvent(e);
	fflush(stdout);
	pid = fork();
	if (!pid) {
		HANDLE cm = OpenMutexA(SYNCHRONIZE, FALSE, nm("am"));
		HANDLE ce = OpenEventA(EVENT_MODIFY_STATE, FALSE, nm("owned"));

		if (!cm || !ce || WaitForSingleObject(cm, INFINITE) != WAIT_OBJECT_0)
			_exit(2);
		SetEvent(ce);
		usleep(100000);
		raise(SIGKILL);
		_exit(3);
	}
	WaitForSingleObject(e, 30000);
	is(WaitForSingleObject(m, INFINITE), WAIT_ABANDONED, "a waiter blocked (INFINITE) when the owner dies: WAIT_ABANDONED");
	ok(ReleaseMutex(m), "  and owns it");
	child_exit(pid);
	CloseHandle(m);
	CloseHandle(e);
}

int main(void)
{
	int r;

	snprintf(base, sizeof(base), "t_sync-%d", (int)getpid());
	mutexes();
	events();
	semaphores();
	wrong_handles();
	r = ntsection_open(NTSECTION_DEV_DEFAULT, base, 0, 0);
	if (r == -ENOTTY) {
		skip("the module has no named sections yet", "named objects");
		return tap_done();
	}
	names();
	two_processes();
	abandoned();
	return tap_done();
}
