#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# trinity.sh - the trinity lane's guest side (make fuzz puts it in
# build/fuzz/; the guest runs it as root from /extra/fuzz/):
#   tools/testing/vm/run --kernel debug --add build/fuzz -- /extra/fuzz/trinity.sh [SECONDS]
# Sets up trinity's victims directory (seven files per section spec, read
# by trinity-shim.so, and device nodes of /dev/ntsection) and the backing
# files on the ext4 scratch disk and on tmpfs, then runs trinity as uid
# 1000 with trinity-shim.so preloaded, so that its initial mappings are
# views and its file fds are section handles, fuzzing the syscalls that
# touch sections.  After SECONDS (default 100) it stops trinity with
# SIGINT and checks, as root: trinity ran syscalls, every open of a victim
# gave a handle and every hugetlbfs-backed one ENODEV, trinity held
# handles and views, ran until SIGINT and
# exited after it, every process of it is gone, the live-section count
# (debugfs) is back to where it was, /dev/ntsection still creates and maps
# a section, and the kernel's taint did not change.  The seed is
# $NTSECTION_SEED, or random; it is printed.
# $NTSECTION_TRINITY_CALLS, if set, names the syscalls to fuzz instead.
# TAP on stdout, ending with kselftest's "# Totals:" line; exit 1 when a
# check failed.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../tap.sh
. "$here/tap.sh"

secs=${1:-100}
uid=1000
seed=${NTSECTION_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
page=$(getconf PAGESIZE 2>/dev/null || echo 4096)
victims=/tmp/trinity-victims
ext4=/mnt/scratch/trinity
tmpfs=/dev/shm/trinity
live=/sys/kernel/debug/ntsection/live_sections
log=$ext4/trinity.log
# grace for trinity's exit after SIGINT, and for the last views' teardown
grace=120

echo "TAP version 13"
echo "1..10"
echo "# trinity: seed $seed, $secs s (replay: NTSECTION_SEED=$seed)"

# --- set-up ------------------------------------------------------------------
# trinity looks up "nobody"; uid 1000 is the fuzzing user.
grep -q '^root:' /etc/passwd 2>/dev/null || echo 'root:x:0:0:root:/root:/bin/sh' >>/etc/passwd
grep -q '^nobody:' /etc/passwd || echo 'nobody:x:65534:65534:nobody:/:/bin/false' >>/etc/passwd
grep -q "^fuzz:" /etc/passwd || echo "fuzz:x:$uid:$uid:fuzz:$ext4/cwd:/bin/sh" >>/etc/passwd
grep -q '^nogroup:' /etc/group 2>/dev/null || echo 'nogroup:x:65534:' >>/etc/group
grep -q '^fuzz:' /etc/group || echo "fuzz:x:$uid:" >>/etc/group
[ -r $live ] || mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

rm -rf $victims $ext4 $tmpfs
mkdir -p $victims $ext4/cwd $tmpfs
chown $uid:$uid $ext4/cwd
# Backing files of 1 MiB (every spec fits), with data, writable by anyone:
# the shim opens them as uid 1000, read-only for the read-only protections.
for f in $ext4/backing $tmpfs/backing; do
	dd if=/dev/urandom of="$f" bs=65536 count=16 2>/dev/null
	chmod 666 "$f"
done

# The specs (see trinity-shim.c): every protection on every backing, with
# both allocations; the four kinds of handle take turns (each backing has
# each kind three times, and each protection and allocation meets three
# kinds), and so do the sizes.  A victim's size is its section's (trinity
# maps that much of the fd); its mode tells trinity how to open it:
# read-write for the writable protections, read-only for the others.
# trinity opens as many randomly chosen victims as there are files, at
# most 250 (NR_FILE_FDS): seven copies of each spec make it likely that
# every spec is opened.
set -- unnamed named byname dup
handles="$*"
b=0 n=0
: >$ext4/specs
for backing in pagefile ext4 tmpfs; do
	i=0
	for prot in readonly readwrite writecopy execread execreadwrite execwritecopy; do
		for alloc in commit reserve; do
			# shellcheck disable=SC2086 # the four kinds
			set -- $handles
			shift $(((i + b) % 4))
			handle=$1
			set -- 1 3 16 64
			shift $(((i / 2 + b) % 4))
			spec=$backing-$prot-$alloc-$handle-${1}p
			echo "$spec" >>$ext4/specs
			for copy in 1 2 3 4 5 6 7; do
				f=$victims/$spec.$copy
				truncate -s $(($1 * page)) "$f"
				case $prot in
				readonly | execread) chmod 444 "$f" ;;
				*) chmod 666 "$f" ;;
				esac
			done
			i=$((i + 1)) n=$((n + 1))
		done
	done
	b=$((b + 1))
