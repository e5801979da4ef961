#!/bin/sh
# make demo as a new user runs it: an empty krust cache and samples never
# built, so the first rustc runs inside Kbuild. It must finish (a hang is a
# failure after 15 minutes) and show the Rust modules' messages from the
# stock kernel.
SUITE=demo
. "$(dirname "$0")/lib.sh"

kdir=$(kdir) || {
	fail demo "krust config --kdir found no kernel"
	finish
	exit
}
for s in "$ROOT"/samples/*/; do
	make -C "$kdir" M="${s%/}" clean >/dev/null 2>&1
done
start=$(date +%s)
KRUST_CACHE=$TMP/cache timeout 900 make -C "$ROOT" demo >"$TMP/demo.out" 2>&1
status=$?
elapsed=$(($(date +%s) - start))
echo "info: make demo from an empty cache: $elapsed s (exit status $status)"
if [ "$status" -eq 0 ]; then
	pass demo-runs
else
	[ "$status" -eq 124 ] && why="timed out" || why="exited with $status"
	fail demo-runs "make demo $why after $elapsed s"
	show "$TMP/demo.out" 30
fi
# shows NAME TEXT: make demo printed TEXT.
shows() {
	if grep -q "$2" "$TMP/demo.out"; then
		pass "$1"
	else
		fail "$1" "make demo's output lacks '$2'"
	fi
}
shows shows-rust_minimal-init 'rust_minimal: Hello from Rust'
shows shows-rust_minimal-exit 'rust_minimal: Goodbye from Rust'
shows shows-rust_print 'rust_print: level err'
release=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
shows shows-stock-kernel "# uname -r: $release"
finish
