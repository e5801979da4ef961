/*
 * kconfig.c: read a kernel's .config. What its options mean for rustc is
 * codegen.c's business.
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

void kconfig_set_with_prefix(const struct kconfig *kc, const char *prefix, struct strvec *names)
{
	for (size_t i = 0; i < kc->n; i++)
		if (str_starts(kc->v[i].name, prefix) && (!strcmp(kc->v[i].value, "y") || !strcmp(kc->v[i].value, "m")))
			sv_push(names, kc->v[i].name);
}
