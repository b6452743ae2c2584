// SPDX-License-Identifier: GPL-2.0
/*
 * section.c - section objects, their backing files and their handles.
 *
 * Owns: NTSECTION_IOC_CREATE (validation, backing set-up, create-or-open
 * of a name), NTSECTION_IOC_OPEN, the section refcount and free, the
 * handle count, the section fd file operations, NTSECTION_IOC_DUPLICATE,
 * NTSECTION_IOC_QUERY and the dispatch of NTSECTION_IOC_SET_OWNER
 * (perm.c) and NTSECTION_IOC_EXTEND (extend.c).
 *
 * Locking: none of its own; names go through names.c, which takes its
 * lock around a lookup and link and never across a user copy.  The
 * refcount model and the other locks are described in internal.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/magic.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/seq_file.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>

#include "compat.h"
#include "internal.h"

/*
 * Sections come from a cache of their own: their size (about 350 bytes)
 * would take a 512-byte object of kmalloc.
 */
static struct kmem_cache *ntsection_section_cache;

void ntsection_get(struct ntsection_section *sec)
{
	kref_get(&sec->ref);
}

/*
 * One more handle; the caller holds one already, or the names lock.  The
 * reference comes first: ntsection_handle_put() of another handle may
 * drop the count without the lock as soon as it sees it above one, and
 * then its reference, which must not be the last.
 */
void ntsection_handle_get(struct ntsection_section *sec)
{
	ntsection_get(sec);
	atomic_inc(&sec->handles);
}

/* A handle goes: the last one takes the section's name with it. */
void ntsection_handle_put(struct ntsection_section *sec)
{
	if (sec->name)
		ntsection_name_put_handle(&sec->handles, sec->name);
	else
		atomic_dec(&sec->handles);
	ntsection_put(sec);
}

/* Also frees a section whose creation failed part of the way. */
static void ntsection_free(struct kref *ref)
{
	struct ntsection_section *sec =
		container_of(ref, struct ntsection_section, ref);

	if (sec->ns)
		ntsection_ns_detach(sec);	/* and uncharge */
	ntsection_commit_section_free(sec);	/* the commit charge */
	ntsection_large_section_free(sec);	/* the RLIMIT_MEMLOCK charge */
	if (sec->backing)
		fput(sec->backing);
	if (sec->inode)
		ntsection_inode_put(sec->inode);
	put_user_ns(sec->user_ns);
	kfree(sec->name);
	kmem_cache_free(ntsection_section_cache, sec);
}

void ntsection_put(struct ntsection_section *sec)
{
	kref_put(&sec->ref, ntsection_free);
}

static bool ntsection_valid_protect(u32 protect)
{
	switch (protect) {
	case NTSECTION_PAGE_READONLY:
	case NTSECTION_PAGE_READWRITE:
	case NTSECTION_PAGE_WRITECOPY:
	case NTSECTION_PAGE_EXECUTE_READ:
	case NTSECTION_PAGE_EXECUTE_READWRITE:
	case NTSECTION_PAGE_EXECUTE_WRITECOPY:
		return true;
	default:
		return false;
	}
}

#define NTSECTION_SEC_ALL (NTSECTION_SEC_FILE | NTSECTION_SEC_IMAGE |	\
			   NTSECTION_SEC_RESERVE | NTSECTION_SEC_COMMIT |	\
			   NTSECTION_SEC_NOCACHE |				\
			   NTSECTION_SEC_WRITECOMBINE |			\
			   NTSECTION_SEC_LARGE_PAGES)
#define NTSECTION_SEC_CACHE (NTSECTION_SEC_NOCACHE | NTSECTION_SEC_WRITECOMBINE)

/*
 * Check the attributes (rules 16-18 of docs/windows-rules.md) and compute
 * what QUERY will report.  Returns 0 or a negative errno.
 */
