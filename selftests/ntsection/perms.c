// SPDX-License-Identifier: GPL-2.0
/*
 * perms.c - owner, group and mode of named sections: every access right
 * against every mode bit of every class (owner, group, other), as root and
 * as an unprivileged uid/gid, with and without CAP_IPC_OWNER, and
 * NTSECTION_IOC_SET_OWNER by the owner, the creator and others.
 *
 * Children change identity with setresgid()/setresuid() after fork; the
 * test must run as root (it is SKIPped otherwise).
 */
#include <grp.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define UID_A	1001	/* the owner we give sections */
#define GID_A	2001
#define UID_B	1002	/* someone else, in GID_A */
#define UID_C	1003	/* someone else, in no group of ours */
#define GID_C	2003

static const __u32 rights[] = {
	NTSECTION_SECTION_QUERY, NTSECTION_SECTION_MAP_READ,
	NTSECTION_SECTION_MAP_WRITE, NTSECTION_SECTION_EXTEND_SIZE,
	NTSECTION_SECTION_MAP_EXECUTE,
};

/* The rwx bit a right needs. */
static int right_bit(__u32 right)
{
	switch (right) {
	case NTSECTION_SECTION_QUERY:
	case NTSECTION_SECTION_MAP_READ:
		return 4;
	case NTSECTION_SECTION_MAP_WRITE:
	case NTSECTION_SECTION_EXTEND_SIZE:
		return 2;
	default:
		return 1;
	}
}

/* Drop (or keep) CAP_IPC_OWNER from the effective set; 0 or -1. */
static int drop_ipc_owner(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective &= ~(1U << CAP_IPC_OWNER);
	d[0].permitted &= ~(1U << CAP_IPC_OWNER);
	return syscall(SYS_capset, &h, d) ? -1 : 0;
}

/* Become @uid with primary group @gid and the one supplementary @sup. */
static int become(uid_t uid, gid_t gid, gid_t sup)
{
	if (setgroups(1, &sup) || setresgid(gid, gid, gid) ||
	    setresuid(uid, uid, uid))
		return -1;
	return 0;
}

FIXTURE(perms) {
	int dev;
	long live;
};

FIXTURE_SETUP(perms)
{
	if (geteuid() != 0)
		SKIP(return, "needs root to switch uids");
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->live = ns_live();
}

FIXTURE_TEARDOWN(perms)
{
	if (geteuid() != 0)
		return;
	close(self->dev);
	EXPECT_EQ(self->live, ns_live());
}

/*
 * In a child that became @uid/@gid/@sup (and, with @drop, lost
 * CAP_IPC_OWNER), open "ns-perm" with each right alone.  Returns a bit
 * mask: bit i set when rights[i] was granted; 0x80 on a set-up failure,
 * 0x40 on an errno other than EACCES.
 */
