/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ntsection - Windows NT section objects for Linux.
 *
 * /dev/ntsection is a misc device of mode 0666 (access control is per
 * section, not on the device node).  Its ioctls create and open sections;
 * a section is used through file descriptors called handles, with ioctls
 * of their own, and mmap(2) of a handle maps a view of the section.
 *
 * ioctl numbers: magic NTSECTION_IOC_MAGIC (0xD6), numbers 0x00-0x1F: the
 * range this header claims (0x00-0x09 are used).  0xD6 is unclaimed in
 * the kernel's Documentation/userspace-api/ioctl/ioctl-number.rst.
 *
 * Every ioctl takes a pointer to a structure made only of fixed-width
 * fields with explicit padding.  Padding and reserved fields passed in
 * must be zero, and unknown flag bits must be clear: EINVAL otherwise.
 * An ioctl the module does not know fails with ENOTTY, and so does an
 * ioctl issued on the wrong kind of fd.
 *
 * This header defines the interface and documents each structure and
 * ioctl with kernel-doc; docs/userspace-api/ntsection.rst in the ntsection
 * sources is its full description.
 */
#ifndef __LINUX_NTSECTION_H
#define __LINUX_NTSECTION_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define NTSECTION_IOC_MAGIC	0xD6

/*
 * Page protections (Windows values).  A section has exactly one of them,
 * but not NOACCESS or EXECUTE: those two are defined only so that they
 * can be named, and a section refuses them.
 */
#define NTSECTION_PAGE_NOACCESS			0x01
#define NTSECTION_PAGE_READONLY			0x02
#define NTSECTION_PAGE_READWRITE		0x04
#define NTSECTION_PAGE_WRITECOPY		0x08
#define NTSECTION_PAGE_EXECUTE			0x10
#define NTSECTION_PAGE_EXECUTE_READ		0x20
#define NTSECTION_PAGE_EXECUTE_READWRITE	0x40
#define NTSECTION_PAGE_EXECUTE_WRITECOPY	0x80

/*
 * Section attributes (Windows values).  Which combinations a section
 * accepts, and what each does on Linux, is described in
 * docs/userspace-api/ntsection.rst.
 */
#define NTSECTION_SEC_FILE		0x00800000
#define NTSECTION_SEC_IMAGE		0x01000000
#define NTSECTION_SEC_RESERVE		0x04000000
#define NTSECTION_SEC_COMMIT		0x08000000
#define NTSECTION_SEC_NOCACHE		0x10000000
#define NTSECTION_SEC_WRITECOMBINE	0x40000000
#define NTSECTION_SEC_LARGE_PAGES	0x80000000

/* Handle access rights (Windows values). */
#define NTSECTION_SECTION_QUERY		0x0001	/* NTSECTION_IOC_QUERY */
#define NTSECTION_SECTION_MAP_WRITE	0x0002	/* shared writable views */
#define NTSECTION_SECTION_MAP_READ	0x0004	/* any other view */
#define NTSECTION_SECTION_MAP_EXECUTE	0x0008	/* PROT_EXEC views */
#define NTSECTION_SECTION_EXTEND_SIZE	0x0010	/* NTSECTION_IOC_EXTEND */
#define NTSECTION_SECTION_ALL_ACCESS	0x001f

/*
 * Where views start.  mmap(2) of a section fd without MAP_FIXED returns an
 * address that is a multiple of NTSECTION_VIEW_ALIGNMENT (64 KiB, Windows'
 * allocation granularity), or of the large page size
 * (NTSECTION_IOC_HANDLE_INFO's map_align) for a section with
 * NTSECTION_SEC_LARGE_PAGES.
 */
#define NTSECTION_VIEW_ALIGNMENT	0x10000

/* Longest name in bytes, not counting a "Local\" or "Global\" prefix. */
#define NTSECTION_NAME_MAX		255

/* NTSECTION_IOC_CREATE flags. */
#define NTSECTION_CREATE_INHERIT	0x1	/* fd not close-on-exec */
#define NTSECTION_CREATE_NEW		0x2	/* EEXIST if the name exists */
#define NTSECTION_CREATE_MODE		0x4	/* the mode field is given */

