/*
 * config.c: `krust config`, what krust makes of the target kernel.
 */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: krust config [--kernel KDIR] [--kdir] [--clang-flags [-- CC C-FLAGS...]]\n"
	"       krust config --kernels\n"
	"\n"
	"Show the target kernel (default: KDIR, else the newest installed kernel with\n"
	"headers), the toolchain, and the rustc flags derived from the kernel's .config.\n"
	"\n"
	"  --kernel KDIR     the kernel build tree\n"
	"  --kdir            print only the kernel's build tree, for make -C\n"
	"  --kernels         print the build tree of every installed kernel, newest\n"
	"                    first, one a line (without KDIR, the first is the target)\n"
	"  --clang-flags     print only the C flags the bindings are parsed with, one a\n"
	"                    line: from Kbuild, or from the command after '--' (as\n"
	"                    krust rustc takes them from Kbuild's $(CC) $(c_flags))\n";

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

int cmd_config(int argc, char **argv)
{
	const char *kdir = NULL;
	bool only_kdir = false, clang_flags = false, kernels = false;
	const struct cmd_option opts[] = {
		{ "kernel", NULL, &kdir }, { "kdir", &only_kdir, NULL },
		{ "kernels", &kernels, NULL }, { "clang-flags", &clang_flags, NULL },
		{ NULL, NULL, NULL },
	};
	struct strvec cc;
	sv_init(&cc);
	char **args;
	int nargs = parse_options(argc, argv, usage, opts, &cc, &args);
	no_arguments(nargs, args, usage);
	int rc;
	if (cc.n && !clang_flags) {
		error("a compiler command after '--' goes with --clang-flags");
		rc = 2;
	} else if (kernels && (kdir || only_kdir || clang_flags)) {
		error("--kernels lists every installed kernel; it goes with no other option");
		rc = 2;
	} else if (kernels) {
		rc = print_kernels();
	} else if (only_kdir) {
		rc = print_kdir(kdir);
	} else if (clang_flags) {
		rc = print_clang_flags(kdir, &cc);
	} else {
		struct setup s;
		rc = 1;
		if (setup_init(&s, kdir)) {
			printf("kernel:    %s\n", s.k.release);
			printf("objtree:   %s\n", s.k.objtree);
			printf("srctree:   %s\n", s.k.srctree);
			printf("image:     %s\n", s.k.image ? s.k.image : "(not installed)");
			printf("rustc:     %s (%s)\n", s.tc.rustc, s.tc.version);
			printf("library:   %s\n", s.tc.library);
			char *core = core_link(&s.t);
			printf("cache:     %s\n", core);
			free(core);
			char *flags = sv_join(&s.t.flags, " ");
			printf("rustflags: %s\n", flags);
			free(flags);
			const char *f = strstr(s.t.spec.buf, "\"features\": \"");
			if (f)
				printf("features:  %.*s\n", (int)strcspn(f + 13, "\""), f + 13);
			setup_free(&s);
			rc = 0;
		}
	}
	sv_free(&cc);
	return rc;
}
