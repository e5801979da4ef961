# In-VM test of pinned initialisation: rust_pin runs its checks at load
# ("ok NAME" / "FAIL NAME: WHY" each), tears its state down with PinnedDrop
# at rmmod, and fails to load, dropping what it had built, with fail_at=N.
. /krust/lib.sh

insmod_ok rust_pin
check "it ran every check" dmesg_has "rust_pin: done"
for name in side-by-side project drop-all partial-1 partial-2 partial-3 arc-pin-init arc-try-pin-init \
	init-zeroed pin-init-values hygiene; do
	check "$name" dmesg_has "rust_pin: ok $name\$"
done
check_fails "no check failed" dmesg_has "rust_pin: FAIL"
dmesg -c >/dev/null
rmmod_ok rust_pin
check "PinnedDrop ran at rmmod" dmesg_has "rust_pin: Shared torn down, first holds 1\$"
check "then the fields were dropped" dmesg_has "rust_pin: dropped tracker 3\$"

# The module's own state fails at its third field: insmod fails with EINVAL,
# the first two fields are dropped (second first), the third never was.
dmesg -c >/dev/null
check_fails "insmod fail_at=3 fails" insmod /modules/rust_pin.ko fail_at=3
check_fails "it stopped at the failure" dmesg_has "rust_pin: done"
check_eq "the fields before the failure were dropped, last first" "2 1" \
	sh -c "dmesg | sed -n 's/.*rust_pin: dropped tracker //p' | tail -n 2 | tr '\n' ' ' | sed 's/ \$//'"
check_fails "the module is not loaded" module_loaded rust_pin
