#!/bin/sh
# Compile-and-compare tests for krust bindgen on real code: the output builds
# with rustc on its own, and the size, alignment and field offsets Rust gives
# every record equal those gcc gives the same C. Each compiler writes its
# numbers into a data section of an object file; the two sections must be
# byte-identical. Nothing is taken from krust's own layout assertions.
#   kernel-tu         ../shared/bench/kernel-tu.h with --kernel, for the kernel
#                     target; the C side is built by the kernel's Kbuild
#   lib-NAME          a Debian -dev library's header, for the host target
#   lib-golden-packed tests/golden/packed.h: packed, aligned, packed and
#                     aligned records, which the libraries have few of
# Prints PASS:/FAIL:/SKIP: layout/NAME lines; exits 1 if any failed.

dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
krust=${KRUST:-$root/build/krust}
rustc=${RUSTC:-/usr/bin/rustc}
tu=${KERNEL_TU:-$root/../shared/bench/kernel-tu.h}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

pass() { echo "PASS: layout/$1"; }
fail() { echo "FAIL: layout/$1: $2"; failed=1; }

# bindings.rs checks.rs work-dir: the Rust program and the C data lists.
lists() {
	awk -v mode=rust -f "$dir/layout2data.awk" "$2" >"$3/data.rs.in" &&
		awk -v mode=c -f "$dir/layout2data.awk" "$2" >"$3/data.c.in" &&
		awk -v mode=names -f "$dir/layout2data.awk" "$2" >"$3/names" &&
		n=$(wc -l <"$3/names") &&
		{ printf '#![no_std]\n#![allow(non_camel_case_types, non_upper_case_globals, non_snake_case, dead_code)]\n'
		  printf 'include!("%s");\n' "$1"
		  printf '#[used]\n#[unsafe(link_section = ".krust_layout")]\nstatic KRUST_LAYOUT: [u64; %s] = [\n' "$n"
		  cat "$3/data.rs.in"; echo '];'; } >"$3/layout.rs"
}

c_data() { # header
	printf '#include "%s"\n' "$1"
	echo '__attribute__((used, section(".krust_layout")))'
	echo 'static const unsigned long long krust_layout[] = {'
	cat "$w/data.c.in"
	echo '};'
}

section() { # object out.bin
	objcopy -O binary --only-section=.krust_layout "$1" "$2"
}

# Compare the two sections; say how many numbers differ and the first few.
compare() { # name
	od -An -v -tu8 -w8 "$w/c.bin" | tr -d ' ' >"$w/c.txt"
	od -An -v -tu8 -w8 "$w/rust.bin" | tr -d ' ' >"$w/rust.txt"
	if [ ! -s "$w/c.txt" ] || [ "$(wc -l <"$w/c.txt")" != "$(wc -l <"$w/names")" ]; then
		fail "$1" "the C data section has $(wc -l <"$w/c.txt") numbers, not $(wc -l <"$w/names")"
		return
	fi
	paste -d ' ' "$w/names" "$w/c.txt" "$w/rust.txt" |
		awk '$(NF-1) != $NF { print; n++ } END { exit n > 0 }' >"$w/diff"
	bad=$(wc -l <"$w/diff")
	echo "layout/$1: $(wc -l <"$w/names") numbers compared, $bad differ"
	if [ "$bad" = 0 ]; then pass "$1"; else head -n 5 "$w/diff"; fail "$1" "$bad numbers differ from gcc's"; fi
}