static int probe(int dev, uid_t uid, gid_t gid, gid_t sup, int drop)
{
	int status, mask = 0;
	size_t i;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return 0x80;
	if (pid == 0) {
		if (uid != 0 || gid != 0) {
			if (become(uid, gid, sup))
				_exit(0x80);
		}
		if (drop && drop_ipc_owner())
			_exit(0x80);
		for (i = 0; i < sizeof(rights) / sizeof(rights[0]); i++) {
			int fd = ns_open_named(dev, "ns-perm", rights[i]);

			if (fd >= 0) {
				mask |= 1 << i;
				close(fd);
			} else if (errno != EACCES) {
				mask |= 0x40;
			}
		}
		_exit(mask);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 0x80;
	return WEXITSTATUS(status);
}

/* The mask probe() should see when the class's bits are @bits. */
static int expected(int bits)
{
	int mask = 0;
	size_t i;

	for (i = 0; i < sizeof(rights) / sizeof(rights[0]); i++)
		if (bits & right_bit(rights[i]))
			mask |= 1 << i;
	return mask;
}

/*
 * Every right against every bit of every class.  The section is owned
 * by UID_A:GID_A (set with SET_OWNER; the creator is root).  Each class
 * gets the bits under test and the other classes their complement, so
 * a check that looked at the wrong class shows.
 */
TEST_F(perms, every_right_every_bit)
{
	struct {
		const char *who;
		uid_t uid;
		gid_t gid, sup;
		int shift;
	} classes[] = {
		{ "owner", UID_A, GID_C, GID_C, 6 },
		{ "group (primary)", UID_B, GID_A, GID_C, 3 },
		{ "group (supplementary)", UID_B, GID_C, GID_A, 3 },
		{ "other", UID_C, GID_C, GID_C, 0 },
	};
	size_t c;
	int bits, fd;

	fd = ns_create_named(self->dev, "ns-perm", 4096, NS_ALL_ACCESS,
			     NTSECTION_CREATE_MODE, 0, NULL);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_set_owner(fd, NTSECTION_SET_UID | NTSECTION_SET_GID,
				  UID_A, GID_A, 0));
	for (c = 0; c < sizeof(classes) / sizeof(classes[0]); c++) {
		for (bits = 0; bits < 8; bits++) {
			int mode = 0, k, got;

			for (k = 0; k < 9; k += 3)
				mode |= (k == classes[c].shift ? bits : 7 - bits) << k;
			ASSERT_EQ(0, ns_set_owner(fd, NTSECTION_SET_MODE, 0, 0,
						  mode));
			got = probe(self->dev, classes[c].uid, classes[c].gid,
				    classes[c].sup, 0);
			EXPECT_EQ(expected(bits), got)
				TH_LOG("%s, mode %04o", classes[c].who, mode);
		}
	}
	close(fd);
}

/* CAP_IPC_OWNER overrides the mode; root without it is a plain owner. */
TEST_F(perms, cap_ipc_owner)
{
	int fd, all = expected(7);

	fd = ns_create_named(self->dev, "ns-perm", 4096, NS_ALL_ACCESS,
			     NTSECTION_CREATE_MODE, 0, NULL);
	ASSERT_LE(0, fd);
	/* root with the capability: everything, mode 0 or not */
	EXPECT_EQ(all, probe(self->dev, 0, 0, 0, 0));
	/* root without it, as creator: the owner bits, here none */
	EXPECT_EQ(0, probe(self->dev, 0, 0, 0, 1));
	ASSERT_EQ(0, ns_set_owner(fd, NTSECTION_SET_MODE, 0, 0, 0400));
	EXPECT_EQ(expected(4), probe(self->dev, 0, 0, 0, 1));
	/* an unprivileged user has no capability to use */
	EXPECT_EQ(0, probe(self->dev, UID_C, GID_C, GID_C, 0));
	close(fd);
}

/* The creator gets what it asks for; an existing name is checked. */
TEST_F(perms, create_is_checked_like_open)
{
	int fd, status;
	pid_t pid;

	fd = ns_create_named(self->dev, "ns-perm", 4096, NS_ALL_ACCESS,
			     NTSECTION_CREATE_MODE, 0, NULL);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_set_owner(fd, NTSECTION_SET_MODE, 0, 0, 0604));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int r, w, own;

		if (become(UID_C, GID_C, GID_C))
			_exit(1);
		/* other bits: read yes, write no */
		r = ns_create_named(self->dev, "ns-perm", 4096,
				    NTSECTION_SECTION_MAP_READ, 0, 0, NULL);
		w = ns_create_named(self->dev, "ns-perm", 4096,
				    NTSECTION_SECTION_MAP_WRITE, 0, 0, NULL);
		if (r < 0 || w != -1 || errno != EACCES)
			_exit(2);
		/* a new name: full access whatever the mode */
		own = ns_create_named(self->dev, "ns-perm-own", 4096,
				      NS_ALL_ACCESS, NTSECTION_CREATE_MODE, 0,
				      NULL);
		if (own < 0)
			_exit(3);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	close(fd);
}

