#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-test of tools/testing/vm/run: COMMAND's exit status comes back, --add puts
# a static binary in /extra, and a dynamically linked one with its loader and
# libraries (a library that cannot be resolved is warned of), arguments
# survive quoting, --keep-disk
# keeps what the guest wrote where debugfs can read it, --cut-on kills the
# guest at its marker (exit 119).  Three guest boots.
# TAP output; exit 1 if any check fails.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
run=$here/../run
kernel=${1:-6.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$here/../../tap.sh"

echo "TAP version 13"
echo "1..9"

"$run" --no-build --kernel "$kernel" -- sh -c 'exit 7' >"$tmp/out1" 2>&1
rc=$?
[ $rc -eq 7 ]
tap_result $? "runner: COMMAND's exit status 7 is the run's (got $rc)"

cat >"$tmp/hello.c" <<'C'
#include <stdio.h>
int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		printf("arg%d=[%s]\n", i, argv[i]);
	return 0;
}
C
echo 'int nowhere(void) { return 0; }' >"$tmp/nowhere.c"
cat >"$tmp/hello-missing.c" <<'C'
int nowhere(void);
int main(void)
{
	return nowhere();
}
C
cc -static -O2 -o "$tmp/hello" "$tmp/hello.c" || exit 1
cc -O2 -o "$tmp/hello-dynamic" "$tmp/hello.c" || exit 1
# needs libnowhere.so, which no library path of the host has
cc -O2 -shared -fPIC -o "$tmp/libnowhere.so" "$tmp/nowhere.c" || exit 1
cc -O2 -o "$tmp/hello-missing" "$tmp/hello-missing.c" -L"$tmp" -lnowhere || exit 1
"$run" --no-build --kernel "$kernel" --add "$tmp/hello" --add "$tmp/hello-dynamic" \
	--add "$tmp/hello-missing" --keep-disk "$tmp/disk.img" -- \
	sh -c '/extra/hello "$@" && /extra/hello-dynamic dynamic &&
		echo kept-data >/mnt/scratch/kept' sh "a b" "it's" '$HOME' \
	>"$tmp/out2" 2>&1
rc=$?
tap_result $rc "runner: --add runs a static binary from /extra (rc $rc)"
grep -qxF 'arg1=[dynamic]' "$tmp/out2"
tap_result $? "runner: --add runs a dynamically linked program with its loader and libc"
grep -q "warning: $tmp/hello-missing needs libnowhere.so" "$tmp/out2" &&
	[ "$(grep -c 'warning:' "$tmp/out2")" -eq 1 ]
tap_result $? "runner: --add warns of a library it cannot resolve, and of it alone"
grep -qxF 'arg1=[a b]' "$tmp/out2" && grep -qxF "arg2=[it's]" "$tmp/out2" &&
	grep -qxF 'arg3=[$HOME]' "$tmp/out2"
tap_result $? "runner: arguments reach the guest command unchanged"
[ -f "$tmp/disk.img" ]
tap_result $? "runner: --keep-disk keeps the scratch disk image"
[ "$(debugfs -R 'cat /kept' "$tmp/disk.img" 2>/dev/null)" = kept-data ]
tap_result $? "runner: debugfs reads what the guest wrote to the kept disk"

start=$SECONDS
"$run" --no-build --kernel "$kernel" --cut-on @@CUT-HERE@@ -- \
	sh -c 'echo before; echo @@CUT-HERE@@; sleep 300; echo after' >"$tmp/out3" 2>&1
rc=$?
[ $rc -eq 119 ]
tap_result $? "runner: --cut-on kills the guest at the marker with status 119 (got $rc, $((SECONDS - start))s)"
grep -qx before "$tmp/out3" && ! grep -qx after "$tmp/out3"
tap_result $? "runner: --cut-on: the output stops at the marker"

if [ "$tap_fail" -ne 0 ]; then
	echo "# output of the guest runs:"
	cat "$tmp/out1" "$tmp/out2" "$tmp/out3" | tap_diag
fi
tap_done
