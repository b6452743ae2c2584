// SPDX-License-Identifier: GPL-2.0
/*
 * trinity-helper.c - the two things tools/testing/fuzz/trinity.sh needs
 * that busybox has no applet for, static for the guest:
 *
 *   trinity-helper runas UID COMMAND [ARGS...]
 *	become UID (group UID, no supplementary groups) and exec COMMAND
 *	(trinity refuses to run as root)
 *   trinity-helper probe
 *	check that /dev/ntsection still works: create a 1 MiB pagefile
 *	section, map a view, write and read back every page, unmap, close;
 *	exit 0, or 1 with the failing step on stderr
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/ntsection.h>

#define PROBE_SIZE	(1UL << 20)

static int fail(const char *what)
{
	fprintf(stderr, "trinity-helper: %s: %s\n", what, strerror(errno));
	return 1;
}

static int runas(int argc, char **argv)
{
	char *end;
	unsigned long id;

	if (argc < 4)
		return 2;
	errno = 0;
	id = strtoul(argv[2], &end, 10);
	if (errno || *end || end == argv[2])
		return 2;
	if (setgroups(0, NULL) || setresgid(id, id, id) ||
	    setresuid(id, id, id))
		return fail("cannot change user");
	execvp(argv[3], argv + 3);
	return fail(argv[3]);
}

static int probe(void)
{
	struct ntsection_create_args c;
	long page = sysconf(_SC_PAGESIZE);
	unsigned char *view;
	int dev, sec;

	dev = open("/dev/ntsection", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return fail("open /dev/ntsection");
	memset(&c, 0, sizeof(c));
	c.size = PROBE_SIZE;
	c.protect = NTSECTION_PAGE_READWRITE;
	c.attributes = NTSECTION_SEC_COMMIT;
	c.file_fd = -1;
	c.access = NTSECTION_SECTION_ALL_ACCESS;
	sec = ioctl(dev, NTSECTION_IOC_CREATE, &c);
	if (sec < 0)
		return fail("NTSECTION_IOC_CREATE");
	view = mmap(NULL, PROBE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, sec, 0);
	if (view == MAP_FAILED)
		return fail("mmap of the section");
	for (unsigned long off = 0; off < PROBE_SIZE; off += page)
		view[off] = (unsigned char)(off / page + 1);
	for (unsigned long off = 0; off < PROBE_SIZE; off += page) {
		if (view[off] != (unsigned char)(off / page + 1)) {
			fprintf(stderr, "trinity-helper: page %lu reads %#x\n",
				off / page, view[off]);
			return 1;
		}
	}
	if (munmap(view, PROBE_SIZE))
		return fail("munmap of the view");
	if (close(sec))
		return fail("close of the section");
	close(dev);
	return 0;
}

int main(int argc, char **argv)
{
	int ret = 2;

	if (argc >= 2 && !strcmp(argv[1], "runas"))
		ret = runas(argc, argv);
	else if (argc == 2 && !strcmp(argv[1], "probe"))
		ret = probe();
	if (ret == 2)
		fprintf(stderr, "usage: trinity-helper runas UID COMMAND [ARGS...] | probe\n");
	return ret;
}
