#!/bin/sh
# scripts/install-deps:
#   - on this machine, where make check has just run it, a second run does
#     nothing: no apt-get at all (so no apt-get update), no output, nothing
#     written under /etc/apt, in a few seconds;
#   - with fake apt tools (tests/host/fake-apt/: apt-cache answers from
#     canned records, apt-get and dpkg-query keep a fake installed list),
#     the kernel packages it resolves from each suite's metapackages, on
#     Debian 12 and 13, and what it does on a fresh Debian 12 machine:
#     backports enabled once, from the stock suite's mirror, with no
#     pinning; both lines' versioned packages installed; a second run idle.
SUITE=deps
. "$(dirname "$0")/lib.sh"

deps=$ROOT/scripts/install-deps

# ------------------------------------------------- the real second run
mkdir -p "$TMP/bin"
printf '#!/bin/sh\necho "apt-get $*" >>"%s"\nexit 1\n' "$TMP/apt-get.log" >"$TMP/bin/apt-get"
chmod +x "$TMP/bin/apt-get"
snapshot() { find /etc/apt -type f -exec md5sum {} + 2>/dev/null | sort; }
snapshot >"$TMP/apt.before"
t0=$(date +%s)
PATH=$TMP/bin:$PATH "$deps" >"$TMP/out" 2>&1
status=$?
elapsed=$(($(date +%s) - t0))
snapshot >"$TMP/apt.after"
limit=5
if [ "$status" -ne 0 ]; then
	fail second-run-succeeds "exited with $status"
	show "$TMP/out"
elif [ -s "$TMP/out" ]; then
	fail second-run-is-quiet "it printed something"
	show "$TMP/out"
elif [ -s "$TMP/apt-get.log" ]; then
	fail second-run-is-a-no-op "it ran apt-get: $(head -n 1 "$TMP/apt-get.log")"
elif ! cmp -s "$TMP/apt.before" "$TMP/apt.after"; then
	fail second-run-is-a-no-op "it changed files under /etc/apt"
elif [ "$elapsed" -gt "$limit" ]; then
	fail second-run-is-fast "took $elapsed s, more than $limit s"
else
	pass second-run-is-a-no-op
fi

# ------------------------------------------------------ fake apt tools
fake=$TMP/fake
# machine CODENAME: an empty fake machine of that Debian release.
machine() {
	rm -rf "$fake"
	mkdir -p "$fake/lists" "$fake/updated" "$fake/etc/apt/sources.list.d"
	printf 'ID=debian\nVERSION_ID="%s"\nVERSION_CODENAME=%s\n' "$2" "$1" >"$fake/os-release"
	: >"$fake/installed"
	: >"$fake/log"
}
# record DIR PKG[@SUITE] VERSION DEPENDENCY: a metapackage's record.
record() {
	printf 'Package: %s\nVersion: %s\nDepends: %s (= %s), linux-base\nDescription: meta\n' \
		"${2%@*}" "$3" "$4" "$3" >"$fake/$1/$2"
}
run_deps() {
	env PATH="$ROOT/tests/host/fake-apt:$PATH" FAKE_APT="$fake" \
		KRUST_OS_RELEASE="$fake/os-release" KRUST_APT_DIR="$fake/etc/apt" "$deps" "$@"
}
# expect_output NAME WANT CMD...: CMD succeeds and prints WANT.
expect_output() {
	name=$1 want=$2
	shift 2
	if ! got=$("$@" 2>"$TMP/err"); then
		fail "$name" "failed: $(head -n 1 "$TMP/err")"
	elif [ "$got" != "$want" ]; then
		fail "$name" "printed '$(echo "$got" | tr '\n' ' ')', wanted '$(echo "$want" | tr '\n' ' ')'"
	else
		pass "$name"
	fi
}
# Today's lines with made-up ABI numbers: nothing may be taken for granted.
stock() {
	record "$1" linux-image-amd64 6.1.99-1 linux-image-6.1.0-99-amd64
	record "$1" linux-headers-amd64 6.1.99-1 linux-headers-6.1.0-99-amd64
}
backports() {
	record "$1" linux-image-amd64@bookworm-backports 6.12.7-1~bpo12+1 linux-image-6.12.7+deb12-amd64
	record "$1" linux-headers-amd64@bookworm-backports 6.12.7-1~bpo12+1 linux-headers-6.12.7+deb12-amd64
}
both="linux-image-6.1.0-99-amd64
linux-headers-6.1.0-99-amd64
linux-image-6.12.7+deb12-amd64
linux-headers-6.12.7+deb12-amd64"

machine bookworm 12
stock lists
backports lists
expect_output resolve-bookworm "$both" run_deps --kernel-packages

machine trixie 13
record lists linux-image-amd64 6.12.7-1 linux-image-6.12.7+deb13-amd64
record lists linux-headers-amd64 6.12.7-1 linux-headers-6.12.7+deb13-amd64
expect_output resolve-trixie "linux-image-6.12.7+deb13-amd64
linux-headers-6.12.7+deb13-amd64" run_deps --kernel-packages
if grep -q backports "$fake/log"; then
	fail trixie-asks-no-backports "it asked apt about $(grep -o '[^ ]*backports' "$fake/log" | head -n 1)"
