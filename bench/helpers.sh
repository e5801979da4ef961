#!/bin/sh
# What calling a static inline function through krust's C shims costs:
# bench/rust_helper_bench calls refcount_inc, and spin_lock with spin_unlock,
# in tight loops through the generated shims; bench/c_helper_bench runs the
# same loops in C, inlined. One VM boot with deterministic time (--icount:
# one instruction is one nanosecond), three rounds, the best of each kept.
# Prints ns per operation and the ratio Rust/C (above 1, Rust is slower).
. "$(dirname "$0")/common"
iterations=${ITERATIONS:-1000000}
kbuild bench/c_helper_bench
kbuild bench/rust_helper_bench
cat >"$tmp/bench.sh" <<GUEST
. /krust/lib.sh
for round in 1 2 3; do
	for m in c_helper_bench rust_helper_bench; do
		insmod_ok \$m iterations=$iterations
		rmmod_ok \$m
	done
done
dmesg | grep -E '_helper_bench: .* ops [0-9]+ ns'
GUEST
build/krust vm --icount --timeout 300 --log "$tmp/vm.log" \
	--module bench/c_helper_bench/c_helper_bench.ko \
	--module bench/rust_helper_bench/rust_helper_bench.ko \
	--test "helper_bench=$tmp/bench.sh" >"$tmp/vm.out" 2>&1 || { cat "$tmp/vm.out"; exit 1; }
tr -d '\r' <"$tmp/vm.log" | grep -oE '(c|rust)_helper_bench: [a-z_+]+ [0-9]+ ops [0-9]+ ns' | sort -u | awk '
	{
		lang = ($1 == "c_helper_bench:") ? "c" : "rust"; key = lang " " $2; ns = $5 / $3
		if (!(key in best) || ns < best[key]) best[key] = ns
	}
	END {
		split("refcount_inc spin_lock+unlock", order, " ")
		for (i = 1; i <= 2; i++) {
			name = order[i]; c = best["c " name]; r = best["rust " name]
			if (c == "" || r == "") { printf "%s: no result in the guest log\n", name; exit 1 }
			printf "%-16s C %6.2f ns/op  Rust %6.2f ns/op  Rust/C %.2fx\n", name, c, r, r / c
		}
	}'
