/*
 * glue.c: which C glue sources a module needs.
 *
 * Some of the kernel crate's API stands on a C facility that a stock kernel
 * lacks (the faux bus appeared in 6.14). krust supplies it as C glue: a
 * source rust/glue/NAME.c and its header rust/glue/NAME.h, which
 * rust/bindings/bindings.h includes so that the Rust declarations are
 * generated from the very prototypes the C defines. Every function of
 * NAME.c that Rust calls is named krust_glue_NAME_*.
 *
 * Like a shim, a glue source goes into a module only when the module's
 * object references one of its symbols, and is compiled with the module's
 * own C command (the kernel's gcc and flags, KBUILD_MODNAME included, so
 * that what the glue registers can be named after the module). The kernel
 * crate keeps its calls into glue in #[inline] or generic code, which is
 * compiled into the modules that use it and nowhere else.
 */
#define _GNU_SOURCE
#include "toolchain.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The glue sources' names (NAME of NAME.c), sorted. */
static bool glue_names(const char *dir, struct strvec *names)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0) {
		error("%s: cannot read: %s", dir, strerror(errno));
		return false;
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(ents[i]->d_name);
		if (len > 2 && str_ends(ents[i]->d_name, ".c")) {
			char *name = xstrndup(ents[i]->d_name, len - 2);
			sv_push(names, name);
			free(name);
		}
		free(ents[i]);
	}
	free(ents);
	return true;
}

/* The name among names that symbol (past the prefix) is of: the longest NAME with "NAME_" leading it. */
static const char *glue_of(const struct strvec *names, const char *rest)
{
	const char *best = NULL;
	for (size_t i = 0; i < names->n; i++) {
		size_t len = strlen(names->v[i]);
		if (!strncmp(rest, names->v[i], len) && rest[len] == '_' && (!best || len > strlen(best)))
			best = names->v[i];
	}
	return best;
}

bool glue_sources(const struct strvec *undef, struct strvec *files)
{
	struct strvec names;
	sv_init(&names);
	char *dir = xasprintf("%s/" GLUE_DIR, krust_root());
	bool any = false, ok = true;
	for (size_t i = 0; i < undef->n; i++)
		any = any || str_starts(undef->v[i], GLUE_PREFIX);
	if (any)
		ok = glue_names(dir, &names);
	for (size_t i = 0; ok && i < undef->n; i++) {
		if (!str_starts(undef->v[i], GLUE_PREFIX))
			continue;
		const char *name = glue_of(&names, undef->v[i] + strlen(GLUE_PREFIX));
		if (!name) {
			error("the module calls %s, which no glue source in %s defines", undef->v[i], dir);
			ok = false;
			continue;
		}
		char *path = xasprintf("%s/%s.c", dir, name);
		bool have = false;
		for (size_t j = 0; j < files->n && !have; j++)
			have = !strcmp(files->v[j], path);
		if (!have)
			sv_push(files, path);
		free(path);
	}
	free(dir);
	sv_free(&names);
	return ok;
}