/**
 * struct ntsection_create_args - argument of NTSECTION_IOC_CREATE
 * @size: the section's size in bytes.  Pagefile-backed: not 0, rounded up
 *	to a whole number of pages.  File-backed: 0 means the file's current
 *	size; kept exact; a size beyond the file's grows the file when
 *	@file_fd is open for writing and @protect is writable.
 * @protect: the section's page protection, one of the six accepted
 *	NTSECTION_PAGE_* values.
 * @attributes: NTSECTION_SEC_* attributes, 0 or an accepted combination.
 * @file_fd: -1 for a pagefile-backed section, else an fd of the regular
 *	file that backs the section.
 * @access: the access mask of the new handle, NTSECTION_SECTION_* bits.
 * @flags: NTSECTION_CREATE_* bits.
 * @name_length: the length of the name in bytes; 0 when @name is 0.
 * @name: 0 for an unnamed section, else a user pointer to the name
 *	(@name_length bytes, no terminating NUL needed).
 * @mode: with NTSECTION_CREATE_MODE, the section's mode (permission bits
 *	0777); without it, must be zero and the mode is 0600.
 * @existed: output: 1 when an existing named section was opened, else 0.
 *	Must be zero on input.
 * @reserved: must be zero.
 */
struct ntsection_create_args {
	__u64 size;
	__u32 protect;
	__u32 attributes;
	__s32 file_fd;
	__u32 access;
	__u32 flags;
	__u32 name_length;
	__u64 name;
	__u32 mode;
	__u32 existed;
	__u64 reserved[2];
};

/* NTSECTION_IOC_OPEN flags. */
#define NTSECTION_OPEN_INHERIT		0x1	/* fd not close-on-exec */

/**
 * struct ntsection_open_args - argument of NTSECTION_IOC_OPEN
 * @name: a user pointer to the name (@name_length bytes, no terminating
 *	NUL needed).
 * @name_length: the length of the name in bytes.
 * @access: the access mask of the new handle, NTSECTION_SECTION_* bits,
 *	checked against the section's owner, group and mode.
 * @flags: NTSECTION_OPEN_* bits.
 * @pad: must be zero.
 * @reserved: must be zero.
 */
struct ntsection_open_args {
	__u64 name;
	__u32 name_length;
	__u32 access;
	__u32 flags;
	__u32 pad;
	__u64 reserved[2];
};

/* NTSECTION_IOC_SET_OWNER flags: which fields to apply. */
#define NTSECTION_SET_UID		0x1
#define NTSECTION_SET_GID		0x2
#define NTSECTION_SET_MODE		0x4

/**
 * struct ntsection_owner_args - argument of NTSECTION_IOC_SET_OWNER
 * @flags: NTSECTION_SET_* bits: which of @uid, @gid and @mode to apply.
 *	A field not selected must be zero.
 * @uid: the new owner, a user id of the caller's user namespace.
 * @gid: the new group, a group id of the caller's user namespace.
 * @mode: the new mode, permission bits 0777 only.
 * @pad: must be zero.
 */
struct ntsection_owner_args {
	__u32 flags;
	__u32 uid;
	__u32 gid;
	__u32 mode;
	__u64 pad;
};

/* NTSECTION_IOC_DUPLICATE flags. */
#define NTSECTION_DUP_INHERIT		0x1	/* fd not close-on-exec */
#define NTSECTION_DUP_SAME_ACCESS	0x2	/* this handle's access */

/**
 * struct ntsection_dup_args - argument of NTSECTION_IOC_DUPLICATE
 * @access: the access mask of the new handle, NTSECTION_SECTION_* bits: a
 *	subset of this handle's.  Must be zero with NTSECTION_DUP_SAME_ACCESS.
 * @flags: NTSECTION_DUP_* bits.
 * @reserved: must be zero.
 */
struct ntsection_dup_args {
	__u32 access;
	__u32 flags;
	__u64 reserved;
};

/* ntsection_info flags. */
#define NTSECTION_INFO_NAMED		0x1	/* the section has a name */

