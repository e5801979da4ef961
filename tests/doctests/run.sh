#!/bin/sh
# The kernel crate's doc examples as in-kernel tests: generate.awk turns
# them into a module, which one VM boot loads; each example logs "ok N" or
# "not ok N", and each becomes a PASS or FAIL line here.
SUITE=doctests
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

dir=$ROOT/build/doctests
mkdir -p "$dir"
# shellcheck disable=SC2046
awk -f "$ROOT/tests/doctests/generate.awk" $(find "$ROOT/rust/kernel" -name '*.rs' | sort) >"$dir/rust_doctests.rs.new"
cmp -s "$dir/rust_doctests.rs.new" "$dir/rust_doctests.rs" || mv "$dir/rust_doctests.rs.new" "$dir/rust_doctests.rs"
rm -f "$dir/rust_doctests.rs.new"
printf 'obj-m := rust_doctests.o\ninclude %s/kbuild/krust.mk\n' "$ROOT" >"$dir/Kbuild"
kbuild_or_end build "$dir" "the generated doc-test module does not build"
pass build
"$KRUST" vm --timeout 60 --log "$ROOT/build/vm-doctests.log" --module "$dir/rust_doctests.ko" \
	--test "doctests=$ROOT/tests/doctests/test.sh" >"$TMP/vm.out" 2>&1 || failures=$((failures + 1))
cat "$TMP/vm.out"
# One line per example: "ok N - file:line" or "not ok N - file:line: reason".
sed -n 's/.*rust_doctests: ok [0-9]* - \(.*\)$/PASS: doctests\/\1/p;
	s/.*rust_doctests: not ok [0-9]* - \([^:]*:[0-9]*\): \(.*\)$/FAIL: doctests\/\1: \2/p' \
	"$ROOT/build/vm-doctests.log" | sort -u
grep -q 'rust_doctests: not ok' "$ROOT/build/vm-doctests.log" && failures=$((failures + 1))
finish
