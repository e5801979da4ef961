/*
 * cache.c: the cache of what krust builds once and reuses (the kernel's C
 * flags, core and compiler_builtins, the kernel crates).
 *
 * An entry is a directory named by a hash of everything that went into it:
 * file contents, the exact arguments of the commands that built it, and
 * krust's own binary where krust's code decides the result. Nothing is
 * versioned by hand, so no change can be forgotten.
 *
 * Some inputs are known only once the entry is built: the headers a parse
 * of the kernel read, the sources rustc compiled. Such an entry is found in
 * two steps, as ccache's manifests do: the key of what is known before
 * names a link to the entry last built for it, whose list of inputs says
 * which files to hash; the entry is named by the key and the contents of
 * those files. An edited header thus gives another entry, and an unchanged
 * tree finds the one it built. The link also gives the entry a name that
 * can be known in advance (krust config prints core's).
 *
 * An entry is built under a temporary name and renamed into place when
 * complete, so an interrupted build is never picked up (the next builder
 * removes what it left); a lock keeps
 * parallel builds (make -j, two modules at once) from doing the same work
 * twice. Each entry has its own lock: building one may need another.
 */
#define _GNU_SOURCE
#include "krust.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/*
 * A relative KRUST_CACHE would mean another directory in each process:
 * Kbuild runs krust rustc in the kernel's tree, and the probe's make
 * resolves M= after its -C. Which directory the user meant cannot be known
 * there, so it is refused everywhere. A relative XDG_CACHE_HOME is ignored,
 * as the XDG specification says. A blank is refused too: a module's
 * dependency file names the crates in the cache, and Kbuild's fixdep
 * splits paths at blanks.
 */
const char *cache_root(void)
{
	static char *root;
	if (!root) {
		const char *env = getenv("KRUST_CACHE");
		const char *xdg = getenv("XDG_CACHE_HOME");
		const char *home = getenv("HOME");
		if (env && *env && *env != '/')
			fatal("KRUST_CACHE '%s' is not an absolute path", env);
		if (env && strpbrk(env, " \t\n"))
			fatal("KRUST_CACHE '%s' holds a blank, which Kbuild's dependency files cannot", env);
		if (env && *env)
			root = xstrdup(env);
		else if (xdg && *xdg == '/')
			root = xasprintf("%s/krust", xdg);
		else if (home && *home == '/')
			root = xasprintf("%s/.cache/krust", home);
		else
			root = xstrdup("/tmp/krust-cache");
	}
	return root;
}

const char *cache_entry_name(const char *dir)
{
	const char *slash = strrchr(dir, '/');
	return slash ? slash + 1 : dir;
}

char *cache_dir(const char *kind, uint64_t key)
{
	return xasprintf("%s/%s-%016llx", cache_root(), kind, (unsigned long long)key);
}

/*
 * Bulk data eight bytes at a time: the kernel's headers are tens of
 * megabytes, hashed on every module build, where FNV's byte loop would
 * cost more than the rest of the lookup.
 */
static uint64_t hash_data(uint64_t h, const unsigned char *p, size_t n)
{
	const uint64_t m = 0x9e3779b97f4a7c15ULL;
	h = hash_bytes(h, &n, sizeof(n));
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * m;
		h ^= h >> 32;
	}
	return hash_bytes(h, p, n);
}

uint64_t hash_file(uint64_t h, const char *path)
{
	size_t len;
	char *data = read_file(path, &len);
	h = hash_str(h, path);
	if (data)
		h = hash_data(h, (const unsigned char *)data, len);
	else
		h = hash_str(h, "(missing)");
	free(data);
	return h;
}

uint64_t hash_argv(uint64_t h, const struct strvec *argv)
{
	h = hash_bytes(h, &argv->n, sizeof(argv->n));
	for (size_t i = 0; i < argv->n; i++)
		h = hash_str(h, argv->v[i]);
	return h;
}

uint64_t hash_self(void)
{
	static uint64_t h;
	if (!h) {
		/* the binary that runs, not one found by name: a copy may be called
		 * anything, and the file may be replaced while this one runs */
		h = hash_file(HASH_INIT, "/proc/self/exe");
	}
	return h;
}

/*
 * Take the lock; when another krust holds it (building the entry, which can
 * take minutes), say so once before waiting, so that a wait is not a hang.
 */
static int lock_or_wait(int fd, const char *path)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK)
		return -1;
	fprintf(stderr, "  WAIT    for %s, held by another krust\n", path);
	int rc;
	while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
		;
	return rc;
}

