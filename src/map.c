/*
 * map.c: the hash map (map.h).
 *
 * Each slot keeps its key's full hash, so that a probe compares bytes only
 * when the hashes agree, and growing rehashes nothing.
 */
#include "map.h"

#include "krust.h"

#include <stdlib.h>
#include <string.h>

void map_init(struct map *m, size_t expected)
{
	size_t cap = 16;
	while (cap < 2 * expected)
		cap *= 2;
	*m = (struct map){ .slots = xcalloc(cap, sizeof(*m->slots)), .cap = cap };
}

void map_free(struct map *m)
{
	free(m->slots);
	*m = (struct map){ 0 };
}

struct map_key map_key(const void *data, size_t len)
{
	return (struct map_key){ hash_bytes(HASH_INIT, data, len), data, len };
}

struct map_key map_str(const char *s)
{
	return map_key(s, strlen(s));
}

static bool same_key(const struct map *m, const struct map_key *a, const struct map_key *b)
{
	if (a->hash != b->hash)
		return false;
	if (m->equal)
		return m->equal(a, b);
	return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

/* The slot holding key, or the free one where it would go. */
static struct map_slot *find(const struct map *m, const struct map_key *key)
{
	size_t mask = m->cap - 1;
	for (size_t i = key->hash & mask;; i = (i + 1) & mask) {
		struct map_slot *s = &m->slots[i];
		if (!s->key.data || same_key(m, &s->key, key))
			return s;
	}
}

static void grow(struct map *m)
{
	struct map old = *m;
	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key.data)
			*find(m, &old.slots[i].key) = old.slots[i];
	free(old.slots);
}

void *map_get(const struct map *m, struct map_key key)
{
	return find(m, &key)->val;
}

void **map_put(struct map *m, struct map_key key)
{
	struct map_slot *s = find(m, &key);
	if (s->key.data)
		return &s->val;
	if (2 * (m->len + 1) > m->cap) {
		grow(m);
		s = find(m, &key);
	}
	*s = (struct map_slot){ .key = key };
	m->len++;
	return &s->val;
}
