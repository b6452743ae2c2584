# SPDX-License-Identifier: GPL-2.0
#
# ntsection - Windows NT section objects for Linux.
#
#   make                 ntsection.ko for every target kernel, and the selftests
#   make KVER=6.12       the module for one kernel (6.1, 6.12, debug or a release)
#   make debug-kernel    build (or find cached) the KASAN/lockdep debug kernel
#   make kcsan-kernel    build (or find cached) the KCSAN kernel of the data-race lane
#   make check           every test, in QEMU guests of 6.1, 6.12, debug and kcsan
#   make soak            the fuzzers (trinity, nsfuzz) and the KCSAN lane, an hour each
#   make demo            a narrated tour in a guest
#   make bench           benchmarks against native mmap, memfd, POSIX and SysV shm
#   make lint            checkpatch, sparse (C=1) and W=1 on the module
#   make deps            install the Debian packages the above need
#
# Nothing here ever builds against or loads into the host's running kernel.

ROOT    := $(CURDIR)
BUILD   := $(ROOT)/build
# The debug and KCSAN kernels are targets once they are built (make
# debug-kernel, make kcsan-kernel).
KERNELS ?= 6.1 6.12 $(shell tools/testing/vm/debug-kernel --print >/dev/null 2>&1 && echo debug) \
	$(shell tools/testing/vm/debug-kernel --kcsan --print >/dev/null 2>&1 && echo kcsan)
CHECK_KERNELS ?= 6.1 6.12 debug kcsan
TARGETS := $(or $(KVER),$(KERNELS))
SRCTAR  := /usr/src/linux-source-6.1.tar.xz
KSRC    := $(BUILD)/linux-source
KSFT    := $(KSRC)/tools/testing/selftests

# Warnings are errors in our own code; W=1 is the default build.
KBUILD_ARGS := W=1 KCFLAGS=-Werror CONFIG_DEBUG_INFO_BTF_MODULES=

.PHONY: all modules selftests tools bench lib lib-tests ntsectionctl man install dkms-source \
	check soak demo lint deps kernels debug-kernel kcsan-kernel clean powercut FORCE
all: modules selftests lib lib-tests ntsectionctl

PREFIX ?= /usr/local
DESTDIR ?=
# make install's directories: LIBDIR may be multiarch (/usr/lib/x86_64-linux-gnu)
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
# ntsectionctl is static (the guests have no libc); LINK=shared links it
# against libntsection.so.0 instead (the Debian package).
NTSECTIONCTL_LINK ?= static

deps:
	@tools/testing/deps

# One build directory per kernel release (tools/testing/build-module):
# build/modules/<release>/ntsection.ko.
modules: $(addprefix module-,$(TARGETS))

module-%: FORCE
	@tools/testing/build-module $* $(KBUILD_ARGS)

# The kselftest harness and checkpatch come from Debian's linux-source
# package, extracted at build time and never committed.
$(KSFT)/kselftest_harness.h $(KSRC)/scripts/checkpatch.pl: $(SRCTAR)
	@echo "  EXTRACT $(notdir $(SRCTAR)) (kselftest harness, checkpatch)"
	@rm -rf $(KSRC) && mkdir -p $(KSRC)
	@tar -xJf $(SRCTAR) -C $(KSRC) --strip-components=1 \
		linux-source-6.1/tools/testing/selftests/kselftest.h \
		linux-source-6.1/tools/testing/selftests/kselftest_harness.h \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
	@touch $(KSFT)/kselftest_harness.h $(KSRC)/scripts/checkpatch.pl

$(SRCTAR):
	@echo "$(SRCTAR) is missing: run 'make deps'" >&2; exit 1

selftests: $(KSFT)/kselftest_harness.h
	@$(MAKE) -s -C selftests/ntsection OUTPUT=$(BUILD)/selftests/ntsection \
		KSFT_INCLUDE=$(KSFT) UAPI_INCLUDE=$(ROOT)/uapi

# libntsection (static and shared) and its tests, built for the guests.
lib:
	@$(MAKE) -s -C tools/lib OUTPUT=$(BUILD)/lib UAPI_INCLUDE=$(ROOT)/uapi

lib-tests: lib ntsectionctl
	@$(MAKE) -s -C tools/lib/tests OUTPUT=$(BUILD)/lib-tests LIBOUT=$(BUILD)/lib \
		UAPI_INCLUDE=$(ROOT)/uapi
	@cp $(BUILD)/ntsectionctl/ntsectionctl tools/ntsectionctl/test.sh \
		tools/testing/tap.sh $(BUILD)/lib-tests/

