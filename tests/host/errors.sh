#!/bin/sh
# Bad input and bad set-ups: each gives one clear sentence and a non-zero exit.
SUITE=errors
. "$(dirname "$0")/lib.sh"
# a cache of the suite's own, empty at first, never the user's; glob's
# metacharacters in its path are none of krust's business
export KRUST_CACHE="$TMP/cache[1]"

# A fake kernel build tree: the real .config with some options changed.
fake_kdir() {
	dir=$TMP/kdir-$1
	shift
	mkdir -p "$dir/include/generated"
	cp "$(kdir)/include/generated/utsrelease.h" "$dir/include/generated/"
	cp "$(kdir)/.config" "$dir/.config"
	for edit in "$@"; do
		sed -i "$edit" "$dir/.config"
	done
	echo "$dir"
}

expect_error unknown-kdir "kernel build tree '/nonexistent/kernel' \(from --kernel\) does not exist" \
	"$KRUST" config --kernel /nonexistent/kernel
expect_error unknown-kdir-env "kernel build tree '/nonexistent/kernel' \(from KDIR\) does not exist" \
	env KDIR=/nonexistent/kernel "$KRUST" config
mkdir -p "$TMP/empty"
expect_error kdir-without-config "is not a configured kernel build tree .*linux-headers" \
	"$KRUST" config --kernel "$TMP/empty"
expect_error no-kernel-headers "no kernel headers found .*apt-get install linux-headers-amd64" \
	env -u KDIR KRUST_MODULES_DIR="$TMP/empty" "$KRUST" config

expect_error missing-rustc "rustc-web" env KRUST_RUSTC=/nonexistent/rustc "$KRUST" config
expect_error missing-rust-src "apt-get install rust-web-src" \
	env KRUST_RUST_SRC=/nonexistent/library "$KRUST" config
mkdir -p "$TMP/rustc-1.0.0/library/core/src"
touch "$TMP/rustc-1.0.0/library/core/src/lib.rs"
expect_error rust-src-version-mismatch "library sources in .* are for 1\.0\.0" \
	env KRUST_RUST_SRC="$TMP/rustc-1.0.0/library" "$KRUST" config

expect_error refuses-kcfi "CONFIG_CFI_CLANG" \
	"$KRUST" config --kernel "$(fake_kdir kcfi '$a CONFIG_CFI_CLANG=y')"
expect_error refuses-arm64 "x86_64 kernels only.* arm64" \
	"$KRUST" config --kernel "$(fake_kdir arm64 '/^CONFIG_X86_64=y/d' '/^CONFIG_X86=y/d' '$a CONFIG_ARM64=y')"

expect_error unknown-command "unknown command 'frobnicate'" "$KRUST" frobnicate
expect_error config-cc-without-clang-flags "after '--' goes with --clang-flags" "$KRUST" config -- gcc -DX
printf 'int krust_index_check(void);\n' >"$TMP/index.h"
expect_error helpers-index-without-helpers-c "bindgen: --helpers-index describes the --helpers-c file" \
	"$KRUST" bindgen --helpers-index "$TMP/index" "$TMP/index.h"
expect_error deps-unwritable "$TMP/no/such/dir/deps: cannot write" \
	"$KRUST" bindgen --deps "$TMP/no/such/dir/deps" "$TMP/index.h"
expect_error deps-without-clang-driver "bindgen: --deps cannot list what a run without the clang driver" \
	env KRUST_CLANG=/nonexistent/clang "$KRUST" bindgen --deps "$TMP/deps" "$TMP/index.h"
touch "$TMP/not-a-dir"
expect_error cache-unusable "cannot create the cache directory $TMP/not-a-dir/cache" \
	env KRUST_CACHE="$TMP/not-a-dir/cache" "$KRUST" prepare
expect_error cache-relative "KRUST_CACHE 'relcache' is not an absolute path" \
	env KRUST_CACHE=relcache "$KRUST" config --clang-flags
expect_error cache-with-blank "KRUST_CACHE '$TMP/a b' holds a blank" \
	env KRUST_CACHE="$TMP/a b" "$KRUST" config --clang-flags
expect_error probe-without-make "cannot get the C flags from Kbuild in .*cannot run make: No such file" \
	env PATH=/nonexistent KRUST_CACHE="$TMP/cache-probe" "$KRUST" config --clang-flags
expect_error probe-make-fails "cannot get the C flags from Kbuild in $TMP/kdir-plain \(make exited with 2\)" \
	env KRUST_CACHE="$TMP/cache-probe" "$KRUST" config --clang-flags --kernel "$(fake_kdir plain)"
expect_error rustc-needs-output "no output given" "$KRUST" rustc samples/rust_minimal/rust_minimal.rs
expect_error rustc-needs-rs "not a Rust source file" "$KRUST" rustc -o "$TMP/x.o" README.md
expect_error rustc-missing-source "no such file" "$KRUST" rustc -o "$TMP/x.o" "$TMP/absent.rs"
expect_error rustc-cc-not-kernel "'gcc \.\.\.' after '--' is no kernel compile command" \
	"$KRUST" rustc -o "$TMP/x.o" samples/rust_minimal/rust_minimal.rs --kbuild-cflags= --kbuild-rustflags= -- gcc -O2
expect_error rustc-cc-without-kbuild-flags "'-- CC C-FLAGS' goes with --kbuild-cflags and --kbuild-rustflags" \
	"$KRUST" rustc -o "$TMP/x.o" samples/rust_minimal/rust_minimal.rs -- gcc -D__KERNEL__
expect_error rustc-kbuild-flags-apart "kbuild-cflags and --kbuild-rustflags go together" \
	"$KRUST" rustc -o "$TMP/x.o" samples/rust_minimal/rust_minimal.rs --kbuild-cflags=-O2
