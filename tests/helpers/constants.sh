#!/bin/sh
# Constants and helpers agree: a value krust bindgen emits as a Rust constant
# is the value C code, and so a C shim, computes for the same name.
#   golden-limit      tests/golden/helpers.h: the constant LIMIT equals what
#                     the shim of the inline function limit() returns, run
#                     on the host
#   kernel-constants  every integer constant of the kernel crate's bindings
#                     that C defines as a macro has, for the kernel's gcc and
#                     flags, the same value (a _Static_assert per constant)
SUITE=helpers-constants
. "$(dirname "$0")/../host/lib.sh"

golden=$ROOT/tests/golden
(cd "$golden" && "$KRUST" bindgen --helper-macros helpers.list --helpers-c "$TMP/shims.c" \
	helpers.h -o "$TMP/helpers.rs") 2>"$TMP/err"
cat >"$TMP/main.rs" <<RUST
#![allow(non_camel_case_types, non_upper_case_globals, non_snake_case, dead_code)]
mod c {
    include!("$TMP/helpers.rs");
}
fn main() {
    // SAFETY: limit() takes nothing and returns a value.
    let from_helper = unsafe { c::limit() };
    println!("LIMIT {} limit() {}", c::LIMIT, from_helper);
    std::process::exit(if i64::from(c::LIMIT) == i64::from(from_helper) { 0 } else { 1 });
}
RUST
if cc -std=gnu11 -Wall -Wextra -Werror -I"$golden" -c -o "$TMP/shims.o" "$TMP/shims.c" 2>>"$TMP/err" &&
	ar rcs "$TMP/libshims.a" "$TMP/shims.o" &&
	/usr/bin/rustc --edition 2021 -L "$TMP" -l static=shims -o "$TMP/main" "$TMP/main.rs" 2>>"$TMP/err"; then
	if "$TMP/main" >"$TMP/out"; then
		pass golden-limit
	else
		fail golden-limit "$(cat "$TMP/out")"
	fi
else
	fail golden-limit "the bindings or shims of tests/golden/helpers.h did not build"
	show "$TMP/err"
fi

if ! crate=$("$KRUST" prepare 2>"$TMP/prepare.log"); then
	fail kernel-constants "krust prepare failed"
	show "$TMP/prepare.log"
	finish
	exit
fi
mkdir -p "$TMP/probe"
printf 'obj-m := probe.o\nccflags-y := $(PROBE_FLAGS)\n' >"$TMP/probe/Kbuild"
printf '#include "%s"\n' "$ROOT/rust/bindings/bindings.h" >"$TMP/probe/probe.c"
kbuild "$TMP/probe" PROBE_FLAGS=-dM probe.i
sed -nE 's,^#define ([A-Za-z_0-9]+) .*,\1,p' "$TMP/probe/probe.i" | sort -u >"$TMP/macros"
# a __bitwise type's constant is wrapped in its newtype: gfp_t(3264)
sed -nE 's/^pub const ([A-Za-z_0-9]+): [a-z_0-9]+ = ([a-z_0-9]+\()?(-?[0-9]+)\)?;$/\1 \3/p' "$crate/bindings.rs" |
	awk 'NR == FNR { macro[$1] = 1; next }
	macro[$1] {
		suffix = ($2 ~ /^-/) ? "LL" : "ULL"
		printf "_Static_assert((%s) == %s%s, \"%s is %s in Rust\");\n", $1, $2, suffix, $1, $2
	}' "$TMP/macros" - >>"$TMP/probe/probe.c"
n=$(grep -c _Static_assert "$TMP/probe/probe.c")
if kbuild "$TMP/probe" probe.o; then
	echo "info: $n macro constants agree with the kernel's gcc"
	pass kernel-constants
else
	fail kernel-constants "a constant differs from C's value (of $n checked)"
	grep -E 'static assertion failed|error:' "$TMP/make.log" | head -n 10 | sed 's/^/    /'
fi
finish
