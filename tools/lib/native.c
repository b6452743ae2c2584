// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * native.c - libntsection's native API: one function per ioctl of
 * <linux/ntsection.h>, returning -errno, and the library's own device fd.
 *
 * Nothing here keeps state but the shared device fd, opened once on first
 * use (close-on-exec) and kept for the life of the process; a fork shares
 * it, which is harmless because /dev/ntsection holds no per-open state.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ntsection.h"
#include "internal.h"

static int shared_dev = -1;

int ntsection_open_device(void)
{
	int fd = open(NTSECTION_DEVICE, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/* The library's device fd, or -errno; safe to call from any thread. */
int libntsection_device(void)
{
	int fd = __atomic_load_n(&shared_dev, __ATOMIC_ACQUIRE);
	int expected = -1;

	if (fd >= 0)
		return fd;
	fd = ntsection_open_device();
	if (fd == -ENOENT)	/* no device node: the module is not loaded */
		return -ENOSYS;
	if (fd < 0)
		return fd;
	if (!__atomic_compare_exchange_n(&shared_dev, &expected, fd, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		close(fd);	/* another thread won */
		fd = expected;
	}
	return fd;
}

static int dev_fd(int dev)
{
	if (dev == NTSECTION_DEV_DEFAULT)
		return libntsection_device();
	return dev < 0 ? -EBADF : dev;
}

static int ret(int r)
{
	return r < 0 ? -errno : r;
}

void ntsection_create_init(struct ntsection_create_args *a, uint64_t size,
			   uint32_t protect, int file_fd, uint32_t access)
{
	memset(a, 0, sizeof(*a));
	a->size = size;
	a->protect = protect;
	a->file_fd = file_fd;
	a->access = access;
}

void ntsection_create_set_name(struct ntsection_create_args *a,
			       const char *name)
{
	a->name = (uintptr_t)name;
	a->name_length = name ? strlen(name) : 0;
}

void ntsection_create_set_mode(struct ntsection_create_args *a, mode_t mode)
{
	a->flags |= NTSECTION_CREATE_MODE;
	a->mode = mode;
}

int ntsection_create(int dev, struct ntsection_create_args *a)
{
	dev = dev_fd(dev);
	if (dev < 0)
		return dev;
	a->existed = 0;		/* an output; the module wants 0 on input */
	return ret(ioctl(dev, NTSECTION_IOC_CREATE, a));
}

int ntsection_open(int dev, const char *name, uint32_t access,
		   uint32_t flags)
{
	struct ntsection_open_args a;

	if (!name)
		return -EINVAL;
	dev = dev_fd(dev);
	if (dev < 0)
		return dev;
	memset(&a, 0, sizeof(a));
	a.name = (uintptr_t)name;
	a.name_length = strlen(name);
	a.access = access;
	a.flags = flags;
	return ret(ioctl(dev, NTSECTION_IOC_OPEN, &a));
}

int ntsection_duplicate(int handle, uint32_t access, uint32_t flags)
{
	struct ntsection_dup_args a = { .access = access, .flags = flags };

	return ret(ioctl(handle, NTSECTION_IOC_DUPLICATE, &a));
}

int ntsection_query(int handle, struct ntsection_info *info)
{
	return ret(ioctl(handle, NTSECTION_IOC_QUERY, info));
}

int ntsection_handle_info(int handle, struct ntsection_handle_info *info)
{
	return ret(ioctl(handle, NTSECTION_IOC_HANDLE_INFO, info));
}

int ntsection_view_query(int dev, const void *addr,
			 struct ntsection_view_query_args *q)
{
	dev = dev_fd(dev);
	if (dev < 0)
		return dev;
	memset(q, 0, sizeof(*q));
	q->address = (uintptr_t)addr;
	return ret(ioctl(dev, NTSECTION_IOC_VIEW_QUERY, q));
}

int ntsection_flush(int dev, const void *addr, uint64_t length)
{
	struct ntsection_flush_args a = {
		.address = (uintptr_t)addr, .length = length,
	};

	dev = dev_fd(dev);
	if (dev < 0)
		return dev;
	return ret(ioctl(dev, NTSECTION_IOC_FLUSH, &a));
}

int ntsection_commit(int dev, const void *addr, uint64_t length,
		     uint64_t *committed)
{
	struct ntsection_commit_args a = {
		.address = (uintptr_t)addr, .length = length,
	};
	int r;

	dev = dev_fd(dev);
	if (dev < 0)
		return dev;
	r = ret(ioctl(dev, NTSECTION_IOC_COMMIT, &a));
	if (!r && committed)
		*committed = a.committed;
	return r;
}

int ntsection_extend(int handle, uint64_t *size)
{
	struct ntsection_extend_args a = { .size = *size };
	int r = ret(ioctl(handle, NTSECTION_IOC_EXTEND, &a));

	if (!r)
		*size = a.size;
	return r;
}

int ntsection_set_owner(int handle, uint32_t flags, uid_t uid, gid_t gid,
			mode_t mode)
{
	struct ntsection_owner_args a = {
		.flags = flags, .uid = uid, .gid = gid, .mode = mode,
	};

	return ret(ioctl(handle, NTSECTION_IOC_SET_OWNER, &a));
}
