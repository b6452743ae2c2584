// SPDX-License-Identifier: GPL-2.0
/*
 * commit.c - commit of SEC_RESERVE sections and the commit charge of every
 * pagefile-backed section: NTSECTION_IOC_COMMIT, the fault handler of
 * views of SEC_RESERVE sections, the commit state VIEW_QUERY reports, and
 * the kernel-internal tmpfs mount the backing of a SEC_RESERVE section
 * lives on.
 *
 * How a pagefile-backed section is charged against the commit limit.  A
 * module cannot call security_vm_enough_memory_mm(); shmem can, in two
 * places a module reaches: shmem_file_setup() of a file without
 * VM_NORESERVE charges its size, and a size change of such a file
 * (notify_change(), shmem_setattr()) charges or returns the difference.
 * Eviction returns what the file's size is then.  So:
 *   - the backing of every pagefile-backed section is a shmem file without
 *     VM_NORESERVE, whose pages are never charged one by one.  A
 *     SEC_COMMIT section's backing is created with its size, which shmem
 *     charges; a SEC_RESERVE section's is created empty (charging nothing)
 *     and given its size with i_size_write(), as NTSECTION_IOC_EXTEND
 *     grows it too.  sec->acct_size is what shmem charged at creation;
 *     the backing is set back to that size before it is put, so that its
 *     eviction returns exactly that charge;
 *   - every other charge (the pages NTSECTION_IOC_COMMIT commits, the
 *     growth of a SEC_COMMIT section) is held by charge files: shmem files
 *     without VM_NORESERVE that never have a page, whose size is the
 *     charge.  The last one grows with notify_change(); when the caller's
 *     RLIMIT_FSIZE would refuse that growth (and raise SIGXFSZ), a new
 *     charge file of the growth's size is made instead, which the limit
 *     does not concern.  Putting them returns the charge.
 * A committed page is thus charged once, when committed, and a fault
 * never charges anything, so it cannot fail for want of commit.
 *
 * Commit state.  sec->committed, a maple tree in RCU mode, maps ranges of
 * page offsets to a single non-NULL value; adjacent and overlapping
 * commits are merged into one range, so it costs one slot per disjoint
 * committed range, never anything per reserved page.  The fault handler
 * reads it under RCU alone.
 *
 * The backing of a SEC_RESERVE section is on a tmpfs mount of our own with
 * huge=never: a huge folio would put uncommitted pages in the page cache
 * beside a committed one (and a PMD mapping would map them).  Views of
 * SEC_RESERVE sections have no fault-around (map_pages) for the same
 * reason.
 *
 * Locking: sec->resize_lock (a mutex) serializes the commits and the
 * extensions of a section: the charge files, sec->committed_pages, the
 * maple tree's writers and sec->size.  It is taken without mmap_lock and
 * before the charge file's and the backing's inode locks.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/maple_tree.h>
#include <linux/mm.h>
#include <linux/mount.h>
#include <linux/sched/signal.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "compat.h"
#include "internal.h"

/* One charge file of a section; on sec->charges. */
struct ntsection_charge {
	struct list_head node;
	struct file *file;	/* its size is the charge */
};

/* The committed value stored in sec->committed. */
#define NTSECTION_COMMITTED	xa_mk_value(1)

static struct vfsmount *ntsection_mnt;

int ntsection_commit_init(void)
{
	/* tmpfs is built in: its type holds no module reference to put */
	struct file_system_type *type = get_fs_type("tmpfs");
	char opts[] = "huge=never";

	if (!type)
		return -ENODEV;
	ntsection_mnt = vfs_kern_mount(type, SB_KERNMOUNT, type->name, opts);
	if (IS_ERR(ntsection_mnt))
		return PTR_ERR(ntsection_mnt);
	return 0;
}

void ntsection_commit_exit(void)
{
	kern_unmount(ntsection_mnt);
}

/*
 * Give a pagefile section's backing @size bytes without charging or
 * returning anything: shmem's own charge stays what it was at creation.
 */
void ntsection_backing_set_size(struct file *backing, loff_t size)
{
	struct inode *inode = file_inode(backing);

	inode_lock(inode);
	i_size_write(inode, size);
	inode_unlock(inode);
}

/*
 * The backing of a pagefile-backed SEC_RESERVE section: @size bytes, none
 * committed, nothing charged.
 */
struct file *ntsection_reserve_file(loff_t size)
{
	struct file *file;

	file = shmem_file_setup_with_mnt(ntsection_mnt, "ntsection", 0, 0);
	if (!IS_ERR(file))
		ntsection_backing_set_size(file, size);
	return file;
}

void ntsection_commit_section_init(struct ntsection_section *sec)
{
	mutex_init(&sec->resize_lock);
	INIT_LIST_HEAD(&sec->charges);
	mt_init_flags(&sec->committed, MT_FLAGS_USE_RCU);
}

