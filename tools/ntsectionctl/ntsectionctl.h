/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntsectionctl.h - what the files of ntsectionctl share: exit codes,
 * error reporting, argument parsing helpers and the commands.
 */
#ifndef NTSECTIONCTL_H
#define NTSECTIONCTL_H

#include <stdint.h>

/* Exit codes (documented in ntsectionctl(8)). */
enum {
	EXIT_OK		= 0,
	EXIT_FAIL	= 1,	/* any other failure */
	EXIT_USAGE	= 2,	/* bad command line */
	EXIT_NOENT	= 3,	/* no section of that name */
	EXIT_PERM	= 4,	/* permission denied (mode, access, protection) */
	EXIT_EXISTS	= 5,	/* create: the name exists */
	EXIT_NODEV	= 6,	/* the module is not loaded */
	EXIT_INVAL	= 7,	/* the module refused an argument */
	EXIT_NOMEM	= 8,	/* out of memory or a section limit reached */
};

/* One line of /proc/ntsection/sections, the name unescaped. */
struct ctl_section {
	char name[256 * 4 + 1];
	unsigned int name_len;
	int named;
	uint64_t size;
	uint32_t protect, attributes;
	unsigned long owner, group, cuid, cgid;
	unsigned int mode;
	long handles, views;
	uint64_t resident, swapped;
	char backing[64];
};

extern const char *prog;

/* Print "ntsectionctl: WHAT: strerror" and return the exit code for -err. */
int ctl_error(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ctl_usage(const char *help, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ctl_exit_code(int err);

int parse_size(const char *s, uint64_t *v);
int parse_protect(const char *s, uint32_t *v);
const char *protect_name(uint32_t p);
void attributes_name(uint32_t a, char *buf, size_t len);

/* /proc/ntsection/sections: calls @fn per section; 0 or -errno */
int ctl_read_sections(int (*fn)(const struct ctl_section *, void *), void *arg);

int cmd_list(int argc, char **argv);
int cmd_stat(int argc, char **argv);
int cmd_create(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_read(int argc, char **argv);
int cmd_write(int argc, char **argv);

#endif /* NTSECTIONCTL_H */
