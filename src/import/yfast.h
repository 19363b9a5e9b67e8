/*
 * yfast.h -- a fast reader for the plain YAML that data files are usually written in.
 *
 * yfast_read() handles a subset of YAML -- block mappings and sequences of plain keys,
 * single-line plain, single- and double-quoted scalars, and single-line flow collections --
 * and hands the same trees to the same callback as ynode_read() would, positions included,
 * several times faster than libyaml. On anything outside that subset (comments after a value,
 * multi-line or block scalars, anchors, tags, tabs, a duplicate key, any error at all) it
 * declines before calling back once, and the caller reads the file with ynode_read(): every
 * message about a file still comes from libyaml and ynode.
 */
#ifndef DLT_YFAST_H
#define DLT_YFAST_H

#include <stddef.h>

#include "import/ynode.h"

/* A reader and its memory; reused from one text to the next. Never NULL (out of memory
 * exits). */
struct yfast *yfast_new(void);
/* Read the YAML text buf[0..len). Returns 0 after handing every entry to item() (see
 * ynode_read), or -1 without calling it when the text is not in the subset; -2 when the text
 * changed between the check and the reading, after some entries were handed over (only a
 * file mapped while another process writes it can do that). With `mapped`, buf is a private
 * read-only mapping of a file (mmap): the pages already read are given back as reading goes
 * (madvise), so a big file does not stay in memory. A reading abandoned halfway (by
 * siglongjmp from a fault on the mapping) leaves the reader usable and yfast_free frees
 * everything. */
int yfast_parse(struct yfast *y, const char *buf, size_t len, int mapped, ynode_item_fn item, void *ctx);
/* Free a reader (NULL is fine). */
void yfast_free(struct yfast *y);
/* yfast_parse with a reader of its own. */
int yfast_read(const char *buf, size_t len, int mapped, ynode_item_fn item, void *ctx);

#endif
