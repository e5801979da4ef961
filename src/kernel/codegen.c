/*
 * codegen.c: rustc's code generation for one kernel, checked against how
 * the kernel compiles its C.
 *
 * Rust linked into a module must be compiled the way the kernel compiles
 * its C: the same code model, no red zone, no floating point, the same
 * stack alignment and the same mitigations (retpolines, return thunks, SLS
 * hardening, IBT landing pads, call padding), or objtool rejects the object
 * and the kernel's run-time patching silently stops covering it. Each row
 * of rows[] ties kernel options to the gcc flags they add to KBUILD_CFLAGS
 * and to what matches those flags in Rust.
 *
 * rustc's flags come from two sources:
 *   - the kernel's own KBUILD_RUSTFLAGS (6.12's Makefiles compute IBT, call
 *     padding and return thunks there), of which krust keeps the flags
 *     that change code or ABI (rustflag_rules[]);
 *   - the rows, for what the kernel's Makefiles say nothing of: 6.1 says
 *     little, and no release says retpolines or SLS for Rust (upstream puts
 *     them in a generated target.json that headers packages lack).
 * Where both give a flag they must agree, and the list is in the rows'
 * order either way, so that both give the very same command.
 *
 * A mismatch nobody notices is the failure this file exists to prevent, so
 * it refuses what it does not know: a code-generation flag in KBUILD_CFLAGS
 * that no row of an enabled option accounts for (a new mitigation, a gcc
 * plugin, KCFLAGS), a flag in KBUILD_RUSTFLAGS it has no rule for, and the
 * options whose instrumentation Kbuild adds per object, outside
 * KBUILD_CFLAGS (the sanitizers).
 */
#include "krust.h"

#include <stdlib.h>
#include <string.h>

/* Options krust refuses, and why. */
static const struct {
	const char *option;
	const char *why;
} unsupported[] = {
	{ "CFI_CLANG", "kernel control-flow integrity (CONFIG_CFI_CLANG), whose type hashes krust does not emit yet" },
	{ "LTO_CLANG", "clang LTO (CONFIG_LTO_CLANG), whose bitcode objects krust cannot mix with rustc's LLVM" },
	{ "KASAN", "the address sanitizer (CONFIG_KASAN), whose checks krust does not emit" },
	{ "KMSAN", "the memory sanitizer (CONFIG_KMSAN), whose checks krust does not emit" },
	{ "KCSAN", "the data race sanitizer (CONFIG_KCSAN), whose checks krust does not emit" },
	{ "UBSAN", "the undefined behaviour sanitizer (CONFIG_UBSAN), whose checks krust does not emit" },
	{ "KCOV", "code coverage for fuzzing (CONFIG_KCOV), whose instrumentation krust does not emit" },
	{ "GCOV_KERNEL", "gcov profiling (CONFIG_GCOV_KERNEL), whose instrumentation krust does not emit" },
	{ "RANDSTRUCT_FULL", "randomized structure layout (CONFIG_RANDSTRUCT_FULL), which the bindings cannot follow" },
	{ "RANDSTRUCT_PERFORMANCE",
	  "randomized structure layout (CONFIG_RANDSTRUCT_PERFORMANCE), which the bindings cannot follow" },
};

/*
 * One kernel option (or a group), what it adds to the C compiler's flags,
 * and how Rust matches it. {NAME} in a string stands for CONFIG_NAME's
 * value. A gcc flag ending in '*' is a prefix.
 */
struct codegen_row {
	const char *options;  /* applies when one is set (6.12's name, then 6.1's); "" always */
	const char *gcc;      /* the flags of KBUILD_CFLAGS it accounts for */
	const char *rustc;    /* rustc's flags for it, whether or not KBUILD_RUSTFLAGS has them */
	const char *features; /* target features for it */
	const char *how;      /* for krust config: what matches it, or why nothing need */
};

