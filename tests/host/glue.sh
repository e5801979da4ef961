#!/bin/sh
# C glue (rust/glue/): a module gets the glue sources it calls, compiled
# with its own C command, and no others.
#   - rust_minimal, which uses no faux device, has no glue (no faux bus, no
#     krust_glue_ symbol) and its depfile names no glue source, with and
#     without LTO;
#   - rust_driver_faux has the faux glue, and its depfile names faux.c and
#     faux.h, so that an edited glue source rebuilds it and not rust_minimal;
#   - a module calling a glue function no source defines fails with one
#     sentence naming it.
SUITE=glue
. "$(dirname "$0")/lib.sh"

minimal=$ROOT/samples/rust_minimal
faux=$ROOT/samples/rust_driver_faux
glue_symbols() { nm "$1" | grep -cE ' (krust_glue_|faux_bus$|faux_driver$)'; }
depfile_names_glue() { grep -q "$ROOT/rust/glue/faux.c" "$1" && grep -q "$ROOT/rust/glue/faux.h" "$1"; }

for lto in 0 1; do
	name=$([ $lto = 1 ] && echo -lto)
	if ! kbuild "$minimal" KRUST_LTO=$lto || ! kbuild "$faux" KRUST_LTO=$lto; then
		fail "build$name" "make -C KDIR M=samples/... KRUST_LTO=$lto failed"
		show "$TMP/make.log"
		continue
	fi
	n=$(glue_symbols "$minimal/rust_minimal.o")
	if [ "$n" -eq 0 ] && ! grep -q "$ROOT/rust/glue/" "$minimal/.rust_minimal.o.cmd"; then
		pass "no-glue-without-faux$name"
	else
		fail "no-glue-without-faux$name" "rust_minimal.o has $n glue symbols, or its depfile names rust/glue/"
	fi
	if nm "$faux/rust_driver_faux.o" | grep -q ' T krust_glue_faux_device_create$' &&
		depfile_names_glue "$faux/.rust_driver_faux.o.cmd"; then
		pass "glue-with-faux$name"
	else
		fail "glue-with-faux$name" "rust_driver_faux.o lacks krust_glue_faux_device_create, or its depfile faux.c and faux.h"
	fi
done

# An edited glue source rebuilds the module that has it, and only that one.
kbuild "$minimal" && kbuild "$faux"
touch "$ROOT/rust/glue/faux.c"
kbuild "$faux" && faux_log=$(cat "$TMP/make.log")
kbuild "$minimal"
if echo "$faux_log" | grep -q '^  RUSTC ' && ! grep -q '^  RUSTC ' "$TMP/make.log"; then
	pass glue-edit-rebuilds
else
	fail glue-edit-rebuilds "touching rust/glue/faux.c did not rebuild rust_driver_faux.o alone"
fi

# Glue that does not exist.
bad_module() {
	mkdir -p "$TMP/$1"
	echo "obj-m := $1.o" >"$TMP/$1/Kbuild"
	echo "include $ROOT/kbuild/krust.mk" >>"$TMP/$1/Kbuild"
	cat >"$TMP/$1/$1.rs" <<RUST
use kernel::prelude::*;
module! { type: M, name: "$1", license: "GPL", }
extern "C" {
    fn $2();
}
struct M;
impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        // SAFETY: a function of no arguments; the build is to fail.
        unsafe { $2() };
        Ok(M)
    }
}
RUST
}
bad_module glue_unknown krust_glue_nosuch_thing
expect_error glue-unknown "error: the module calls krust_glue_nosuch_thing, which no glue source in .*/rust/glue defines" \
	make -C "$(kdir)" M="$TMP/glue_unknown"
bad_module glue_undefined krust_glue_faux_nosuch
expect_error glue-undefined "error: the module calls krust_glue_faux_nosuch, which its glue source does not define" \
	make -C "$(kdir)" M="$TMP/glue_undefined"
finish
