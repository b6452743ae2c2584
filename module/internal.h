/* SPDX-License-Identifier: GPL-2.0 */
/*
 * internal.h - objects shared by the ntsection source files.
 *
 * Refcount model.  A struct ntsection_section is refcounted with a kref.
 * References are held by
 *   - every handle (a section fd on the module's filesystem, fs.c: struct
 *     ntsection_handle is the file's private_data; dropped in ->release),
 *   - every view file (view.c): the vm_file of a view, a file on the
 *     backing's own inode and mount with the module's file operations,
 *     made by each mmap(2) of a handle.  Its vmas hold it like any vm_file
 *     (fork, split and mremap take one more), so the section, its vm_ops
 *     and the module (the file's f_op->owner) stay until the core has
 *     closed the last vma and freed the file.
 * The section owns one reference to its backing file (a shmem file for
 * pagefile-backed sections, the user's file otherwise), to the inode its
 * handles live on and to its charge files (commit.c), dropped when the
 * section is freed.
 *
 * Besides the kref, a section counts its handles (sec->handles: a name
 * is unlinked when it drops to 0, see names.c) and its view vmas
 * (sec->views, for the listing); neither count keeps anything alive.
 *
 * Every section belongs to the IPC namespace of its creator through a
 * struct ntsection_ns (names.c), which pins that namespace while any of
 * its sections lives.
 *
 * Locking.  A section's protection, attributes, backing, creator,
 * namespace and name are set at creation and never change, so they need
 * no lock.  Its size only grows: sec->resize_lock (a mutex, commit.c)
 * serializes its writers, NTSECTION_IOC_EXTEND and the commits, which
 * also own the commit state and charge; readers use READ_ONCE().  ntsection_names_lock (names.c) guards the namespace records,
 * their section lists and the name table (and so whether a name is
 * linked).  sec->perm_lock guards the owner, group and mode.
 * sec->vops_lock guards the one-time fill of sec->vops (see view.c).  A
 * handle's access mask never changes.  resize_lock is never taken with
 * mmap_lock held; under it the inode locks of the charge files and the
 * backing are taken.  Lock order: mmap_lock, then
 * ntsection_names_lock (the last fput of a view file frees its section,
 * and a file may be put with mmap_lock held), then sec->perm_lock.  No
 * module lock is ever held across a user copy, an mmap_lock acquisition
 * or writeback.
 */
#ifndef NTSECTION_INTERNAL_H
#define NTSECTION_INTERNAL_H

#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/maple_tree.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/xarray.h>

#include <linux/ntsection.h>

struct ntsection_section;
struct seq_file;

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
};

/* The counts of one IPC namespace (limits.c); ntsection_names_lock. */
struct ntsection_ns_limits {
	unsigned long sections;	/* charged sections */
	struct xarray users;	/* kuid -> sections charged, as xa values */
};

/* The sections of one IPC namespace (names.c); ntsection_names_lock. */
struct ntsection_ns {
	struct list_head node;		/* in ntsection_namespaces */
	struct ipc_namespace *ipc;	/* pinned while the record exists */
	struct list_head sections;	/* struct ntsection_section.ns_node */
	unsigned long nr_sections;	/* members, listed or not */
	struct ntsection_ns_limits limits;
};

/* A section's name; lives as long as the section. */
struct ntsection_name {
	struct rhash_head node;		/* in the name table, while linked */
	struct ipc_namespace *ipc;	/* the key: namespace ... */
	u32 len;			/* ... and bytes, prefix removed */
	bool linked;			/* ntsection_names_lock */
	struct ntsection_section *sec;
	char bytes[];
};

/* Ordered to leave no holes. */
struct ntsection_section {
	struct kref ref;
	atomic_t handles;	/* open handles */
	u64 size;	/* exact for files, page-rounded for pagefile; grows */
	u32 protect;		/* one NTSECTION_PAGE_* value */
	u32 attributes;		/* NTSECTION_SEC_* as reported by QUERY */
	struct file *backing;	/* owned reference */
	struct inode *inode;	/* of its handles, on the module's fs (fs.c) */
	atomic_long_t views;	/* view vmas */
	struct ntsection_ns *ns;	/* one reference; NULL until attached */
	struct ipc_namespace *ipc;	/* ns's namespace, pinned by ns */
	struct list_head ns_node;	/* in ns->sections; names lock */
	struct ntsection_name *name;	/* NULL: unnamed */
	kuid_t cuid;		/* creator */
	kgid_t cgid;
	struct user_namespace *user_ns;	/* creator's; one reference */
	kuid_t uid;		/* owner; perm_lock */
	kgid_t gid;		/* perm_lock */
	spinlock_t perm_lock;	/* guards uid, gid, mode */
	spinlock_t vops_lock;	/* guards the fill of vops */
	umode_t mode;		/* 0777 bits; perm_lock */
	bool file_backed;
	bool reserve;		/* created with SEC_RESERVE */
	bool large_pages;	/* created with SEC_LARGE_PAGES (large.c) */
	bool charged;		/* counted against the limits (limits.c) */
	bool vops_filled;	/* vops_lock */
	struct ntsection_vops vops;
	/* commit.c; the writers hold resize_lock */
	struct mutex resize_lock;
	u64 acct_size;		/* the backing's own commit charge */
	u64 committed_pages;	/* SEC_RESERVE pagefile: committed */
	struct list_head charges;	/* struct ntsection_charge */
	struct maple_tree committed;	/* page ranges; SEC_RESERVE pagefile */
	/* large.c: the RLIMIT_MEMLOCK charge; NULL: nothing charged */
	struct user_struct *locked_user;	/* one reference */
	unsigned long locked_pages;
};

