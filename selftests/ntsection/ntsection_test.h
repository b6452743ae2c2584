/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntsection_test.h - helpers shared by the ntsection selftests: opening
 * the device, creating sections, scratch files, the live-section counter,
 * switching to another user, and the access probes of fault_probe.h.
 * Include after kselftest_harness.h.
 */
#ifndef NTSECTION_TEST_H
#define NTSECTION_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <linux/ntsection.h>

#include "fault_probe.h"
#include "live.h"
#include "smaps.h"

#define NS_RW_ACCESS	(NTSECTION_SECTION_QUERY | NTSECTION_SECTION_MAP_READ | \
			 NTSECTION_SECTION_MAP_WRITE)
#define NS_ALL_ACCESS	NTSECTION_SECTION_ALL_ACCESS

static inline long ns_page(void)
{
	return sysconf(_SC_PAGESIZE);
}

static inline int ns_open_dev(void)
{
	return open("/dev/ntsection", O_RDWR | O_CLOEXEC);
}

/* CREATE with everything else zero; the fd, or -1 with errno. */
static inline int ns_create(int dev, __u64 size, __u32 protect, __u32 attrs,
			    int file_fd, __u32 access)
{
	struct ntsection_create_args a;

	memset(&a, 0, sizeof(a));
	a.size = size;
	a.protect = protect;
	a.attributes = attrs;
	a.file_fd = file_fd;
	a.access = access;
	return ioctl(dev, NTSECTION_IOC_CREATE, &a);
}

static inline int ns_dup(int fd, __u32 access, __u32 flags)
{
	struct ntsection_dup_args a = { .access = access, .flags = flags };

	return ioctl(fd, NTSECTION_IOC_DUPLICATE, &a);
}

static inline int ns_query(int fd, struct ntsection_info *info)
{
	memset(info, 0xcc, sizeof(*info));
	return ioctl(fd, NTSECTION_IOC_QUERY, info);
}

static inline int ns_view_query(int dev, const void *addr,
				struct ntsection_view_query_args *q)
{
	memset(q, 0xcc, sizeof(*q));
	q->address = (unsigned long)addr;
	q->flags = 0;
	q->pad = 0;
	return ioctl(dev, NTSECTION_IOC_VIEW_QUERY, q);
}

static inline int ns_flush(int dev, const void *addr, __u64 len)
{
	struct ntsection_flush_args a = {
		.address = (unsigned long)addr, .length = len,
	};

	return ioctl(dev, NTSECTION_IOC_FLUSH, &a);
}

/* COMMIT of a range of a view; *@committed gets the output. */
static inline int ns_commit(int dev, const void *addr, __u64 len,
			    __u64 *committed)
{
	struct ntsection_commit_args a = {
		.address = (unsigned long)addr, .length = len,
	};
	int ret = ioctl(dev, NTSECTION_IOC_COMMIT, &a);

	if (!ret && committed)
		*committed = a.committed;
	return ret;
}

/* EXTEND of a section to @size; *@out (if not NULL) gets its new size. */
static inline int ns_extend(int fd, __u64 size, __u64 *out)
{
	struct ntsection_extend_args a = { .size = size };
	int ret = ioctl(fd, NTSECTION_IOC_EXTEND, &a);

	if (!ret && out)
		*out = a.size;
	return ret;
}

/*
 * CREATE of a named pagefile section of @size bytes, PAGE_READWRITE.
 * @flags are NTSECTION_CREATE_*; @mode is used with NTSECTION_CREATE_MODE.
 * *@existed (if not NULL) gets the ioctl's "existed" output.
 */
/* HANDLE_INFO: 0, or -1 with errno. */
static inline int ns_handle_info(int fd, struct ntsection_handle_info *info)
{
	return ioctl(fd, NTSECTION_IOC_HANDLE_INFO, info);
}

static inline int ns_create_named(int dev, const char *name, __u64 size,
				  __u32 access, __u32 flags, __u32 mode,
				  __u32 *existed)
{
	struct ntsection_create_args a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.size = size;
	a.protect = NTSECTION_PAGE_READWRITE;
	a.file_fd = -1;
	a.access = access;
	a.flags = flags;
	a.mode = (flags & NTSECTION_CREATE_MODE) ? mode : 0;
	a.name = (unsigned long)name;
	a.name_length = strlen(name);
	fd = ioctl(dev, NTSECTION_IOC_CREATE, &a);
	if (existed)
		*existed = a.existed;
	return fd;
}

