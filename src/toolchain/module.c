/*
 * module.c: the commands that turn a module's .rs into an object Kbuild can
 * link (config, prepare, rustc).
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
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Everything a command needs to know about the target. */
struct setup {
	struct kernel k;
	struct rust_toolchain tc;
	struct rust_target t;
};

static bool setup_init(struct setup *s, const char *kdir)
{
	memset(s, 0, sizeof(*s));
	if (!kernel_find(kdir, &s->k))
		return false;
	if (!toolchain_find(&s->tc) || !rust_target_init(&s->t, &s->k, &s->tc)) {
		kernel_free(&s->k);
		toolchain_free(&s->tc);
		return false;
	}
	return true;
}

static void setup_free(struct setup *s)
{
	rust_target_free(&s->t);
	toolchain_free(&s->tc);
	kernel_free(&s->k);
}

/* ---------------------------------------------------------- krust config */

static const char config_usage[] =
	"usage: krust config [--kernel KDIR] [--kdir]\n"
	"\n"
	"Show the target kernel (default: KDIR, else the newest installed kernel with\n"
	"headers), the toolchain, and the rustc flags derived from the kernel's .config.\n"
	"With --kdir, print only the kernel's build tree, for make -C.\n";

/* The options of config and prepare: --kernel, and --kdir for config. */
static void parse_kernel_option(int argc, char **argv, const char *usage, const char **kdir,
				bool *only_kdir)
{
	static const struct option opts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "kdir", no_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, "k:h", opts, NULL)) != -1;) {
		if (c == 'k') {
			*kdir = optarg;
		} else if (c == 'K' && only_kdir) {
			*only_kdir = true;
		} else if (c == 'h') {
			fputs(usage, stdout);
			exit(0);
		} else {
			fputs(usage, stderr);
			exit(2);
		}
	}
	if (optind != argc) {
		error("unexpected argument '%s'", argv[optind]);
		fputs(usage, stderr);
		exit(2);
	}
}

int cmd_config(int argc, char **argv)
{
	const char *kdir = NULL;
	bool only_kdir = false;
	parse_kernel_option(argc, argv, config_usage, &kdir, &only_kdir);
	if (only_kdir) {
		struct kernel k;
		if (!kernel_find(kdir, &k))
			return 1;
		printf("%s\n", k.objtree);
		kernel_free(&k);
		return 0;
	}
	struct setup s;
	if (!setup_init(&s, kdir))
		return 1;
	printf("kernel:    %s\n", s.k.release);
	printf("objtree:   %s\n", s.k.objtree);
	printf("srctree:   %s\n", s.k.srctree);
	printf("image:     %s\n", s.k.image ? s.k.image : "(not installed)");
	printf("rustc:     %s (%s)\n", s.tc.rustc, s.tc.version);
	printf("library:   %s\n", s.tc.library);
	printf("cache:     %s\n", s.t.core_dir);
	char *flags = sv_join(&s.t.flags, " ");
	printf("rustflags: %s\n", flags);
	free(flags);
	const char *f = strstr(s.t.spec.buf, "\"features\": \"");
	if (f)
		printf("features:  %.*s\n", (int)strcspn(f + 13, "\""), f + 13);
	setup_free(&s);
	return 0;
}

/* --------------------------------------------------------- krust prepare */

static const char prepare_usage[] =
	"usage: krust prepare [--kernel KDIR]\n"
	"\n"
	"Build core, compiler_builtins, the kernel bindings and the kernel crate for\n"
	"the target kernel into the cache, unless they are there, and print the\n"
	"directory holding the kernel crate.\n";

int cmd_prepare(int argc, char **argv)
{
	const char *kdir = NULL;
	parse_kernel_option(argc, argv, prepare_usage, &kdir, NULL);
	struct setup s;
	if (!setup_init(&s, kdir))
		return 1;
	struct kernel_crates kc;
	bool ok = core_ensure(&s.t, &s.tc) && kernel_crates_ensure(&s.k, &s.tc, &s.t, &kc);
	if (ok) {
		printf("%s\n", kc.dir);
		kernel_crates_free(&kc);
	}
	setup_free(&s);
	return ok ? 0 : 1;
}

/* ----------------------------------------------------------- krust rustc */

