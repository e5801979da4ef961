/*
 * bindgen.c: the `krust bindgen` command: its options, then the pipeline
 *   clang/ (parse, fill the IR) -> ir/ passes -> emit/ (Rust).
 */
#include "ir/ir.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_text[] =
	"usage: krust bindgen [OPTIONS] HEADER... [-- CLANG-ARGS]\n"
	"\n"
	"Write Rust bindings for the C declarations of HEADER... (the last one is the\n"
	"main file, the others are -include'd before it). The output holds items only:\n"
	"include! it in a module that allows non_camel_case_types, non_upper_case_globals,\n"
	"non_snake_case and dead_code. It uses core only.\n"
	"\n"
	"options:\n"
	"  --kernel KDIR               parse with the C flags Kbuild gives a module of the\n"
	"                              kernel whose build tree is KDIR\n"
	"  --allowlist-function REGEX  emit the functions named so (and what they need)\n"
	"  --allowlist-type REGEX      emit the structs, unions, enums, typedefs named so\n"
	"  --allowlist-var REGEX       emit the variables and macro constants named so,\n"
	"                              and the enums with a constant named so\n"
	"  --allowlist-file REGEX      emit what is declared in files whose path matches\n"
	"  --blocklist-function REGEX  never emit these; references to them stay\n"
	"  --blocklist-type REGEX      (the same for types)\n"
	"  --blocklist-var REGEX       (the same for variables and constants)\n"
	"  --blocklist-file REGEX      (the same for whole files)\n"
	"  --opaque-type REGEX         emit these types as bytes of the right size and alignment\n"
	"  --layout-checks             add compile-time checks of size, alignment and field\n"
	"                              offsets against clang's numbers\n"
	"  --ctypes-prefix PATH        where c_int and friends live (default ::core::ffi)\n"
	"  --stats                     report on stderr how many macros became constants\n"
	"  --time-phases               report on stderr the wall time of each phase\n"
	"  --helpers-c FILE            write the C shims of the emitted static inline\n"
	"                              functions and macro helpers to FILE\n"
	"  --helper-macros LIST        also bind the function-like macros LIST types, one\n"
	"                              C prototype a line (see rust/bindings/helpers.list)\n"
	"  --helpers-index FILE        write where each shim lies in the --helpers-c file\n"
	"                              (byte ranges, one line a shim; see emit/helpers.c)\n"
	"  --deps FILE                 list in FILE, one path a line, every file the\n"
	"                              bindings were made from (headers, LIST); an error\n"
	"                              when the clang driver cannot run (KRUST_CLANG)\n"
	"  -o FILE                     write to FILE instead of stdout\n"
	"  -h, --help                  this text\n"
	"\n"
	"REGEX is a POSIX extended regular expression matched against the whole name;\n"
	"an option given several times matches any of its REGEXes. Without any allowlist\n"
	"everything is emitted. CLANG-ARGS go to clang after the kernel's flags.\n";

struct cli {
	struct bindgen_opts o;
	struct strvec headers, clang_args;
	const char *kdir;
	const char *output;
	const char *deps;
	const char *helpers_index;
	bool help;
};

struct filter_option {
	const char *name;
	size_t offset;
};

/* The four allowlists, then the four blocklists of the same kinds, in the same order. */
#define FILTER(name, field) { name, offsetof(struct bindgen_opts, field) }
static const struct filter_option filter_options[] = {
	FILTER("--allowlist-function", allow_fn), FILTER("--allowlist-type", allow_type),
	FILTER("--allowlist-var", allow_var), FILTER("--allowlist-file", allow_file),
	FILTER("--blocklist-function", block_fn), FILTER("--blocklist-type", block_type),
	FILTER("--blocklist-var", block_var), FILTER("--blocklist-file", block_file),
	FILTER("--opaque-type", opaque),
};
enum { NFILTERS = sizeof(filter_options) / sizeof(filter_options[0]) };

static struct name_filter *filter_at(struct bindgen_opts *o, size_t i)
{
	return (struct name_filter *)((char *)o + filter_options[i].offset);
}

