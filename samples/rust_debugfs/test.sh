# In-VM test of rust_debugfs: the files show what the module set, take
# what parses, refuse the rest with EINVAL, and go with the module.
. /krust/lib.sh
D=/sys/kernel/debug/sample_debugfs

insmod_ok rust_debugfs
check_eq "compatible shows the string" '"sample-debugfs"' cat $D/compatible
check_eq "counter shows what init stored" 91 cat $D/counter
check_eq "pair shows what init made of it" "Inner { x: 10, y: 42 }" cat $D/pair
check_eq "counter takes a number" ok /krust/fdio w $D/counter 7
check_eq "and shows it" 7 cat $D/counter
check_eq "counter takes a number with a newline" ok /krust/fdio w $D/counter "$(printf '12\n')"
check_eq "and shows it" 12 cat $D/counter
check_eq "counter refuses text: EINVAL" EINVAL /krust/fdio w $D/counter abc
check_eq "counter refuses a negative number: EINVAL" EINVAL /krust/fdio w $D/counter -1
check_eq "counter refuses 30 digits: EINVAL" EINVAL /krust/fdio w $D/counter 123456789012345678901234567890
check_eq "counter refuses bytes that are not UTF-8: EINVAL" EINVAL /krust/fdio w $D/counter "$(printf '\377')"
check_eq "and still shows the number before" 12 cat $D/counter
check_eq "pair takes two numbers" ok /krust/fdio w $D/pair "1 2"
check_eq "and shows them" "Inner { x: 1, y: 2 }" cat $D/pair
check_eq "pair refuses one number: EINVAL" EINVAL /krust/fdio w $D/pair 5
check_eq "pair refuses three: EINVAL" EINVAL /krust/fdio w $D/pair "5 6 7"
check_eq "pair refuses more than 128 bytes: EINVAL" EINVAL /krust/fdio w $D/pair "$(printf '%0130d' 1)"
check_eq "and still shows the pair before" "Inner { x: 1, y: 2 }" cat $D/pair
check_eq "compatible is read-only: a write is EINVAL" EINVAL /krust/fdio w $D/compatible x
check_eq "its mode is 0400" 400 stat -c %a $D/compatible
check_eq "counter's is 0600" 600 stat -c %a $D/counter
check_eq "reset's is 0200" 200 stat -c %a $D/regs/reset

check_eq "the scope's read-only register" 10 cat $D/regs/a
check_eq "the scope's subdirectory" 11 cat $D/regs/more/b
check_eq "a scoped file takes a write" ok /krust/fdio w $D/regs/more/b 200
check_eq "and shows it" 200 cat $D/regs/more/b
check_eq "a u8 refuses 256: EINVAL" EINVAL /krust/fdio w $D/regs/more/b 256
check_eq "the callback file shows hits in hex" 0xff cat $D/regs/hex
check_eq "hits takes a write" ok /krust/fdio w $D/regs/hits 4096
check_eq "which the callback file shows" 0x1000 cat $D/regs/hex
check_eq "reset refuses 2: EINVAL" EINVAL /krust/fdio w $D/regs/reset 2
check_eq "reset refuses a long write: EINVAL" EINVAL /krust/fdio w $D/regs/reset 11111
check_eq "reset takes 1" ok /krust/fdio w $D/regs/reset 1
check_eq "which zeroed hits" 0 cat $D/regs/hits
check_eq "reset is write-only: a read is EINVAL" EINVAL sh -c "/krust/fdio r $D/regs/reset 2>&1"

# An open file holds the module; after rmmod the files are gone.
exec 3<$D/counter
check_fails "rmmod while a file is open is refused" rmmod rust_debugfs 2>/dev/null
exec 3<&-
rmmod_ok rust_debugfs
check "the directory went with the module" test ! -e $D