static const char rustc_usage[] =
	"usage: krust rustc [--kernel KDIR] [--lto] [--dep FILE] [--ld LD] [--objcopy OBJCOPY] -o OUT.o FILE.rs\n"
	"                   [-- CC C-FLAGS...]\n"
	"\n"
	"Compile a module's Rust source into a relocatable object for Kbuild, linked\n"
	"with the kernel crate, core and compiler_builtins. kbuild/krust.mk calls it.\n"
	"\n"
	"  --kernel KDIR     the kernel build tree (default: KDIR, else the newest installed)\n"
	"  -o OUT.o          the object to write; the crate is named after it\n"
	"  --lto             fat LTO: only the code the module uses is kept\n"
	"  --dep FILE        write a make dependency file for OUT.o\n"
	"  --ld LD           the linker (default: ld)\n"
	"  --objcopy TOOL    objcopy (default: objcopy)\n"
	"  -- CC C-FLAGS...  how Kbuild compiles the module's C: the C shims of the\n"
	"                    static inline functions and macros it calls are compiled so\n";

struct rustc_opts {
	const char *kdir, *out, *dep, *ld, *objcopy, *src;
	bool lto;
	struct strvec cc; /* after "--": the kernel's C compile command */
};

static void parse_rustc_options(int argc, char **argv, struct rustc_opts *o)
{
	static const struct option opts[] = {
		{ "kernel", required_argument, NULL, 'k' }, { "lto", no_argument, NULL, 'L' },
		{ "dep", required_argument, NULL, 'd' },    { "ld", required_argument, NULL, 'l' },
		{ "objcopy", required_argument, NULL, 'c' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	*o = (struct rustc_opts){ .ld = "ld", .objcopy = "objcopy" };
	sv_init(&o->cc);
	/* everything after "--" is the C compiler's command line, not ours */
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			for (int j = i + 1; j < argc; j++)
				sv_push(&o->cc, argv[j]);
			argc = i;
			break;
		}
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, "o:k:h", opts, NULL)) != -1;) {
		switch (c) {
		case 'k': o->kdir = optarg; break;
		case 'o': o->out = optarg; break;
		case 'L': o->lto = true; break;
		case 'd': o->dep = optarg; break;
		case 'l': o->ld = optarg; break;
		case 'c': o->objcopy = optarg; break;
		case 'h': fputs(rustc_usage, stdout); exit(0);
		default: fputs(rustc_usage, stderr); exit(2);
		}
	}
	if (optind + 1 != argc || !o->out) {
		error(optind + 1 < argc ? "one source file at a time" : !o->out ? "no output given (-o OUT.o)"
									   : "no source file given");
		fputs(rustc_usage, stderr);
		exit(2);
	}
	o->src = argv[optind];
	if (!str_ends(o->src, ".rs"))
		fatal("%s: not a Rust source file (.rs)", o->src);
	if (!path_exists(o->src))
		fatal("%s: no such file", o->src);
	if (!str_ends(o->out, ".o"))
		fatal("%s: the output must be an object file (.o)", o->out);
}

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
 * rule for the object. Add what rustc does not know: the kernel crate's
 * sources, the .config and krust itself.
 */
static bool write_depfile(const char *rustc_dep, const char *dep, const char *out, const char *extra)
{
	char *text = read_file(rustc_dep, NULL);
	if (!text) {
		error("rustc wrote no dependency file %s", rustc_dep);
		return false;
	}
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s:", out);
	/* The first rule's prerequisites are the crate's sources. */
	char *colon = strstr(text, ": ");
	if (colon) {
		char *deps = colon + 1;
		deps[strcspn(deps, "\n")] = '\0';
		sb_adds(&sb, deps);
	}
	sb_printf(&sb, " %s\n", extra);
	free(text);
	bool ok = write_file_atomic(dep, sb.buf, sb.len);
	if (!ok)
		error("cannot write %s: %s", dep, strerror(errno));
	sb_free(&sb);
	return ok;
}

static void push_crate_args(struct strvec *args, const struct setup *s, const struct kernel_crates *kc,
			    const struct rustc_opts *o, const char *name)
{
	push_codegen_args(args, &s->t);
	sv_split(args, "--edition=2021 -Copt-level=2 -Ccodegen-units=1 -Cdebug-assertions=n "
		       "-Coverflow-checks=y -Zcrate-attr=no_std -Zbinary-dep-depinfo");
	/* module! marks .modinfo and __param entries #[used(compiler)]: plain #[used]
	 * sets SHF_GNU_RETAIN, and ld then keeps them apart from the C ones. */
	sv_push(args, "-Zcrate-attr=feature(used_with_arg)");
	/* The kernel crate's vtable is also an attribute (#[vtable]), a macro_rules!
	 * attribute, which every crate that expands it must allow, used or not. */
	sv_split(args, "-Zcrate-attr=feature(macro_attr) -Aunused_features");
	sv_pushf(args, "--crate-name=%s", name);
	sv_pushf(args, "-L%s", kc->dir);
	sv_pushf(args, "--extern=kernel=%s/libkernel.rlib", kc->dir);
	sv_push(args, o->src);
}

