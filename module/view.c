// SPDX-License-Identifier: GPL-2.0
/*
 * view.c - views: mmap(2) of a section fd, the view files and vm_operations
 * behind them, and the NTSECTION_IOC_VIEW_QUERY and NTSECTION_IOC_FLUSH
 * ioctls.
 *
 * Owns: the rights check and cap of every view, the view files, and the
 * per-section vm_ops that count views.
 *
 * The model is ipc/shm.c's.  A view's vma never holds the backing file:
 * its vm_file is a view file of the module, one per mmap(2) of a handle
 * (as shm.c makes one per shmat()), made with alloc_file_pseudo() on the
 * backing's own inode and mount and the module's file operations (shm.c
 * uses alloc_file_clone(), which modules cannot call).  So
 *   - every path that maps a vma's file again (remap_file_pages(2), a
 *     future one) comes back through ntsection_view_mmap() and the same
 *     checks as the first mmap, against the rights of the handle the view
 *     came from;
 *   - the vma's inode and mapping are the backing's, so shmem's fault, the
 *     filesystem's page_mkwrite and dirty tracking, and the core's count
 *     of writable mappings (which write seals test) work as for a native
 *     mapping (see ntsection_view_file_new()); msync(2) reaches the
 *     backing through ->fsync;
 *   - the view file pins the section and the module (f_op->owner) until
 *     the core has closed the last vma and freed the file.
 * The backing's mmap still sets up the vma; its vm_ops are then replaced
 * by sec->vops, a copy of them with open and close ours (to count views):
 * faults go straight to the backing, nothing is added to the fault path.
 * Because the copy is not &shmem_vm_ops, vma_is_shmem() is false for
 * pagefile views, as for SysV shm: the core treats them as file mappings
 * of their own (no khugepaged collapse, no userfaultfd registration).
 *
 * Locking: sec->vops_lock (a spinlock) guards the one-time fill of
 * sec->vops in ->mmap (called with mmap_lock held for write).  VIEW_QUERY
 * and FLUSH look
 * views up under mmap_read_lock, copy what they need, drop it and only
 * then copy to user space or write back.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/pagemap.h>
#include <linux/personality.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "compat.h"
#include "internal.h"

/* private_data of a view file */
struct ntsection_view_file {
	struct ntsection_section *sec;	/* one reference */
	u32 rights;	/* NTSECTION_SECTION_MAP_* the views may have */
	bool writable;	/* holds a writable-mapping count of the backing */
};

static void ntsection_vm_close(struct vm_area_struct *vma);

/* The section of a view vma, or NULL if @vma is not a view. */
struct ntsection_section *ntsection_vma_section(struct vm_area_struct *vma)
{
	if (!vma || !vma->vm_ops || vma->vm_ops->close != ntsection_vm_close)
		return NULL;
	return container_of(vma->vm_ops, struct ntsection_section, vops.ops);
}

/* A vma copied from a view (fork, split, mremap): one more view. */
static void ntsection_vm_open(struct vm_area_struct *vma)
{
	struct ntsection_section *sec = ntsection_vma_section(vma);

	if (sec->vops.backing_ops && sec->vops.backing_ops->open)
		sec->vops.backing_ops->open(vma);
	atomic_long_inc(&sec->views);
}

/* The vma's view file keeps the section and the module past this. */
static void ntsection_vm_close(struct vm_area_struct *vma)
{
	struct ntsection_section *sec = ntsection_vma_section(vma);

	if (sec->vops.backing_ops && sec->vops.backing_ops->close)
		sec->vops.backing_ops->close(vma);
	atomic_long_dec(&sec->views);
}

