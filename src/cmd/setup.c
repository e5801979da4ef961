/*
 * setup.c: what the commands share: the target kernel and toolchain, and
 * the option parser (one getopt_long table built from each command's own).
 */
#include "cmd/cmd.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* A copy of given's flags, else the probe's. */
static bool setup_kbuild(struct setup *s, const struct kbuild_codegen *given)
{
	if (!given)
		return kbuild_codegen_probe(&s->k, &s->kb);
	sv_init(&s->kb.cflags);
	sv_init(&s->kb.rustflags);
	for (size_t i = 0; i < given->cflags.n; i++)
		sv_push(&s->kb.cflags, given->cflags.v[i]);
	for (size_t i = 0; i < given->rustflags.n; i++)
		sv_push(&s->kb.rustflags, given->rustflags.v[i]);
	return true;
}

bool setup_init(struct setup *s, const char *kdir, const struct kbuild_codegen *given)
{
	memset(s, 0, sizeof(*s));
	if (!kernel_find(kdir, &s->k))
		return false;
	/* the options krust refuses are refused before make runs, from the .config alone */
	bool ok = toolchain_find(&s->tc);
	if (ok && !(ok = kernel_supported(&s->k) && setup_kbuild(s, given)))
		toolchain_free(&s->tc);
	if (ok && !(ok = rust_target_init(&s->t, &s->k, &s->kb, &s->tc))) {
		kbuild_codegen_free(&s->kb);
		toolchain_free(&s->tc);
	}
	if (!ok)
		kernel_free(&s->k);
	return ok;
}

void setup_free(struct setup *s)
{
	rust_target_free(&s->t);
	kbuild_codegen_free(&s->kb);
	toolchain_free(&s->tc);
	kernel_free(&s->k);
}

/* Everything after "--" into rest; returns the count of arguments before it. */
static int split_rest(int argc, char **argv, struct strvec *rest)
{
	for (int i = 1; rest && i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			for (int j = i + 1; j < argc; j++)
				sv_push(rest, argv[j]);
			return i;
		}
	return argc;
}

int parse_options(int argc, char **argv, const char *usage, const struct cmd_option *opts,
		  struct strvec *rest, char ***args)
{
	enum { MAX_OPTIONS = 16, HELP = 256 };
	struct option longs[MAX_OPTIONS + 2] = { { "help", no_argument, NULL, HELP } };
	char shorts[2 * MAX_OPTIONS + 2] = "h";
	size_t n = 1, ns = 1;
	for (size_t i = 0; opts[i].name && n <= MAX_OPTIONS; i++, n++) {
		bool one_letter = !opts[i].name[1];
		int id = one_letter ? opts[i].name[0] : HELP + 1 + (int)i;
		longs[n] = (struct option){ opts[i].name, opts[i].value ? required_argument : no_argument,
					    NULL, id };
		if (one_letter) {
			shorts[ns++] = opts[i].name[0];
			if (opts[i].value)
				shorts[ns++] = ':';
		}
	}
	argc = split_rest(argc, argv, rest);
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1;) {
		const struct cmd_option *o = NULL;
		for (size_t i = 0; opts[i].name && !o; i++)
			if (c == (opts[i].name[1] ? HELP + 1 + (int)i : opts[i].name[0]))
				o = &opts[i];
		if (o && o->value) {
			*o->value = optarg;
		} else if (o) {
			*o->flag = true;
		} else if (c == HELP || c == 'h') {
			fputs(usage, stdout);
			exit(0);
		} else {
			fputs(usage, stderr);
			exit(2);
		}
	}
	*args = argv + optind;
	return argc - optind;
}

void no_arguments(int nargs, char **args, const char *usage)
{
	if (nargs) {
		error("unexpected argument '%s'", args[0]);
		fputs(usage, stderr);
		exit(2);
	}
}
