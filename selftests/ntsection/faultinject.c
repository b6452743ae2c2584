// SPDX-License-Identifier: GPL-2.0
/*
 * faultinject.c - every section operation under slab and page-allocation
 * failures.  failslab and fail_page_alloc are enabled for this task only
 * (/proc/self/make-it-fail with task-filter), at about 15% per allocation,
 * around each operation: create (pagefile and file-backed), duplicate,
 * query, map, view query, flush and close.  Each must succeed or fail
 * with ENOMEM (the one errno an allocation failure may produce), and when
 * everything is closed the live-section count is back where it started.
 * kmemleak, scanned by the guest runner afterwards, must find nothing.
 *
 * Needs a kernel with CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC and
 * CONFIG_FAULT_INJECTION_DEBUG_FS (the debug lane's); SKIP elsewhere.
 */
#include "kselftest_harness.h"
#include "ntsection_test.h"

#define FI_ROUNDS	3000
#define FI_SLOTS	16

static int setup_attr(const char *dir)
{
	static const char *const attrs[][2] = {
		{ "probability", "15" }, { "interval", "1" },
		{ "times", "-1" }, { "space", "0" }, { "verbose", "0" },
		{ "task-filter", "Y" },
	};
	char path[256];
	unsigned int i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, attrs[i][0]);
		if (ns_write_proc(path, attrs[i][1]))
			return -1;
	}
	/* also fail sleeping allocations, which is what we mostly make */
	snprintf(path, sizeof(path), "%s/ignore-gfp-wait", dir);
	if (ns_write_proc(path, "N"))
		return -1;
	return 0;
}

/* fault injection for this task on (1) or off (0); the fd stays open */
static int mif_fd = -1;

static void inject(int on)
{
	/* writing the flag allocates nothing, but retry to be safe */
	while (pwrite(mif_fd, on ? "1" : "0", 1, 0) != 1)
		;
}

struct slot {
	int fd;
	void *view;
	size_t len;
};

FIXTURE(fi)
{
	int dev;
	int file;
	char path[PATH_MAX];
	long live_before;
};

FIXTURE_SETUP(fi)
{
	struct stat st;

	if (stat("/sys/kernel/debug/failslab", &st) ||
	    stat("/sys/kernel/debug/fail_page_alloc", &st) ||
	    stat("/proc/self/make-it-fail", &st))
		SKIP(return, "kernel without failslab/fail_page_alloc debugfs (a debug-lane kernel has them)");
	ASSERT_EQ(0, setup_attr("/sys/kernel/debug/failslab"));
	ASSERT_EQ(0, setup_attr("/sys/kernel/debug/fail_page_alloc"));
	mif_fd = open("/proc/self/make-it-fail", O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, mif_fd);
	self->dev = ns_open_dev();
	ASSERT_LE(0, self->dev);
	snprintf(self->path, sizeof(self->path), "%s/faultinject.XXXXXX",
		 ns_scratch_dir());
	self->file = mkstemp(self->path);
	ASSERT_LE(0, self->file);
	ASSERT_EQ(0, ftruncate(self->file, 16 * ns_page()));
	self->live_before = ns_live();
	ASSERT_LE(0, self->live_before);
}

FIXTURE_TEARDOWN(fi)
{
	if (mif_fd >= 0) {
		inject(0);
		close(mif_fd);
		mif_fd = -1;
	}
	if (self->file >= 0) {
		close(self->file);
		unlink(self->path);
	}
	ns_write_proc("/sys/kernel/debug/failslab/probability", "0");
	ns_write_proc("/sys/kernel/debug/fail_page_alloc/probability", "0");
}

static const char *const fi_names[] = { "fi-a", "fi-b", "Local\\fi-c", "fi-d" };

