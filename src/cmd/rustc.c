/*
 * rustc.c: `krust rustc`, the Kbuild rule of a module's .rs (kbuild/krust.mk).
 *
 * Inside Kbuild, the kernel's C flags come from the compile command Kbuild
 * hands over after "--", never from a nested make: that make would inherit
 * the outer build's state and rebuild the user's module instead.
 */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: krust rustc [--kernel KDIR] [--lto] [--check] [--dep FILE] [--ld LD] [--objcopy OBJCOPY]\n"
	"                   -o OUT.o FILE.rs\n"
	"                   [--kbuild-cflags FLAGS --kbuild-rustflags FLAGS -- CC C-FLAGS...]\n"
	"\n"
	"Compile a module's Rust source into a relocatable object for Kbuild, linked\n"
	"with the kernel crate, core and compiler_builtins. kbuild/krust.mk calls it.\n"
	"\n"
	"  --kernel KDIR     the kernel build tree (default: KDIR, else the newest installed)\n"
	"  -o OUT.o          the object to write; the crate is named after it\n"
	"  --lto             fat LTO: only the code the module uses is kept\n"
	"  --check           compile the crate and stop: no shims, no link, and no\n"
	"                    OUT.o (one left from before is removed); for rustc's\n"
	"                    verdict without a C compiler\n"
	"  --dep FILE        write a make dependency file for OUT.o\n"
	"  --ld LD           the linker (default: ld)\n"
	"  --objcopy TOOL    objcopy (default: objcopy)\n"
	"  -- CC C-FLAGS...  how Kbuild compiles the module's C ($(CC) $(c_flags)). The\n"
	"                    kernel's bindings are parsed with these flags (bar the\n"
	"                    module's own: its name, its -I and -include paths), and\n"
	"                    the C shims of the static inline functions and macros\n"
	"                    the module calls are compiled with this very command.\n"
	"                    Without it, a run of Kbuild gives the flags, and a module\n"
	"                    that calls a shim is refused.\n"
	"  --kbuild-cflags FLAGS     Kbuild's $(KBUILD_CFLAGS) $(KBUILD_CFLAGS_MODULE), as\n"
	"                    one argument: every code-generation flag in it must be\n"
	"                    one krust matches in Rust, or krust refuses the kernel\n"
	"  --kbuild-rustflags FLAGS  Kbuild's $(KBUILD_RUSTFLAGS), as one argument: the\n"
	"                    kernel's own rustc flags, of which krust keeps those that\n"
	"                    change code or ABI. The two go together, and '--' needs\n"
	"                    them; without them a run of Kbuild gives them.\n"
	"                    kbuild/krust.mk passes all three.\n";

struct rustc_opts {
	const char *kdir, *out, *dep, *ld, *objcopy, *src;
	const char *kbuild_cflags, *kbuild_rustflags;
	bool lto, check;
	struct strvec cc; /* after "--": the kernel's C compile command */
};

static void parse_rustc_options(int argc, char **argv, struct rustc_opts *o)
{
	*o = (struct rustc_opts){ .ld = "ld", .objcopy = "objcopy" };
	const struct cmd_option opts[] = {
		{ "kernel", NULL, &o->kdir }, { "o", NULL, &o->out }, { "lto", &o->lto, NULL },
		{ "check", &o->check, NULL },
		{ "dep", NULL, &o->dep },     { "ld", NULL, &o->ld }, { "objcopy", NULL, &o->objcopy },
		{ "kbuild-cflags", NULL, &o->kbuild_cflags }, { "kbuild-rustflags", NULL, &o->kbuild_rustflags },
		{ NULL, NULL, NULL },
	};
	sv_init(&o->cc);
	/* everything after "--" is the C compiler's command line, not ours */
	char **args;
	int nargs = parse_options(argc, argv, usage, opts, &o->cc, &args);
	if (nargs != 1 || !o->out) {
		error(nargs > 1 ? "one source file at a time" : !o->out ? "no output given (-o OUT.o)"
								: "no source file given");
		fputs(usage, stderr);
		exit(2);
	}
	o->src = args[0];
	if (!str_ends(o->src, ".rs"))
		fatal("%s: not a Rust source file (.rs)", o->src);
	if (!path_exists(o->src))
		fatal("%s: no such file", o->src);
	if (!str_ends(o->out, ".o"))
		fatal("%s: the output must be an object file (.o)", o->out);
	/* inside Kbuild all three come together: a run of Kbuild there would see the outer build */
	if (o->cc.n && (!o->kbuild_cflags || !o->kbuild_rustflags))
		fatal("'-- CC C-FLAGS' goes with --kbuild-cflags and --kbuild-rustflags: give Kbuild's "
		      "$(KBUILD_CFLAGS) $(KBUILD_CFLAGS_MODULE) and $(KBUILD_RUSTFLAGS), as kbuild/krust.mk does");
	if (!o->kbuild_cflags != !o->kbuild_rustflags)
		fatal("--kbuild-cflags and --kbuild-rustflags go together");
}

int cmd_rustc(int argc, char **argv)
{
	struct rustc_opts o;
	parse_rustc_options(argc, argv, &o);
	struct kbuild_codegen given;
	kbuild_codegen_from(&given, o.kbuild_cflags ? o.kbuild_cflags : "",
			    o.kbuild_rustflags ? o.kbuild_rustflags : "");
	struct setup s;
	bool set = setup_init(&s, o.kdir, o.kbuild_cflags ? &given : NULL);
	kbuild_codegen_free(&given);
	if (!set) {
		sv_free(&o.cc);
		return 1;
	}
	struct strvec flags;
	sv_init(&flags);
	struct kernel_crates kc;
	bool ok = kernel_clang_flags(&s.k, &o.cc, &flags) && core_ensure(&s.t, &s.tc) &&
		  kernel_crates_ensure(&s.k, &s.tc, &s.t, &flags, &kc);
	if (ok) {
		struct module_build mb = {
			.k = &s.k, .tc = &s.tc, .t = &s.t, .kc = &kc, .src = o.src, .out = o.out,
			.dep = o.dep, .ld = o.ld, .objcopy = o.objcopy, .lto = o.lto, .check = o.check,
			.cc = &o.cc,
		};
		ok = module_compile(&mb);
		kernel_crates_free(&kc);
	}
	sv_free(&flags);
	sv_free(&o.cc);
	setup_free(&s);
	return ok ? 0 : 1;
}
