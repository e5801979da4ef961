# Panics the kernel: the runner must fail this test and every one after it,
# and return at once.
echo c >/proc/sysrq-trigger
sleep 100000
