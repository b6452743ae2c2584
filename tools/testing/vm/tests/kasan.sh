#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Proof that the debug lane bites: boot the debug kernel, load the
# test-only module tools/testing/vm/kasan-uaf (a use-after-free on load), and
# expect tools/testing/vm/run to fail the run (status 120) quoting the KASAN report.
# TAP output; exit 1 if the lane did not catch it.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
. "$root/tools/testing/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "TAP version 13"
echo "1..3"
kdir=$("$here/../kernel" debug kdir) || {
	tap_result 1 "kasan: the debug kernel is built (run tools/testing/vm/debug-kernel)"
	tap_done
	exit 1
}
out=$root/build/kasan-uaf
mkdir -p "$out"
ln -sf "$here/../kasan-uaf/Kbuild" "$here/../kasan-uaf/kasan_uaf.c" "$out/"
make -s -C "$kdir" M="$out" W=1 modules >"$tmp/build" 2>&1
rc=$?
tap_result $rc "kasan: the use-after-free module builds against the debug kernel" \
	"$([ $rc -ne 0 ] && cat "$tmp/build")"

"$here/../run" --no-build --kernel debug --add "$out/kasan_uaf.ko" -- \
	insmod /extra/kasan_uaf.ko >"$tmp/run" 2>&1
rc=$?
[ $rc -eq 120 ]
tap_result $? "kasan: the guest run fails with status 120 (got $rc)"
grep -qE 'console problem: BUG: KASAN: (slab-)?use-after-free in kasan_uaf_init' "$tmp/run"
tap_result $? "kasan: the runner quotes the KASAN report"
head -n 30 "$tmp/run" | tap_diag
tap_done
