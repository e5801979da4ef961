# rust_devres_hold keeps its BAR's Devres alive past the unbind, behind
# /dev/rust_devres_hold: after the unbind the read fails with ENXIO, BAR0 is
# released, and a value given to the device that holds another Devres of it
# is dropped during the unbind without a hang. Then 200 unbind and bind
# cycles while a reader hammers the device, with no slab growth.
. /krust/lib.sh

dev=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1b36 ] && [ "$(cat "$d/device")" = 0x0005 ]; then
		dev=${d##*/}
	fi
done
check "QEMU's pci-testdev is on the bus" test -n "$dev"
drv=/sys/bus/pci/drivers/rust_devres_hold

insmod_ok rust_devres_hold
check "it bound pci-testdev" test -e "$drv/$dev"
check_eq "the BAR reads through the shared Devres" "count 0" cat /dev/rust_devres_hold
exec 3</dev/rust_devres_hold
echo "$dev" >"$drv/unbind"
check "unbound" test ! -e "$drv/$dev"
check_fails "BAR0 is released at unbind, the Devres still held" grep -q rust_devres_hold /proc/iomem
check "the value holding a Devres was dropped during the unbind, its Devres still available" \
	dmesg_has "nested value dropped, its Devres still available"
cat /dev/rust_devres_hold >/tmp/read.out 2>/tmp/read.err
check "a read after the unbind fails" test -s /tmp/read.err
check "with ENXIO" grep -q "No such device or address" /tmp/read.err
check_fails "an open file's read fails too" sh -c "cat <&3"
exec 3<&-

echo "$dev" >"$drv/bind"
check "bound again" test -e "$drv/$dev"
check_eq "the new probe's BAR reads" "count 0" cat /dev/rust_devres_hold

rm -f /tmp/stop
(while [ ! -e /tmp/stop ]; do cat /dev/rust_devres_hold >/dev/null 2>&1; done) &
reader=$!
/krust/misc_test bind-cycles 200 rust_devres_hold "$dev" || fail "200 unbind and bind cycles under reads leak nothing"
touch /tmp/stop
wait "$reader"

rmmod_ok rust_devres_hold
check_fails "rmmod while bound releases BAR0" grep -q rust_devres_hold /proc/iomem
/krust/misc_test cycles 200 /modules/rust_devres_hold.ko || fail "200 load and unload cycles leak nothing"
