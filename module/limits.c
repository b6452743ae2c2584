// SPDX-License-Identifier: GPL-2.0
/*
 * limits.c - how many sections may live, per user and in all, and how big
 * one may be: the module parameters max_sections, max_sections_per_user
 * and max_section_size (see the UAPI header, "Limits").
 *
 * Owns: the parameters, the live-section count (which is the count the
 * max_sections limit is checked against) and the per-user counts.
 *
 * Locking: the live count is an atomic.  The per-user counts live in an
 * xarray indexed by the creator's uid (as seen from init_user_ns), guarded
 * by the xarray's own lock; an entry is removed when its count drops to
 * zero.  A parameter may change at any time: a change applies to the next
 * create and never frees a section.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/moduleparam.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <linux/xarray.h>

#include "internal.h"

static unsigned int max_sections = 131072;
module_param(max_sections, uint, 0644);
MODULE_PARM_DESC(max_sections, "live sections in all (ENOSPC beyond)");

static unsigned int max_sections_per_user = 65536;
module_param(max_sections_per_user, uint, 0644);
MODULE_PARM_DESC(max_sections_per_user,
		 "live sections created by one effective uid (ENOSPC beyond)");

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

/* Count a new section against both count limits: 0 or -ENOSPC/-ENOMEM. */
int ntsection_charge(struct ntsection_section *sec)
{
	unsigned long index = ntsection_uid_index(sec);
	unsigned long count;
	void *entry;
	int ret = 0;

	if (atomic_long_inc_return(&ntsection_live_sections) >
	    READ_ONCE(max_sections)) {
		atomic_long_dec(&ntsection_live_sections);
		return -ENOSPC;
	}

	xa_lock(&ntsection_user_counts);
	entry = xa_load(&ntsection_user_counts, index);
	count = entry ? xa_to_value(entry) : 0;
	if (count >= READ_ONCE(max_sections_per_user)) {
		ret = -ENOSPC;
	} else {
		entry = __xa_store(&ntsection_user_counts, index,
				   xa_mk_value(count + 1), GFP_ATOMIC);
		if (xa_is_err(entry))
			ret = xa_err(entry);
	}
	xa_unlock(&ntsection_user_counts);

	if (ret) {
		atomic_long_dec(&ntsection_live_sections);
		return ret;
	}
	sec->charged = true;
	return 0;
}

void ntsection_uncharge(struct ntsection_section *sec)
{
	unsigned long index = ntsection_uid_index(sec);
	unsigned long count;

	if (!sec->charged)
		return;
	xa_lock(&ntsection_user_counts);
	count = xa_to_value(xa_load(&ntsection_user_counts, index));
	if (count > 1)
		__xa_store(&ntsection_user_counts, index,
			   xa_mk_value(count - 1), GFP_ATOMIC);
	else
		__xa_erase(&ntsection_user_counts, index);
	xa_unlock(&ntsection_user_counts);
	atomic_long_dec(&ntsection_live_sections);
}

void ntsection_limits_exit(void)
{
	xa_destroy(&ntsection_user_counts);
}
