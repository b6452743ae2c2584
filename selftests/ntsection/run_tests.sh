#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run_tests.sh - run the ntsection selftests in a guest, like upstream's
# kselftest runner: TAP 13 on stdout, each program under the timeout from
# ./settings (or $NTSECTION_TIMEOUT seconds), its output indented as a TAP
# comment, then how long it took.  Ends with kselftest's
#   # Totals: pass:N fail:N xfail:0 xpass:0 skip:N error:0
# counting individual tests (from each program's "# Totals:" line); a
# program that crashes, times out or exits non-zero without reporting a
# failure counts as one failed test.
#
#   run_tests.sh [PROGRAM...]      default: every test program (./tests)
# Exit status: 0 when nothing failed, 1 otherwise.

here=$(cd "$(dirname "$0")" && pwd)
timeout=45
[ -r "$here/settings" ] && . "$here/settings"
# a soak (NTSECTION_RACE_SECONDS, NTSECTION_KILLS) may need longer
timeout=${NTSECTION_TIMEOUT:-$timeout}

# the list the Makefile wrote: tests only, not helpers such as powercut
if [ $# -eq 0 ]; then
	set -- $(cat "$here/tests")
fi

# count PASS FAIL XFAIL XPASS SKIP ERROR: an xpass or an error is a failure
count() {
	p=$(($1 + $3)) f=$(($2 + $4 + $6)) s=$5
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0 n=0
echo "TAP version 13"
echo "1..$#"
for prog in "$@"; do
	n=$((n + 1))
	echo "# selftests: ntsection: $prog"
	start=$(date +%s)
	{
		cd "$here" && timeout -s KILL "$timeout" "./$prog"
		echo $? >"$tmp/rc"
	} 2>&1 | tee "$tmp/out" | while IFS= read -r line; do echo "# $line"; done
	rc=$(cat "$tmp/rc")
	echo "# selftests: ntsection: $prog took $(($(date +%s) - start)) s"
	totals=$(sed -n 's/^# Totals: pass:\([0-9]*\) fail:\([0-9]*\) xfail:\([0-9]*\) xpass:\([0-9]*\) skip:\([0-9]*\) error:\([0-9]*\).*/\1 \2 \3 \4 \5 \6/p' "$tmp/out" | tail -n 1)
	if [ -n "$totals" ]; then
		count $totals
	else
		p=0 f=0 s=0
	fi
	if [ "$rc" -eq 4 ] && [ "$f" -eq 0 ]; then
		[ "$s" -eq 0 ] && s=1
		echo "ok $n selftests: ntsection: $prog # SKIP"
	elif [ "$rc" -eq 0 ] && [ -n "$totals" ]; then
		echo "ok $n selftests: ntsection: $prog"
	else
		[ "$f" -eq 0 ] && f=1
		case $rc in
		137) why=" # TIMEOUT $timeout seconds" ;;
		*) why=" # exit=$rc" ;;
		esac
		echo "not ok $n selftests: ntsection: $prog$why"
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ "$fail" -eq 0 ]