/*
 * Return every charge of @sec (the section is being freed): its charge
 * files, and whatever its backing's size holds beyond sec->acct_size.
 */
void ntsection_commit_section_free(struct ntsection_section *sec)
{
	struct ntsection_charge *c, *tmp;

	list_for_each_entry_safe(c, tmp, &sec->charges, node) {
		fput(c->file);
		kfree(c);
	}
	/*
	 * No reader is left (a fault, or VIEW_QUERY, needs a view and so
	 * the section): leave RCU mode first, as exit_mmap() does for an
	 * mm's tree, so the nodes are freed now rather than walked by an
	 * RCU callback.
	 */
	mt_clear_in_rcu(&sec->committed);
	mtree_destroy(&sec->committed);
	if (!sec->file_backed && sec->backing)
		ntsection_backing_set_size(sec->backing, sec->acct_size);
}

/* Set the size of a charge file: charges or returns the difference. */
static int ntsection_charge_resize(struct file *file, loff_t size)
{
	struct inode *inode = file_inode(file);
	struct iattr attr = {
		.ia_valid = ATTR_SIZE,
		.ia_size = size,
	};
	int ret;

	inode_lock(inode);
	ret = notify_change(ntsection_file_idmap(file), file->f_path.dentry,
			    &attr, NULL);
	inode_unlock(inode);
	return ret;
}

/*
 * Charge @pages more pages to @sec.  0 or -ENOMEM (beyond the commit
 * limit), and nothing is charged on failure.  resize_lock held.
 */
int ntsection_commit_charge(struct ntsection_section *sec, u64 pages)
{
	loff_t bytes = pages << PAGE_SHIFT;
	struct ntsection_charge *c;
	struct file *file;
	loff_t size;
	int ret;

	lockdep_assert_held(&sec->resize_lock);
	if (!list_empty(&sec->charges)) {
		c = list_last_entry(&sec->charges, struct ntsection_charge,
				    node);
		size = i_size_read(file_inode(c->file));
		if (bytes <= MAX_LFS_FILESIZE - size &&
		    size + bytes <= rlimit(RLIMIT_FSIZE)) {
			ret = ntsection_charge_resize(c->file, size + bytes);
			return ret == -ENOSPC ? -ENOMEM : ret;
		}
	}

	c = kmalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return -ENOMEM;
	/* ENOMEM beyond the commit limit */
	file = shmem_file_setup_with_mnt(ntsection_mnt, "ntsection-charge",
					 bytes, 0);
	if (IS_ERR(file)) {
		kfree(c);
		return PTR_ERR(file) == -ENOSPC ? -ENOMEM : PTR_ERR(file);
	}
	/* never opened, mapped or written: out of the LSMs' sight */
	file_inode(file)->i_flags |= S_PRIVATE;
	c->file = file;
	list_add_tail(&c->node, &sec->charges);
	return 0;
}

/* Undo the last ntsection_commit_charge(@sec, @pages). */
static void ntsection_commit_uncharge(struct ntsection_section *sec,
				      u64 pages)
{
	struct ntsection_charge *c = list_last_entry(&sec->charges,
						     struct ntsection_charge,
						     node);
	loff_t size = i_size_read(file_inode(c->file));
	loff_t bytes = pages << PAGE_SHIFT;

	if (size == bytes) {
		list_del(&c->node);
		fput(c->file);
		kfree(c);
		return;
	}
	WARN_ON_ONCE(ntsection_charge_resize(c->file, size - bytes));
}

/* The committed pages among [@first, @last]; resize_lock or RCU. */
static u64 ntsection_committed_in(struct ntsection_section *sec,
				  unsigned long first, unsigned long last)
{
	MA_STATE(mas, &sec->committed, first, first);
	u64 pages = 0;
	void *entry;

	rcu_read_lock();
	mas_for_each(&mas, entry, last)
		pages += min(mas.last, last) - max(mas.index, first) + 1;
	rcu_read_unlock();
	return pages;
}

/* The committed range containing @index, if any, widens [*first, *last]. */
static void ntsection_commit_widen(struct ntsection_section *sec,
				   unsigned long index, unsigned long *first,
				   unsigned long *last)
{
	MA_STATE(mas, &sec->committed, index, index);

	rcu_read_lock();
	if (mas_walk(&mas)) {
		*first = min(*first, mas.index);
		*last = max(*last, mas.last);
	}
	rcu_read_unlock();
}

/*
 * Commit the pages [@first, @last] of a pagefile-backed SEC_RESERVE
 * section.  Returns the pages newly committed, or a negative errno.
 */
