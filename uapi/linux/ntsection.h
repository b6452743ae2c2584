/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ntsection - Windows NT section objects for Linux.
 *
 * The one contract between the ntsection module and user space.
 *
 * Device: /dev/ntsection (misc device, mode 0666; access control is per
 * section object, not on the device node).
 *
 * ioctl numbers: magic NTSECTION_IOC_MAGIC (0xB8), numbers 0x00-0x1F.
 * Every ioctl takes a pointer to a structure made only of fixed-width
 * fields with explicit padding; padding and reserved fields must be zero
 * and unknown flag bits are rejected with EINVAL.  An ioctl the module
 * does not know fails with ENOTTY.
 */
#ifndef __LINUX_NTSECTION_H
#define __LINUX_NTSECTION_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define NTSECTION_IOC_MAGIC	0xB8

#endif /* __LINUX_NTSECTION_H */
