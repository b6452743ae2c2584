// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - ntsectionctl: inspect and handle ntsection's named sections
 * (like ipcs/ipcrm for SysV shared memory).  Command dispatch, messages,
 * exit codes, and the parsing shared by the commands.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ntsection.h>

#include "ntsectionctl.h"

const char *prog = "ntsectionctl";

static const char usage[] =
"usage: ntsectionctl COMMAND [ARGS...]\n"
"\n"
"Inspect and handle the sections of /dev/ntsection (Windows NT section\n"
"objects) in this IPC namespace.\n"
"\n"
"Commands:\n"
"  list [--json]           the live sections, like ipcs -m\n"
"  stat                    totals and limits\n"
"  create NAME --size N    create a named section and hold it open\n"
"  info NAME               everything about one named section\n"
"  read NAME               hexdump a named section's bytes\n"
"  write NAME              write bytes into a named section\n"
"\n"
"'ntsectionctl COMMAND --help' describes a command.  Exit status: 0 ok,\n"
"1 failure, 2 usage, 3 no such section, 4 permission denied, 5 exists,\n"
"6 module not loaded, 7 invalid argument, 8 out of memory or limits.\n"
"See ntsectionctl(8).\n";

int ctl_exit_code(int err)
{
	switch (err) {
	case ENOENT:
		return EXIT_NOENT;
	case EACCES:
	case EPERM:
		return EXIT_PERM;
	case EEXIST:
		return EXIT_EXISTS;
	case ENODEV:
	case ENXIO:
		return EXIT_NODEV;
	case EINVAL:
	case ENAMETOOLONG:
	case EFBIG:
	case ENODATA:
	case ENOEXEC:
	case EOPNOTSUPP:
		return EXIT_INVAL;
	case ENOMEM:
	case ENOSPC:
	case EMFILE:
	case ENFILE:
		return EXIT_NOMEM;
	default:
		return EXIT_FAIL;
	}
}

int ctl_error(int err, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(err));
	return ctl_exit_code(err);
}

int ctl_usage(const char *help, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", help);
	return EXIT_USAGE;
}

/* N, 0xN, with an optional K, M, G or T suffix (powers of 1024). */
int parse_size(const char *s, uint64_t *v)
{
	unsigned long long n;
	char *end;
	int shift = 0;

	if (!s || !*s || *s == '-')
		return -EINVAL;
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	}
	if (*end && strcasecmp(end, "iB") && strcasecmp(end, "B"))
		return -EINVAL;
	if (shift && n > (~0ULL >> shift))
		return -ERANGE;
	*v = (uint64_t)n << shift;
	return 0;
}

static const struct {
	const char *name, *alias;
	uint32_t value;
} protects[] = {
	{ "PAGE_READONLY", "ro", NTSECTION_PAGE_READONLY },
	{ "PAGE_READWRITE", "rw", NTSECTION_PAGE_READWRITE },
	{ "PAGE_WRITECOPY", "wc", NTSECTION_PAGE_WRITECOPY },
	{ "PAGE_EXECUTE_READ", "rx", NTSECTION_PAGE_EXECUTE_READ },
	{ "PAGE_EXECUTE_READWRITE", "rwx", NTSECTION_PAGE_EXECUTE_READWRITE },
	{ "PAGE_EXECUTE_WRITECOPY", "wcx", NTSECTION_PAGE_EXECUTE_WRITECOPY },
};

int parse_protect(const char *s, uint32_t *v)
{
	unsigned int i;

	for (i = 0; i < sizeof(protects) / sizeof(protects[0]); i++) {
		if (!strcasecmp(s, protects[i].name) ||
		    !strcasecmp(s, protects[i].name + 5) ||
		    !strcasecmp(s, protects[i].alias)) {
			*v = protects[i].value;
			return 0;
		}
	}
	return -EINVAL;
}

const char *protect_name(uint32_t p)
{
	unsigned int i;

	for (i = 0; i < sizeof(protects) / sizeof(protects[0]); i++)
		if (protects[i].value == p)
			return protects[i].name;
	return "?";
}

void attributes_name(uint32_t a, char *buf, size_t len)
{
	static const struct { uint32_t bit; const char *name; } bits[] = {
		{ NTSECTION_SEC_FILE, "SEC_FILE" },
		{ NTSECTION_SEC_IMAGE, "SEC_IMAGE" },
		{ NTSECTION_SEC_RESERVE, "SEC_RESERVE" },
		{ NTSECTION_SEC_COMMIT, "SEC_COMMIT" },
		{ NTSECTION_SEC_NOCACHE, "SEC_NOCACHE" },
		{ NTSECTION_SEC_WRITECOMBINE, "SEC_WRITECOMBINE" },
		{ NTSECTION_SEC_LARGE_PAGES, "SEC_LARGE_PAGES" },
	};
	unsigned int i;
	size_t n = 0;

	buf[0] = 0;
	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (a & bits[i].bit)
			n += snprintf(buf + n, n < len ? len - n : 0, "%s%s",
				      n ? "|" : "", bits[i].name);
	if (!n)
		snprintf(buf, len, "0");
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "list", cmd_list }, { "stat", cmd_stat },
		{ "create", cmd_create }, { "info", cmd_info },
		{ "read", cmd_read }, { "write", cmd_write },
	};
	unsigned int i;

	if (argc < 2)
		return ctl_usage(usage, "a command is needed");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	return ctl_usage(usage, "unknown command '%s'", argv[1]);
}
