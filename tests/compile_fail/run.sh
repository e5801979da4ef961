#!/bin/sh
# Misuse of the kernel crate that must not compile. Each NAME.rs says what
# rustc must answer in a "// krust-expect:" line: an error code, or "ok" for
# the control case that shows the rest of the file is sound. A
# "// krust-expect-text:" line, if any, is text the first error's message
# must hold, for a code that many mistakes share (E0277, E0308).
SUITE=compile-fail
. "$(dirname "$0")/../host/lib.sh"

for rs in "$ROOT"/tests/compile_fail/*.rs; do
	name=$(basename "$rs" .rs)
	expect=$(sed -n 's,^// krust-expect: *,,p' "$rs")
	text=$(sed -n 's,^// krust-expect-text: *,,p' "$rs")
	if "$KRUST" rustc -o "$TMP/$name.o" "$rs" >"$TMP/out" 2>&1; then
		got=ok
	else
		got=$(sed -n 's/^error\[\(E[0-9]*\)\].*/\1/p' "$TMP/out" | head -n 1)
	fi
	# The first error's message: from its "error[" line to the blank line.
	awk '/^error\[/ { on = 1 } on && /^$/ { exit } on' "$TMP/out" >"$TMP/first"
	if [ -n "$text" ] && [ "$got" = "$expect" ] && ! grep -qF -- "$text" "$TMP/first"; then
		fail "$name" "rustc gave $got, but not for the reason named ($text)"
		show "$TMP/out"
	elif [ "$got" = "$expect" ]; then
		pass "$name"
	else
		fail "$name" "expected ${expect:-nothing}, rustc gave ${got:-another error}"
		show "$TMP/out"
	fi
done
finish
