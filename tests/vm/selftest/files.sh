# The runner copies files given with --file and modules given with --module.
. /krust/lib.sh
check_eq "a --file lands at its guest path" "hello from the host" cat /data/hello.txt
check "an executable --file stays executable" test -x /data/hello.sh
check_eq "and runs" "hello from a script" /data/hello.sh
for m in /modules/*.ko; do
	[ -e "$m" ] || continue
	name=$(basename "$m" .ko)
	insmod_ok "$name"
	check "$name is loaded" module_loaded "$name"
done
