/* SPDX-License-Identifier: GPL-2.0 */
/*
 * internal.h - objects shared by the ntsection source files.
 *
 * Refcount model.  A struct ntsection_section is refcounted with a kref.
 * References are held by
 *   - every handle (a section fd: struct ntsection_handle is the
 *     file's private_data; the reference is dropped in ->release), and
 *   - every view vma (taken in ntsection_mmap() and in the vm_ops ->open
 *     of a vma copied by fork, split or mremap; dropped in ->close).
 * The section owns one reference to its backing file (a shmem file for
 * pagefile-backed sections, the user's file otherwise), dropped when the
 * section is freed.  Each view vma additionally pins the module, because
 * its vm_ops live in the section and point at our open/close.
 *
 * Locking.  A section's size, protection, attributes and backing are set
 * at creation and never change, so they need no lock.  sec->vops_lock
 * guards the one-time fill of sec->vops (see view.c).  A handle's access
 * mask never changes.  No module lock is ever held across a user copy,
 * an mmap_lock acquisition or writeback.
 */
#ifndef NTSECTION_INTERNAL_H
#define NTSECTION_INTERNAL_H

#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <linux/ntsection.h>

struct ntsection_section;

/*
 * The vm_operations of every view of one section: a copy of the backing
 * file's own vm_ops (so faults go straight to the backing), with open and
 * close replaced by ours.  A vma is a view iff vma->vm_ops->close is
 * ntsection_vm_close(); container_of() then gives the section.
 */
struct ntsection_vops {
	/* the backing's vm_ops */
	const struct vm_operations_struct *backing_ops;
	/* our copy of them: not const, it is filled at the first mmap */
	struct vm_operations_struct ops;
	bool filled;
};

struct ntsection_section {
	struct kref ref;
	u64 size;		/* exact for files, page-rounded for pagefile */
	u32 protect;		/* one NTSECTION_PAGE_* value */
	u32 attributes;		/* NTSECTION_SEC_* as reported by QUERY */
	bool file_backed;
	struct file *backing;	/* owned reference */
	spinlock_t vops_lock;	/* guards the fill of vops */
	struct ntsection_vops vops;
};

/* private_data of a section fd */
struct ntsection_handle {
	struct ntsection_section *sec;	/* one reference */
	u32 access;			/* NTSECTION_SECTION_* mask */
};

/* section.c */
extern atomic_long_t ntsection_live_sections;
extern const struct file_operations ntsection_section_fops;
int ntsection_create(void __user *argp);
void ntsection_get(struct ntsection_section *sec);
void ntsection_put(struct ntsection_section *sec);
void ntsection_fill_info(struct ntsection_section *sec, u32 access,
			 struct ntsection_info *info);

/* view.c */
int ntsection_mmap(struct file *file, struct vm_area_struct *vma);
int ntsection_view_query(void __user *argp);
int ntsection_flush(void __user *argp);

static inline bool ntsection_prot_writable(u32 protect)
{
	return protect == NTSECTION_PAGE_READWRITE ||
	       protect == NTSECTION_PAGE_EXECUTE_READWRITE;
}

static inline bool ntsection_prot_executable(u32 protect)
{
	return protect == NTSECTION_PAGE_EXECUTE_READ ||
	       protect == NTSECTION_PAGE_EXECUTE_READWRITE ||
	       protect == NTSECTION_PAGE_EXECUTE_WRITECOPY;
}

#endif /* NTSECTION_INTERNAL_H */