/* Read /proc/ntsection/sections to the end: 0, or -1 with errno. */
static int read_listing(void)
{
	char buf[4096];
	ssize_t n;
	int fd;

	fd = open("/proc/ntsection/sections", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	close(fd);
	return n < 0 ? -1 : 0;
}

TEST_F(fi, operations_fail_cleanly)
{
	struct slot s[FI_SLOTS];
	unsigned int ok = 0, failed = 0, i, k;
	struct ntsection_view_query_args q;
	struct ntsection_info info;
	long page = ns_page();
	int ret, err;

	/* the 6.1 harness runs the body even after SKIP() in the setup */
	if (mif_fd < 0)
		return;
	srandom(12345);
	for (i = 0; i < FI_SLOTS; i++)
		s[i] = (struct slot){ .fd = -1 };

	for (i = 0; i < FI_ROUNDS; i++) {
		struct slot *sl = &s[random() % FI_SLOTS];
		int op = random() % 9;

		ret = 0;
		if (sl->fd < 0)
			op = 0;
		inject(1);
		switch (op) {
		case 0:	/* create: pagefile, named pagefile or file-backed */
			if (random() % 3 == 0)
				ret = ns_create_named(self->dev,
						      fi_names[random() % 4], page,
						      NS_RW_ACCESS, 0, 0, NULL);
			else if (random() % 2)
				ret = ns_create(self->dev, (1 + random() % 16) * page,
						NTSECTION_PAGE_READWRITE, 0, -1,
						NS_ALL_ACCESS);
			else
				ret = ns_create(self->dev, 0,
						NTSECTION_PAGE_READWRITE, 0,
						self->file, NS_ALL_ACCESS);
			if (ret >= 0) {
				inject(0);
				if (sl->view)
					munmap(sl->view, sl->len);
				if (sl->fd >= 0)
					close(sl->fd);
				*sl = (struct slot){ .fd = ret };
				ret = 0;
			}
			break;
		case 1:	/* duplicate, then close the duplicate */
			ret = ns_dup(sl->fd, NTSECTION_SECTION_MAP_READ, 0);
			if (ret >= 0)
				ret = close(ret);
			break;
		case 2:
			ret = ns_query(sl->fd, &info);
			break;
		case 3:	/* map a view (if none yet) */
			if (!sl->view) {
				void *p = mmap(NULL, page, PROT_READ | PROT_WRITE,
					       MAP_SHARED, sl->fd, 0);

				if (p == MAP_FAILED) {
					ret = -1;
				} else {
					sl->view = p;
					sl->len = page;
				}
			}
			break;
		case 4:
			if (sl->view)
				ret = ns_view_query(self->dev, sl->view, &q);
			break;
		case 5:
			if (sl->view) {
				inject(0);
				/* touch with injection off: faults would only retry */
				memset(sl->view, i & 0xff, 64);
				inject(1);
				ret = ns_flush(self->dev, sl->view, 0);
			}
			break;
		case 6:	/* close the handle (the view, if any, stays) */
			ret = close(sl->fd);
			sl->fd = -1;
			break;
		case 7:	/* open by name, then close; ENOENT is no failure */
			ret = ns_open_named(self->dev, fi_names[random() % 4],
					    NTSECTION_SECTION_MAP_READ);
			if (ret >= 0)
				ret = close(ret);
			else if (errno == ENOENT)
				ret = 0;
			break;
		case 8:	/* read the listing */
			ret = read_listing();
			break;
		}
		err = errno;
		inject(0);
		if (ret < 0) {
			failed++;
			EXPECT_EQ(ENOMEM, err) {
				TH_LOG("round %u op %d failed with %s", i, op,
				       strerror(err));
			}
		} else {
			ok++;
		}
		/* a slot whose handle is gone drops its view now and then */
		if (sl->fd < 0 && sl->view && random() % 2) {
			munmap(sl->view, sl->len);
			sl->view = NULL;
		}
	}

	for (k = 0; k < FI_SLOTS; k++) {
		if (s[k].view)
			munmap(s[k].view, s[k].len);
		if (s[k].fd >= 0)
			close(s[k].fd);
	}
	TH_LOG("%u operations: %u succeeded, %u failed with ENOMEM", FI_ROUNDS,
	       ok, failed);
	/* the injection must really have bitten, and not everything failed */
	EXPECT_LT(0, failed);
	EXPECT_LT(0, ok);
	EXPECT_EQ(self->live_before, ns_live());
}

TEST_HARNESS_MAIN
