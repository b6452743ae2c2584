/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ntsection - Windows NT section objects for Linux.
 *
 * The one contract between the ntsection module and user space.
 *
 * Device: /dev/ntsection (misc device, mode 0666; access control is per
 * section object, not on the device node).
 *
 * ioctl numbers: magic NTSECTION_IOC_MAGIC (0xD6), numbers 0x00-0x1F: the
 * range this header claims (0x00-0x06 are used).  0xD6 is unclaimed in
 * the kernel's Documentation/userspace-api/ioctl/ioctl-number.rst.
 * Every ioctl takes a pointer to a structure made only of fixed-width
 * fields with explicit padding; padding and reserved fields must be zero
 * and unknown flag bits are rejected with EINVAL.  An ioctl the module
 * does not know fails with ENOTTY; so does an ioctl issued on the wrong
 * kind of fd (a section ioctl on /dev/ntsection or the reverse).
 *
 * Errors common to every ioctl:
 *   EFAULT   the argument pointer (or a pointer inside it) is not valid
 *            user memory.
 *   EINVAL   a reserved or pad field is not zero, or an unknown flag bit
 *            is set.
 *   ENOTTY   unknown ioctl for this kind of fd.
 *
 * Objects.
 *
 * A *section* has a size, a page protection (the most a view may get), a
 * set of SEC_* attributes and a backing: either a shmem file owned by the
 * section ("pagefile-backed": page cache + swap, like ordinary memory), or
 * a regular file of the caller ("file-backed": views share the file's page
 * cache, so they are coherent with read(2), write(2) and mmap(2) of it).
 *
 * A *handle* is a file descriptor referring to a section, carrying an
 * access mask (NTSECTION_SECTION_*).  Handles are ordinary fds: close(2),
 * dup(2), fork(2) and SCM_RIGHTS work; dup(2) shares the access mask,
 * NTSECTION_IOC_DUPLICATE makes a handle with a narrower one.  A handle
 * whose mask lacks NTSECTION_SECTION_MAP_WRITE is opened read-only
 * (O_RDONLY), one with it read-write (O_RDWR).  A handle is not seekable
 * (lseek(2), pread(2), pwrite(2): ESPIPE) and read(2)/write(2) fail on it
 * with EINVAL.  /proc/PID/fdinfo/FD of a
 * handle shows, besides the usual lines, "ntsection-access:",
 * "ntsection-size:", "ntsection-protect:" and "ntsection-attributes:"
 * (hexadecimal except the size).
 *
 * A *view* is mmap(2) of a handle:
 *   - MAP_SHARED gives a shared view, MAP_PRIVATE a copy-on-write view
 *     (FILE_MAP_COPY / PAGE_WRITECOPY): its writes reach no one else, its
 *     untouched pages show others' writes, as native MAP_PRIVATE does.
 *   - offset and length must lie inside the section, rounded up to whole
 *     pages: offset + length <= PAGE_ALIGN(size), else ENXIO.  For a
 *     file-backed section the bytes between size and the page end show
 *     the file's contents (or zeros), as native mmap does.
 *   - rights: a shared view with PROT_WRITE needs
 *     NTSECTION_SECTION_MAP_WRITE and a writable protection
 *     (PAGE_READWRITE, PAGE_EXECUTE_READWRITE), and nothing more: as on
 *     Windows, a handle with SECTION_MAP_WRITE alone maps read-write
 *     views.  Every other view (read-only, PROT_NONE, copy-on-write)
 *     needs NTSECTION_SECTION_MAP_READ.  PROT_EXEC needs
 *     NTSECTION_SECTION_MAP_EXECUTE and a PAGE_EXECUTE_* protection.  A
 *     copy-on-write view may always be writable.  A refusal fails mmap(2)
 *     with EACCES.
 *   - the rights a view lacks are also removed from its maximum rights, so
 *     mprotect(2) cannot add them later (EACCES), and neither can
 *     mremap(2) or fork(2), which copy the view.  A view of a file-backed
 *     section cannot be grown with mremap(2) (EFAULT from mremap), so it
 *     never reaches file data past the section; the kernel's mlock(2)
 *     skips such mappings (it returns 0 and locks nothing).  A view of a
 *     pagefile-backed section can be grown, but its pages past the
 *     section's end raise SIGBUS, as past the end of a file; it can be
 *     mlocked.  A view split by mprotect(2) or a partial munmap(2) stays
 *     in pieces that the kernel never merges again (as for SysV shm);
 *     mremap(2) moves a piece but refuses a range across pieces (EFAULT).
 *     NTSECTION_IOC_VIEW_QUERY reports the pieces as one view.
 *   - a view's mapped file (vm_file) is a file of the module on the
 *     section's backing inode, never the backing file itself, so every
 *     path that maps it again (remap_file_pages(2)) is checked like the
 *     first mmap, against the rights of the handle the view came from:
 *     a remap past the section fails with ENXIO, and a remapped view has
 *     the same maximum rights.
 *   - /proc/PID/map_files/ of a view (CAP_SYS_ADMIN) of a pagefile-backed
 *     section names an inode nobody can open: open(2) fails with ENXIO
 *     (ETXTBSY when asking for write access, which is checked first) and
 *     truncate(2) with ETXTBSY, so the section's pages and size stay
 *     its own.  For a file-backed section the entry is the user's own
 *     file and gives exactly what the file's own permissions give, as for
 *     any open(2).  A handle's /proc/PID/fd/ entry cannot be opened
 *     (ENXIO) or truncated (EINVAL) either.
 *   - PROT_EXEC views: mmap(2) refuses PROT_EXEC for files on noexec
 *     mounts (EPERM) before the driver sees the request; handles live on
 *     a pseudo filesystem of the module's own, which is not noexec, so
 *     only the section's protection and the handle's access decide.
 *     Under the READ_IMPLIES_EXEC personality the kernel adds PROT_EXEC
 *     to every readable mapping; a view that may not execute then gets
 *     none, as a file on a noexec mount would, instead of failing.
 *   - a shared view that may become writable fails with EPERM when the
 *     section's file refuses writable mappings (a memfd with
 *     F_SEAL_WRITE), and counts as a writable mapping of that file from
 *     the moment it is checked until it is unmapped, so F_SEAL_WRITE
 *     fails with EBUSY meanwhile, however the two race.
 *   - msync(2) works as on native mappings (MS_SYNC writes a file-backed
 *     shared view's range back and waits).
 *   - LSM mmap hooks (security_mmap_file) see the handle, not the
 *     section's file: views of a file-backed section are not checked
 *     against an LSM policy on that file.  The module enforces the file
 *     fd's open mode and the file's noexec mount itself, at creation.
 *
 * Lifetime: a section lives while a handle or a view refers to it; its
 * views keep working after every handle is closed.  The number of live
 * sections is readable in /sys/class/misc/ntsection/live_sections.
 *
 * Names.
 *
 * A section may have a name, given at creation.  Names live in the IPC
 * namespace of the creating process (as SysV shared memory keys do): a
 * process sees only the names of its own IPC namespace, and after
 * unshare(CLONE_NEWIPC) it starts with none.  A name is a byte string of
 * 1 to NTSECTION_NAME_MAX bytes, case-sensitive, any byte but NUL (NUL:
 * EINVAL; longer: ENAMETOOLONG; empty: EINVAL).  One leading "Local\" or
 * "Global\" is removed before the name is used, and the limit and the
 * emptiness check apply to what remains, so "Global\Foo", "Local\Foo"
 * and "Foo" all name the same section: on Linux there is one scope per
 * IPC namespace, as for a Windows service in session 0, where the
 * global and the session namespace are the same.  Any other backslash is
 * an ordinary byte.
 *
 * A name goes away when the last *handle* of its section is closed, even
 * while views remain (the views keep the section's memory, not its name);
 * after that, opening the name fails with ENOENT and creating it makes a
 * new, zero-filled section.  An IPC namespace's names therefore go away
 * with the processes of the namespace.  A section, named or not, keeps
 * the IPC namespace it was created in from being freed until the section
 * itself is freed.
 *
 * Permissions.  Every section records its creator's effective uid and
 * gid (cuid, cgid), an owner uid and gid (initially the creator's) and a
 * mode (the 0777 bits; 0600 unless given at creation).  Opening a named
 * section (NTSECTION_IOC_OPEN, or NTSECTION_IOC_CREATE of an existing
 * name) checks the requested access the way SysV IPC checks its modes:
 *   read    <- NTSECTION_SECTION_QUERY, NTSECTION_SECTION_MAP_READ
 *   write   <- NTSECTION_SECTION_MAP_WRITE, NTSECTION_SECTION_EXTEND_SIZE
 *   execute <- NTSECTION_SECTION_MAP_EXECUTE
 * against the owner bits when the caller's effective uid is the owner's
 * or the creator's, else the group bits when the caller is in the owner's
 * or the creator's group, else the other bits; CAP_IPC_OWNER in the user
 * namespace that owns the section's IPC namespace overrides the check.
 * Refusal: EACCES.  An open that asks for no access at all (0) is refused
 * with EACCES, whoever asks (Windows' access check refuses an empty
 * desired access too): it would only pin the section.  The creator of a
 * new section gets the access it asks for whatever the mode, 0 included.  NTSECTION_IOC_SET_OWNER changes owner, group
 * and mode.
 *
 * Listing.  /proc/ntsection/sections has a header line and one line per
 * live section of the reader's IPC namespace, named or not:
 *   name size protect attributes owner group cuid cgid mode handles views
 *   resident swapped backing
 * name: the name without prefix, bytes outside '!'..'~', a backslash and
 *   a name that is exactly "-" written as \ooo (octal); "-" when unnamed.
 * size: bytes.  protect, attributes: hexadecimal (0x...).  owner, group,
 *   cuid, cgid: decimal, as seen from the reader's user namespace
 *   (overflow ids when unmapped).  mode: octal (0600).  handles: open
 *   handles.  views: mapped view vmas (a view split by mprotect(2) counts
 *   once per piece, a forked view once per process).  resident, swapped:
 *   as NTSECTION_IOC_QUERY reports them.  backing: "pagefile", or
 *   MAJOR:MINOR:INODE of the file.
 *
 * Limits: module parameters, readable (and, for root, writable) under
 * /sys/module/ntsection/parameters/.  They are the host's: each applies
 * to every namespace separately, and a container cannot change them (a
 * module is not told when a namespace ends, so it keeps no settings per
 * namespace, as the ipc sysctls are):
 *   max_sections           live sections in each IPC namespace, counted
 *                          per namespace, as SysV's shmmni is (default
 *                          131072): a full namespace does not stop another
 *   max_sections_per_user  live sections of one user (default 65536),
 *                          counted per user namespace as the kernel's
 *                          ucounts count inotify instances: a section
 *                          counts for its creator (effective uid) in the
 *                          creator's user namespace, then for the owner of
 *                          that namespace in its parent, and so on up to
 *                          the initial namespace; the limit holds at each
 *                          level, so ids mapped into a namespace of one's
 *                          own share their owner's count
 *   max_section_size       bytes, for any section; 0 means no limit of
 *                          the module's own (default 0)
 * and a fair share: in an IPC namespace, a user may hold no more sections
 * than are still free there, so k users together always leave at least
 * max_sections / 2^k places for everyone else (CAP_SYS_RESOURCE in the
 * namespace's user namespace exempts from this rule alone).  A create
 * beyond a count limit or its fair share fails with ENOSPC, beyond the
 * size limit with ENOMEM; a section stops counting when it is freed (its
 * last handle and view are gone).  0 for a count limit means no section
 * may be created.  The module's per-section memory (section, handles, name) is
 * charged to the creating or opening task's memory cgroup.
 */
#ifndef __LINUX_NTSECTION_H
#define __LINUX_NTSECTION_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define NTSECTION_IOC_MAGIC	0xD6

/*
 * Page protections (Windows values).  A section has exactly one of the
 * six values below; any other value, 0 and every OR-combination are
 * EINVAL.  NTSECTION_PAGE_NOACCESS and NTSECTION_PAGE_EXECUTE exist only so
 * that tests and the Win32 layer can name them: a section refuses them.
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
 * Section attributes (Windows values).  Accepted at creation
 * (anything else is EINVAL):
 *   pagefile-backed: 0 (= SEC_COMMIT), SEC_COMMIT, SEC_RESERVE, each alone
 *     or with one of SEC_NOCACHE / SEC_WRITECOMBINE.  Reported as given
 *     (0 is reported as SEC_COMMIT).
 *     SEC_COMMIT charges the whole size against the commit limit at
 *     creation (ENOMEM beyond it, e.g. with vm.overcommit_memory=2).
 *     SEC_RESERVE charges nothing; for now its pages are committed on
 *     first touch like any MAP_NORESERVE memory (explicit commit comes
 *     with a later ioctl).
 *   file-backed: the same set; SEC_COMMIT and SEC_RESERVE make no
 *     difference (a file section is always fully committed) and the
 *     section is reported as SEC_FILE plus the SEC_NOCACHE /
 *     SEC_WRITECOMBINE bit given.
 *   SEC_NOCACHE and SEC_WRITECOMBINE are recorded and reported but have
 *     no effect on Linux: views are always ordinary cached memory.
 *   SEC_IMAGE (alone, or with SEC_NOCACHE for a file): ENOEXEC, image
 *     sections are not supported.  Other combinations with SEC_IMAGE,
 *     SEC_FILE given by the caller, SEC_RESERVE|SEC_COMMIT, a lone
 *     SEC_NOCACHE / SEC_WRITECOMBINE / SEC_LARGE_PAGES, SEC_NOCACHE with
 *     SEC_WRITECOMBINE, and SEC_LARGE_PAGES with anything but a
 *     pagefile SEC_COMMIT: EINVAL.  Pagefile SEC_COMMIT|SEC_LARGE_PAGES
 *     (valid on Windows): EOPNOTSUPP.
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
#define NTSECTION_SECTION_MAP_READ	0x0004	/* any view */
#define NTSECTION_SECTION_MAP_EXECUTE	0x0008	/* PROT_EXEC views */
#define NTSECTION_SECTION_EXTEND_SIZE	0x0010	/* reserved for extension */
#define NTSECTION_SECTION_ALL_ACCESS	0x001f

/* Longest name in bytes, not counting a "Local\" or "Global\" prefix. */
#define NTSECTION_NAME_MAX		255

/*
 * NTSECTION_IOC_CREATE - create a section; on /dev/ntsection.
 *
 * Returns the new handle (a file descriptor) as the ioctl's result.  The
 * fd is close-on-exec unless NTSECTION_CREATE_INHERIT is given.
 *
 * @size:       section size in bytes.
 *              pagefile-backed: must not be 0 (EINVAL); rounded up to a
 *              whole number of pages.
 *              file-backed: 0 means the file's current size (ENODATA if
 *              the file is empty); the size is kept exact (not rounded).
 *              A size beyond the file's grows the file to it (as
 *              ftruncate(2) on @file_fd would: the fd's open mode counts,
 *              not the caller's permission on the file's path) when
 *              @file_fd is open for writing and the protection is
 *              PAGE_READWRITE or PAGE_EXECUTE_READWRITE; the size is
 *              compared under the file's inode lock, so a file is only
 *              ever grown, never cut back under a concurrent write;
 *              otherwise EFBIG (Windows STATUS_SECTION_TOO_BIG).  Errors
 *              from growing the file (EFBIG, EPERM, ENOSPC, ...) are
 *              returned as they are.
 *              Either kind: a size above the largest file size (2^63 - 1,
 *              before rounding) is EFBIG.
 * @protect:    NTSECTION_PAGE_*, exactly one of the six accepted values.
 * @attributes: NTSECTION_SEC_*, see above.
 * @file_fd:    -1 for a pagefile-backed section, else an fd of the file.
 *              EBADF: not an open fd (O_PATH fds included).
 *              ENODEV: not an ordinary page-cache file: not a regular
 *              file (directory, pipe, socket, device, a section
 *              handle...), a file that cannot be mmapped, or one whose
 *              pages are not page cache (hugetlbfs and MFD_HUGETLB memfds,
 *              memfd_secret(2), DAX, procfs, sysfs and the other kernfs
 *              and virtual filesystems).  Accepted: tmpfs and memfd
 *              (shmem) files, and files of filesystems that read their
 *              pages into the page cache (ext4, xfs, btrfs, NFS...).
 *              EACCES: the fd's open mode does not permit the protection:
 *              every protection needs the fd open for reading;
 *              PAGE_READWRITE and PAGE_EXECUTE_READWRITE also need it open
 *              for writing and the file not append-only (chattr +a);
 *              PAGE_EXECUTE_* need the file's mount not to be noexec.
 *              PAGE_READONLY and PAGE_WRITECOPY need only read access.
 * @access:     access mask of the new handle, NTSECTION_SECTION_* (other
 *              bits: EINVAL).  The creator of a new section gets what it
 *              asks for; for an existing name see @name.
 * @flags:      NTSECTION_CREATE_* (other bits: EINVAL).
 * @name:       0 for an unnamed section, else a user pointer to the name
 *              (@name_length bytes, no terminating NUL needed).  See
 *              "Names" above for the rules and errnos.  If the name exists
 *              in the caller's IPC namespace, no section is created: the
 *              result is a new handle to the existing section with
 *              @access, checked as NTSECTION_IOC_OPEN checks it (EACCES),
 *              @existed is set to 1, and the other fields, though
 *              validated as always, are ignored (@file_fd is not used),
 *              unless NTSECTION_CREATE_NEW is given: then EEXIST.
 *              Two creators of one new name racing: one creates, the other
 *              gets the first's section with @existed 1 (a file-backed
 *              loser may have grown its file already).
 * @name_length: the name's length in bytes; 0 with @name 0.
 * @mode:       with NTSECTION_CREATE_MODE, the section's mode: permission
 *              bits 0777 (other bits: EINVAL); without it, must be 0 and
 *              the mode is 0600.  Recorded for unnamed sections too.
 * @existed:    output: 1 when an existing named section was opened, else
 *              0.  Must be 0 on input.
 * @reserved:   must be 0.
 *
 * Other errors: ENOMEM (out of memory, SEC_COMMIT beyond the commit
 * limit, or beyond max_section_size), ENOSPC (max_sections or
 * max_sections_per_user reached), EMFILE/ENFILE (no free fd).
 */
/*
 * NTSECTION_CREATE_INHERIT: the new fd is not close-on-exec.
 * NTSECTION_CREATE_NEW: EEXIST if the name exists (no effect unnamed).
 * NTSECTION_CREATE_MODE: @mode is given.
 */
#define NTSECTION_CREATE_INHERIT	0x1
#define NTSECTION_CREATE_NEW		0x2
#define NTSECTION_CREATE_MODE		0x4

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
	__u64 reserved[2];	/* must be 0 */
};

/*
 * NTSECTION_IOC_OPEN - open a named section of the caller's IPC
 * namespace; on /dev/ntsection.
 *
 * Returns the new handle as the ioctl's result (close-on-exec unless
 * NTSECTION_OPEN_INHERIT).
 *
 * @name, @name_length:  as for NTSECTION_IOC_CREATE (EINVAL, ENAMETOOLONG,
 *              EFAULT); both must be given.
 * @access:     the handle's access, NTSECTION_SECTION_* (other bits:
 *              EINVAL), checked against the section's owner, group and
 *              mode (EACCES).  0 is allowed and gives a handle that can
 *              only be duplicated.
 * @flags:      NTSECTION_OPEN_* (other bits: EINVAL).
 * @pad, @reserved: must be 0.
 *
 * Errors: ENOENT no section of that name in the caller's IPC namespace.
 */
#define NTSECTION_OPEN_INHERIT		0x1

struct ntsection_open_args {
	__u64 name;
	__u32 name_length;
	__u32 access;
	__u32 flags;
	__u32 pad;
	__u64 reserved[2];
};

/*
 * NTSECTION_IOC_SET_OWNER - change a section's owner, group or mode, like
 * IPC_SET; on a section fd.
 *
 * Allowed when the caller's effective uid is the section's owner or
 * creator, or with CAP_SYS_ADMIN (as for IPC_SET; CAP_IPC_OWNER does not
 * do) in the user namespace that owns the section's IPC namespace (EPERM
 * otherwise).  Needs no access right.
 *
 * @flags:  which of the fields to apply: NTSECTION_SET_UID, _GID, _MODE
 *          (other bits: EINVAL; 0 changes nothing but still checks
 *          permission).  A field not selected must be 0 (EINVAL).
 * @uid, @gid: the new owner and group, as ids of the caller's user
 *          namespace (EINVAL when they do not map to a kernel id).
 * @mode:   the new mode, 0777 bits only (EINVAL otherwise).
 * @pad:    must be 0.
 */
#define NTSECTION_SET_UID		0x1
#define NTSECTION_SET_GID		0x2
#define NTSECTION_SET_MODE		0x4

struct ntsection_owner_args {
	__u32 flags;
	__u32 uid;
	__u32 gid;
	__u32 mode;
	__u64 pad;
};

/*
 * NTSECTION_IOC_DUPLICATE - a new handle to the same section; on a
 * section fd.
 *
 * Returns the new fd as the ioctl's result (close-on-exec unless
 * NTSECTION_DUP_INHERIT).  Needs no access right.
 *
 * @access:   the new handle's access: must be a subset of this handle's
 *            (EACCES otherwise; unknown bits EINVAL).  With
 *            NTSECTION_DUP_SAME_ACCESS it must be 0 and the new handle
 *            gets this handle's access.
 * @flags:    NTSECTION_DUP_*.
 * @reserved: must be 0.
 */
#define NTSECTION_DUP_INHERIT		0x1
#define NTSECTION_DUP_SAME_ACCESS	0x2

struct ntsection_dup_args {
	__u32 access;
	__u32 flags;
	__u64 reserved;
};

/*
 * What a section is, as reported by NTSECTION_IOC_QUERY and, for the
 * section of a view, by NTSECTION_IOC_VIEW_QUERY.
 *
 * @size:           section size (exact for file-backed sections, page-
 *                  rounded for pagefile-backed ones).
 * @protect:        the section's NTSECTION_PAGE_* protection.
 * @attributes:     NTSECTION_SEC_* (see above).
 * @access:         the queried handle's access mask (VIEW_QUERY: 0).
 * @dev_major, @dev_minor, @ino:  the backing file's device and inode
 *                  number for a file-backed section, 0 for a pagefile one.
 * @resident_pages: pages of the backing file in the page cache (for a file
 *                  section the whole file's, not only the section's).
 * @swapped_pages:  pages of a pagefile-backed section in swap (0 for
 *                  file-backed sections).
 * @uid, @gid:      owner and group, @cuid, @cgid: creator, as ids of the
 *                  caller's user namespace (the overflow id if unmapped).
 * @mode:           permission bits (0777).
 * @flags:          NTSECTION_INFO_NAMED when the section has a name.
 * @handles:        open handles to the section.
 * @views:          mapped view vmas (as in the /proc listing).
 * @reserved:       0.
 */
#define NTSECTION_INFO_NAMED		0x1

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
	__u64 reserved[2];
};

/*
 * NTSECTION_IOC_QUERY - describe the section; on a section fd.
 * Needs NTSECTION_SECTION_QUERY (EACCES otherwise).  Fills the whole
 * struct ntsection_info; returns 0.
 */

/*
 * NTSECTION_IOC_VIEW_QUERY - is an address of the caller inside a view,
 * and which; on /dev/ntsection.  Works for every view in the caller's
 * address space, whoever mapped it (views inherited through fork
 * included).  Returns 0, or ENXIO when @address is not inside a view.
 *
 * In:
 * @address:     any address.
 * @flags, @pad: must be 0.
 * Out (ignored on input):
 * @view_start, @view_length:  the view: the mapping containing @address,
 *               extended over adjacent mappings of the same section at
 *               contiguous section offsets with the same sharing and
 *               maximum rights (so a view split by mprotect(2) is reported
 *               whole; two views mapped back to back at contiguous offsets
 *               are reported as one).
 * @offset:      section offset of @view_start.
 * @view_flags:  NTSECTION_VIEW_SHARED or NTSECTION_VIEW_COPY_ON_WRITE.
 * @prot:        current PROT_* bits of the page at @address.
 * @max_prot:    PROT_* bits mprotect(2) could give that page.
 * @section:     the section (@section.access is 0).
 */
#define NTSECTION_VIEW_SHARED		0x1
#define NTSECTION_VIEW_COPY_ON_WRITE	0x2

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
};

