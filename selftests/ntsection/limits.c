// SPDX-License-Identifier: GPL-2.0
/*
 * limits.c - the module parameters max_sections, max_sections_per_user and
 * max_section_size: each reached gives its documented errno, and closing
 * handles frees the quota again.  Every test restores the parameters.
 */
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define RW	NTSECTION_PAGE_READWRITE

FIXTURE(limits) {
	int dev;
	long live;
	long long max, per_user, size;
};

FIXTURE_SETUP(limits)
{
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->live = ns_live();
	self->max = ns_param_get("max_sections");
	self->per_user = ns_param_get("max_sections_per_user");
	self->size = ns_param_get("max_section_size");
	ASSERT_LE(0, self->max);
	ASSERT_LE(0, self->per_user);
	ASSERT_LE(0, self->size);
}

FIXTURE_TEARDOWN(limits)
{
	if (geteuid() == 0) {
		EXPECT_EQ(0, ns_param_set("max_sections", self->max));
		EXPECT_EQ(0, ns_param_set("max_sections_per_user",
					  self->per_user));
		EXPECT_EQ(0, ns_param_set("max_section_size", self->size));
	}
	close(self->dev);
	EXPECT_EQ(self->live, ns_live());
}

TEST_F(limits, documented_defaults)
{
	EXPECT_EQ(131072, self->max);
	EXPECT_EQ(65536, self->per_user);
	EXPECT_EQ(0, self->size);
}

TEST_F(limits, max_sections)
{
	int fds[3], fd, i;

	if (geteuid() != 0)
		SKIP(return, "needs root to set the parameter");
	ASSERT_EQ(0, ns_param_set("max_sections", self->live + 3));
	for (i = 0; i < 3; i++) {
		fds[i] = ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS);
		ASSERT_LE(0, fds[i]);
	}
	EXPECT_EQ(-1, ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS));
	EXPECT_EQ(ENOSPC, errno);
	/* named and file-backed sections count the same */
	EXPECT_EQ(-1, ns_create_named(self->dev, "lim-named", 4096,
				      NS_ALL_ACCESS, 0, 0, NULL));
	EXPECT_EQ(ENOSPC, errno);
	/* opening an existing one creates nothing: allowed */
	fd = ns_dup(fds[0], 0, NTSECTION_DUP_SAME_ACCESS);
	EXPECT_LE(0, fd);
	close(fd);
	/* a freed section frees its place */
	close(fds[0]);
	fds[0] = ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS);
	EXPECT_LE(0, fds[0]);
	/* 0: nothing may be created */
	ASSERT_EQ(0, ns_param_set("max_sections", 0));
	EXPECT_EQ(-1, ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS));
	EXPECT_EQ(ENOSPC, errno);
	for (i = 0; i < 3; i++)
		close(fds[i]);
}

/* A view keeps its section, so its place, until it is unmapped. */
TEST_F(limits, views_hold_their_place)
{
	char *p;
	int fd;

	if (geteuid() != 0)
		SKIP(return, "needs root to set the parameter");
	ASSERT_EQ(0, ns_param_set("max_sections", self->live + 1));
	fd = ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS);
	ASSERT_LE(0, fd);
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	close(fd);
	EXPECT_EQ(-1, ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS));
	EXPECT_EQ(ENOSPC, errno);
	munmap(p, 4096);
	fd = ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS);
	EXPECT_LE(0, fd);
	close(fd);
}

TEST_F(limits, max_sections_per_user)
{
	int status, fd;
	pid_t pid;

	if (geteuid() != 0)
		SKIP(return, "needs root to set the parameter");
	ASSERT_EQ(0, ns_param_set("max_sections_per_user", 2));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int a, b, c;

		if (setresgid(3001, 3001, 3001) || setresuid(3001, 3001, 3001))
			_exit(1);
		a = ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS);
		b = ns_create_named(self->dev, "lim-user", 4096, NS_ALL_ACCESS,
				    0, 0, NULL);
		if (a < 0 || b < 0)
			_exit(2);
		c = ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS);
		if (c != -1 || errno != ENOSPC)
			_exit(3);
		/*
		 * Opening the user's own named section is no new section.
		 * (Read-write: 0600 gives no execute right.)
		 */
		c = ns_create_named(self->dev, "lim-user", 4096,
				    NS_RW_ACCESS, 0, 0, NULL);
		if (c < 0)
			_exit(4);
		close(c);
		close(a);
		c = ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS);
		_exit(c < 0 ? 5 : 0);
	}
	/* root is another user: its own count */
	fd = ns_create(self->dev, 4096, RW, 0, -1, NS_ALL_ACCESS);
	EXPECT_LE(0, fd);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	close(fd);
	EXPECT_EQ(self->live, ns_live());
}

TEST_F(limits, max_section_size)
{
	long pg = ns_page();
	int fd, file;

	if (geteuid() != 0)
		SKIP(return, "needs root to set the parameter");
	ASSERT_EQ(0, ns_param_set("max_section_size", 2 * pg));
	fd = ns_create(self->dev, 2 * pg, RW, 0, -1, NS_ALL_ACCESS);
	EXPECT_LE(0, fd);
	close(fd);
	/* rounded up to pages before the check */
	EXPECT_EQ(-1, ns_create(self->dev, 2 * pg + 1, RW, 0, -1,
				NS_ALL_ACCESS));
	EXPECT_EQ(EFBIG, errno);
	/* file-backed: the file's size counts, and the file is not grown */
	file = ns_scratch_file(3 * pg, O_RDWR);
	ASSERT_LE(0, file);
	EXPECT_EQ(-1, ns_create(self->dev, 0, RW, 0, file, NS_ALL_ACCESS));
	EXPECT_EQ(EFBIG, errno);
	EXPECT_EQ(-1, ns_create(self->dev, 5 * pg, RW, 0, file,
				NS_ALL_ACCESS));
	EXPECT_EQ(EFBIG, errno);
	EXPECT_EQ(3 * pg, lseek(file, 0, SEEK_END));
	fd = ns_create(self->dev, 2 * pg, RW, 0, file, NS_ALL_ACCESS);
	EXPECT_LE(0, fd);
	close(fd);
	close(file);
	/* 0 is no limit */
	ASSERT_EQ(0, ns_param_set("max_section_size", 0));
	fd = ns_create(self->dev, 64 * pg, RW, 0, -1, NS_ALL_ACCESS);
	EXPECT_LE(0, fd);
	close(fd);
}

TEST_HARNESS_MAIN