static int ntsection_check_attributes(u32 attrs, bool file, u32 *reported)
{
	u32 kind = attrs & ~NTSECTION_SEC_CACHE;
	u32 cache = attrs & NTSECTION_SEC_CACHE;

	if (attrs & ~NTSECTION_SEC_ALL)
		return -EINVAL;
	if (cache == NTSECTION_SEC_CACHE)
		return -EINVAL;
	if (attrs & NTSECTION_SEC_IMAGE) {
		/* image sections: only SEC_IMAGE or SEC_IMAGE|SEC_NOCACHE */
		if (kind != NTSECTION_SEC_IMAGE ||
		    (attrs & NTSECTION_SEC_WRITECOMBINE))
			return -EINVAL;
		return -ENOEXEC;
	}
	switch (kind) {
	case 0:
		if (cache)	/* a lone SEC_NOCACHE or SEC_WRITECOMBINE */
			return -EINVAL;
		kind = NTSECTION_SEC_COMMIT;
		break;
	case NTSECTION_SEC_COMMIT:
	case NTSECTION_SEC_RESERVE:
		break;
	case NTSECTION_SEC_COMMIT | NTSECTION_SEC_LARGE_PAGES:
		if (file || cache)
			return -EINVAL;
		if (!ntsection_large_page_size())
			return -EOPNOTSUPP;
		break;
	default:	/* SEC_FILE, RESERVE|COMMIT, any other LARGE_PAGES */
		return -EINVAL;
	}
	*reported = (file ? NTSECTION_SEC_FILE : kind) | cache;
	return 0;
}

/*
 * Make a pagefile section's shmem file unreachable from user space.  Its
 * views' vm_file names its inode, and /proc/PID/map_files/ of a view gives
 * that inode a path (for CAP_SYS_ADMIN).  So the inode becomes what
 * shmem_kernel_file_setup() (not exported) makes: S_PRIVATE, invisible to
 * LSMs; it gets the core's no_open_fops, taken from the section's handle
 * inode (every fresh inode has them, and they are kernel memory, so they
 * outlive the module): opening that path gives ENXIO; write access to the
 * inode is denied, so truncate(2) of that path gives ETXTBSY and the
 * file's size stays the section's; and it is the creator's, mode 0600, so
 * the checks made through file_permission() on a view (MADV_PAGEOUT of
 * shared pages) pass for the creator alone, not for every holder of a
 * view.
 */
static void ntsection_hide_backing(struct ntsection_section *sec)
{
	struct inode *inode = file_inode(sec->backing);

	inode->i_flags |= S_PRIVATE;
	inode->i_mode = S_IFREG | 0600;
	inode->i_fop = sec->inode->i_fop;
	/* nobody else has it: cannot fail */
	WARN_ON_ONCE(deny_write_access(sec->backing));
}

/* Pagefile-backed: a shmem file of the page-rounded size. */
static int ntsection_setup_pagefile(struct ntsection_section *sec,
				    const struct ntsection_create_args *args)
{
	struct file *backing;

	int ret;

	if (!args->size)
		return -EINVAL;
	if (args->size > MAX_LFS_FILESIZE - PAGE_SIZE + 1)
		return -EFBIG;
	/* large pages: a whole number of them (rule 92) */
	if (sec->large_pages &&
	    !IS_ALIGNED(args->size, ntsection_large_page_size()))
		return -EINVAL;
	sec->size = PAGE_ALIGN(args->size);
	ret = ntsection_check_size(sec->size);
	if (ret)
		return ret;
	/*
	 * SEC_COMMIT: without VM_NORESERVE shmem charges the whole size
	 * against the commit limit now (ENOMEM beyond it).  SEC_RESERVE
	 * charges nothing until pages are committed (commit.c).
	 */
	if (sec->reserve) {
		backing = ntsection_reserve_file(sec->size);
	} else if (sec->large_pages) {
		backing = ntsection_large_file(sec, sec->size);
		sec->acct_size = sec->size;
	} else {
		backing = shmem_file_setup("ntsection", sec->size, 0);
		sec->acct_size = sec->size;
	}
	/*
	 * The kernel's internal shmem mount has no inode limit: ENOSPC from
	 * it means an inode or dentry allocation failed.
	 */
	if (IS_ERR(backing))
		return PTR_ERR(backing) == -ENOSPC ? -ENOMEM : PTR_ERR(backing);
	sec->backing = backing;
	ntsection_hide_backing(sec);
	return 0;
}

/* path_noexec() is not exported; this is what it tests. */
static bool ntsection_noexec(const struct path *path)
{
	return (path->mnt->mnt_flags & MNT_NOEXEC) ||
	       (path->mnt->mnt_sb->s_iflags & SB_I_NOEXEC);
}

static const struct address_space_operations *ntsection_shmem_aops;