/**
 * struct ntsection_info - what a section is
 * @size: the section's size in bytes: exact for a file-backed section,
 *	page-rounded for a pagefile-backed one.
 * @protect: the section's NTSECTION_PAGE_* protection.
 * @attributes: the section's NTSECTION_SEC_* attributes, as reported.
 * @access: the queried handle's access mask; 0 from NTSECTION_IOC_VIEW_QUERY.
 * @dev_major: major number of the backing file's device; 0 for a
 *	pagefile-backed section.
 * @dev_minor: minor number of the backing file's device; 0 for a
 *	pagefile-backed section.
 * @pad: padding, always zero.
 * @ino: inode number of the backing file; 0 for a pagefile-backed section.
 * @resident_pages: pages of the backing file in the page cache (for a
 *	file-backed section, the whole file's, not only the section's).
 * @swapped_pages: pages of a pagefile-backed section in swap; 0 for a
 *	file-backed section.
 * @uid: the owner, as a user id of the caller's user namespace (the
 *	overflow id when unmapped).
 * @gid: the group, as a group id of the caller's user namespace (the
 *	overflow id when unmapped).
 * @cuid: the creator's effective uid, as @uid.
 * @cgid: the creator's effective gid, as @gid.
 * @mode: the section's permission bits (0777).
 * @flags: NTSECTION_INFO_NAMED when the section has a name.
 * @handles: the number of open handles to the section.
 * @views: the number of mapped view vmas.
 * @committed: bytes of the section that are committed: all of it for a
 *	pagefile-backed NTSECTION_SEC_COMMIT section and for a file-backed
 *	one, the pages committed by NTSECTION_IOC_COMMIT for a
 *	pagefile-backed NTSECTION_SEC_RESERVE section.
 * @reserved: reserved, always zero.
 *
 * Filled in by NTSECTION_IOC_QUERY and, for the section of a view, by
 * NTSECTION_IOC_VIEW_QUERY; it is never read.
 */
struct ntsection_info {
	__u64 size;
	__u32 protect;
	__u32 attributes;
	__u32 access;
	__u32 dev_major;
	__u32 dev_minor;
	__u32 pad;
	__u64 ino;
	__u64 resident_pages;
	__u64 swapped_pages;
	__u32 uid;
	__u32 gid;
	__u32 cuid;
	__u32 cgid;
	__u32 mode;
	__u32 flags;
	__u32 handles;
	__u32 views;
	__u64 committed;
	__u64 reserved;
};

/**
 * struct ntsection_handle_info - what any holder of a handle may learn
 * @size: the section's size in bytes, as &struct ntsection_info has it.
 * @protect: the section's NTSECTION_PAGE_* protection.
 * @attributes: the section's NTSECTION_SEC_* attributes, as reported.
 * @access: the handle's access mask.
 * @pad: padding, always zero.
 * @map_align: the alignment in bytes of the views mmap(2) places:
 *	NTSECTION_VIEW_ALIGNMENT, or the large page size for a section with
 *	NTSECTION_SEC_LARGE_PAGES, whose views' offsets and lengths must be
 *	multiples of it too.
 *
 * Filled in by NTSECTION_IOC_HANDLE_INFO; it is never read.
 */
struct ntsection_handle_info {
	__u64 size;
	__u32 protect;
	__u32 attributes;
	__u32 access;
	__u32 pad;
	__u64 map_align;
};

/* ntsection_view_query_args view_flags: how a view shares its pages. */
#define NTSECTION_VIEW_SHARED		0x1	/* MAP_SHARED */
#define NTSECTION_VIEW_COPY_ON_WRITE	0x2	/* MAP_PRIVATE */

/* ntsection_view_query_args region_state: the pages of a region. */
#define NTSECTION_REGION_COMMITTED	0x1	/* may be touched */
#define NTSECTION_REGION_RESERVED	0x2	/* touching raises SIGSEGV */

