// SPDX-License-Identifier: GPL-2.0
/*
 * limits.c - how many sections may live and how big one may be: the
 * module parameters max_sections, max_sections_per_user and
 * max_section_size, and the fair-share rule (see
 * docs/userspace-api/ntsection.rst, "Limits").
 *
 * Owns: the parameters, the count of live sections, the per-user counts
 * (struct ntsection_ucount) and each IPC namespace's counts (struct
 * ntsection_ns_limits, embedded in the namespace's record in names.c).
 *
 * The rules, checked when a section is created:
 *   - an IPC namespace holds at most max_sections live sections, so one
 *     container cannot use up another's (as shmmni is per namespace);
 *   - a user holds at most max_sections_per_user, counted per user per
 *     user namespace as the core's ucounts count inotify instances and
 *     mqueue bytes: a section counts for its creator in the creator's
 *     user namespace, then for that namespace's owner in the parent
 *     namespace, and so on up to the initial one, and the limit holds at
 *     every level.  So the ids a user maps into a namespace of its own
 *     (newuidmap, subordinate ids) share the user's one count, and no
 *     number of namespaces multiplies it;
 *   - fair share: in an IPC namespace, a user (a kuid) may not hold more
 *     sections than are still free there, so k users together leave at
 *     least max_sections / 2^k free for everyone else.  A caller with
 *     CAP_SYS_RESOURCE in the namespace's user namespace is exempt (as
 *     from reserved blocks), but not from the other two.
 *
 * The parameters stay the host's: a module is not told when an IPC or
 * user namespace ends, so it cannot keep a setting per namespace as the
 * ipc sysctls do; instead each value applies to every namespace (and
 * every user-namespace level) separately, and no container can change it.
 *
 * Locking: the per-user counts and each namespace's counts are guarded by
 * ntsection_names_lock (the callers, names.c, hold it); a per-user entry
 * exists while its count is not zero, and the sections it counts pin its
 * user namespace (sec->user_ns, and through it the parents).  The live
 * count is an atomic.  A parameter may change at any time: a change
 * applies to the next create and never frees a section.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/hashtable.h>
#include <linux/ipc_namespace.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
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
		 "live sections of one user, at each user-namespace level (ENOSPC beyond)");

static unsigned long long max_section_size;
module_param(max_section_size, ullong, 0644);
MODULE_PARM_DESC(max_section_size,
		 "largest section in bytes, 0 for no limit (ENOMEM beyond)");

atomic_long_t ntsection_live_sections = ATOMIC_LONG_INIT(0);

/* The sections one user holds in one user namespace. */
struct ntsection_ucount {
	struct hlist_node node;		/* in ntsection_ucounts */
	struct user_namespace *ns;
	kuid_t uid;
	unsigned long count;		/* never 0 while hashed */
};

static DEFINE_HASHTABLE(ntsection_ucounts, 6);

/* Each level a section is counted at, as the core's ucounts walk them. */
#define for_each_ucount_level(sec, ns, uid)				\
	for ((ns) = (sec)->user_ns, (uid) = (sec)->cuid; (ns);		\
	     (uid) = (ns)->owner, (ns) = (ns)->parent)

/* 0 or -EFBIG: is a section of @size bytes allowed? */
int ntsection_check_size(u64 size)
{
	u64 max = READ_ONCE(max_section_size);

	return max && size > max ? -EFBIG : 0;
}

static unsigned long ntsection_uid_index(struct ntsection_section *sec)
{
	return from_kuid(&init_user_ns, sec->cuid);
}

/* The hash key of (@ns, @uid) in ntsection_ucounts. */
static unsigned long ntsection_ucount_key(struct user_namespace *ns,
					  kuid_t uid)
{
	return (unsigned long)ns ^ __kuid_val(uid);
}

static struct ntsection_ucount *ntsection_ucount_find(
	struct user_namespace *ns, kuid_t uid)
{
	struct ntsection_ucount *uc;

	hash_for_each_possible(ntsection_ucounts, uc, node,
			       ntsection_ucount_key(ns, uid))
		if (uc->ns == ns && uid_eq(uc->uid, uid))
			return uc;
	return NULL;
}

/* Uncount @sec at every level below @stop (NULL: at every level). */
static void ntsection_ucount_dec(struct ntsection_section *sec,
				 struct user_namespace *stop)
{
	struct ntsection_ucount *uc;
	struct user_namespace *ns;
	kuid_t uid;

	for_each_ucount_level(sec, ns, uid) {
		if (ns == stop)
			break;
		uc = ntsection_ucount_find(ns, uid);
		if (WARN_ON_ONCE(!uc))
			continue;
		if (!--uc->count) {
			hash_del(&uc->node);
			kfree(uc);
		}
	}
}

/* Count @sec at every level, or at none: 0, -ENOSPC or -ENOMEM. */
static int ntsection_ucount_inc(struct ntsection_section *sec)
{
	unsigned long max = READ_ONCE(max_sections_per_user);
	struct ntsection_ucount *uc;
	struct user_namespace *ns;
	kuid_t uid;

	for_each_ucount_level(sec, ns, uid) {
		uc = ntsection_ucount_find(ns, uid);
		if ((uc ? uc->count : 0) >= max)
			return -ENOSPC;
	}
	for_each_ucount_level(sec, ns, uid) {
		uc = ntsection_ucount_find(ns, uid);
		if (!uc) {
			uc = kzalloc(sizeof(*uc), GFP_KERNEL_ACCOUNT);
			if (!uc) {
				ntsection_ucount_dec(sec, ns);
				return -ENOMEM;
			}
			uc->ns = ns;
			uc->uid = uid;
			hash_add(ntsection_ucounts, &uc->node,
				 ntsection_ucount_key(ns, uid));
		}
		uc->count++;
	}
	return 0;
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

	ntsection_names_assert_held();
	if (l->sections >= limit)
		return -ENOSPC;
	mine = ntsection_count_read(&l->users, index);
	if (mine >= limit - l->sections &&
	    !ns_capable(sec->ipc->user_ns, CAP_SYS_RESOURCE))
		return -ENOSPC;

	ret = ntsection_ucount_inc(sec);
	if (ret)
		return ret;
	ret = ntsection_count_add(&l->users, index, 1);
	if (ret) {
		ntsection_ucount_dec(sec, NULL);
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

	ntsection_names_assert_held();
	if (!sec->charged)
		return;
	ntsection_count_add(&l->users, index, -1);
	ntsection_ucount_dec(sec, NULL);
	l->sections--;
	atomic_long_dec(&ntsection_live_sections);
	sec->charged = false;
}

/* Every section is gone before the module is: so is every count. */
void ntsection_limits_exit(void)
{
	WARN_ON(!hash_empty(ntsection_ucounts));
}
