# In-VM run of the kernel crate's doc examples (rust_doctests, generated).
. /krust/lib.sh

insmod_ok rust_doctests
dmesg | grep -E 'rust_doctests: (not )?ok ' | sed 's/^[^]]*] rust_doctests: //'
check "the doc examples ran" dmesg_has 'rust_doctests: 1\.\.[1-9]'
check_fails "no doc example failed" dmesg_has 'rust_doctests: not ok'
rmmod_ok rust_doctests
