// SPDX-License-Identifier: GPL-2.0
/*
 * tour.c - the narrated part of `make demo`, run inside a guest: section
 * objects through the raw UAPI (uapi/linux/ntsection.h).
 *
 *   1. a pagefile-backed section shared by two processes; the writer is
 *      SIGKILLed mid-write and the reader still sees every published byte;
 *   2. a read-only duplicate of the handle cannot map a writable view;
 *   3. a file-backed section: writes through a view are in read(2) at once
 *      and reach the disk after a flush.
 *
 * Exit status 0 when every step behaved as narrated, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/ntsection.h>

#define SECTION_SIZE	(1 << 20)

static int failures;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void check(int ok, const char *what)
{
	say("   %s %s", ok ? "[ok]  " : "[FAIL]", what);
	if (!ok)
		failures++;
}

static int create(int dev, uint64_t size, uint32_t protect, int file_fd)
{
	struct ntsection_create_args a = {
		.size = size, .protect = protect, .file_fd = file_fd,
		.access = NTSECTION_SECTION_ALL_ACCESS,
	};

	return ioctl(dev, NTSECTION_IOC_CREATE, &a);
}

static void shared_and_killed(int dev)
{
	volatile uint64_t *published;
	uint64_t *view, n, bad = 0;
	int fd, i;
	pid_t pid;

	say("\n1. A pagefile-backed section of 1 MiB, shared by a writer that is killed");
	fd = create(dev, SECTION_SIZE, NTSECTION_PAGE_READWRITE, -1);
	if (fd < 0) {
		check(0, "create the section");
		return;
	}
	published = mmap(NULL, sizeof(*published), PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid = fork();
	if (pid == 0) {
		uint64_t *w = mmap(NULL, SECTION_SIZE, PROT_READ | PROT_WRITE,
				   MAP_SHARED, fd, 0);

		close(fd);	/* the writer keeps only its view */
		for (n = 0;; n = (n + 1) % (SECTION_SIZE / 8)) {
			w[n] = 0x5ec7100000000000ull + n;
			*published = n + 1;
		}
	}
	while (*published < 50000)
		usleep(1000);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	n = *published;
	say("   the writer (pid %d) published %llu words, then got SIGKILL", pid,
	    (unsigned long long)n);

	view = mmap(NULL, SECTION_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	for (i = 0; view != MAP_FAILED && (uint64_t)i < n && i < SECTION_SIZE / 8; i++)
		bad += view[i] != 0x5ec7100000000000ull + i;
	check(view != MAP_FAILED && !bad,
	      "a fresh view through the surviving handle shows every published word");
	munmap(view, SECTION_SIZE);
	close(fd);
}

static void read_only_handle(int dev)
{
	struct ntsection_dup_args d = { .access = NTSECTION_SECTION_MAP_READ };
	int fd, ro;
	void *p;

	say("\n2. A handle duplicated with SECTION_MAP_READ only");
	fd = create(dev, SECTION_SIZE, NTSECTION_PAGE_READWRITE, -1);
	ro = fd < 0 ? -1 : ioctl(fd, NTSECTION_IOC_DUPLICATE, &d);
	if (ro < 0) {
		check(0, "create and duplicate");
		return;
	}
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
	say("   mmap(PROT_READ|PROT_WRITE, MAP_SHARED) -> %s",
	    p == MAP_FAILED ? strerror(errno) : "a writable view");
	check(p == MAP_FAILED && errno == EACCES, "a writable view is refused (EACCES)");
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, 0);
	check(p != MAP_FAILED, "a read-only view is fine");
	if (p != MAP_FAILED && mprotect(p, 4096, PROT_READ | PROT_WRITE) == 0)
		check(0, "mprotect cannot make it writable");
	else
		check(errno == EACCES, "mprotect cannot make it writable (EACCES)");
	close(ro);
	close(fd);
}

static void file_backed(int dev)
{
	const char *path = "/mnt/scratch/tour.dat";
	struct ntsection_flush_args f = { 0 };
	char buf[64] = "";
	int file, fd;
	char *view;

	say("\n3. A file-backed section of %s", path);
	file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (file < 0 || ftruncate(file, 4096)) {
		check(0, "create the file");
		return;
	}
	fd = create(dev, 0, NTSECTION_PAGE_READWRITE, file);
	view = fd < 0 ? MAP_FAILED :
	       mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (view == MAP_FAILED) {
		check(0, "create and map the section");
		return;
	}
	strcpy(view, "written through a section view");
	check(pread(file, buf, sizeof(buf) - 1, 0) > 0 && !strcmp(buf, view),
	      "read(2) of the file sees the view's write at once");
	say("   read(2): \"%s\"", buf);
	f.address = (uintptr_t)view;
	check(ioctl(dev, NTSECTION_IOC_FLUSH, &f) == 0 && fsync(file) == 0,
	      "NTSECTION_IOC_FLUSH + fsync write it to the disk");
	munmap(view, 4096);
	close(fd);
	close(file);
}

int main(void)
{
	int dev = open("/dev/ntsection", O_RDWR | O_CLOEXEC);

	if (dev < 0) {
		perror("/dev/ntsection");
		return 1;
	}
	shared_and_killed(dev);
	read_only_handle(dev);
	file_backed(dev);
	close(dev);
	say("\n%s", failures ? "Some steps did not behave as narrated." :
	    "Every step behaved as narrated.");
	return failures ? 1 : 0;
}
