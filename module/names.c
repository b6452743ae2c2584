// SPDX-License-Identifier: GPL-2.0
/*
 * names.c - IPC-namespace records and section names.
 *
 * Owns: one struct ntsection_ns per IPC namespace that has live sections
 * (it pins the namespace and lists its sections; the walk for the /proc
 * listing is here), the name table (an rhashtable keyed by namespace and
 * name bytes) with its one lookup, ntsection_name_get_or_link(), the
 * parsing of user-supplied names, and the unlink of a name when its
 * section's handle count (section.c) drops to zero.
 *
 * Locking: ntsection_names_lock, private to this file, guards
 * ntsection_namespaces, every record's section list and count, the name
 * table and name->linked, and the limits' counts (limits.c, called from
 * here).  Every lookup and every change of the table happens under it,
 * so the table needs no RCU for its entries.  A section is freed (and
 * leaves its namespace under this lock) when its last handle or view
 * file goes, which may be in any context that puts a file; so nothing
 * under it takes mmap_lock or copies from or to user memory.  The only
 * allocations under it are the small per-user count records of
 * limits.c (GFP_KERNEL_ACCOUNT: no reclaim path takes this lock).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/ipc_namespace.h>
#include <linux/jhash.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/proc_ns.h>
#include <linux/rhashtable.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"

static DEFINE_MUTEX(ntsection_names_lock);

static LIST_HEAD(ntsection_namespaces);

/*
 * Pin and unpin an IPC namespace.  put_ipc_ns() is not exported by every
 * kernel we support (6.1 lacks it), but the namespace's own proc_ns
 * operations carry it, as nsfs uses them.
 */
static struct ipc_namespace *ntsection_ipc_get(void)
{
	return get_ipc_ns(current->nsproxy->ipc_ns);
}

static void ntsection_ipc_put(struct ipc_namespace *ipc)
{
	/* NULL ops: no IPC namespaces, this is init_ipc_ns, never freed */
	if (ipc->ns.ops)
		ipc->ns.ops->put(&ipc->ns);
}

static struct ntsection_ns *ntsection_ns_find(struct ipc_namespace *ipc)
{
	struct ntsection_ns *ns;

	lockdep_assert_held(&ntsection_names_lock);
	list_for_each_entry(ns, &ntsection_namespaces, node)
		if (ns->ipc == ipc)
			return ns;
	return NULL;
}

/* For limits.c, which the functions below call with the lock held. */
void ntsection_names_assert_held(void)
{
	lockdep_assert_held(&ntsection_names_lock);
}

/*
 * The listing's walk over the sections of the reader's namespace, as
 * seq_file operations (proc.c): ->start takes the names lock and ->stop
 * drops it, so the list cannot change under the walk.  The first element
 * stands for the header line: ntsection_ns_walk_section() gives NULL for
 * it and the section for every other.
 */
void *ntsection_ns_walk_start(struct seq_file *m, loff_t *pos)
{
	struct ntsection_ns *ns;

	mutex_lock(&ntsection_names_lock);
	ns = ntsection_ns_find(current->nsproxy->ipc_ns);
	m->private = ns;
	if (!ns)
		return *pos ? NULL : SEQ_START_TOKEN;
	return seq_list_start_head(&ns->sections, *pos);
}

void *ntsection_ns_walk_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct ntsection_ns *ns = m->private;

	if (!ns) {
		++*pos;
		return NULL;
	}
	return seq_list_next(v, &ns->sections, pos);
}

void ntsection_ns_walk_stop(struct seq_file *m, void *v)
{
	mutex_unlock(&ntsection_names_lock);
}

struct ntsection_section *ntsection_ns_walk_section(struct seq_file *m,
						     void *v)
{
	struct ntsection_ns *ns = m->private;

	if (v == SEQ_START_TOKEN || (ns && v == &ns->sections))
		return NULL;
	return list_entry(v, struct ntsection_section, ns_node);
}

/*
 * Make a new section a member of its creator's namespace record and
 * charge it against the limits there (limits.c).  It is not listed yet:
 * see ntsection_ns_list().  0, -ENOSPC or -ENOMEM.
 */
