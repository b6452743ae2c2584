#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# deb-guest.sh - the guest half of tools/testing/deb-check, run as
# /extra/deb/deb-guest.sh: checks that the loaded ntsection is the
# DKMS-built module (its GNU build-id, in ./build-id beside this script),
# then runs the Win32 example programs built against the packaged
# libntsection-dev, and the device selftest.  TAP; ends with "# Totals:".
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tap.sh"
cd /mnt/scratch || exit 1

# /sys/module/*/notes/.note.gnu.build-id: namesz, descsz, type (4 bytes
# each), "GNU\0", then the id
got=$(od -An -v -tx1 /sys/module/ntsection/notes/.note.gnu.build-id 2>/dev/null |
	tr -d ' \n' | cut -c33-)
want=$(cat "$here/build-id")
[ -n "$want" ] && [ "$got" = "$want" ]
tap_result $? "the loaded ntsection.ko is the DKMS build (build-id ${got:-none})"

printf 'Hello, sections!\n' >in.txt
printf 'H\000e\000l\000l\000o\000,\000 \000s\000e\000c\000t\000i\000o\000n\000s\000!\000\n\000' >want.u16
timeout -s KILL 60 "$here/fconvert" in.txt out.u16 >/dev/null && cmp out.u16 want.u16
tap_result $? "fconvert (built against libntsection-dev) converts a file to UTF-16"

timeout -s KILL 60 "$here/consumer" 16 >consumer.out 2>&1 &
cpid=$!
timeout -s KILL 60 "$here/producer" 16 >producer.out 2>&1
prc=$?
wait $cpid
crc=$?
[ $((prc + crc)) -eq 0 ]
tap_result $? "producer/consumer: 16 messages through a named section" ||
	{ tap_diag <producer.out; tap_diag <consumer.out; }

for p in "first-a second-a" "first-u second-u" "first-u second-a"; do
	set -- $p
	timeout -s KILL 60 "$here/$2" >second.out 2>&1 &
	spid=$!
	timeout -s KILL 60 "$here/$1" >first.out 2>&1
	frc=$?
	wait $spid
	src=$?
	[ $((frc + src)) -eq 0 ]
	tap_result $? "Windows-style pair $1 | $2: message, mutex-guarded counter and events" ||
		{ tap_diag <first.out; tap_diag <second.out; }
done

# its own "# Totals:" line counts apart
/selftests/ntsection/run_tests.sh device
tap_result $? "the device selftest passes with this module"
tap_done