kernel_tu() {
	kdir=${KDIR:-$("$krust" config --kdir 2>/dev/null)}
	if [ ! -f "$tu" ]; then echo "SKIP: layout/kernel-tu: no $tu"; return; fi
	if [ ! -f "$kdir/.config" ]; then echo "SKIP: layout/kernel-tu: no kernel build tree"; return; fi
	w=$tmp/kernel && mkdir -p "$w"
	"$krust" bindgen --kernel "$kdir" "$tu" -o "$w/bindings.rs" &&
		"$krust" bindgen --kernel "$kdir" --layout-checks "$tu" -o "$w/checks.rs" ||
		{ fail kernel-tu "krust bindgen failed"; return; }
	config=$("$krust" config --kernel "$kdir") || { fail kernel-tu "krust config failed"; return; }
	cache=$(echo "$config" | sed -n 's/^cache: *//p')
	flags=$(echo "$config" | sed -n 's/^rustflags: *//p')
	[ -f "$cache/libcore.rlib" ] || "$krust" prepare --kernel "$kdir" >/dev/null 2>&1 ||
		{ fail kernel-tu "krust prepare failed"; return; }
	lists "$w/bindings.rs" "$w/checks.rs" "$w" || { fail kernel-tu "cannot write the lists"; return; }
	# shellcheck disable=SC2086 # the flags are words
	RUSTC_BOOTSTRAP=1 "$rustc" --edition 2021 --crate-type lib --emit=obj -Copt-level=0 -D warnings \
		--target="$cache/x86_64-linux-kernel.json" $flags --sysroot=/dev/null -L"$cache" \
		-o "$w/layout.o" "$w/layout.rs" 2>"$w/rustc.log" ||
		{ head -n 20 "$w/rustc.log"; fail kernel-tu "the bindings do not build for the kernel target"; return; }
	pass kernel-tu-builds
	{ c_data "$tu"; echo 'MODULE_LICENSE("GPL");'; } >"$w/checks.c"
	echo 'obj-m := checks.o' >"$w/Kbuild"
	make -s -C "$kdir" M="$w" modules >"$w/make.log" 2>&1 ||
		{ head -n 20 "$w/make.log"; fail kernel-tu "gcc cannot build the C side"; return; }
	section "$w/checks.o" "$w/c.bin" && section "$w/layout.o" "$w/rust.bin" &&
		compare kernel-tu
}

# lib NAME PACKAGE HEADER [CFLAGS...]: a library header on the host target.
lib() {
	name=$1 pkg=$2 header=$3
	shift 3
	if [ ! -f "$header" ]; then echo "SKIP: layout/lib-$name: $header is missing (apt-get install $pkg)"; return; fi
	w=$tmp/lib-$name && mkdir -p "$w"
	"$krust" bindgen "$header" -o "$w/bindings.rs" -- "$@" &&
		"$krust" bindgen --layout-checks "$header" -o "$w/checks.rs" -- "$@" ||
		{ fail "lib-$name" "krust bindgen failed"; return; }
	lists "$w/bindings.rs" "$w/checks.rs" "$w" || { fail "lib-$name" "cannot write the lists"; return; }
	"$rustc" --edition 2021 --crate-type lib --emit=obj -Copt-level=0 -D warnings \
		-o "$w/layout.o" "$w/layout.rs" 2>"$w/rustc.log" ||
		{ head -n 20 "$w/rustc.log"; fail "lib-$name" "the bindings do not build"; return; }
	c_data "$header" >"$w/checks.c"
	gcc -std=gnu17 -w -c "$@" -o "$w/checks.o" "$w/checks.c" 2>"$w/gcc.log" ||
		{ head -n 20 "$w/gcc.log"; fail "lib-$name" "gcc cannot build the C side"; return; }
	section "$w/checks.o" "$w/c.bin" && section "$w/layout.o" "$w/rust.bin" &&
		compare "lib-$name"
}

kernel_tu
lib zlib zlib1g-dev /usr/include/zlib.h
lib sqlite3 libsqlite3-dev /usr/include/sqlite3.h
lib curl libcurl4-openssl-dev /usr/include/x86_64-linux-gnu/curl/curl.h
lib openssl libssl-dev /usr/include/openssl/ssl.h
lib libxml2 libxml2-dev /usr/include/libxml2/libxml/parser.h -I/usr/include/libxml2
lib golden-packed krust "$root/tests/golden/packed.h"
exit $failed
