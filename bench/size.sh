#!/bin/sh
# Module size: rust_minimal, without and with fat LTO, against its C twin
# bench/c_minimal (the same parameters and messages).
. "$(dirname "$0")/common"
text() { size -A "$1" | awk '$1 ~ /^\.text/ { n += $2 } END { print n + 0 }'; }
kbuild bench/c_minimal
c=$(text bench/c_minimal/c_minimal.ko)
kbuild samples/rust_minimal
plain=$(text samples/rust_minimal/rust_minimal.ko)
kbuild samples/rust_minimal KRUST_LTO=1
lto=$(text samples/rust_minimal/rust_minimal.ko)
kbuild samples/rust_minimal
echo ".text bytes: c_minimal $c, rust_minimal $plain (LTO: $lto)"
awk -v c="$c" -v p="$plain" -v l="$lto" 'BEGIN { printf "rust/c .text ratio: %.1fx without LTO, %.1fx with LTO\n", p / c, l / c }'