/* "--opt VALUE" or "--opt=VALUE"; NULL when arg is not opt. */
static const char *option_value(const char *opt, int argc, char **argv, int *i, bool *missing)
{
	size_t n = strlen(opt);
	if (strncmp(argv[*i], opt, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n])
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

static bool parse_option(struct cli *c, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v;
	bool missing = false;
	for (size_t k = 0; k < NFILTERS; k++)
		if ((v = option_value(filter_options[k].name, argc, argv, i, &missing)))
			return filter_add(filter_at(&c->o, k), v);
	if ((v = option_value("--kernel", argc, argv, i, &missing)))
		c->kdir = v;
	else if ((v = option_value("--ctypes-prefix", argc, argv, i, &missing)))
		c->o.ctypes_prefix = v;
	else if ((v = option_value("--helpers-c", argc, argv, i, &missing)))
		c->o.helpers_c = v;
	else if ((v = option_value("--helper-macros", argc, argv, i, &missing)))
		c->o.helper_macros = v;
	else if ((v = option_value("--helpers-index", argc, argv, i, &missing)))
		c->helpers_index = v;
	else if ((v = option_value("--deps", argc, argv, i, &missing)))
		c->deps = v;
	else if ((v = option_value("-o", argc, argv, i, &missing)))
		c->output = v;
	else if (!strcmp(a, "--layout-checks"))
		c->o.layout_checks = true;
	else if (!strcmp(a, "--stats"))
		c->o.stats = true;
	else if (!strcmp(a, "--time-phases"))
		phase_timing(true);
	else if (!strcmp(a, "--help") || !strcmp(a, "-h"))
		c->help = true;
	else if (missing)
		error("bindgen: option '%s' needs a value", a);
	else
		error("bindgen: unknown option '%s'; 'krust bindgen --help' lists the options", a);
	return !missing && error_count() == 0;
}

/* The same name both allowed and blocked is a mistake, not a preference. */
static bool check_contradictions(struct bindgen_opts *o)
{
	bool ok = true;
	enum { NKINDS = 4 }; /* function, type, var, file */
	for (size_t k = 0; k < NKINDS; k++) {
		const struct strvec *allow = &filter_at(o, k)->pats;
		const struct strvec *block = &filter_at(o, k + NKINDS)->pats;
		for (size_t i = 0; i < allow->n; i++)
			for (size_t j = 0; j < block->n; j++)
				if (!strcmp(allow->v[i], block->v[j])) {
					error("bindgen: '%s' is given to both %s and %s", allow->v[i],
					      filter_options[k].name, filter_options[k + NKINDS].name);
					ok = false;
				}
	}
	for (size_t k = 0; k < NFILTERS; k++)
		ok &= filter_compile(filter_at(o, k), filter_options[k].name);
	return ok;
}

static bool parse_cli(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (++i < argc)
				sv_push(&c->clang_args, argv[i]);
			break;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			if (!parse_option(c, argc, argv, &i))
				return false;
			continue;
		}
		sv_push(&c->headers, argv[i]);
	}
	if (c->help)
		return true;
	if (!c->headers.n) {
		error("bindgen: no header given; 'krust bindgen --help' describes the command");
		return false;
	}
	if (c->helpers_index && !c->o.helpers_c) {
		error("bindgen: --helpers-index describes the --helpers-c file, and none is given");
		return false;
	}
	return check_contradictions(&c->o);
}

static bool clang_args(const struct cli *c, struct strvec *args)
{
	if (c->kdir) {
		struct kernel k = { 0 };
		if (!kernel_find(c->kdir, &k))
			return false;
		bool ok = kernel_clang_flags(&k, NULL, args);
		kernel_free(&k);
		if (!ok)
			return false;
	}
	for (size_t i = 0; i < c->clang_args.n; i++)
		sv_push(args, c->clang_args.v[i]);
	return true;
}

