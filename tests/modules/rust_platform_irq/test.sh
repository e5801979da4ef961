# rust_platform_irq on the SSDT's two LNUXBEEF devices: LNUXBEEF:00, with
# an interrupt line at index 0, gets a handler registered for it by index
# (in /proc/interrupts while bound), and index 1 is ENXIO; LNUXBEEF:01,
# with no line, fails its probe with ENXIO. The line goes at the unbind,
# is back at the bind, and goes at rmmod.
. /krust/lib.sh
drv=/sys/bus/platform/drivers/rust_platform_irq
p="] rust_platform_irq LNUXBEEF"

insmod_ok rust_platform_irq
check "it bound LNUXBEEF:00" test -e $drv/LNUXBEEF:00
check "which has a line at index 0 and none at 1" dmesg_has "$p:00: line [0-9]+ at index 0; index 1: Err\(ENXIO\)$"
check "its handler is in /proc/interrupts" grep -q rust_platform_irq /proc/interrupts
check "LNUXBEEF:01 has no line" dmesg_has "$p:01: no line at index 0: ENXIO$"
check_fails "so its probe failed, and it is not bound" test -e $drv/LNUXBEEF:01
# The driver core logs a failed probe, except for ENODEV and ENXIO, which
# say "not this device".
check_fails "with ENXIO, which the driver core does not log" dmesg_has "LNUXBEEF:01.* failed with error"
check "unbinding LNUXBEEF:00" sh -c "echo LNUXBEEF:00 > $drv/unbind"
check_fails "frees the line" grep -q rust_platform_irq /proc/interrupts
check "binding it again" sh -c "echo LNUXBEEF:00 > $drv/bind"
check "requests it again" grep -q rust_platform_irq /proc/interrupts
rmmod_ok rust_platform_irq
check_fails "rmmod while bound frees it" grep -q rust_platform_irq /proc/interrupts
