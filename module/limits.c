// SPDX-License-Identifier: GPL-2.0
/*
 * limits.c - how many sections may live and how big one may be: the
 * module parameters max_sections, max_sections_per_user and
 * max_section_size, and the fair-share rule (see the UAPI header,
 * "Limits").
 *
 * Owns: the parameters, the count of live sections, the per-user counts
 * across all namespaces, and each IPC namespace's counts (struct
 * ntsection_ns_limits, embedded in the namespace's record in names.c).
 *
 * The rules, checked when a section is created:
 *   - an IPC namespace holds at most max_sections live sections, so one
 *     container cannot use up another's (as shmmni is per namespace);
 *   - a user holds at most max_sections_per_user in all namespaces
 *     together.  A user is a kuid: a user namespace maps its uids onto
 *     kuids, so creating one gives no fresh count;
 *   - fair share: in a namespace, a user may not hold more sections than
 *     are still free there, so k users together leave at least
 *     max_sections / 2^k free for everyone else.  A caller with
 *     CAP_SYS_RESOURCE in the namespace's user namespace is exempt (as
 *     from reserved blocks), but not from the other two.
 *
 * Locking: a namespace's counts are guarded by ntsection_names_lock (the
 * callers, names.c, hold it).  The per-user counts across namespaces live
 * in an xarray indexed by the kuid (as seen from init_user_ns), guarded by
 * the xarray's own lock; an entry is removed when its count drops to zero.
 * The live count is an atomic.  A parameter may change at any time: a
 * change applies to the next create and never frees a section.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/ipc_namespace.h>
#include <linux/moduleparam.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <linux/xarray.h>

#include "internal.h"

static unsigned int max_sections = 131072;
module_param(max_sections, uint, 0644);
MODULE_PARM_DESC(max_sections,
		 "live sections in one IPC namespace (ENOSPC beyond)");

static unsigned int max_sections_per_user = 65536;
module_param(max_sections_per_user, uint, 0644);
MODULE_PARM_DESC(max_sections_per_user,
		 "live sections created by one user in all namespaces (ENOSPC beyond)");

static unsigned long long max_section_size;
module_param(max_section_size, ullong, 0644);
MODULE_PARM_DESC(max_section_size,
		 "largest section in bytes, 0 for no limit (ENOMEM beyond)");

atomic_long_t ntsection_live_sections = ATOMIC_LONG_INIT(0);

static DEFINE_XARRAY(ntsection_user_counts);

/* 0 or -ENOMEM: is a section of @size bytes allowed? */
int ntsection_check_size(u64 size)
{
	u64 max = READ_ONCE(max_section_size);

	return max && size > max ? -ENOMEM : 0;
}

static unsigned long ntsection_uid_index(struct ntsection_section *sec)
{
	return from_kuid(&init_user_ns, sec->cuid);
}

/* Add @delta to the count at @index of @xa; 0 or -ENOMEM. */
static int ntsection_count_add(struct xarray *xa, unsigned long index,
			       long delta)
{
	unsigned long count;
	void *entry;
	int ret = 0;

	xa_lock(xa);
	entry = xa_load(xa, index);
	count = (entry ? xa_to_value(entry) : 0) + delta;
	if (count)
		ret = xa_err(__xa_store(xa, index, xa_mk_value(count),
					GFP_ATOMIC));
	else
		__xa_erase(xa, index);
	xa_unlock(xa);
	return ret;
}

static unsigned long ntsection_count_read(struct xarray *xa,
					  unsigned long index)
{
	void *entry = xa_load(xa, index);

	return entry ? xa_to_value(entry) : 0;
}

void ntsection_limits_init(struct ntsection_ns_limits *l)
{
	l->sections = 0;
	xa_init(&l->users);
}

void ntsection_limits_destroy(struct ntsection_ns_limits *l)
{
	xa_destroy(&l->users);
}

/*
 * Count a new section against the limits of its namespace @l and of its
 * creator; ntsection_names_lock held.  0, -ENOSPC or -ENOMEM.
 */
int ntsection_charge(struct ntsection_section *sec,
		     struct ntsection_ns_limits *l)
{
	unsigned long index = ntsection_uid_index(sec);
	unsigned long mine, limit = READ_ONCE(max_sections);
	int ret;

	lockdep_assert_held(&ntsection_names_lock);
	if (l->sections >= limit)
		return -ENOSPC;
	mine = ntsection_count_read(&l->users, index);
	if (mine >= limit - l->sections &&
	    !ns_capable(sec->ipc->user_ns, CAP_SYS_RESOURCE))
		return -ENOSPC;
	if (ntsection_count_read(&ntsection_user_counts, index) >=
	    READ_ONCE(max_sections_per_user))
		return -ENOSPC;

	ret = ntsection_count_add(&l->users, index, 1);
	if (ret)
		return ret;
	ret = ntsection_count_add(&ntsection_user_counts, index, 1);
	if (ret) {
		ntsection_count_add(&l->users, index, -1);
		return ret;
	}
	l->sections++;
	atomic_long_inc(&ntsection_live_sections);
	sec->charged = true;
	return 0;
}

/* Undo ntsection_charge(); ntsection_names_lock held. */
void ntsection_uncharge(struct ntsection_section *sec,
			struct ntsection_ns_limits *l)
{
	unsigned long index = ntsection_uid_index(sec);

	lockdep_assert_held(&ntsection_names_lock);
	if (!sec->charged)
		return;
	ntsection_count_add(&l->users, index, -1);
	ntsection_count_add(&ntsection_user_counts, index, -1);
	l->sections--;
	atomic_long_dec(&ntsection_live_sections);
	sec->charged = false;
}

void ntsection_limits_exit(void)
{
	xa_destroy(&ntsection_user_counts);
}
