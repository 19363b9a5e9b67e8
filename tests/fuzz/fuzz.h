/*
 * fuzz.h -- what the harnesses share: the libFuzzer entry points and a private scratch
 * directory for the harnesses whose code under test reads files.
 *
 * Each harness defines LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize). Built
 * with -DDLT_FUZZ=ON they link against libFuzzer; in every other build they link against
 * replay.c, which runs them once per file of a corpus (the seed corpus and the regression
 * inputs of every crash found), so those inputs are tests of the ordinary suite.
 */
#ifndef DLT_FUZZ_H
#define DLT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A fresh private directory (under $TMPDIR or /tmp) removed at exit; aborts on failure. */
const char *fuzz_scratch_dir(void);
/* path = scratch dir + "/" + name, into buf; returns buf. */
char *fuzz_path(char *buf, size_t size, const char *name);
/* Replace the file at path with data[0..size); aborts on failure. */
void fuzz_write_file(const char *path, const uint8_t *data, size_t size);
/* A check of the code under test: abort (a finding) with a message when cond is false. */
#define FUZZ_CHECK(cond) \
	((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))
_Noreturn void fuzz_fail(const char *file, int line, const char *what);

#endif
