// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - the /dev/ntsection misc device and its ioctl dispatch.
 *
 * Owns: module init/exit, the device file operations, the dispatch of the
 * device ioctls (CREATE, OPEN, VIEW_QUERY, FLUSH, COMMIT; the section fd ioctls
 * are in section.c) and the test hook /sys/kernel/debug/ntsection/
 * live_sections (debugfs: no ABI promise).  The device file holds no state
 * of its own but a pin of the module's filesystem (fs.c), so that the
 * sections it creates find it mounted; every object it creates is a file
 * of its own.
 * Locking: none here.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include <linux/ntsection.h>

#include "internal.h"

static int ntsection_dev_open(struct inode *inode, struct file *file)
{
	int ret = nonseekable_open(inode, file);

	if (ret)
		return ret;
	return ntsection_fs_pin();
}

static int ntsection_dev_release(struct inode *inode, struct file *file)
{
	ntsection_fs_unpin();
	return 0;
}

static long ntsection_dev_ioctl(struct file *file, unsigned int cmd,
				unsigned long parm)
{
	void __user *argp = (void __user *)parm;

	switch (cmd) {
	case NTSECTION_IOC_CREATE:
		return ntsection_ioc_create(argp);
	case NTSECTION_IOC_OPEN:
		return ntsection_ioc_open(argp);
	case NTSECTION_IOC_VIEW_QUERY:
		return ntsection_ioc_view_query(argp);
	case NTSECTION_IOC_FLUSH:
		return ntsection_ioc_flush(argp);
	case NTSECTION_IOC_COMMIT:
		return ntsection_ioc_commit(argp);
	default:
		return -ENOIOCTLCMD;
	}
}

static const struct file_operations ntsection_dev_fops = {
	.owner		= THIS_MODULE,
	.open		= ntsection_dev_open,
	.release	= ntsection_dev_release,
	.unlocked_ioctl	= ntsection_dev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};

static struct dentry *ntsection_debugfs;

/* Sections alive now (a handle or a view refers to them); for tests. */
static int ntsection_live_get(void *data, u64 *val)
{
	*val = atomic_long_read(&ntsection_live_sections);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(ntsection_live_fops, ntsection_live_get, NULL,
			 "%llu\n");

static struct miscdevice ntsection_misc = {
	.minor		= MISC_DYNAMIC_MINOR,
	.name		= "ntsection",
	.fops		= &ntsection_dev_fops,
	.mode		= 0666,
};

static int __init ntsection_init(void)
{
	int ret;

	ret = ntsection_section_init();
	if (ret)
		return ret;
	ret = ntsection_commit_init();
	if (ret)
		goto err_section;
	ret = ntsection_large_init();
	if (ret)
		goto err_commit;
	ret = ntsection_names_init();
	if (ret)
		goto err_large;
	ret = ntsection_proc_init();
	if (ret) {
		pr_err("cannot create /proc/ntsection: %d\n", ret);
		goto err_names;
	}
	ret = misc_register(&ntsection_misc);
	if (ret) {
		pr_err("cannot register /dev/ntsection: %d\n", ret);
		goto err_proc;
	}
	/* debugfs failures are not errors: the hook is for tests only */
	ntsection_debugfs = debugfs_create_dir("ntsection", NULL);
	debugfs_create_file_unsafe("live_sections", 0444, ntsection_debugfs,
				   NULL, &ntsection_live_fops);
	pr_info("loaded\n");
	return 0;

err_proc:
	ntsection_proc_exit();
err_names:
	ntsection_names_exit();
err_large:
	ntsection_large_exit();
err_commit:
	ntsection_commit_exit();
err_section:
	ntsection_section_exit();
	return ret;
}

static void __exit ntsection_exit(void)
{
	debugfs_remove_recursive(ntsection_debugfs);
	misc_deregister(&ntsection_misc);
	ntsection_proc_exit();
	ntsection_names_exit();
	ntsection_limits_exit();
	ntsection_large_exit();
	ntsection_commit_exit();
	ntsection_section_exit();
	pr_info("unloaded\n");
}

module_init(ntsection_init);
module_exit(ntsection_exit);

MODULE_DESCRIPTION("Windows NT section objects (file mappings)");
MODULE_AUTHOR("The ntsection developers");
MODULE_LICENSE("GPL");
