/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - kernel API differences between the kernels ntsection supports
 * (Debian 6.1 and 6.12, and whatever comes after).
 *
 * Every difference is detected by a probe in Kbuild (a grep of the target
 * kernel's headers), never by LINUX_VERSION_CODE, because distributions
 * backport APIs.  Nothing here holds state or takes locks.
 */
#ifndef NTSECTION_COMPAT_H
#define NTSECTION_COMPAT_H

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>

#ifndef HAVE_VM_FLAGS_SET
/* Before 6.3 vma->vm_flags was written directly (mmap_lock held for write). */
static inline void vm_flags_set(struct vm_area_struct *vma, unsigned long flags)
{
	vma->vm_flags |= flags;
}

static inline void vm_flags_clear(struct vm_area_struct *vma,
				  unsigned long flags)
{
	vma->vm_flags &= ~flags;
}
#endif

/*
 * The mount's id mapping, as notify_change() and the setattr helpers take
 * it: a struct mnt_idmap since 6.3, a struct user_namespace before.
 */
#ifdef HAVE_FILE_MNT_IDMAP
#define ntsection_file_idmap(file)	file_mnt_idmap(file)
#else
#define ntsection_file_idmap(file)	file_mnt_user_ns(file)
#endif

/* Hand a vma to the backing file's own mmap (->mmap or ->mmap_prepare). */
static inline int ntsection_backing_mmap(struct file *file,
					 struct vm_area_struct *vma)
{
#ifdef HAVE_VFS_MMAP
	return vfs_mmap(file, vma);
#else
	return call_mmap(file, vma);
#endif
}

/*
 * The address-space search of the current mm (arch_get_unmapped_area or
 * its top-down twin): a function since 6.10, a pointer in the mm before.
 */
static inline unsigned long ntsection_mm_get_unmapped_area(struct file *file,
		unsigned long addr, unsigned long len, unsigned long pgoff,
		unsigned long flags)
{
#ifdef HAVE_MM_GET_UNMAPPED_AREA
	return mm_get_unmapped_area(current->mm, file, addr, len, pgoff, flags);
#else
	return current->mm->get_unmapped_area(file, addr, len, pgoff, flags);
#endif
}

#endif /* NTSECTION_COMPAT_H */
