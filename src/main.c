/*
 * main.c: the krust command line. It picks a subcommand and hands over its
 * arguments; each subcommand (src/cmd/, and vm/qemu.c for krust vm) parses
 * its own options.
 */
#include "krust.h"

#include <string.h>

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "config", cmd_config, "show the target kernel and the rustc flags derived from its .config" },
	{ "prepare", cmd_prepare, "build and cache core, compiler_builtins, bindings and the kernel crate" },
	{ "rustc", cmd_rustc, "compile a module's .rs into an object for Kbuild (used by kbuild/krust.mk)" },
	{ "bindgen", cmd_bindgen, "generate Rust bindings from C headers" },
	{ "vm", cmd_vm, "boot a kernel in QEMU with modules and tests, and report the results" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: krust COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'krust COMMAND --help' describes each command's options.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	error("unknown command '%s'; 'krust --help' lists the commands", argv[1]);
	return 2;
}