static long ntsection_commit_range(struct ntsection_section *sec,
				   unsigned long first, unsigned long last)
{
	unsigned long lo = first, hi = last;
	u64 pages;
	int ret;

	if (mutex_lock_killable(&sec->resize_lock))
		return -EINTR;
	ret = -EINVAL;
	if (last >= READ_ONCE(sec->size) >> PAGE_SHIFT)
		goto out_unlock;
	pages = (u64)(last - first + 1) -
		ntsection_committed_in(sec, first, last);
	ret = 0;
	if (!pages)
		goto out_unlock;
	ret = ntsection_commit_charge(sec, pages);
	if (ret)
		goto out_unlock;
	/* merge with the committed ranges it touches */
	if (first)
		ntsection_commit_widen(sec, first - 1, &lo, &hi);
	if (last != ULONG_MAX)
		ntsection_commit_widen(sec, last + 1, &lo, &hi);
	ret = mtree_store_range(&sec->committed, lo, hi, NTSECTION_COMMITTED,
				GFP_KERNEL_ACCOUNT);
	if (ret) {
		ntsection_commit_uncharge(sec, pages);
		goto out_unlock;
	}
	WRITE_ONCE(sec->committed_pages, sec->committed_pages + pages);
	mutex_unlock(&sec->resize_lock);
	return pages;

out_unlock:
	mutex_unlock(&sec->resize_lock);
	return ret;
}

/* NTSECTION_IOC_COMMIT */
int ntsection_ioc_commit(void __user *argp)
{
	struct ntsection_commit_args args;
	struct mm_struct *mm = current->mm;
	struct ntsection_section *sec;
	unsigned long first, last;
	struct ntsection_view v;
	long ret;
	u64 end;

	if (copy_from_user(&args, argp, sizeof(args)))
		return -EFAULT;
	if (args.flags || args.pad || !args.length ||
	    !PAGE_ALIGNED(args.address) || !PAGE_ALIGNED(args.length) ||
	    check_add_overflow(args.address, args.length, &end))
		return -EINVAL;

	ret = ntsection_lock_view(mm, args.address, &v);
	if (ret)
		return ret;
	sec = v.sec;
	if (end > v.end) {
		mmap_read_unlock(mm);
		return -EINVAL;
	}
	first = (v.offset + (args.address - v.start)) >> PAGE_SHIFT;
	last = first + (args.length >> PAGE_SHIFT) - 1;
	ntsection_get(sec);
	mmap_read_unlock(mm);

	if (sec->file_backed)
		ret = -EACCES;
	else if (!sec->reserve)
		ret = 0;	/* SEC_COMMIT: committed already */
	else
		ret = ntsection_commit_range(sec, first, last);
	ntsection_put(sec);
	if (ret < 0)
		return ret;

	args.committed = (u64)ret << PAGE_SHIFT;
	if (copy_to_user(argp, &args, sizeof(args)))
		return -EFAULT;
	return 0;
}

/* Bytes of @sec that are committed, for ntsection_info. */
u64 ntsection_committed_bytes(struct ntsection_section *sec)
{
	if (sec->file_backed || !sec->reserve)
		return READ_ONCE(sec->size);
	return READ_ONCE(sec->committed_pages) << PAGE_SHIFT;
}

/*
 * The commit state of page @pgoff of @sec, and the run of pages around it
 * with that state, [*first, *last].  No lock needed.
 */
bool ntsection_commit_state(struct ntsection_section *sec, unsigned long pgoff,
			    unsigned long *first, unsigned long *last)
{
	MA_STATE(mas, &sec->committed, pgoff, pgoff);
	unsigned long end;
	bool committed;

	if (!sec->reserve) {
		*first = 0;
		*last = ULONG_MAX;
		return true;
	}
	if (sec->file_backed) {
		end = PAGE_ALIGN(READ_ONCE(sec->size)) >> PAGE_SHIFT;
		committed = pgoff < end;
		*first = committed ? 0 : end;
		*last = committed ? end - 1 : ULONG_MAX;
		return committed;
	}
	rcu_read_lock();
	committed = mas_walk(&mas);
	*first = mas.index;
	*last = mas.last;
	rcu_read_unlock();
	return committed;
}

/*
 * ->fault of views of SEC_RESERVE sections: an uncommitted page of a
 * pagefile-backed section, or a page past the end of a file-backed one (a
 * view may be mapped larger than it), is an access violation.
 */
vm_fault_t ntsection_reserve_fault(struct vm_fault *vmf)
{
	struct ntsection_section *sec = ntsection_vma_section(vmf->vma);

	if (sec->file_backed) {
		if (vmf->pgoff >=
		    PAGE_ALIGN(READ_ONCE(sec->size)) >> PAGE_SHIFT)
			return VM_FAULT_SIGSEGV;
	} else if (!mtree_load(&sec->committed, vmf->pgoff)) {
		return VM_FAULT_SIGSEGV;
	}
	return sec->vops.backing_ops->fault(vmf);
}
