#!/bin/sh
# The proc macros (rust/macros/) on input they cannot take: each case must
# fail to compile with the one sentence naming what is wrong, pointing at
# the user's code, and no other error (but for an impl with no `drop`,
# which also lacks what the trait asks for).
SUITE=macros
. "$(dirname "$0")/lib.sh"

# case_ NAME MESSAGE [ERRORS]: compiles $TMP/NAME.rs (a module's items from
# stdin) and checks; ERRORS is how many errors rustc may give in all (1).
case_() {
	name=$1 message=$2 errors=${3:-1}
	{
		echo 'use kernel::prelude::*;'
		echo "module! { type: M, name: \"$name\", license: \"GPL\", }"
		echo 'struct M;'
		echo 'impl Module for M { fn init(_m: &'"'"'static ThisModule) -> Result<Self> { Ok(M) } }'
		cat
	} >"$TMP/$name.rs"
	"$KRUST" rustc -o "$TMP/$name.o" "$TMP/$name.rs" >"$TMP/$name.out" 2>&1
	status=$?
	first=$(grep -m1 '^error' "$TMP/$name.out")
	if [ "$status" -eq 0 ]; then
		fail "$name" "compiled"
	elif [ "$first" != "error: $message" ]; then
		fail "$name" "the first error is not 'error: $message'"
		show "$TMP/$name.out"
	elif ! grep -qE "^error: aborting due to $errors previous errors?(;|\$)" "$TMP/$name.out"; then
		fail "$name" "more errors than the one"
		show "$TMP/$name.out"
	elif ! grep -q -- "--> $TMP/$name.rs:" "$TMP/$name.out"; then
		fail "$name" "the error does not point into the user's file"
		show "$TMP/$name.out"
	else
		pass "$name"
	fi
}

case_ pin-data-enum '#[pin_data] applies to a struct with named fields' <<'RUST'
#[pin_data]
enum E { A }
RUST
case_ pin-data-tuple '#[pin_data] applies to a struct with named fields' <<'RUST'
#[pin_data]
struct T(u32);
RUST
case_ pin-data-args 'expected `PinnedDrop` or nothing' <<'RUST'
#[pin_data(Drop)]
struct S { a: u32 }
RUST
case_ zeroable-enum '#[derive(Zeroable)] applies to a struct with named fields' <<'RUST'
#[derive(Zeroable)]
enum E { A }
RUST
case_ pinned-drop-args '#[pinned_drop] takes no arguments' <<'RUST'
#[pin_data(PinnedDrop)]
struct S { a: u32 }
#[pinned_drop(now)]
impl PinnedDrop for S { fn drop(self: Pin<&mut Self>) {} }
RUST
case_ pinned-drop-other-trait '#[pinned_drop] applies to `impl PinnedDrop for T { fn drop(self: Pin<&mut Self>) { .. } }`' <<'RUST'
struct S;
#[pinned_drop]
impl Drop for S { fn drop(&mut self) {} }
RUST
case_ pinned-drop-unsafe 'write `impl PinnedDrop`, without `unsafe`: #[pinned_drop] adds it' <<'RUST'
#[pin_data(PinnedDrop)]
struct S { a: u32 }
#[pinned_drop]
unsafe impl PinnedDrop for S { fn drop(self: Pin<&mut Self>) {} }
RUST
case_ pinned-drop-no-drop 'expected `fn drop(self: Pin<&mut Self>)`' 2 <<'RUST'
#[pin_data(PinnedDrop)]
struct S { a: u32 }
#[pinned_drop]
impl PinnedDrop for S { fn tear_down(self: Pin<&mut Self>) {} }
RUST
finish
