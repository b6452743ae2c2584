// SPDX-License-Identifier: GPL-2.0
/*
 * device.c - /dev/ntsection itself: it exists as a character device with
 * the documented mode, opens and closes, refuses what it does not know.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <linux/ntsection.h>

#include "kselftest_harness.h"

TEST(device_node)
{
	struct stat st;

	ASSERT_EQ(0, stat("/dev/ntsection", &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0666, st.st_mode & 07777);
	/* misc devices have major 10 */
	EXPECT_EQ(10, major(st.st_rdev));
}

TEST(open_close)
{
	int fd, fd2;

	fd = open("/dev/ntsection", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);
	fd2 = open("/dev/ntsection", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd2);
	EXPECT_EQ(0, close(fd2));
	EXPECT_EQ(0, close(fd));
}

TEST(not_seekable)
{
	int fd = open("/dev/ntsection", O_RDWR | O_CLOEXEC);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, lseek(fd, 0, SEEK_SET));
	EXPECT_EQ(ESPIPE, errno);
	close(fd);
}

TEST(unknown_ioctl)
{
	int fd = open("/dev/ntsection", O_RDWR | O_CLOEXEC);
	unsigned long long arg = 0;

	ASSERT_LE(0, fd);
	/* an unused number in our range, another magic, and a bare number */
	EXPECT_EQ(-1, ioctl(fd, _IOW(NTSECTION_IOC_MAGIC, 0x1f, __u64), &arg));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(fd, _IOW('N', 0x80, __u64), &arg));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(fd, 0, 0));
	EXPECT_EQ(ENOTTY, errno);
	close(fd);
}

TEST(module_is_live)
{
	char state[32] = "";
	int fd = open("/sys/module/ntsection/initstate", O_RDONLY);

	ASSERT_LE(0, fd);
	ASSERT_LT(0, read(fd, state, sizeof(state) - 1));
	EXPECT_STREQ("live\n", state);
	close(fd);
}

TEST_HARNESS_MAIN
