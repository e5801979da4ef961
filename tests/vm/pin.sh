#!/bin/sh
# Pinned initialisation and CondVar in the stock kernel, in one boot:
#   - rust_pin (safe code only): a Mutex and a CondVar side by side built
#     with try_pin_init!, an initialiser failing at each field in turn
#     dropping exactly the fields before it, PinnedDrop at rmmod, insmod
#     failing part-way;
#   - rust_condvar: 4 waiters on one CondVar; notify_one wakes exactly one,
#     notify_all the other three; a signal ends an interruptible wait; a
#     waiter that notify_one picked and a signal then reached says it was
#     woken (with a timeout or not), so the notification is not lost.
# On the host: ignoring what wait_interruptible returns draws rustc's
# must_use warning.
SUITE=pin
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

cat >"$TMP/must_use.rs" <<'RUST'
use kernel::prelude::*;
use kernel::sync::{CondVar, Mutex};
module! { type: M, name: "must_use", license: "GPL", }
#[pin_data]
struct S {
    #[pin]
    m: Mutex<u32>,
    #[pin]
    c: CondVar,
}
struct M;
impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let s = KBox::pin_init(pin_init!(S { m <- new_mutex!(0), c <- new_condvar!() }), GFP_KERNEL)?;
        let mut g = s.m.lock();
        s.c.wait_interruptible(&mut g);
        Ok(M)
    }
}
RUST
"$KRUST" rustc -o "$TMP/must_use.o" "$TMP/must_use.rs" >"$TMP/must_use.out" 2>&1
if grep -q '^warning: unused return value of `CondVar::wait_interruptible` that must be used' "$TMP/must_use.out"; then
	pass wait-interruptible-must-use
else
	fail wait-interruptible-must-use "no must_use warning for an ignored wait_interruptible"
	show "$TMP/must_use.out"
fi

args=
for m in rust_pin rust_condvar; do
	kbuild_or_end "build-$m" "$ROOT/tests/modules/$m"
	args="$args --module $ROOT/tests/modules/$m/$m.ko --test $m=$ROOT/tests/modules/$m/test.sh"
done
# shellcheck disable=SC2086
"$KRUST" vm --smp 2 --timeout 90 --log "$ROOT/build/vm-pin.log" $args || failures=$((failures + 1))
finish
