#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# test.sh - ntsectionctl's tests, run in a guest by the library tests
# (tools/lib/tests/run.sh): every command, its --help, its exit codes.
# TAP on stdout (tools/testing/tap.sh), ending with "# Totals:" like the
# C test programs.
#
#   test.sh [PATH-TO-NTSECTIONCTL]
ctl=${1:-$(dirname "$0")/ntsectionctl}
# tools/testing/tap.sh, copied beside this script by make lib-tests
. "$(dirname "$0")/tap.sh"

t() { # DESCRIPTION WANT-STATUS COMMAND...: the command's status must be WANT
	d=$1 want=$2
	shift 2
	"$@" >out.txt 2>err.txt
	rc=$?
	[ $rc -eq "$want" ]
	tap_result $? "$d" "$(echo "exit $rc, want $want"; cat out.txt err.txt)"
}

has() { # DESCRIPTION PATTERN: out.txt of the last command matches
	grep -q -- "$2" out.txt
	tap_result $? "$1" "$(cat out.txt)"
}

appears() { # NAME: wait until the section is listed
	i=0
	while [ $i -lt 100 ]; do
		"$ctl" list | grep -q "^$1 " && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

for c in list stat create info read write; do
	t "$c --help: exit 0" 0 "$ctl" $c --help
	has "$c --help prints the usage" "usage: ntsectionctl $c"
done
t "--help: exit 0" 0 "$ctl" --help
t "no command: exit 2 (usage)" 2 "$ctl"
t "an unknown command: exit 2" 2 "$ctl" frobnicate
t "list: exit 0" 0 "$ctl" list
has "list prints the ipcs-style header" "NT Sections"

"$ctl" create demo --size 64K --hold 60 >/dev/null &
holder=$!
t "create demo --size 64K --hold 60: listed while held" 0 appears demo
t "list" 0 "$ctl" list
has "list: demo, 65536 bytes, PAGE_READWRITE, mode 0600, one handle" \
	"^demo  *65536 PAGE_READWRITE  *SEC_COMMIT  *0  *0 0600  *1 "
t "list --json" 0 "$ctl" list --json
has "list --json: an object for demo" '"name": "demo", "size": 65536, "protect": "PAGE_READWRITE"'
t "info demo" 0 "$ctl" info demo
has "info: size" "^size  *65536"
has "info: mode" "^mode  *0600"
has "info: backing" "^backing  *pagefile"
t "in another IPC namespace (unshare -i), demo does not exist: exit 3" 3 unshare -i "$ctl" info demo
t "list in another IPC namespace" 0 unshare -i "$ctl" list
! grep -q "^demo " out.txt
tap_result $? "... shows no demo"
t "write demo --offset 16 hello" 0 "$ctl" write demo --offset 16 hello
t "read demo --offset 16 --length 5" 0 "$ctl" read demo --offset 16 --length 5
has "read: the hexdump shows hello" "68 65 6c 6c 6f.*|hello|"
t "write demo --fill 0x41 --offset 4K --length 10" 0 "$ctl" write demo --fill 0x41 --offset 4K --length 10
t "read demo --offset 0x1000 --length 12" 0 "$ctl" read demo --offset 0x1000 --length 12
has "read: ten 0x41 then zeros" "00001000  41 41 41 41 41 41 41 41  41 41 00 00"
t "read past the end: exit 7" 7 "$ctl" read demo --offset 65530 --length 10
t "create demo again: exit 5 (exists)" 5 "$ctl" create demo --size 4K --hold 0
t "info of a missing name: exit 3" 3 "$ctl" info no-such-section
t "read of a missing name: exit 3" 3 "$ctl" read no-such-section
t "create without --size: exit 2" 2 "$ctl" create x
t "create with a bad protection: exit 2" 2 "$ctl" create x --size 4K --protect bogus
t "create with a bad mode: exit 2" 2 "$ctl" create x --size 4K --mode 999
t "create with a 300-byte name: exit 7 (invalid)" 7 "$ctl" create \
	"$(printf '%0300d' 0)" --size 4K --hold 0
t "write with neither DATA nor --fill: exit 2" 2 "$ctl" write demo
t "read with a bad offset: exit 2" 2 "$ctl" read demo --offset lots

"$ctl" create ro --size 4K --protect ro --mode 0644 --hold 60 >/dev/null &
roholder=$!
t "create ro --protect ro --mode 0644: listed" 0 appears ro
t "write to a PAGE_READONLY section: exit 4" 4 "$ctl" write ro hi
cp err.txt out.txt
has "the message says why" "cannot be written: its protection is PAGE_READONLY"

printf 'file-backed bytes' >backing.dat
"$ctl" create fb --file backing.dat --size 0 --hold 60 >/dev/null &
fbholder=$!
t "create fb --file backing.dat --size 0: listed" 0 appears fb
t "read fb" 0 "$ctl" read fb
has "read fb: the file's bytes" "|file-backed byte"
t "list" 0 "$ctl" list
has "list: fb is 17 bytes, SEC_FILE, backed by MAJOR:MINOR:INODE" "^fb  *17 PAGE_READWRITE  *SEC_FILE .* [0-9]*:[0-9]*:[0-9]*$"
t "write fb --offset 0 FILE" 0 "$ctl" write fb FILE
[ "$(cat backing.dat)" = "FILE-backed bytes" ]
tap_result $? "the write is in the file"

t "stat" 0 "$ctl" stat
has "stat: three sections" "^sections  *3$"
has "stat: three named" "^named  *3$"
has "stat: the limits" "^max_sections  *[0-9]"

# a SEC_RESERVE section: nothing committed until written
"$ctl" create rs --size 64K --reserve --hold 60 >/dev/null &
rsholder=$!
t "create rs --size 64K --reserve: listed" 0 appears rs
t "info rs" 0 "$ctl" info rs
has "info rs: nothing committed" "^committed  *0$"
t "read rs --length 8K" 0 "$ctl" read rs --length 8K
has "read rs: one reserved line, no hexdump" "^00000000  reserved, not committed: 8192 bytes$"
t "write rs --offset 4K hello" 0 "$ctl" write rs --offset 4K hello
has "write rs: it committed the page it wrote" "^committed 4096 bytes of 'rs'$"
t "info rs after the write" 0 "$ctl" info rs
has "info rs: one page committed" "^committed  *4096$"
t "read rs --length 12K" 0 "$ctl" read rs --length 12K
has "read rs: the page before is reserved" "^00000000  reserved, not committed: 4096 bytes$"
has "read rs: the written page is dumped" "^00001000  68 65 6c 6c 6f"
has "read rs: the page after is reserved" "^00002000  reserved, not committed: 4096 bytes$"
t "write rs --offset 4K again" 0 "$ctl" write rs --offset 4K again
! grep -q "^committed" out.txt
tap_result $? "... commits nothing more"

kill $holder $roholder $fbholder $rsholder
wait $holder $roholder $fbholder $rsholder 2>/dev/null
t "after the holders are killed (SIGTERM), the names are gone: exit 3" 3 "$ctl" info demo
t "create --hold 0 exits at once" 0 "$ctl" create brief --size 4K --hold 0
t "... and its name went with it" 3 "$ctl" info brief

if rmmod ntsection 2>/dev/null; then
	t "list without the module: exit 6" 6 "$ctl" list
	t "info without the module: exit 6" 6 "$ctl" info demo
	insmod /lib/ntsection/ntsection.ko
fi

echo "1..$tap_n"
tap_done
