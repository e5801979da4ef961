# In-VM test of rust_configfs: the subsystem's attributes read and take
# writes, bad input is refused with a plain errno, mkdir makes the child and
# grandchild groups (and no deeper), and the module is held while a group
# or an open attribute file needs it.
. /krust/lib.sh
C=/sys/kernel/config/rust_configfs

# fdio prints the errno of a failed open too, with a status of its own.
fdio() { /krust/fdio "$@"; true; }

check "insmod configfs.ko" insmod /modules/configfs.ko
check "mount configfs" mount -t configfs none /sys/kernel/config
insmod_ok rust_configfs
check_eq "message shows the greeting" "Hello World" cat $C/message
check_eq "bar starts empty" "" cat $C/bar
check_eq "bar takes a write" ok fdio w $C/bar hello
check_eq "and shows it" hello cat $C/bar
check_eq "count takes a number" ok fdio w $C/count 5
check_eq "and shows it" 5 cat $C/count
check_eq "count refuses text: EINVAL" EINVAL fdio w $C/count abc
check_eq "count refuses a negative number: EINVAL" EINVAL fdio w $C/count -3
check_eq "count refuses bytes that are not UTF-8: EINVAL" EINVAL fdio w $C/count "$(printf '\377')"
check_eq "count still shows 5" 5 cat $C/count
check_eq "message is read-only: opening it to write is EACCES" "open EACCES" fdio w $C/message x

check "mkdir makes a child group" mkdir $C/child
check_eq "the child's attribute" "Hello Baz" cat $C/child/baz
check "mkdir in the child makes a grandchild" mkdir $C/child/gc1
check_eq "the grandchild's attribute" "Hello GC" cat $C/child/gc1/gc
check "mkdir in the grandchild is refused: EPERM" sh -c "mkdir $C/child/gc1/x 2>&1 | grep -q 'Operation not permitted'"
check "a name of 40 bytes is refused: ENAMETOOLONG" sh -c "mkdir $C/$(printf '%040d' 0) 2>&1 | grep -q 'too long'"
check_fails "rmmod while groups exist is refused" rmmod rust_configfs 2>/dev/null
check "rmdir the grandchild" rmdir $C/child/gc1

exec 3<$C/child/baz
check "rmdir the child while its attribute is open" rmdir $C/child
check "the child is gone" test ! -e $C/child
check_fails "rmmod while an attribute file is open is refused" rmmod rust_configfs 2>/dev/null
exec 3<&-

i=0
while [ $i -lt 50 ]; do
	mkdir $C/g$i && mkdir $C/g$i/sub && rmdir $C/g$i/sub && rmdir $C/g$i || break
	i=$((i + 1))
done
check_eq "50 rounds of mkdir and rmdir" 50 echo $i
rmmod_ok rust_configfs
check "the subsystem went with the module" test ! -e $C
