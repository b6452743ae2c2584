// SPDX-License-Identifier: GPL-2.0
/*
 * fs.c - the module's pseudo filesystem, where section handles live.
 *
 * Owns: the "ntsection" pseudo filesystem, mounted while any section lives
 * or /dev/ntsection is open (simple_pin_fs(), as vfio does for its device
 * inodes), one inode per section on it, and the handle files made on that
 * inode.  The device's pin keeps the mount from being made and torn down
 * again by every create -> close of a section when no other section lives:
 * a mount and a superblock cost more than the rest of a create together.
 *
 * Handles live on a mount of the module's own rather than on the kernel's
 * shared anon-inode mount, so that whether a handle may be mapped
 * executable is decided by the section's protection, not by the flags of
 * a mount other subsystems share (upstream marks anon inodes noexec).
 * The superblock pins the module through its file_system_type's owner: the
 * module cannot be unloaded while anything, e.g. an O_PATH fd of
 * /proc/PID/fd/N, still refers to the mount.  A handle's inode has the
 * core's no_open_fops, so such a path can never be opened again.
 *
 * Locking: the mount pointer and its pin count are guarded by libfs's
 * pin_fs_lock inside simple_pin_fs() and simple_release_fs(); the pointer
 * is read without it by holders of a pin, for whom it cannot change.
 */
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/pseudo_fs.h>

#include "internal.h"

#define NTSECTION_FS_MAGIC	0x4e545345	/* "NTSE" */

static struct vfsmount *ntsection_mnt;
static int ntsection_mnt_count;

/*
 * "ntsection:[section]" in /proc/PID/fd/, as anon inodes show theirs
 * (dynamic_dname() is not exported).  The name is built at the end of
 * @buffer, as d_path() wants it.
 */
static char *ntsection_dname(struct dentry *dentry, char *buffer, int buflen)
{
	int len = snprintf(NULL, 0, "ntsection:%s", dentry->d_name.name) + 1;

	if (len > buflen)
		return ERR_PTR(-ENAMETOOLONG);
	buffer += buflen - len;
	snprintf(buffer, len, "ntsection:%s", dentry->d_name.name);
	return buffer;
}

static const struct dentry_operations ntsection_dops = {
	.d_dname	= ntsection_dname,
};

static int ntsection_init_fs_context(struct fs_context *fc)
{
	struct pseudo_fs_context *ctx = init_pseudo(fc, NTSECTION_FS_MAGIC);

	if (!ctx)
		return -ENOMEM;
	ctx->dops = &ntsection_dops;
	return 0;
}

static struct file_system_type ntsection_fs_type = {
	.owner		= THIS_MODULE,
	.name		= "ntsection",
	.init_fs_context = ntsection_init_fs_context,
	.kill_sb	= kill_anon_super,
};

/*
 * Pin the filesystem (mount it if it is not): every open /dev/ntsection
 * holds a pin, and so does every section (ntsection_inode_new()).  0 or a
 * negative errno.
 */
int ntsection_fs_pin(void)
{
	return simple_pin_fs(&ntsection_fs_type, &ntsection_mnt,
			     &ntsection_mnt_count);
}

void ntsection_fs_unpin(void)
{
	simple_release_fs(&ntsection_mnt, &ntsection_mnt_count);
}

/* A new inode for one section's handles; it pins the filesystem. */
struct inode *ntsection_inode_new(void)
{
	struct inode *inode;
	int ret;

	ret = ntsection_fs_pin();
	if (ret)
		return ERR_PTR(ret);
	inode = alloc_anon_inode(ntsection_mnt->mnt_sb);
	if (IS_ERR(inode))
		ntsection_fs_unpin();
	return inode;
}

void ntsection_inode_put(struct inode *inode)
{
	iput(inode);
	ntsection_fs_unpin();
}

/*
 * A handle file on @inode (from ntsection_inode_new(), so the mount is
 * pinned) with @fops and @priv.  The file holds a reference to the module,
 * dropped by the core when the file is freed.
 */
struct file *ntsection_handle_file(struct inode *inode, int flags,
				   const struct file_operations *fops,
				   void *priv)
{
	struct file *file;

	__module_get(fops->owner);
	ihold(inode);
	file = alloc_file_pseudo(inode, ntsection_mnt, "[section]", flags,
				 fops);
	if (IS_ERR(file)) {
		iput(inode);
		module_put(fops->owner);
		return file;
	}
	file->private_data = priv;
	return file;
}
