// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - the /dev/ntsection misc device and its ioctl dispatch.
 *
 * Owns: module init/exit and the device file operations.  The device file
 * holds no state of its own; every object it creates is a file of its own.
 * Locking: none here.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include <linux/ntsection.h>

static int ntsection_dev_open(struct inode *inode, struct file *file)
{
	return nonseekable_open(inode, file);
}

static long ntsection_dev_ioctl(struct file *file, unsigned int cmd,
				unsigned long parm)
{
	switch (cmd) {
	default:
		return -ENOIOCTLCMD;
	}
}

static const struct file_operations ntsection_dev_fops = {
	.owner		= THIS_MODULE,
	.open		= ntsection_dev_open,
	.unlocked_ioctl	= ntsection_dev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};

static struct miscdevice ntsection_misc = {
	.minor		= MISC_DYNAMIC_MINOR,
	.name		= "ntsection",
	.fops		= &ntsection_dev_fops,
	.mode		= 0666,
};

static int __init ntsection_init(void)
{
	int ret;

	ret = misc_register(&ntsection_misc);
	if (ret) {
		pr_err("cannot register /dev/ntsection: %d\n", ret);
		return ret;
	}
	pr_info("loaded\n");
	return 0;
}

static void __exit ntsection_exit(void)
{
	misc_deregister(&ntsection_misc);
	pr_info("unloaded\n");
}

module_init(ntsection_init);
module_exit(ntsection_exit);

MODULE_DESCRIPTION("Windows NT section objects (file mappings)");
MODULE_AUTHOR("The ntsection developers");
MODULE_LICENSE("GPL");
