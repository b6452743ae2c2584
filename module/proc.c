// SPDX-License-Identifier: GPL-2.0
/*
 * proc.c - /proc/ntsection/sections, the listing of the reader's sections.
 *
 * Owns: the /proc/ntsection directory and the seq_file that shows the
 * sections of the reader's IPC namespace, one line each.  The format is
 * in docs/userspace-api/ntsection.rst under "Files in /proc,
 * sysfs and debugfs".
 *
 * Locking: none of its own.  The walk is names.c's (ntsection_ns_walk_*):
 * the list cannot change from ->start to ->stop, and seq_file copies to
 * user space only after ->stop.  The counts shown are snapshots.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uidgid.h>

#include "internal.h"

static struct proc_dir_entry *ntsection_proc_dir;

/* Printable bytes as they are; the rest, spaces and '\' as \ooo. */
static void ntsection_show_name(struct seq_file *m, struct ntsection_name *name)
{
	u32 i;

	if (!name) {
		seq_putc(m, '-');
		return;
	}
	for (i = 0; i < name->len; i++) {
		unsigned char c = name->bytes[i];

		if (c > ' ' && c <= '~' && c != '\\' &&
		    !(name->len == 1 && c == '-'))
			seq_putc(m, c);
		else
			seq_printf(m, "\\%03o", c);
	}
}

static int ntsection_sections_show(struct seq_file *m, void *v)
{
	struct user_namespace *userns = seq_user_ns(m);
	struct ntsection_section *sec = ntsection_ns_walk_section(m, v);
	struct ntsection_info info;
	kuid_t uid;
	kgid_t gid;
	umode_t mode;

	if (!sec) {
		seq_puts(m, "name size protect attributes owner group cuid cgid mode handles views resident swapped backing\n");
		return 0;
	}
	ntsection_perm_read(sec, &uid, &gid, &mode);
	ntsection_fill_info(sec, 0, &info);

	ntsection_show_name(m, sec->name);
	seq_printf(m, " %llu %#x %#x %u %u %u %u %04o %d %ld %llu %llu ",
		   READ_ONCE(sec->size), sec->protect, sec->attributes,
		   from_kuid_munged(userns, uid), from_kgid_munged(userns, gid),
		   from_kuid_munged(userns, sec->cuid),
		   from_kgid_munged(userns, sec->cgid), mode,
		   atomic_read(&sec->handles), atomic_long_read(&sec->views),
		   info.resident_pages, info.swapped_pages);
	if (sec->file_backed)
		seq_printf(m, "%u:%u:%llu\n", info.dev_major, info.dev_minor,
			   info.ino);
	else
		seq_puts(m, "pagefile\n");
	return 0;
}

static const struct seq_operations ntsection_sections_ops = {
	.start	= ntsection_ns_walk_start,
	.next	= ntsection_ns_walk_next,
	.stop	= ntsection_ns_walk_stop,
	.show	= ntsection_sections_show,
};

int ntsection_proc_init(void)
{
	ntsection_proc_dir = proc_mkdir("ntsection", NULL);
	if (!ntsection_proc_dir)
		return -ENOMEM;
	if (!proc_create_seq("sections", 0444, ntsection_proc_dir,
			     &ntsection_sections_ops)) {
		proc_remove(ntsection_proc_dir);
		return -ENOMEM;
	}
	return 0;
}

void ntsection_proc_exit(void)
{
	proc_remove(ntsection_proc_dir);
}
