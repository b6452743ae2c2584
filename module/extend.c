// SPDX-License-Identifier: GPL-2.0
/*
 * extend.c - NTSECTION_IOC_EXTEND: growing a section (NtExtendSection).
 *
 * A pagefile-backed section grows its backing: a SEC_COMMIT section
 * charges the growth first (commit.c says how), a SEC_RESERVE section's
 * new pages are uncommitted and charge nothing.  A file-backed section
 * grows its file when the file is smaller than the new size and the
 * section could grow it at creation (ntsection_grow()).  sec->size is
 * written last, so a view mapped, or a fault of a larger view, that sees
 * the new size finds the backing grown already.
 *
 * Locking: sec->resize_lock serializes it with commits (commit.c); the
 * backing's inode lock is taken under it.
 *
 * A large-page section (large.c) does not grow: EOPNOTSUPP.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/uaccess.h>

#include "internal.h"

static int ntsection_extend_pagefile(struct ntsection_section *sec,
				     u64 size)
{
	int ret;

	if (!sec->reserve) {
		ret = ntsection_commit_charge(sec,
					      (size - sec->size) >> PAGE_SHIFT);
		if (ret)
			return ret;
	}
	ntsection_backing_set_size(sec->backing, size);
	return 0;
}

static int ntsection_extend_file(struct ntsection_section *sec, u64 size)
{
	struct file *file = sec->backing;

	if (size <= i_size_read(file_inode(file)))
		return 0;
	if (!ntsection_prot_writable(sec->protect))
		return -EFBIG;
	return ntsection_grow(file, size);
}

/* Grow @sec to at least @size bytes; 0 or a negative errno. */
static int ntsection_extend(struct ntsection_section *sec, u64 size)
{
	u64 limit = sec->file_backed ? MAX_LFS_FILESIZE :
				       MAX_LFS_FILESIZE - PAGE_SIZE + 1;
	int ret;

	if (size > limit)
		return -EFBIG;
	if (!sec->file_backed)
		size = PAGE_ALIGN(size);
	if (mutex_lock_killable(&sec->resize_lock))
		return -EINTR;
	ret = 0;
	if (size <= sec->size)
		goto out_unlock;
	ret = -EOPNOTSUPP;	/* its pages are allocated and locked once */
	if (sec->large_pages)
		goto out_unlock;
	ret = ntsection_check_size(size);
	if (ret)
		goto out_unlock;
	if (sec->file_backed)
		ret = ntsection_extend_file(sec, size);
	else
		ret = ntsection_extend_pagefile(sec, size);
	if (!ret)
		WRITE_ONCE(sec->size, size);
out_unlock:
	mutex_unlock(&sec->resize_lock);
	return ret;
}

/* NTSECTION_IOC_EXTEND */
int ntsection_ioc_extend(struct ntsection_handle *h, void __user *argp)
{
	struct ntsection_extend_args args;
	int ret;

	if (copy_from_user(&args, argp, sizeof(args)))
		return -EFAULT;
	if (args.flags || args.pad)
		return -EINVAL;
	if (!(h->access & NTSECTION_SECTION_EXTEND_SIZE))
		return -EACCES;
	ret = ntsection_extend(h->sec, args.size);
	if (ret)
		return ret;
	args.size = READ_ONCE(h->sec->size);
	if (copy_to_user(argp, &args, sizeof(args)))
		return -EFAULT;
	return 0;
}
