// SPDX-License-Identifier: GPL-2.0
/*
 * view.c - views: mmap(2) of a section fd, their vm_operations, and the
 * NTSECTION_IOC_VIEW_QUERY and NTSECTION_IOC_FLUSH ioctls.
 *
 * Owns: the rights check and cap of every view, the swap of the vma to the
 * backing file, and the per-section vm_ops that count views.
 *
 * A view's vma is handed to the backing file (vma_set_file() + the
 * backing's own mmap), so faults, dirty tracking, writeback and msync(2)
 * are the backing's.  After the backing's mmap has set vma->vm_ops, we
 * replace them by sec->vops: a copy of the backing's vm_ops with only
 * open/close replaced (to hold a section reference and a module reference
 * per vma).  Nothing is added to the fault path.  Because the copy is not
 * &shmem_vm_ops, vma_is_shmem() is false for pagefile views: the core then
 * treats them as ordinary file mappings (no shmem THP collapse by
 * khugepaged, no shmem swap line in smaps), which is harmless.
 *
 * Locking: sec->vops_lock (a spinlock) guards the one-time fill of
 * sec->vops in ntsection_mmap() (called with mmap_lock held for write).
 * VIEW_QUERY and FLUSH look views up under mmap_read_lock, copy what they
 * need, drop it and only then copy to user space or write back.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/pagemap.h>
#include <linux/uaccess.h>

#include "compat.h"
#include "internal.h"

static void ntsection_vm_close(struct vm_area_struct *vma);

/* The section of a view vma, or NULL if @vma is not a view. */
static struct ntsection_section *ntsection_vma_section(
	struct vm_area_struct *vma)
{
	if (!vma || !vma->vm_ops || vma->vm_ops->close != ntsection_vm_close)
		return NULL;
	return container_of(vma->vm_ops, struct ntsection_section, vops.ops);
}

/* A vma copied from a view (fork, split, mremap): one more reference. */
static void ntsection_vm_open(struct vm_area_struct *vma)
{
	struct ntsection_section *sec = ntsection_vma_section(vma);

	if (sec->vops.backing_ops && sec->vops.backing_ops->open)
		sec->vops.backing_ops->open(vma);
	ntsection_get(sec);
	atomic_long_inc(&sec->views);
	__module_get(THIS_MODULE);
}

static void ntsection_vm_close(struct vm_area_struct *vma)
{
	struct ntsection_section *sec = ntsection_vma_section(vma);

	if (sec->vops.backing_ops && sec->vops.backing_ops->close)
		sec->vops.backing_ops->close(vma);
	atomic_long_dec(&sec->views);
	ntsection_put(sec);
	/*
	 * Last: after it only our return instruction runs.  (A module
	 * cannot close that window itself; rmmod of a module in use by a
	 * view being unmapped at that very instant is the one race left.)
	 */
	module_put(THIS_MODULE);
}

/*
 * Make @vma use sec->vops.  The first view fills them from the backing's
 * vm_ops; a backing never changes its vm_ops from one mmap to the next
 * (shmem and the regular filesystems do not), but should one do so, the
 * view keeps the backing's own vm_ops: it then works but is not counted
 * and VIEW_QUERY does not see it.
 */
static void ntsection_track_view(struct ntsection_section *sec,
				 struct vm_area_struct *vma)
{
	bool ours;

	spin_lock(&sec->vops_lock);
	if (!sec->vops_filled) {
		if (vma->vm_ops)
			sec->vops.ops = *vma->vm_ops;
		sec->vops.ops.open = ntsection_vm_open;
		sec->vops.ops.close = ntsection_vm_close;
		sec->vops.backing_ops = vma->vm_ops;
		sec->vops_filled = true;
	}
	ours = sec->vops.backing_ops == vma->vm_ops;
	spin_unlock(&sec->vops_lock);

	if (!ours) {
		pr_notice_once("backing vm_ops changed; view not tracked\n");
		return;
	}
	ntsection_get(sec);
	atomic_long_inc(&sec->views);
	__module_get(THIS_MODULE);
	vma->vm_ops = &sec->vops.ops;
}

