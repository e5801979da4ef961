# rust_devres_hold gives its BAR's Devres to /dev/rust_devres_hold: after
# the unbind the read fails with ENXIO and BAR0 is released, the Devres still
# held; a value given to the device that holds another Devres of it is
# dropped during the unbind without a hang; a write drops the held Devres,
# which releases BAR0 at once while bound. Then 200 unbind and bind cycles
# while one process reads and another drops the Devres at varying moments
# (before, during and after each unbind); 200 cycles that drop it after each
# unbind, and 200 loads and unloads (which drop it while bound), with no
# slab growth.
. /krust/lib.sh

dev=$(pci_device 0x1b36 0x0005)
check "QEMU's pci-testdev is on the bus" test -n "$dev"
drv=/sys/bus/pci/drivers/rust_devres_hold

insmod_ok rust_devres_hold
check "it bound pci-testdev" test -e "$drv/$dev"
check_eq "the BAR reads through the held Devres" "count 0" cat /dev/rust_devres_hold
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
check "dropping the revoked Devres" sh -c "echo drop >/dev/rust_devres_hold"
cat /dev/rust_devres_hold >/tmp/read.out 2>/tmp/read.err
check "leaves nothing to read (ENODEV)" grep -q "No such device" /tmp/read.err

echo "$dev" >"$drv/bind"
check "bound again" test -e "$drv/$dev"
check_eq "the new probe's BAR reads" "count 0" cat /dev/rust_devres_hold
check "BAR0 is requested again" grep -q rust_devres_hold /proc/iomem
check "dropping the Devres while bound" sh -c "echo drop >/dev/rust_devres_hold"
check_fails "releases BAR0 at once" grep -q rust_devres_hold /proc/iomem
echo "$dev" >"$drv/unbind"
echo "$dev" >"$drv/bind"
check "and the unbind after it, with nothing to release, and a bind" test -e "$drv/$dev"

# The race: 200 unbinds and binds while one process reads and another
# drops the Devres at varying moments.
rm -f /tmp/stop
(while [ ! -e /tmp/stop ]; do cat /dev/rust_devres_hold >/dev/null 2>&1; done) &
reader=$!
(i=0; while [ ! -e /tmp/stop ]; do echo drop >/dev/rust_devres_hold; i=$((i + 1)); usleep $((i % 7 * 300)); done) &
dropper=$!
i=0 ok=0
while [ $i -lt 200 ]; do
	echo "$dev" >"$drv/unbind" && echo "$dev" >"$drv/bind" && ok=$((ok + 1))
	i=$((i + 1))
done
touch /tmp/stop
wait "$reader" "$dropper"
check_eq "200 unbinds and binds under reads and drops at random moments" 200 echo $ok
echo drop >/dev/rust_devres_hold
echo "$dev" >"$drv/unbind"
echo "$dev" >"$drv/bind"
check_eq "after the race, a new probe's BAR reads" "count 0" cat /dev/rust_devres_hold

# The leak check: each cycle drops the Devres after its release ran (a
# write between unbind and bind), under reads.
rm -f /tmp/stop
(while [ ! -e /tmp/stop ]; do cat /dev/rust_devres_hold >/dev/null 2>&1; done) &
reader=$!
/krust/misc_test bind-cycles 200 rust_devres_hold "$dev" /dev/rust_devres_hold ||
	fail "200 unbind, drop and bind cycles under reads leak nothing"
touch /tmp/stop
wait "$reader"

rmmod_ok rust_devres_hold
check_fails "rmmod while bound releases BAR0" grep -q rust_devres_hold /proc/iomem
/krust/misc_test cycles 200 /modules/rust_devres_hold.ko || fail "200 load and unload cycles leak nothing"
