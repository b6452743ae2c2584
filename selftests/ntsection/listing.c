// SPDX-License-Identifier: GPL-2.0
/*
 * listing.c - /proc/ntsection/sections: the header, the columns and values
 * of known sections, the escaping of names, uids seen from a user
 * namespace, and isolation between IPC namespaces.
 */
#include <sched.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define HEADER "name size protect attributes owner group cuid cgid mode " \
	       "handles views resident swapped backing"

struct row {
	char name[1024];
	unsigned long long size, resident, swapped;
	unsigned int protect, attributes, uid, gid, cuid, cgid, mode;
	int handles;
	long views;
	char backing[64];
};

/* Read the listing; the header in @header, rows in @rows (at most @max). */
static int read_listing(char *header, size_t hlen, struct row *rows, int max)
{
	FILE *f = fopen("/proc/ntsection/sections", "re");
	char line[2048];
	int n = 0;

	if (!f)
		return -1;
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return -1;
	}
	line[strcspn(line, "\n")] = '\0';
	strncpy(header, line, hlen - 1);
	header[hlen - 1] = '\0';
	while (n < max && fgets(line, sizeof(line), f)) {
		struct row *r = &rows[n];

		if (sscanf(line, "%1023s %llu %x %x %u %u %u %u %o %d %ld %llu %llu %63s",
			   r->name, &r->size, &r->protect, &r->attributes,
			   &r->uid, &r->gid, &r->cuid, &r->cgid, &r->mode,
			   &r->handles, &r->views, &r->resident, &r->swapped,
			   r->backing) != 14) {
			fclose(f);
			return -2;
		}
		n++;
	}
	fclose(f);
	return n;
}

static struct row *find(struct row *rows, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(rows[i].name, name))
			return &rows[i];
	return NULL;
}

FIXTURE(listing) {
	int dev;
	long pg;
	long live;
	struct row rows[256];
	char header[512];
};

FIXTURE_SETUP(listing)
{
	self->pg = ns_page();
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	self->live = ns_live();
}

FIXTURE_TEARDOWN(listing)
{
	close(self->dev);
	EXPECT_EQ(self->live, ns_live());
}

TEST_F(listing, header_and_known_sections)
{
	struct row *r;
	struct stat st;
	char *p, backing[64];
	int a, b, file, fsec, n;

	a = ns_create_named(self->dev, "ls-named", 3 * self->pg,
			    NS_ALL_ACCESS, NTSECTION_CREATE_MODE, 0640, NULL);
	ASSERT_LE(0, a);
	b = ns_dup(a, NTSECTION_SECTION_QUERY, 0);
	ASSERT_LE(0, b);
	p = mmap(NULL, 3 * self->pg, PROT_READ | PROT_WRITE, MAP_SHARED, a, 0);
	ASSERT_NE(MAP_FAILED, p);
	p[0] = 1;
	p[self->pg] = 1;

	file = ns_scratch_file(2 * self->pg, O_RDWR);
	ASSERT_LE(0, file);
	ASSERT_EQ(0, fstat(file, &st));
	fsec = ns_create(self->dev, 0, NTSECTION_PAGE_READONLY, 0, file,
			 NS_ALL_ACCESS);
	ASSERT_LE(0, fsec);

	n = read_listing(self->header, sizeof(self->header), self->rows, 256);
	ASSERT_LE(2, n);
	EXPECT_STREQ(HEADER, self->header);

	r = find(self->rows, n, "ls-named");
	ASSERT_NE(NULL, r);
	EXPECT_EQ((unsigned long long)3 * self->pg, r->size);
	EXPECT_EQ(NTSECTION_PAGE_READWRITE, r->protect);
	EXPECT_EQ(NTSECTION_SEC_COMMIT, r->attributes);
	EXPECT_EQ(geteuid(), r->uid);
	EXPECT_EQ(getegid(), r->gid);
	EXPECT_EQ(geteuid(), r->cuid);
	EXPECT_EQ(getegid(), r->cgid);
	EXPECT_EQ(0640, r->mode);
	EXPECT_EQ(2, r->handles);
	EXPECT_EQ(1, r->views);
	EXPECT_EQ(2, r->resident);
	EXPECT_EQ(0, r->swapped);
	EXPECT_STREQ("pagefile", r->backing);

	/* the file section: unnamed, its file's dev:ino, 0600 */
	snprintf(backing, sizeof(backing), "%u:%u:%llu", major(st.st_dev),
		 minor(st.st_dev), (unsigned long long)st.st_ino);
	r = NULL;
	for (int i = 0; i < n; i++)
		if (!strcmp(self->rows[i].backing, backing))
			r = &self->rows[i];
	ASSERT_NE(NULL, r);
	EXPECT_STREQ("-", r->name);
	EXPECT_EQ((unsigned long long)2 * self->pg, r->size);
	EXPECT_EQ(NTSECTION_PAGE_READONLY, r->protect);
	EXPECT_EQ(NTSECTION_SEC_FILE, r->attributes);
	EXPECT_EQ(0600, r->mode);
	EXPECT_EQ(1, r->handles);
	EXPECT_EQ(0, r->views);

	/* the counts follow */
	munmap(p, 3 * self->pg);
	close(b);
	n = read_listing(self->header, sizeof(self->header), self->rows, 256);
	r = find(self->rows, n, "ls-named");
	ASSERT_NE(NULL, r);
	EXPECT_EQ(1, r->handles);
	EXPECT_EQ(0, r->views);
	close(a);
	close(fsec);
	close(file);
	n = read_listing(self->header, sizeof(self->header), self->rows, 256);
	EXPECT_EQ(NULL, find(self->rows, n, "ls-named"));
}