/*
 * ->mmap of a section fd: check the range and the rights, cap the view's
 * maximum rights, then hand the vma to the backing file.
 */
int ntsection_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ntsection_handle *h = file->private_data;
	struct ntsection_section *sec = h->sec;
	bool shared = vma->vm_flags & VM_MAYSHARE;
	bool can_write = (h->access & NTSECTION_SECTION_MAP_WRITE) &&
			 ntsection_prot_writable(sec->protect);
	bool can_exec = (h->access & NTSECTION_SECTION_MAP_EXECUTE) &&
			ntsection_prot_executable(sec->protect);
	u64 offset = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 end;
	int ret;

	if (check_add_overflow(offset, (u64)(vma->vm_end - vma->vm_start),
			       &end) || end > PAGE_ALIGN(sec->size))
		return -ENXIO;
	/*
	 * A shared writable view needs SECTION_MAP_WRITE, and that alone
	 * (as on Windows: a FILE_MAP_WRITE handle maps FILE_MAP_WRITE views);
	 * every other view needs SECTION_MAP_READ.
	 */
	if (shared && (vma->vm_flags & VM_WRITE)) {
		if (!can_write)
			return -EACCES;
	} else if (!(h->access & NTSECTION_SECTION_MAP_READ)) {
		return -EACCES;
	}
	if ((vma->vm_flags & VM_EXEC) && !can_exec)
		return -EACCES;

	/*
	 * The cap: what the view may not have now it may never get, through
	 * mprotect() or the copies mremap() and fork() make.  A copy-on-write
	 * view may always become writable.
	 *
	 * VM_DONTEXPAND for views of files: mremap() may not grow them over
	 * file data past what was checked above.  (It makes the vma
	 * VM_SPECIAL, which mlock() skips.)  A pagefile section's shmem file
	 * ends where the section does and nobody else can grow it, so a
	 * grown view of it only gains pages that raise SIGBUS, and stays
	 * lockable.
	 */
	if (shared && !can_write)
		vm_flags_clear(vma, VM_MAYWRITE);
	if (!can_exec)
		vm_flags_clear(vma, VM_MAYEXEC);
	if (sec->file_backed)
		vm_flags_set(vma, VM_DONTEXPAND);

	/*
	 * The core counted our (anon inode) file as write-mapped while we
	 * run, and will count the backing once the vma is linked, without a
	 * check.  So check here that the backing may be write-mapped at all
	 * (a memfd with F_SEAL_WRITE may not: counting it would undo the
	 * seal's denial); a seal added between this check and the link is not
	 * caught.
	 */
	if (ntsection_counts_as_writable(vma->vm_flags)) {
		ret = mapping_map_writable(sec->backing->f_mapping);
		if (ret)
			return ret;
		mapping_unmap_writable(sec->backing->f_mapping);
	}

	vma_set_file(vma, sec->backing);
	ret = ntsection_backing_mmap(sec->backing, vma);
	if (ret)
		return ret;
	ntsection_track_view(sec, vma);
	return 0;
}

/* A view as VIEW_QUERY and FLUSH see it. */
struct ntsection_view {
	struct ntsection_section *sec;
	struct vm_area_struct *vma;	/* the vma containing the address */
	unsigned long start, end;	/* the whole view */
	u64 offset;			/* section offset of start */
};

static bool ntsection_same_view(struct vm_area_struct *a,
				struct vm_area_struct *b)
{
	const unsigned long keep = VM_MAYSHARE | VM_MAYREAD | VM_MAYWRITE |
				   VM_MAYEXEC;

	return ntsection_vma_section(a) == ntsection_vma_section(b) &&
	       !((a->vm_flags ^ b->vm_flags) & keep);
}