static const struct codegen_row rows[] = {
	{ "", "-m64 -mcmodel=kernel -mno-red-zone -fno-PIE -fno-pie -mno-sse -mno-sse2 -mno-mmx -mno-3dnow "
	      "-mno-avx -mno-80387 -mno-fp-ret-in-387 -fno-asynchronous-unwind-tables",
	  "-Ccode-model=kernel -Crelocation-model=static -Cno-redzone=y -Cpanic=abort -Cforce-unwind-tables=n "
	  "-Csymbol-mangling-version=v0 -Zfunction-sections=n -Zplt=yes",
	  NULL,
	  "the kernel's ABI: its code model, no red zone, soft float (the x86_64-unknown-none target), no "
	  "unwind tables, one .text section per object as gcc gives; calls in the PLT form, as the module "
	  "loader takes no GOT relocation" },
	/* Without it LLVM takes the stack as 16-byte aligned and does not realign for a local that needs it. */
	{ "", "-mpreferred-stack-boundary=3", "-Zllvm-module-flag=override-stack-alignment:u32:8:error", NULL,
	  "an 8-byte aligned stack: a function whose locals need more aligns its own frame" },
	{ "", "-fshort-wchar -funsigned-char -std=* -fno-common -fno-strict-aliasing -fno-strict-overflow "
	      "-fno-delete-null-pointer-checks -fno-builtin-wcslen -fmacro-prefix-map=* -ftrivial-auto-var-init=*",
	  NULL, NULL,
	  "C's dialect: the bindings are parsed with its type flags; the rest has no Rust counterpart (no "
	  "type-based aliasing, defined overflow, no uninitialised locals)" },
	{ "", "-O2 -Os -g -falign-jumps=* -falign-loops=* -fconserve-stack -mtune=* -mskip-rax-setup "
	      "-fcf-protection=none -fno-stack-protector -fno-allow-store-data-races --param=allow-store-data-races=0",
	  NULL, NULL,
	  "tuning, debug information, and what Rust does anyway (LLVM adds no store the source does not make): "
	  "nothing to match" },
	{ "", "-fno-stack-check -fno-stack-clash-protection", NULL, NULL,
	  "not matched: Rust keeps its stack probes, which touch each page of a frame over 4 KiB in order, "
	  "so that an overflow meets the guard page" },
	{ "MITIGATION_RETPOLINE RETPOLINE",
	  "-mindirect-branch=thunk-extern -mindirect-branch-register -mindirect-branch-cs-prefix -fno-jump-tables",
	  "-Zindirect-branch-cs-prefix", "+retpoline-external-thunk,+retpoline-indirect-branches,+retpoline-indirect-calls",
	  "indirect calls and jumps through the __x86_indirect_thunk_* functions, no jump tables; objtool lists "
	  "them in .retpoline_sites for the kernel to rewrite" },
	{ "MITIGATION_RETHUNK RETHUNK", "-mfunction-return=thunk-extern", "-Zfunction-return=thunk-extern", NULL,
	  "returns through __x86_return_thunk; objtool lists them in .return_sites for the kernel to point at "
	  "the thunk its mitigation needs" },
	{ "MITIGATION_SLS SLS", "-mharden-sls=all", NULL, "+harden-sls-ret,+harden-sls-ijmp",
	  "an int3 after every ret and indirect jmp; objtool --sls checks them" },
	{ "X86_KERNEL_IBT", "-fcf-protection=branch -fno-jump-tables", "-Zcf-protection=branch -Cjump-tables=n", NULL,
	  "endbr64 at every function that can be called indirectly, no jump tables (their notrack jumps would "
	  "fault); objtool --ibt checks them and lists the other endbr64 for the kernel to seal" },
	{ "CALL_PADDING", "-fpatchable-function-entry={FUNCTION_PADDING_BYTES},{FUNCTION_PADDING_BYTES}",
	  "-Zpatchable-function-entry={FUNCTION_PADDING_BYTES},{FUNCTION_PADDING_BYTES}", NULL,
	  "{FUNCTION_PADDING_BYTES} single-byte nops before every function, where the kernel may put its "
	  "call-depth accounting" },
	/*
	 * LLVM aligns x86-64 functions to 16 bytes at krust's -Copt-level=2.
	 * rustc 1.96's -Zmin-function-alignment would raise the alignment of
	 * statics too, and the kernel walks __param and its other tables with
	 * the C stride: a larger alignment is refused as an unknown flag.
	 */
	{ "FUNCTION_ALIGNMENT", "-falign-functions=4 -falign-functions=8 -falign-functions=16", NULL, NULL,
	  "every function, and so its padding, at a multiple of 16 bytes, as LLVM aligns them" },
	{ "PREFIX_SYMBOLS", "", NULL, NULL, "objtool --prefix names each function's padding __pfx_<function>" },
	{ "MITIGATION_CALL_DEPTH_TRACKING CALL_DEPTH_TRACKING CALL_THUNKS", "", NULL, NULL,
	  "objtool --hacks=skylake lists every direct call in .call_sites, for the kernel to redirect into the "
	  "callee's padding" },
	{ "MITIGATION_ITS", "", NULL, NULL,
	  "run time: the kernel rewrites the indirect branches and returns objtool lists to its ITS thunks" },
	{ "MITIGATION_SRSO CPU_SRSO MITIGATION_UNRET_ENTRY CPU_UNRET_ENTRY", "", NULL, NULL,
	  "run time: the kernel points the return thunk at the one the mitigation needs" },
	{ "UNWINDER_ORC", "", NULL, NULL, "objtool --orc writes every function's unwind table" },
	{ "FRAME_POINTER", "-fno-omit-frame-pointer -fno-optimize-sibling-calls", "-Cforce-frame-pointers=y", NULL,
	  "a frame pointer in every function" },
	{ "STACKPROTECTOR", "-fstack-protector -fstack-protector-strong", NULL, NULL,
	  "not applied: Rust functions carry no stack canary (rustc cannot read the kernel's); each function "
	  "checks only its own frame, so the two mix safely" },
	{ "FUNCTION_TRACER", "-pg -mfentry -mrecord-mcount", NULL, NULL,
	  "not applied: Rust functions make no __fentry__ call, so ftrace neither lists nor patches them" },
	{ "X86_USER_SHADOW_STACK", "", NULL, NULL, "user space's shadow stacks: kernel code keeps its plain calls" },
	{ "HARDENED_USERCOPY FORTIFY_SOURCE", "", NULL, NULL,
	  "checks inside C: the kernel's functions, and krust's shims, built with the kernel's own command" },
	{ "MITIGATION_PAGE_TABLE_ISOLATION PAGE_TABLE_ISOLATION MITIGATION_IBPB_ENTRY CPU_IBPB_ENTRY "
	  "MITIGATION_IBRS_ENTRY CPU_IBRS_ENTRY MITIGATION_SPECTRE_V1 MITIGATION_SPECTRE_V2 MITIGATION_SPECTRE_BHI "
	  "MITIGATION_RETBLEED MITIGATION_MDS MITIGATION_TAA MITIGATION_MMIO_STALE_DATA MITIGATION_L1TF "
	  "MITIGATION_SRBDS MITIGATION_SSB MITIGATION_GDS MITIGATION_RFDS MITIGATION_TSA MITIGATION_VMSCAPE",
	  "", NULL, NULL, "run time only (entry code, microcode, barriers in C): nothing in a module's code" },
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

/* What krust does with a flag of KBUILD_RUSTFLAGS. */
enum rust_rule {
	KEEP,     /* changes code or ABI: passed to rustc */
	RESPELL,  /* kept as another spelling of it */
	FEATURES, /* target features, into the target specification */
	ALIGN16,  /* function alignment up to 16, which LLVM gives anyway */
	OWN,      /* krust's own choice for each crate (optimisation, LTO, edition) */
	LINT,     /* lints and cfgs: they change no code */
};

/* A rule's flag ending in '=' matches any value; a LINT rule's flag is a prefix. */
static const struct {
	const char *flag;
	enum rust_rule rule;
	const char *as; /* RESPELL's spelling: rustc 1.96 rejects -Zno-jump-tables */
} rust_rules[] = {
	{ "-Ccode-model=", KEEP, NULL },
	{ "-Crelocation-model=", KEEP, NULL },
	{ "-Cno-redzone=", KEEP, NULL },
	{ "-Cpanic=", KEEP, NULL },
	{ "-Cforce-unwind-tables=", KEEP, NULL },
	{ "-Csymbol-mangling-version=", KEEP, NULL },
	{ "-Zfunction-sections=", KEEP, NULL },
	{ "-Zcf-protection=", KEEP, NULL },
	{ "-Cjump-tables=", KEEP, NULL },
	{ "-Zno-jump-tables", RESPELL, "-Cjump-tables=n" },
	{ "-Zfunction-return=", KEEP, NULL },
	{ "-Zpatchable-function-entry=", KEEP, NULL },
	{ "-Zindirect-branch-cs-prefix", KEEP, NULL },
	{ "-Zmin-function-alignment=", ALIGN16, NULL },
	{ "-Cforce-frame-pointers=", KEEP, NULL },
	{ "-Ctarget-feature=", FEATURES, NULL },
	{ "--target=", OWN, NULL }, /* krust writes its own specification */
	{ "--edition=", OWN, NULL },
	{ "-O", OWN, NULL },
	{ "-Copt-level=", OWN, NULL },
	{ "-Cdebug-assertions=", OWN, NULL },
	{ "-Coverflow-checks=", OWN, NULL },
	{ "-Cembed-bitcode=", OWN, NULL },
	{ "-Clto=", OWN, NULL },
	{ "-Ccodegen-units=", OWN, NULL },
	{ "-g", OWN, NULL },
	{ "-Cdebuginfo=", OWN, NULL },
	{ "-Zbinary_dep_depinfo=", OWN, NULL },
	{ "-Zbinary-dep-depinfo", OWN, NULL },
	{ "-Zunstable-options", OWN, NULL },
	/* tuning and the instruction set: code without them runs on every CPU the kernel does */
	{ "-Ztune-cpu=", OWN, NULL },
	{ "-Ctarget-cpu=", OWN, NULL },
	{ "-A", LINT, NULL },
	{ "-W", LINT, NULL },
	{ "-D", LINT, NULL },
	{ "-F", LINT, NULL },
	{ "--cap-lints=", LINT, NULL },
	{ "--cfg=", LINT, NULL },
};
#define NRULES (sizeof(rust_rules) / sizeof(rust_rules[0]))

/* Flags krust always gives: its own target specification needs -Zunstable-options. */
static const char *const krust_flags[] = { "-Zunstable-options" };

/* ----------------------------------------------------------- the options */

/* A bool option set to y or m, or a number other than 0. */
static bool option_set(const struct kconfig *kc, const char *name)
{
	const char *v = kconfig_get(kc, name);
	return v && *v && strcmp(v, "n") != 0 && strcmp(v, "0") != 0;
}

/* The row's options that are set, blank-separated, into out; false if none (true for an always row). */
static bool row_options(const struct codegen_row *r, const struct kconfig *kc, struct strbuf *out)
{
	if (!r->options[0])
		return true;
	struct strvec names;
	sv_init(&names);
	sv_split(&names, r->options);
	bool any = false;
	for (size_t i = 0; i < names.n; i++)
		if (option_set(kc, names.v[i])) {
			if (out)
				sb_printf(out, "%s%s", any ? " " : "", names.v[i]);
			any = true;
		}
	sv_free(&names);
	return any;
}

static bool row_applies(const struct codegen_row *r, const struct kconfig *kc)
{
	return row_options(r, kc, NULL);
}

/* s with each {NAME} replaced by CONFIG_NAME's value ("" if unset). Caller frees. */
static char *expand(const char *s, const struct kconfig *kc)
{
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = s; *p;) {
		const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
		if (!close) {
			sb_adds(&sb, p);
			break;
		}
		sb_addn(&sb, p, (size_t)(open - p));
		char *name = xstrndup(open + 1, (size_t)(close - open - 1));
		const char *v = kconfig_get(kc, name);
		sb_adds(&sb, v ? v : "");
		free(name);
		p = close + 1;
	}
	return sb_steal(&sb);
}

