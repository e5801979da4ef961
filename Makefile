# krust: Rust modules for the stock Debian kernel.
#
#   make            build build/krust
#   make demo       build the samples, boot the stock kernel in QEMU, load them
#   make check      every test, the kernel ones on each installed kernel;
#                   ends with "N passed, N failed"
#   make bench      benchmarks, as ratios against C, on each installed kernel
#   make doc        the kernel crate's documentation, in build/doc
#   make clean
#
# The target kernel is the newest installed one with headers; KDIR=<kernel
# build tree> targets another (and limits check and bench to it). SANITIZE=1
# builds krust with ASan and UBSan.

LLVM_CONFIG ?= $(firstword $(wildcard /usr/bin/llvm-config-14 /usr/bin/llvm-config))
CC          ?= cc
B           := build

WARN    := -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN      := $(if $(SANITIZE),$(SANFLAGS))
CLANG_CFLAGS  = -I$(shell $(LLVM_CONFIG) --includedir)
CLANG_LDFLAGS = -L$(shell $(LLVM_CONFIG) --libdir) -Wl,-rpath,$(shell $(LLVM_CONFIG) --libdir) -lclang

SRCS := $(sort $(wildcard src/*.c src/*/*.c))
OBJS := $(SRCS:src/%.c=$(B)/obj/%.o)

SAMPLES := samples/rust_minimal samples/rust_print samples/rust_misc_device samples/rust_alloc

.PHONY: all demo check bench doc fuzz clean deps samples
all: $(B)/krust

# Debian packages: installed when missing (needs root), else nothing.
deps:
	@scripts/install-deps

# Each sample is built the way a user builds a module: make -C $KDIR M=$PWD.
samples: deps $(B)/krust
	@kdir=$$($(B)/krust config --kdir) && \
	for s in $(SAMPLES); do $(MAKE) -C "$$kdir" M=$(CURDIR)/$$s modules || exit 1; done

demo: samples
	@scripts/demo

doc: deps all
	@scripts/doc

check: deps
	@tests/check.sh

# Every bench/*.sh on each installed kernel line, each printing its results
# as ratios against a peer measured in the same run, labelled by kernel.
bench: deps all
	@scripts/bench

# make fuzz: mutated headers through the generator (libFuzzer, with ASan and
# UBSan) for FUZZ_TIME seconds, from the golden headers as seeds.
FUZZ_TIME  ?= 60
FUZZ_OBJS  := $(filter-out $(B)/fuzz/obj/main.o,$(SRCS:src/%.c=$(B)/fuzz/obj/%.o))
FUZZ_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
fuzz: deps
	@FUZZ_TIME=$(FUZZ_TIME) tests/fuzz/run.sh

$(B)/fuzz/bindgen: tests/fuzz/bindgen.c $(FUZZ_OBJS)
	clang $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer $(CLANG_CFLAGS) -Isrc -o $@ $^ $(CLANG_LDFLAGS)

$(B)/fuzz/obj/%.o: src/%.c $(wildcard src/*.h src/*/*.h) Makefile
	@mkdir -p $(dir $@)
	clang $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(CLANG_CFLAGS) -Isrc -c -o $@ $<

$(B)/krust: $(OBJS)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(CLANG_LDFLAGS)

$(B)/obj/%.o: src/%.c $(wildcard src/*.h src/*/*.h) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(SAN) $(CLANG_CFLAGS) -Isrc -c -o $@ $<

clean:
	rm -rf $(B)
	@for s in $(SAMPLES) tests/modules/*/; do \
		rm -f $$s/*.o $$s/*.ko $$s/*.mod $$s/*.mod.c $$s/.*.cmd $$s/.*.d $$s/modules.order $$s/Module.symvers; \
	done