/* The lock of an entry (or of a manifest's entries): held while one is built. */
static int lock_entry(const char *base)
{
	if (!mkdir_p(cache_root())) {
		error("cannot create the cache directory %s: %s (set KRUST_CACHE)", cache_root(),
		      strerror(errno));
		return -1;
	}
	char *path = xasprintf("%s.lock", base);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || lock_or_wait(fd, path) != 0) {
		error("cannot lock %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	free(path);
	return fd; /* the lock file stays: unlinking it would let two builders in */
}

/*
 * Under base's lock: what an interrupted build left (base.tmp.PID, and the
 * link's base.link.PID) goes. Only the holder of the lock builds or links
 * there, so none of it is in use. Read from the directory, not globbed: the
 * cache's path may hold a glob's metacharacters.
 */
static void remove_leftovers(const char *base)
{
	char *dir = xstrdup(base);
	char *slash = strrchr(dir, '/');
	const char *name = slash ? slash + 1 : dir;
	if (slash)
		*slash = '\0';
	char *tmp = xasprintf("%s.tmp.", name), *link = xasprintf("%s.link.", name);
	DIR *d = opendir(slash ? dir : ".");
	for (struct dirent *e; d && (e = readdir(d));) {
		if (str_starts(e->d_name, tmp) || str_starts(e->d_name, link)) {
			char *path = xasprintf("%s/%s", slash ? dir : ".", e->d_name);
			remove_tree(path);
			free(path);
		}
	}
	if (d)
		closedir(d);
	free(tmp);
	free(link);
	free(dir);
}

char *cache_name_of_tmp(const char *tmpdir)
{
	const char *dot = strrchr(tmpdir, '/');
	dot = strstr(dot ? dot : tmpdir, ".tmp.");
	return dot ? xstrndup(tmpdir, (size_t)(dot - tmpdir)) : xstrdup(tmpdir);
}

/* Under base's lock, build(tmp) into a fresh tmp directory beside base; returns tmp, or NULL. */
static char *build_tmp(const char *base, bool (*build)(const char *tmpdir, void *ctx), void *ctx)
{
	remove_leftovers(base);
	char *tmp = xasprintf("%s.tmp.%ld", base, (long)getpid());
	if (!mkdir_p(tmp))
		error("cannot create %s: %s", tmp, strerror(errno));
	else if (build(tmp, ctx))
		return tmp;
	remove_tree(tmp);
	free(tmp);
	return NULL;
}

static bool move_into_place(const char *tmp, const char *dir)
{
	if (rename(tmp, dir) == 0)
		return true;
	error("cannot move %s into place: %s", tmp, strerror(errno));
	remove_tree(tmp);
	return false;
}

/* ------------------------------------------------ entries with late inputs */

/* The list file (one path a line) as a strvec; false when it cannot be read. */
bool read_list(const char *path, struct strvec *files)
{
	char *text = read_file(path, NULL);
	if (!text)
		return false;
	for (char *line = text, *nl; *line; line = nl + 1) {
		nl = line + strcspn(line, "\n");
		if (nl > line) {
			char *file = xstrndup(line, (size_t)(nl - line));
			sv_push(files, file);
			free(file);
		}
		if (!*nl)
			break;
	}
	free(text);
	return true;
}

/* The entry named by key and the contents of the files listed in list, or NULL. */
static char *entry_of(const char *kind, uint64_t key, const char *list)
{
	struct strvec files;
	sv_init(&files);
	char *dir = NULL;
	if (read_list(list, &files)) {
		uint64_t h = key;
		for (size_t i = 0; i < files.n; i++)
			h = hash_file(h, files.v[i]);
		dir = cache_dir(kind, h);
	}
	sv_free(&files);
	return dir;
}

/* Point the link kind-KEY at dir, atomically: a reader sees the old entry or the new. */
static bool relink(const char *link, const char *dir)
{
	const char *name = cache_entry_name(dir);
	char *tmp = xasprintf("%s.link.%ld", link, (long)getpid());
	unlink(tmp);
	bool ok = symlink(name, tmp) == 0 && rename(tmp, link) == 0;
	if (!ok) {
		error("cannot link %s to %s: %s", link, name, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

/* Under the lock: build the entry and name it by its inputs. */
static char *build_with_inputs(const char *kind, uint64_t key, const char *base,
			       bool (*build)(const char *tmpdir, void *ctx), void *ctx)
{
	char *tmp = build_tmp(base, build, ctx);
	if (!tmp)
		return NULL;
	char *inputs = xasprintf("%s/inputs", tmp);
	char *dir = entry_of(kind, key, inputs);
	bool ok = dir != NULL;
	if (!ok)
		error("%s: the build left no list of its inputs", inputs);
	else if (is_dir(dir)) /* the inputs of an earlier build, back again: keep that one */
		remove_tree(tmp);
	else
		ok = move_into_place(tmp, dir);
	free(inputs);
	free(tmp);
	if (!ok) {
		free(dir);
		dir = NULL;
	}
	return dir;
}

/* The entry the link's inputs give today, if it is built. */
static char *find_entry(const char *kind, uint64_t key, const char *base)
{
	char *list = xasprintf("%s/inputs", base);
	char *dir = entry_of(kind, key, list);
	free(list);
	if (dir && !is_dir(dir)) {
		free(dir);
		dir = NULL;
	}
	return dir;
}

/* Whether the link names dir already. */
static bool links_to(const char *link, const char *dir)
{
	char target[4096];
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = '\0';
	return !strcmp(target, cache_entry_name(dir));
}

char *cache_ensure_inputs(const char *kind, uint64_t key,
			  bool (*build)(const char *tmpdir, void *ctx), void *ctx)
{
	char *base = cache_dir(kind, key);
	char *dir = find_entry(kind, key, base);
	int lock = dir ? -1 : lock_entry(base);
	if (lock >= 0) {
		/* whoever held the lock before may have built it */
		dir = find_entry(kind, key, base);
		if (!dir)
			dir = build_with_inputs(kind, key, base, build, ctx);
	}
	/* still under the lock: whoever waits for it looks through the link */
	if (dir && !links_to(base, dir) && !relink(base, dir)) {
		free(dir);
		dir = NULL;
	}
	if (lock >= 0)
		close(lock);
	free(base);
	return dir;
}
