/*
 * config.c: `krust config`, what krust makes of the target kernel.
 */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: krust config [--kernel KDIR] [--kdir] [--clang-flags [-- CC C-FLAGS...]]\n"
	"                    [--rustflags [--kbuild-cflags FLAGS --kbuild-rustflags FLAGS]]\n"
	"       krust config --kernels\n"
	"\n"
	"Show the target kernel (default: KDIR, else the newest installed kernel with\n"
	"headers), the toolchain, the rustc flags for it, and how each option of the\n"
	"kernel that bears on code generation (its mitigations: retpolines, return\n"
	"thunks, IBT, call padding...) is matched in Rust. A kernel whose C is built\n"
	"with a code-generation flag krust does not know is refused, with its name.\n"
	"\n"
	"  --kernel KDIR     the kernel build tree\n"
	"  --kdir            print only the kernel's build tree, for make -C\n"
	"  --kernels         print the build tree of every installed kernel, newest\n"
	"                    first, one a line (without KDIR, the first is the target)\n"
	"  --clang-flags     print only the C flags the bindings are parsed with, one a\n"
	"                    line: from Kbuild, or from the command after '--' (as\n"
	"                    krust rustc takes them from Kbuild's $(CC) $(c_flags))\n"
	"  --rustflags       print only rustc's code-generation flags, one a line: from\n"
	"                    the kernel's Makefiles as a run of Kbuild prints them, or\n"
	"                    from --kbuild-cflags and --kbuild-rustflags (as krust rustc\n"
	"                    takes them from Kbuild's $(KBUILD_CFLAGS) and\n"
	"                    $(KBUILD_RUSTFLAGS))\n";

static int print_kdir(const char *kdir)
{
	struct kernel k;
	if (!kernel_find(kdir, &k))
		return 1;
	printf("%s\n", k.objtree);
	kernel_free(&k);
	return 0;
}

static int print_kernels(void)
{
	struct strvec kdirs;
	sv_init(&kdirs);
	kernel_list_installed(&kdirs);
	for (size_t i = 0; i < kdirs.n; i++)
		printf("%s\n", kdirs.v[i]);
	int rc = kdirs.n ? 0 : 1;
	if (!kdirs.n)
		kernel_none_installed();
	sv_free(&kdirs);
	return rc;
}

static int print_clang_flags(const char *kdir, const struct strvec *cc)
{
	struct kernel k;
	if (!kernel_find(kdir, &k))
		return 1;
	struct strvec flags;
	sv_init(&flags);
	bool ok = kernel_clang_flags(&k, cc, &flags);
	for (size_t i = 0; ok && i < flags.n; i++)
		printf("%s\n", flags.v[i]);
	sv_free(&flags);
	kernel_free(&k);
	return ok ? 0 : 1;
}

static void print_setup(const struct setup *s)
{
	printf("kernel:    %s\n", s->k.release);
	printf("objtree:   %s\n", s->k.objtree);
	printf("srctree:   %s\n", s->k.srctree);
	printf("image:     %s\n", s->k.image ? s->k.image : "(not installed)");
	printf("rustc:     %s (%s)\n", s->tc.rustc, s->tc.version);
	printf("library:   %s\n", s->tc.library);
	char *core = core_link(&s->t);
	printf("cache:     %s\n", core);
	free(core);
	char *flags = sv_join(&s->t.flags, " ");
	printf("rustflags: %s\n", flags);
	free(flags);
	const char *f = strstr(s->t.spec.buf, "\"features\": \"");
	if (f)
		printf("features:  %.*s\n", (int)strcspn(f + 13, "\""), f + 13);
	printf("codegen:   how each option of the kernel that bears on code generation is matched\n");
	fflush(stdout);
	kernel_codegen_report(&s->k, &s->kb, stdout);
}

/* The whole report, or with only_flags rustc's flags alone; given as for setup_init. */
static int print_target(const char *kdir, const struct kbuild_codegen *given, bool only_flags)
{
	struct setup s;
	if (!setup_init(&s, kdir, given))
		return 1;
	if (only_flags) {
		for (size_t i = 0; i < s.t.flags.n; i++)
			printf("%s\n", s.t.flags.v[i]);
	} else {
		print_setup(&s);
	}
	setup_free(&s);
	return 0;
}

int cmd_config(int argc, char **argv)
{
	const char *kdir = NULL, *kbuild_cflags = NULL, *kbuild_rustflags = NULL;
	bool only_kdir = false, clang_flags = false, rustflags = false, kernels = false;
	const struct cmd_option opts[] = {
		{ "kernel", NULL, &kdir },
		{ "kdir", &only_kdir, NULL },
		{ "kernels", &kernels, NULL },
		{ "clang-flags", &clang_flags, NULL },
		{ "rustflags", &rustflags, NULL },
		{ "kbuild-cflags", NULL, &kbuild_cflags },
		{ "kbuild-rustflags", NULL, &kbuild_rustflags },
		{ NULL, NULL, NULL },
	};
	struct strvec cc;
	sv_init(&cc);
	char **args;
	int nargs = parse_options(argc, argv, usage, opts, &cc, &args);
	no_arguments(nargs, args, usage);
	struct kbuild_codegen given;
	kbuild_codegen_from(&given, kbuild_cflags ? kbuild_cflags : "", kbuild_rustflags ? kbuild_rustflags : "");
	int rc;
	if (cc.n && !clang_flags) {
		error("a compiler command after '--' goes with --clang-flags");
		rc = 2;
	} else if ((kbuild_cflags || kbuild_rustflags) && !rustflags) {
		error("--kbuild-cflags and --kbuild-rustflags go with --rustflags");
		rc = 2;
	} else if (!kbuild_cflags != !kbuild_rustflags) {
		error("--kbuild-cflags and --kbuild-rustflags go together");
		rc = 2;
	} else if (kernels && (kdir || only_kdir || clang_flags || rustflags)) {
		error("--kernels lists every installed kernel; it goes with no other option");
		rc = 2;
	} else if (kernels) {
		rc = print_kernels();
	} else if (only_kdir) {
		rc = print_kdir(kdir);
	} else if (clang_flags) {
		rc = print_clang_flags(kdir, &cc);
	} else {
		rc = print_target(kdir, kbuild_cflags ? &given : NULL, rustflags);
	}
	kbuild_codegen_free(&given);
	sv_free(&cc);
	return rc;
}