/*
 * Make the section cache, and learn what a shmem mapping looks like
 * (shmem_mapping() is not exported).
 */
int ntsection_section_init(void)
{
	struct file *probe;

	ntsection_section_cache = KMEM_CACHE(ntsection_section, SLAB_ACCOUNT);
	if (!ntsection_section_cache)
		return -ENOMEM;
	probe = shmem_file_setup("ntsection", 0, VM_NORESERVE);
	if (IS_ERR(probe)) {
		kmem_cache_destroy(ntsection_section_cache);
		return PTR_ERR(probe);
	}
	ntsection_shmem_aops = probe->f_mapping->a_ops;
	fput(probe);
	return 0;
}

void ntsection_section_exit(void)
{
	kmem_cache_destroy(ntsection_section_cache);
}

/*
 * May @file back a section?  Only ordinary files whose pages live in the
 * page cache: shmem (tmpfs, memfd) or a filesystem that reads its pages
 * into the cache (->read_folio).  That excludes hugetlbfs (its 2 MiB
 * vmas cannot be 4 KiB views), secretmem and guest_memfd (no page cache),
 * DAX, and the virtual filesystems whose files map kernel or device memory
 * (procfs, sysfs and the other kernfs ones use ram_aops, so they are named).
 */
static bool ntsection_page_cache_file(struct file *file)
{
	struct inode *inode = file_inode(file);
	const struct address_space_operations *aops = file->f_mapping->a_ops;

	if (!S_ISREG(inode->i_mode) || !file->f_op->mmap || IS_DAX(inode))
		return false;
	switch (inode->i_sb->s_magic) {
	case HUGETLBFS_MAGIC:
	case SECRETMEM_MAGIC:
	case PROC_SUPER_MAGIC:
	case SYSFS_MAGIC:
	case CGROUP_SUPER_MAGIC:
	case CGROUP2_SUPER_MAGIC:
	case RDTGROUP_SUPER_MAGIC:
	case DEBUGFS_MAGIC:
	case TRACEFS_MAGIC:
	case SECURITYFS_MAGIC:
	case BPF_FS_MAGIC:
		return false;
	}
	return aops == ntsection_shmem_aops || aops->read_folio;
}

/*
 * Grow @file to @size as ftruncate(2) on that fd would: with the rights of
 * the fd (checked by the caller), not of the caller on the file's path, and
 * only ever up.  The size is compared under the inode lock, which every
 * write that extends the file takes too, so such a write is never cut back.
 */
int ntsection_grow(struct file *file, loff_t size)
{
	struct inode *inode = file_inode(file);
	struct iattr attr = {
		.ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME | ATTR_FILE,
		.ia_size = size,
		.ia_file = file,
	};
	int kill, ret = 0;

	sb_start_write(inode->i_sb);
	inode_lock(inode);
	if (size > i_size_read(inode)) {
		kill = setattr_should_drop_suidgid(ntsection_file_idmap(file),
						   inode);
		if (kill)
			attr.ia_valid |= kill | ATTR_FORCE;
		ret = notify_change(ntsection_file_idmap(file),
				    file->f_path.dentry, &attr, NULL);
	}
	inode_unlock(inode);
	sb_end_write(inode->i_sb);
	return ret;
}

/* File-backed: check the fd against the protection, size or grow. */
static int ntsection_setup_file(struct ntsection_section *sec,
				const struct ntsection_create_args *args)
{
	bool writable = ntsection_prot_writable(args->protect);
	struct inode *inode;
	struct file *file;
	loff_t isize;
	int ret;

	file = fget(args->file_fd);
	if (!file)
		return -EBADF;
	inode = file_inode(file);
	ret = -ENODEV;
	if (!ntsection_page_cache_file(file))
		goto err_file;
	ret = -EACCES;
	if (!(file->f_mode & FMODE_READ))
		goto err_file;
	if (writable && (!(file->f_mode & FMODE_WRITE) || IS_APPEND(inode)))
		goto err_file;
	if (ntsection_prot_executable(args->protect) &&
	    ntsection_noexec(&file->f_path))
		goto err_file;

	ret = -EFBIG;
	if (args->size > MAX_LFS_FILESIZE)
		goto err_file;
	isize = i_size_read(inode);
	if (!args->size) {
		ret = -ENODATA;
		if (!isize)
			goto err_file;
		sec->size = isize;
	} else {
		sec->size = args->size;
	}
	ret = ntsection_check_size(sec->size);
	if (ret)
		goto err_file;
	if (sec->size > isize) {
		ret = -EFBIG;
		if (!writable)
			goto err_file;
		ret = ntsection_grow(file, sec->size);
		if (ret)
			goto err_file;
	}
	sec->backing = file;
	return 0;

err_file:
	fput(file);
	return ret;
}

