# Passes: the helpers from lib.sh, on things every guest has.
. /krust/lib.sh
check "proc is mounted" test -r /proc/version
check "devtmpfs is mounted" test -c /dev/null
check_eq "arithmetic in busybox sh" 4 expr 2 + 2
check_fails "a missing file is missing" test -e /nonexistent
check_fails "the kernel log was emptied before the test" dmesg_has "Linux version"