/* A row's list (gcc, rustc), expanded and split into words. */
static void row_words(const char *list, const struct kconfig *kc, struct strvec *out)
{
	if (!list)
		return;
	char *text = expand(list, kc);
	sv_split(out, text);
	free(text);
}

bool kernel_supported(const struct kernel *k)
{
	if (strcmp(k->arch, "x86_64") != 0) {
		error("krust supports x86_64 kernels only, and %s is configured for %s", k->config, k->arch);
		return false;
	}
	for (size_t i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++) {
		if (kconfig_enabled(k->kconfig, unsupported[i].option)) {
			error("%s enables %s, so krust cannot build Rust for this kernel", k->config, unsupported[i].why);
			return false;
		}
	}
	return true;
}

/* ------------------------------------------------------ KBUILD_CFLAGS */

/* Preprocessor flags and warnings: they change no code. Sets *takes_next for "-include FILE" and the like. */
static bool preprocessor_or_warning(const char *f, bool *takes_next)
{
	static const char *const with_value[] = { "-include", "-imacros", "-isystem", "-iquote", "-idirafter" };
	*takes_next = false;
	for (size_t i = 0; i < sizeof(with_value) / sizeof(with_value[0]); i++)
		if (!strcmp(f, with_value[i])) {
			*takes_next = true;
			return true;
		}
	if (!strcmp(f, "-I") || !strcmp(f, "-D") || !strcmp(f, "-U")) {
		*takes_next = true;
		return true;
	}
	if (str_starts(f, "-Wa,") || str_starts(f, "-Wl,") || str_starts(f, "-Wp,"))
		return false; /* options of the assembler, linker, preprocessor: not warnings */
	return str_starts(f, "-D") || str_starts(f, "-U") || str_starts(f, "-I") || str_starts(f, "-W") ||
	       !strcmp(f, "-nostdinc");
}

