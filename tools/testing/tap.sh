# SPDX-License-Identifier: GPL-2.0
#
# tools/testing/tap.sh - the one TAP helper of the shell tests (sourced,
# not run; POSIX sh with `local`, so busybox's ash in the guests runs it
# too: make lib-tests copies it beside ntsectionctl's test.sh and the
# library's run.sh).  Each check calls
#   tap_result STATUS DESCRIPTION [DETAIL]
#                                   one test: "ok N - ..." when STATUS is 0,
#                                   else "not ok N - ...", then DETAIL (if
#                                   any) as "#   " lines; returns STATUS
#   tap_skip DESCRIPTION WHY        one skipped test
#   tap_diag [TEXT...]              detail lines ("#   ..."), from the
#                                   arguments or, without any, from stdin
# and ends with
#   tap_done                        kselftest's "# Totals:" line; returns
#                                   1 when a test failed
# The selftests' run_tests.sh, which adds up its programs' counts, ends
# with the same "# Totals:" line; tools/testing/check adds up the lines
# of that form that start a line, and nothing else.

tap_n=0 tap_pass=0 tap_fail=0 tap_skipped=0

tap_result() {
	local status=$1
	tap_n=$((tap_n + 1))
	if [ "$status" = 0 ]; then
		tap_pass=$((tap_pass + 1))
		echo "ok $tap_n - $2"
	else
		tap_fail=$((tap_fail + 1))
		echo "not ok $tap_n - $2"
	fi
	[ -n "${3:-}" ] && tap_diag "$3"
	return "$status"
}

tap_skip() {
	tap_n=$((tap_n + 1))
	tap_skipped=$((tap_skipped + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

tap_diag() {
	if [ $# -gt 0 ]; then
		printf '%s\n' "$@" | sed 's/^/#   /'
	else
		sed 's/^/#   /'
	fi
}

tap_done() {
	echo "# Totals: pass:$tap_pass fail:$tap_fail xfail:0 xpass:0 skip:$tap_skipped error:0"
	[ "$tap_fail" -eq 0 ]
}