/**
 * struct ntsection_view_query_args - argument of NTSECTION_IOC_VIEW_QUERY
 * @address: input: any address of the caller.
 * @flags: must be zero.
 * @pad: must be zero.
 * @view_start: output: the start of the view containing @address.
 * @view_length: output: the length of that view in bytes.
 * @offset: output: the section offset of @view_start.
 * @view_flags: output: NTSECTION_VIEW_SHARED or NTSECTION_VIEW_COPY_ON_WRITE.
 * @prot: output: the current PROT_* bits of the page at @address.
 * @max_prot: output: the PROT_* bits mprotect(2) could give that page.
 * @pad2: padding, always zero on output.
 * @section: output: the view's section; its access field is 0.
 * @region_start: output: the start of the region containing @address.
 * @region_length: output: the length of that region in bytes.
 * @region_state: output: NTSECTION_REGION_COMMITTED or
 *	NTSECTION_REGION_RESERVED: the state of every page of the region.
 * @pad3: padding, always zero on output.
 *
 * A region is the largest run of whole pages around @address, inside the
 * view, whose pages have the same current protection and the same commit
 * state.  The pages of a view are committed, except the
 * pages of a pagefile-backed NTSECTION_SEC_RESERVE section that no
 * NTSECTION_IOC_COMMIT has committed, and the pages of a view of a
 * file-backed NTSECTION_SEC_RESERVE section that lie past the section's
 * end.
 *
 * The output fields are ignored on input.
 */
struct ntsection_view_query_args {
	__u64 address;
	__u32 flags;
	__u32 pad;
	__u64 view_start;
	__u64 view_length;
	__u64 offset;
	__u32 view_flags;
	__u32 prot;
	__u32 max_prot;
	__u32 pad2;
	struct ntsection_info section;
	__u64 region_start;
	__u64 region_length;
	__u32 region_state;
	__u32 pad3;
};

/**
 * struct ntsection_flush_args - argument of NTSECTION_IOC_FLUSH
 * @address: an address inside a view of the caller.
 * @length: bytes from @address; 0 means to the end of the view.
 * @flags: must be zero.
 * @pad: must be zero.
 */
struct ntsection_flush_args {
	__u64 address;
	__u64 length;
	__u32 flags;
	__u32 pad;
};

/**
 * struct ntsection_commit_args - argument of NTSECTION_IOC_COMMIT
 * @address: the page-aligned start of the range, inside a view of the
 *	caller.
 * @length: the page-aligned length of the range in bytes, not 0.
 * @flags: must be zero.
 * @pad: must be zero.
 * @committed: output: the bytes of the range this call committed; the
 *	rest were committed already.
 */
struct ntsection_commit_args {
	__u64 address;
	__u64 length;
	__u32 flags;
	__u32 pad;
	__u64 committed;
};

/**
 * struct ntsection_extend_args - argument of NTSECTION_IOC_EXTEND
 * @size: input: the size wanted, in bytes; output: the section's size
 *	after the call (never smaller than before).
 * @flags: must be zero.
 * @pad: must be zero.
 */
struct ntsection_extend_args {
	__u64 size;
	__u32 flags;
	__u32 pad;
};