/* Whether a word of a row's gcc list matches flag f ("x*" a prefix). */
static bool gcc_word_matches(const char *word, const char *f)
{
	size_t n = strlen(word);
	if (n && word[n - 1] == '*')
		return !strncmp(word, f, n - 1);
	return !strcmp(word, f);
}

/* Whether a row of an enabled option accounts for gcc flag f. */
static bool gcc_flag_known(const struct kconfig *kc, const char *f)
{
	bool known = false;
	for (size_t i = 0; i < NROWS && !known; i++) {
		if (!row_applies(&rows[i], kc))
			continue;
		struct strvec words;
		sv_init(&words);
		row_words(rows[i].gcc, kc, &words);
		for (size_t j = 0; j < words.n && !known; j++)
			known = gcc_word_matches(words.v[j], f);
		sv_free(&words);
	}
	return known;
}

/* Every code-generation flag of KBUILD_CFLAGS accounted for; one error for each that is not. */
static bool check_cflags(const struct kernel *k, const struct strvec *cflags)
{
	bool ok = true;
	for (size_t i = 0; i < cflags->n; i++) {
		const char *f = cflags->v[i];
		bool takes_next;
		if (preprocessor_or_warning(f, &takes_next)) {
			i += takes_next;
			continue;
		}
		char *joined = NULL;
		if (!strcmp(f, "--param") && i + 1 < cflags->n)
			f = joined = xasprintf("--param=%s", cflags->v[++i]);
		if (!gcc_flag_known(k->kconfig, f)) {
			error("the kernel compiles C with '%s' (KBUILD_CFLAGS), a code-generation flag krust does not "
			      "know how to match, so it cannot build Rust for this kernel",
			      f);
			ok = false;
		}
		free(joined);
	}
	return ok;
}

