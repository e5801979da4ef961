# In-VM test of rust_register_pci: typed registers on pci-testdev's BAR0.
. /krust/lib.sh

insmod_ok rust_register_pci
check "it bound to pci-testdev" test -e /sys/bus/pci/drivers/rust_register_pci/0000:00:0*
check "TEST, OFFSET and DATA gave test 0's target" dmesg_has "rust_register_pci .*: test 0 wants 0x[0-9a-f]+ at 0x[0-9a-f]+"
check "COUNT counted the matching write" dmesg_has "count 1 \(COUNT\(0x1\)\), halves 1 0"
check "a relative read past the BAR is EINVAL" dmesg_has "window past the BAR: error -22"
check "a relative read inside it reads the register" dmesg_has "window at the count: 1"
rmmod_ok rust_register_pci