/**
 * NTSECTION_IOC_CREATE - create a section, or open an existing named one
 *
 * Issued on an fd of /dev/ntsection, with a &struct ntsection_create_args.
 * Creates a pagefile-backed section (file_fd -1) or a section backed by
 * the file file_fd refers to, and returns a new handle to it with the
 * access asked for.  When the name given exists in the caller's IPC
 * namespace, no section is created: the result is a new handle to the
 * existing section, access-checked as NTSECTION_IOC_OPEN checks it, and
 * existed is set to 1 (EEXIST instead with NTSECTION_CREATE_NEW).
 *
 * On success it returns the new handle, a file descriptor, close-on-exec unless
 * NTSECTION_CREATE_INHERIT is given.  On failure it returns -1 with errno set
 * to one of:
 *
 * * EFAULT: the argument or the name is not readable user memory, or
 *   existed cannot be written.
 * * EINVAL: reserved or existed not zero; unknown flag or access bits;
 *   mode given with bits beyond 0777, or not zero without
 *   NTSECTION_CREATE_MODE; a protection that is not one of the six
 *   accepted; an attribute combination that is not accepted; size 0 for
 *   a pagefile-backed section, or one that is not a whole number of large
 *   pages with NTSECTION_SEC_LARGE_PAGES; an empty name or one containing
 *   a NUL.
 * * ENAMETOOLONG: the name is longer than NTSECTION_NAME_MAX after its
 *   prefix.
 * * EBADF: file_fd is neither -1 nor an open fd (O_PATH fds included).
 * * ENODEV: file_fd is not an ordinary page-cache file.
 * * EACCES: file_fd's open mode, append-only flag or noexec mount does not
 *   permit the protection; or the name exists and its mode does not grant
 *   the access asked for, or no access is asked for.
 * * ENODATA: size 0 and the file is empty.
 * * EFBIG: size above 2^63 - 1 or beyond the max_section_size limit, or
 *   beyond the file's size when the file may not be grown.
 * * ENOEXEC: NTSECTION_SEC_IMAGE: image sections are not supported.
 * * EOPNOTSUPP: NTSECTION_SEC_LARGE_PAGES on a kernel without transparent
 *   huge pages.
 * * EPERM: NTSECTION_SEC_LARGE_PAGES with RLIMIT_MEMLOCK 0 and without
 *   CAP_IPC_LOCK.
 * * EEXIST: the name exists and NTSECTION_CREATE_NEW is given.
 * * ENOMEM: out of memory, or NTSECTION_SEC_COMMIT beyond the commit
 *   limit; for NTSECTION_SEC_LARGE_PAGES also: no huge page to be had,
 *   or the size beyond what RLIMIT_MEMLOCK leaves the caller's user.
 * * ENOSPC: the max_sections or max_sections_per_user limit, or the
 *   caller's fair share of its IPC namespace, is reached.
 * * EMFILE, ENFILE: no free file descriptor or file.
 * * ENOTTY: issued on a section handle.
 *
 * Growing a file may fail with the filesystem's own error (EFBIG, EPERM,
 * ENOSPC, ...), which is returned as it is.
 */
#define NTSECTION_IOC_CREATE \
	_IOWR(NTSECTION_IOC_MAGIC, 0x00, struct ntsection_create_args)

/**
 * NTSECTION_IOC_DUPLICATE - make a new handle to the same section
 *
 * Issued on a section handle, with a &struct ntsection_dup_args.  The new
 * handle has the access asked for, which must be a subset of this
 * handle's, or with NTSECTION_DUP_SAME_ACCESS this handle's access.  Needs
 * no access right.
 *
 * On success it returns the new handle, a file descriptor, close-on-exec unless
 * NTSECTION_DUP_INHERIT is given.  On failure it returns -1 with errno set to
 * one of:
 *
 * * EFAULT: the argument is not readable user memory.
 * * EINVAL: reserved not zero; unknown flag or access bits; access not
 *   zero with NTSECTION_DUP_SAME_ACCESS.
 * * EACCES: the access asked for is not a subset of this handle's.
 * * ENOMEM: out of memory.
 * * EMFILE, ENFILE: no free file descriptor or file.
 * * ENOTTY: issued on /dev/ntsection.
 */
#define NTSECTION_IOC_DUPLICATE \
	_IOW(NTSECTION_IOC_MAGIC, 0x01, struct ntsection_dup_args)

/**
 * NTSECTION_IOC_QUERY - describe a section
 *
 * Issued on a section handle, with a &struct ntsection_info, which it
 * fills in completely.  Needs NTSECTION_SECTION_QUERY.
 *
 * On success it returns 0.  On failure it returns -1 with errno set to one of:
 *
 * * EACCES: the handle lacks NTSECTION_SECTION_QUERY.
 * * EFAULT: the argument is not writable user memory.
 * * ENOTTY: issued on /dev/ntsection.
 */
#define NTSECTION_IOC_QUERY \
	_IOR(NTSECTION_IOC_MAGIC, 0x02, struct ntsection_info)

/**
 * NTSECTION_IOC_VIEW_QUERY - find the view containing an address
 *
 * Issued on an fd of /dev/ntsection, with a
 * &struct ntsection_view_query_args.  Reports the view of the caller's
 * address space that contains the address, whoever mapped it, and its
 * section.  A view is the mapping containing the address, extended over
 * adjacent mappings of the same section at contiguous section offsets
 * with the same sharing and maximum rights.
 *
 * On success it returns 0.  On failure it returns -1 with errno set to one of:
 *
 * * EFAULT: the argument is not readable and writable user memory.
 * * EINVAL: flags or pad not zero.
 * * ENXIO: the address is not inside a view.
 * * ENOTTY: issued on a section handle.
 */
