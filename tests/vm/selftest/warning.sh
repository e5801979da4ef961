# Exits 0, but a WARNING reaches the kernel log during it (written through
# /dev/kmsg, so it looks to the runner just like one from the kernel): the
# runner must fail the test.
echo "<4>WARNING: CPU: 0 PID: $$ at selftest/warning.sh:5 selftest+0x0/0x0" >/dev/kmsg
exit 0
