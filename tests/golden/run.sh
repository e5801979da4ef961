#!/bin/sh
# Golden tests for krust bindgen. Each NAME.h is translated with the flags of
# its "// krust-bindgen-flags:" line, from this directory so that messages
# name files the same everywhere.
#   NAME.rs   expected output; the run must succeed, and the file must compile
#             with rustc (and be as rustfmt leaves it, when rustfmt is found)
#   NAME.err  expected stderr (none means empty); with no NAME.rs the run
#             must fail
#   NAME.c    expected C shims (--helpers-c); the file must compile with cc
# REGEN=1 rewrites the expected files from what krust does now.
# Prints PASS: golden/NAME or FAIL: golden/NAME; exits 1 if any failed.

dir=$(cd "$(dirname "$0")" && pwd)
krust=${KRUST:-$dir/../../build/krust}
krust=$(cd "$(dirname "$krust")" && pwd)/$(basename "$krust")
rustc=${RUSTC:-/usr/bin/rustc}
rustfmt=${RUSTFMT:-$(command -v rustfmt || echo "$HOME/.cargo/bin/rustfmt")}
# A rustup proxy without a toolchain is there but cannot run: treat it as absent.
"$rustfmt" --version >/dev/null 2>&1 || rustfmt=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$dir" || exit 1

# The output is meant for include! from a module that allows C's naming and
# provides what was blocklisted (a "// krust-rust-prelude:" line).
compiles() {
	prelude=$(sed -n 's,^// krust-rust-prelude: *,,p' "${1%.rs}.h")
	cat >"$tmp/lib.rs" <<-LIB
	#![no_std]
	#![allow(non_camel_case_types, non_upper_case_globals, non_snake_case, dead_code)]
	pub mod ffi { pub use core::ffi::*; } // for --ctypes-prefix crate::ffi
	$prelude
	include!("$dir/$1");
	LIB
	"$rustc" --edition 2021 --crate-type lib -D warnings -o "$tmp/lib.rlib" "$tmp/lib.rs" 2>"$tmp/rustc.err" ||
		{ cat "$tmp/rustc.err"; return 1; }
	[ ! -x "$rustfmt" ] || "$rustfmt" --edition 2021 --check "$1" >/dev/null ||
		{ echo "$1: not as rustfmt leaves it"; return 1; }
}

check() {
	name=$1
	flags=$(sed -n 's,^// krust-bindgen-flags: *,,p' "$name.h" | head -n 1)
	# the flags are shell words, quotes and all
	shims=
	[ ! -f "$name.c" ] || shims="--helpers-c $tmp/out.c"
	(eval "\"\$krust\" bindgen $shims $flags \"\$name.h\"") >"$tmp/out.rs" 2>"$tmp/out.err"
	status=$?
	[ -z "$REGEN" ] || [ -z "$shims" ] || cp "$tmp/out.c" "$name.c"
	if [ -n "$shims" ]; then
		diff -u "$name.c" "$tmp/out.c" || return 1
		cc -std=gnu11 -Wall -Wextra -Wmissing-prototypes -Werror -c -o "$tmp/shims.o" "$name.c" || return 1
	fi
	if [ -n "$REGEN" ]; then
		if [ $status = 0 ]; then cp "$tmp/out.rs" "$name.rs"; else rm -f "$name.rs"; fi
		if [ -s "$tmp/out.err" ]; then cp "$tmp/out.err" "$name.err"; else rm -f "$name.err"; fi
	fi
	if [ -f "$name.rs" ]; then
		[ $status = 0 ] || { echo "$name: exit status $status"; return 1; }
		diff -u "$name.rs" "$tmp/out.rs" || return 1
		compiles "$name.rs" || return 1
	else
		[ $status != 0 ] || { echo "$name: succeeded, expected a failure"; return 1; }
	fi
	if [ -f "$name.err" ]; then
		diff -u "$name.err" "$tmp/out.err"
	else
		diff -u /dev/null "$tmp/out.err"
	fi
}

failed=0
for h in *.h; do
	name=${h%.h}
	if check "$name"; then
		echo "PASS: golden/$name"
	else
		echo "FAIL: golden/$name"
		failed=1
	fi
done

# Without the clang driver there is no `clang -E -dM`: the macros' tokens come
# from libclang and nothing is evaluated by clang. Everything but the cast
# (CAST) comes out as before, and one warning says what is lost. KRUST_CLANG
# names the driver; one that is not there is what a machine without clang has.
[ -n "$REGEN" ] || {
	(env KRUST_CLANG=/nonexistent/clang "$krust" bindgen macros.h) >"$tmp/out.rs" 2>"$tmp/out.err"
	status=$?
	cat >"$tmp/want.err" <<-'ERR'
	krust: warning: cannot run /nonexistent/clang (KRUST_CLANG names the clang driver): the macro constants only clang can evaluate (casts, sizeof, function-like macros) are left out
	ERR
	if [ $status = 0 ] && grep -v '^pub const CAST: ' macros.rs | diff -u - "$tmp/out.rs" &&
		diff -u "$tmp/want.err" "$tmp/out.err"; then
		echo "PASS: golden/macros-without-preprocessor"
	else
		echo "FAIL: golden/macros-without-preprocessor"
		failed=1
	fi
	# a driver that runs and fails is a warning too, with the first line it wrote
	(env KRUST_CLANG=false "$krust" bindgen macros.h) >"$tmp/out.rs" 2>"$tmp/out.err"
	status=$?
	cat >"$tmp/want.err" <<-'ERR'
	krust: warning: false -E -dM failed (exit status 1: no message): the macro constants only clang can evaluate (casts, sizeof, function-like macros) are left out
	ERR
	if [ $status = 0 ] && grep -v '^pub const CAST: ' macros.rs | diff -u - "$tmp/out.rs" &&
		diff -u "$tmp/want.err" "$tmp/out.err"; then
		echo "PASS: golden/macros-driver-fails"
	else
		echo "FAIL: golden/macros-driver-fails"
		failed=1
	fi
	# the driver KRUST_CLANG names is the one that runs: the same output as the default's
	driver=$(command -v clang-14 || command -v clang)
	(env KRUST_CLANG="$driver" "$krust" bindgen macros.h) >"$tmp/out.rs" 2>"$tmp/out.err"
	if [ $? = 0 ] && diff -u macros.rs "$tmp/out.rs" && diff -u /dev/null "$tmp/out.err"; then
		echo "PASS: golden/macros-named-driver"
	else
		echo "FAIL: golden/macros-named-driver"
		failed=1
	fi
}
exit $failed
