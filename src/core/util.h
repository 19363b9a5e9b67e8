/*
 * util.h -- allocation that never returns NULL, a growable string buffer, and small
 * helpers shared by every layer. Out of memory is not recoverable for an interactive
 * tool: the wrappers print one line and exit with status 2.
 */
#ifndef DLT_UTIL_H
#define DLT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DLT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
/* A macro's value as a string literal: DLT_STR(DLT_SCHEMA_VERSION) -> "3". */
#define DLT_STR_(x) #x
#define DLT_STR(x) DLT_STR_(x)

/* Make room for at least `need` elements in the array p of capacity cap (both variables,
 * updated): the capacity doubles, from 8. Out of memory exits (xrealloc). */
#define DLT_GROW(p, need, cap) do { \
	if ((size_t)(need) > (cap)) { \
		size_t dlt_c_ = (cap) ? (cap) : 8; \
		while (dlt_c_ < (size_t)(need)) \
			dlt_c_ *= 2; \
		(p) = xrealloc((p), dlt_c_ * sizeof *(p)); \
		(cap) = dlt_c_; \
	} \
} while (0)

/* Exit statuses shared by every command. */
enum dlt_exit {
	DLT_EXIT_OK = 0,        /* success */
	DLT_EXIT_NOTFOUND = 1,  /* ran fine, nothing matched */
	DLT_EXIT_ERROR = 2,     /* usage, data or database error */
};

/* Allocate; on failure print "out of memory" and exit(2). Never returns NULL. */
void *xmalloc(size_t n);
/* Allocate zeroed; on failure exit(2). */
void *xcalloc(size_t count, size_t size);
/* Resize; on failure exit(2). */
void *xrealloc(void *p, size_t n);
/* Duplicate a NUL-terminated string; NULL gives NULL. On failure exit(2). */
char *xstrdup(const char *s);
/* Duplicate n bytes and terminate them. On failure exit(2). */
char *xstrndup(const char *s, size_t n);

/* A growable NUL-terminated byte string. Zero-initialised is empty and valid. */
struct strbuf {
	char *buf;     /* NUL-terminated contents, NULL while empty-and-unallocated */
	size_t len;    /* bytes used, excluding the NUL */
	size_t cap;    /* bytes allocated */
};

/* Append n bytes. */
void sb_addn(struct strbuf *sb, const char *s, size_t n);
/* Append a NUL-terminated string (NULL appends nothing). */
void sb_add(struct strbuf *sb, const char *s);
/* Append one byte. */
void sb_addc(struct strbuf *sb, char c);
/* Append printf-style formatted text. */
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append vprintf-style formatted text. */
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* The contents, "" while empty; valid until the next change. */
const char *sb_str(const struct strbuf *sb);
/* Forget the contents, keep the allocation. */
void sb_reset(struct strbuf *sb);
/* Hand the contents to the caller (never NULL); the buffer becomes empty. */
char *sb_detach(struct strbuf *sb);
/* Free the allocation; the buffer becomes empty. */
void sb_free(struct strbuf *sb);

/* Parse a whole decimal integer in [lo, hi]; returns 0 and sets *out, or -1 if invalid. */
int parse_long(const char *s, long lo, long hi, long *out);
/* a * b / c (rounded down) without overflow, for positions on a scale: the product is
 * taken in 128 bits; a or b below 0 count as 0 and a result past INT64_MAX is INT64_MAX.
 * c must be > 0. */
int64_t mul_div(int64_t a, int64_t b, int64_t c);
/* ASCII case-insensitive equality of two NUL-terminated strings. */
int str_ieq(const char *a, const char *b);
/* True when s starts with prefix. */
int str_starts(const char *s, const char *prefix);

#endif