int ntsection_ns_join(struct ntsection_section *sec)
{
	struct ntsection_ns *ns, *fresh;
	struct ipc_namespace *ipc;
	int ret;

	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL_ACCOUNT);
	if (!fresh)
		return -ENOMEM;
	ipc = ntsection_ipc_get();

	mutex_lock(&ntsection_names_lock);
	ns = ntsection_ns_find(ipc);
	if (!ns) {
		ns = fresh;
		fresh = NULL;
		ns->ipc = ipc;
		ipc = NULL;	/* the record keeps this pin */
		INIT_LIST_HEAD(&ns->sections);
		ntsection_limits_init(&ns->limits);
		list_add(&ns->node, &ntsection_namespaces);
	}
	ns->nr_sections++;
	sec->ns = ns;
	sec->ipc = ns->ipc;
	ret = ntsection_charge(sec, &ns->limits);
	mutex_unlock(&ntsection_names_lock);

	kfree(fresh);
	if (ipc)
		ntsection_ipc_put(ipc);
	return ret;
}

/* Show a complete section in its namespace's listing. */
void ntsection_ns_list(struct ntsection_section *sec)
{
	mutex_lock(&ntsection_names_lock);
	list_add_tail(&sec->ns_node, &sec->ns->sections);
	mutex_unlock(&ntsection_names_lock);
}

static const struct rhashtable_params ntsection_name_params;
static struct rhashtable ntsection_names;

/* Called as the section is freed: no handle is left, so no name either. */
void ntsection_ns_detach(struct ntsection_section *sec)
{
	struct ntsection_ns *ns = sec->ns;
	struct ipc_namespace *ipc = NULL;

	mutex_lock(&ntsection_names_lock);
	/* only a create that failed after linking gets here still linked */
	if (sec->name && sec->name->linked) {
		rhashtable_remove_fast(&ntsection_names, &sec->name->node,
				       ntsection_name_params);
		sec->name->linked = false;
	}
	list_del(&sec->ns_node);
	ntsection_uncharge(sec, &ns->limits);
	if (!--ns->nr_sections) {
		list_del(&ns->node);
		ntsection_limits_destroy(&ns->limits);
		ipc = ns->ipc;
	}
	mutex_unlock(&ntsection_names_lock);

	if (ipc) {
		ntsection_ipc_put(ipc);
		kfree(ns);
	}
}

/* The name table: (namespace, bytes) -> struct ntsection_name. */
struct ntsection_name_key {
	const struct ipc_namespace *ipc;
	const char *bytes;
	u32 len;
};

static u32 ntsection_name_hash(const struct ipc_namespace *ipc,
			       const char *bytes, u32 len, u32 seed)
{
	return jhash(bytes, len, seed ^ hash_ptr((void *)ipc, 32));
}

static u32 ntsection_key_hashfn(const void *data, u32 len, u32 seed)
{
	const struct ntsection_name_key *key = data;

	return ntsection_name_hash(key->ipc, key->bytes, key->len, seed);
}

static u32 ntsection_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct ntsection_name *name = data;

	return ntsection_name_hash(name->ipc, name->bytes, name->len, seed);
}

static int ntsection_obj_cmpfn(struct rhashtable_compare_arg *arg,
			       const void *obj)
{
	const struct ntsection_name_key *key = arg->key;
	const struct ntsection_name *name = obj;

	return key->ipc != name->ipc || key->len != name->len ||
	       memcmp(key->bytes, name->bytes, key->len);
}

static const struct rhashtable_params ntsection_name_params = {
	.head_offset		= offsetof(struct ntsection_name, node),
	.hashfn			= ntsection_key_hashfn,
	.obj_hashfn		= ntsection_obj_hashfn,
	.obj_cmpfn		= ntsection_obj_cmpfn,
	.automatic_shrinking	= true,
};

int ntsection_names_init(void)
{
	return rhashtable_init(&ntsection_names, &ntsection_name_params);
}

void ntsection_names_exit(void)
{
	/* every section is gone before the module can be unloaded */
	rhashtable_destroy(&ntsection_names);
}

#define NTSECTION_PREFIX_LOCAL	"Local\\"
#define NTSECTION_PREFIX_GLOBAL	"Global\\"
#define NTSECTION_NAME_ARG_MAX	(NTSECTION_NAME_MAX + \
				 sizeof(NTSECTION_PREFIX_GLOBAL) - 1)

