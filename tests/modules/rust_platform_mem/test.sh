# rust_platform_mem on the SSDT's two LNUXBEEF devices: LNUXBEEF:00's
# memory resource is the first 256 bytes of QEMU's HPET, mapped
# exclusively: its ID register reads QEMU's HPET ID (vendor 0x8086, three
# timers, revision 1) and its period (10 ns); a second exclusive mapping is
# EBUSY, one of more than the resource EINVAL, a read past it EINVAL.
# LNUXBEEF:01, with no memory, fails its probe with ENODEV. The range is
# requested while bound and released at the unbind: /proc/iomem lists the
# device's resource, and under it, while bound, the request of the same
# range by the same name.
. /krust/lib.sh
drv=/sys/bus/platform/drivers/rust_platform_mem
p="] rust_platform_mem LNUXBEEF"

insmod_ok rust_platform_mem
check "it bound LNUXBEEF:00" test -e $drv/LNUXBEEF:00
check "whose memory is the HPET's first 256 bytes, and only that" \
	dmesg_has "$p:00: memory at 0xfed00000, 0x100 bytes, IORESOURCE_MEM: true, index 1: false$"
check "which read the HPET's ID and period; a second exclusive mapping is EBUSY, one too large and a read past the end EINVAL" \
	dmesg_has "$p:00: id 0x8086a201, period 10000000 fs; mapped again: Err\(EBUSY\); 0x200 bytes: Err\(EINVAL\); read at 0x100: Err\(EINVAL\)$"
ranges() { grep -c "fed00000-fed000ff : LNUXBEEF:00\$" /proc/iomem; }
check "the range is requested under the device's name" test "$(ranges)" = 2
check "LNUXBEEF:01 has no memory" dmesg_has "$p:01: no memory resource at index 0$"
check_fails "so its probe failed, and it is not bound" test -e $drv/LNUXBEEF:01
check "unbinding LNUXBEEF:00" sh -c "echo LNUXBEEF:00 > $drv/unbind"
check "releases the range" test "$(ranges)" = 1
check "binding it again" sh -c "echo LNUXBEEF:00 > $drv/bind"
check "maps it again" test "$(ranges)" = 2
rmmod_ok rust_platform_mem
check "rmmod while bound releases it" test "$(ranges)" = 1
