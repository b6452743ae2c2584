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
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "TAP version 13"
echo "1..3"
kdir=$("$here/../kernel" debug kdir) || {
	echo "not ok 1 kasan: the debug kernel is built # run tools/testing/vm/debug-kernel"
	echo "# host-summary: pass=0 fail=1 skip=0"
	exit 1
}
out=$root/build/kasan-uaf
mkdir -p "$out"
ln -sf "$here/../kasan-uaf/Kbuild" "$here/../kasan-uaf/kasan_uaf.c" "$out/"
make -s -C "$kdir" M="$out" W=1 modules >"$tmp/build" 2>&1
rc=$?
n=1 fail=0
if [ $rc -eq 0 ]; then echo "ok 1 kasan: the use-after-free module builds against the debug kernel"
else echo "not ok 1 kasan: the use-after-free module builds"; sed 's/^/# /' "$tmp/build"; fail=1; fi

"$here/../run" --no-build --kernel debug --add "$out/kasan_uaf.ko" -- \
	insmod /extra/kasan_uaf.ko >"$tmp/run" 2>&1
rc=$?
if [ $rc -eq 120 ]; then echo "ok 2 kasan: the guest run fails with status 120"
else echo "not ok 2 kasan: the guest run fails with status 120 (got $rc)"; fail=$((fail + 1)); fi
if grep -qE 'console problem: BUG: KASAN: (slab-)?use-after-free in kasan_uaf_init' "$tmp/run"; then
	echo "ok 3 kasan: the runner quotes the KASAN report"
else
	echo "not ok 3 kasan: the runner quotes the KASAN report"; fail=$((fail + 1))
fi
sed 's/^/# /' "$tmp/run" | head -n 30
echo "# host-summary: pass=$((3 - fail)) fail=$fail skip=0"
[ $fail -eq 0 ]
