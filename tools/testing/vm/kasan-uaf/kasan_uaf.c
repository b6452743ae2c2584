// SPDX-License-Identifier: GPL-2.0
/*
 * kasan_uaf.c - a deliberately broken module for the debug lane's
 * self-test: loading it reads freed memory, which a KASAN kernel must
 * report and the guest runner must turn into a failed run.
 *
 * Test-only.  Never part of ntsection.ko, never installed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>

static int __init kasan_uaf_init(void)
{
	char *p = kmalloc(128, GFP_KERNEL);
	char c;

	if (!p)
		return -ENOMEM;
	kfree(p);
	/* The bug under test: a read of freed memory. */
	c = READ_ONCE(p[16]);
	pr_info("read %d from freed memory\n", c);
	return 0;
}

static void __exit kasan_uaf_exit(void)
{
}

module_init(kasan_uaf_init);
module_exit(kasan_uaf_exit);

MODULE_DESCRIPTION("use-after-free on load, to prove KASAN reports reach the runner");
MODULE_LICENSE("GPL");
