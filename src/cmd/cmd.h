/*
 * cmd.h: what the commands of src/cmd/ share. Each command (config.c,
 * prepare.c, rustc.c, bindgen.c; vm/qemu.c for krust vm) parses its options
 * and drives the stages below it: kernel/, toolchain/, clang/ ir/ emit/.
 */
#ifndef KRUST_CMD_H
#define KRUST_CMD_H

#include "krust.h"
#include "toolchain/toolchain.h"

/* Everything a command that builds Rust needs to know about the target. */
struct setup {
	struct kernel k;
	struct rust_toolchain tc;
	struct kbuild_codegen kb;
	struct rust_target t;
};
/*
 * Find the kernel (kdir, else KDIR, else the newest) and the toolchain, and
 * the Rust target for them; false after an error. Kbuild's code-generation
 * flags are given's when not NULL (a copy is kept), else a run of Kbuild's.
 */
bool setup_init(struct setup *s, const char *kdir, const struct kbuild_codegen *given);
void setup_free(struct setup *s);

/*
 * The one option parser of config, prepare and rustc (getopt_long, from a
 * table): each option sets *flag (no value) or *value. Everything after
 * "--" goes into rest when rest is not NULL. Exits on --help (usage to
 * stdout) and on a bad option (usage to stderr). Returns how many arguments
 * are not options, and points *args at them.
 */
struct cmd_option {
	const char *name; /* the long name; one letter is also the short one (-o) */
	bool *flag;
	const char **value;
};
int parse_options(int argc, char **argv, const char *usage, const struct cmd_option *opts,
		  struct strvec *rest, char ***args);
/* For a command that takes no arguments but options: exits, after usage on stderr, if it got some. */
void no_arguments(int nargs, char **args, const char *usage);

#endif
