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
	include/ntsection-win32/windows.h include/ntsection-win32/tchar.h \
	lib/libntsection.a lib/libntsection.so lib/libntsection.so.0 lib/pkgconfig/ntsection.pc \
	lib/pkgconfig/ntsection-win32.pc \
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

# The compat <windows.h>/<tchar.h>: a Windows-style program builds
# unchanged through pkg-config ntsection-win32, with and without UNICODE,
# as C and as C++, warning-free.
cflags=$(pkg-config --cflags ntsection-win32)
[ "${cflags% }" = "-I$prefix/include/ntsection-win32 -I$prefix/include" ]
tap_result $? "pkg-config --cflags ntsection-win32"
wp=$root/tools/lib/tests/winprog
for mode in "" "-DUNICODE -D_UNICODE"; do
	cc -static -Wall -Wextra -Werror $mode -o "$tmp/first" "$wp/first.c" \
		$(pkg-config --cflags --libs ntsection-win32)
	tap_result $? "winprog/first.c (<windows.h>, <tchar.h>) builds statically with pkg-config ntsection-win32 ${mode:-without UNICODE}"
	c++ -x c++ -Wall -Wextra -Werror $mode -o "$tmp/first-cxx" "$wp/first.c" -x none \
		$(pkg-config --cflags --libs ntsection-win32)
	tap_result $? "... and as C++ (shared) ${mode:-without UNICODE}"
done
# without /dev/ntsection here, it runs and fails with ERROR_NOT_SUPPORTED (50)
out=$(LD_LIBRARY_PATH=$prefix/lib LD_BIND_NOW=1 "$tmp/first-cxx" 2>&1)
case $out in *"(50)"*) true ;; *) [ -e /dev/ntsection ] ;; esac
tap_result $? "... and the UNICODE C++ build runs (every symbol resolved): ${out%%$'\n'*}"
# the headers compile -pedantic as C89, C99 and C11 (UNICODE) and as C++11
printf '#include <windows.h>\n#include <tchar.h>\nint main(void) { return 0; }\n' >"$tmp/h.c"
for std in "cc -std=c89" "cc -std=c99" "cc -std=c11 -DUNICODE" "c++ -x c++ -std=c++11" \
	   "c++ -x c++ -std=c++11 -DUNICODE"; do
	$std -pedantic -Wall -Wextra -Werror $cflags -fsyntax-only "$tmp/h.c"
	tap_result $? "windows.h and tchar.h: $std -pedantic -Wall -Wextra, no warnings"
done
# FormatMessage knows every ERROR_* code the Win32 headers define
missing=
while read -r name value; do
	grep -q -e "{ $name," -e "{ $value " "$root/tools/lib/win32/unicode.c" || missing="$missing $name"
done < <(sed -n 's/^#define \(ERROR_[A-Z0-9_]*\)[[:space:]]*\([0-9][0-9]*\)$/\1 \2/p' \
	"$root"/tools/lib/win32/*.h)
[ -z "$missing" ]
tap_result $? "FormatMessage has a text for every ERROR_* of tools/lib/win32/*.h${missing:+ (missing:$missing)}"
MANPATH=$prefix/share/man man -w ntsection_create_set_mode >/dev/null 2>&1
tap_result $? "man finds the installed pages (ntsection_create_set_mode)"
MANPATH=$prefix/share/man man CreateFileMappingA 2>/dev/null | grep -q '^NAME' &&
	MANPATH=$prefix/share/man man CreateFileMappingA 2>/dev/null | grep -qi 'winsection'
tap_result $? "man CreateFileMappingA opens winsection(3), through its link"
tap_done