done
# Files the module must refuse (ENODEV): a hugetlbfs memfd, twice.
for spec in hugetlb-readwrite-commit-unnamed-1p hugetlb-readonly-commit-dup-16p; do
	for copy in 1 2 3 4 5 6 7; do
		truncate -s $((16 * page)) $victims/$spec.$copy
		chmod 666 $victims/$spec.$copy
	done
done
# and /dev/ntsection itself, eight times: trinity opens randomly chosen
# victims (as many as there are), so that one of them is surely opened
dev=$(cat /sys/class/misc/ntsection/dev)
for i in 1 2 3 4 5 6 7 8; do
	mknod -m 666 $victims/ntsection$i c "${dev%:*}" "${dev#*:}"
done
echo "# trinity: $n section specs, 7 victims each, and 8 device nodes of $dev in $victims"

# Both arches where the kernel has 32-bit syscalls (the debug kernel has not).
arch="-a 64"
grep -qE ' (ia32_sys_call_table|ia32_sys_call)$' /proc/kallsyms 2>/dev/null && arch=

# The syscalls that touch sections ($NTSECTION_TRINITY_CALLS replaces the
# list).  trinity never runs close (AVOID_SYSCALL: it only says "Skipping"
# and takes it out at the first pick), so handles are closed by dup2 and
# dup3 over them and at exit; fork is trinity's own (children respawn).
calls=${NTSECTION_TRINITY_CALLS:-ioctl mmap mprotect mremap munmap remap_file_pages
	madvise msync mlock mlock2 munlock close dup dup2 dup3 fcntl sendmsg read write
	pread64 pwrite64 ftruncate fallocate splice sendfile newfstat lseek
	process_vm_readv process_vm_writev}
cflags=
for c in $calls; do
	cflags="$cflags -c $c"
done

taint_before=$(cat /proc/sys/kernel/tainted)
live_before=$(cat $live 2>/dev/null)
echo "# trinity: live sections before: ${live_before:-unknown}, taint $taint_before"

# --- the run -----------------------------------------------------------------
cd $ext4/cwd || exit 1
# shellcheck disable=SC2086 # $arch and $cflags are lists of words
env LD_PRELOAD="$here/trinity-shim.so" NTSECTION_FUZZ_VICTIMS=$victims \
	NTSECTION_FUZZ_LOG=$ext4/cwd/opens \
	NTSECTION_FUZZ_EXT4=$ext4/backing NTSECTION_FUZZ_TMPFS=$tmpfs/backing \
	"$here/trinity-helper" runas $uid "$here/trinity" -q -l off -C 4 \
	-s "$seed" -V $victims $arch --stats \
	--enable-fds=pseudo,pipes,testfile $cflags >$log 2>&1 &
pid=$!
start=$(date +%s)
# trinity stops by itself when the kernel becomes tainted (or it fails)
while [ $(($(date +%s) - start)) -lt "$secs" ] && kill -0 $pid 2>/dev/null; do
	sleep 1
done
early=0
kill -0 $pid 2>/dev/null || early=1
# What trinity's main process holds at the end (children inherit it all):
# section handles ("ntsection:[section]" fds), the device node, and views.
# One ls, not a readlink per fd: a fork costs much under KASAN.
fds=$(ls -l "/proc/$pid/fd/" 2>/dev/null)
handles=$(printf '%s\n' "$fds" | awk '$NF ~ /^ntsection:/' | wc -l)
devfds=$(printf '%s\n' "$fds" | awk -v d="$victims/ntsection" 'index($NF, d) == 1' | wc -l)
views=$(grep -c -e ntsection -e "$ext4/backing" -e "$tmpfs/backing" /proc/$pid/maps 2>/dev/null)
live_during=$(cat $live 2>/dev/null)
kill -INT $pid 2>/dev/null
stopped=$(($(date +%s) - start))
waited=0
while kill -0 $pid 2>/dev/null && [ $waited -lt $grace ]; do
	sleep 1
	waited=$((waited + 1))
done
exited=1
if kill -0 $pid 2>/dev/null; then
	exited=0
	kill -KILL $pid
fi
wait $pid 2>/dev/null
rc=$?
elapsed=$(($(date +%s) - start))
cd /

