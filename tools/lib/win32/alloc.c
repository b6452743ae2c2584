// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * alloc.c - private memory the Windows way: the reservations VirtualAlloc
 * makes, their committed pages, and the registry that remembers both, so
 * that VirtualQuery, VirtualProtect and VirtualFree know an allocation.
 *
 * A reservation is an inaccessible MAP_NORESERVE mapping at a 64 KiB-
 * aligned base (over-reserved by 64 KiB and trimmed), which charges
 * nothing.  Committing maps fresh anonymous memory over the uncommitted
 * pages of the range, read-write and without MAP_NORESERVE, so that Linux
 * charges it against the commit limit at once (and keeps the charge across
 * the mprotect(2) to the protection asked for, see commit()); pages
 * committed already
 * keep their contents and only change protection.  Decommitting maps an
 * inaccessible MAP_NORESERVE mapping over the range again: the contents
 * are discarded and the charge returned.  Releasing unmaps the whole
 * allocation.
 *
 * Each allocation keeps its committed pages as a sorted list of runs
 * [start, end) of one protection; a page in no run is reserved.  So the
 * registry costs one entry per allocation and one per run of committed
 * pages, never anything per reserved page.  One mutex covers the registry
 * and the mappings it describes.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

struct run {
	uintptr_t start, end;
	DWORD protect;
};

struct alloc {
	uintptr_t base;
	size_t size;
	DWORD protect;		/* AllocationProtect */
	struct run *runs;	/* committed pages, sorted, disjoint */
	size_t nr;
	int placeholder;	/* MEM_RESERVE_PLACEHOLDER: never committed */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct alloc *allocs;
static size_t nr_allocs, max_allocs;

/* A fork must not copy the lock held by another thread. */
static void atfork_prepare(void)
{
	pthread_mutex_lock(&lock);
}

static void atfork_release(void)
{
	pthread_mutex_unlock(&lock);
}

__attribute__((constructor))
static void alloc_atfork(void)
{
	pthread_atfork(atfork_prepare, atfork_release, atfork_release);
}

static struct alloc *find(uintptr_t addr)
{
	size_t i;