#define NTSECTION_IOC_VIEW_QUERY \
	_IOWR(NTSECTION_IOC_MAGIC, 0x03, struct ntsection_view_query_args)

/**
 * NTSECTION_IOC_FLUSH - write a range of a view back to its file and wait
 *
 * Issued on an fd of /dev/ntsection, with a &struct ntsection_flush_args
 * (FlushViewOfFile).  For a shared view of a file-backed section, the
 * file's dirty pages in the range are written back and waited for; file
 * metadata is not synced.  For a copy-on-write view or a view of a
 * pagefile-backed section it succeeds and does nothing.
 *
 * On success it returns 0.  On failure it returns -1 with errno set to one of:
 *
 * * EFAULT: the argument is not readable user memory.
 * * EINVAL: flags or pad not zero, or the range does not end inside the
 *   view.
 * * ENXIO: the address is not inside a view.
 * * EIO: writing back failed; any other writeback error of the file,
 *   such as ENOSPC, is returned as it is.
 * * ENOTTY: issued on a section handle.
 */
#define NTSECTION_IOC_FLUSH \
	_IOW(NTSECTION_IOC_MAGIC, 0x04, struct ntsection_flush_args)

/**
 * NTSECTION_IOC_OPEN - open a named section
 *
 * Issued on an fd of /dev/ntsection, with a &struct ntsection_open_args.
 * Opens the section of that name in the caller's IPC namespace, with the
 * access asked for, checked against the section's owner, group and mode
 * as SysV IPC checks its modes.
 *
 * On success it returns the new handle, a file descriptor, close-on-exec unless
 * NTSECTION_OPEN_INHERIT is given.  On failure it returns -1 with errno set to
 * one of:
 *
 * * EFAULT: the argument or the name is not readable user memory.
 * * EINVAL: pad or reserved not zero; unknown flag or access bits; an
 *   empty name or one containing a NUL.
 * * ENAMETOOLONG: the name is longer than NTSECTION_NAME_MAX after its
 *   prefix.
 * * ENOENT: no section of that name in the caller's IPC namespace.
 * * EACCES: the section's mode does not grant the access asked for, or
 *   no access is asked for.
 * * ENOMEM: out of memory.
 * * EMFILE, ENFILE: no free file descriptor or file.
 * * ENOTTY: issued on a section handle.
 */
#define NTSECTION_IOC_OPEN \
	_IOW(NTSECTION_IOC_MAGIC, 0x05, struct ntsection_open_args)

/**
 * NTSECTION_IOC_SET_OWNER - change a section's owner, group or mode
 *
 * Issued on a section handle, with a &struct ntsection_owner_args, like
 * IPC_SET.  Allowed when the caller's effective uid is the section's owner
 * or creator, or with CAP_SYS_ADMIN in the user namespace that owns the
 * section's IPC namespace.  Needs no access right.  With no field
 * selected it changes nothing but still checks permission.
 *
 * On success it returns 0.  On failure it returns -1 with errno set to one of:
 *
 * * EFAULT: the argument is not readable user memory.
 * * EINVAL: pad not zero; unknown flag bits; a field not selected is not
 *   zero; uid or gid does not map to a kernel id; mode has bits beyond
 *   0777.
 * * EPERM: the caller is neither the owner nor the creator and lacks
 *   CAP_SYS_ADMIN.
 * * ENOTTY: issued on /dev/ntsection.
 */
#define NTSECTION_IOC_SET_OWNER \
	_IOW(NTSECTION_IOC_MAGIC, 0x06, struct ntsection_owner_args)