/*
 * Give the caller a new fd for a handle with @access to @sec.  Takes over
 * one handle of @sec (ntsection_handle_get() or a new section's first),
 * which it drops on failure.  With @existed set, 1 is stored there before
 * the fd is installed (EFAULT: no fd).
 */
static int ntsection_new_handle(struct ntsection_section *sec, u32 access,
				bool inherit, u32 __user *existed)
{
	int flags = (access & NTSECTION_SECTION_MAP_WRITE) ? O_RDWR : O_RDONLY;
	struct ntsection_handle *h;
	struct file *file;
	int fd, ret;

	h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
	if (!h) {
		ret = -ENOMEM;
		goto err_sec;
	}
	h->sec = sec;
	h->access = access;
	h->rights = ntsection_view_rights(sec, access);

	fd = get_unused_fd_flags(inherit ? 0 : O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto err_handle;
	}
	file = ntsection_handle_file(sec->inode, flags, &ntsection_section_fops,
				     h);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		goto err_fd;
	}
	/* from here the file owns @h and the handle */
	if (existed && put_user(1, existed)) {
		put_unused_fd(fd);
		fput(file);
		return -EFAULT;
	}
	fd_install(fd, file);
	return fd;

err_fd:
	put_unused_fd(fd);
err_handle:
	kfree(h);
err_sec:
	ntsection_handle_put(sec);
	return ret;
}

/*
 * A new section with its first handle (not yet an fd), its name (which it
 * owns from now on, freed with it) not yet linked.  Limits are charged
 * before the backing is set up, so a refused create never grows a file.
 */
static struct ntsection_section *ntsection_section_new(
	const struct ntsection_create_args *args, u32 attributes,
	umode_t mode, struct ntsection_name *name)
{
	struct ntsection_section *sec;
	int ret;

	sec = kmem_cache_zalloc(ntsection_section_cache, GFP_KERNEL_ACCOUNT);
	if (!sec) {
		kfree(name);
		return ERR_PTR(-ENOMEM);
	}
	kref_init(&sec->ref);
	atomic_set(&sec->handles, 1);
	atomic_long_set(&sec->views, 0);
	spin_lock_init(&sec->vops_lock);
	INIT_LIST_HEAD(&sec->ns_node);
	sec->name = name;
	sec->protect = args->protect;
	sec->attributes = attributes;
	sec->file_backed = args->file_fd != -1;
	sec->reserve = args->attributes & NTSECTION_SEC_RESERVE;
	sec->large_pages = args->attributes & NTSECTION_SEC_LARGE_PAGES;
	ntsection_commit_section_init(sec);
	ntsection_perm_init(sec, mode);

	ret = ntsection_ns_join(sec);	/* charges the limits */
	if (ret)
		goto err_put;
	sec->inode = ntsection_inode_new();
	if (IS_ERR(sec->inode)) {
		ret = PTR_ERR(sec->inode);
		sec->inode = NULL;
		goto err_put;
	}
	if (sec->file_backed)
		ret = ntsection_setup_file(sec, args);
	else
		ret = ntsection_setup_pagefile(sec, args);
	if (ret)
		goto err_put;
	/* last: from here the listing shows it, so it must be complete */
	ntsection_ns_list(sec);
	return sec;

err_put:
	ntsection_put(sec);	/* undoes whatever of the above was done */
	return ERR_PTR(ret);
}

#define NTSECTION_CREATE_ALL (NTSECTION_CREATE_INHERIT | \
			      NTSECTION_CREATE_NEW | NTSECTION_CREATE_MODE)

