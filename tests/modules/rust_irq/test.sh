# rust_irq on QEMU's edu card: a hard handler counts each interrupt raised
# through /dev/rust_irq, and synchronises while bound; at the unbind the
# line leaves /proc/interrupts, and a file open across it fails raise with
# ENXIO and sync with ENODEV; a new bind starts a new count; rmmod while
# bound frees the line. Bad commands are EINVAL.
. /krust/lib.sh
edu=$(pci_device 0x1234 0x11e8)
check "QEMU has an edu device" test -n "$edu"
drv=/sys/bus/pci/drivers/rust_irq

insmod_ok rust_irq
check "it bound the edu card" test -e "$drv/$edu"
check "its line is in /proc/interrupts" grep -q rust_irq /proc/interrupts
i=0
while [ $i -lt 100 ] && echo raise >/dev/rust_irq; do
	i=$((i + 1))
done
# The last interrupts may still be on their way: up to 5 s for them.
i=0
while [ $i -lt 50 ] && [ "$(cat /dev/rust_irq)" != "count 100" ]; do
	usleep 100000
	i=$((i + 1))
done
check_eq "100 interrupts raised, 100 acknowledged" "count 100" cat /dev/rust_irq
check "synchronize while bound" sh -c "echo sync >/dev/rust_irq"
sh -c "echo bogus >/dev/rust_irq" 2>/tmp/err
check "an unknown command is EINVAL" grep -q "Invalid argument" /tmp/err
sh -c "echo raise-raise >/dev/rust_irq" 2>/tmp/err
check "so is one too long" grep -q "Invalid argument" /tmp/err

exec 3>/dev/rust_irq
echo "$edu" >"$drv/unbind"
check "unbound" test ! -e "$drv/$edu"
check_fails "the unbind freed the line" grep -q rust_irq /proc/interrupts
sh -c "echo raise >&3" 2>/tmp/err
check "raise through a file open across the unbind is ENXIO" grep -q "No such device or address" /tmp/err
sh -c "echo sync >&3" 2>/tmp/err
check "and sync ENODEV" grep -q "No such device$" /tmp/err
exec 3>&-

echo "$edu" >"$drv/bind"
check "bound again, its line back" grep -q rust_irq /proc/interrupts
check_eq "with a new count" "count 0" cat /dev/rust_irq
echo raise >/dev/rust_irq
usleep 500000
check_eq "which counts" "count 1" cat /dev/rust_irq
rmmod_ok rust_irq
check_fails "rmmod while bound freed the line" grep -q rust_irq /proc/interrupts
