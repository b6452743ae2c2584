/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crash_cgroup.h - a cgroup2 memory cgroup and a zram swap device for
 * crash_memory.c: mount cgroup2 if needed, make a child cgroup with a
 * memory.max, move a process into it, read memory.events; set up and tear
 * down /dev/zram0 as swap (busybox mkswap, swapon(2), swapoff(2)).
 */
#ifndef NTSECTION_CRASH_CGROUP_H
#define NTSECTION_CRASH_CGROUP_H

#include <sys/mount.h>
#include <sys/swap.h>

#define NS_CGROUP_ROOT	"/sys/fs/cgroup"

static inline int ns_write_file(const char *dir, const char *name,
				const char *v)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return ns_write_proc(path, v);
}

/* A cgroup2 child cgroup @path with memory.max = @max bytes; 0 or -1. */
static inline int ns_cgroup_make(const char *path, uint64_t max)
{
	char v[32];
	struct stat st;

	if (stat(NS_CGROUP_ROOT "/cgroup.controllers", &st) &&
	    mount("cgroup2", NS_CGROUP_ROOT, "cgroup2", 0, NULL))
		return -1;
	if (ns_write_proc(NS_CGROUP_ROOT "/cgroup.subtree_control", "+memory"))
		return -1;
	if (mkdir(path, 0755) && errno != EEXIST)
		return -1;
	snprintf(v, sizeof(v), "%llu", (unsigned long long)max);
	if (ns_write_file(path, "memory.max", v))
		return -1;
	/* swap allowed (oom sets 0); the file is missing without swap accounting */
	ns_write_file(path, "memory.swap.max", "max");
	return 0;
}

static inline int ns_cgroup_enter(const char *path)
{
	char v[32];

	snprintf(v, sizeof(v), "%d", (int)getpid());
	return ns_write_file(path, "cgroup.procs", v);
}

/* A "key value" line of @path/@name, or -1. */
static inline long ns_cgroup_key(const char *path, const char *name,
				 const char *key)
{
	char file[PATH_MAX];

	snprintf(file, sizeof(file), "%s/%s", path, name);
	return ns_file_key(file, key, ' ');
}

/* A /proc/vmstat counter, or -1. */
static inline long ns_vmstat(const char *key)
{
	return ns_cgroup_key("/proc", "vmstat", key);
}

/* /dev/zram0 as swap of @bytes; 0, or -1 when there is no zram. */
static inline int ns_zram_swap_on(uint64_t bytes)
{
	char v[32];
	struct stat st;

	if (stat("/sys/block/zram0", &st) &&
	    (system("modprobe zram >/dev/null 2>&1") ||
	     stat("/sys/block/zram0", &st)))
		return -1;
	swapoff("/dev/zram0");
	ns_write_proc("/sys/block/zram0/reset", "1");
	snprintf(v, sizeof(v), "%llu", (unsigned long long)bytes);
	if (ns_write_proc("/sys/block/zram0/disksize", v))
		return -1;
	if (system("mkswap /dev/zram0 >/dev/null 2>&1"))
		return -1;
	return swapon("/dev/zram0", 0);
}

static inline void ns_zram_swap_off(void)
{
	swapoff("/dev/zram0");
	ns_write_proc("/sys/block/zram0/reset", "1");
}

#endif /* NTSECTION_CRASH_CGROUP_H */
