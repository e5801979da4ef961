# In-VM test of rust_alloc: every check the module runs at load time passed,
# and the forced failures left no warning in the log (the runner checks that).
. /krust/lib.sh

insmod_ok rust_alloc
check "every allocation check passed" dmesg_has "rust_alloc: all checks passed"
check_fails "no check failed" dmesg_has "rust_alloc: FAILED"
check_eq "83 checks ran" 83 sh -c 'dmesg | grep -c "rust_alloc: ok: "'
rmmod_ok rust_alloc
