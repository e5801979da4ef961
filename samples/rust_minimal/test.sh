# In-VM test of rust_minimal: load with and without parameters, sysfs,
# unload, and bad parameter values.
. /krust/lib.sh
params=/sys/module/rust_minimal/parameters

insmod_ok rust_minimal greetings=3
check "it says hello three times" dmesg_has "rust_minimal: Hello from Rust \(3 of 3\)"
check_fails "and not four" dmesg_has "\(4 of"
check_eq "greetings is in sysfs" 3 cat $params/greetings
check_eq "greetings is read-only (0444)" "-r--r--r--" sh -c "ls -l $params/greetings | cut -c1-10"
check_eq "verbose is writable by root (0644)" "-rw-r--r--" sh -c "ls -l $params/verbose | cut -c1-10"
check_eq "verbose defaults to off" N cat $params/verbose
check "verbose can be set through sysfs" sh -c "echo Y > $params/verbose"
check_eq "and reads back" Y cat $params/verbose
rmmod_ok rust_minimal
check "it says goodbye" dmesg_has "rust_minimal: Goodbye from Rust \(greeted 3 times\)"
check_fails "it is unloaded" module_loaded rust_minimal

dmesg -c >/dev/null
insmod_ok rust_minimal verbose=1
check "the default is one greeting" dmesg_has "Hello from Rust \(1 of 1\)"
check "a bool parameter given at load" dmesg_has "rust_minimal: verbose mode is on"
check_fails "delay is not shown without a value" dmesg_has "that took"
check_fails "a parameter without permissions is not in sysfs" test -e $params/delay
rmmod_ok rust_minimal

dmesg -c >/dev/null
insmod_ok rust_minimal delay=250
check "a parameter without permissions, given at load" dmesg_has "rust_minimal: that took 250 ms"
rmmod_ok rust_minimal
check_fails "a negative value for a u32 is refused" insmod /modules/rust_minimal.ko delay=-5

check_fails "a negative count fails the load" insmod /modules/rust_minimal.ko greetings=-1
check "with the module's own message" dmesg_has "greetings must not be negative, got -1"
check_fails "a non-number is refused by the kernel's parser" insmod /modules/rust_minimal.ko greetings=lots
check_fails "nothing stays loaded" module_loaded rust_minimal
