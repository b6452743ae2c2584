// SPDX-License-Identifier: GPL-2.0
/*
 * list.c - the commands that read /proc/ntsection/sections: list (a
 * table like ipcs -m, or JSON) and stat (totals, live sections, limits).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ntsection.h>

#include "ntsectionctl.h"

#define SECTIONS	"/proc/ntsection/sections"
#define PARAMS		"/sys/module/ntsection/parameters/"
#define LIVE		"/sys/kernel/debug/ntsection/live_sections"

/* Undo the listing's \ooo escapes; "-" alone is an unnamed section. */
static void unescape(const char *s, struct ctl_section *sec)
{
	unsigned int n = 0;

	sec->named = strcmp(s, "-") != 0;
	while (sec->named && *s && n < sizeof(sec->name) - 1) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			sec->name[n++] = (char)((s[1] - '0') * 64 +
						(s[2] - '0') * 8 + (s[3] - '0'));
			s += 4;
		} else {
			sec->name[n++] = *s++;
		}
	}
	sec->name[n] = 0;
	sec->name_len = n;
}

int ctl_read_sections(int (*fn)(const struct ctl_section *, void *), void *arg)
{
	char line[2048], name[1100];
	struct ctl_section sec;
	int r = 0, first = 1;
	FILE *f;

	f = fopen(SECTIONS, "re");
	if (!f)
		return errno == ENOENT ? -ENODEV : -errno;
	while (!r && fgets(line, sizeof(line), f)) {
		if (first) {	/* the header */
			first = 0;
			continue;
		}
		memset(&sec, 0, sizeof(sec));
		if (sscanf(line, "%1099s %llu %x %x %lu %lu %lu %lu %o %ld %ld %llu %llu %63s",
			   name, (unsigned long long *)&sec.size, &sec.protect,
			   &sec.attributes, &sec.owner, &sec.group, &sec.cuid,
			   &sec.cgid, &sec.mode, &sec.handles, &sec.views,
			   (unsigned long long *)&sec.resident,
			   (unsigned long long *)&sec.swapped, sec.backing) != 14)
			continue;
		unescape(name, &sec);
		r = fn(&sec, arg);
	}
	fclose(f);
	return r;
}

/* The name as the listing shows it: printable, others as \ooo. */
static void print_name(FILE *out, const struct ctl_section *s, int width)
{
	unsigned int i;
	int n = 0;

	if (!s->named) {
		fprintf(out, "%-*s", width, "-");
		return;
	}
	for (i = 0; i < s->name_len; i++) {
		unsigned char c = s->name[i];

		if (c > ' ' && c <= '~' && c != '\\')
			n += fprintf(out, "%c", c);
		else
			n += fprintf(out, "\\%03o", c);
	}
	if (n < width)
		fprintf(out, "%*s", width - n, "");
}

static void print_json_string(const char *s, unsigned int len)
{
	unsigned int i;

	putchar('"');
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);	/* bytes as code points */
		else
			putchar(c);
	}
	putchar('"');
}

static int show_row(const struct ctl_section *s, void *arg)
{
	char attrs[96];

	(void)arg;
	attributes_name(s->attributes, attrs, sizeof(attrs));
	print_name(stdout, s, 24);
	printf(" %12llu %-22s %-24s %6lu %6lu %04o %7ld %5ld %8llu %7llu %s\n",
	       (unsigned long long)s->size, protect_name(s->protect), attrs,
	       s->owner, s->group, s->mode, s->handles, s->views,
	       (unsigned long long)s->resident, (unsigned long long)s->swapped,
	       s->backing);
	return 0;
}

static int show_json(const struct ctl_section *s, void *arg)
{
	int *count = arg;
	char attrs[96];

	attributes_name(s->attributes, attrs, sizeof(attrs));
	printf("%s\n  {\"name\": ", (*count)++ ? "," : "");
	if (s->named)
		print_json_string(s->name, s->name_len);
	else
		printf("null");
	printf(", \"size\": %llu, \"protect\": \"%s\", \"protect_value\": %u, "
	       "\"attributes\": \"%s\", \"attributes_value\": %u, "
	       "\"owner\": %lu, \"group\": %lu, \"cuid\": %lu, \"cgid\": %lu, "
	       "\"mode\": \"%04o\", \"handles\": %ld, \"views\": %ld, "
	       "\"resident_pages\": %llu, \"swapped_pages\": %llu, "
	       "\"backing\": \"%s\"}",
	       (unsigned long long)s->size, protect_name(s->protect), s->protect,
	       attrs, s->attributes, s->owner, s->group, s->cuid, s->cgid,
	       s->mode, s->handles, s->views, (unsigned long long)s->resident,
	       (unsigned long long)s->swapped, s->backing);
	return 0;
}