else
	pass trixie-asks-no-backports
fi

machine bookworm 12
stock lists
expect_error resolve-without-backports-lists \
	"apt's lists do not have linux-image-amd64 linux-headers-amd64 in the stock suite and in bookworm-backports" \
	run_deps --kernel-packages
expect_error unknown-option "unknown option '--frobnicate'" run_deps --frobnicate

# A fresh Debian 12: one deb822 source for the stock suites, nothing
# installed, no backports in the lists until apt-get update.
machine bookworm 12
stock lists
stock updated
backports updated
cat >"$fake/etc/apt/sources.list.d/debian.sources" <<-'EOF'
	Types: deb
	URIs: http://mirror.example/debian
	Suites: bookworm bookworm-updates
	Components: main

	Types: deb
	URIs: http://security.example/debian-security
	Suites: bookworm-security
	Components: main
EOF
if run_deps >"$TMP/out" 2>&1; then
	pass fresh-install
else
	fail fresh-install "exited non-zero"
	show "$TMP/out"
fi
entry=$fake/etc/apt/sources.list.d/krust-backports.sources
if [ ! -f "$entry" ]; then
	fail backports-enabled "no $entry"
elif ! grep -qx 'Suites: bookworm-backports' "$entry" || ! grep -qx 'URIs: http://mirror.example/debian' "$entry"; then
	fail backports-enabled "the entry is not bookworm-backports from the stock suite's mirror"
	show "$entry"
else
	pass backports-enabled
fi
if grep -rqi pin "$fake/etc/apt"; then
	fail no-pinning "something under /etc/apt pins"
else
	pass no-pinning
fi
if [ "$(grep -c '^apt-get update' "$fake/log")" = 1 ] && grep -q '^apt-get install' "$fake/log"; then
	pass updates-then-installs
else
	fail updates-then-installs "apt-get was run as: $(grep '^apt-get' "$fake/log" | tr '\n' ';')"
fi
missing=
for p in $both linux-image-amd64 linux-headers-amd64 rustc-web qemu-system-x86; do
	grep -qx -e "$p" "$fake/installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
	pass both-lines-installed
else
	fail both-lines-installed "not installed:$missing"
fi
# The metapackages come from the stock suite: apt-get is never told to take
# anything from backports, by a release (-t, /suite, =version) or a default.
if grep '^apt-get' "$fake/log" | grep -qE -e '( -t |--target-release|Default-Release|/bookworm-backports|amd64=[0-9])'; then
	fail metapackages-stay-stock "apt-get was told to take from backports: $(grep '^apt-get' "$fake/log" | tr '\n' ';')"
else
	pass metapackages-stay-stock
fi
: >"$fake/log"
run_deps >"$TMP/out" 2>&1
if [ $? -eq 0 ] && [ ! -s "$TMP/out" ] && ! grep -q '^apt-get' "$fake/log"; then
	pass fresh-second-run-is-a-no-op
else
	fail fresh-second-run-is-a-no-op "it ran: $(grep '^apt-get' "$fake/log" | tr '\n' ';') $(head -n 1 "$TMP/out")"
fi

# Backports already listed in a file of the machine's own: none is added.
machine bookworm 12
stock lists
backports lists
echo 'deb http://mirror.example/debian bookworm-backports main' >"$fake/etc/apt/sources.list"
run_deps >"$TMP/out" 2>&1
if [ -e "$entry" ]; then
	fail backports-listed-elsewhere "it added $entry beside sources.list's bookworm-backports"
else
	pass backports-listed-elsewhere
fi

# Not root, with packages missing: one sentence, and nothing changed.
machine bookworm 12
stock lists
backports lists
echo 'deb http://mirror.example/debian bookworm-backports main' >"$fake/etc/apt/sources.list"
expect_error missing-needs-root "missing packages: .*linux-headers-6.12.7\+deb12-amd64.*; run scripts/install-deps as root" \
	env FAKE_UID=1000 PATH="$ROOT/tests/host/fake-apt:$PATH" FAKE_APT="$fake" \
	KRUST_OS_RELEASE="$fake/os-release" KRUST_APT_DIR="$fake/etc/apt" "$deps"
rm -f "$fake/etc/apt/sources.list"
expect_error backports-needs-root "bookworm-backports is not enabled in apt's sources; run scripts/install-deps as root" \
	env FAKE_UID=1000 PATH="$ROOT/tests/host/fake-apt:$PATH" FAKE_APT="$fake" \
	KRUST_OS_RELEASE="$fake/os-release" KRUST_APT_DIR="$fake/etc/apt" "$deps"
if grep -q '^apt-get' "$fake/log" || [ -e "$entry" ]; then
	fail not-root-changes-nothing "it ran apt-get or wrote $entry"
else
	pass not-root-changes-nothing
fi
finish
