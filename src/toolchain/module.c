/*
 * module.c: a module's .rs into an object Kbuild can link (krust rustc).
 *
 * Kbuild expects one relocatable object per .rs, like one per .c. Rust code
 * also needs core, compiler_builtins and the kernel crate, which Kbuild knows
 * nothing of, so krust links them in with `ld -r`:
 *   - without LTO, the module's object and the rlibs, taking from the rlibs
 *     only the archive members the module needs;
 *   - with fat LTO, one staticlib in which LLVM has already dropped everything
 *     unused, plus the compiler_builtins members it still calls.
 * LLVM bitcode never reaches Kbuild: modpost and binutils cannot read it.
 */
#define _GNU_SOURCE
#include "toolchain.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* rust_minimal.o -> rust_minimal; Kbuild module names may hold '-', crate names may not. */
static char *crate_name(const char *out)
{
	char *copy = xstrdup(out);
	char *name = xstrdup(basename(copy));
	free(copy);
	name[strlen(name) - 2] = '\0';
	for (char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			*p = '_';
	return name;
}

static bool run_tool(const char *const *argv)
{
	struct run_opts ro = { .verbose = getenv("KRUST_VERBOSE") != NULL };
	int rc = run(argv, &ro);
	if (rc != 0) {
		char *cmd = shell_quote_argv(argv);
		error("'%s' failed", cmd);
		free(cmd);
	}
	return rc == 0;
}

/*
 * rustc's dep-info lists the sources of the crate; Kbuild's fixdep wants one
 * rule for the object. Add what rustc does not know: every input of the
 * kernel crates and core (kernel headers, sources, the .config, krust
 * itself) and the headers the module's shims read.
 */
static bool write_depfile(const char *rustc_dep, const char *dep, const char *out, const char *extra)
{
	struct strvec srcs;
	sv_init(&srcs);
	if (!depfile_prereqs(rustc_dep, &srcs)) {
		error("rustc wrote no dependency file %s", rustc_dep);
		return false;
	}
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s:", out);
	/* The first rule's prerequisites are the crate's sources. */
	for (size_t i = 0; i < srcs.n; i++)
		sb_add_prereq(&sb, srcs.v[i]);
	sb_printf(&sb, "%s\n", extra);
	sv_free(&srcs);
	bool ok = write_file_atomic(dep, sb.buf, sb.len);
	if (!ok)
		error("cannot write %s: %s", dep, strerror(errno));
	sb_free(&sb);
	return ok;
}

static void push_crate_args(struct strvec *args, const struct module_build *mb, const char *name)
{
	const struct kernel_crates *kc = mb->kc;
	push_codegen_args(args, mb->t);
	sv_split(args, "--edition=2021 -Copt-level=2 -Ccodegen-units=1 -Cdebug-assertions=n "
		       "-Coverflow-checks=y -Zcrate-attr=no_std -Zbinary-dep-depinfo");
	/* module! marks .modinfo and __param entries #[used(compiler)]: plain #[used]
	 * sets SHF_GNU_RETAIN, and ld then keeps them apart from the C ones. */
	sv_push(args, "-Zcrate-attr=feature(used_with_arg)");
	/* The kernel crate's vtable is also an attribute (#[vtable]), a macro_rules!
	 * attribute, which every crate that expands it must allow, used or not. */
	sv_split(args, "-Zcrate-attr=feature(macro_attr) -Aunused_features");
	/* Edition 2021 takes #[no_mangle], #[export_name] and #[link_section]
	 * without `unsafe`, yet each can plant what the loader trusts (a
	 * __param entry, a second init_module): require #[unsafe(...)], as
	 * edition 2024 does, so that a module's safe code cannot. */
	sv_push(args, "-Dunsafe_attr_outside_unsafe");
	/* What the kernel crate is built with: CONFIG_FOO and linux_ge_M_N, so a
	 * module can follow the kernel's configuration and release as the crate does. */
	sv_pushf(args, "@%s/include/generated/rustc_cfg", mb->k->objtree);
	kernel_version_cfgs(mb->k, args);
	sv_pushf(args, "--crate-name=%s", name);
	sv_pushf(args, "-L%s", kc->dir);
	sv_pushf(args, "--extern=kernel=%s/libkernel.rlib", kc->dir);
	sv_pushf(args, "--extern=pin_init=%s/libpin_init.rlib", kc->dir);
	sv_push(args, mb->src);
}

/* Link the module object with what it uses of the Rust libraries. */
static bool link_plain(const struct module_build *mb, const char *obj, const char *out)
{
	const struct kernel_crates *kc = mb->kc;
	char *rlibs[] = {
		xasprintf("%s/libkernel.rlib", kc->dir),
		xasprintf("%s/libbindings.rlib", kc->dir),
		xasprintf("%s/libcore.rlib", mb->t->core_dir),
		xasprintf("%s/libcompiler_builtins.rlib", mb->t->core_dir),
	};
	const char *argv[] = { mb->ld, "-m", "elf_x86_64", "-r", "-o", out, obj, "--start-group",
			       rlibs[0], rlibs[1], rlibs[2], rlibs[3], "--end-group", NULL };
	bool ok = run_tool(argv);
	for (size_t i = 0; i < sizeof(rlibs) / sizeof(rlibs[0]); i++)
		free(rlibs[i]);
	return ok;
}

/* The crate compiled (into product, its dep-info into rustc_dep), linked with what it uses, stripped. */
static bool rust_object(const struct module_build *mb, const char *product, const char *rustc_dep,
			const char *linked)
{
	char *name = crate_name(mb->out);
	struct strvec args;
	sv_init(&args);
	push_crate_args(&args, mb, name);
	if (mb->lto)
		sv_split(&args, "--crate-type=staticlib -Clto=fat -Cembed-bitcode=yes");
	else
		sv_split(&args, "--crate-type=rlib -Cembed-bitcode=no");
	sv_pushf(&args, "--emit=%s=%s,dep-info=%s", mb->lto ? "link" : "obj", product, rustc_dep);
	bool ok = run_rustc(mb->tc, &args, NULL, NULL) == 0;
	sv_free(&args);

	if (mb->check) {
		/* rustc's verdict is all that is asked for */
	} else if (ok && mb->lto) {
		/* -u pulls in the LTO object (it defines init_module); the archive supplies the rest. */
		const char *ld[] = { mb->ld, "-m", "elf_x86_64", "-r", "-u", "init_module", "-o", linked, product, NULL };
		ok = run_tool(ld);
	} else if (ok) {
		ok = link_plain(mb, product, linked);
	}
	if (ok && !mb->check) {
		/* --discard-locals: the .Ltmp labels LLVM leaves at each function's
		 * padding (-Zpatchable-function-entry), which would each be a
		 * symbol in /proc/kallsyms; no relocation names them. */
		const char *strip[] = { mb->objcopy, "--remove-section=.llvmbc", "--remove-section=.llvmcmd",
					"--discard-locals", linked, NULL };
		ok = run_tool(strip);
	}
	free(name);
	return ok;
}

bool module_compile(const struct module_build *mb)
{
	/* Intermediate files sit beside the output, named so Kbuild's clean removes them. */
	char *tmp = xasprintf("%s.krust.%ld", mb->out, (long)getpid());
	char *rustc_dep = xasprintf("%s.d", tmp);
	char *linked = xasprintf("%s.o", tmp);
	char *product = xasprintf("%s.%s", tmp, mb->lto ? "a" : "rs.o");
	char *with_helpers = xasprintf("%s.h.o", tmp);
	bool ok = rust_object(mb, product, rustc_dep, linked);
	struct strbuf shim_deps;
	sb_init(&shim_deps);
	if (ok && !mb->check) {
		char *shims = xasprintf("%s/helpers.c", mb->kc->dir);
		char *index = xasprintf("%s/helpers.index", mb->kc->dir);
		struct helper_build hb = { mb->cc, shims, index, mb->k->objtree, mb->k->release, mb->ld, tmp,
					   &shim_deps };
		ok = helpers_link(&hb, linked, with_helpers);
		free(shims);
		free(index);
	}
	if (ok && mb->dep && !mb->check) {
		char *extra = xasprintf("%s%s", mb->kc->depfiles, shim_deps.buf);
		ok = write_depfile(rustc_dep, mb->dep, mb->out, extra);
		free(extra);
	}
	sb_free(&shim_deps);
	if (mb->check) {
		unlink(mb->out); /* an object from an earlier build is not this one's */
	} else if (ok && rename(with_helpers, mb->out) != 0) {
		error("cannot write %s: %s", mb->out, strerror(errno));
		ok = false;
	}
	if (!ok)
		unlink(mb->out); /* never leave a stale object for the next build to pick up */
	unlink(rustc_dep);
	unlink(linked);
	unlink(product);
	unlink(with_helpers);
	free(with_helpers);
	free(rustc_dep);
	free(linked);
	free(product);
	free(tmp);
	return ok;
}
