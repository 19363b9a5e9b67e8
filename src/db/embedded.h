/*
 * embedded.h -- the database built from data/ at compile time (see CMakeLists.txt:
 * the bootstrap importer writes it, src/tools/embed.c turns it into a C array).
 * A bootstrap build links an empty stand-in whose size is 0.
 */
#ifndef DLT_EMBEDDED_H
#define DLT_EMBEDDED_H

#include <stddef.h>

extern const unsigned char dlt_embedded_db[];
extern const size_t dlt_embedded_db_size;

#endif
