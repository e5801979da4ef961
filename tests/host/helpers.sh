#!/bin/sh
# Helpers: static inline functions and listed macros called from Rust
# through C shims compiled into the module on demand.
#   - a module that calls none links no shim (with LTO); rust_helpers links only its own
#   - a shim needing a symbol the kernel does not export fails the build
#     with one sentence naming the helper and the symbol, before modpost
#   - rust_helpers checks one helper or more of each family in the VM
SUITE=helpers
. "$(dirname "$0")/lib.sh"
vm_or_skip vm

shims() { nm "$1" | grep -c ' T krust_helper_'; }

# With LTO, so that what the kernel crate holds but rust_minimal never calls
# (without LTO, the crate's object is linked whole) is gone too.
if kbuild "$ROOT/samples/rust_minimal" KRUST_LTO=1; then
	n=$(shims "$ROOT/samples/rust_minimal/rust_minimal.ko")
	[ "$n" -eq 0 ] && pass no-helpers-no-shims || fail no-helpers-no-shims "rust_minimal holds $n shims"
	kbuild "$ROOT/samples/rust_minimal"
else
	fail no-helpers-no-shims "rust_minimal did not build"
	show "$TMP/make.log"
fi

mod=$ROOT/tests/modules/rust_helpers
kbuild_or_end build-rust_helpers "$mod"
n=$(shims "$mod/rust_helpers.ko")
if [ "$n" -gt 0 ] && [ "$n" -lt 60 ]; then
	pass only-used-shims
else
	fail only-used-shims "rust_helpers holds $n shims"
fi

mkdir -p "$TMP/unexported"
printf 'obj-m := unexported.o\ninclude %s/kbuild/krust.mk\n' "$ROOT" >"$TMP/unexported/Kbuild"
cat >"$TMP/unexported/unexported.rs" <<'RUST'
extern crate bindings;
use kernel::prelude::*;
module! { type: Unexported, name: "unexported", license: "GPL", }
struct Unexported;
impl Module for Unexported {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        // SAFETY: never run: the build must fail.
        let pgd = unsafe { bindings::pgd_offset_k(0) };
        pr_info!("{:p}\n", pgd);
        Ok(Unexported)
    }
}
RUST
if kbuild "$TMP/unexported"; then
	fail unexported-helper "the build succeeded"
elif [ "$(grep -c 'error:' "$TMP/make.log")" -ne 1 ] || grep -q modpost "$TMP/make.log" ||
	! grep -qE 'error: helper pgd_offset_k needs init_mm, which kernel .* does not export to modules' "$TMP/make.log"; then
	fail unexported-helper "not the one sentence naming helper and symbol"
	show "$TMP/make.log"
else
	pass unexported-helper
fi

"$KRUST" vm --timeout 60 --log "$ROOT/build/vm-helpers.log" \
	--module "$mod/rust_helpers.ko" --test "helpers=$mod/test.sh" || failures=$((failures + 1))
finish