static bool ntsection_strip(const char **p, u32 *len, const char *prefix)
{
	size_t n = strlen(prefix);

	if (*len < n || memcmp(*p, prefix, n))
		return false;
	*p += n;
	*len -= n;
	return true;
}

/*
 * Copy and check a name given by user space, for the caller's namespace.
 * Returns the new name (not linked) or an ERR_PTR: EINVAL (empty, or a
 * NUL inside), ENAMETOOLONG, EFAULT, ENOMEM.  The length is bounded
 * before anything is allocated.
 */
struct ntsection_name *ntsection_name_from_user(u64 uptr, u32 len)
{
	struct ntsection_name *name;
	const char *p;
	char *raw;

	if (!len)
		return ERR_PTR(-EINVAL);
	if (len > NTSECTION_NAME_ARG_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	raw = memdup_user(u64_to_user_ptr(uptr), len);
	if (IS_ERR(raw))
		return ERR_CAST(raw);

	p = raw;
	if (!ntsection_strip(&p, &len, NTSECTION_PREFIX_LOCAL))
		ntsection_strip(&p, &len, NTSECTION_PREFIX_GLOBAL);
	name = ERR_PTR(-EINVAL);
	if (!len || memchr(p, '\0', len))
		goto out;
	name = ERR_PTR(-ENAMETOOLONG);
	if (len > NTSECTION_NAME_MAX)
		goto out;
	name = kzalloc(struct_size(name, bytes, len), GFP_KERNEL_ACCOUNT);
	if (!name) {
		name = ERR_PTR(-ENOMEM);
		goto out;
	}
	memcpy(name->bytes, p, len);
	name->len = len;
	/* the caller's namespace; pinned once the section is attached */
	name->ipc = current->nsproxy->ipc_ns;
out:
	kfree(raw);
	return name;
}

static struct ntsection_section *ntsection_name_lookup(
	struct ntsection_name *name)
{
	struct ntsection_name_key key = {
		.ipc = name->ipc, .bytes = name->bytes, .len = name->len,
	};
	struct ntsection_name *found;

	lockdep_assert_held(&ntsection_names_lock);
	found = rhashtable_lookup_fast(&ntsection_names, &key,
				       ntsection_name_params);
	return found ? found->sec : NULL;
}

/*
 * The one way to a section by name.  The section called @name in the
 * caller's namespace, checked for @access (EACCES) or refused with EEXIST
 * if @create_new, gets one more handle (ntsection_handle_get()) and is
 * returned.  If there is none, @fresh (a new section with its first
 * handle, whose name is @name) is linked under it and returned, or, with
 * no @fresh, NULL is.  An error as an ERR_PTR: EEXIST, EACCES, or ENOMEM
 * when the table must grow at once and cannot.
 */
struct ntsection_section *ntsection_name_get_or_link(
	struct ntsection_name *name, u32 access, bool create_new,
	struct ntsection_section *fresh)
{
	struct ntsection_section *sec;
	int ret = 0;

	mutex_lock(&ntsection_names_lock);
	sec = ntsection_name_lookup(name);
	if (sec) {
		ret = create_new ? -EEXIST : ntsection_perm_check(sec, access);
		if (!ret)
			ntsection_handle_get(sec);
	} else if (fresh) {
		name->sec = fresh;
		/* ENOMEM, or E2BIG beyond 2^31 names */
		if (rhashtable_insert_fast(&ntsection_names, &name->node,
					   ntsection_name_params))
			ret = -ENOMEM;
		else
			name->linked = true;
		sec = fresh;
	}
	mutex_unlock(&ntsection_names_lock);
	return ret ? ERR_PTR(ret) : sec;
}

/*
 * Drop one of @handles, the handle count of the section called @name:
 * the last takes the name out of the table.  The count reaches zero only
 * under the names lock, so a lookup never finds a section without a
 * handle.
 */
void ntsection_name_put_handle(atomic_t *handles, struct ntsection_name *name)
{
	if (!atomic_dec_and_mutex_lock(handles, &ntsection_names_lock))
		return;
	if (name->linked) {
		rhashtable_remove_fast(&ntsection_names, &name->node,
				       ntsection_name_params);
		name->linked = false;
	}
	mutex_unlock(&ntsection_names_lock);
}