/* --------------------------------------------------- KBUILD_RUSTFLAGS */

/* What a rustc flag is known by: up to and with its '=', or all of it. */
static size_t flag_key_len(const char *f)
{
	const char *eq = strchr(f, '=');
	return eq ? (size_t)(eq - f) + 1 : strlen(f);
}

static bool same_key(const char *a, const char *b)
{
	size_t n = flag_key_len(a);
	return n == flag_key_len(b) && !strncmp(a, b, n);
}

static int rust_rule_of(const char *f)
{
	for (size_t i = 0; i < NRULES; i++) {
		const char *r = rust_rules[i].flag;
		size_t n = strlen(r);
		bool prefix = rust_rules[i].rule == LINT || r[n - 1] == '=';
		if (prefix ? !strncmp(f, r, n) : !strcmp(f, r))
			return (int)i;
	}
	return -1;
}

/* Whether an alignment is one LLVM's 16 bytes for every function cover. */
static bool align16(const char *value)
{
	static const char *const covered[] = { "1", "2", "4", "8", "16" };
	for (size_t i = 0; i < sizeof(covered) / sizeof(covered[0]); i++)
		if (!strcmp(value, covered[i]))
			return true;
	return false;
}

/*
 * KBUILD_RUSTFLAGS' words as one flag each: "-C opt-level=2" as
 * "-Copt-level=2", "--cfg MODULE" as "--cfg=MODULE".
 */
