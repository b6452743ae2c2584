// SPDX-License-Identifier: GPL-2.0
/*
 * large.c - large-page sections: pagefile-backed NTSECTION_SEC_COMMIT |
 * NTSECTION_SEC_LARGE_PAGES sections, whose pages are PMD-sized (2 MiB on
 * x86-64), allocated and locked in memory when the section is created, and
 * mapped by PMD entries in every view.
 *
 * Owns: the kernel-internal tmpfs mount with huge=always their backings
 * live on, the allocation and check of their pages, and their charge
 * against RLIMIT_MEMLOCK.
 *
 * The backing is shmem's own transparent huge pages on a mount of our own
 * (vfs_kern_mount(), as i915's gemfs does), not hugetlbfs: it needs no
 * pool set aside by the administrator, its pages are page cache like every
 * other section's (so views, fork, the fault path and the accounting stay
 * those of any pagefile section), and it works alike on 6.1 and 6.12.
 * huge=always on the mount asks shmem for huge folios whatever
 * /sys/kernel/mm/transparent_hugepage/shmem_enabled says, unless it says
 * "deny".  What shmem does not promise is a huge folio: it falls back to
 * small pages when none is free.  So the section allocates every folio at
 * creation (vfs_fallocate()), zeroes it (shmem's first read of a
 * fallocated folio) and checks that each one is PMD-sized; if one is not,
 * the create fails with ENOMEM and frees them.  Nothing ever falls back
 * silently, and a first touch through a view only maps a page.
 *
 * Windows locks large pages in memory and asks for SeLockMemoryPrivilege.
 * Here the backing's mapping is unevictable, as SHM_LOCK makes a SysV
 * segment's (shmem_lock() is not exported; mapping_set_unevictable() is
 * what it does), so its pages are never swapped; and the size is charged
 * to the creator's user against RLIMIT_MEMLOCK, in the per-user count
 * io_uring and the other modules that lock memory use
 * (user_struct.locked_vm), unless the creator has CAP_IPC_LOCK:
 * EPERM when RLIMIT_MEMLOCK is 0 (as shmctl(SHM_LOCK) and mlock(2) say
 * it), ENOMEM beyond it.  The charge stays with that user until the
 * section is freed.
 *
 * Locking: none; the charge is an atomic cmpxchg loop on the user's
 * count, and a section's large-page state never changes after creation.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mount.h>
#include <linux/pagemap.h>
#include <linux/sched/signal.h>
#include <linux/sched/user.h>
#include <linux/shmem_fs.h>

#include "compat.h"
#include "internal.h"

static struct vfsmount *ntsection_huge_mnt;

/* The large page size, or 0 when this kernel or machine has none. */
unsigned long ntsection_large_page_size(void)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	if (ntsection_huge_mnt && has_transparent_hugepage())
		return HPAGE_PMD_SIZE;
#endif
	return 0;
}

int ntsection_large_init(void)
{
	/* tmpfs is built in: its type holds no module reference to put */
	struct file_system_type *type = get_fs_type("tmpfs");
	char opts[] = "huge=always";

	if (!IS_ENABLED(CONFIG_TRANSPARENT_HUGEPAGE))
		return 0;	/* SEC_LARGE_PAGES then gives EOPNOTSUPP */
	if (!type)
		return -ENODEV;
	ntsection_huge_mnt = vfs_kern_mount(type, SB_KERNMOUNT, type->name,
					    opts);
	if (IS_ERR(ntsection_huge_mnt)) {
		int ret = PTR_ERR(ntsection_huge_mnt);

		ntsection_huge_mnt = NULL;
		return ret;
	}
	return 0;
}

void ntsection_large_exit(void)
{
	if (ntsection_huge_mnt)
		kern_unmount(ntsection_huge_mnt);
}

/* Charge @pages to the caller's user against RLIMIT_MEMLOCK. */
static int ntsection_large_charge(struct ntsection_section *sec,
				  unsigned long pages)
{
	unsigned long limit = rlimit(RLIMIT_MEMLOCK);
	struct user_struct *user = current_user();
	unsigned long cur;

	if (capable(CAP_IPC_LOCK))
		return 0;
	if (!limit)
		return -EPERM;
	limit = limit == RLIM_INFINITY ? ULONG_MAX : limit >> PAGE_SHIFT;
	cur = atomic_long_read(&user->locked_vm);
	do {
		if (pages > limit || cur > limit - pages)
			return -ENOMEM;
	} while (!atomic_long_try_cmpxchg(&user->locked_vm, &cur,
					  cur + pages));
	sec->locked_user = get_uid(user);
	sec->locked_pages = pages;
	return 0;
}

/* Return what ntsection_large_charge() charged; the section is freed. */
void ntsection_large_section_free(struct ntsection_section *sec)
{
	if (!sec->locked_user)
		return;
	atomic_long_sub(sec->locked_pages, &sec->locked_user->locked_vm);
	free_uid(sec->locked_user);
}

/*
 * Zero every page of @mapping's first @size bytes and check that each
 * large page is one PMD-sized folio: 0, -ENOMEM (a small folio: no huge
 * page was to be had), -EINTR or another error of shmem.  The folios
 * fallocate left are zeroed by shmem's first read of them, here rather
 * than at the first fault: the pages of a large-page section are ready
 * when it is created, as on Windows, and a fault only maps them.
 */
static int ntsection_zero_large(struct address_space *mapping, u64 size)
{
	unsigned long step = ntsection_large_page_size() >> PAGE_SHIFT;
	pgoff_t index, end = size >> PAGE_SHIFT;
	struct folio *folio;
	struct page *page;
	bool large;

	for (index = 0; index < end; index += step) {
		if (fatal_signal_pending(current))
			return -EINTR;
		page = shmem_read_mapping_page_gfp(mapping, index,
						   mapping_gfp_mask(mapping));
		if (IS_ERR(page))
			return PTR_ERR(page);
		folio = page_folio(page);
		large = folio_nr_pages(folio) == step && folio->index == index;
		put_page(page);
		if (!large)
			return -ENOMEM;
		cond_resched();
	}
	return 0;
}

/*
 * The backing of a large-page section of @size bytes (a multiple of the
 * large page size, checked by the caller): charged against the commit
 * limit (shmem, as for any SEC_COMMIT section) and RLIMIT_MEMLOCK,
 * unevictable, every page allocated and PMD-sized.
 */
struct file *ntsection_large_file(struct ntsection_section *sec, u64 size)
{
	struct file *file;
	int ret;

	ret = ntsection_large_charge(sec, size >> PAGE_SHIFT);
	if (ret)
		return ERR_PTR(ret);
	file = shmem_file_setup_with_mnt(ntsection_huge_mnt, "ntsection", size,
					 0);
	if (IS_ERR(file))
		return file;	/* the section's free returns the charge */
	mapping_set_unevictable(file->f_mapping);
	ret = vfs_fallocate(file, 0, 0, size);
	if (ret == -ENOSPC)
		ret = -ENOMEM;	/* the mount has no size limit */
	if (!ret)
		ret = ntsection_zero_large(file->f_mapping, size);
	if (ret) {
		fput(file);
		return ERR_PTR(ret);
	}
	return file;
}
