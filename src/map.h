/*
 * map.h: the one hash map of krust.
 *
 * A key is a byte string: a name, or the bytes of a small value that stands
 * for itself (a libclang file handle). The map keeps the key as given, not a
 * copy, so its bytes must live as long as the map does; they usually live in
 * the value itself or in an arena. A value is a pointer. Keys that are equal
 * by another rule than their bytes (libclang's cursors) come with their own
 * hash and the map's `equal`. Nothing is ever removed.
 *
 * The entries are kept in a dense array in the order they were added, which
 * is the order map_each visits them in; the hash table holds only each
 * entry's hash and index, 8 bytes a slot, so that the kernel's tables of
 * some 50,000 names stay small. It is open-addressed with linear probing and
 * never more than half full. What a lookup finds does not depend on the
 * order the keys were added in.
 */
#ifndef KRUST_MAP_H
#define KRUST_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct map_key {
	uint32_t hash;
	uint32_t len;
	const void *data;
};

struct map_entry {
	struct map_key key;
	void *val;
};

struct map {
	struct map_slot *slots;
	size_t cap;
	struct map_entry *v; /* in the order they were added */
	size_t len, cap_v;
	/* NULL: two keys are equal when their bytes are */
	bool (*equal)(const struct map_key *a, const struct map_key *b);
};

/* An empty map with room for about expected keys before it first grows. */
void map_init(struct map *m, size_t expected);
void map_free(struct map *m);
/* The key of len bytes at data, hashed as a byte string. */
struct map_key map_key(const void *data, size_t len);
/* The key of a NUL-terminated string, its terminator left out: the same as
 * map_key(s, strlen(s)). */
struct map_key map_str(const char *s);
/* The value stored for key, or NULL. */
void *map_get(const struct map *m, struct map_key key);
/* Where the value of key is stored: *NULL when key was not there, and is now.
 * The place is good until the next map_put, which may move the entries. */
void **map_put(struct map *m, struct map_key key);
/* The i-th entry added, for i < m->len. */
static inline struct map_entry *map_at(const struct map *m, size_t i) { return &m->v[i]; }

#endif
