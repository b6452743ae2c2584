/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ntsection.h - libntsection's native API: a thin layer over the ioctls of
 * <linux/ntsection.h> for Linux programs.
 *
 * Every function returns a non-negative value on success and -errno on
 * failure (errno is not part of the interface); the errnos are the module's, as
 * documented in ntsection(4) (in full: docs/userspace-api/ntsection.rst in the
 * ntsection sources) and in each function's man page.
 * A "dev" argument is an fd of /dev/ntsection, or NTSECTION_DEV_DEFAULT
 * for the library's own (opened on first use, close-on-exec).
 * See libntsection(3).
 */
#ifndef LIBNTSECTION_H
#define LIBNTSECTION_H

#include <stdint.h>
#include <sys/types.h>

#include <linux/ntsection.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NTSECTION_DEVICE	"/dev/ntsection"
#define NTSECTION_DEV_DEFAULT	(-1)

/* A new fd of /dev/ntsection (close-on-exec), or -errno. */
int ntsection_open_device(void);

/* Fill @a for a section: everything else zero (no name, mode 0600). */
void ntsection_create_init(struct ntsection_create_args *a, uint64_t size,
			   uint32_t protect, int file_fd, uint32_t access);
/* Give @a a name (a NUL-terminated string; NULL for none). */
void ntsection_create_set_name(struct ntsection_create_args *a,
			       const char *name);
/* Give @a a mode (0777 bits): sets NTSECTION_CREATE_MODE. */
void ntsection_create_set_mode(struct ntsection_create_args *a, mode_t mode);

/* NTSECTION_IOC_CREATE: the new handle, or -errno; a->existed is set. */
int ntsection_create(int dev, struct ntsection_create_args *a);

/* NTSECTION_IOC_OPEN of a NUL-terminated name: the handle, or -errno. */
int ntsection_open(int dev, const char *name, uint32_t access,
		   uint32_t flags);

/* NTSECTION_IOC_DUPLICATE: a new handle, or -errno. */
int ntsection_duplicate(int handle, uint32_t access, uint32_t flags);

/* NTSECTION_IOC_QUERY: 0, or -errno. */
int ntsection_query(int handle, struct ntsection_info *info);

/*
 * NTSECTION_IOC_HANDLE_INFO: what any holder of @handle may learn (size,
 * protection, attributes, access, the views' alignment): 0, or -errno.
 */
int ntsection_handle_info(int handle, struct ntsection_handle_info *info);

/* NTSECTION_IOC_VIEW_QUERY for @addr: 0, or -errno (-ENXIO: no view). */
int ntsection_view_query(int dev, const void *addr,
			 struct ntsection_view_query_args *q);

/* NTSECTION_IOC_FLUSH of @length bytes at @addr (0: to the view's end). */
int ntsection_flush(int dev, const void *addr, uint64_t length);

/*
 * NTSECTION_IOC_COMMIT of @length bytes at @addr (both page-aligned): 0,
 * or -errno; *@committed (if not NULL) gets the bytes newly committed.
 */
int ntsection_commit(int dev, const void *addr, uint64_t length,
		     uint64_t *committed);

/*
 * NTSECTION_IOC_EXTEND to *@size bytes: 0, or -errno; on success *@size is
 * the section's size (never smaller than before).
 */
int ntsection_extend(int handle, uint64_t *size);

/* NTSECTION_IOC_SET_OWNER: NTSECTION_SET_* in @flags say what applies. */
int ntsection_set_owner(int handle, uint32_t flags, uid_t uid, gid_t gid,
			mode_t mode);

#ifdef __cplusplus
}
#endif

#endif /* LIBNTSECTION_H */