static void join_rustflags(const struct strvec *in, struct strvec *out)
{
	static const char *const glued[] = { "-C", "-Z", "-A", "-W", "-D", "-F" };
	static const char *const with_eq[] = { "--cfg", "--target", "--edition", "--cap-lints" };
	for (size_t i = 0; i < in->n; i++) {
		const char *f = in->v[i];
		bool last = i + 1 == in->n;
		bool done = false;
		for (size_t j = 0; j < sizeof(glued) / sizeof(glued[0]) && !done && !last; j++)
			if (!strcmp(f, glued[j])) {
				sv_pushf(out, "%s%s", f, in->v[++i]);
				done = true;
			}
		for (size_t j = 0; j < sizeof(with_eq) / sizeof(with_eq[0]) && !done && !last; j++)
			if (!strcmp(f, with_eq[j])) {
				sv_pushf(out, "%s=%s", f, in->v[++i]);
				done = true;
			}
		if (!done)
			sv_push(out, f);
	}
}

/* f into kept, in the place of an earlier value of its option: rustc takes the last. */
static void keep_last(struct strvec *kept, const char *f)
{
	for (size_t i = 0; i < kept->n; i++)
		if (same_key(kept->v[i], f)) {
			free(kept->v[i]);
			kept->v[i] = xstrdup(f);
			return;
		}
	sv_push(kept, f);
}

/*
 * The kernel's target features into features (",-x,-y"). It may only turn
 * features off (the SIMD units the kernel does not save): one it turns on
 * would give Rust code C does not have, and is refused.
 */
static bool only_disabled(const char *list, struct strbuf *features)
{
	bool ok = true;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		if (len && *p != '-') {
			error("the kernel gives rustc the target feature '%.*s' (KBUILD_RUSTFLAGS), which krust "
			      "does not know how to match, so it cannot build Rust for this kernel",
			      (int)len, p);
			ok = false;
		} else if (len) {
			sb_printf(features, ",%.*s", (int)len, p);
		}
		p += len;
		p += *p == ',';
	}
	return ok;
}

/*
 * The kernel's flags that krust keeps (respelled where needed) into kept,
 * its target features into features (",+x,-y"). One error for each flag
 * krust has no rule for.
 */
