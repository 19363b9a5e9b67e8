/*
 * gen.c -- synthetic timeline data for tests and benchmarks.
 *
 *   dltimeline-gen N OUTDIR [SEED]
 *   dltimeline-gen N OUT.db [SEED]
 *
 * Writes OUTDIR/00-taxonomy.yaml and OUTDIR/milestones-NNN.yaml (50,000 milestones per file)
 * in the format of data/README.md: N milestones with years 1950-2025 skewed towards recent
 * ones, realistic text lengths drawn from a Zipf-distributed vocabulary (so some words are
 * rare and some very common), 1-4 tags, 1-2 aliases, 2-6 authors and about 5 builds_on links
 * each to earlier milestones. The output is valid for `dltimeline import --strict` and is the
 * same for the same N and SEED. Given a name ending in ".db", it writes that database
 * instead: the data goes through the importer library (import/) from a scratch directory
 * beside it, removed afterwards, so the database is exactly what `dltimeline import` makes.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import/import.h"

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static double uniform(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static unsigned below(unsigned n)
{
	return (unsigned)(uniform() * n);
}

#define VOCAB 6000
static char vocab[VOCAB][16];
static double zipf_cdf[VOCAB];

static const char *const syllables[] = {
	"ne", "ur", "al", "gra", "di", "ent", "ten", "tion", "con", "vo", "lu", "tra", "ns", "for",
	"mer", "lat", "ent", "dif", "fu", "sion", "re", "cur", "rent", "spar", "se", "ex", "pert",
	"em", "bed", "ding", "to", "ken", "opt", "im", "iz", "er", "nor", "ma", "li", "za", "ker",
	"nel", "ran", "dom", "fea", "ture", "lay", "ing", "deep", "wide", "mo", "del", "qu", "ant",
};

/* Real words first: they become the most frequent ones, like in real text. */
static const char *const common[] = {
	"network", "learning", "model", "training", "data", "layer", "attention", "neural",
	"deep", "language", "image", "representation", "gradient", "transformer", "scale",
	"reinforcement", "generative", "vision", "memory", "sequence", "parameters", "benchmark",
	"convolution", "recurrent", "optimisation", "inference", "diffusion", "reasoning",
};

static void build_vocab(void)
{
	size_t nc = sizeof common / sizeof common[0];
	for (size_t i = 0; i < VOCAB; i++) {
		if (i < nc) {
			snprintf(vocab[i], sizeof vocab[i], "%s", common[i]);
			continue;
		}
		int parts = 2 + (int)below(3);
		vocab[i][0] = '\0';
		for (int p = 0; p < parts; p++)
			strncat(vocab[i], syllables[below(sizeof syllables / sizeof syllables[0])],
				sizeof vocab[i] - strlen(vocab[i]) - 1);
	}
	double sum = 0;
	for (size_t i = 0; i < VOCAB; i++)
		sum += 1.0 / (double)(i + 1);
	double acc = 0;
	for (size_t i = 0; i < VOCAB; i++) {
		acc += 1.0 / (double)(i + 1) / sum;
		zipf_cdf[i] = acc;
	}
}

static const char *word(void)
{
	double u = uniform();
	size_t lo = 0, hi = VOCAB - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return vocab[lo];
}

/* A sentence-ish run of about `chars` characters. */
static void text(FILE *fp, int chars)
{
	int n = 0, first = 1;
	while (n < chars) {
		const char *w = word();
		fprintf(fp, "%s%s", first ? "" : " ", w);
		n += (int)strlen(w) + 1;
		first = 0;
	}
	fputc('.', fp);
}

static const char *const first_names[] = {"Ada", "Alan", "Yann", "Geoffrey", "Yoshua", "Fei-Fei",
	"Jürgen", "Łukasz", "Aäron", "Ilya", "Demis", "Kaiming", "Ashish", "Noam", "Oriol", "Quoc",
	"Andrej", "Sepp", "Diederik", "Ian", "Alex", "Jeff", "Percy", "Chelsea", "Daphne", "Mira"};