TEST_F(listing, names_are_escaped)
{
	const char raw[] = "a b\\c\tx\xff-";
	int a, dash, n;

	a = ns_create_named(self->dev, raw, 4096, NS_ALL_ACCESS, 0, 0, NULL);
	ASSERT_LE(0, a);
	dash = ns_create_named(self->dev, "-", 4096, NS_ALL_ACCESS, 0, 0, NULL);
	ASSERT_LE(0, dash);
	n = read_listing(self->header, sizeof(self->header), self->rows, 256);
	ASSERT_LE(2, n);
	EXPECT_NE(NULL, find(self->rows, n, "a\\040b\\134c\\011x\\377-"));
	EXPECT_NE(NULL, find(self->rows, n, "\\055"));
	close(a);
	close(dash);
}

/* Another IPC namespace sees none of ours, and we see none of its. */
TEST_F(listing, isolated_per_ipc_namespace)
{
	int a, pipefd[2], status, n;
	char c;
	pid_t pid;

	a = ns_create_named(self->dev, "ls-parent", 4096, NS_ALL_ACCESS, 0, 0,
			    NULL);
	ASSERT_LE(0, a);
	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct row rows[64];
		char header[512];
		int fd, m;

		close(pipefd[0]);
		if (unshare(CLONE_NEWIPC))
			_exit(10);
		m = read_listing(header, sizeof(header), rows, 64);
		if (m != 0 || strcmp(header, HEADER))
			_exit(11);	/* empty: not even the parent's */
		fd = ns_create_named(self->dev, "ls-child", 4096,
				     NS_ALL_ACCESS, 0, 0, NULL);
		if (fd < 0)
			_exit(12);
		m = read_listing(header, sizeof(header), rows, 64);
		if (m != 1 || strcmp(rows[0].name, "ls-child"))
			_exit(13);
		if (write(pipefd[1], "x", 1) != 1)
			_exit(14);
		pause();	/* until killed, holding ls-child */
		_exit(15);
	}
	close(pipefd[1]);
	ASSERT_EQ(1, read(pipefd[0], &c, 1));
	n = read_listing(self->header, sizeof(self->header), self->rows, 256);
	EXPECT_NE(NULL, find(self->rows, n, "ls-parent"));
	EXPECT_EQ(NULL, find(self->rows, n, "ls-child"));
	/* the child's section is live, just not ours to see */
	EXPECT_EQ(self->live + 2, ns_live());
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	close(pipefd[0]);
	close(a);
}

/* Uids are shown as the reader's user namespace maps them. */
TEST_F(listing, uids_from_a_user_namespace)
{
	int a, status;
	pid_t pid;

	if (geteuid() != 0)
		SKIP(return, "needs root to own the section as uid 0");
	a = ns_create_named(self->dev, "ls-uid", 4096, NS_ALL_ACCESS, 0, 0,
			    NULL);
	ASSERT_LE(0, a);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct row rows[64];
		char header[512];
		struct row *r;
		int m;

		/* uid 0 is not mapped in a fresh user namespace */
		if (unshare(CLONE_NEWUSER))
			_exit(10);
		m = read_listing(header, sizeof(header), rows, 64);
		r = find(rows, m, "ls-uid");
		if (!r)
			_exit(11);
		_exit(r->uid == 65534 && r->cuid == 65534 ? 0 : 12);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(a);
}

/* Reading the listing while sections come and go in another process. */
TEST_F_TIMEOUT(listing, read_while_sections_come_and_go, 400)
{
	int status, i, n, bad = 0;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int file = ns_scratch_file(4096, O_RDWR);

		for (i = 0; i < 2000; i++) {
			int fd = i % 2 ?
				ns_create(self->dev, 4096, NTSECTION_PAGE_READWRITE,
					  0, -1, NS_ALL_ACCESS) :
				ns_create_named(self->dev, "ls-churn", 4096,
						NS_RW_ACCESS, 0, 0, NULL);
			int fd2 = ns_create(self->dev, 0, NTSECTION_PAGE_READONLY,
					    0, file, NS_ALL_ACCESS);

			if (fd < 0 || fd2 < 0)
				_exit(1);
			close(fd);
			close(fd2);
		}
		_exit(0);
	}
	for (i = 0; i < 300; i++) {
		n = read_listing(self->header, sizeof(self->header), self->rows,
				 256);
		if (n < 0)
			bad++;
	}
	EXPECT_EQ(0, bad);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
}

TEST_HARNESS_MAIN