/*
 * NTSECTION_IOC_FLUSH - write a range of a view back to its file and wait
 * (FlushViewOfFile); on /dev/ntsection.
 *
 * @address:  inside a view (ENXIO otherwise, like VIEW_QUERY).
 * @length:   bytes from @address; 0 means to the end of the view.  The
 *            range must end inside the view (EINVAL otherwise).
 * @flags:    must be 0.
 * @pad:      must be 0.
 *
 * Shared views of file-backed sections: the file's dirty pages in the
 * range are written back and waited for (errors such as EIO are
 * returned).  Metadata is not synced: fsync(2) the file for that.
 * Copy-on-write views and pagefile-backed views: success, nothing done.
 */
struct ntsection_flush_args {
	__u64 address;
	__u64 length;
	__u32 flags;
	__u32 pad;
};

#define NTSECTION_IOC_CREATE \
	_IOWR(NTSECTION_IOC_MAGIC, 0x00, struct ntsection_create_args)
#define NTSECTION_IOC_DUPLICATE \
	_IOW(NTSECTION_IOC_MAGIC, 0x01, struct ntsection_dup_args)
#define NTSECTION_IOC_QUERY \
	_IOR(NTSECTION_IOC_MAGIC, 0x02, struct ntsection_info)
#define NTSECTION_IOC_VIEW_QUERY \
	_IOWR(NTSECTION_IOC_MAGIC, 0x03, struct ntsection_view_query_args)
#define NTSECTION_IOC_FLUSH \
	_IOW(NTSECTION_IOC_MAGIC, 0x04, struct ntsection_flush_args)
#define NTSECTION_IOC_OPEN \
	_IOW(NTSECTION_IOC_MAGIC, 0x05, struct ntsection_open_args)
#define NTSECTION_IOC_SET_OWNER \
	_IOW(NTSECTION_IOC_MAGIC, 0x06, struct ntsection_owner_args)

#endif /* __LINUX_NTSECTION_H */