static const char *const last_names[] = {"Lovelace", "Turing", "LeCun", "Hinton", "Bengio", "Li",
	"Schmidhuber", "Kaiser", "van den Oord", "Sutskever", "Hassabis", "He", "Vaswani", "Shazeer",
	"Vinyals", "Le", "Karpathy", "Hochreiter", "Kingma", "Goodfellow", "Krizhevsky", "Dean",
	"Liang", "Finn", "Koller", "Murati"};

#define NTAGS 40
#define NERAS 8
#define NPARS 6

static int year_for(uint64_t i, uint64_t n)
{
	/* Increasing in i, denser towards 2025: year = 1950 + 75 * (i/n)^(1/3). */
	double f = (double)i / (double)(n ? n : 1);
	int y = 1950 + (int)(75.0 * cbrt(f));
	return y > 2025 ? 2025 : y;
}

static int era_of_year(int y)
{
	int e = (y - 1950) / 10;
	return e >= NERAS ? NERAS - 1 : e;
}

static int paradigm_of_year(int y)
{
	int p = (y - 1950) * NPARS / 76;
	return p >= NPARS ? NPARS - 1 : p;
}

static void write_taxonomy(const char *dir, uint64_t n)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/00-taxonomy.yaml", dir);
	FILE *fp = fopen(path, "w");
	if (!fp) {
		fprintf(stderr, "dltimeline-gen: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	fprintf(fp, "title: Synthetic timeline (%llu milestones)\neras:\n", (unsigned long long)n);
	for (int e = 0; e < NERAS; e++)
		fprintf(fp, "  - {id: era-%d, name: Era %d %s, start: %d, end: %d, summary: Synthetic period %d.}\n",
			e, e + 1, vocab[30 + e], 1950 + 10 * e, e == NERAS - 1 ? 2025 : 1959 + 10 * e, e + 1);
	fprintf(fp, "paradigms:\n");
	for (int p = 0; p < NPARS; p++) {
		int start = 1950 + (p * 76 + NPARS - 1) / NPARS;
		int end = 1950 + ((p + 1) * 76 + NPARS - 1) / NPARS - 1;
		fprintf(fp, "  - {id: paradigm-%d, name: Paradigm %d, start: %d, end: %d}\n", p, p + 1,
			p == 0 ? 1950 : start, p == NPARS - 1 ? 2025 : end);
	}
	fprintf(fp, "tags:\n");
	for (int t = 0; t < NTAGS; t++)
		fprintf(fp, "  - {id: tag-%d, name: %s}\n", t, vocab[60 + t]);
	fclose(fp);
}

static int write_yaml(const char *dir, unsigned long long n)
{
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "dltimeline-gen: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	build_vocab();
	write_taxonomy(dir, n);
	FILE *fp = NULL;
	const uint64_t per_file = 50000;
	for (uint64_t i = 0; i < n; i++) {
		if (i % per_file == 0) {
			if (fp)
				fclose(fp);
			char path[4096];
			snprintf(path, sizeof path, "%s/milestones-%03llu.yaml", dir, (unsigned long long)(i / per_file));
			fp = fopen(path, "w");
			if (!fp) {
				fprintf(stderr, "dltimeline-gen: %s: %s\n", path, strerror(errno));
				return 2;
			}
			fputs("milestones:\n", fp);
		}
		int y = year_for(i, n);
		fprintf(fp, "  - id: m%llu\n    year: %d\n", (unsigned long long)i, y);
		if (below(3))
			fprintf(fp, "    month: %u\n", 1 + below(12));
		fprintf(fp, "    title: \"%s %s of %s %s\"\n", word(), word(), word(), word());
		fprintf(fp, "    short: \"%s-%llu\"\n", vocab[100 + below(900)], (unsigned long long)i);
		static const char *const kinds[] = {"paper", "paper", "paper", "model", "system", "dataset"};
		fprintf(fp, "    kind: %s\n    authors: [", kinds[below(6)]);
		unsigned na = 2 + below(5);
		for (unsigned a = 0; a < na; a++)
			fprintf(fp, "%s\"%s %s\"", a ? ", " : "", first_names[below(26)], last_names[below(26)]);
		fprintf(fp, "]\n    organization: %s Lab\n", vocab[200 + below(50)]);
		fprintf(fp, "    venue: Conf %d\n    venue_type: conference\n", y);
		fprintf(fp, "    era: era-%d\n    paradigm: paradigm-%d\n", era_of_year(y), paradigm_of_year(y));
		unsigned nt = 1 + below(4), t0 = below(NTAGS);
		fprintf(fp, "    tags: [");
		for (unsigned t = 0; t < nt; t++)
			fprintf(fp, "%stag-%u", t ? ", " : "", (t0 + t * 7) % NTAGS);
		fprintf(fp, "]\n    aliases: [\"alias %llu\"]\n", (unsigned long long)i);
		fputs("    summary: \"", fp);
		text(fp, 60 + (int)below(60));
		fputs("\"\n    problem: \"", fp);
		text(fp, 150 + (int)below(200));
		fputs("\"\n    insight: \"", fp);
		text(fp, 150 + (int)below(200));
		fputs("\"\n    impact: \"", fp);
		text(fp, 150 + (int)below(200));
		fprintf(fp, "\"\n    sources: [\"Proceedings of Conf %d\"]\n", y);
		if (i == 0) {
			fputs("    root: true\n", fp);
			continue;
		}
		/* about five links to distinct earlier milestones, mostly recent ones */
		unsigned nl = i < 5 ? (unsigned)i : 3 + below(5);
		uint64_t picked[8];
		unsigned got = 0;
		for (unsigned tries = 0; got < nl && tries < 40; tries++) {
			uint64_t back = 1 + (uint64_t)(pow(uniform(), 3.0) * (double)i);
			if (back > i)
				back = i;
			uint64_t dst = i - back;
			int dup = 0;
			for (unsigned k = 0; k < got; k++)
				dup |= picked[k] == dst;
			if (!dup)
				picked[got++] = dst;
		}
		fputs("    builds_on:\n", fp);
		for (unsigned k = 0; k < got; k++)
			fprintf(fp, "      - {id: m%llu, note: \"takes the %s %s\"}\n", (unsigned long long)picked[k],
				word(), word());
	}
	if (fp && fclose(fp) != 0) {
		perror("dltimeline-gen");
		return 2;
	}
	return 0;
}

/* Remove the scratch directory of generated files (only files, one level). */
static void remove_dir(const char *dir, unsigned long long n)
{
	char path[4200];   /* (dir is shorter than 4096) */
	snprintf(path, sizeof path, "%.4096s/00-taxonomy.yaml", dir);
	unlink(path);
	for (unsigned long long f = 0; f * 50000 < n; f++) {
		snprintf(path, sizeof path, "%.4096s/milestones-%03llu.yaml", dir, f);
		unlink(path);
	}
	rmdir(dir);
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fputs("usage: dltimeline-gen N OUTDIR|OUT.db [SEED]\n", stderr);
		return 2;
	}
	char *end;
	unsigned long long n = strtoull(argv[1], &end, 10);
	if (*end || n == 0 || n > 100000000ULL) {
		fprintf(stderr, "dltimeline-gen: N must be 1..100000000, not '%s'\n", argv[1]);
		return 2;
	}
	rng_state = argc == 4 ? strtoull(argv[3], NULL, 10) | 1 : 0x9E3779B97F4A7C15ULL;
	const char *out = argv[2];
	size_t len = strlen(out);
	if (len < 3 || strcmp(out + len - 3, ".db") != 0)
		return write_yaml(out, n);
	char dir[4096];
	if (snprintf(dir, sizeof dir, "%s-gen-XXXXXX", out) >= (int)sizeof dir || !mkdtemp(dir)) {
		fprintf(stderr, "dltimeline-gen: %s: cannot make a scratch directory: %s\n", out, strerror(errno));
		return 2;
	}
	int rc = write_yaml(dir, n);
	if (rc == 0) {
		const char *paths[] = {dir};
		struct dlt_import_opts o = {.out = out, .errors = stderr, .quiet = 1};
		rc = dlt_import(paths, 1, &o) ? 2 : 0;
	}
	remove_dir(dir, n);
	return rc;
}