sed 's/^/# trinity: /' $log
ran=$(sed -n 's/.*Ran \([0-9]*\) syscalls\. Successes: \([0-9]*\) *Failures: \([0-9]*\).*/\1 \2 \3/p' $log | tail -n 1)
# shellcheck disable=SC2086 # three numbers
set -- $ran
echo "# trinity: syscalls executed: ${1:-unknown} (successes ${2:-?}, failures ${3:-?}); SIGINT after ${stopped}s, exit after ${elapsed}s, status $rc"
[ -n "${1:-}" ] && [ "$1" -gt 0 ]
tap_result $? "trinity ran syscalls on section handles and views (${1:-none} in ${elapsed}s)"

# Every open of a victim made a handle; which specs were opened.
opens=$(wc -l <$ext4/cwd/opens 2>/dev/null)
failed=$(awk '$2 < 0 && $1 !~ /^hugetlb-/ { n[$1 " errno " -$2]++ }
	END { for (k in n) print k ", " n[k] " times" }' $ext4/cwd/opens 2>/dev/null)
missed=$(awk 'NR == FNR { seen[$1] = 1; next } !($1 in seen)' $ext4/cwd/opens $ext4/specs 2>/dev/null)
[ "${opens:-0}" -gt 0 ] && [ -z "$failed" ]
tap_result $? "every victim trinity opened became a section handle (${opens:-0} opens, $((n - $(printf '%s' "$missed" | grep -c .))) of $n specs)" "$failed"
[ -n "$missed" ] && echo "# trinity: specs no victim of which trinity chose:" && tap_diag "$missed"

# A hugetlbfs file never backs a section (ENODEV is 19).
huge=$(awk '$1 ~ /^hugetlb-/ { n++; if ($2 != -19) bad = bad $0 "\n" }
	END { printf "%d %s", n, bad }' $ext4/cwd/opens 2>/dev/null)
[ -n "$huge" ] && [ "${huge%% *}" -gt 0 ] && [ -z "${huge#* }" ]
tap_result $? "every hugetlbfs victim was refused with ENODEV (${huge%% *} opens)" "${huge#* }"

[ "${handles:-0}" -gt 0 ] && [ "${views:-0}" -gt 0 ]
tap_result $? "trinity held section handles and views (main process: ${handles:-0} handles, ${devfds:-0} fds of the device node, ${views:-0} view mappings; ${live_during:-?} live sections)"

[ $early -eq 0 ] && [ $exited -eq 1 ]
tap_result $? "trinity ran until SIGINT and exited after it ($([ $early -eq 1 ] &&
	echo "it stopped by itself after ${stopped}s" || echo "in ${waited}s"))"

# Every process of the run, trinity's children among them, is gone.
left() { # "PID NAME STATE" of each
	for s in /proc/[0-9]*/status; do
		awk -v uid=$uid '$1 == "Uid:" && $2 == uid { found = 1 }
			$1 == "Name:" { name = $2 }
			$1 == "State:" { state = $2 }
			$1 == "Pid:" { pid = $2 }
			END { if (found) print pid, name, state }' "$s" 2>/dev/null
	done
}
waited=0
while [ -n "$(left)" ] && [ $waited -lt $grace ]; do
	if [ $waited -eq 0 ]; then
		echo "# trinity: left after its exit, killed:"
		left | sed 's/^/#   /'
		for p in $(left | awk '{ print $1 }'); do
			kill -KILL "$p" 2>/dev/null
		done
	fi
	sleep 1
	waited=$((waited + 1))
done
procs=$(left)
[ -z "$procs" ]
tap_result $? "no process of uid $uid is left" "$procs"

# Every handle was a process's, every view too: the count comes back.
waited=0
while [ "$(cat $live 2>/dev/null)" != "$live_before" ] && [ $waited -lt $grace ]; do
	sleep 1
	waited=$((waited + 1))
done
live_after=$(cat $live 2>/dev/null)
[ -n "$live_before" ] && [ "$live_after" = "$live_before" ]
tap_result $? "live sections back to $live_before (now ${live_after:-unknown}, after ${waited}s)"

"$here/trinity-helper" probe
tap_result $? "/dev/ntsection still creates, maps, unmaps and closes a section"

sections=$(cat /proc/ntsection/sections 2>&1)
rc=$?
[ $rc -eq 0 ] && [ "$(cat $live 2>/dev/null)" = "$live_before" ]
tap_result $? "/proc/ntsection/sections reads, and the probe left no section" ||
	tap_diag "$sections"

taint_after=$(cat /proc/sys/kernel/tainted)
[ "$taint_after" = "$taint_before" ]
tap_result $? "kernel taint unchanged ($taint_before, now $taint_after)"

rm -rf $victims $tmpfs
tap_done
