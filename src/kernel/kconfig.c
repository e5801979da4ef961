/*
 * kconfig.c: read a kernel's .config and derive rustc's code-generation flags.
 *
 * Rust code linked into a module must be compiled the way the kernel compiled
 * its C: the same code model, no red zone, no floating point, and the same
 * speculative-execution mitigations (retpolines, return thunks, straight-line
 * speculation hardening), or objtool rejects the object and the mitigations
 * silently stop covering it. Each flag below is tied to the CONFIG_ option
 * that makes the kernel's own Makefiles add the matching gcc flag.
 */
#include "krust.h"

#include <string.h>
#include <stdlib.h>

struct kconfig_entry {
	char *name; /* without CONFIG_ */
	char *value;
};

struct kconfig {
	struct kconfig_entry *v;
	size_t n;
};

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kconfig_entry *)a)->name, ((const struct kconfig_entry *)b)->name);
}

struct kconfig *kconfig_read(const char *path)
{
	char *text = read_file(path, NULL);
	if (!text)
		return NULL;
	struct kconfig *kc = xcalloc(1, sizeof(*kc));
	size_t cap = 0;
	for (char *line = text, *next; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		char *eq = strchr(line, '=');
		if (!str_starts(line, "CONFIG_") || !eq)
			continue;
		if (kc->n == cap) {
			cap = cap ? 2 * cap : 4096;
			kc->v = xrealloc(kc->v, cap * sizeof(*kc->v));
		}
		kc->v[kc->n].name = xstrndup(line + strlen("CONFIG_"), (size_t)(eq - line) - strlen("CONFIG_"));
		kc->v[kc->n].value = xstrdup(eq + 1);
		kc->n++;
	}
	free(text);
	qsort(kc->v, kc->n, sizeof(*kc->v), entry_cmp);
	return kc;
}

void kconfig_free(struct kconfig *kc)
{
	if (!kc)
		return;
	for (size_t i = 0; i < kc->n; i++) {
		free(kc->v[i].name);
		free(kc->v[i].value);
	}
	free(kc->v);
	free(kc);
}

const char *kconfig_get(const struct kconfig *kc, const char *name)
{
	struct kconfig_entry key = { (char *)name, NULL };
	const struct kconfig_entry *e = bsearch(&key, kc->v, kc->n, sizeof(*kc->v), entry_cmp);
	return e ? e->value : NULL;
}

bool kconfig_enabled(const struct kconfig *kc, const char *name)
{
	const char *v = kconfig_get(kc, name);
	return v && (!strcmp(v, "y") || !strcmp(v, "m"));
}

/* Features this version of krust cannot give Rust code yet, and why. */
static const struct {
	const char *option;
	const char *why;
} unsupported[] = {

	{ "CFI_CLANG", "kernel control-flow integrity (CONFIG_CFI_CLANG), whose type hashes krust does not emit yet" },
	{ "LTO_CLANG", "clang LTO (CONFIG_LTO_CLANG), whose bitcode objects krust cannot mix with rustc's LLVM" },
};

/*
 * What the kernel configuration changes in code generation. Target features
 * go into the target specification rather than -Ctarget-feature, where rustc
 * warns on every compile about the ones it does not know (harden-sls-*),
 * although LLVM implements them. -Z flags are unstable: rustc accepts them
 * only with RUSTC_BOOTSTRAP, which rustc_env[] provides.
 */
static const struct {
	const char *option; /* "" for always */
	const char *feature; /* added to the target's features, or NULL */
	const char *flag;    /* added to rustc's command line, or NULL */
} config_codegen[] = {
	/* The module loader rejects GOT-relative relocations: call through the PLT form. */
	{ "", NULL, "-Zplt=yes" },
	{ "RETPOLINE", "+retpoline-external-thunk,+retpoline-indirect-branches,+retpoline-indirect-calls", NULL },
	{ "RETPOLINE", NULL, "-Zindirect-branch-cs-prefix" },
	{ "RETHUNK", NULL, "-Zfunction-return=thunk-extern" },
	{ "SLS", "+harden-sls-ret,+harden-sls-ijmp", NULL },
	{ "FRAME_POINTER", NULL, "-Cforce-frame-pointers=y" },
};

/* Flags that hold for every kernel: the kernel's memory model and ABI. */
static const char *const common_flags[] = {
	"-Ccode-model=kernel", "-Crelocation-model=static", "-Cno-redzone=y", "-Cpanic=abort",
	"-Cforce-unwind-tables=n", "-Csymbol-mangling-version=v0", "-Zunstable-options",
	/* One .text section per object, as gcc gives the kernel, not one per function. */
	"-Zfunction-sections=n",
};

/* Replace the value of the "features" line of a pretty-printed target spec. */
static bool set_features(struct strbuf *out, const char *spec, const char *features)
{
	const char *key = strstr(spec, "\"features\": \"");
	if (!key)
		return false;
	const char *value = key + strlen("\"features\": \"");
	const char *end = strchr(value, '"');
	if (!end)
		return false;
	sb_addn(out, spec, (size_t)(value - spec));
	sb_addn(out, value, (size_t)(end - value));
	sb_adds(out, features);
	sb_adds(out, end);
	return true;
}

bool kernel_rust_target(const struct kernel *k, const char *base_spec, struct strbuf *spec,
			struct strvec *flags)
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
	struct strbuf features;
	sb_init(&features);
	for (size_t i = 0; i < sizeof(common_flags) / sizeof(common_flags[0]); i++)
		sv_push(flags, common_flags[i]);
	for (size_t i = 0; i < sizeof(config_codegen) / sizeof(config_codegen[0]); i++) {
		if (config_codegen[i].option[0] && !kconfig_enabled(k->kconfig, config_codegen[i].option))
			continue;
		if (config_codegen[i].feature)
			sb_printf(&features, ",%s", config_codegen[i].feature);
		if (config_codegen[i].flag)
			sv_push(flags, config_codegen[i].flag);
	}
	bool ok = set_features(spec, base_spec, features.buf);
	sb_free(&features);
	if (!ok)
		error("rustc's specification of x86_64-unknown-none has no \"features\" entry; "
		      "this rustc is too different from the one krust knows");
	return ok;
}