/* Find the view containing @addr; mmap_lock held.  0 or -ENXIO. */
static int ntsection_find_view(struct mm_struct *mm, unsigned long addr,
			       struct ntsection_view *v)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	struct vm_area_struct *cur, *next;

	/* mmap_assert_locked() needs dump_mm(), not exported on 6.1 */
	lockdep_assert_held(&mm->mmap_lock);
	v->sec = ntsection_vma_section(vma);
	if (!v->sec)
		return -ENXIO;
	v->vma = vma;

	cur = vma;
	while (cur->vm_start &&
	       (next = vma_lookup(mm, cur->vm_start - 1)) &&
	       next->vm_end == cur->vm_start && ntsection_same_view(next, cur) &&
	       next->vm_pgoff + vma_pages(next) == cur->vm_pgoff)
		cur = next;
	v->start = cur->vm_start;
	v->offset = (u64)cur->vm_pgoff << PAGE_SHIFT;

	cur = vma;
	while ((next = vma_lookup(mm, cur->vm_end)) &&
	       next->vm_start == cur->vm_end && ntsection_same_view(next, cur) &&
	       cur->vm_pgoff + vma_pages(cur) == next->vm_pgoff)
		cur = next;
	v->end = cur->vm_end;
	return 0;
}

static u32 ntsection_prot(unsigned long vm_flags, unsigned long r,
			  unsigned long w, unsigned long x)
{
	return ((vm_flags & r) ? PROT_READ : 0) |
	       ((vm_flags & w) ? PROT_WRITE : 0) |
	       ((vm_flags & x) ? PROT_EXEC : 0);
}

int ntsection_view_query(void __user *argp)
{
	struct ntsection_view_query_args args;
	struct mm_struct *mm = current->mm;
	struct ntsection_view v;
	unsigned long flags;
	int ret;

	if (copy_from_user(&args, argp, sizeof(args)))
		return -EFAULT;
	if (args.flags || args.pad)
		return -EINVAL;
	if (args.address > ULONG_MAX)
		return -ENXIO;

	if (mmap_read_lock_killable(mm))
		return -EINTR;
	ret = ntsection_find_view(mm, args.address, &v);
	if (ret) {
		mmap_read_unlock(mm);
		return ret;
	}
	flags = v.vma->vm_flags;
	args.view_start = v.start;
	args.view_length = v.end - v.start;
	args.offset = v.offset;
	args.view_flags = (flags & VM_MAYSHARE) ? NTSECTION_VIEW_SHARED :
						  NTSECTION_VIEW_COPY_ON_WRITE;
	args.prot = ntsection_prot(flags, VM_READ, VM_WRITE, VM_EXEC);
	args.max_prot = ntsection_prot(flags, VM_MAYREAD, VM_MAYWRITE,
				       VM_MAYEXEC);
	args.pad2 = 0;
	ntsection_fill_info(v.sec, 0, &args.section);
	mmap_read_unlock(mm);

	if (copy_to_user(argp, &args, sizeof(args)))
		return -EFAULT;
	return 0;
}

int ntsection_flush(void __user *argp)
{
	struct ntsection_flush_args args;
	struct mm_struct *mm = current->mm;
	struct file *file = NULL;
	struct ntsection_view v;
	loff_t start = 0, end = 0;
	u64 last;
	int ret;

	if (copy_from_user(&args, argp, sizeof(args)))
		return -EFAULT;
	if (args.flags || args.pad)
		return -EINVAL;
	if (args.address > ULONG_MAX)
		return -ENXIO;
	if (check_add_overflow(args.address, args.length, &last))
		return -EINVAL;

	if (mmap_read_lock_killable(mm))
		return -EINTR;
	ret = ntsection_find_view(mm, args.address, &v);
	if (ret)
		goto out_unlock;
	if (!args.length)
		last = v.end;
	ret = -EINVAL;
	if (last > v.end)
		goto out_unlock;
	ret = 0;
	if (v.sec->file_backed && (v.vma->vm_flags & VM_MAYSHARE) &&
	    last > args.address) {
		file = get_file(v.vma->vm_file);
		start = v.offset + (args.address - v.start);
		end = start + (last - args.address) - 1;
	}
out_unlock:
	mmap_read_unlock(mm);

	if (file) {
		ret = filemap_write_and_wait_range(file->f_mapping, start, end);
		fput(file);
	}
	return ret;
}