	for (i = 0; i < nr_allocs; i++)
		if (addr >= allocs[i].base &&
		    addr - allocs[i].base < allocs[i].size)
			return &allocs[i];
	return NULL;
}

/*
 * Give [@s, @e) of @a the protection @protect, committing it (0:
 * decommitting it): the run list is rebuilt, runs merged where they touch
 * with one protection.  0, or -ENOMEM (the list is then unchanged).
 */
static int runs_set(struct alloc *a, uintptr_t s, uintptr_t e, DWORD protect)
{
	struct run *r = malloc((a->nr + 2) * sizeof(*r));
	size_t i, n = 0, m;

	if (!r)
		return -ENOMEM;
	for (i = 0; i < a->nr; i++)
		if (a->runs[i].start < s)
			r[n++] = (struct run){ a->runs[i].start,
					       a->runs[i].end < s ? a->runs[i].end : s,
					       a->runs[i].protect };
	if (protect)
		r[n++] = (struct run){ s, e, protect };
	for (i = 0; i < a->nr; i++)
		if (a->runs[i].end > e)
			r[n++] = (struct run){ a->runs[i].start > e ? a->runs[i].start : e,
					       a->runs[i].end, a->runs[i].protect };
	for (i = 1, m = n ? 1 : 0; i < n; i++) {
		if (r[i].start == r[m - 1].end && r[i].protect == r[m - 1].protect)
			r[m - 1].end = r[i].end;
		else
			r[m++] = r[i];
	}
	free(a->runs);
	a->runs = r;
	a->nr = m;
	return 0;
}

/* The run containing @addr, or NULL and *@next the start of the next. */
static const struct run *run_at(const struct alloc *a, uintptr_t addr,
				uintptr_t *next)
{
	size_t i;

	*next = a->base + a->size;
	for (i = 0; i < a->nr; i++) {
		if (addr < a->runs[i].start) {
			*next = a->runs[i].start;
			return NULL;
		}
		if (addr < a->runs[i].end)
			return &a->runs[i];
	}
	return NULL;
}

/* Is every page of [@s, @e) committed? */
static int covered(const struct alloc *a, uintptr_t s, uintptr_t e)
{
	const struct run *r;
	uintptr_t next;

	while (s < e) {
		r = run_at(a, s, &next);
		if (!r)
			return 0;
		s = r->end;
	}
	return 1;
}

/* Reserved again: inaccessible, uncharged, contents gone. */
static int rereserve(uintptr_t s, size_t len)
{
	void *p = mmap((void *)s, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
		       MAP_NORESERVE | MAP_FIXED, -1, 0);

	return p == MAP_FAILED ? -errno : 0;
}

/*
 * Reserve again the uncommitted pages of [@s, @e) of @a (undoing a commit
 * that failed there, before the run list learnt of it).
 */
static void uncommit_gaps(const struct alloc *a, uintptr_t s, uintptr_t e)
{
	const struct run *r;
	uintptr_t next;

	while (s < e) {
		r = run_at(a, s, &next);
		if (r) {
			s = r->end;
			continue;
		}
		rereserve(s, (next < e ? next : e) - s);
		s = next;
	}
}

/* Commit [@s, @e) of @a with @protect; lock held. */
static NTSTATUS commit(struct alloc *a, uintptr_t s, uintptr_t e,
		       DWORD protect)
{
	uintptr_t p = s, next, ge;
	const struct run *r;
	void *m;

	while (p < e) {
		r = run_at(a, p, &next);
		if (r) {
			p = r->end;
			continue;
		}
		ge = next < e ? next : e;
		m = mmap((void *)p, ge - p, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (m == MAP_FAILED) {
			int err = errno;

			uncommit_gaps(a, s, ge);
			return err == ENOMEM ? STATUS_COMMITMENT_LIMIT :
			       libntsection_errno_status(NS_OP_ANY, err);
		}
		/*
		 * Since Linux 6.5 an mprotect(2) that takes write away from an
		 * anonymous mapping no page has touched yet returns its
		 * charge (now, or at a later VirtualProtect): one page written
		 * keeps it charged, as Windows keeps read-only committed
		 * memory charged.
		 */
		*(volatile char *)p = 0;
		p = ge;
	}
	if (mprotect((void *)s, e - s, libntsection_mmap_prot(protect)) ||
	    runs_set(a, s, e, protect))
		return STATUS_NO_MEMORY;
	return STATUS_SUCCESS;
}

/* Room for @more entries in the registry (allocs may move); lock held. */
static int grow(size_t more)
{
	size_t n = max_allocs ? max_allocs : 16;
	struct alloc *p;

	if (nr_allocs + more <= max_allocs)
		return 0;
	while (n < nr_allocs + more)
		n *= 2;
	p = realloc(allocs, n * sizeof(*p));
	if (!p)
		return -ENOMEM;
	allocs = p;
	max_allocs = n;
	return 0;
}

static NTSTATUS reserve(uintptr_t want, size_t len, DWORD protect,
			struct alloc **out)
{
	size_t span = len + NS_GRANULARITY;
	uintptr_t base;
	char *res;

	if (grow(1))
		return STATUS_NO_MEMORY;
	if (want) {
		res = mmap((void *)want, len, PROT_NONE, MAP_PRIVATE |
			   MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
			   -1, 0);
		if (res == MAP_FAILED)
			return errno == EEXIST ? STATUS_CONFLICTING_ADDRESSES :
			       STATUS_NO_MEMORY;
		if ((uintptr_t)res != want) {	/* kernels before 4.17 */
			munmap(res, len);
			return STATUS_CONFLICTING_ADDRESSES;
		}
		base = want;
	} else {
		res = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
			   MAP_NORESERVE, -1, 0);
		if (res == MAP_FAILED)
			return STATUS_NO_MEMORY;
		base = ((uintptr_t)res + NS_GRANULARITY - 1) &
		       ~(NS_GRANULARITY - 1);
		if (base > (uintptr_t)res)
			munmap(res, base - (uintptr_t)res);
		if ((uintptr_t)res + span > base + len)
			munmap((void *)(base + len),
			       (uintptr_t)res + span - (base + len));
	}
	*out = &allocs[nr_allocs++];
	**out = (struct alloc){ .base = base, .size = len, .protect = protect };
	return STATUS_SUCCESS;
}

/* Forget @a (its mapping stays). */
static void release_entry(struct alloc *a)
{
	free(a->runs);
	*a = allocs[--nr_allocs];
}

static void release(struct alloc *a)
{
	munmap((void *)a->base, a->size);
	release_entry(a);
}

NTSTATUS libntsection_alloc(void **addr, size_t size, DWORD type,
			    DWORD protect)
{
	uintptr_t page = sysconf(_SC_PAGESIZE), want = (uintptr_t)*addr;
	uintptr_t s = want & ~(page - 1);
	uintptr_t e = (want + size + page - 1) & ~(page - 1);
	struct alloc *a;
	NTSTATUS st;

	pthread_mutex_lock(&lock);
	if (type & MEM_RESERVE) {
		if (want)
			s = want & ~(NS_GRANULARITY - 1);
		else
			e = (size + page - 1) & ~(page - 1);
		st = reserve(s, e - s, protect, &a);
		if (NT_SUCCESS(st))
			a->placeholder = !!(type & MEM_RESERVE_PLACEHOLDER);
		if (NT_SUCCESS(st) && (type & MEM_COMMIT)) {
			st = commit(a, a->base, a->base + a->size, protect);
			if (!NT_SUCCESS(st))
				release(a);
		}
		if (NT_SUCCESS(st))
			*addr = (void *)a->base;
		goto out;
	}
	a = find(s);
	if (!a || e > a->base + a->size || a->placeholder) {
		st = STATUS_CONFLICTING_ADDRESSES;
		goto out;
	}
	if (type & MEM_RESET) {
		/* the pages may be discarded; reserved ones have none */
		madvise((void *)s, e - s, MADV_FREE);
		st = STATUS_SUCCESS;
	} else {
		st = commit(a, s, e, protect);
	}
	if (NT_SUCCESS(st))
		*addr = (void *)s;
out:
	pthread_mutex_unlock(&lock);
	return st;
}

NTSTATUS libntsection_alloc_free(void *addr, size_t size, DWORD type)
{
	uintptr_t page = sysconf(_SC_PAGESIZE), at = (uintptr_t)addr;
	uintptr_t s = at & ~(page - 1);
	uintptr_t e = (at + size + page - 1) & ~(page - 1);
	struct alloc *a;
	NTSTATUS st = STATUS_SUCCESS;

	pthread_mutex_lock(&lock);
	a = find(at);
	if (!a) {
		st = STATUS_MEMORY_NOT_ALLOCATED;
	} else if (!size && at != a->base) {
		st = STATUS_FREE_VM_NOT_AT_BASE;
	} else if (type == MEM_RELEASE) {
		release(a);
	} else {
		if (!size) {
			s = a->base;
			e = a->base + a->size;
		}
		if (e > a->base + a->size)
			st = STATUS_UNABLE_TO_FREE_VM;
		else if (rereserve(s, e - s) || runs_set(a, s, e, 0))
			st = STATUS_NO_MEMORY;
	}
	pthread_mutex_unlock(&lock);
	return st;
}

/* STATUS_MEMORY_NOT_ALLOCATED when @addr is in no allocation. */
NTSTATUS libntsection_alloc_protect(void *addr, size_t size, DWORD protect,
				    DWORD *old)
{
	uintptr_t page = sysconf(_SC_PAGESIZE), at = (uintptr_t)addr, next;
	uintptr_t s = at & ~(page - 1);
	uintptr_t e = (at + size + page - 1) & ~(page - 1);
	struct alloc *a;
	NTSTATUS st = STATUS_SUCCESS;

	if (e == s)
		e = s + page;
	pthread_mutex_lock(&lock);
	a = find(s);
	if (!a)
		st = STATUS_MEMORY_NOT_ALLOCATED;
	else if (e > a->base + a->size)
		st = STATUS_CONFLICTING_ADDRESSES;
	else if (!covered(a, s, e))
		st = STATUS_NOT_COMMITTED;
	else if (protect == PAGE_WRITECOPY || protect == PAGE_EXECUTE_WRITECOPY)
		st = STATUS_INVALID_PAGE_PROTECTION;	/* private memory */
	else if (mprotect((void *)s, e - s, libntsection_mmap_prot(protect)))
		st = libntsection_errno_status(NS_OP_ANY, errno);
	else {
		*old = run_at(a, s, &next)->protect;
		if (runs_set(a, s, e, protect))
			st = STATUS_NO_MEMORY;
	}
	pthread_mutex_unlock(&lock);
	return st;
}

int libntsection_alloc_query(uintptr_t addr, MEMORY_BASIC_INFORMATION *mbi)
{
	uintptr_t page = addr & ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1), next;
	const struct run *r;
	struct alloc *a;

