# Turn the compile-time layout checks of `krust bindgen --layout-checks` into
# a list of numbers two compilers can each produce on their own: for every
# record with a C spelling, its size, its alignment and the offset of each
# named field. Only the list of questions comes from krust; the answers come
# from the compiler that builds the output.
#   -v mode=c      C initializer lines: sizeof, _Alignof, offsetof
#   -v mode=rust   Rust array lines: size_of, align_of, offset_of!
#   -v mode=names  one line per number, saying what it is
# Each number is written plus one, so that no run of zeros can be folded.

BEGIN {
	split("Self abstract as async await become box break const continue crate do dyn " \
	      "else enum extern false final fn for gen if impl in let loop macro match mod " \
	      "move mut override priv pub ref return self static struct super trait true " \
	      "try type typeof unsafe unsized use virtual where while yield", kw, " ")
	for (i in kw)
		keyword[kw[i]] = 1
}

# The C name of a Rust field: a keyword got a trailing underscore.
function c_field(f,    base) {
	base = substr(f, 1, length(f) - 1)
	return f ~ /_$/ && (base in keyword) ? base : f
}

# A field may share its name with an object-like macro (libxml2 has some):
# the C side hides the macro around the one use.
function put(c, rust, what, field) {
	if (mode == "c" && field != "")
		printf "#pragma push_macro(\"%s\")\n#undef %s\n\t%s + 1,\n#pragma pop_macro(\"%s\")\n",
			field, field, c, field
	else if (mode == "c")
		printf "\t%s + 1,\n", c
	else if (mode == "rust")
		printf "    %s + 1,\n", rust
	else
		print what
}

/^const _: \(\) = \{/ { c = ""; t = ""; cf = ""; next }
# the C name of the next field, when Rust's differs ('$')
/^    \/\/ C field: / { cf = substr($0, 17); next }
/^    \/\/ C: / { c = substr($0, 11); next }
c != "" && /^    type T =/ {
	t = $0
	if (t !~ /;$/) { getline; t = t $0 }
	sub(/^ *type T = */, "", t); sub(/;$/, "", t); gsub(/ /, "", t)
	next
}
c != "" && t != "" && /size_of::<T>\(\) ==/ {
	put("sizeof(" c ")", "::core::mem::size_of::<" t ">() as u64", "sizeof(" c ")")
}
c != "" && t != "" && /align_of::<T>\(\) ==/ {
	put("_Alignof(" c ")", "::core::mem::align_of::<" t ">() as u64", "_Alignof(" c ")")
}
# A packed and aligned record holds its fields in __packed: C has them at
# the top, Rust one step down (offset_of!(T, __packed.f)).
c != "" && t != "" && /offset_of!\(T, [A-Za-z0-9_.]+\) ==/ {
	match($0, /offset_of!\(T, [A-Za-z0-9_.]+\)/)
	f = substr($0, RSTART + 14, RLENGTH - 15)
	named = cf
	cf = f
	sub(/^__packed\./, "", cf)
	cf = named != "" ? named : c_field(cf)
	# clang's stddef.h names max_align_t's members its own way; gcc's differ
	if (f != "__packed" && f !~ /^__bindgen_anon_/ && f !~ /^__clang_/)
		put("__builtin_offsetof(" c ", " cf ")", "::core::mem::offset_of!(" t ", " f ") as u64",
		    "offsetof(" c ", " cf ")", cf)
	cf = ""
}
