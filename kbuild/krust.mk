# krust.mk: build Rust modules with Kbuild.
#
# In a module's Kbuild:
#
#     obj-m := hello.o
#     include /path/to/krust/kbuild/krust.mk
#
# and hello.rs beside it becomes hello.o, then hello.ko, with
# `make -C $KDIR M=$PWD`. KRUST_LTO=1 enables fat LTO (a much smaller module).
# KRUST=<path> selects the krust binary (default: build/krust of this tree).

KRUST_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
KRUST ?= $(KRUST_ROOT)/build/krust

ifeq ($(wildcard $(KRUST)),)
$(error krust is not built: run 'make' in $(KRUST_ROOT) first, or set KRUST)
endif

# After "--", how Kbuild compiles C: krust parses the kernel's headers with
# its flags (so no nested make runs inside this one) and compiles with it the
# C shims of the static inline functions and macros the module calls.
# --kbuild-cflags and --kbuild-rustflags: the kernel's code generation for C
# and for Rust, which rustc's flags must match, without what this module's
# own subdir-ccflags-y and subdir-rustflags-y add (the bindings and core are
# the kernel's, not the module's).
quiet_cmd_krust_rs = RUSTC [M] $@
      cmd_krust_rs = $(KRUST) rustc --kernel $(objtree) $(if $(filter 1 y,$(KRUST_LTO)),--lto) \
		--ld $(LD) --objcopy $(OBJCOPY) --dep $(depfile) -o $@ $< \
		--kbuild-cflags '$(filter-out $(subdir-ccflags-y),$(KBUILD_CFLAGS)) $(KBUILD_CFLAGS_MODULE)' \
		--kbuild-rustflags '$(filter-out $(subdir-rustflags-y),$(KBUILD_RUSTFLAGS))' \
		-- $(CC) $(c_flags) $(krust_objtool)

# objtool with the kernel's arguments, as for C objects, plus --link: the
# object is linked from several (the crate, core, compiler_builtins).
krust_objtool = $(if $(objtool-enabled), ; $(objtool) $(objtool-args) --link $@)

# Kbuild's own %.o: %.rs rule expects a CONFIG_RUST kernel. This one is
# chosen instead because it comes first and names an extra prerequisite
# (identical target and prerequisites would replace it).
$(obj)/%.o: $(src)/%.rs $(KRUST) FORCE
	$(call if_changed_dep,krust_rs)
