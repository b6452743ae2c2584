#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run.sh - run libntsection's tests in a guest (make check boots one guest
# per kernel for them): every t_* program, then the example programs as
# their users would run them.  TAP on stdout; the last line is
#   # Totals: pass:N fail:N xfail:0 xpass:0 skip:N error:0
# counting individual tests; a program that crashes or times out counts as
# one failure.  Runs in a scratch directory (files are created there).
#
#   run.sh [PROGRAM...]        default: every t_* program and the examples
here=$(cd "$(dirname "$0")" && pwd)
timeout=120
work=${NTSECTION_SCRATCH:-$PWD}/lib-tests.$$
mkdir -p "$work" && cd "$work" || exit 1
trap 'cd /; rm -rf "$work"' EXIT

pass=0 fail=0 skip=0
names=yes
winname=

prog() { # NAME: run one TAP program, add its totals
	tap_n=$((tap_n + 1))
	n=$tap_n
	echo "# libntsection: $1"
	out=$work/.out
	timeout -s KILL $timeout "$here/$1" >"$out" 2>&1
	rc=$?
	sed 's/^/# /' "$out"
	t=$(sed -n 's/^# Totals: pass:\([0-9]*\) fail:\([0-9]*\) xfail:[0-9]* xpass:[0-9]* skip:\([0-9]*\).*/\1 \2 \3/p' "$out" | tail -n 1)
	p=0 f=0 s=0
	[ -n "$t" ] && read -r p f s <<EOT
$t
EOT
	if [ $rc -eq 0 ] || { [ $rc -eq 4 ] && [ $f -eq 0 ]; }; then
		if [ $rc -eq 4 ]; then
			echo "ok $n libntsection: $1 # SKIP"
		else
			echo "ok $n libntsection: $1"
		fi
	else
		[ $f -eq 0 ] && f=1
		echo "not ok $n libntsection: $1 # exit=$rc"
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	return $rc
}

# tools/testing/tap.sh (copied here by make lib-tests) for the tests of
# this script's own; prog() counts the programs' tests apart
. "$here/tap.sh"

check() { # DESCRIPTION COMMAND...: one test of its own
	d=$1
	shift
	"$@"
	tap_result $? "$d"
}

echo "TAP version 13"
progs=${*:-t_native t_create t_view t_handle t_file t_names t_errors t_virtual t_ntapi t_sync t_placeholder t_unicode t_syscalls t_large ntsectionctl examples}
for name in $progs; do
	[ "$name" = examples ] && continue
	if [ "$name" = ntsectionctl ]; then
		# tools/ntsectionctl/test.sh, a TAP program like the others
		prog test.sh
		continue
	fi
	prog "$name"
	rc=$?
	[ "$name" = t_names ] && [ $rc -eq 4 ] && names=no
done

case " $progs " in *" examples "*)
	echo "# libntsection: examples"
	printf 'Hello, sections!\n' >in.txt
	printf 'H\000e\000l\000l\000o\000,\000 \000s\000e\000c\000t\000i\000o\000n\000s\000!\000\n\000' >want.u16
	check "fconvert (the classic file conversion, unchanged Win32 code) converts to UTF-16" \
		timeout -s KILL 60 "$here/fconvert" in.txt out.u16
	check "fconvert's output is the UTF-16 of its input" cmp out.u16 want.u16
	check "fconvert of a missing file fails and leaves no output" \
		sh -c "! '$here/fconvert' missing.txt out2.u16 2>/dev/null && [ ! -e out2.u16 ]"
	if [ $names = yes ]; then
		# the consumer starts first and waits for the producer's name
		timeout -s KILL 60 "$here/consumer" 16 >consumer.out 2>&1 &
		cpid=$!
		timeout -s KILL 60 "$here/producer" 16 >producer.out 2>&1
		prc=$?
		wait $cpid
		crc=$?
		sed 's/^/# /' producer.out consumer.out
		check "producer/consumer (unchanged Win32 code): the producer's 16 messages are acknowledged" [ $prc -eq 0 ]
		check "producer/consumer: the consumer read 16 good messages by name" [ $crc -eq 0 ]
		"$here/consumer" 8 >consumer.out 2>&1 &
		cpid=$!
		"$here/producer-pc" 8 >producer.out 2>&1
		prc=$?
		wait $cpid
		crc=$?
		sed 's/^/# /' producer.out consumer.out
		check "a producer built from the installed prefix with pkg-config works with the consumer" \
			[ $((prc + crc)) -eq 0 ]
		"$here/consumer" 8 >consumer.out 2>&1 &
		cpid=$!
		"$here/producer-cxx" 8 >producer.out 2>&1
		prc=$?
		wait $cpid
		crc=$?
		sed 's/^/# /' producer.out consumer.out
		check "examples/producer.c built as C++ (g++) works with the consumer" \
			[ $((prc + crc)) -eq 0 ]
		# winprog/: the same Windows source built without (-a) and
		# with (-u) UNICODE through <windows.h>/<tchar.h>; the second
		# process starts first and waits for the name
		for p in "first-a second-a" "first-u second-u" "first-u second-a" \
			 "first-a second-u" "first-u second-cxx"; do
			set -- $p
			timeout -s KILL 60 "$here/$2" $winname >second.out 2>&1 &
			spid=$!
			timeout -s KILL 60 "$here/$1" $winname >first.out 2>&1
			frc=$?
			wait $spid
			src=$?
			sed 's/^/# /' first.out second.out
			check "Windows-style pair $1 | $2${winname:+ (name $winname)}: message, mutex-guarded counter and events" \
				[ $((frc + src)) -eq 0 ]
			# the odd pairs use a non-ASCII name from the command line
			if [ -z "$winname" ]; then
				winname='Local\wïnprog-日本-🙂'
			else
				winname=
			fi
		done
	else
		tap_skip "producer/consumer" "the module has no named sections yet"
		tap_skip "producer built with pkg-config" "the module has no named sections yet"
		tap_skip "producer built as C++" "the module has no named sections yet"
		tap_skip "Windows-style pairs (winprog)" "the module has no named sections yet"
	fi
	;;
esac
# Without the module, every call that needs /dev/ntsection fails with
# ERROR_NOT_SUPPORTED (t_nodev); then the module is back for what follows.
case " $progs " in *" t_nodev "* | *" examples "*)
	if rmmod ntsection 2>/dev/null; then
		prog t_nodev
		insmod /lib/ntsection/ntsection.ko
	else
		tap_skip "t_nodev" "the module cannot be unloaded here"
	fi
	;;
esac
echo "1..$tap_n"
pass=$((pass + tap_pass)) fail=$((fail + tap_fail)) skip=$((skip + tap_skipped))
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ $fail -eq 0 ]