/* Everything but the name; 0 or a negative errno. */
static int ntsection_check_create(const struct ntsection_create_args *args,
				  u32 *attributes)
{
	if (args->existed || args->reserved[0] || args->reserved[1])
		return -EINVAL;
	if (args->flags & ~NTSECTION_CREATE_ALL)
		return -EINVAL;
	if (args->flags & NTSECTION_CREATE_MODE ?
	    args->mode & ~0777 : args->mode)
		return -EINVAL;
	if (args->access & ~NTSECTION_SECTION_ALL_ACCESS)
		return -EINVAL;
	if (!ntsection_valid_protect(args->protect))
		return -EINVAL;
	if (args->file_fd < -1)
		return -EBADF;
	return ntsection_check_attributes(args->attributes,
					  args->file_fd != -1, attributes);
}

int ntsection_ioc_create(void __user *argp)
{
	struct ntsection_create_args __user *uargs = argp;
	struct ntsection_create_args args;
	struct ntsection_section *sec, *named;
	struct ntsection_name *name = NULL;
	bool create_new, inherit;
	u32 attributes;
	umode_t mode;
	int ret;

	if (copy_from_user(&args, argp, sizeof(args)))
		return -EFAULT;
	ret = ntsection_check_create(&args, &attributes);
	if (ret)
		return ret;
	create_new = args.flags & NTSECTION_CREATE_NEW;
	inherit = args.flags & NTSECTION_CREATE_INHERIT;
	mode = args.flags & NTSECTION_CREATE_MODE ? args.mode : 0600;

	if (args.name || args.name_length) {
		name = ntsection_name_from_user(args.name, args.name_length);
		if (IS_ERR(name))
			return PTR_ERR(name);
		named = ntsection_name_get_or_link(name, args.access,
						   create_new, NULL);
		if (named) {
			kfree(name);
			return IS_ERR(named) ? PTR_ERR(named) :
			       ntsection_new_handle(named, args.access, inherit,
						    &uargs->existed);
		}
	}

	sec = ntsection_section_new(&args, attributes, mode, name);
	if (IS_ERR(sec))
		return PTR_ERR(sec);
	if (name) {
		/* linked, unless a racing creator linked the name first */
		named = ntsection_name_get_or_link(name, args.access,
						   create_new, sec);
		if (named != sec) {
			ntsection_handle_put(sec);
			return IS_ERR(named) ? PTR_ERR(named) :
			       ntsection_new_handle(named, args.access, inherit,
						    &uargs->existed);
		}
	}
	return ntsection_new_handle(sec, args.access, inherit, NULL);
}

/* NTSECTION_IOC_OPEN: a new handle to a named section. */
int ntsection_ioc_open(void __user *argp)
{
	struct ntsection_open_args args;
	struct ntsection_section *sec;
	struct ntsection_name *name;

	if (copy_from_user(&args, argp, sizeof(args)))
		return -EFAULT;
	if ((args.flags & ~NTSECTION_OPEN_INHERIT) || args.pad ||
	    args.reserved[0] || args.reserved[1] ||
	    (args.access & ~NTSECTION_SECTION_ALL_ACCESS))
		return -EINVAL;
	name = ntsection_name_from_user(args.name, args.name_length);
	if (IS_ERR(name))
		return PTR_ERR(name);
	sec = ntsection_name_get_or_link(name, args.access, false, NULL);
	kfree(name);
	if (IS_ERR_OR_NULL(sec))
		return sec ? PTR_ERR(sec) : -ENOENT;
	return ntsection_new_handle(sec, args.access,
				    args.flags & NTSECTION_OPEN_INHERIT, NULL);
}

static int ntsection_ioc_duplicate(struct ntsection_handle *h, void __user *argp)
{
	struct ntsection_dup_args args;
	u32 access;

	if (copy_from_user(&args, argp, sizeof(args)))
		return -EFAULT;
	if (args.reserved ||
	    (args.flags & ~(NTSECTION_DUP_INHERIT | NTSECTION_DUP_SAME_ACCESS)) ||
	    (args.access & ~NTSECTION_SECTION_ALL_ACCESS))
		return -EINVAL;
	if (args.flags & NTSECTION_DUP_SAME_ACCESS) {
		if (args.access)
			return -EINVAL;
		access = h->access;
	} else {
		access = args.access;
	}
	if (access & ~h->access)
		return -EACCES;

	ntsection_handle_get(h->sec);
	return ntsection_new_handle(h->sec, access,
				    args.flags & NTSECTION_DUP_INHERIT, NULL);
}