expect_error config-kbuild-flags-without-rustflags "go with --rustflags" \
	"$KRUST" config --kbuild-cflags= --kbuild-rustflags=
expect_error clang-flags-cc-not-kernel "is no kernel compile command" "$KRUST" config --clang-flags -- gcc -I/usr/include

# -o to something that is not a regular file writes into it, not over it.
mkfifo "$TMP/fifo"
printf 'int krust_fifo_check(void);\n' >"$TMP/fifo.h"
timeout 10 cat "$TMP/fifo" >"$TMP/fifo.out" &
reader=$!
"$KRUST" bindgen -o "$TMP/fifo" "$TMP/fifo.h" 2>"$TMP/err"
wait $reader
if [ -p "$TMP/fifo" ] && grep -q 'pub fn krust_fifo_check' "$TMP/fifo.out"; then
	pass output-to-a-fifo
else
	fail output-to-a-fifo "the output did not go through the FIFO, or replaced it"
fi

# An interrupted toolchain build leaves nothing the next build would take
# for finished, and the next build completes it.
# in a session of its own, so that krust and its rustc die together, as on ^C
setsid sh -c "echo \$\$ >'$TMP/killed.pid'; exec '$KRUST' prepare" >"$TMP/prepare.log" 2>&1 &
pid=$!
# killed while it builds core: once core's temporary entry exists
waited=0
until [ -n "$(find "$KRUST_CACHE" -maxdepth 1 -name 'core-*.tmp.*' 2>/dev/null)" ] || [ $waited -ge 300 ]; do
	sleep 1
	waited=$((waited + 1))
done
sleep 2
kill -9 -"$(cat "$TMP/killed.pid")" 2>/dev/null
wait $pid 2>/dev/null
# and what an interrupted relink leaves beside it
left=$(find "$KRUST_CACHE" -maxdepth 1 -name 'core-*.tmp.*' | head -n 1)
[ -n "$left" ] && ln -s nowhere "${left%.tmp.*}.link.99999"
if [ -n "$(find "$KRUST_CACHE" -maxdepth 1 -type d -name 'core-*' ! -name '*.tmp.*')" ]; then
	fail interrupted-build-not-used "an interrupted build left a finished-looking cache entry"
elif ! "$KRUST" prepare >"$TMP/prepare.log" 2>&1; then
	fail interrupted-build-not-used "the build after an interrupted one failed"
	show "$TMP/prepare.log"
elif ! ls "$KRUST_CACHE"/core-*/libcore.rlib >/dev/null 2>&1; then
	fail interrupted-build-not-used "the next build did not rebuild core"
elif [ -z "$left" ] || [ -n "$(find "$KRUST_CACHE" -maxdepth 1 \( -name '*.tmp.*' -o -name '*.link.*' \))" ]; then
	fail interrupted-build-not-used "what the interrupted build left ($left) is still in the cache"
else
	pass interrupted-build-not-used
fi

# A Rust error in a module points at the module's own file and line, and
# leaves no object behind, not even a stale one from an earlier build.
broken=$ROOT/tests/modules/rust_broken
line=$(grep -n 'KRUST-EXPECTED-ERROR' "$broken/rust_broken.rs" | cut -d: -f1)
touch "$broken/rust_broken.o"
if kbuild "$broken"; then
	fail rust-error-location "the broken module built"
elif ! grep -qE "^ *--> $broken/rust_broken.rs:$line:[0-9]+" "$TMP/make.log"; then
	fail rust-error-location "no error pointing at rust_broken.rs:$line"
	show "$TMP/make.log"
else
	pass rust-error-location
fi
if [ -e "$broken/rust_broken.o" ]; then
	fail no-stale-object "rust_broken.o survived a failed build"
else
	pass no-stale-object
fi

# A helper index that is not one (a damaged cache) is named, with its line.
"$KRUST" prepare >"$TMP/prepare.out" 2>"$TMP/prepare.log" || show "$TMP/prepare.log"
damaged="$TMP/damaged[cache]"
cp -al "$KRUST_CACHE" "$damaged"
entry=$damaged/$(basename "$(cat "$TMP/prepare.out")")
rm -f "$entry/helpers.index"
printf 'preamble 0 10\nshim krust_helper_x 99999999999 1\n' >"$entry/helpers.index"
mkdir -p "$TMP/damaged"
cp "$ROOT/tests/modules/rust_helpers/rust_helpers.rs" "$TMP/damaged/"
printf 'obj-m := rust_helpers.o\ninclude %s/kbuild/krust.mk\n' "$ROOT" >"$TMP/damaged/Kbuild"
KRUST_CACHE="$damaged" kbuild "$TMP/damaged"
if [ "$(grep -c 'error:' "$TMP/make.log")" -eq 1 ] &&
	grep -qE "helpers.index:2: error: not a line of a helper index" "$TMP/make.log"; then
	pass damaged-helper-index
else
	fail damaged-helper-index "no one error naming the index's bad line"
	show "$TMP/make.log"
fi
# an index of shims only: they cannot compile without the preamble's #includes
rm -f "$entry/helpers.index"
long=krust_helper_$(printf '%0300d' 0)
printf 'shim %s 0 1\n' "$long" >"$entry/helpers.index"
KRUST_CACHE="$damaged" kbuild "$TMP/damaged"
if [ "$(grep -c 'error:' "$TMP/make.log")" -eq 1 ] &&
	grep -qE "helpers.index: error: a helper index without its preamble line" "$TMP/make.log"; then
	pass helper-index-without-preamble
else
	fail helper-index-without-preamble "no one error saying the index has no preamble (a 300-character symbol is no error)"
	show "$TMP/make.log"
fi

finish