/**
 * NTSECTION_IOC_COMMIT - commit a range of a view's section
 *
 * Issued on an fd of /dev/ntsection, with a &struct ntsection_commit_args
 * (VirtualAlloc with MEM_COMMIT on a view).  Commits the section's pages
 * under the range of the caller's view that contains address, for every
 * view of the section in every process at once.  Only a pagefile-backed
 * NTSECTION_SEC_RESERVE section has uncommitted pages: each page this
 * call commits is charged once against the kernel's commit limit (it
 * counts in Committed_AS) until the section is freed, and never again
 * when it is touched.  A page committed already is left as it is, and an
 * NTSECTION_SEC_COMMIT section is committed already: the call succeeds
 * and commits nothing.  There is no decommit.  Any view may commit; the
 * view's protection is not changed.
 *
 * On success it returns 0 and sets committed.  On failure it returns -1
 * with errno set to one of:
 *
 * * EFAULT: the argument is not readable and writable user memory.
 * * EINVAL: flags or pad not zero; address or length not page-aligned;
 *   length 0; the range does not end inside the view, or reaches past
 *   the section's end.
 * * ENXIO: address is not inside a view.
 * * EACCES: the view is of a file-backed section, whose pages are not
 *   committed or decommitted.
 * * ENOMEM: committing the range would exceed the commit limit (nothing
 *   is committed), or out of memory.
 * * EINTR: a fatal signal arrived while waiting.
 * * ENOTTY: issued on a section handle.
 */
#define NTSECTION_IOC_COMMIT \
	_IOWR(NTSECTION_IOC_MAGIC, 0x07, struct ntsection_commit_args)

/**
 * NTSECTION_IOC_EXTEND - grow a section
 *
 * Issued on a section handle, with a &struct ntsection_extend_args
 * (NtExtendSection).  Needs NTSECTION_SECTION_EXTEND_SIZE.  A size not
 * above the section's leaves it as it is (a section never shrinks).
 * Otherwise a pagefile-backed section grows to size rounded up to pages:
 * an NTSECTION_SEC_COMMIT one charges the growth against the commit limit
 * first, an NTSECTION_SEC_RESERVE one charges nothing (its new pages are
 * uncommitted).  A file-backed section grows to exactly size, growing its
 * file first when the file is smaller, which it may do only when the
 * section could grow it at creation (its fd open for writing and its
 * protection writable).  Views mapped afterwards may cover the new size;
 * a view of a file-backed NTSECTION_SEC_RESERVE section mapped larger
 * than the section reaches the new pages at once.
 *
 * On success it returns 0 and sets size to the section's size.  On
 * failure it returns -1 with errno set to one of, and the section is
 * unchanged:
 *
 * * EFAULT: the argument is not readable and writable user memory.
 * * EINVAL: flags or pad not zero.
 * * EACCES: the handle lacks NTSECTION_SECTION_EXTEND_SIZE.
 * * EFBIG: size above 2^63 - 1 or beyond the max_section_size limit, or
 *   beyond the file's size when the section may not grow its file.
 * * EOPNOTSUPP: size above the size of an NTSECTION_SEC_LARGE_PAGES
 *   section, which never grows.
 * * ENOMEM: the growth of an NTSECTION_SEC_COMMIT section exceeds the
 *   commit limit, or out of memory.
 * * EINTR: a fatal signal arrived while waiting.
 * * ENOTTY: issued on /dev/ntsection.
 *
 * Growing a file may fail with the filesystem's own error (EFBIG, EPERM,
 * ENOSPC, ...), which is returned as it is.
 */
#define NTSECTION_IOC_EXTEND \
	_IOWR(NTSECTION_IOC_MAGIC, 0x08, struct ntsection_extend_args)

/**
 * NTSECTION_IOC_HANDLE_INFO - what a handle maps
 *
 * Issued on a section handle, with a &struct ntsection_handle_info, which
 * it fills in completely: the facts a program needs to map a view (the
 * section's size, protection and attributes, the handle's access and the
 * views' alignment), the same that /proc/PID/fdinfo shows of the handle.
 * Needs no access right: whoever holds a handle may map it as far as its
 * access allows, and so may learn how.
 *
 * On success it returns 0.  On failure it returns -1 with errno set to one of:
 *
 * * EFAULT: the argument is not writable user memory.
 * * ENOTTY: issued on /dev/ntsection.
 */
#define NTSECTION_IOC_HANDLE_INFO \
	_IOR(NTSECTION_IOC_MAGIC, 0x09, struct ntsection_handle_info)

#endif /* __LINUX_NTSECTION_H */