/* OPEN of @len bytes at @name with @access; the fd or -1 with errno. */
static inline int ns_open_len(int dev, const void *name, __u32 len,
			      __u32 access)
{
	struct ntsection_open_args a;

	memset(&a, 0, sizeof(a));
	a.name = (unsigned long)name;
	a.name_length = len;
	a.access = access;
	return ioctl(dev, NTSECTION_IOC_OPEN, &a);
}

static inline int ns_open_named(int dev, const char *name, __u32 access)
{
	return ns_open_len(dev, name, strlen(name), access);
}

/* SET_OWNER with @flags (NTSECTION_SET_*); 0 or -1 with errno. */
static inline int ns_set_owner(int fd, __u32 flags, __u32 uid, __u32 gid,
			       __u32 mode)
{
	struct ntsection_owner_args a = {
		.flags = flags,
		.uid = (flags & NTSECTION_SET_UID) ? uid : 0,
		.gid = (flags & NTSECTION_SET_GID) ? gid : 0,
		.mode = (flags & NTSECTION_SET_MODE) ? mode : 0,
	};

	return ioctl(fd, NTSECTION_IOC_SET_OWNER, &a);
}

/* Become @uid, in group @uid with no supplementary group; 0 or -1. */
static inline int ns_become(uid_t uid)
{
	return setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	       setresuid(uid, uid, uid) ? -1 : 0;
}

/* Send @fd over the unix socket @sock (SCM_RIGHTS, one byte); 0 or -1. */
static inline int ns_send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, byte = 0;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(fd));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

/* The fd ns_send_fd() sent over @sock, or -1. */
static inline int ns_recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))], byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm;
	int fd;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (!cm || cm->cmsg_level != SOL_SOCKET ||
	    cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
	return fd;
}

/*
 * The number after @key and @sep on the first line of @path that starts
 * with them, or -1: "Key: N kB" lines of /proc/meminfo and
 * /proc/self/status (@sep ':'), "key N" lines of /proc/vmstat and cgroup
 * files (@sep ' ').
 */