	pthread_mutex_lock(&lock);
	a = find(addr);
	if (a) {
		mbi->BaseAddress = (PVOID)page;
		mbi->AllocationBase = (PVOID)a->base;
		mbi->AllocationProtect = a->protect;
		mbi->Type = MEM_PRIVATE;
		r = run_at(a, page, &next);
		if (r) {
			mbi->State = MEM_COMMIT;
			mbi->Protect = r->protect;
			mbi->RegionSize = r->end - page;
		} else {
			mbi->State = MEM_RESERVE;
			mbi->Protect = 0;
			mbi->RegionSize = next - page;
		}
	}
	pthread_mutex_unlock(&lock);
	return !!a;
}

int libntsection_alloc_region(uintptr_t addr, MEMORY_REGION_INFORMATION *mri)
{
	struct alloc *a;
	size_t i;

	pthread_mutex_lock(&lock);
	a = find(addr);
	if (a) {
		mri->AllocationBase = (PVOID)a->base;
		mri->AllocationProtect = a->protect;
		mri->RegionType = MEMORY_REGION_PRIVATE;
		mri->RegionSize = a->size;
		mri->CommitSize = 0;
		for (i = 0; i < a->nr; i++)
			mri->CommitSize += a->runs[i].end - a->runs[i].start;
	}
	pthread_mutex_unlock(&lock);
	return !!a;
}