static bool sort_rustflags(const struct strvec *rustflags, struct strvec *kept, struct strbuf *features)
{
	struct strvec words;
	sv_init(&words);
	join_rustflags(rustflags, &words);
	bool ok = true;
	for (size_t i = 0; i < words.n; i++) {
		const char *f = words.v[i];
		int r = rust_rule_of(f);
		if (r >= 0 && rust_rules[r].rule == ALIGN16 && !align16(f + strlen(rust_rules[r].flag)))
			r = -1;
		if (r < 0) {
			error("the kernel gives rustc '%s' (KBUILD_RUSTFLAGS), a flag krust does not know how to "
			      "match, so it cannot build Rust for this kernel",
			      f);
			ok = false;
		} else if (rust_rules[r].rule == KEEP) {
			keep_last(kept, f);
		} else if (rust_rules[r].rule == RESPELL) {
			keep_last(kept, rust_rules[r].as);
		} else if (rust_rules[r].rule == FEATURES) {
			ok &= only_disabled(f + strlen("-Ctarget-feature="), features);
		}
	}
	sv_free(&words);
	return ok;
}

/* The rustc flags of the rows that apply, in the rows' order. */
static void derived_rustflags(const struct kconfig *kc, struct strvec *out)
{
	for (size_t i = 0; i < NROWS; i++)
		if (row_applies(&rows[i], kc))
			row_words(rows[i].rustc, kc, out);
}

static const char *find_key(const struct strvec *v, const char *f)
{
	for (size_t i = 0; i < v->n; i++)
		if (same_key(v->v[i], f))
			return v->v[i];
	return NULL;
}

/*
 * Where the kernel and the rows both give a flag, they must agree: a
 * disagreement means krust reads the .config differently from the
 * kernel's Makefiles, and neither can be trusted.
 */
static bool check_agreement(const struct kernel *k, const struct strvec *kept, const struct strvec *derived)
{
	bool ok = true;
	for (size_t i = 0; i < kept->n; i++) {
		const char *d = find_key(derived, kept->v[i]);
		if (d && strcmp(d, kept->v[i]) != 0) {
			error("the kernel gives rustc '%s' (KBUILD_RUSTFLAGS) where krust reads '%s' in %s, so it "
			      "cannot tell how to build Rust for this kernel",
			      kept->v[i], d, k->config);
			ok = false;
		}
	}
	return ok;
}

/* krust's fixed flags, the rows' flags, then the kernel's that no row gives, each once. */
static void final_rustflags(const struct strvec *kept, const struct strvec *derived, struct strvec *flags)
{
	for (size_t i = 0; i < sizeof(krust_flags) / sizeof(krust_flags[0]); i++)
		sv_push(flags, krust_flags[i]);
	for (size_t i = 0; i < derived->n; i++)
		if (!find_key(flags, derived->v[i]))
			sv_push(flags, derived->v[i]);
	for (size_t i = 0; i < kept->n; i++)
		if (!find_key(flags, kept->v[i]))
			sv_push(flags, kept->v[i]);
}

/* ------------------------------------------------------ target features */

static bool has_feature(const char *list, const char *feature, size_t n)
{
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && !strncmp(p, feature, n))
			return true;
		p += len;
		p += *p == ',';
	}
	return false;
}

/* ",a,b" appended to the value of the "features" line of a pretty-printed spec, bar those it has. */
static bool set_features(struct strbuf *out, const char *spec, const char *extra)
{
	const char *key = strstr(spec, "\"features\": \"");
	if (!key)
		return false;
	const char *value = key + strlen("\"features\": \"");
	const char *end = strchr(value, '"');
	if (!end)
		return false;
	sb_addn(out, spec, (size_t)(end - spec));
	char *have = xstrndup(value, (size_t)(end - value));
	struct strbuf list;
	sb_init(&list);
	sb_adds(&list, have);
	for (const char *p = extra; *p;) {
		p += *p == ',';
		size_t n = strcspn(p, ",");
		if (n && !has_feature(list.buf, p, n)) {
			sb_printf(out, ",%.*s", (int)n, p);
			sb_printf(&list, ",%.*s", (int)n, p);
		}
		p += n;
	}
	sb_free(&list);
	free(have);
	sb_adds(out, end);
	return true;
}

