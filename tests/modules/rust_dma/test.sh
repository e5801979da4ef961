# rust_dma on QEMU's pci-testdev: the probe's checks of DMA masks, coherent
# memory and a scatter-gather table, each logged as "ok: ..." or "not ok:
# ...", and the unbind's check that the coherent memory kept its values.
. /krust/lib.sh

dev=$(pci_device 0x1b36 0x0005)
check "QEMU's pci-testdev is on the bus" test -n "$dev"

insmod_ok rust_dma
check "the driver is bound" test -e "/sys/bus/pci/drivers/rust_dma/$dev"
dmesg | grep "rust_dma $dev: " | sed 's/^\[[ 0-9.]*\] //'
check_eq "the probe's 7 checks passed" 7 sh -c "dmesg | grep -c 'rust_dma $dev: ok: '"
check_fails "no check failed" dmesg_has "rust_dma $dev: not ok: "
check "4 pages mapped for the device" dmesg_has "rust_dma $dev: ok: 4 pages mapped in [1-4] entries of 16384 bytes"
rmmod_ok rust_dma
check "the coherent memory kept its values to the unbind" \
	dmesg_has "rust_dma $dev: ok: the coherent memory kept its values to the unbind"
check "200 load and unload cycles, each mapping and unmapping, leak nothing" \
	/krust/misc_test cycles 200 /modules/rust_dma.ko
