// SPDX-License-Identifier: GPL-2.0
/*
 * section.c - section objects, their backing files and their handles.
 *
 * Owns: NTSECTION_IOC_CREATE (validation, backing set-up), the section
 * refcount and free, the live-section counter, the section fd file
 * operations, NTSECTION_IOC_DUPLICATE and NTSECTION_IOC_QUERY.
 *
 * Locking: none of its own.  A section is immutable after creation except
 * for its refcount (kref) and its view vm_ops (view.c, sec->vops_lock).
 * Handles are immutable.  The refcount model is described in internal.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/seq_file.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "compat.h"
#include "internal.h"

atomic_long_t ntsection_live_sections = ATOMIC_LONG_INIT(0);

/*
 * The i_fop of a pagefile section's shmem inode: nobody may open it again,
 * e.g. through /proc/PID/map_files/ of a view, which would otherwise give
 * a fresh read-write file and let a read-only view be re-mmapped writable
 * or executable.  The shmem file the section holds keeps its own f_op.
 */
static int ntsection_backing_deny_open(struct inode *inode, struct file *file)
{
	return -EACCES;
}

static const struct file_operations ntsection_backing_reopen_fops = {
	.owner	= THIS_MODULE,
	.open	= ntsection_backing_deny_open,
};

void ntsection_get(struct ntsection_section *sec)
{
	kref_get(&sec->ref);
}

static void ntsection_free(struct kref *ref)
{
	struct ntsection_section *sec =
		container_of(ref, struct ntsection_section, ref);

	fput(sec->backing);
	kfree(sec);
	atomic_long_dec(&ntsection_live_sections);
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
 * Check the attributes (windows-sections.md A.16-18) and compute what
 * QUERY will report.  Returns 0 or a negative errno.
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
		return -EOPNOTSUPP;
	default:	/* SEC_FILE, RESERVE|COMMIT, any other LARGE_PAGES */
		return -EINVAL;
	}
	*reported = (file ? NTSECTION_SEC_FILE : kind) | cache;
	return 0;
}

/* Pagefile-backed: a shmem file of the page-rounded size. */
static int ntsection_setup_pagefile(struct ntsection_section *sec,
				    const struct ntsection_create_args *args)
{
	struct file *backing;

	if (!args->size)
		return -EINVAL;
	if (args->size > MAX_LFS_FILESIZE - PAGE_SIZE + 1)
		return -EFBIG;
	sec->size = PAGE_ALIGN(args->size);
	/*
	 * Without VM_NORESERVE shmem charges the whole size against the
	 * commit limit now (ENOMEM beyond it): that is SEC_COMMIT.
	 */
	backing = shmem_file_setup("ntsection", sec->size,
				   (args->attributes & NTSECTION_SEC_RESERVE) ?
				   VM_NORESERVE : 0);
	/*
	 * The kernel's internal shmem mount has no inode limit: ENOSPC from
	 * it means an inode or dentry allocation failed.
	 */
	if (IS_ERR(backing))
		return PTR_ERR(backing) == -ENOSPC ? -ENOMEM : PTR_ERR(backing);
	file_inode(backing)->i_fop = &ntsection_backing_reopen_fops;
	sec->backing = backing;
	return 0;
}

/* File-backed: check the fd against the protection, size or grow. */
/* path_noexec() is not exported; this is what it tests. */
static bool ntsection_noexec(const struct path *path)
{
	return (path->mnt->mnt_flags & MNT_NOEXEC) ||
	       (path->mnt->mnt_sb->s_iflags & SB_I_NOEXEC);
}

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
	if (!S_ISREG(inode->i_mode) || !file->f_op->mmap ||
	    file->f_op == &ntsection_section_fops)
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
		if (sec->size > isize) {
			ret = -EFBIG;
			if (!writable || !(file->f_mode & FMODE_WRITE))
				goto err_file;
			ret = vfs_truncate(&file->f_path, sec->size);
			if (ret)
				goto err_file;
		}
	}
	sec->backing = file;
	return 0;

err_file:
	fput(file);
	return ret;
}

static struct ntsection_handle *ntsection_handle_alloc(
	struct ntsection_section *sec, u32 access)
{
	struct ntsection_handle *h;

	h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
	if (!h)
		return NULL;
	h->sec = sec;
	h->access = access;
	return h;
}

/*
 * Make a section fd for @h.  On success @h belongs to the file (and the
 * fd is installed); on failure the caller still owns @h.
 */
