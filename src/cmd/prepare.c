/*
 * prepare.c: `krust prepare`, the toolchain and kernel crates built ahead.
 */
#include "cmd/cmd.h"

static const char usage[] =
	"usage: krust prepare [--kernel KDIR]\n"
	"\n"
	"Build core, compiler_builtins, the kernel bindings and the kernel crate for\n"
	"the target kernel into the cache, unless they are there, and print the\n"
	"directory holding the kernel crate.\n";

int cmd_prepare(int argc, char **argv)
{
	const char *kdir = NULL;
	const struct cmd_option opts[] = { { "kernel", NULL, &kdir }, { NULL, NULL, NULL } };
	char **args;
	int nargs = parse_options(argc, argv, usage, opts, NULL, &args);
	no_arguments(nargs, args, usage);
	struct setup s;
	if (!setup_init(&s, kdir, NULL))
		return 1;
	struct strvec flags;
	sv_init(&flags);
	struct kernel_crates kc;
	bool ok = kernel_clang_flags(&s.k, NULL, &flags) && core_ensure(&s.t, &s.tc) &&
		  kernel_crates_ensure(&s.k, &s.tc, &s.t, &flags, &kc);
	if (ok) {
		printf("%s\n", kc.dir);
		kernel_crates_free(&kc);
	}
	sv_free(&flags);
	setup_free(&s);
	return ok ? 0 : 1;
}
