// SPDX-License-Identifier: GPL-2.0
/*
 * section.c - the commands that work on one named section: create (and
 * hold it open, since a name lives only while a handle does), info, read
 * (a hexdump through a read-only view) and write (through a shared view).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <ntsection.h>

#include "ntsectionctl.h"

static int dev_or_fail(void)
{
	int dev = ntsection_open_device();

	if (dev < 0)
		return -ctl_error(-dev == ENOENT ? ENODEV : -dev,
				  "%s (is ntsection.ko loaded?)", NTSECTION_DEVICE);
	return dev;
}

/* Open NAME with @access; the handle, or -(exit code) after a message. */
static int open_name(const char *name, uint32_t access)
{
	int dev = dev_or_fail(), fd;

	if (dev < 0)
		return dev;
	fd = ntsection_open(dev, name, access, 0);
	close(dev);
	if (fd == -ENOENT) {
		fprintf(stderr, "%s: no section named '%s' in this IPC namespace\n",
			prog, name);
		return -EXIT_NOENT;
	}
	if (fd < 0)
		return -ctl_error(-fd, "open '%s'", name);
	return fd;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static const char create_help[] =
"usage: ntsectionctl create NAME --size N [--protect P] [--mode M]\n"
"                          [--file PATH] [--reserve] [--hold SECONDS]\n"
"\n"
"Create the named section NAME and hold its handle open: a name lives only\n"
"while a handle to it is open.  Fails with exit status 5 if NAME exists.\n"
"\n"
"  --size N        bytes, with an optional K, M, G suffix (0 with --file:\n"
"                  the file's size)\n"
"  --protect P     PAGE_READONLY (ro), PAGE_READWRITE (rw, the default),\n"
"                  PAGE_WRITECOPY (wc), PAGE_EXECUTE_READ (rx),\n"
"                  PAGE_EXECUTE_READWRITE (rwx), PAGE_EXECUTE_WRITECOPY (wcx)\n"
"  --mode M        permission bits, octal (default 0600)\n"
"  --file PATH     back the section with PATH (opened read-write for\n"
"                  writable protections, else read-only), not the pagefile\n"
"  --reserve       SEC_RESERVE instead of SEC_COMMIT\n"
"  --hold SECONDS  hold the section that long, then exit (0: exit at once,\n"
"                  and the name goes with it); default: until SIGINT or\n"
"                  SIGTERM\n";

int cmd_create(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "protect", required_argument, NULL, 'p' },
		{ "mode", required_argument, NULL, 'm' },
		{ "file", required_argument, NULL, 'f' },
		{ "reserve", no_argument, NULL, 'r' },
		{ "hold", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint32_t protect = NTSECTION_PAGE_READWRITE, attributes = 0;
	long mode = -1, hold = -1;
	const char *file = NULL, *name;
	struct ntsection_create_args a;
	struct ntsection_info info;
	int have_size = 0, c, dev, fd, file_fd = -1;
	uint64_t size = 0;
	char *end;

	while ((c = getopt_long(argc, argv, "s:p:m:f:rH:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_size(optarg, &size))
				return ctl_usage(create_help, "bad size '%s'", optarg);
			have_size = 1;
			break;
		case 'p':
			if (parse_protect(optarg, &protect))
				return ctl_usage(create_help, "bad protection '%s'", optarg);
			break;
		case 'm':
			mode = strtol(optarg, &end, 8);
			if (*end || mode < 0 || mode > 0777)
				return ctl_usage(create_help, "bad mode '%s' (octal, 0-0777)", optarg);
			break;
		case 'f':
			file = optarg;
			break;
		case 'r':
			attributes = NTSECTION_SEC_RESERVE;
			break;
		case 'H':
			hold = strtol(optarg, &end, 10);
			if (*end || hold < 0)
				return ctl_usage(create_help, "bad --hold '%s'", optarg);
			break;
		case 'h':
			fputs(create_help, stdout);
			return EXIT_OK;
		default:
			return ctl_usage(create_help, "bad option");
		}
	}
	if (optind + 1 != argc)
		return ctl_usage(create_help, "create needs exactly one NAME");
	name = argv[optind];
	if (!have_size && !file)
		return ctl_usage(create_help, "--size is needed");
	if (file) {
		int writable = protect == NTSECTION_PAGE_READWRITE ||
			       protect == NTSECTION_PAGE_EXECUTE_READWRITE;

		file_fd = open(file, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);
		if (file_fd < 0)
			return ctl_error(errno, "%s", file);
	}
	dev = dev_or_fail();
	if (dev < 0)
		return -dev;
	ntsection_create_init(&a, size, protect, file_fd,
			      NTSECTION_SECTION_ALL_ACCESS);
	a.attributes = attributes;
	a.flags = NTSECTION_CREATE_NEW;
	ntsection_create_set_name(&a, name);
	if (mode >= 0)
		ntsection_create_set_mode(&a, mode);
	fd = ntsection_create(dev, &a);
	close(dev);
	if (file_fd >= 0)
		close(file_fd);
	if (fd == -EEXIST) {
		fprintf(stderr, "%s: a section named '%s' exists already\n", prog, name);
		return EXIT_EXISTS;
	}
	if (fd < 0)
		return ctl_error(-fd, "create '%s'", name);
	ntsection_query(fd, &info);
	printf("created '%s': %llu bytes, %s, mode %04o, %s\n", name,
	       (unsigned long long)info.size, protect_name(info.protect),
	       info.mode, file ? file : "pagefile-backed");
	if (hold < 0)
		printf("holding it until interrupted (SIGINT or SIGTERM)\n");
	else if (hold > 0)
		printf("holding it for %ld s\n", hold);
	fflush(stdout);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!stop && hold != 0) {
		sleep(1);
		if (hold > 0)
			hold--;
	}
	close(fd);
	return EXIT_OK;
}

static const char info_help[] =
"usage: ntsectionctl info NAME\n"
"\n"
"Everything NTSECTION_IOC_QUERY says about the named section NAME: size,\n"
"protection, attributes, owner, group, creator, mode, handles, views,\n"
"committed bytes, resident and swapped pages and backing.  Needs read\n"
"permission.\n";

int cmd_info(int argc, char **argv)
{
	struct ntsection_info info;
	char attrs[96];
	int fd, r;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(info_help, stdout);
		return EXIT_OK;
	}
	if (argc != 2 || argv[1][0] == '-')
		return ctl_usage(info_help, "info needs exactly one NAME");
	fd = open_name(argv[1], NTSECTION_SECTION_QUERY);
	if (fd < 0)
		return -fd;
	r = ntsection_query(fd, &info);
	if (r < 0)
		return ctl_error(-r, "query '%s'", argv[1]);
	attributes_name(info.attributes, attrs, sizeof(attrs));
	printf("name        %s\n", argv[1]);
	printf("size        %llu\n", (unsigned long long)info.size);
	printf("protect     %s (%#x)\n", protect_name(info.protect), info.protect);
	printf("attributes  %s (%#x)\n", attrs, info.attributes);
	printf("owner       %u:%u\n", info.uid, info.gid);
	printf("creator     %u:%u\n", info.cuid, info.cgid);
	printf("mode        %04o\n", info.mode);
	printf("handles     %u (this one included)\n", info.handles);
	printf("views       %u\n", info.views);
	printf("committed   %llu\n", (unsigned long long)info.committed);
	printf("resident    %llu pages\n", (unsigned long long)info.resident_pages);
	printf("swapped     %llu pages\n", (unsigned long long)info.swapped_pages);
	if (info.attributes & NTSECTION_SEC_FILE)
		printf("backing     file %u:%u inode %llu\n", info.dev_major,
		       info.dev_minor, (unsigned long long)info.ino);
	else
		printf("backing     pagefile\n");
	close(fd);
	return EXIT_OK;
}

