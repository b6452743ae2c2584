// SPDX-License-Identifier: GPL-2.0
/*
 * t_native.c - the native API of ntsection.h: each function's success
 * and its errors, returned as -errno with errno left alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <ntsection.h>

#include "tap.h"

#define RW (NTSECTION_SECTION_QUERY | NTSECTION_SECTION_MAP_READ | NTSECTION_SECTION_MAP_WRITE)

static int names_supported(int dev)
{
	int r = ntsection_open(dev, "ntsection-probe-no-such-name", 0, 0);

	if (r >= 0)
		close(r);
	return r != -ENOTTY;
}

int main(void)
{
	struct ntsection_create_args a;
	struct ntsection_view_query_args q;
	struct ntsection_info info;
	int dev, fd, d, file, r;
	char *p;

	dev = ntsection_open_device();
	ok(dev >= 0 && (fcntl(dev, F_GETFD) & FD_CLOEXEC), "ntsection_open_device: an fd, close-on-exec");

	ntsection_create_init(&a, 8192, NTSECTION_PAGE_READWRITE, -1, NTSECTION_SECTION_ALL_ACCESS);
	ok(a.size == 8192 && a.protect == NTSECTION_PAGE_READWRITE && a.file_fd == -1 &&
	   a.access == NTSECTION_SECTION_ALL_ACCESS && !a.name && !a.flags && !a.mode,
	   "ntsection_create_init fills the fields and zeroes the rest");
	fd = ntsection_create(dev, &a);
	ok(fd >= 0 && a.existed == 0, "ntsection_create: a handle, existed 0");
	r = ntsection_create(NTSECTION_DEV_DEFAULT, &a);
	ok(r >= 0, "ntsection_create on NTSECTION_DEV_DEFAULT (the library's device fd)");
	close(r);

	a.protect = NTSECTION_PAGE_NOACCESS;
	is(ntsection_create(dev, &a), -EINVAL, "ntsection_create with PAGE_NOACCESS: -EINVAL");
	a.protect = NTSECTION_PAGE_READWRITE;
	a.size = 0;
	is(ntsection_create(dev, &a), -EINVAL, "ntsection_create of a pagefile section of size 0: -EINVAL");
	a.size = 4096;
	is(ntsection_create(-5, &a), -EBADF, "ntsection_create on a bad device fd: -EBADF");
	file = open("native.dat", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ntsection_create_init(&a, 0, NTSECTION_PAGE_READWRITE, file, RW);
	is(ntsection_create(dev, &a), -ENODATA, "file-backed, empty file, size 0: -ENODATA");
	ntsection_create_init(&a, 0, NTSECTION_PAGE_READWRITE, dev, RW);
	is(ntsection_create(dev, &a), -ENODEV, "file-backed on the device fd: -ENODEV");
	ntsection_create_init(&a, 12288, NTSECTION_PAGE_READWRITE, file, RW);
	r = ntsection_create(dev, &a);
	ok(r >= 0, "ntsection_create of a file-backed section of 12 KiB (the file grows)");
	ok(!ntsection_query(r, &info) && info.size == 12288 && info.attributes == NTSECTION_SEC_FILE &&
	   info.ino != 0, "ntsection_query: size 12288, SEC_FILE, the file's inode");

	p = mmap(NULL, 12288, PROT_READ | PROT_WRITE, MAP_SHARED, r, 0);
	ok(p != MAP_FAILED, "a view of the file section");
	memset(p, 'z', 12288);
	is(ntsection_flush(dev, p + 4096, 0), 0, "ntsection_flush of the view's rest: 0");
	is(ntsection_flush(NTSECTION_DEV_DEFAULT, p, 4096), 0, "ntsection_flush on NTSECTION_DEV_DEFAULT: 0");
	is(ntsection_flush(dev, &info, 0), -ENXIO, "ntsection_flush of a non-view: -ENXIO");
	is(ntsection_flush(dev, p, 1 << 20), -EINVAL, "ntsection_flush past the view: -EINVAL");
	is(ntsection_view_query(dev, p + 4097, &q), 0, "ntsection_view_query inside the view: 0");
	ok(q.view_start == (uintptr_t)p && q.view_length == 12288 && q.offset == 0 &&
	   q.view_flags == NTSECTION_VIEW_SHARED && q.section.size == 12288,
	   "ntsection_view_query: start, length, offset, shared, section size");
	is(ntsection_view_query(dev, &q, &q), -ENXIO, "ntsection_view_query of a non-view: -ENXIO");
	munmap(p, 12288);
	close(r);
	close(file);
	unlink("native.dat");

	is(ntsection_query(fd, &info), 0, "ntsection_query of the pagefile section: 0");
	ok(info.size == 8192 && info.protect == NTSECTION_PAGE_READWRITE && info.attributes == NTSECTION_SEC_COMMIT &&
	   info.access == NTSECTION_SECTION_ALL_ACCESS,
	   "ntsection_query: size, protect, SEC_COMMIT, access");
	d = ntsection_duplicate(fd, NTSECTION_SECTION_MAP_READ, 0);
	ok(d >= 0 && (fcntl(d, F_GETFD) & FD_CLOEXEC), "ntsection_duplicate with MAP_READ: close-on-exec");
	is(ntsection_query(d, &info), -EACCES, "ntsection_query without SECTION_QUERY: -EACCES");
	is(ntsection_duplicate(d, NTSECTION_SECTION_MAP_WRITE, 0), -EACCES,
	   "ntsection_duplicate with more access: -EACCES");
	close(d);
	d = ntsection_duplicate(fd, 0, NTSECTION_DUP_SAME_ACCESS | NTSECTION_DUP_INHERIT);
	ok(d >= 0 && !(fcntl(d, F_GETFD) & FD_CLOEXEC) && !ntsection_query(d, &info) &&
	   info.access == NTSECTION_SECTION_ALL_ACCESS, "ntsection_duplicate SAME_ACCESS|INHERIT");
	close(d);
	is(ntsection_duplicate(dev, 0, NTSECTION_DUP_SAME_ACCESS), -ENOTTY,
	   "ntsection_duplicate of the device fd: -ENOTTY");
	is(ntsection_duplicate(fd, 0x100, 0), -EINVAL, "ntsection_duplicate with unknown access bits: -EINVAL");

	if (!names_supported(dev)) {
		skip("no named sections in this module", "ntsection_open, ntsection_create_set_name, ntsection_set_owner");
	} else {
		char name[64];

		snprintf(name, sizeof(name), "native-%d", (int)getpid());
		ntsection_create_init(&a, 4096, NTSECTION_PAGE_READWRITE, -1, RW);
		ntsection_create_set_mode(&a, 0640);
		ok(a.flags & NTSECTION_CREATE_MODE && a.mode == 0640,
		   "ntsection_create_set_mode sets the flag and the mode");
		r = ntsection_create(dev, &a);
		ok(r >= 0 && !ntsection_query(r, &info) && info.mode == 0640 && info.handles == 1 &&
		   !(info.flags & NTSECTION_INFO_NAMED), "an unnamed section of mode 0640: one handle, not named");
		close(r);
		ntsection_create_init(&a, 4096, NTSECTION_PAGE_READWRITE, -1, RW);
		r = ntsection_create(dev, &a);
		ok(r >= 0 && !ntsection_query(r, &info) && info.mode == 0600, "the default mode is 0600");
		close(r);
		ntsection_create_init(&a, 4096, NTSECTION_PAGE_READWRITE, -1, NTSECTION_SECTION_ALL_ACCESS);
		ntsection_create_set_name(&a, name);
		ok(a.name_length == strlen(name), "ntsection_create_set_name sets the length");
		r = ntsection_create(dev, &a);
		ok(r >= 0 && !a.existed, "ntsection_create of a new name: existed 0");
		d = ntsection_create(dev, &a);
		ok(d >= 0 && a.existed == 1, "ntsection_create of the same name: existed 1");
		close(d);
		a.flags |= NTSECTION_CREATE_NEW;
		is(ntsection_create(dev, &a), -EEXIST, "NTSECTION_CREATE_NEW of an existing name: -EEXIST");
		d = ntsection_open(dev, name, NTSECTION_SECTION_QUERY, 0);
		ok(d >= 0 && !ntsection_query(d, &info) && (info.flags & NTSECTION_INFO_NAMED),
		   "ntsection_open: a handle to the named section");
		close(d);
		is(ntsection_open(dev, "ntsection-no-such-name", NTSECTION_SECTION_QUERY, 0), -ENOENT,
		   "ntsection_open of a missing name: -ENOENT");
		is(ntsection_open(dev, "", 0, 0), -EINVAL, "ntsection_open of an empty name: -EINVAL");
		is(ntsection_open(dev, NULL, 0, 0), -EINVAL, "ntsection_open(NULL): -EINVAL");
		is(ntsection_set_owner(r, NTSECTION_SET_MODE, 0, 0, 0644), 0, "ntsection_set_owner mode 0644: 0");
		ok(!ntsection_query(r, &info) && info.mode == 0644, "the mode is 0644");
		is(ntsection_set_owner(r, NTSECTION_SET_UID | NTSECTION_SET_GID, 1000, 1000, 0), 0,
		   "ntsection_set_owner uid/gid 1000: 0");
		ok(!ntsection_query(r, &info) && info.uid == 1000 && info.gid == 1000 && info.cuid == 0,
		   "owner 1000:1000, creator unchanged");
		is(ntsection_set_owner(r, NTSECTION_SET_MODE, 0, 0, 01000), -EINVAL,
		   "ntsection_set_owner with a non-0777 mode: -EINVAL");
		is(ntsection_set_owner(r, 0x80, 0, 0, 0), -EINVAL, "ntsection_set_owner with unknown flags: -EINVAL");
		close(r);
		is(ntsection_open(dev, name, NTSECTION_SECTION_QUERY, 0), -ENOENT,
		   "the name is gone with its last handle: -ENOENT");
	}
	is(ntsection_set_owner(dev, 0, 0, 0, 0), -ENOTTY, "ntsection_set_owner on the device fd: -ENOTTY");
	close(fd);
	close(dev);
	return tap_done();
}
