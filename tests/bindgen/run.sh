#!/bin/sh
# Layout tests for krust bindgen: the numbers it takes from clang must be
# those Rust gives the emitted types and those gcc gives the C types.
#   layout-NAME   each golden header, with --layout-checks: rustc checks the
#                 Rust side; its checks, turned into C _Static_asserts, are
#                 compiled by gcc with the header
#   kernel-NAME   the same for kernel headers, parsed with --kernel; the C side
#                 is built as a module by the kernel's own Kbuild and gcc
#   stable-items  an item held while 1100 more are made stays where it was
#   glibc-netdb   <netdb.h>, whose macro repeats an enum constant, compiles
#   deterministic two runs give the same bytes
#   valgrind      a run under valgrind is clean (skipped in sanitizer builds)
# Prints PASS:/FAIL:/SKIP: bindgen/NAME lines; exits 1 if any failed.

dir=$(cd "$(dirname "$0")" && pwd)
golden=$dir/../golden
krust=${KRUST:-$dir/../../build/krust}
krust=$(cd "$(dirname "$krust")" && pwd)/$(basename "$krust")
rustc=${RUSTC:-/usr/bin/rustc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

report() { # name status [reason]
	if [ "$2" = 0 ]; then echo "PASS: bindgen/$1"; else echo "FAIL: bindgen/$1${3:+: $3}"; failed=1; fi
}

rust_compiles() { # file.rs
	printf '#![no_std]\n#![allow(non_camel_case_types, non_upper_case_globals, non_snake_case, dead_code)]\n%s\ninclude!("%s");\n' \
		"$2" "$1" >"$tmp/lib.rs"
	"$rustc" --edition 2021 --crate-type lib -D warnings -o "$tmp/lib.rlib" "$tmp/lib.rs"
}

# Golden headers that translate, with the layout checks on.
for h in "$golden"/*.h; do
	name=$(basename "$h" .h)
	[ -f "$golden/$name.rs" ] || continue
	flags=$(sed -n 's,^// krust-bindgen-flags: *,,p' "$h" | head -n 1)
	prelude=$(sed -n 's,^// krust-rust-prelude: *,,p' "$h")
	(cd "$golden" && eval "\"\$krust\" bindgen --layout-checks $flags \"\$h\"") >"$tmp/$name.rs" 2>/dev/null &&
		rust_compiles "$tmp/$name.rs" "pub mod ffi { pub use core::ffi::*; } $prelude" &&
		{ echo "#include \"$h\""; awk -f "$dir/layout2c.awk" "$tmp/$name.rs"; } >"$tmp/$name.c" &&
		gcc -std=gnu11 -w -fsyntax-only "$tmp/$name.c"
	report "layout-$name" $?
done

# A kernel build tree: KDIR, else the newest under /lib/modules.
kdir=${KDIR:-$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1)}
kernel_case() { # name header krust-options...
	name=$1 header=$2
	shift 2
	if [ ! -f "$kdir/.config" ]; then
		echo "SKIP: bindgen/kernel-$name: no kernel build tree (set KDIR)"
		return
	fi
	mkdir -p "$tmp/k-$name"
	"$krust" bindgen --kernel "$kdir" --layout-checks "$@" "$header" >"$tmp/k-$name/out.rs" &&
		rust_compiles "$tmp/k-$name/out.rs" &&
		{ cat "$header"; awk -f "$dir/layout2c.awk" "$tmp/k-$name/out.rs"; echo 'MODULE_LICENSE("GPL");'; } \
			>"$tmp/k-$name/checks.c" &&
		echo 'obj-m := checks.o' >"$tmp/k-$name/Kbuild" &&
		make -s -C "$kdir" M="$tmp/k-$name" modules >"$tmp/k-$name/make.log" 2>&1 ||
		{ cat "$tmp/k-$name/make.log" 2>/dev/null; false; }
	report "kernel-$name" $?
}
kernel_case crate "$dir/kernel-crate.h" --allowlist-function '_printk' \
	--allowlist-var 'param_ops_.*|__this_module|E[A-Z0-9]+|KERN_.*' --allowlist-type 'kernel_param.*|module'
kernel_case wide "$dir/kernel-wide.h"

sanitized() { nm "$krust" 2>/dev/null | grep -q __asan_init; }

# A record whose walk adds more items than the IR held (1100 enums in an
# anonymous member with no named field), then warns about that member: the
# member's item must not have moved meanwhile. ASan sees a read of freed
# memory otherwise, and so does valgrind in a plain build.
awk 'BEGIN { print "struct outer {\n\tint before;\n\tstruct {"
	for (i = 0; i < 1100; i++) printf "\t\tenum { E%d } : 1;\n", i
	print "\t};\n};" }' >"$tmp/grow.h"
checked=
if ! sanitized && command -v valgrind >/dev/null; then
	checked="valgrind -q --error-exitcode=99"
fi
(cd "$tmp" && $checked "$krust" bindgen grow.h) >"$tmp/grow.rs" 2>"$tmp/grow.err" &&
	grep -qx 'grow.h:3:2: warning: cannot place an anonymous member; its record becomes opaque' "$tmp/grow.err" &&
	rust_compiles "$tmp/grow.rs" || { head -n 5 "$tmp/grow.err"; false; }
report stable-items $?

# glibc's <netdb.h> defines IPPORT_RESERVED again, which <netinet/in.h> has
# in an enum: one constant, and bindings that compile.
printf '#include <netdb.h>\n' >"$tmp/netdb.h"
"$krust" bindgen "$tmp/netdb.h" >"$tmp/netdb.rs" &&
	rust_compiles "$tmp/netdb.rs" &&
	n=$(grep -c '^pub const IPPORT_RESERVED: ' "$tmp/netdb.rs") &&
	{ [ "$n" = 1 ] || { echo "IPPORT_RESERVED defined $n times"; false; }; }
report glibc-netdb $?

"$krust" bindgen --layout-checks "$golden/bitfields.h" >"$tmp/a.rs" &&
	"$krust" bindgen --layout-checks "$golden/bitfields.h" >"$tmp/b.rs" && cmp -s "$tmp/a.rs" "$tmp/b.rs"
report deterministic $?

if ! command -v valgrind >/dev/null; then
	echo "SKIP: bindgen/valgrind: valgrind is not installed"
elif sanitized; then
	echo "SKIP: bindgen/valgrind: krust is built with sanitizers, which check it instead"
else
	vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
	(cd "$golden" &&
	 $vg "$krust" bindgen --layout-checks anonymous.h bitfields.h macro_enum.h macros.h \
		>/dev/null 2>"$tmp/vg.err" &&
	 KRUST_CLANG=/nonexistent/clang $vg "$krust" bindgen macros.h >/dev/null 2>>"$tmp/vg.err" &&
	 { $vg "$krust" bindgen syntax_error.h >/dev/null 2>>"$tmp/vg.err"; [ $? = 1 ]; }) ||
		{ grep -v ': warning: \|: error: ' "$tmp/vg.err" | head -n 20; false; }
	report valgrind $?
fi
exit $failed
