// SPDX-License-Identifier: GPL-2.0
/*
 * names.c - IPC-namespace records, section names and handle counts.
 *
 * Owns: one struct ntsection_ns per IPC namespace that has live sections
 * (it pins the namespace and lists its sections, for the /proc listing),
 * the name table (an rhashtable keyed by namespace and name bytes), the
 * parsing of user-supplied names, and the handle count whose drop to zero
 * unlinks a name.
 *
 * Locking: ntsection_names_lock guards ntsection_namespaces, every
 * record's section list and count, the name table and name->linked.
 * Every lookup and every change of the table happens under it, so the
 * table needs no RCU for its entries.  It is taken in a view's close
 * (under mmap_lock) when that frees a section, so nothing here takes
 * mmap_lock, copies from or to user memory, or allocates while holding
 * it.
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
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"

DEFINE_MUTEX(ntsection_names_lock);

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

/* The caller's record, or NULL; ntsection_names_lock held. */
struct ntsection_ns *ntsection_ns_current(void)
{
	return ntsection_ns_find(current->nsproxy->ipc_ns);
}

struct list_head *ntsection_ns_sections(struct ntsection_ns *ns)
{
	return &ns->sections;
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

/*
 * The live section called @name in the caller's namespace, or NULL.
 * ntsection_names_lock held; the section stays linked, with at least one
 * handle, until the lock is dropped.
 */
struct ntsection_section *ntsection_name_lookup(struct ntsection_name *name)
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
 * Link a new section's name; ntsection_names_lock held, the name known
 * to be free and the section to hold its first handle.  Fails only when
 * the table must grow at once and cannot (ENOMEM).
 */
int ntsection_name_link(struct ntsection_section *sec)
{
	struct ntsection_name *name = sec->name;
	int ret;

	lockdep_assert_held(&ntsection_names_lock);
	name->sec = sec;
	ret = rhashtable_insert_fast(&ntsection_names, &name->node,
				     ntsection_name_params);
	if (ret)	/* ENOMEM, or E2BIG beyond 2^31 names */
		return -ENOMEM;
	name->linked = true;
	return 0;
}

/*
 * One more handle; the caller holds one already, or the names lock.  The
 * reference comes first: ntsection_handle_put() of another handle may
 * drop the count without the lock as soon as it sees it above one, and
 * then its reference, which must not be the last.
 */
void ntsection_handle_get(struct ntsection_section *sec)
{
	ntsection_get(sec);
	atomic_inc(&sec->handles);
}

/* A handle goes: the last one takes the section's name with it. */
void ntsection_handle_put(struct ntsection_section *sec)
{
	struct ntsection_name *name = sec->name;

	if (!name) {
		atomic_dec(&sec->handles);
	} else if (atomic_dec_and_mutex_lock(&sec->handles,
					     &ntsection_names_lock)) {
		if (name->linked) {
			rhashtable_remove_fast(&ntsection_names, &name->node,
					       ntsection_name_params);
			name->linked = false;
		}
		mutex_unlock(&ntsection_names_lock);
	}
	ntsection_put(sec);
}
