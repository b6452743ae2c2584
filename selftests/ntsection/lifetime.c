// SPDX-License-Identifier: GPL-2.0
/*
 * lifetime.c - a section lives while a handle or a view refers to it
 * (rule 72 of docs/windows-rules.md): views outlive every handle, in this
 * process and in children; the section is freed at the end (live_sections
 * back at its start).  The 100,000-cycle leak loop is in leak.c.
 */
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

NS_BACKING_FIXTURE(lifetime, 4)

static int rw_section(FIXTURE_DATA(lifetime) *self)
{
	return ns_create(self->dev, 4 * self->pg, NTSECTION_PAGE_READWRITE, 0,
			 self->file, NS_ALL_ACCESS);
}

TEST_F(lifetime, views_outlive_handles)
{
	struct ntsection_view_query_args q;
	long pg = self->pg;
	int fd = rw_section(self);
	int d;
	char *p, *r;

	ASSERT_LE(0, fd);
	d = ns_dup(fd, NTSECTION_SECTION_MAP_READ, 0);
	ASSERT_LE(0, d);
	p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	r = mmap(NULL, pg, PROT_READ, MAP_SHARED, d, 3 * pg);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_NE(MAP_FAILED, r);
	EXPECT_EQ(self->live + 1, ns_live());
	close(fd);
	close(d);
	/* rule 72: still there, still coherent, still queryable */
	EXPECT_EQ(self->live + 1, ns_live());
	strcpy(p + 3 * pg, "after close");
	EXPECT_STREQ("after close", r);
	ASSERT_EQ(0, ns_view_query(self->dev, p + pg, &q));
	EXPECT_EQ((__u64)4 * pg, q.section.size);
	EXPECT_EQ(NTSECTION_PAGE_READWRITE, q.section.protect);
	/* a split view holds the section too */
	EXPECT_EQ(0, munmap(p + pg, pg));
	EXPECT_EQ(0, munmap(p, pg));
	EXPECT_EQ(self->live + 1, ns_live());
	EXPECT_EQ(0, munmap(p + 2 * pg, 2 * pg));
	EXPECT_EQ(self->live + 1, ns_live());
	EXPECT_EQ(0, munmap(r, pg));
	/* freed with the last view */
	EXPECT_EQ(self->live, ns_live());
}

/*
 * Splits, moves and partial unmaps keep the count right.  A view's pieces
 * never merge again (its vm_ops have a close hook), so mremap() may move
 * one piece but not a range across two (EFAULT).
 */
TEST_F(lifetime, split_move)
{
	long pg = self->pg;
	int fd = rw_section(self);
	char *p, *t, *q;
	int i;

	ASSERT_LE(0, fd);
	p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	close(fd);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(0, mprotect(p + i * pg, pg, PROT_READ));
		EXPECT_EQ(0, mprotect(p + pg, 2 * pg, PROT_NONE));
		EXPECT_EQ(0, mprotect(p, 4 * pg, PROT_READ | PROT_WRITE));
	}
	p[3 * pg] = 'm';
	t = mmap(NULL, 2 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_NE(MAP_FAILED, t);
	EXPECT_EQ(MAP_FAILED, mremap(p + 2 * pg, 2 * pg, 2 * pg,
				     MREMAP_MAYMOVE | MREMAP_FIXED, t));
	EXPECT_EQ(EFAULT, errno);
	q = mremap(p + 3 * pg, pg, pg, MREMAP_MAYMOVE | MREMAP_FIXED, t + pg);
	EXPECT_EQ(t + pg, q);
	if (q == t + pg)
		EXPECT_EQ('m', q[0]);
	EXPECT_EQ(self->live + 1, ns_live());
	EXPECT_EQ(0, munmap(p, 2 * pg));
	EXPECT_EQ(self->live + 1, ns_live());
	EXPECT_EQ(0, munmap(p + 2 * pg, pg));
	EXPECT_EQ(self->live + 1, ns_live());
	EXPECT_EQ(0, munmap(t, 2 * pg));
	EXPECT_EQ(self->live, ns_live());
}

TEST_F(lifetime, child_keeps_section)
{
	long pg = self->pg;
	int fd = rw_section(self);
	int go[2], status;
	volatile char *p;
	pid_t pid;
	char c;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(go));
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, (void *)p);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		close(fd);
		close(go[1]);
		/* wait until the parent dropped everything */
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		p[0] = 'k';
		_exit(p[0] == 'k' ? 0 : 2);
	}
	close(go[0]);
	close(fd);
	munmap((void *)p, pg);
	EXPECT_EQ(self->live + 1, ns_live());
	ASSERT_EQ(1, write(go[1], "g", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(self->live, ns_live());
	close(go[1]);
}

TEST_F(lifetime, killed_child)
{
	long pg = self->pg;
	int fd = rw_section(self);
	int ready[2], status;
	volatile char *p;
	pid_t pid;
	char c;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		char *q = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED,
			       fd, 0);

		close(fd);
		if (q == MAP_FAILED)
			_exit(1);
		q[0] = 'w';
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	/*
	 * what reached the view survives the kill: a killed process loses
	 * nothing that reached its view (its views go as munmap(2) would)
	 */
	p = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, (void *)p);
	EXPECT_EQ('w', p[0]);
	munmap((void *)p, pg);
	close(fd);
	close(ready[0]);
	EXPECT_EQ(self->live, ns_live());
}

TEST_HARNESS_MAIN
