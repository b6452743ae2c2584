#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest half of `make demo`: a narrated look at ntsection in a guest.
say() { printf '\n== %s\n' "$*"; }

say "The guest runs Debian's kernel; ntsection.ko was built against its headers"
cat /proc/version

say "The module is loaded (from /lib/ntsection/ntsection.ko)"
grep '^ntsection ' /proc/modules
dmesg | grep 'ntsection:' | tail -n 3

say "It provides /dev/ntsection, a misc device open to every user (mode 0666)"
echo "(access control is per section object)"
ls -l /dev/ntsection
cat /sys/class/misc/ntsection/dev 2>/dev/null | sed 's/^/major:minor /'

if [ -r /sys/kernel/debug/ntsection/live_sections ]; then
	say "Live section objects right now (a debugfs test hook)"
	cat /sys/kernel/debug/ntsection/live_sections
fi

say "Unloading and reloading the module"
rmmod ntsection && echo "rmmod ntsection: ok"
[ -e /dev/ntsection ] || echo "/dev/ntsection is gone"
insmod /lib/ntsection/ntsection.ko && echo "insmod ntsection.ko: ok"
ls -l /dev/ntsection

say "No sections yet: ntsectionctl list (tools/ntsectionctl, like ipcs -m)"
/extra/ntsectionctl list

say "Section objects at work: tools/testing/vm/guest/tour.c, a Win32-style program on libntsection"
/extra/tour /extra/ntsectionctl
tour=$?

say "Done"
echo "The runner unloads the module again when this script ends;"
echo "a module that does not unload fails the run."
exit $tour
