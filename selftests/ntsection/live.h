/* SPDX-License-Identifier: GPL-2.0 */
/*
 * live.h - the module's test hook, the count of sections alive now in
 * every namespace (debugfs, root only).  Shared by the selftests and
 * nsfuzz (tools/testing/fuzz); needs only libc.
 */
#ifndef NTSECTION_LIVE_H
#define NTSECTION_LIVE_H

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#define NS_LIVE_PATH	"/sys/kernel/debug/ntsection/live_sections"

/* The live-section count, or -1 (no debugfs, or not root) */
static inline long ns_live(void)
{
	char buf[32] = "";
	int fd = open(NS_LIVE_PATH, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? strtol(buf, NULL, 10) : -1;
}

#endif /* NTSECTION_LIVE_H */
