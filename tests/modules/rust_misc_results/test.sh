# In-VM test of rust_misc_results: callbacks that return EIOCBQUEUED or too
# many bytes give userspace EIO, the kernel warns once and does not BUG.
. /krust/lib.sh

insmod_ok rust_misc_results
check "each result reaches userspace as an errno it can take" /krust/results_test
check "the first bad result is reported" dmesg_has "misc: rust_misc_results::IterOnly::read_iter: returned EIOCBQUEUED; the caller gets EIO"
check_eq "and only the first" 1 sh -c 'dmesg | grep -c "the caller gets EIO"'
rmmod_ok rust_misc_results
check "nothing warned" sh -c '! dmesg | grep -qE "BUG|WARNING|Oops|Poison|Redzone|use-after-free"'