/*
 * Placeholders (placeholder.c): reservations marked MEM_RESERVE_PLACEHOLDER,
 * split and coalesced in the registry alone (Linux merges and splits the
 * inaccessible mappings by itself), taken out of it when a view replaces
 * one and put back when the view is unmapped with MEM_PRESERVE_PLACEHOLDER.
 */

/* Split [@s, @e) out of the placeholder containing it: up to 3 pieces. */
NTSTATUS libntsection_placeholder_split(uintptr_t s, uintptr_t e)
{
	struct alloc *a, old;
	NTSTATUS st = STATUS_SUCCESS;

	pthread_mutex_lock(&lock);
	a = find(s);
	if (!a)
		st = STATUS_MEMORY_NOT_ALLOCATED;
	else if (!a->placeholder || e > a->base + a->size ||
		 (s == a->base && e == a->base + a->size))
		st = STATUS_CONFLICTING_ADDRESSES;
	else if (grow(2))
		st = STATUS_NO_MEMORY;
	if (!NT_SUCCESS(st))
		goto out;
	a = find(s);		/* grow() may have moved it */
	old = *a;
	a->size = s - old.base;
	if (!a->size)
		*a = allocs[--nr_allocs];
	allocs[nr_allocs++] = (struct alloc){ .base = s, .size = e - s,
					      .protect = old.protect,
					      .placeholder = 1 };
	if (e < old.base + old.size)
		allocs[nr_allocs++] = (struct alloc){ .base = e,
						      .size = old.base + old.size - e,
						      .protect = old.protect,
						      .placeholder = 1 };
out:
	pthread_mutex_unlock(&lock);
	return st;
}

/* Merge the placeholders that exactly tile [@s, @e) (two or more). */
NTSTATUS libntsection_placeholder_coalesce(uintptr_t s, uintptr_t e)
{
	uintptr_t p = s;
	struct alloc *a;
	size_t n = 0;
	NTSTATUS st = STATUS_SUCCESS;

	pthread_mutex_lock(&lock);
	if (!find(s)) {
		st = STATUS_MEMORY_NOT_ALLOCATED;
		goto out;
	}
	while (p < e) {
		a = find(p);
		if (!a || a->base != p || !a->placeholder ||
		    a->base + a->size > e) {
			st = STATUS_CONFLICTING_ADDRESSES;
			goto out;
		}
		p += a->size;
		n++;
	}
	if (n < 2) {
		st = STATUS_CONFLICTING_ADDRESSES;
		goto out;
	}
	/* drop all but the first, then widen it */
	p = find(s)->size + s;
	while (p < e) {
		a = find(p);
		p += a->size;
		*a = allocs[--nr_allocs];
	}
	find(s)->size = e - s;
out:
	pthread_mutex_unlock(&lock);
	return st;
}

/*
 * Take the placeholder [@base, @base + @size) out of the registry (a view
 * is to replace it; its inaccessible mapping stays until then).  As
 * Windows: STATUS_INVALID_PARAMETER when @base is in no allocation or not
 * in a placeholder, STATUS_CONFLICTING_ADDRESSES when the range is not the
 * placeholder's exactly.
 */
NTSTATUS libntsection_placeholder_take(uintptr_t base, size_t size)
{
	struct alloc *a;
	NTSTATUS st = STATUS_SUCCESS;

	pthread_mutex_lock(&lock);
	a = find(base);
	if (!a)
		st = STATUS_INVALID_PARAMETER;
	else if (a->base != base || a->size != size)
		st = STATUS_CONFLICTING_ADDRESSES;
	else if (!a->placeholder)
		st = STATUS_INVALID_PARAMETER;
	else
		release_entry(a);
	pthread_mutex_unlock(&lock);
	return st;
}

/* Register [@base, @base + @size), mapped inaccessible, as a placeholder. */
NTSTATUS libntsection_placeholder_add(uintptr_t base, size_t size)
{
	NTSTATUS st = STATUS_SUCCESS;

	pthread_mutex_lock(&lock);
	if (grow(1))
		st = STATUS_NO_MEMORY;
	else
		allocs[nr_allocs++] = (struct alloc){ .base = base, .size = size,
						      .protect = PAGE_NOACCESS,
						      .placeholder = 1 };
	pthread_mutex_unlock(&lock);
	return st;
}