/* A view as VIEW_QUERY, FLUSH and COMMIT see it (view.c). */
struct ntsection_view {
	struct ntsection_section *sec;
	struct vm_area_struct *vma;	/* the vma containing the address */
	unsigned long start, end;	/* the whole view */
	u64 offset;			/* section offset of start */
};

/* private_data of a section fd */
struct ntsection_handle {
	struct ntsection_section *sec;	/* one reference */
	u32 access;			/* NTSECTION_SECTION_* mask */
	u32 rights;	/* the NTSECTION_SECTION_MAP_* its views may have */
};

/* section.c */
extern const struct file_operations ntsection_section_fops;
int ntsection_section_init(void);
void ntsection_section_exit(void);
int ntsection_ioc_create(void __user *argp);
int ntsection_ioc_open(void __user *argp);
void ntsection_get(struct ntsection_section *sec);
void ntsection_put(struct ntsection_section *sec);
void ntsection_handle_get(struct ntsection_section *sec);
void ntsection_handle_put(struct ntsection_section *sec);
void ntsection_fill_info(struct ntsection_section *sec, u32 access,
			 struct ntsection_info *info);
int ntsection_grow(struct file *file, loff_t size);

/* commit.c */
int ntsection_commit_init(void);
void ntsection_commit_exit(void);
struct file *ntsection_reserve_file(loff_t size);
void ntsection_backing_set_size(struct file *backing, loff_t size);
void ntsection_commit_section_init(struct ntsection_section *sec);
void ntsection_commit_section_free(struct ntsection_section *sec);
int ntsection_commit_charge(struct ntsection_section *sec, u64 pages);
int ntsection_ioc_commit(void __user *argp);
u64 ntsection_committed_bytes(struct ntsection_section *sec);
bool ntsection_commit_state(struct ntsection_section *sec, unsigned long pgoff,
			    unsigned long *first, unsigned long *last);
vm_fault_t ntsection_reserve_fault(struct vm_fault *vmf);

/* large.c */
int ntsection_large_init(void);
void ntsection_large_exit(void);
unsigned long ntsection_large_page_size(void);
struct file *ntsection_large_file(struct ntsection_section *sec, u64 size);
void ntsection_large_section_free(struct ntsection_section *sec);

/* extend.c */
int ntsection_ioc_extend(struct ntsection_handle *h, void __user *argp);

/* fs.c */
int ntsection_fs_pin(void);
void ntsection_fs_unpin(void);
struct inode *ntsection_inode_new(void);
void ntsection_inode_put(struct inode *inode);
struct file *ntsection_handle_file(struct inode *inode, int flags,
				   const struct file_operations *fops,
				   void *priv);

/* names.c */
int ntsection_names_init(void);
void ntsection_names_exit(void);
void ntsection_names_assert_held(void);
int ntsection_ns_join(struct ntsection_section *sec);
void ntsection_ns_list(struct ntsection_section *sec);
void ntsection_ns_detach(struct ntsection_section *sec);
void *ntsection_ns_walk_start(struct seq_file *m, loff_t *pos);
void *ntsection_ns_walk_next(struct seq_file *m, void *v, loff_t *pos);
void ntsection_ns_walk_stop(struct seq_file *m, void *v);
struct ntsection_section *ntsection_ns_walk_section(struct seq_file *m,
						     void *v);
struct ntsection_name *ntsection_name_from_user(u64 uptr, u32 len);
struct ntsection_section *ntsection_name_get_or_link(
	struct ntsection_name *name, u32 access, bool create_new,
	struct ntsection_section *fresh);
void ntsection_name_put_handle(atomic_t *handles, struct ntsection_name *name);

/* perm.c */
void ntsection_perm_init(struct ntsection_section *sec, umode_t mode);
int ntsection_perm_check(struct ntsection_section *sec, u32 access);
int ntsection_ioc_set_owner(struct ntsection_section *sec, void __user *argp);
void ntsection_perm_read(struct ntsection_section *sec, kuid_t *uid,
			 kgid_t *gid, umode_t *mode);

/* limits.c */
extern atomic_long_t ntsection_live_sections;
void ntsection_limits_init(struct ntsection_ns_limits *l);
void ntsection_limits_destroy(struct ntsection_ns_limits *l);
int ntsection_charge(struct ntsection_section *sec,
		     struct ntsection_ns_limits *l);
void ntsection_uncharge(struct ntsection_section *sec,
			struct ntsection_ns_limits *l);
int ntsection_check_size(u64 size);
void ntsection_limits_exit(void);

/* proc.c */
int ntsection_proc_init(void);
void ntsection_proc_exit(void);

/* view.c */
int ntsection_mmap(struct file *file, struct vm_area_struct *vma);
unsigned long ntsection_get_unmapped_area(struct file *file,
					  unsigned long addr,
					  unsigned long len,
					  unsigned long pgoff,
					  unsigned long flags);
unsigned long ntsection_view_align(struct ntsection_section *sec);
struct ntsection_section *ntsection_vma_section(struct vm_area_struct *vma);
int ntsection_lock_view(struct mm_struct *mm, u64 addr,
			struct ntsection_view *v);
u32 ntsection_view_rights(struct ntsection_section *sec, u32 access);
int ntsection_ioc_view_query(void __user *argp);
int ntsection_ioc_flush(void __user *argp);

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
