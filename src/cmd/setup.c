/*
 * setup.c: the target kernel and toolchain, and the options that name them,
 * as the commands that build Rust share them.
 */
#include "cmd/cmd.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

bool setup_init(struct setup *s, const char *kdir)
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

void setup_free(struct setup *s)
{
	rust_target_free(&s->t);
	toolchain_free(&s->tc);
	kernel_free(&s->k);
}

/* Everything after "--" into rest; returns the count of arguments before it. */
static int split_rest(int argc, char **argv, struct strvec *rest)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			for (int j = i + 1; rest && j < argc; j++)
				sv_push(rest, argv[j]);
			return rest ? i : argc;
		}
	return argc;
}

void parse_kernel_options(int argc, char **argv, const char *usage, const char **kdir,
			  const struct flag_option *extra, struct strvec *rest)
{
	enum { MAX_FLAGS = 8 };
	struct option opts[MAX_FLAGS + 3] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
	};
	size_t n = 2;
	for (size_t i = 0; extra && extra[i].name && n < MAX_FLAGS + 2; i++)
		opts[n++] = (struct option){ extra[i].name, no_argument, NULL, (int)(256 + i) };
	argc = split_rest(argc, argv, rest);
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, "k:h", opts, NULL)) != -1;) {
		if (c == 'k') {
			*kdir = optarg;
		} else if (c >= 256) {
			*extra[c - 256].set = true;
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
