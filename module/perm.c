// SPDX-License-Identifier: GPL-2.0
/*
 * perm.c - owner, group and mode of sections, and the checks made on them.
 *
 * Owns: the SysV-IPC-style access check of an open by name, and
 * NTSECTION_IOC_SET_OWNER (like IPC_SET, with the same capability).  The
 * rules are in docs/userspace-api/ntsection.rst under "Permissions".
 *
 * Locking: sec->perm_lock guards sec->uid, sec->gid and sec->mode; the
 * creator ids (cuid, cgid) never change.  It may be taken under
 * ntsection_names_lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/ipc_namespace.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "internal.h"

/*
 * The creator is the caller, in its user namespace (pinned for the
 * limits, freed with the section); the owner starts as the creator.
 */
void ntsection_perm_init(struct ntsection_section *sec, umode_t mode)
{
	spin_lock_init(&sec->perm_lock);
	sec->cuid = sec->uid = current_euid();
	sec->cgid = sec->gid = current_egid();
	sec->user_ns = get_user_ns(current_user_ns());
	sec->mode = mode;
}

void ntsection_perm_read(struct ntsection_section *sec, kuid_t *uid,
			 kgid_t *gid, umode_t *mode)
{
	spin_lock(&sec->perm_lock);
	*uid = sec->uid;
	*gid = sec->gid;
	*mode = sec->mode;
	spin_unlock(&sec->perm_lock);
}

/* The rwx bits @access needs, as SysV IPC counts them. */
static umode_t ntsection_access_bits(u32 access)
{
	umode_t bits = 0;

	if (access & (NTSECTION_SECTION_QUERY | NTSECTION_SECTION_MAP_READ))
		bits |= 04;
	if (access & (NTSECTION_SECTION_MAP_WRITE |
		      NTSECTION_SECTION_EXTEND_SIZE))
		bits |= 02;
	if (access & NTSECTION_SECTION_MAP_EXECUTE)
		bits |= 01;
	return bits;
}

static bool ntsection_is_owner(struct ntsection_section *sec, kuid_t euid,
			       kuid_t uid)
{
	return uid_eq(euid, uid) || uid_eq(euid, sec->cuid);
}

/* CAP_IPC_OWNER counts in the user namespace owning the section's IPC one */
static bool ntsection_ipc_owner_capable(struct ntsection_section *sec)
{
	return ns_capable(sec->ipc->user_ns, CAP_IPC_OWNER);
}

/*
 * May the caller open @sec with @access?  0 or -EACCES; like ipcperms():
 * owner (or creator) bits, else group bits for a member of the owner's or
 * the creator's group, else the other bits; CAP_IPC_OWNER overrides.  An
 * open that asks for no right at all is refused, as Windows' access check
 * refuses an empty desired access: it would only pin the section (and its
 * creator's quota) for someone the mode gives nothing.
 */
int ntsection_perm_check(struct ntsection_section *sec, u32 access)
{
	umode_t need = ntsection_access_bits(access), granted;
	kuid_t euid = current_euid();
	kuid_t uid;
	kgid_t gid;
	umode_t mode;

	if (!access)
		return -EACCES;

	ntsection_perm_read(sec, &uid, &gid, &mode);
	granted = mode;
	if (ntsection_is_owner(sec, euid, uid))
		granted >>= 6;
	else if (in_group_p(gid) || in_group_p(sec->cgid))
		granted >>= 3;
	if ((need & ~granted & 07) && !ntsection_ipc_owner_capable(sec))
		return -EACCES;
	return 0;
}

int ntsection_ioc_set_owner(struct ntsection_section *sec, void __user *argp)
{
	const u32 known = NTSECTION_SET_UID | NTSECTION_SET_GID |
			  NTSECTION_SET_MODE;
	struct ntsection_owner_args args;
	struct user_namespace *ns = current_user_ns();
	kuid_t euid = current_euid(), uid;
	kgid_t gid;
	bool allowed;

	if (copy_from_user(&args, argp, sizeof(args)))
		return -EFAULT;
	if ((args.flags & ~known) || args.pad)
		return -EINVAL;
	uid = make_kuid(ns, args.uid);
	gid = make_kgid(ns, args.gid);
	if ((args.flags & NTSECTION_SET_UID) && !uid_valid(uid))
		return -EINVAL;
	if ((args.flags & NTSECTION_SET_GID) && !gid_valid(gid))
		return -EINVAL;
	if ((args.flags & NTSECTION_SET_MODE) && (args.mode & ~0777))
		return -EINVAL;
	if (!(args.flags & NTSECTION_SET_MODE) && args.mode)
		return -EINVAL;
	if (!(args.flags & NTSECTION_SET_UID) && args.uid)
		return -EINVAL;
	if (!(args.flags & NTSECTION_SET_GID) && args.gid)
		return -EINVAL;

	spin_lock(&sec->perm_lock);
	allowed = ntsection_is_owner(sec, euid, sec->uid);
	spin_unlock(&sec->perm_lock);
	/*
	 * As IPC_SET: CAP_SYS_ADMIN, not CAP_IPC_OWNER, lets others change
	 * the owner.  The check may audit: not under the spinlock.
	 */
	if (!allowed && !ns_capable(sec->ipc->user_ns, CAP_SYS_ADMIN))
		return -EPERM;

	spin_lock(&sec->perm_lock);
	if (args.flags & NTSECTION_SET_UID)
		sec->uid = uid;
	if (args.flags & NTSECTION_SET_GID)
		sec->gid = gid;
	if (args.flags & NTSECTION_SET_MODE)
		sec->mode = args.mode;
	spin_unlock(&sec->perm_lock);
	return 0;
}