static int ntsection_install_handle(struct ntsection_handle *h, bool inherit)
{
	int flags = (h->access & NTSECTION_SECTION_MAP_WRITE) ? O_RDWR : O_RDONLY;
	struct file *file;
	int fd;

	fd = get_unused_fd_flags(inherit ? 0 : O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = anon_inode_getfile("[ntsection]", &ntsection_section_fops, h,
				  flags);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	fd_install(fd, file);
	return fd;
}

int ntsection_create(void __user *argp)
{
	struct ntsection_create_args args;
	struct ntsection_section *sec;
	struct ntsection_handle *h;
	u32 attributes;
	int ret;

	if (copy_from_user(&args, argp, sizeof(args)))
		return -EFAULT;
	if (args.name || args.name_length || args.mode || args.existed ||
	    args.reserved[0] || args.reserved[1])
		return -EINVAL;
	if (args.flags & ~NTSECTION_CREATE_INHERIT)
		return -EINVAL;
	if (args.access & ~NTSECTION_SECTION_ALL_ACCESS)
		return -EINVAL;
	if (!ntsection_valid_protect(args.protect))
		return -EINVAL;
	if (args.file_fd < -1)
		return -EBADF;
	ret = ntsection_check_attributes(args.attributes, args.file_fd != -1,
					 &attributes);
	if (ret)
		return ret;

	sec = kzalloc(sizeof(*sec), GFP_KERNEL_ACCOUNT);
	if (!sec)
		return -ENOMEM;
	kref_init(&sec->ref);
	spin_lock_init(&sec->vops_lock);
	sec->protect = args.protect;
	sec->attributes = attributes;
	sec->file_backed = args.file_fd != -1;

	if (sec->file_backed)
		ret = ntsection_setup_file(sec, &args);
	else
		ret = ntsection_setup_pagefile(sec, &args);
	if (ret)
		goto err_sec;
	atomic_long_inc(&ntsection_live_sections);

	h = ntsection_handle_alloc(sec, args.access);
	if (!h) {
		ret = -ENOMEM;
		goto err_put;
	}
	ret = ntsection_install_handle(h, args.flags & NTSECTION_CREATE_INHERIT);
	if (ret < 0)
		goto err_handle;
	return ret;

err_handle:
	kfree(h);
err_put:
	ntsection_put(sec);
	return ret;
err_sec:
	kfree(sec);
	return ret;
}

static int ntsection_duplicate(struct ntsection_handle *h, void __user *argp)
{
	struct ntsection_dup_args args;
	struct ntsection_handle *nh;
	u32 access;
	int ret;

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

	nh = ntsection_handle_alloc(h->sec, access);
	if (!nh)
		return -ENOMEM;
	ntsection_get(h->sec);
	ret = ntsection_install_handle(nh, args.flags & NTSECTION_DUP_INHERIT);
	if (ret < 0) {
		ntsection_put(h->sec);
		kfree(nh);
	}
	return ret;
}

/* Fill @info from @sec; no locks needed, the counts are snapshots. */
void ntsection_fill_info(struct ntsection_section *sec, u32 access,
			 struct ntsection_info *info)
{
	struct inode *inode = file_inode(sec->backing);

	memset(info, 0, sizeof(*info));
	info->size = sec->size;
	info->protect = sec->protect;
	info->attributes = sec->attributes;
	info->access = access;
	if (sec->file_backed) {
		info->dev_major = MAJOR(inode->i_sb->s_dev);
		info->dev_minor = MINOR(inode->i_sb->s_dev);
		info->ino = inode->i_ino;
	} else {
		info->swapped_pages = READ_ONCE(SHMEM_I(inode)->swapped);
	}
	info->resident_pages = READ_ONCE(sec->backing->f_mapping->nrpages);
}

static int ntsection_query(struct ntsection_handle *h, void __user *argp)
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
		return ntsection_duplicate(h, argp);
	case NTSECTION_IOC_QUERY:
		return ntsection_query(h, argp);
	default:
		return -ENOIOCTLCMD;
	}
}

static int ntsection_section_release(struct inode *inode, struct file *file)
{
	struct ntsection_handle *h = file->private_data;

	ntsection_put(h->sec);
	kfree(h);
	return 0;
}

/* /proc/PID/fdinfo/FD of a handle: what QUERY says, without the right. */
static void ntsection_section_show_fdinfo(struct seq_file *m, struct file *file)
{
	struct ntsection_handle *h = file->private_data;
	struct ntsection_section *sec = h->sec;

	seq_printf(m, "ntsection-access:\t%#x\n", h->access);
	seq_printf(m, "ntsection-size:\t%llu\n", sec->size);
	seq_printf(m, "ntsection-protect:\t%#x\n", sec->protect);
	seq_printf(m, "ntsection-attributes:\t%#x\n", sec->attributes);
}

const struct file_operations ntsection_section_fops = {
	.owner		= THIS_MODULE,
	.release	= ntsection_section_release,
	.unlocked_ioctl	= ntsection_section_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.mmap		= ntsection_mmap,
	.show_fdinfo	= ntsection_section_show_fdinfo,
};
