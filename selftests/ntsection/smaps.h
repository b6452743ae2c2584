/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smaps.h - one field of /proc/self/smaps for one mapping: how a view is
 * mapped (ShmemPmdMapped, Rss, ...).  Shared by the selftests and the
 * library's tests (tools/lib/tests); needs only libc.
 */
#ifndef NTSECTION_SMAPS_H
#define NTSECTION_SMAPS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A "Key: N kB" field of the /proc/self/smaps entry of the mapping that
 * starts at @addr, in kB, or -1.
 */
static inline long ns_smaps_kb(const void *addr, const char *key)
{
	unsigned long start, end, want = (unsigned long)addr;
	size_t len = strlen(key);
	char line[512];
	int in = 0;
	long v = -1;
	FILE *f = fopen("/proc/self/smaps", "re");

	if (!f)
		return -1;
	while (v < 0 && fgets(line, sizeof(line), f)) {
		/* a mapping's line starts with its range, a field's with
		 * a capital letter
		 */
		if ((line[0] < 'A' || line[0] > 'Z') &&
		    sscanf(line, "%lx-%lx ", &start, &end) == 2)
			in = start == want;
		else if (in && !strncmp(line, key, len) && line[len] == ':')
			v = strtol(line + len + 1, NULL, 10);
	}
	fclose(f);
	return v;
}

#endif /* NTSECTION_SMAPS_H */