TEST_F(perms, set_owner)
{
	struct ntsection_info info;
	int fd, status;
	pid_t pid;

	fd = ns_create_named(self->dev, "ns-perm", 4096, NS_ALL_ACCESS, 0, 0,
			     NULL);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(0600, info.mode);
	EXPECT_EQ(0, info.uid);
	EXPECT_EQ(0, info.cuid);

	/* bad arguments */
	EXPECT_EQ(-1, ns_set_owner(fd, NTSECTION_SET_MODE, 0, 0, 01000));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ns_set_owner(fd, NTSECTION_SET_UID, (uid_t)-1, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ns_set_owner(fd, NTSECTION_SET_GID, 0, (gid_t)-1, 0));
	EXPECT_EQ(EINVAL, errno);
	{
		struct ntsection_owner_args a = { .flags = 0, .mode = 0600 };
		int bit;

		EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_SET_OWNER, &a));
		EXPECT_EQ(EINVAL, errno);	/* a field not selected */
		a.mode = 0;
		a.pad = 1;
		EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_SET_OWNER, &a));
		EXPECT_EQ(EINVAL, errno);
		a.pad = 0;
		for (bit = 3; bit < 32; bit++) {
			a.flags = 1U << bit;
			EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_SET_OWNER, &a));
			EXPECT_EQ(EINVAL, errno) TH_LOG("bit %d", bit);
		}
		EXPECT_EQ(-1, ioctl(fd, NTSECTION_IOC_SET_OWNER, (void *)16));
		EXPECT_EQ(EFAULT, errno);
		EXPECT_EQ(-1, ioctl(self->dev, NTSECTION_IOC_SET_OWNER, &a));
		EXPECT_EQ(ENOTTY, errno);
	}

	/* root gives the section to UID_A, mode 0640 */
	ASSERT_EQ(0, ns_set_owner(fd, NTSECTION_SET_UID | NTSECTION_SET_GID |
				  NTSECTION_SET_MODE, UID_A, GID_A, 0640));
	ASSERT_EQ(0, ns_query(fd, &info));
	EXPECT_EQ(UID_A, info.uid);
	EXPECT_EQ(GID_A, info.gid);
	EXPECT_EQ(0, info.cuid);
	EXPECT_EQ(0640, info.mode);

	/* someone else may not change it */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (become(UID_C, GID_C, GID_C))
			_exit(1);
		if (ns_set_owner(fd, NTSECTION_SET_MODE, 0, 0, 0666) != -1 ||
		    errno != EPERM)
			_exit(2);
		if (ns_set_owner(fd, 0, 0, 0, 0) != -1 || errno != EPERM)
			_exit(3);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);

	/* the owner may, and then opens by the owner bits */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int h;

		if (become(UID_A, GID_C, GID_C))
			_exit(1);
		/* 0640: the owner may write */
		h = ns_open_named(self->dev, "ns-perm",
				  NTSECTION_SECTION_MAP_WRITE);
		if (h < 0)
			_exit(7);
		close(h);
		if (ns_set_owner(fd, NTSECTION_SET_MODE, 0, 0, 0200))
			_exit(2);
		h = ns_open_named(self->dev, "ns-perm",
				  NTSECTION_SECTION_MAP_WRITE);
		if (h < 0)
			_exit(3);
		if (ns_open_named(self->dev, "ns-perm",
				  NTSECTION_SECTION_MAP_READ) != -1 ||
		    errno != EACCES)
			_exit(4);
		/* giving it away ends the owner's say */
		if (ns_set_owner(fd, NTSECTION_SET_UID, UID_C, 0, 0))
			_exit(5);
		if (ns_set_owner(fd, NTSECTION_SET_MODE, 0, 0, 0600) != -1 ||
		    errno != EPERM)
			_exit(6);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);

	/* root without CAP_IPC_OWNER is still the creator: allowed */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (drop_ipc_owner())
			_exit(1);
		_exit(ns_set_owner(fd, NTSECTION_SET_MODE, 0, 0, 0600) ? 2 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	close(fd);
}

TEST_HARNESS_MAIN
