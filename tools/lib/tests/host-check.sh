#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# host-check.sh - what the library's build and install promise, checked on
# the host (make check's "library-install" part): the shared library
# exports exactly libntsection.map's names, with soname libntsection.so.0;
# `make install PREFIX=...` installs the headers, libraries, ntsection.pc,
# ntsectionctl and man pages; a Win32 program builds against the install
# through pkg-config, statically and dynamically, and the dynamic one
# resolves every symbol.  Prints TAP and "# Totals:" (tools/testing/tap.sh).
set -uo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
. "$root/tools/testing/tap.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ntsection-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

so=$root/build/lib/libntsection.so
want=$(sed -n 's/^\t\([A-Za-z0-9_]*\);$/\1/p' "$root/tools/lib/libntsection.map" | sort)
got=$(nm -D --defined-only "$so" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort)
[ "$want" = "$got" ]
tap_result $? "libntsection.so exports exactly the $(echo "$want" | wc -l) names of libntsection.map"
[ "$want" = "$got" ] || diff <(echo "$want") <(echo "$got") | sed 's/^/#   /'
readelf -d "$so" | grep -q 'SONAME.*\[libntsection\.so\.0\]'
tap_result $? "its soname is libntsection.so.0"

prefix=$tmp/prefix
make -s -C "$root" install PREFIX="$prefix" >/dev/null 2>"$tmp/install.err"
tap_result $? "make install PREFIX=$prefix"
for f in include/ntsection.h include/winsection.h include/linux/ntsection.h \
	lib/libntsection.a lib/libntsection.so lib/libntsection.so.0 lib/pkgconfig/ntsection.pc \
	sbin/ntsectionctl share/man/man3/libntsection.3 share/man/man3/winsection.3 \
	share/man/man3/ntsection_create.3 share/man/man4/ntsection.4 share/man/man8/ntsectionctl.8; do
	[ -e "$prefix/$f" ]
	tap_result $? "installed $f"
done
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
cflags=$(pkg-config --cflags ntsection)
[ "${cflags% }" = "-I$prefix/include" ]
tap_result $? "pkg-config --cflags ntsection"
ex=$root/tools/lib/examples
cc -Wall -Wextra -Werror -I"$ex" -o "$tmp/fconvert-dyn" "$ex/fconvert.c" \
	$(pkg-config --cflags --libs ntsection)
tap_result $? "fconvert.c builds against the install with pkg-config (shared)"
LD_LIBRARY_PATH=$prefix/lib ldd "$tmp/fconvert-dyn" 2>&1 | grep -q "libntsection.so.0 => $prefix/lib/"
tap_result $? "... and links to the installed libntsection.so.0"
LD_LIBRARY_PATH=$prefix/lib LD_BIND_NOW=1 "$tmp/fconvert-dyn" >/dev/null 2>&1
[ $? -eq 2 ]
tap_result $? "... and runs (usage error, every symbol resolved)"
cc -static -Wall -Wextra -Werror -I"$ex" -o "$tmp/producer-static" "$ex/producer.c" \
	$(pkg-config --cflags --libs ntsection)
tap_result $? "producer.c builds statically against the install with pkg-config"
MANPATH=$prefix/share/man man -w ntsection_create_set_mode >/dev/null 2>&1
tap_result $? "man finds the installed pages (ntsection_create_set_mode)"
MANPATH=$prefix/share/man man CreateFileMappingA 2>/dev/null | grep -q '^NAME' &&
	MANPATH=$prefix/share/man man CreateFileMappingA 2>/dev/null | grep -qi 'winsection'
tap_result $? "man CreateFileMappingA opens winsection(3), through its link"
tap_done
