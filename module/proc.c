// SPDX-License-Identifier: GPL-2.0
/*
 * proc.c - /proc/ntsection/sections, the listing of the reader's sections.
 *
 * Owns: the /proc/ntsection directory and the seq_file that walks the
 * section list of the reader's IPC namespace.  The format is in
 * docs/userspace-api/ntsection.rst under "Files in /proc and sysfs".
 *
 * Locking: ntsection_names_lock is held from ->start to ->stop, so the
 * list cannot change under the walk; seq_file copies to user space only
 * after ->stop.  The counts shown are snapshots.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/shmem_fs.h>
#include <linux/uidgid.h>

#include "internal.h"

static struct proc_dir_entry *ntsection_proc_dir;

static void *ntsection_sections_start(struct seq_file *m, loff_t *pos)
{
	struct ntsection_ns *ns;

	mutex_lock(&ntsection_names_lock);
	ns = ntsection_ns_current();
	m->private = ns;
	if (!ns)
		return *pos ? NULL : SEQ_START_TOKEN;
	return seq_list_start_head(ntsection_ns_sections(ns), *pos);
}

static void *ntsection_sections_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct ntsection_ns *ns = m->private;

	if (!ns) {
		++*pos;
		return NULL;
	}
	return seq_list_next(v, ntsection_ns_sections(ns), pos);
}

static void ntsection_sections_stop(struct seq_file *m, void *v)
{
	mutex_unlock(&ntsection_names_lock);
}

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
	struct ntsection_ns *ns = m->private;
	struct ntsection_section *sec;
	struct ntsection_info info;
	kuid_t uid;
	kgid_t gid;
	umode_t mode;

	if (v == SEQ_START_TOKEN || (ns && v == ntsection_ns_sections(ns))) {
		seq_puts(m, "name size protect attributes owner group cuid cgid mode handles views resident swapped backing\n");
		return 0;
	}
	sec = list_entry(v, struct ntsection_section, ns_node);
	ntsection_perm_read(sec, &uid, &gid, &mode);
	ntsection_fill_info(sec, 0, &info);

	ntsection_show_name(m, sec->name);
	seq_printf(m, " %llu %#x %#x %u %u %u %u %04o %d %ld %llu %llu ",
		   sec->size, sec->protect, sec->attributes,
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
	.start	= ntsection_sections_start,
	.next	= ntsection_sections_next,
	.stop	= ntsection_sections_stop,
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