/*
 * Make @vma use sec->vops.  The first view fills them from the backing's
 * vm_ops; a SEC_RESERVE section's get ntsection_reserve_fault() in front
 * of the backing's fault and no fault-around, which would map pages the
 * fault handler refuses (commit.c).  A backing never changes its vm_ops
 * from one mmap to the next (shmem and the regular filesystems do not),
 * but should one do so, the view keeps the backing's own vm_ops: it then
 * works (its vm_file is still the view file) but is not counted and
 * VIEW_QUERY does not see it.
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
		if (sec->reserve && sec->vops.ops.fault) {
			sec->vops.ops.fault = ntsection_reserve_fault;
			sec->vops.ops.map_pages = NULL;
		}
		sec->vops.backing_ops = vma->vm_ops;
		sec->vops_filled = true;
	}
	ours = sec->vops.backing_ops == vma->vm_ops;
	spin_unlock(&sec->vops_lock);

	if (!ours) {
		pr_notice_once("backing vm_ops changed; view not tracked\n");
		return;
	}
	atomic_long_inc(&sec->views);
	vma->vm_ops = &sec->vops.ops;
}

/* What views of @sec through a handle with @access may have. */
u32 ntsection_view_rights(struct ntsection_section *sec, u32 access)
{
	u32 rights = access & NTSECTION_SECTION_MAP_READ;

	if ((access & NTSECTION_SECTION_MAP_WRITE) &&
	    ntsection_prot_writable(sec->protect))
		rights |= NTSECTION_SECTION_MAP_WRITE;
	if ((access & NTSECTION_SECTION_MAP_EXECUTE) &&
	    ntsection_prot_executable(sec->protect))
		rights |= NTSECTION_SECTION_MAP_EXECUTE;
	return rights;
}

/*
 * Check a new view (or a remap of one) against the section's size and the
 * @rights of its handle, and cap its maximum rights.  A view of a
 * file-backed SEC_RESERVE section may reach past the section's end (rule
 * 44 of docs/windows-rules.md): its pages there fault until the section is
 * extended over them (ntsection_reserve_fault()).
 */
static int ntsection_view_check(struct ntsection_section *sec, u32 rights,
				struct vm_area_struct *vma)
{
	bool shared = vma->vm_flags & VM_MAYSHARE;
	u64 offset = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 end, limit;

	limit = sec->file_backed && sec->reserve ? MAX_LFS_FILESIZE :
		PAGE_ALIGN(READ_ONCE(sec->size));
	if (check_add_overflow(offset, (u64)(vma->vm_end - vma->vm_start),
			       &end) || end > limit)
		return -ENXIO;
	/* large pages are mapped whole, by PMD entries (large.c) */
	if (sec->large_pages &&
	    !IS_ALIGNED(vma->vm_start | vma->vm_end | offset,
			ntsection_view_align(sec)))
		return -EINVAL;
	/*
	 * A shared writable view needs SECTION_MAP_WRITE, and that alone
	 * (as on Windows: a FILE_MAP_WRITE handle maps FILE_MAP_WRITE views);
	 * every other view needs SECTION_MAP_READ.
	 */
	if (shared && (vma->vm_flags & VM_WRITE)) {
		if (!(rights & NTSECTION_SECTION_MAP_WRITE))
			return -EACCES;
	} else if (!(rights & NTSECTION_SECTION_MAP_READ)) {
		return -EACCES;
	}
	if ((vma->vm_flags & VM_EXEC) &&
	    !(rights & NTSECTION_SECTION_MAP_EXECUTE)) {
		/*
		 * Under READ_IMPLIES_EXEC the core added PROT_EXEC to a
		 * readable mapping; it leaves it out for a file that may not
		 * be executed (a noexec mount), and so do we.
		 */
		if (!(current->personality & READ_IMPLIES_EXEC))
			return -EACCES;
		vm_flags_clear(vma, VM_EXEC);
	}

	/*
	 * The cap: what the view may not have now it may never get, through
	 * mprotect() or the copies mremap() and fork() make.  A copy-on-write
	 * view may always become writable.
	 *
	 * VM_DONTEXPAND for views of files: mremap() may not grow them over
	 * file data past what was checked above.  (It makes the vma
	 * VM_SPECIAL, which mlock() skips.)  A pagefile section's shmem file
	 * ends where the section does and only NTSECTION_IOC_EXTEND grows it,
	 * so a grown view of it gains pages that raise SIGBUS or pages of the
	 * same section, with the same rights, and stays lockable.
	 */
	if (shared && !(rights & NTSECTION_SECTION_MAP_WRITE))
		vm_flags_clear(vma, VM_MAYWRITE);
	if (!(rights & NTSECTION_SECTION_MAP_EXECUTE))
		vm_flags_clear(vma, VM_MAYEXEC);
	if (sec->file_backed)
		vm_flags_set(vma, VM_DONTEXPAND);
	return 0;
}