/* Link the module object with what it uses of the Rust libraries. */
static bool link_plain(const struct setup *s, const struct kernel_crates *kc, const char *ld,
		       const char *obj, const char *out)
{
	char *rlibs[] = {
		xasprintf("%s/libkernel.rlib", kc->dir),
		xasprintf("%s/libbindings.rlib", kc->dir),
		xasprintf("%s/libcore.rlib", s->t.core_dir),
		xasprintf("%s/libcompiler_builtins.rlib", s->t.core_dir),
	};
	const char *argv[] = { ld, "-m", "elf_x86_64", "-r", "-o", out, obj, "--start-group",
			       rlibs[0], rlibs[1], rlibs[2], rlibs[3], "--end-group", NULL };
	bool ok = run_tool(argv);
	for (size_t i = 0; i < sizeof(rlibs) / sizeof(rlibs[0]); i++)
		free(rlibs[i]);
	return ok;
}

int cmd_rustc(int argc, char **argv)
{
	struct rustc_opts o;
	parse_rustc_options(argc, argv, &o);
	struct setup s;
	if (!setup_init(&s, o.kdir))
		return 1;
	struct kernel_crates kc;
	if (!core_ensure(&s.t, &s.tc) || !kernel_crates_ensure(&s.k, &s.tc, &s.t, &kc)) {
		setup_free(&s);
		return 1;
	}
	char *name = crate_name(o.out);
	/* Intermediate files sit beside the output, named so Kbuild's clean removes them. */
	char *tmp = xasprintf("%s.krust.%ld", o.out, (long)getpid());
	char *rustc_dep = xasprintf("%s.d", tmp);
	char *linked = xasprintf("%s.o", tmp);
	char *product = xasprintf("%s.%s", tmp, o.lto ? "a" : "rs.o");
	char *with_helpers = xasprintf("%s.h.o", tmp);

	struct strvec args;
	sv_init(&args);
	push_crate_args(&args, &s, &kc, &o, name);
	if (o.lto)
		sv_split(&args, "--crate-type=staticlib -Clto=fat -Cembed-bitcode=yes");
	else
		sv_split(&args, "--crate-type=rlib -Cembed-bitcode=no");
	sv_pushf(&args, "--emit=%s=%s,dep-info=%s", o.lto ? "link" : "obj", product, rustc_dep);
	bool ok = run_rustc(&s.tc, &args, NULL, NULL) == 0;
	sv_free(&args);

	if (ok && o.lto) {
		/* -u pulls in the LTO object (it defines init_module); the archive supplies the rest. */
		const char *ld[] = { o.ld, "-m", "elf_x86_64", "-r", "-u", "init_module", "-o", linked, product, NULL };
		ok = run_tool(ld);
	} else if (ok) {
		ok = link_plain(&s, &kc, o.ld, product, linked);
	}
	if (ok) {
		const char *strip[] = { o.objcopy, "--remove-section=.llvmbc", "--remove-section=.llvmcmd",
					linked, NULL };
		ok = run_tool(strip);
	}
	if (ok) {
		char *shims = xasprintf("%s/helpers.c", kc.dir);
		struct helper_build hb = { &o.cc, shims, s.k.objtree, s.k.release, o.ld, tmp };
		ok = helpers_link(&hb, linked, with_helpers);
		free(shims);
	}
	/* after the helpers: their compiler writes Kbuild's depfile too (-Wp,-MMD) */
	if (ok && o.dep) {
		char *extra = xasprintf("%s %s/libcore.rlib", kc.depfiles, s.t.core_dir);
		ok = write_depfile(rustc_dep, o.dep, o.out, extra);
		free(extra);
	}
	if (ok && rename(with_helpers, o.out) != 0) {
		error("cannot write %s: %s", o.out, strerror(errno));
		ok = false;
	}
	if (!ok)
		unlink(o.out); /* never leave a stale object for the next build to pick up */
	unlink(rustc_dep);
	unlink(linked);
	unlink(product);
	unlink(with_helpers);
	free(with_helpers);
	sv_free(&o.cc);
	free(rustc_dep);
	free(linked);
	free(product);
	free(tmp);
	free(name);
	kernel_crates_free(&kc);
	setup_free(&s);
	return ok ? 0 : 1;
}