/* Fill @info from @sec; no locks needed, the counts are snapshots. */
void ntsection_fill_info(struct ntsection_section *sec, u32 access,
			 struct ntsection_info *info)
{
	struct user_namespace *userns = current_user_ns();
	struct inode *inode = file_inode(sec->backing);
	kuid_t uid;
	kgid_t gid;
	umode_t mode;

	memset(info, 0, sizeof(*info));
	info->size = READ_ONCE(sec->size);
	info->committed = ntsection_committed_bytes(sec);
	info->protect = sec->protect;
	info->attributes = sec->attributes;
	info->access = access;
	ntsection_perm_read(sec, &uid, &gid, &mode);
	info->uid = from_kuid_munged(userns, uid);
	info->gid = from_kgid_munged(userns, gid);
	info->cuid = from_kuid_munged(userns, sec->cuid);
	info->cgid = from_kgid_munged(userns, sec->cgid);
	info->mode = mode;
	info->flags = sec->name ? NTSECTION_INFO_NAMED : 0;
	info->handles = atomic_read(&sec->handles);
	info->views = min_t(long, atomic_long_read(&sec->views), U32_MAX);
	if (sec->file_backed) {
		info->dev_major = MAJOR(inode->i_sb->s_dev);
		info->dev_minor = MINOR(inode->i_sb->s_dev);
		info->ino = inode->i_ino;
	} else {
		info->swapped_pages = READ_ONCE(SHMEM_I(inode)->swapped);
	}
	info->resident_pages = READ_ONCE(sec->backing->f_mapping->nrpages);
}

/* What fdinfo shows of a handle; needs no access right. */
static int ntsection_ioc_handle_info(struct ntsection_handle *h,
				     void __user *argp)
{
	struct ntsection_handle_info info = {
		.size = READ_ONCE(h->sec->size),
		.protect = h->sec->protect,
		.attributes = h->sec->attributes,
		.access = h->access,
		.map_align = ntsection_view_align(h->sec),
	};

	if (copy_to_user(argp, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

static int ntsection_ioc_query(struct ntsection_handle *h, void __user *argp)
{
	struct ntsection_info info;

	if (!(h->access & NTSECTION_SECTION_QUERY))
		return -EACCES;
	ntsection_fill_info(h->sec, h->access, &info);
	if (copy_to_user(argp, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

static long ntsection_section_ioctl(struct file *file, unsigned int cmd,
				    unsigned long parm)
{
	struct ntsection_handle *h = file->private_data;
	void __user *argp = (void __user *)parm;

	switch (cmd) {
	case NTSECTION_IOC_DUPLICATE:
		return ntsection_ioc_duplicate(h, argp);
	case NTSECTION_IOC_QUERY:
		return ntsection_ioc_query(h, argp);
	case NTSECTION_IOC_SET_OWNER:
		return ntsection_ioc_set_owner(h->sec, argp);
	case NTSECTION_IOC_EXTEND:
		return ntsection_ioc_extend(h, argp);
	case NTSECTION_IOC_HANDLE_INFO:
		return ntsection_ioc_handle_info(h, argp);
	default:
		return -ENOIOCTLCMD;
	}
}

static int ntsection_section_release(struct inode *inode, struct file *file)
{
	struct ntsection_handle *h = file->private_data;

	ntsection_handle_put(h->sec);
	kfree(h);
	return 0;
}

/* /proc/PID/fdinfo/FD of a handle: what QUERY says, without the right. */
static void ntsection_section_show_fdinfo(struct seq_file *m, struct file *file)
{
	struct ntsection_handle *h = file->private_data;
	struct ntsection_section *sec = h->sec;

	seq_printf(m, "ntsection-access:\t%#x\n", h->access);
	seq_printf(m, "ntsection-size:\t%llu\n", READ_ONCE(sec->size));
	seq_printf(m, "ntsection-protect:\t%#x\n", sec->protect);
	seq_printf(m, "ntsection-attributes:\t%#x\n", sec->attributes);
}

const struct file_operations ntsection_section_fops = {
	.owner		= THIS_MODULE,
	.release	= ntsection_section_release,
	.unlocked_ioctl	= ntsection_section_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.mmap		= ntsection_mmap,
	.get_unmapped_area = ntsection_get_unmapped_area,
	.show_fdinfo	= ntsection_section_show_fdinfo,
};