static inline long ns_file_key(const char *path, const char *key, char sep)
{
	size_t len = strlen(key);
	char line[256];
	long v = -1;
	FILE *f = fopen(path, "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, len) && line[len] == sep) {
			v = strtol(line + len + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* A /proc/meminfo field in kB, or -1. */
static inline long ns_meminfo(const char *field)
{
	return ns_file_key("/proc/meminfo", field, ':');
}

#define MiB	(1024UL * 1024)
#define TiB	(1024UL * 1024 * MiB)
/*
 * How far /proc/meminfo's Committed_AS may be from the truth, in kB, under
 * vm.overcommit_memory=2, where the kernel's per-CPU batch of the counter
 * is 0.4% of RAM per CPU.
 */
#define NS_COMMIT_SLACK_KB	(8 * 1024)

/* Committed_AS in kB, or -1 */
static inline long ns_committed_as(void)
{
	return ns_meminfo("Committed_AS");
}

/* VmLck of this process in kB, or -1 */
static inline long ns_vmlck_kb(void)
{
	return ns_file_key("/proc/self/status", "VmLck", ':');
}

/* Write @v to a /proc, /sys or debugfs file; 0 or -1. */
static inline int ns_write_proc(const char *path, const char *v)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, v, strlen(v));
	close(fd);
	return n == (ssize_t)strlen(v) ? 0 : -1;
}

/* Read a /proc or /sys file into @buf (NUL-terminated); 0 or -1. */
static inline int ns_read_proc(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return 0;
}

#define NS_OVERCOMMIT	"/proc/sys/vm/overcommit_memory"

/* Does /proc/kallsyms list a symbol whose line contains @needle? */
static inline int ns_kallsyms_has(const char *needle)
{
	char line[256];
	int found = 0;
	FILE *f = fopen("/proc/kallsyms", "re");

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

/*
 * A KASAN kernel (the debug lane): it keeps freed objects in a quarantine
 * of up to 1/32 of RAM.
 */
static inline int ns_kasan_kernel(void)
{
	return ns_kallsyms_has(" kasan_save_stack");
}

/*
 * A sanitizer kernel (the debug lane's KASAN or the kcsan lane's KCSAN):
 * every memory access of its kernel side is instrumented, which under TCG
 * makes it ~5x slower; tests that loop scale down on it.
 */
static inline int ns_slow_kernel(void)
{
	return ns_kasan_kernel() || ns_kallsyms_has(" __tsan_read4");
}

/* A module parameter: read as a number (or -1), write a decimal value. */
static inline long long ns_param_get(const char *param)
{
	char path[128], buf[32] = "";
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/module/ntsection/parameters/%s",
		 param);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? strtoll(buf, NULL, 10) : -1;
}

static inline int ns_param_set(const char *param, long long value)
{
	char path[128], buf[32];

	snprintf(path, sizeof(path), "/sys/module/ntsection/parameters/%s",
		 param);
	snprintf(buf, sizeof(buf), "%lld", value);
	return ns_write_proc(path, buf);
}

/*
 * Section counts settle once deferred fputs have run: the closes of this
 * thread run at return to user space, so by the time we read the counter
 * they are done; views in exited children are gone once waitpid() returns.
 */

/* Directory for file-backed sections: $NTSECTION_SCRATCH, /mnt/scratch, /tmp */
static inline const char *ns_scratch_dir(void)
{
	const char *d = getenv("NTSECTION_SCRATCH");
	struct stat st;

	if (d && *d)
		return d;
	if (!stat("/mnt/scratch", &st) && S_ISDIR(st.st_mode))
		return "/mnt/scratch";
	return "/tmp";
}

/* A fresh unlinked scratch file of @size bytes opened with @flags. */
static inline int ns_scratch_file(off_t size, int flags)
{
	char path[PATH_MAX];
	int fd, rfd;

	snprintf(path, sizeof(path), "%s/ntsection-XXXXXX", ns_scratch_dir());
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (ftruncate(fd, size)) {
		close(fd);
		unlink(path);
		return -1;
	}
	if ((flags & O_ACCMODE) == O_RDWR) {
		unlink(path);
		return fd;
	}
	rfd = open(path, flags | O_CLOEXEC);
	unlink(path);
	close(fd);
	return rfd;
}

/*
 * NS_BACKING_FIXTURE(name, pages) - a fixture whose tests run once per
 * backing, as variants "pagefile" and "file" (a program may add more with
 * FIXTURE_VARIANT_ADD: variant->attributes says what to create).  Members: dev (an fd of
 * /dev/ntsection), file (a scratch file of @pages pages for the file
 * variant, else -1), pg (the page size) and live (the live-section count
 * at set-up, which the teardown expects back if the test is still root).
 */
#define NS_BACKING_FIXTURE(name, pages)					\
FIXTURE(name) {								\
	int dev;							\
	int file;							\
	long pg;							\
	long live;							\
};									\
FIXTURE_VARIANT(name) {							\
	int file_backed;						\
	__u32 attributes;	/* of the sections the tests create */	\
};									\
FIXTURE_VARIANT_ADD(name, pagefile) { .file_backed = 0 };		\
FIXTURE_VARIANT_ADD(name, file) { .file_backed = 1 };			\
FIXTURE_SETUP(name)							\
{									\
	self->pg = ns_page();						\
	self->dev = ns_open_dev();					\
	ASSERT_LE(0, self->dev);					\
	self->live = ns_live();						\
	ASSERT_LE(0, self->live);					\
	self->file = -1;						\
	if (variant->file_backed) {					\
		self->file = ns_scratch_file((pages) * self->pg, O_RDWR); \
		ASSERT_LE(0, self->file);				\
	}								\
}									\
FIXTURE_TEARDOWN(name)							\
{									\
	if (self->file >= 0)						\
		close(self->file);					\
	close(self->dev);						\
	/* debugfs is root's: a test that dropped root cannot count */	\
	if (geteuid() == 0)						\
		EXPECT_EQ(self->live, ns_live());			\
}

/*
 * NS_OVERCOMMIT_FIXTURE(name) - a fixture whose tests run under
 * vm.overcommit_memory=2 (see NS_COMMIT_SLACK_KB), put back
 * afterwards.  Members: dev (an fd of /dev/ntsection), pg (the page size),
 * live (the live-section count at set-up, expected back at teardown).
 */
#define NS_OVERCOMMIT_FIXTURE(name)					\
FIXTURE(name) {								\
	int dev;							\
	long pg;							\
	long live;							\
	char overcommit[16];						\
};									\
FIXTURE_SETUP(name)							\
{									\
	ASSERT_EQ(0, ns_read_proc(NS_OVERCOMMIT, self->overcommit,	\
				  sizeof(self->overcommit)));		\
	self->pg = ns_page();						\
	self->dev = ns_open_dev();					\
	ASSERT_LE(0, self->dev);					\
	self->live = ns_live();						\
	ASSERT_EQ(0, ns_write_proc(NS_OVERCOMMIT, "2"));		\
}									\
FIXTURE_TEARDOWN(name)							\
{									\
	EXPECT_EQ(0, ns_write_proc(NS_OVERCOMMIT, self->overcommit));	\
	close(self->dev);						\
	EXPECT_EQ(self->live, ns_live());				\
}

#endif /* NTSECTION_TEST_H */