/* Let the backing set up @vma (its vm_file a view file), then count it. */
static int ntsection_view_setup(struct ntsection_section *sec,
				struct vm_area_struct *vma)
{
	int ret = ntsection_backing_mmap(sec->backing, vma);

	if (ret)
		return ret;
	ntsection_track_view(sec, vma);
	return 0;
}

/*
 * Where a view of @sec may start: Windows' allocation granularity, or the
 * large page size, which the PMD entries of a large-page view need.
 */
unsigned long ntsection_view_align(struct ntsection_section *sec)
{
	return sec->large_pages ? ntsection_large_page_size() :
		NTSECTION_VIEW_ALIGNMENT;
}

/*
 * Find room for a view of @sec that starts on ntsection_view_align(), as
 * thp_get_unmapped_area() finds room for a PMD-aligned mapping: search for
 * @len plus the alignment and round the start up.  An aligned hint is
 * tried as it is first; MAP_FIXED is the caller's business (a large-page
 * view is then checked by ntsection_view_check()).
 */
static unsigned long ntsection_view_area(struct ntsection_section *sec,
					 struct file *file, unsigned long addr,
					 unsigned long len, unsigned long pgoff,
					 unsigned long flags)
{
	unsigned long align = ntsection_view_align(sec);
	unsigned long ret, padded;

	if (flags & MAP_FIXED)
		return ntsection_mm_get_unmapped_area(file, addr, len, pgoff,
						      flags);
	if (addr && IS_ALIGNED(addr, align)) {
		ret = ntsection_mm_get_unmapped_area(file, addr, len, pgoff,
						     flags);
		if (ret == addr)
			return ret;
	}
	if (check_add_overflow(len, align - PAGE_SIZE, &padded))
		return -ENOMEM;
	ret = ntsection_mm_get_unmapped_area(file, addr, padded, pgoff, flags);
	if (IS_ERR_VALUE(ret))
		return ret;
	return ALIGN(ret, align);
}

/* ->get_unmapped_area of a section fd: every mmap(2) of a handle. */
unsigned long ntsection_get_unmapped_area(struct file *file,
					  unsigned long addr,
					  unsigned long len,
					  unsigned long pgoff,
					  unsigned long flags)
{
	struct ntsection_handle *h = file->private_data;

	return ntsection_view_area(h->sec, file, addr, len, pgoff, flags);
}

/* ->get_unmapped_area of a view file: mremap(2) moving a view. */
static unsigned long ntsection_view_get_unmapped_area(struct file *file,
						      unsigned long addr,
						      unsigned long len,
						      unsigned long pgoff,
						      unsigned long flags)
{
	struct ntsection_view_file *vf = file->private_data;

	return ntsection_view_area(vf->sec, file, addr, len, pgoff, flags);
}

/* ->mmap of a view file: remap_file_pages(2) and the like. */
static int ntsection_view_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ntsection_view_file *vf = file->private_data;
	int ret;

	ret = ntsection_view_check(vf->sec, vf->rights, vma);
	if (ret)
		return ret;
	return ntsection_view_setup(vf->sec, vma);
}

/* msync(2) of a view: the backing's fsync. */
static int ntsection_view_fsync(struct file *file, loff_t start, loff_t end,
				int datasync)
{
	struct ntsection_view_file *vf = file->private_data;

	return vfs_fsync_range(vf->sec->backing, start, end, datasync);
}

static int ntsection_view_release(struct inode *inode, struct file *file)
{
	struct ntsection_view_file *vf = file->private_data;

	if (vf->writable)
		mapping_unmap_writable(file->f_mapping);
	ntsection_put(vf->sec);
	kfree(vf);
	return 0;
}