ntsectionctl: lib
	@$(MAKE) -s -C tools/ntsectionctl OUTPUT=$(BUILD)/ntsectionctl LIBOUT=$(BUILD)/lib \
		UAPI_INCLUDE=$(ROOT)/uapi LINK=$(NTSECTIONCTL_LINK)

# Headers, libraries, ntsection.pc, ntsectionctl and man pages under $(PREFIX)
# (or LIBDIR, INCLUDEDIR, SBINDIR, MANDIR), below DESTDIR.
install: lib ntsectionctl
	@$(MAKE) -s -C tools/lib install OUTPUT=$(BUILD)/lib UAPI_INCLUDE=$(ROOT)/uapi \
		PREFIX=$(PREFIX) LIBDIR=$(LIBDIR) INCLUDEDIR=$(INCLUDEDIR) DESTDIR=$(DESTDIR)
	@$(MAKE) -s -C tools/ntsectionctl install OUTPUT=$(BUILD)/ntsectionctl \
		LIBOUT=$(BUILD)/lib PREFIX=$(PREFIX) SBINDIR=$(SBINDIR) DESTDIR=$(DESTDIR) \
		LINK=$(NTSECTIONCTL_LINK)
	@for s in 3 4 8; do install -d $(DESTDIR)$(MANDIR)/man$$s && \
		install -m 644 man/man$$s/*.$$s $(DESTDIR)$(MANDIR)/man$$s/ || exit 1; done
	@# a link per Win32 name: `man CreateFileMappingA` opens winsection(3)
	@tools/lib/man-links | while read -r name page; do \
		echo ".so man3/$$page" >$(DESTDIR)$(MANDIR)/man3/$$name.3 || exit 1; done
	@echo "  INSTALL $(DESTDIR)$(PREFIX): include/{ntsection,winsection,linux/ntsection}.h," \
		"lib/libntsection.{a,so}, lib/pkgconfig/ntsection.pc, sbin/ntsectionctl, share/man"

# The DKMS source set, as `dkms add` wants it in /usr/src/ntsection-<version>.
DKMS_VERSION = $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
dkms-source:
	@d=$(DESTDIR)/usr/src/ntsection-$(DKMS_VERSION) && rm -rf $$d && mkdir -p $$d && \
	cp -r dkms.conf Kbuild module uapi $$d/ && \
	echo "  DKMS    $$d (then: dkms add ntsection/$(DKMS_VERSION); dkms build ...; dkms install ...)"

# Every man page renders without warnings and every native function has one.
man:
	@tools/testing/mancheck

# Built outside the repository and cached: see tools/testing/vm/debug-kernel.
debug-kernel: deps
	@tools/testing/vm/debug-kernel >/dev/null

kcsan-kernel: deps
	@tools/testing/vm/debug-kernel --kcsan >/dev/null

# Fetch (or update) Debian's kernels in the cache; every build and guest
# boot after that uses the cached trees.
kernels: deps
	@for k in $(filter-out debug kcsan,$(CHECK_KERNELS)); do \
		tools/testing/vm/debian-kernel $$k >/dev/null || exit 1; done

# The host's /boot, /lib/modules and kernel packages are recorded first
# and compared last (tools/testing/host-state): make check installs tools,
# never a kernel.
check:
	@tools/testing/host-state save $(BUILD)/host-state.before
	@$(MAKE) -s deps kernels $(if $(filter debug,$(CHECK_KERNELS)),debug-kernel) \
		$(if $(filter kcsan,$(CHECK_KERNELS)),kcsan-kernel)
	@$(MAKE) -s all tools fuzz KERNELS="$(CHECK_KERNELS)"
	@tools/testing/check $(CHECK_KERNELS)

# The fuzzers and the KCSAN lane of make check, each for an hour
# (NTSECTION_FUZZ_SECONDS, default 3600; NTSECTION_SEED=S replays a seed).
soak:
	@$(MAKE) -s deps debug-kernel kcsan-kernel
	@$(MAKE) -s module-debug module-kcsan selftests fuzz
	@NTSECTION_FUZZ_SECONDS=$${NTSECTION_FUZZ_SECONDS:-3600} tools/testing/check --soak

# Guest programs outside the selftests, static so the busybox guests can
# run them, built with one set of flags against libntsection: the demo's
# tour (a Win32-style program) and the benchmark (make bench).
GUEST_CFLAGS := -O2 -Wall -Wextra -Werror -static -I$(ROOT)/tools/lib \
		-I$(ROOT)/tools/lib/win32 -I$(ROOT)/uapi
tools: $(BUILD)/tools/bench

$(BUILD)/guest/tour: tools/testing/vm/guest/tour.c tools/lib/win32/winsection.h lib
$(BUILD)/tools/bench: tools/testing/bench/bench.c tools/lib/ntsection.h \
		     selftests/ntsection/smaps.h lib
$(BUILD)/guest/tour $(BUILD)/tools/bench:
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -o $@ $< $(BUILD)/lib/libntsection.a

# Not part of make check: one 2-CPU guest of the 6.1 kernel; the table,
# build/bench/bench.json and build/bench/bench.png (see tools/testing/bench/run).
bench: deps
	@tools/testing/deps --bench
	@$(MAKE) -s module-6.1 selftests lib $(BUILD)/tools/bench
	@tools/testing/bench/run

# Both halves of the power-cut test (tools/testing/vm/powercut) are a selftests
# program, selftests/ntsection/powercut.c.
powercut: selftests

# The trinity lane (tools/testing/fuzz/trinity.sh, run in a guest): Debian's
# trinity, an LD_PRELOAD shim that turns its initial mappings into views and
# its victim files into section handles (links only libc, uses the UAPI
# header), and a static helper (runas, probe), all in build/fuzz/.
#   tools/testing/vm/run --kernel debug --add build/fuzz -- /extra/fuzz/trinity.sh 110
TRINITY_CFLAGS := -O2 -g -Wall -Wextra -Werror -I$(ROOT)/uapi
TRINITY_FILES := $(addprefix $(BUILD)/fuzz/,trinity-shim.so trinity-helper trinity \
		 trinity.sh tap.sh)
.PHONY: fuzz
fuzz: $(TRINITY_FILES)

$(BUILD)/fuzz/trinity-shim.so: tools/testing/fuzz/trinity-shim.c uapi/linux/ntsection.h
	@mkdir -p $(dir $@)
	$(CC) $(TRINITY_CFLAGS) -fPIC -shared -fvisibility=hidden -o $@ $<

$(BUILD)/fuzz/trinity-helper: tools/testing/fuzz/trinity-helper.c uapi/linux/ntsection.h
	@mkdir -p $(dir $@)
	$(CC) $(TRINITY_CFLAGS) -static -o $@ $<

$(BUILD)/fuzz/trinity: /usr/bin/trinity
$(BUILD)/fuzz/trinity.sh: tools/testing/fuzz/trinity.sh
$(BUILD)/fuzz/tap.sh: tools/testing/tap.sh
$(BUILD)/fuzz/trinity $(BUILD)/fuzz/trinity.sh $(BUILD)/fuzz/tap.sh:
	@mkdir -p $(dir $@)
	@cp $< $@

/usr/bin/trinity:
	@echo "/usr/bin/trinity is missing: run 'make deps'" >&2; exit 1

# nsfuzz: the structure-aware fuzzer of the module's interface
# (tools/testing/fuzz/nsfuzz.c), static for the guests:
#   tools/testing/vm/run --add build/fuzz -- /extra/fuzz/nsfuzz --seconds 100
NSFUZZ_SRCS := tools/testing/fuzz/nsfuzz.c tools/testing/fuzz/nsfuzz-ops.c
NSFUZZ_HDRS := tools/testing/fuzz/nsfuzz.h uapi/linux/ntsection.h selftests/ntsection/live.h
NSFUZZ_CFLAGS := -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE -static -pthread \
		 -I$(ROOT)/uapi -I$(ROOT)/selftests/ntsection
fuzz: $(BUILD)/fuzz/nsfuzz

$(BUILD)/fuzz/nsfuzz: $(NSFUZZ_SRCS) $(NSFUZZ_HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC      $(notdir $@)"
	@$(CC) $(NSFUZZ_CFLAGS) -o $@ $(NSFUZZ_SRCS)

demo: deps
	@$(MAKE) -s module-6.1 selftests lib ntsectionctl $(BUILD)/guest/tour
	@tools/testing/vm/demo

lint: $(KSRC)/scripts/checkpatch.pl
	@tools/testing/lint $(KSRC)/scripts/checkpatch.pl

clean:
	rm -rf $(BUILD)

FORCE:
