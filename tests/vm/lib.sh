# lib.sh: helpers for guest tests run by krust vm. A test starts with
#
#     . /krust/lib.sh
#
# and then checks things. Each check prints "ok: WHAT" or "not ok: WHAT" and
# the test goes on; a test with a failed check exits 1 whatever it returns.
#
#   check WHAT CMD...            CMD succeeds
#   check_fails WHAT CMD...      CMD fails
#   check_eq WHAT WANT CMD...    CMD succeeds and prints exactly WANT
#   fail WHAT                    a failed check, for conditions of your own
#   dmesg_has PATTERN            the kernel logged PATTERN (grep -E) during this test
#   insmod_ok MODULE [PARAM=V]   loads MODULE (a name from /modules, or a path)
#   rmmod_ok MODULE              unloads MODULE
#   module_loaded MODULE         MODULE is in /proc/modules
#
# /init empties the kernel log before each test, so dmesg shows only what
# happened during this one.

KRUST_MODULES=/modules
_krust_failed=0
trap '[ "$_krust_failed" -eq 0 ] || exit 1' EXIT

fail() {
	echo "not ok: $1"
	_krust_failed=$((_krust_failed + 1))
}

check() {
	_what=$1
	shift
	"$@"
	_st=$?
	if [ "$_st" -eq 0 ]; then
		echo "ok: $_what"
	else
		fail "$_what (\"$*\" exited with $_st)"
	fi
}

check_fails() {
	_what=$1
	shift
	if "$@"; then
		fail "$_what (\"$*\" succeeded)"
	else
		echo "ok: $_what"
	fi
}

check_eq() {
	_what=$1 _want=$2
	shift 2
	_got=$("$@")
	_st=$?
	if [ "$_st" -ne 0 ]; then
		fail "$_what (\"$*\" exited with $_st)"
	elif [ "$_got" != "$_want" ]; then
		fail "$_what (wanted '$_want', got '$_got')"
	else
		echo "ok: $_what"
	fi
}

dmesg_has() {
	dmesg | grep -qE -e "$1"
}

_krust_module_path() {
	case $1 in
	*/*) echo "$1" ;;
	*.ko) echo "$KRUST_MODULES/$1" ;;
	*) echo "$KRUST_MODULES/$1.ko" ;;
	esac
}

insmod_ok() {
	_mod=$1
	shift
	check "insmod $_mod${*:+ $*}" insmod "$(_krust_module_path "$_mod")" "$@"
}

rmmod_ok() {
	check "rmmod $1" rmmod "$1"
}

module_loaded() {
	grep -q "^$1 " /proc/modules
}

# pci_device VENDOR DEVICE: the address of a PCI device with these IDs
# (0x1b36 0x0005), or nothing when there is none.
pci_device() {
	for _d in /sys/bus/pci/devices/*; do
		if [ "$(cat "$_d/vendor")" = "$1" ] && [ "$(cat "$_d/device")" = "$2" ]; then
			echo "${_d##*/}"
			return
		fi
	done
}