static const struct file_operations ntsection_view_fops = {
	.owner		= THIS_MODULE,
	.mmap		= ntsection_view_mmap,
	.get_unmapped_area = ntsection_view_get_unmapped_area,
	.fsync		= ntsection_view_fsync,
	.release	= ntsection_view_release,
};

/*
 * A new view file for a view @vma (already checked) of @sec through a
 * handle with @rights: on the backing's inode and mount (so the mount's
 * read-only and noexec flags, and its lifetime, are the backing's).
 *
 * A shared view that may become writable gets a writable file, which
 * counts as a writable mapping of the backing from here until the file is
 * freed.  The core counts the vma itself only when it links it, without a
 * check; this count, taken with the check (EPERM once the file is
 * write-sealed), covers the window, so no seal can be added while a
 * writable view is being made.  Every other view gets a read-only file, so
 * that a remap of it cannot be writable either.
 */
static struct file *ntsection_view_file_new(struct ntsection_section *sec,
					    u32 rights,
					    struct vm_area_struct *vma)
{
	bool writable = (vma->vm_flags & VM_SHARED) &&
			(vma->vm_flags & VM_MAYWRITE);
	struct address_space *mapping = sec->backing->f_mapping;
	struct inode *inode = file_inode(sec->backing);
	struct ntsection_view_file *vf;
	struct file *file;
	int ret;

	vf = kmalloc(sizeof(*vf), GFP_KERNEL_ACCOUNT);
	if (!vf)
		return ERR_PTR(-ENOMEM);
	vf->sec = sec;
	vf->rights = rights;
	vf->writable = writable;
	if (writable) {
		ret = mapping_map_writable(mapping);
		if (ret)
			goto err_free;
	}

	__module_get(THIS_MODULE);	/* the file's f_op->owner reference */
	ihold(inode);
	file = alloc_file_pseudo(inode, sec->backing->f_path.mnt, "ntsection",
				 writable ? O_RDWR : O_RDONLY,
				 &ntsection_view_fops);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		goto err_module;
	}
	ntsection_get(sec);
	file->private_data = vf;
	file_ra_state_init(&file->f_ra, mapping);
	return file;

err_module:
	iput(inode);
	module_put(THIS_MODULE);
	if (writable)
		mapping_unmap_writable(mapping);
err_free:
	kfree(vf);
	return ERR_PTR(ret);
}

/*
 * ->mmap of a section fd: check the range and the rights, cap the view's
 * maximum rights, then give the vma a view file and let the backing set
 * it up.
 */
int ntsection_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ntsection_handle *h = file->private_data;
	struct file *view;
	int ret;

	ret = ntsection_view_check(h->sec, h->rights, vma);
	if (ret)
		return ret;
	view = ntsection_view_file_new(h->sec, h->rights, vma);
	if (IS_ERR(view))
		return PTR_ERR(view);
	vma_set_file(vma, view);
	fput(view);	/* the vma holds it now */
	return ntsection_view_setup(h->sec, vma);
}

/* May @a and @b be parts of one view (with @flags equal too)? */
static bool ntsection_same_view(struct vm_area_struct *a,
				struct vm_area_struct *b, unsigned long flags)
{
	const unsigned long keep = VM_MAYSHARE | VM_MAYREAD | VM_MAYWRITE |
				   VM_MAYEXEC;

	return ntsection_vma_section(a) == ntsection_vma_section(b) &&
	       !((a->vm_flags ^ b->vm_flags) & (keep | flags));
}

/*
 * The first and last vma of the run of adjacent vmas around @vma that map
 * contiguous offsets of its section with its sharing, maximum rights and
 * @flags; mmap_lock held.
 */
static void ntsection_view_run(struct mm_struct *mm,
			       struct vm_area_struct *vma, unsigned long flags,
			       struct vm_area_struct **first,
			       struct vm_area_struct **last)
{
	struct vm_area_struct *cur, *next;

	cur = vma;
	while (cur->vm_start &&
	       (next = vma_lookup(mm, cur->vm_start - 1)) &&
	       next->vm_end == cur->vm_start &&
	       ntsection_same_view(next, cur, flags) &&
	       next->vm_pgoff + vma_pages(next) == cur->vm_pgoff)
		cur = next;
	*first = cur;