/* Map [off, off + len) of @fd; the address of byte off, or NULL. */
static char *map_range(int fd, uint64_t off, uint64_t len, int prot,
		       void **base, size_t *maplen)
{
	uint64_t page = sysconf(_SC_PAGESIZE), start = off & ~(page - 1);
	char *p;

	*maplen = off + len - start;
	p = mmap(NULL, *maplen, prot, MAP_SHARED, fd, start);
	if (p == MAP_FAILED)
		return NULL;
	*base = p;
	return p + (off - start);
}

struct range_opts {
	uint64_t offset, length;
	int have_length, fill;
	const char *help;
};

static int parse_range(int argc, char **argv, struct range_opts *r,
		       int with_fill)
{
	static const struct option opts[] = {
		{ "offset", required_argument, NULL, 'o' },
		{ "length", required_argument, NULL, 'l' },
		{ "fill", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t v;
	int c;

	r->fill = -1;
	while ((c = getopt_long(argc, argv, "o:l:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (parse_size(optarg, &r->offset))
				return ctl_usage(r->help, "bad offset '%s'", optarg);
			break;
		case 'l':
			if (parse_size(optarg, &r->length))
				return ctl_usage(r->help, "bad length '%s'", optarg);
			r->have_length = 1;
			break;
		case 'f':
			if (!with_fill || parse_size(optarg, &v) || v > 255)
				return ctl_usage(r->help, "bad --fill '%s' (a byte, 0-255)", optarg);
			r->fill = (int)v;
			break;
		case 'h':
			fputs(r->help, stdout);
			return -1;
		default:
			return ctl_usage(r->help, "bad option");
		}
	}
	return 0;
}

static void hexdump(const unsigned char *p, uint64_t len, uint64_t base)
{
	uint64_t i, j;

	for (i = 0; i < len; i += 16) {
		printf("%08llx  ", (unsigned long long)(base + i));
		for (j = 0; j < 16; j++) {
			if (i + j < len)
				printf("%02x ", p[i + j]);
			else
				printf("   ");
			if (j == 7)
				putchar(' ');
		}
		printf(" |");
		for (j = 0; j < 16 && i + j < len; j++)
			putchar(p[i + j] >= 0x20 && p[i + j] < 0x7f ? p[i + j] : '.');
		printf("|\n");
	}
	printf("%08llx\n", (unsigned long long)(base + len));
}

/*
 * Hexdump @len bytes at @p, section offset @off, of a view: the pages of
 * a SEC_RESERVE section that are not committed (touching them would raise
 * SIGSEGV) are one line each run.
 */
static int dump_view(const char *p, uint64_t len, uint64_t off)
{
	struct ntsection_view_query_args q;
	uint64_t n;
	int e;

	while (len) {
		e = ntsection_view_query(NTSECTION_DEV_DEFAULT, p, &q);
		if (e < 0)
			return e;
		n = q.region_start + q.region_length - (uintptr_t)p;
		if (n > len)
			n = len;
		if (q.region_state == NTSECTION_REGION_RESERVED)
			printf("%08llx  reserved, not committed: %llu bytes\n",
			       (unsigned long long)off, (unsigned long long)n);
		else
			hexdump((const unsigned char *)p, n, off);
		p += n;
		off += n;
		len -= n;
	}
	return 0;
}

static const char read_help[] =
"usage: ntsectionctl read NAME [--offset N] [--length N]\n"
"\n"
"Hexdump (like hexdump -C) bytes of the named section NAME through a\n"
"read-only view: from --offset (default 0) for --length bytes (default: to\n"
"the end of the section).  Pages of a SEC_RESERVE section that are not\n"
"committed are shown as one \"reserved\" line per run.  Needs read\n"
"permission.\n";

int cmd_read(int argc, char **argv)
{
	struct range_opts r = { .help = read_help };
	struct ntsection_info info;
	size_t maplen;
	void *base;
	char *p;
	int fd, e;

	e = parse_range(argc, argv, &r, 0);
	if (e)
		return e < 0 ? EXIT_OK : e;
	if (optind + 1 != argc)
		return ctl_usage(read_help, "read needs exactly one NAME");
	fd = open_name(argv[optind], NTSECTION_SECTION_QUERY | NTSECTION_SECTION_MAP_READ);
	if (fd < 0)
		return -fd;
	e = ntsection_query(fd, &info);
	if (e < 0)
		return ctl_error(-e, "query '%s'", argv[optind]);
	if (r.offset > info.size || (r.have_length && r.length > info.size - r.offset)) {
		fprintf(stderr, "%s: the range is outside the section (%llu bytes)\n",
			prog, (unsigned long long)info.size);
		return EXIT_INVAL;
	}
	if (!r.have_length)
		r.length = info.size - r.offset;
	if (!r.length)
		return EXIT_OK;
	p = map_range(fd, r.offset, r.length, PROT_READ, &base, &maplen);
	if (!p)
		return ctl_error(errno, "map '%s'", argv[optind]);
	e = dump_view(p, r.length, r.offset);
	munmap(base, maplen);
	close(fd);
	return e < 0 ? ctl_error(-e, "query the view of '%s'", argv[optind]) :
		       EXIT_OK;
}

static const char write_help[] =
"usage: ntsectionctl write NAME [--offset N] DATA\n"
"       ntsectionctl write NAME [--offset N] --fill BYTE [--length N]\n"
"\n"
"Write into the named section NAME through a shared view: the bytes of\n"
"DATA, or BYTE (0-255) repeated for --length bytes (default: to the end\n"
"of the section), at --offset (default 0).  Needs write permission and a\n"
"writable section (PAGE_READWRITE or PAGE_EXECUTE_READWRITE): a\n"
"read-only section is exit status 4.  The pages written of a pagefile\n"
"SEC_RESERVE section are committed first (NTSECTION_IOC_COMMIT), which\n"
"charges them against the commit limit: exit status 8 beyond it.\n";

int cmd_write(int argc, char **argv)
{
	struct range_opts r = { .help = write_help };
	struct ntsection_info info;
	uint64_t committed = 0;
	const char *data = NULL;
	size_t maplen;
	void *base;
	char *p;
	int fd, e;

	e = parse_range(argc, argv, &r, 1);
	if (e)
		return e < 0 ? EXIT_OK : e;
	if (r.fill < 0 && optind + 2 == argc) {
		data = argv[optind + 1];
		r.length = strlen(data);
		if (r.have_length)
			return ctl_usage(write_help, "--length goes with --fill only");
	} else if (r.fill < 0 || optind + 1 != argc) {
		return ctl_usage(write_help, "write needs NAME and DATA, or NAME and --fill");
	}
	fd = open_name(argv[optind], NTSECTION_SECTION_QUERY |
		       NTSECTION_SECTION_MAP_READ | NTSECTION_SECTION_MAP_WRITE);
	if (fd < 0)
		return -fd;
	e = ntsection_query(fd, &info);
	if (e < 0)
		return ctl_error(-e, "query '%s'", argv[optind]);
	if (r.fill >= 0 && !r.have_length)
		r.length = r.offset < info.size ? info.size - r.offset : 0;
	if (r.offset > info.size || r.length > info.size - r.offset) {
		fprintf(stderr, "%s: the range is outside the section (%llu bytes)\n",
			prog, (unsigned long long)info.size);
		return EXIT_INVAL;
	}
	if (!r.length)
		return EXIT_OK;
	p = map_range(fd, r.offset, r.length, PROT_READ | PROT_WRITE, &base, &maplen);
	if (!p && errno == EACCES) {
		fprintf(stderr, "%s: '%s' cannot be written: its protection is %s\n",
			prog, argv[optind], protect_name(info.protect));
		return EXIT_PERM;
	}
	if (!p)
		return ctl_error(errno, "map '%s'", argv[optind]);
	if (info.attributes & NTSECTION_SEC_RESERVE) {
		/* whole pages; a pagefile section's size is whole pages */
		long page = sysconf(_SC_PAGESIZE);

		e = ntsection_commit(NTSECTION_DEV_DEFAULT, base,
				     (maplen + page - 1) & ~(page - 1),
				     &committed);
		if (e < 0)
			return ctl_error(-e, "commit the pages of '%s'",
					 argv[optind]);
	}
	if (committed)
		printf("committed %llu bytes of '%s'\n",
		       (unsigned long long)committed, argv[optind]);
	if (data)
		memcpy(p, data, r.length);
	else
		memset(p, r.fill, r.length);
	munmap(base, maplen);
	close(fd);
	printf("wrote %llu bytes at offset %llu of '%s'\n",
	       (unsigned long long)r.length, (unsigned long long)r.offset,
	       argv[optind]);
	return EXIT_OK;
}
