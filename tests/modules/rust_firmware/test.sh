# In-VM test of rust_firmware: a firmware file present in the guest
# (/lib/firmware/krust/test.bin, random bytes the suite wrote) is read whole
# and byte for byte; a missing one is ENOENT, logged by request() and not by
# request_nowarn(); bad names are EINVAL. fdio names each errno.
. /krust/lib.sh
FW=/lib/firmware/krust/test.bin

insmod_ok rust_firmware
exec 3<>/dev/rust_firmware
check_eq "request krust/test.bin" ok /krust/fdio w 3 krust/test.bin
check "the module saw its size" dmesg_has "rust_firmware: krust/test.bin: $(wc -c <$FW) bytes"
/krust/fdio r 3 >/tmp/fw.out
check "the bytes read are the file's" cmp /tmp/fw.out $FW
exec 3<&-

exec 3<>/dev/rust_firmware
check_eq "request_nowarn finds krust/test.bin too" ok /krust/fdio w 3 "nowarn krust/test.bin"
check "and reads the same bytes" sh -c "/krust/fdio r 3 | cmp - $FW"
check_eq "a missing file is ENOENT" ENOENT /krust/fdio w 3 krust/missing.bin
check "request() logged the missing file" dmesg_has "Direct firmware load for krust/missing.bin failed with error -2"
check "the module got -2" dmesg_has "krust/missing.bin: error -2"
check_eq "the image before was released: nothing to read" ENODATA sh -c '/krust/fdio r 3 2>&1 >/dev/null'
check_eq "request_nowarn: a missing file is ENOENT" ENOENT /krust/fdio w 3 "nowarn krust/quiet.bin"
check "request_nowarn logged nothing about it" sh -c '! dmesg | grep -q "Direct firmware load for krust/quiet.bin"'
check "the module got -2 there too" dmesg_has "krust/quiet.bin: error -2"
check_eq "an empty name is EINVAL" EINVAL /krust/fdio w 3 "nowarn "
check_eq "a name past 128 bytes is EINVAL" EINVAL /krust/fdio w 3 "$(printf '%0200d' 0)"
check_eq "a name that is not UTF-8 is EINVAL" EINVAL /krust/fdio w 3 "$(printf '\377\376')"
exec 3<&-
rmmod_ok rust_firmware
