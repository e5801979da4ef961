/*
 * kdir.c: find the target kernel.
 *
 * The kernel krust builds for is the one whose build tree (headers, .config,
 * Module.symvers) the user names with --kernel or KDIR; without either, the
 * newest installed Debian kernel that has its headers. The running kernel
 * (uname -r) is deliberately not consulted: a build machine or container
 * often runs a kernel that is not the one being targeted.
 */
#define _GNU_SOURCE
#include "krust.h"


#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where Debian installs kernels' modules and build-tree links; KRUST_MODULES_DIR overrides it. */
static const char *modules_dir(void)
{
	const char *dir = getenv("KRUST_MODULES_DIR");
	return dir && *dir ? dir : "/lib/modules";
}

/* UTS_RELEASE from include/generated/utsrelease.h: the release vermagic uses. */
static char *read_release(const char *objtree)
{
	char *path = xasprintf("%s/include/generated/utsrelease.h", objtree);
	char *text = read_file(path, NULL);
	free(path);
	if (!text)
		return NULL;
	char *release = NULL;
	char *q = strstr(text, "UTS_RELEASE \"");
	if (q) {
		q += strlen("UTS_RELEASE \"");
		release = xstrndup(q, strcspn(q, "\""));
	}
	free(text);
	return release;
}

/*
 * Debian's headers come in two trees: the arch one (the build tree, with
 * .config) and a -common one holding the sources, which the arch Makefile
 * includes. A full kernel build tree is its own source tree, or has a
 * "source" link (O= builds).
 */
static char *find_srctree(const char *objtree)
{
	char *link = xasprintf("%s/source", objtree);
	char *src = real_path(link);
	free(link);
	if (src)
		return src;
	char *mk = xasprintf("%s/Makefile", objtree);
	char *text = read_file(mk, NULL);
	free(mk);
	if (text) {
		const char *inc = str_starts(text, "include ") ? text + strlen("include ") : NULL;
		if (inc) {
			char *path = xstrndup(inc, strcspn(inc, "\n"));
			char *slash = strrchr(path, '/');
			if (slash && !strcmp(slash, "/Makefile")) {
				*slash = '\0';
				src = real_path(path);
			}
			free(path);
		}
		free(text);
	}
	return src ? src : xstrdup(objtree);
}

static bool looks_like_release_dir(const char *name)
{
	return name[0] >= '0' && name[0] <= '9';
}

/*
 * Every /lib/modules/RELEASE/build with a .config, as a real path, the
 * newest release first (releases compare as versions: 6.12 is after 6.1).
 */
void kernel_list_installed(struct strvec *kdirs)
{
	struct dirent **names;
	int n = scandir(modules_dir(), &names, NULL, versionsort);
	if (n < 0)
		return;
	for (int i = n - 1; i >= 0; i--) {
		if (looks_like_release_dir(names[i]->d_name)) {
			char *build = xasprintf("%s/%s/build", modules_dir(), names[i]->d_name);
			char *config = xasprintf("%s/.config", build);
			char *real = path_exists(config) ? real_path(build) : NULL;
			if (real)
				sv_push(kdirs, real);
			free(real);
			free(config);
			free(build);
		}
		free(names[i]);
	}
	free(names);
}

static char *newest_installed_kdir(void)
{
	struct strvec kdirs;
	sv_init(&kdirs);
	kernel_list_installed(&kdirs);
	char *found = kdirs.n ? xstrdup(kdirs.v[0]) : NULL;
	sv_free(&kdirs);
	return found;
}

static const char *kconfig_arch(const struct kconfig *kc)
{
	if (kconfig_enabled(kc, "X86_64"))
		return "x86_64";
	if (kconfig_enabled(kc, "X86"))
		return "x86";
	if (kconfig_enabled(kc, "ARM64"))
		return "arm64";
	if (kconfig_enabled(kc, "RISCV"))
		return "riscv";
	if (kconfig_enabled(kc, "ARM"))
		return "arm";
	return "unknown";
}

void kernel_none_installed(void)
{
	error("no kernel headers found under %s/*/build; install them with "
	      "'apt-get install linux-headers-amd64', or set KDIR to a kernel build tree",
	      modules_dir());
}

bool kernel_find(const char *explicit_kdir, struct kernel *k)
{
	memset(k, 0, sizeof(*k));
	const char *kdir = explicit_kdir && *explicit_kdir ? explicit_kdir : getenv("KDIR");
	char *found = NULL;
	if (kdir && *kdir) {
		if (!is_dir(kdir)) {
			error("kernel build tree '%s' (from %s) does not exist", kdir,
			      explicit_kdir && *explicit_kdir ? "--kernel" : "KDIR");
			return false;
		}
	} else {
		found = newest_installed_kdir();
		if (!found) {
			kernel_none_installed();
			return false;
		}
		kdir = found;
	}
	k->objtree = real_path(kdir);
	free(found);
	k->config = xasprintf("%s/.config", k->objtree);
	if (!path_exists(k->config)) {
		error("'%s' is not a configured kernel build tree (it has no .config); install the "
		      "matching linux-headers package, or point KDIR at a built kernel",
		      k->objtree);
		kernel_free(k);
		return false;
	}
	k->release = read_release(k->objtree);
	if (!k->release) {
		error("'%s' has no include/generated/utsrelease.h; run 'make modules_prepare' in it, "
		      "or install the matching linux-headers package",
		      k->objtree);
		kernel_free(k);
		return false;
	}
	k->kconfig = kconfig_read(k->config);
	if (!k->kconfig) {
		error("cannot read %s: %s", k->config, strerror(errno));
		kernel_free(k);
		return false;
	}
	k->srctree = find_srctree(k->objtree);
	k->arch = xstrdup(kconfig_arch(k->kconfig));
	char *image = xasprintf("/boot/vmlinuz-%s", k->release);
	if (path_exists(image))
		k->image = image;
	else
		free(image);
	return true;
}

void kernel_free(struct kernel *k)
{
	free(k->objtree);
	free(k->srctree);
	free(k->release);
	free(k->image);
	free(k->config);
	free(k->arch);
	kconfig_free(k->kconfig);
	memset(k, 0, sizeof(*k));
}

/*
 * The releases the kernel is at least, as cfgs: linux_ge_6_0 up to
 * linux_ge_6_12 for 6.12. The kernel crate picks between two C interfaces
 * of one facility with them (#[cfg(linux_ge_6_12)]), never by comparing a
 * version string. A minor number never passed 19 in a major release.
 */
void kernel_version_cfgs(const struct kernel *k, struct strvec *args)
{
	enum { FIRST_MAJOR = 6, LAST_MINOR = 19 };
	unsigned major = 0, minor = 0;
	if (sscanf(k->release, "%u.%u", &major, &minor) != 2)
		return;
	for (unsigned m = FIRST_MAJOR; m <= major; m++)
		for (unsigned n = 0; n <= (m < major ? LAST_MINOR : minor); n++)
			sv_pushf(args, "--cfg=linux_ge_%u_%u", m, n);
}
