// SPDX-License-Identifier: GPL-2.0
/*
 * unload.c - nothing of a view outlives the module in a way that reaches
 * module memory: an O_PATH fd of /proc/self/map_files/ of a pagefile view,
 * kept after the section is gone and the module unloaded, still opens
 * cleanly (ENXIO).  The module once gave that inode an i_fop of its own,
 * and this open then ran freed module code.  The test unloads ntsection.ko
 * and loads it again (insmod of the guest's copy); it needs root.
 */
#include <sys/mman.h>
#include <sys/syscall.h>

#include "kselftest_harness.h"
#include "ntsection_test.h"

#define KO	"/lib/ntsection/ntsection.ko"

static int unload(void)
{
	int i;

	/* the last fput of a view may still be on its way */
	for (i = 0; i < 50; i++) {
		if (!syscall(SYS_delete_module, "ntsection", O_NONBLOCK))
			return 0;
		if (errno != EWOULDBLOCK && errno != EAGAIN)
			return -1;
		usleep(100000);
	}
	return -1;
}

TEST(map_files_outlives_the_module)
{
	long pg = ns_page();
	char path[128], fdpath[64];
	int dev, fd, opath, ko;
	char *p;

	if (geteuid() != 0)
		SKIP(return, "needs root for map_files and delete_module");
	ko = open(KO, O_RDONLY | O_CLOEXEC);
	if (ko < 0)
		SKIP(return, "no %s to load again", KO);
	dev = ns_open_dev();
	ASSERT_LE(0, dev);
	fd = ns_create(dev, pg, NTSECTION_PAGE_READWRITE, 0, -1,
		       NTSECTION_SECTION_ALL_ACCESS);
	ASSERT_LE(0, fd);
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	snprintf(path, sizeof(path), "/proc/self/map_files/%lx-%lx",
		 (unsigned long)p, (unsigned long)p + pg);
	opath = open(path, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, opath);
	munmap(p, pg);
	close(fd);
	close(dev);

	ASSERT_EQ(0, unload()) TH_LOG("delete_module: %s", strerror(errno));
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", opath);
	EXPECT_EQ(-1, open(fdpath, O_RDWR));
	EXPECT_EQ(ETXTBSY, errno);
	EXPECT_EQ(-1, open(fdpath, O_RDONLY));
	EXPECT_EQ(ENXIO, errno);
	close(opath);

	ASSERT_EQ(0, syscall(SYS_finit_module, ko, "", 0))
		TH_LOG("finit_module: %s", strerror(errno));
	close(ko);
	dev = ns_open_dev();
	ASSERT_LE(0, dev);
	close(dev);
}

TEST_HARNESS_MAIN
