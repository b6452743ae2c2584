#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-test of the guest runner's console-problem detector: captured
# console logs with and without kernel reports, and the verdict each must
# get.  TAP output; exit 1 if any verdict is wrong.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
check=$here/../console-check
. "$here/../../tap.sh"

# fixture  expected-exit  text the quote must contain
cases=(
	"clean.log 0 -"
	"warning.log 1 WARNING: CPU: 1 PID: 93 at mm/mmap.c"
	"oops.log 1 BUG: kernel NULL pointer dereference"
	"kasan.log 1 BUG: KASAN: slab-use-after-free"
	"lockdep.log 1 possible circular locking dependency"
	"hung.log 1 blocked for more than 120 seconds"
	"kmemleak.log 1 ntsection_create"
	"oom.log 0 -"
	"oom-6.12.log 0 -"
	"oom-debug.log 0 -"
	"kcsan-core.log 0 kcsan, core kernel only (not a failure): BUG: KCSAN: data-race in generic_fillattr"
	"kcsan-ntsection.log 1 ntsection_view_query+0x8d/0x1f0 [ntsection]"
	"kcsan-module-frame.log 0 kcsan, core kernel code reached through ntsection (not a failure): BUG: KCSAN: data-race in generic_fillattr"
	"kcsan-ext4-via-ntsection.log 0 kcsan, core kernel code reached through ntsection (not a failure): BUG: KCSAN: data-race in ext4_fill_raw_inode"
)

echo "TAP version 13"
echo "1..${#cases[@]}"
for c in "${cases[@]}"; do
	read -r log want text <<<"$c"
	out=$("$check" "$here/console/$log" 2>&1)
	got=$?
	if [ "$got" -ne "$want" ]; then
		tap_result 1 "console-check $log (exit $got, want $want)" "$out"
	elif [ "$text" != - ] && ! grep -qF -- "$text" <<<"$out"; then
		tap_result 1 "console-check $log (the quote lacks '$text')"
	else
		tap_result 0 "console-check $log"
	fi
done
tap_done