	cur = vma;
	while ((next = vma_lookup(mm, cur->vm_end)) &&
	       next->vm_start == cur->vm_end &&
	       ntsection_same_view(next, cur, flags) &&
	       cur->vm_pgoff + vma_pages(cur) == next->vm_pgoff)
		cur = next;
	*last = cur;
}

/* Find the view containing @addr; mmap_lock held.  0 or -ENXIO. */
static int ntsection_find_view(struct mm_struct *mm, unsigned long addr,
			       struct ntsection_view *v)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	struct vm_area_struct *first, *last;

	/* mmap_assert_locked() needs dump_mm(), not exported on 6.1 */
	lockdep_assert_held(&mm->mmap_lock);
	v->sec = ntsection_vma_section(vma);
	if (!v->sec)
		return -ENXIO;
	v->vma = vma;
	ntsection_view_run(mm, vma, 0, &first, &last);
	v->start = first->vm_start;
	v->offset = (u64)first->vm_pgoff << PAGE_SHIFT;
	v->end = last->vm_end;
	return 0;
}

/*
 * Take mmap_read_lock and find the view containing @addr (an ioctl's
 * address): 0 with the lock held, or -ENXIO or -EINTR without it.
 */
int ntsection_lock_view(struct mm_struct *mm, u64 addr,
			struct ntsection_view *v)
{
	int ret;

	if (addr > ULONG_MAX)
		return -ENXIO;
	if (mmap_read_lock_killable(mm))
		return -EINTR;
	ret = ntsection_find_view(mm, addr, v);
	if (ret)
		mmap_read_unlock(mm);
	return ret;
}

static u32 ntsection_prot(unsigned long vm_flags, unsigned long r,
			  unsigned long w, unsigned long x)
{
	return ((vm_flags & r) ? PROT_READ : 0) |
	       ((vm_flags & w) ? PROT_WRITE : 0) |
	       ((vm_flags & x) ? PROT_EXEC : 0);
}

/*
 * The region of @v around @addr: the pages of the view with the current
 * protection and the commit state (commit.c) of the page at @addr.  Fills
 * the region fields of @args; mmap_lock held.
 */
static void ntsection_view_region(struct mm_struct *mm,
				  struct ntsection_view *v, unsigned long addr,
				  struct ntsection_view_query_args *args)
{
	struct vm_area_struct *vma = v->vma, *lo, *hi;
	unsigned long pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >>
					       PAGE_SHIFT);
	unsigned long first, last, start, end;
	bool committed;

	committed = ntsection_commit_state(v->sec, pgoff, &first, &last);
	ntsection_view_run(mm, vma, VM_READ | VM_WRITE | VM_EXEC, &lo, &hi);
	/* offsets and addresses are contiguous from lo to hi */
	start = first <= lo->vm_pgoff ? lo->vm_start :
		vma->vm_start + ((first - vma->vm_pgoff) << PAGE_SHIFT);
	end = last >= hi->vm_pgoff + vma_pages(hi) - 1 ? hi->vm_end :
	      vma->vm_start + ((last + 1 - vma->vm_pgoff) << PAGE_SHIFT);
	args->region_start = start;
	args->region_length = end - start;
	args->region_state = committed ? NTSECTION_REGION_COMMITTED :
					 NTSECTION_REGION_RESERVED;
	args->pad3 = 0;
}

int ntsection_ioc_view_query(void __user *argp)
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

	ret = ntsection_lock_view(mm, args.address, &v);
	if (ret)
		return ret;
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
	ntsection_view_region(mm, &v, args.address, &args);
	mmap_read_unlock(mm);

	if (copy_to_user(argp, &args, sizeof(args)))
		return -EFAULT;
	return 0;
}

int ntsection_ioc_flush(void __user *argp)
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
	if (check_add_overflow(args.address, args.length, &last))
		return -EINVAL;

	ret = ntsection_lock_view(mm, args.address, &v);
	if (ret)
		return ret;
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
