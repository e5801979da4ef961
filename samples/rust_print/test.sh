# In-VM test of rust_print: every log level, and what core::fmt printed.
. /krust/lib.sh

insmod_ok rust_print

# dmesg -r shows each record's level as <N>.
level() { dmesg -r | grep -qE "^<$1>.*rust_print: level $2$"; }
check "emerg is level 0" level 0 emerg
check "alert is level 1" level 1 alert
check "crit is level 2" level 2 crit
check "err is level 3" level 3 err
check "warn is level 4" level 4 warn
check "notice is level 5" level 5 notice
check "info is level 6" level 6 info
check_fails "debug is compiled out, as pr_debug without DEBUG" dmesg_has "level debug"

line() { dmesg | grep -qF "rust_print: $1"; }
check "decimal integers" line "decimal 42 -42 -2147483648 18446744073709551615"
check "128-bit integers" line "i128 -170141183460469231731687303715884105728"
check "hex" line "hex ff 0xBEEF 0x00001234"
check "octal and binary" line "octal 10 binary 0b101"
check "padding and sign" line "padded [    7] [7    ] [  7  ] [+7]"
check "strings, width and precision" line "string krust [   krust] [kru]"
check "chars and escapes" line "char R escaped \"tab\\there\""
check "bools" line "bool true false"
check "a struct with Debug" line "struct Point { x: 1, y: -2 } at distance 3"
check "pretty Debug spans lines" line "pretty Point {"
check "enum with named fields" line "enum Circle { center: Point { x: 0, y: 0 }, radius: 3 } extent 3"
check "tuple enum" line "enum Segment(Point { x: 1, y: 1 }, Point { x: 2, y: 2 }) extent 4"
check "Option, Result and an Error" line "option Some(5) None result Err(EINVAL)"
check "slices" line "slice [1, 2, 3]"
check "a message without a newline still ends the record" line "no trailing newline"

rmmod_ok rust_print
check "it prints on unload" line "unloaded"
