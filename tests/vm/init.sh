#!/bin/sh
# /init of the krust vm guest.
#
# Mounts the usual file systems, then runs each test of /krust/config in its
# own session, bounded by KRUST_TIMEOUT seconds, and powers off. The runner on
# the host reads the console: the "==krust-vm==" lines below are its protocol
# (src/vm/vm.h), and everything between a test's begin and end lines is
# attributed to that test. Kernel messages of level info and above reach the
# console while the tests run, so they are attributed too.
/bin/busybox mkdir -p /proc /sys /dev /tmp
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s
export PATH=/sbin:/bin:/usr/sbin:/usr/bin HOME=/root
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
. /krust/config
dmesg -n 7
cd /

# A test runs as a session leader so that a timeout kills every process it
# started. A watchdog, in a session of its own, does the killing and leaves a
# flag behind so that a timeout is told apart from a test killed otherwise.
run_test() {
	name=$1
	dmesg -c >/dev/null
	rm -f /tmp/.krust-timeout
	echo "==krust-vm== begin $name"
	KRUST_TEST=$name setsid sh "/krust/tests/$name" </dev/null &
	pid=$!
	setsid sh -c 'sleep "$1"; : >/tmp/.krust-timeout; kill -s KILL -"$2"' \
		watchdog "$KRUST_TIMEOUT" "$pid" </dev/null &
	dog=$!
	wait "$pid"
	status=$?
	kill -s KILL -"$dog" -"$pid" 2>/dev/null
	if [ -e /tmp/.krust-timeout ]; then
		echo "==krust-vm== end $name timeout"
	else
		echo "==krust-vm== end $name exit $status"
	fi
}

echo "==krust-vm== ready"
for t in $KRUST_TESTS; do
	run_test "$t"
done
echo "==krust-vm== done"
poweroff -f
