#!/bin/sh
# Choosing a kernel among those installed, on a fake /lib/modules
# (KRUST_MODULES_DIR): `krust config --kernels` lists every build tree,
# newest release first (6.12 after 6.2 after 6.1, as versions), leaving out
# what is not a configured build tree; the default target is the first;
# KDIR and --kernel pick another, --kernel over KDIR. The README's loop
# over every installed kernel builds a module for each.
SUITE=kernels
. "$(dirname "$0")/lib.sh"

mods=$TMP/modules
# tree RELEASE: a kernel build tree with what krust reads of one, linked
# from the fake modules directory as Debian's headers packages do.
tree() {
	t=$TMP/src/linux-headers-$1
	mkdir -p "$t/include/generated" "$mods/$1"
	printf 'CONFIG_X86=y\nCONFIG_X86_64=y\n' >"$t/.config"
	printf '#define UTS_RELEASE "%s"\n' "$1" >"$t/include/generated/utsrelease.h"
	ln -s "$t" "$mods/$1/build"
}
tree 6.1.0-9-amd64
tree 6.12.3+deb12-amd64
tree 6.2.0-1-amd64
tree 6.10.0-1-amd64
rm "$TMP/src/linux-headers-6.10.0-1-amd64/.config" # headers without .config: not a build tree
mkdir -p "$mods/6.11.0-1-amd64/kernel"              # modules without headers
mkdir -p "$mods/extra" && ln -s "$TMP/src/linux-headers-6.2.0-1-amd64" "$mods/extra/build"
src=$(cd "$TMP/src" && pwd -P)

# krust config ARGS... with the fake modules directory and no KDIR.
config() { env -u KDIR KRUST_MODULES_DIR="$mods" "$KRUST" config "$@"; }

printf '%s\n' "$src/linux-headers-6.12.3+deb12-amd64" "$src/linux-headers-6.2.0-1-amd64" \
	"$src/linux-headers-6.1.0-9-amd64" >"$TMP/want"
if config --kernels >"$TMP/got" 2>"$TMP/err" && diff -u "$TMP/want" "$TMP/got" >"$TMP/diff"; then
	pass kernels-newest-first
else
	fail kernels-newest-first "krust config --kernels does not list the build trees, newest first"
	show "$TMP/diff"
	show "$TMP/err"
fi

# expect_kdir NAME WANT CMD...: CMD prints the build tree WANT.
expect_kdir() {
	name=$1 want=$2
	shift 2
	got=$("$@" 2>"$TMP/err")
	if [ "$got" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "printed '$got', wanted '$want'"
		show "$TMP/err"
	fi
}
expect_kdir default-is-the-first "$(head -n 1 "$TMP/want")" config --kdir
old=$src/linux-headers-6.1.0-9-amd64
mid=$src/linux-headers-6.2.0-1-amd64
expect_kdir kdir-picks-another "$old" env KDIR="$old" KRUST_MODULES_DIR="$mods" "$KRUST" config --kdir
expect_kdir kernel-picks-another "$mid" config --kernel "$mid" --kdir
expect_kdir kernel-over-kdir "$mid" env KDIR="$old" KRUST_MODULES_DIR="$mods" \
	"$KRUST" config --kernel "$mid" --kdir
# KDIR chooses the target, not what is installed: the list stays whole.
if env KDIR="$old" KRUST_MODULES_DIR="$mods" "$KRUST" config --kernels | diff -q "$TMP/want" - >/dev/null; then
	pass kernels-ignores-kdir
else
	fail kernels-ignores-kdir "KDIR changed what krust config --kernels lists"
fi

mkdir -p "$TMP/none"
expect_error kernels-none "no kernel headers found under $TMP/none/\*/build" \
	env KRUST_MODULES_DIR="$TMP/none" "$KRUST" config --kernels
expect_error kernels-with-kdir "error: --kernels lists every installed kernel; it goes with no other option" \
	config --kernels --kdir
expect_error kernels-with-kernel "error: --kernels lists every installed kernel; it goes with no other option" \
	config --kernels --kernel "$old"

# The README's loop that builds a module for every installed kernel, as a
# shell runs it in the module's directory: a hello.ko for each, whose
# vermagic names that kernel.
section() { sed -n '/^## Build your own module/,/^## /p' "$ROOT/README.md"; }
section | awk '/^       for k in / { on = 1 } on { sub(/^       /, ""); print } on && /^done$/ { exit }' |
	sed "s|/path/to/krust|$ROOT|" >"$TMP/loop.sh"
hello=$TMP/hello
mkdir -p "$hello"
cp "$ROOT/samples/rust_minimal/rust_minimal.rs" "$hello/hello.rs"
printf 'obj-m := hello.o\ninclude %s/kbuild/krust.mk\n' "$ROOT" >"$hello/Kbuild"
if ! grep -q '^done$' "$TMP/loop.sh"; then
	fail readme-every-kernel "no 'for k in ...; done' loop in README.md's Build your own module"
elif ! (cd "$hello" && env -u KDIR sh -e "$TMP/loop.sh") >"$TMP/loop.log" 2>&1; then
	fail readme-every-kernel "the README's loop failed"
	show "$TMP/loop.log"
else
	bad=
	for kdir in $("$KRUST" config --kernels); do
		release=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
		ko=$hello/ko/$release/hello.ko
		[ "$(modinfo -F vermagic "$ko" 2>/dev/null | cut -d ' ' -f 1)" = "$release" ] || bad="$bad $release"
	done
	if [ -z "$bad" ]; then
		pass readme-every-kernel
	else
		fail readme-every-kernel "no ko/RELEASE/hello.ko built for that kernel:$bad"
		show "$TMP/loop.log"
	fi
fi
finish
