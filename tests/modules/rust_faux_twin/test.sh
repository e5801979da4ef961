# rust_faux_twin beside rust_driver_faux: two modules with the faux glue at
# once, each with its own bus, both with a device named rust-faux-sample,
# unloaded in either order; the names the glue refuses give ENODEV.
. /krust/lib.sh
sample=/sys/devices/faux-rust_driver_faux/rust-faux-sample
twin=/sys/devices/faux-rust_faux_twin/rust-faux-sample

insmod_ok rust_driver_faux
insmod_ok rust_faux_twin
check "the twin's device probed" dmesg_has "] faux_driver rust-faux-sample: the twin's device$"
check "a second device of the same name fails with ENODEV" \
	dmesg_has "] rust_faux_twin: a second device of the same name refused: ENODEV$"
check "an empty name fails with ENODEV" dmesg_has "] rust_faux_twin: an empty name refused: ENODEV$"
check_fails "neither was made" dmesg_has "was not refused"
check "both modules' devices exist" test -d $sample -a -d $twin
check "on two buses" test -e /sys/bus/faux-rust_driver_faux/devices/rust-faux-sample \
	-a -e /sys/bus/faux-rust_faux_twin/devices/rust-faux-sample
rmmod_ok rust_driver_faux
check_fails "the first module's device is gone" test -e $sample
check "the twin's stays" test -d $twin
insmod_ok rust_driver_faux
rmmod_ok rust_faux_twin
check_fails "the twin's device is gone" test -e $twin
check "the sample's stays" test -d $sample
rmmod_ok rust_driver_faux
check_fails "no faux bus is left" sh -c "ls -d /sys/bus/faux-* 2>/dev/null | grep -q ."