static const char list_help[] =
"usage: ntsectionctl list [--json]\n"
"\n"
"The live sections of this IPC namespace, named or not, from\n"
SECTIONS ": name, size in bytes, protection, attributes,\n"
"owner, group, mode, open handles, mapped views, resident and swapped\n"
"pages, backing (pagefile, or MAJOR:MINOR:INODE of the file).\n"
"\n"
"  --json   a JSON array of objects, one per section, with the same fields\n"
"           and the creator's cuid and cgid\n";

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, c, r, count = 0;

	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			fputs(list_help, stdout);
			return EXIT_OK;
		default:
			return ctl_usage(list_help, "bad option");
		}
	}
	if (optind != argc)
		return ctl_usage(list_help, "list takes no arguments");
	if (access(SECTIONS, R_OK))
		return ctl_error(ENODEV, "%s (is ntsection.ko loaded?)", SECTIONS);
	if (json) {
		printf("[");
		r = ctl_read_sections(show_json, &count);
		printf("%s]\n", count ? "\n" : "");
	} else {
		printf("------ NT Sections --------\n");
		printf("%-24s %12s %-22s %-24s %6s %6s %4s %7s %5s %8s %7s %s\n",
		       "name", "bytes", "protect", "attributes", "owner",
		       "group", "mode", "handles", "views", "resident",
		       "swapped", "backing");
		r = ctl_read_sections(show_row, NULL);
	}
	if (r < 0)
		return ctl_error(-r, "%s", SECTIONS);
	return EXIT_OK;
}

struct totals {
	long sections, named, handles, views;
	unsigned long long bytes, resident, swapped, file_backed;
};

static int add_totals(const struct ctl_section *s, void *arg)
{
	struct totals *t = arg;

	t->sections++;
	t->named += s->named;
	t->handles += s->handles;
	t->views += s->views;
	t->bytes += s->size;
	t->resident += s->resident;
	t->swapped += s->swapped;
	t->file_backed += strcmp(s->backing, "pagefile") != 0;
	return 0;
}

static void print_file(const char *label, const char *path)
{
	char buf[64] = "?";
	FILE *f = fopen(path, "re");

	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			strcpy(buf, "?");
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = 0;
	printf("%-24s %s\n", label, buf);
}

static const char stat_help[] =
"usage: ntsectionctl stat\n"
"\n"
"Totals over the sections of this IPC namespace (count, named, bytes,\n"
"handles, views, resident and swapped pages), the live sections of every\n"
"namespace (" LIVE ", root only; \"?\"\n"
"otherwise), and the module's limits\n"
"(" PARAMS "max_sections, max_sections_per_user, max_section_size).\n";

int cmd_stat(int argc, char **argv)
{
	struct totals t;
	long page = sysconf(_SC_PAGESIZE);
	int r;

	(void)argv;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(stat_help, stdout);
		return EXIT_OK;
	}
	if (argc > 1)
		return ctl_usage(stat_help, "stat takes no arguments");
	memset(&t, 0, sizeof(t));
	r = ctl_read_sections(add_totals, &t);
	if (r < 0)
		return ctl_error(-r, "%s (is ntsection.ko loaded?)", SECTIONS);
	printf("------ NT Sections Status --------\n");
	printf("%-24s %ld\n", "sections", t.sections);
	printf("%-24s %ld\n", "named", t.named);
	printf("%-24s %llu\n", "file-backed", t.file_backed);
	printf("%-24s %llu\n", "bytes", t.bytes);
	printf("%-24s %ld\n", "handles", t.handles);
	printf("%-24s %ld\n", "views", t.views);
	printf("%-24s %llu (%llu KiB)\n", "resident pages", t.resident,
	       t.resident * page / 1024);
	printf("%-24s %llu (%llu KiB)\n", "swapped pages", t.swapped,
	       t.swapped * page / 1024);
	print_file("live (all namespaces)", LIVE);
	print_file("max_sections", PARAMS "max_sections");
	print_file("max_sections_per_user", PARAMS "max_sections_per_user");
	print_file("max_section_size", PARAMS "max_section_size");
	return EXIT_OK;
}
