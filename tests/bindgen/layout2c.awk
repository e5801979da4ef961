# Turn the compile-time layout checks of `krust bindgen --layout-checks` into
# C11 static assertions, so that a C compiler can check clang's numbers too.
# Records without a C spelling (anonymous ones) and fields whose Rust name
# differs from the C one are left to the Rust side.

function value(line) {
	match(line, /== [0-9]+/)
	return substr(line, RSTART + 3, RLENGTH - 3)
}

/^const _: \(\) = \{/ { c = ""; cf = ""; next }
# the C name of the next field, when Rust's differs ('$')
/^    \/\/ C field: / { cf = substr($0, 17); next }
/^    \/\/ C: / { c = substr($0, 11); next }
c != "" && /size_of::<T>\(\) ==/ {
	printf "_Static_assert(sizeof(%s) == %s, \"sizeof(%s)\");\n", c, value($0), c
}
c != "" && /align_of::<T>\(\) ==/ {
	printf "_Static_assert(_Alignof(%s) == %s, \"_Alignof(%s)\");\n", c, value($0), c
}
# the fields of a packed and aligned record are one step down: __packed.f
c != "" && /offset_of!\(T, [A-Za-z0-9_.]+\) ==/ {
	match($0, /offset_of!\(T, [A-Za-z0-9_.]+\)/)
	f = substr($0, RSTART + 14, RLENGTH - 15)
	sub(/^__packed\./, "", f)
	if (cf != "")
		f = cf
	if (f != "__packed" && f !~ /^__bindgen_anon_/ && (cf != "" || f !~ /_$/))
		printf "_Static_assert(__builtin_offsetof(%s, %s) == %s, \"offsetof(%s, %s)\");\n",
			c, f, value($0), c, f
	cf = ""
}
