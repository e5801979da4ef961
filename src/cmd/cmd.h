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
	struct rust_target t;
};
/* Find the kernel (kdir, else KDIR, else the newest) and the toolchain; false after an error. */
bool setup_init(struct setup *s, const char *kdir);
void setup_free(struct setup *s);

/*
 * The options of config and prepare: --kernel KDIR, and the flags named in
 * extra (NULL-terminated, each set to true when given; NULL for none).
 * Exits on --help (usage to stdout) and on a bad option (usage to stderr).
 * Everything after "--" goes into rest when rest is not NULL.
 */
struct flag_option {
	const char *name;
	bool *set;
};
void parse_kernel_options(int argc, char **argv, const char *usage, const char **kdir,
			  const struct flag_option *extra, struct strvec *rest);

#endif
