/*
 * vocab.c -- see vocab.h.
 */
#include "core/vocab.h"

#include <string.h>

#include "core/util.h"

static const char *const kind_names[] = {
	NULL,
#define DLT_NAME_(e, s) s,
	DLT_KINDS(DLT_NAME_)
};

static const char *const venue_names[] = {
	NULL,
	DLT_VENUE_TYPES(DLT_NAME_)
#undef DLT_NAME_
};

#define DLT_LIST_(e, s) ", " s
static const char kind_list[] = DLT_KINDS(DLT_LIST_);
static const char venue_list[] = DLT_VENUE_TYPES(DLT_LIST_);
#undef DLT_LIST_

/* The name at index i of names[0..n), or NULL; index 0 is "none". */
static const char *name_at(const char *const *names, size_t n, int i)
{
	return i > 0 && (size_t)i < n ? names[i] : NULL;
}

/* The index of s in names[1..n), 0 when absent. */
static int index_of(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 1; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return 0;
}

const char *dlt_kind_name(enum dlt_kind k)
{
	return name_at(kind_names, DLT_ARRAY_LEN(kind_names), (int)k);
}

enum dlt_kind dlt_kind_parse(const char *s)
{
	return (enum dlt_kind)index_of(kind_names, DLT_ARRAY_LEN(kind_names), s);
}

const char *dlt_kind_list(void)
{
	return kind_list + 2;   /* without the leading ", " */
}

const char *dlt_venue_type_name(enum dlt_venue_type t)
{
	return name_at(venue_names, DLT_ARRAY_LEN(venue_names), (int)t);
}

enum dlt_venue_type dlt_venue_type_parse(const char *s)
{
	return (enum dlt_venue_type)index_of(venue_names, DLT_ARRAY_LEN(venue_names), s);
}

const char *dlt_venue_type_list(void)
{
	return venue_list + 2;
}