/* The kernel's features, then the rows'. */
static void row_features(const struct kconfig *kc, struct strbuf *features)
{
	for (size_t i = 0; i < NROWS; i++)
		if (rows[i].features && row_applies(&rows[i], kc))
			sb_printf(features, ",%s", rows[i].features);
}

bool kernel_rust_target(const struct kernel *k, const struct kbuild_codegen *kb, const char *base_spec,
			struct strbuf *spec, struct strvec *flags)
{
	if (!kernel_supported(k))
		return false;
	struct strvec kept, derived;
	sv_init(&kept);
	sv_init(&derived);
	struct strbuf features;
	sb_init(&features);
	bool ok = check_cflags(k, &kb->cflags);
	ok &= sort_rustflags(&kb->rustflags, &kept, &features);
	derived_rustflags(k->kconfig, &derived);
	ok = ok && check_agreement(k, &kept, &derived);
	if (ok) {
		final_rustflags(&kept, &derived, flags);
		row_features(k->kconfig, &features);
		ok = set_features(spec, base_spec, features.buf);
		if (!ok)
			error("rustc's specification of x86_64-unknown-none has no \"features\" entry; "
			      "this rustc is too different from the one krust knows");
	}
	sb_free(&features);
	sv_free(&kept);
	sv_free(&derived);
	return ok;
}

/* --------------------------------------------------------- krust config */

/* Each rustc flag of a row, marked with where it comes from. */
static void report_rustflags(const struct codegen_row *r, const struct kconfig *kc, const struct strvec *kept,
			     FILE *out)
{
	struct strvec words;
	sv_init(&words);
	row_words(r->rustc, kc, &words);
	for (size_t i = 0; i < words.n; i++)
		fprintf(out, " %s (%s)", words.v[i], find_key(kept, words.v[i]) ? "kernel" : "krust");
	sv_free(&words);
}

/* Set MITIGATION_ options no row names: the gcc check has shown they add no compiler flag. */
static void report_unlisted(const struct kernel *k, FILE *out)
{
	struct strvec set;
	sv_init(&set);
	kconfig_set_with_prefix(k->kconfig, "MITIGATION_", &set);
	for (size_t s = 0; s < set.n; s++) {
		bool listed = false;
		for (size_t i = 0; i < NROWS && !listed; i++) {
			struct strvec names;
			sv_init(&names);
			sv_split(&names, rows[i].options);
			for (size_t j = 0; j < names.n && !listed; j++)
				listed = !strcmp(names.v[j], set.v[s]);
			sv_free(&names);
		}
		if (!listed)
			fprintf(out, "  %s: not in krust's table; it adds no compiler flag, so run time only\n", set.v[s]);
	}
	sv_free(&set);
}

void kernel_codegen_report(const struct kernel *k, const struct kbuild_codegen *kb, FILE *out)
{
	struct strvec kept;
	sv_init(&kept);
	struct strbuf features, names;
	sb_init(&features);
	sb_init(&names);
	sort_rustflags(&kb->rustflags, &kept, &features);
	for (size_t i = 0; i < NROWS; i++) {
		sb_free(&names);
		sb_init(&names);
		if (!row_options(&rows[i], k->kconfig, &names))
			continue;
		char *how = expand(rows[i].how, k->kconfig);
		fprintf(out, "  %s: %s\n", names.len ? names.buf : "every x86_64 kernel", how);
		free(how);
		if (rows[i].rustc || rows[i].features) {
			fprintf(out, "      rustc:");
			report_rustflags(&rows[i], k->kconfig, &kept, out);
			if (rows[i].features)
				fprintf(out, " target features %s (krust)", rows[i].features);
			fputc('\n', out);
		}
	}
	report_unlisted(k, out);
	sb_free(&names);
	sb_free(&features);
	sv_free(&kept);
}
