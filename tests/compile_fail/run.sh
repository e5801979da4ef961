#!/bin/sh
# Misuse of the kernel crate that must not compile, for the reason it names.
# Each NAME.rs says what rustc must answer in a "// krust-expect:" line: an
# error code, "error" for an error without one (a macro's own, or a lint
# that krust denies), or "ok" for a control case that shows the rest of the
# file is sound. "// krust-expect-text:" lines name text that the first
# error's message and notes must hold: the code alone does not say why
# (E0277 is any unmet trait bound).
SUITE=compile-fail
. "$(dirname "$0")/../host/lib.sh"

# The first error of rustc's output, from its "error[" line to the next error.
first_error() {
	awk '/^error(\[E[0-9]+\])?:/ { if (seen) exit; seen = 1 } seen' "$1"
}

for rs in "$ROOT"/tests/compile_fail/*.rs; do
	name=$(basename "$rs" .rs)
	expect=$(sed -n 's,^// krust-expect: *,,p' "$rs")
	if "$KRUST" rustc --check -o "$TMP/$name.o" "$rs" >"$TMP/out" 2>&1; then
		got=ok
	else
		got=$(awk '/^error(\[E[0-9]+\])?: / { print; exit }' "$TMP/out" |
			sed -n 's/^error\[\(E[0-9]*\)\].*/\1/p; s/^error: .*/error/p')
	fi
	if [ "$got" != "$expect" ]; then
		fail "$name" "expected ${expect:-nothing}, rustc gave ${got:-another error}"
		show "$TMP/out"
		continue
	fi
	first_error "$TMP/out" >"$TMP/first"
	missing=$(sed -n 's,^// krust-expect-text: *,,p' "$rs" | while IFS= read -r text; do
		grep -qF -- "$text" "$TMP/first" || printf '%s\n' "$text"
	done)
	if [ -n "$missing" ]; then
		fail "$name" "$expect, but the first error does not say: $missing"
		show "$TMP/first"
	else
		pass "$name"
	fi
done
finish