static void print_stats(const struct ir *ir)
{
	unsigned seen = ir->macros_seen;
	fprintf(stderr, "krust bindgen: %u non-empty object-like macros, %u became constants "
		"(%.1f%%), %u emitted\n", seen, ir->macros_evaluated,
		seen ? 100.0 * ir->macros_evaluated / seen : 0.0, ir->macros_emitted);
}

static bool write_output(const char *path, const struct strbuf *out)
{
	if (!path)
		return fwrite(out->buf, 1, out->len, stdout) == out->len && fflush(stdout) == 0;
	if (write_file_atomic(path, out->buf, out->len))
		return true;
	error("%s: cannot write: %s", path, strerror(errno));
	return false;
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * --deps: the files clang read and the helper list, sorted. The parse's
 * own virtual files (the constants' FIFO, gone by now) are not inputs.
 */
static bool write_deps(const struct cli *c, const struct ir *ir)
{
	struct strvec files;
	sv_init(&files);
	for (uint32_t i = 0; i < ir->nfiles; i++)
		if (is_file(ir->files[i]))
			sv_push(&files, ir->files[i]);
	if (c->o.helper_macros)
		sv_push(&files, c->o.helper_macros);
	qsort(files.v, files.n, sizeof(char *), path_cmp);
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < files.n; i++)
		if (!i || strcmp(files.v[i], files.v[i - 1]))
			sb_printf(&sb, "%s\n", files.v[i]);
	bool ok = write_output(c->deps, &sb);
	sb_free(&sb);
	sv_free(&files);
	return ok;
}

static int generate(const struct cli *c)
{
	struct strvec args;
	sv_init(&args);
	if (!clang_args(c, &args)) {
		sv_free(&args);
		return 1;
	}
	phase_done("flags");
	struct ir *ir = ir_new();
	struct strbuf macros;
	sb_init(&macros);
	bool ok = !c->o.helper_macros || helper_macros_source(c->o.helper_macros, &macros);
	ok = ok && clang_parse_headers(ir, &c->headers, &args, macros.len ? macros.buf : NULL);
	sb_free(&macros);
	sv_free(&args);
	if (ok) {
		ir_eval_macros(ir);
		phase_done("macros");
		ir_select(ir, &c->o);
		ir_name(ir);
		ir_order(ir);
		ir_layout(ir);
		phase_done("passes");
		struct strbuf out;
		sb_init(&out);
		emit_rust(ir, &c->o, &out);
		phase_done("emit");
		ok = write_output(c->output, &out);
		phase_done("write");
		if (ok && c->o.helpers_c) {
			struct strbuf index;
			sb_init(&index);
			sb_free(&out);
			sb_init(&out);
			emit_helpers_c(ir, &c->headers, &out, &index);
			ok = write_output(c->o.helpers_c, &out) &&
			     (!c->helpers_index || write_output(c->helpers_index, &index));
			sb_free(&index);
		}
		sb_free(&out);
		if (ok && c->deps && ir->constants_partial) {
			/* a cache keyed on these files would keep the loss after the driver is fixed */
			error("bindgen: --deps cannot list what a run without the clang driver "
			      "depends on; install the clang driver or set KRUST_CLANG");
			ok = false;
		}
		if (ok && c->deps)
			ok = write_deps(c, ir);
		if (c->o.stats)
			print_stats(ir);
	}
	ir_free(ir);
	phase_done("free");
	return ok && error_count() == 0 ? 0 : 1;
}

int cmd_bindgen(int argc, char **argv)
{
	struct cli c = { .o.ctypes_prefix = "::core::ffi" };
	sv_init(&c.headers);
	sv_init(&c.clang_args);
	for (size_t k = 0; k < NFILTERS; k++)
		sv_init(&filter_at(&c.o, k)->pats);
	int rc;
	if (!parse_cli(&c, argc, argv))
		rc = 2;
	else if (c.help)
		rc = (fputs(usage_text, stdout), 0);
	else
		rc = generate(&c);
	for (size_t k = 0; k < NFILTERS; k++)
		filter_free(filter_at(&c.o, k));
	sv_free(&c.headers);
	sv_free(&c.clang_args);
	return rc;
}
