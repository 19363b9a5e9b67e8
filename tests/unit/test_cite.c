/*
 * test_cite.c -- model/cite, citekey, bibtex and csl: names split into family and given
 * parts, the free-text venue read as a container (year, remarks, volume, editors,
 * publisher), the entry type for each venue type and kind and its fallback to misc, BibTeX's
 * escaping and protected capitals, whole BibTeX entries and CSL-JSON items, and keys: their
 * form, and a/b/c for collisions decided over the whole timeline.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "model/bibtex.h"
#include "model/cite.h"
#include "model/citekey.h"
#include "model/csl.h"
#include "model/model.h"
#include "testutil.h"

/* ---- names ------------------------------------------------------------------------------------ */

static void expect_name(const char *in, const char *family, const char *given, const char *suffix, int corporate)
{
	struct dlt_name n;
	dlt_name_split(in, &n);
	assert_string_equal(n.family, family);
	if (given)
		assert_non_null(n.given), assert_string_equal(n.given, given);
	else
		assert_null(n.given);
	if (suffix)
		assert_non_null(n.suffix), assert_string_equal(n.suffix, suffix);
	else
		assert_null(n.suffix);
	assert_int_equal(n.corporate, corporate);
	dlt_name_clear(&n);
}

static void test_names(void **state)
{
	(void)state;
	expect_name("Ashish Vaswani", "Vaswani", "Ashish", NULL, 0);
	expect_name("  Geoffrey E. Hinton ", "Hinton", "Geoffrey E.", NULL, 0);
	expect_name("Aäron van den Oord", "van den Oord", "Aäron", NULL, 0);
	expect_name("Luc Van Gool", "Van Gool", "Luc", NULL, 0);
	expect_name("Diego de Las Casas", "de Las Casas", "Diego", NULL, 0);
	expect_name("Henrique Ponde de Oliveira Pinto", "de Oliveira Pinto", "Henrique Ponde", NULL, 0);
	expect_name("C. Daniel Gelatt Jr.", "Gelatt", "C. Daniel", "Jr.", 0);
	expect_name("Mary Ann Marcinkiewicz", "Marcinkiewicz", "Mary Ann", NULL, 0);
	expect_name("OpenAI", "OpenAI", NULL, NULL, 0);
	expect_name("Texas Instruments, MIT and NIST", "Texas Instruments, MIT and NIST", NULL, NULL, 1);
	expect_name("Gemini Team and Google", "Gemini Team and Google", NULL, NULL, 1);
	expect_name("Bob & Co Ltd", "Bob & Co Ltd", NULL, NULL, 1);
}

/* ---- references made from hand-made milestones ------------------------------------------------- */

/* A milestone with the given fields (strings are borrowed: the test never clears it). */
static struct dlt_milestone milestone(const char *kind, const char *venue_type, const char *venue, int year,
				      int month)
{
	static char *authors[] = {"Ada Lovelace", "Charles Babbage"};
	struct dlt_milestone m;
	memset(&m, 0, sizeof m);
	m.row.id = 1;
	m.row.slug = "engine";
	m.row.year = year;
	m.row.month = month;
	m.row.title = "The Engine: a milestone title";
	m.row.short_name = "Engine";
	m.row.kind = (char *)kind;
	m.venue_type = (char *)venue_type;
	m.venue = (char *)venue;
	m.authors = authors;
	m.nauthors = 2;
	return m;
}

static void expect_str(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_non_null(got), assert_string_equal(got, want);
}

static void test_venue_journal(void **state)
{
	(void)state;
	struct { const char *venue, *container, *volume, *number, *remark; } cases[] = {
		{"Nature 1986", "Nature", NULL, NULL, NULL},
		{"Nature 538, 2016", "Nature", "538", NULL, NULL},
		{"Science 378 (2022)", "Science", "378", NULL, NULL},
		{"Foundations and Trends in Machine Learning 2(1), 2009", "Foundations and Trends in Machine Learning", "2",
		 "1", NULL},
		{"JMLR 2003 (first at NIPS 2000)", "JMLR", NULL, NULL, "first at NIPS 2000"},
		{"Nature (online December 2023)", "Nature", NULL, NULL, "online December 2023"},
		{"Neural Computation 1995; wake-sleep algorithm in Science 1995", "Neural Computation", NULL, NULL,
		 "wake-sleep algorithm in Science 1995"},
		{"Avtomatika i Telemekhanika 25(6) 1964; English in Automation and Remote Control 25",
		 "Avtomatika i Telemekhanika", "25", "6", "English in Automation and Remote Control 25"},
		{"IEEE Transactions on Systems, Man, and Cybernetics 1983", "IEEE Transactions on Systems, Man, and Cybernetics",
		 NULL, NULL, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct dlt_milestone m = milestone("paper", "journal", cases[i].venue, 2000, 0);
		struct dlt_cite c;
		dlt_cite_make(&m, &c);
		assert_int_equal(c.type, DLT_CITE_ARTICLE);
		expect_str(c.container, cases[i].container);
		expect_str(c.volume, cases[i].volume);
		expect_str(c.number, cases[i].number);
		expect_str(c.remark, cases[i].remark);
		dlt_cite_clear(&c);
	}
}

static void test_venue_other_types(void **state)
{
	(void)state;
	struct dlt_cite c;
	struct dlt_milestone m = milestone("paper", "conference", "CVPR 2016 (as \"Style Transfer\")", 2015, 8);
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_PROCEEDINGS);
	expect_str(c.container, "CVPR");
	expect_str(c.remark, "as \"Style Transfer\"");
	dlt_cite_clear(&c);

	m = milestone("paper", "workshop", "NeurIPS 2022 Datasets and Benchmarks", 2022, 0);
	dlt_cite_make(&m, &c);
	expect_str(c.container, "NeurIPS 2022 Datasets and Benchmarks");   /* the year is not at the end */
	dlt_cite_clear(&c);

	m = milestone("paper", "book", "The Organization of Behavior (book), Wiley 1949", 1949, 0);
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_BOOK);
	expect_str(c.publisher, "Wiley");
	expect_str(c.container, NULL);
	dlt_cite_clear(&c);

	m = milestone("paper", "book", "MIT Press 1998", 1998, 0);
	dlt_cite_make(&m, &c);
	expect_str(c.publisher, "MIT Press");
	dlt_cite_clear(&c);

	m = milestone("paper", "chapter", "Machine Intelligence 2 (Dale and D. Michie, eds.), Oliver and Boyd 1968", 1968, 0);
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_CHAPTER);
	expect_str(c.container, "Machine Intelligence 2");
	expect_str(c.publisher, "Oliver and Boyd");
	assert_int_equal(c.neditors, 2);
	expect_str(c.editors[0].family, "Dale");
	expect_str(c.editors[1].family, "Michie");
	expect_str(c.editors[1].given, "D.");
	dlt_cite_clear(&c);

	/* a chapter whose book's editors are unknown: @inbook needs none */
	m = milestone("paper", "chapter", "Parallel Distributed Processing, vol. 1, MIT Press 1986", 1986, 0);
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_INBOOK);
	expect_str(c.container, "Parallel Distributed Processing, vol. 1, MIT Press");
	dlt_cite_clear(&c);

	/* theses and reports: the organization is the institution */
	m = milestone("paper", "phd-thesis", "PhD thesis, Harvard University 1974", 1974, 0);
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_PHDTHESIS);
	expect_str(c.institution, "Harvard University");
	dlt_cite_clear(&c);
	m.organization = "Harvard";
	dlt_cite_make(&m, &c);
	expect_str(c.institution, "Harvard");
	dlt_cite_clear(&c);

	m = milestone("model", "report", "OpenAI technical report 2019", 2019, 2);
	m.organization = "OpenAI";
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_REPORT);
	expect_str(c.institution, "OpenAI");
	expect_str(c.remark, "OpenAI technical report 2019");
	dlt_cite_clear(&c);

	m = milestone("paper", "preprint", "arXiv 2021", 2021, 0);
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_PREPRINT);
	expect_str(c.howpublished, "arXiv");
	dlt_cite_clear(&c);

	m = milestone("paper", "lecture", "Coursera, lecture 6e, 2012", 2012, 0);
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_MISC);
	expect_str(c.howpublished, "Coursera, lecture 6e, 2012");
	assert_null(c.kind_label);
	dlt_cite_clear(&c);
}

static void test_fallbacks(void **state)
{
	(void)state;
	struct dlt_cite c;
	/* an article without a journal, a thesis without a school: misc with the venue */
	struct dlt_milestone m = milestone("paper", "journal", "1999", 1999, 0);
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_MISC);
	expect_str(c.howpublished, "1999");
	expect_str(c.container, NULL);
	dlt_cite_clear(&c);

	/* nobody named: the organization is the author; nothing: a misc without one */
	m = milestone("model", NULL, NULL, 2022, 11);
	m.nauthors = 0;
	m.organization = "OpenAI";
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_MISC);
	assert_int_equal(c.nauthors, 1);
	assert_true(c.authors[0].corporate);
	expect_str(c.authors[0].family, "OpenAI");
	expect_str(c.kind_label, "Model");
	dlt_cite_clear(&c);
	m.organization = NULL;
	m.venue_type = "conference";
	m.venue = "NeurIPS 2022";
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_MISC);
	assert_int_equal(c.nauthors, 0);
	expect_str(c.howpublished, "NeurIPS 2022");
	dlt_cite_clear(&c);

	/* a paper with an arXiv id and no venue is a preprint */
	m = milestone("paper", NULL, NULL, 2013, 1);
	m.arxiv = "1301.3781";
	dlt_cite_make(&m, &c);
	assert_int_equal(c.type, DLT_CITE_PREPRINT);
	expect_str(c.howpublished, "arXiv");
	dlt_cite_clear(&c);

	/* a list cut short */
	m = milestone("paper", NULL, NULL, 2016, 9);
	m.author_count = 9;
	dlt_cite_make(&m, &c);
	assert_true(c.more_authors);
	dlt_cite_clear(&c);
	m.author_count = 2;
	dlt_cite_make(&m, &c);
	assert_false(c.more_authors);
	dlt_cite_clear(&c);
}

/* ---- BibTeX ------------------------------------------------------------------------------------- */

static void expect_bibtex_text(const char *in, int protect, const char *want)
{
	struct strbuf sb = {0};
	dlt_bibtex_text(in, protect, &sb);
	assert_string_equal(sb_str(&sb), want);
	sb_free(&sb);
}

static void test_bibtex_text(void **state)
{
	(void)state;
	expect_bibtex_text("50% & #1 of a_b for $5", 0, "50\\% \\& \\#1 of a\\_b for \\$5");
	expect_bibtex_text("~x ^y \\z {w}", 0,
			   "\\textasciitilde{}x \\textasciicircum{}y \\textbackslash{}z \\textbraceleft{}w\\textbraceright{}");
	expect_bibtex_text("  two\n lines\t ", 0, "two lines");
	expect_bibtex_text("BERT: Pre-training of Deep Bidirectional Transformers", 1,
			   "{BERT}: Pre-training of Deep Bidirectional Transformers");
	expect_bibtex_text("ImageNet in 3D with GPUs", 1, "{ImageNet} in {3D} with {GPUs}");
	expect_bibtex_text("A Q-learning Agent (DQN), Part I", 1, "A {Q-learning} Agent ({DQN}), Part {I}");
	expect_bibtex_text("Adaptive Systems—A Theory", 1, "Adaptive Systems—A Theory");
	expect_bibtex_text("Łukasz's {GPT}", 1, "Łukasz's \\textbraceleft{}{GPT}\\textbraceright{}");
	expect_bibtex_text("ImageNet", 0, "ImageNet");
}

/* Every brace of an entry is balanced, and nothing but the entry's own braces open at level 0. */
static void assert_balanced(const char *s)
{
	int depth = 0;
	for (const char *p = s; *p; p++) {
		depth += *p == '{';
		depth -= *p == '}';
		assert_true(depth >= 0);
	}
	assert_int_equal(depth, 0);
}

static void test_bibtex_entry(void **state)
{
	(void)state;
	struct dlt_milestone m = milestone("paper", "conference", "NIPS 2017", 2017, 6);
	static char *authors[] = {"Ashish Vaswani", "Łukasz Kaiser"};
	static struct dlt_period tags[] = {{.slug = "nlp"}, {.slug = "attention"}};
	m.authors = authors;
	m.author_count = 8;
	m.paper_title = "Attention Is All You Need";
	m.arxiv = "1706.03762";
	m.doi = "10.5555/a_b{c}";
	m.url = "https://example.org/x y";
	m.summary = "100% attention & no {recurrence}.";
	m.tags = tags;
	m.ntags = 2;
	struct dlt_cite c;
	dlt_cite_make(&m, &c);
	struct strbuf sb = {0};
	dlt_bibtex_entry(&c, "vaswani2017attention", &sb);
	assert_string_equal(sb_str(&sb),
		"@inproceedings{vaswani2017attention,\n"
		"  author       = {Vaswani, Ashish and Kaiser, Łukasz and others},\n"
		"  title        = {Attention Is All You Need},\n"
		"  booktitle    = {NIPS},\n"
		"  year         = {2017},\n"
		"  month        = jun,\n"
		"  eprint       = {1706.03762},\n"
		"  eprinttype   = {arxiv},\n"
		"  doi          = {10.5555/a_b%7Bc%7D},\n"
		"  url          = {https://example.org/x%20y},\n"
		"  keywords     = {nlp, attention},\n"
		"  annote       = {100\\% attention \\& no \\textbraceleft{}recurrence\\textbraceright{}.},\n"
		"}\n");
	assert_balanced(sb_str(&sb));
	sb_free(&sb);
	dlt_cite_clear(&c);

	m = milestone("model", NULL, NULL, 2022, 11);
	m.nauthors = 0;
	m.organization = "Open {AI} & Co";
	dlt_cite_make(&m, &c);
	dlt_bibtex_entry(&c, "open2022engine", &sb);
	assert_string_equal(sb_str(&sb),
		"@misc{open2022engine,\n"
		"  author       = {{Open \\textbraceleft{}AI\\textbraceright{} \\& Co}},\n"
		"  title        = {The Engine: a milestone title},\n"
		"  year         = {2022},\n"
		"  month        = nov,\n"
		"  type         = {Model},\n"
		"}\n");
	assert_balanced(sb_str(&sb));
	sb_free(&sb);
	dlt_cite_clear(&c);

	m = milestone("paper", "chapter", "Machine Intelligence 2 (Dale and Michie, eds.), Oliver and Boyd 1968", 1968, 0);
	dlt_cite_make(&m, &c);
	dlt_bibtex_entry(&c, "lovelace1968engine", &sb);
	assert_string_equal(sb_str(&sb),
		"@incollection{lovelace1968engine,\n"
		"  author       = {Lovelace, Ada and Babbage, Charles},\n"
		"  editor       = {Dale and Michie},\n"
		"  title        = {The Engine: a milestone title},\n"
		"  booktitle    = {Machine Intelligence 2},\n"
		"  publisher    = {Oliver and Boyd},\n"
		"  year         = {1968},\n"
		"}\n");
	sb_free(&sb);
	dlt_cite_clear(&c);
}

static void test_csl_item(void **state)
{
	(void)state;
	struct dlt_milestone m = milestone("paper", "journal", "Nature 538, 2016 (online)", 2016, 10);
	static char *authors[] = {"Aäron van den Oord", "C. Daniel Gelatt Jr."};
	m.authors = authors;
	m.author_count = 3;
	m.arxiv = "1609.03499";
	m.doi = "10.1038/x";
	m.summary = "Say \"hi\"\n";
	struct dlt_cite c;
	dlt_cite_make(&m, &c);
	struct strbuf sb = {0};
	dlt_csl_item(&c, "vandenoord2016engine", 0, &sb);
	assert_string_equal(sb_str(&sb),
		"{\n"
		"  \"id\": \"vandenoord2016engine\",\n"
		"  \"type\": \"article-journal\",\n"
		"  \"title\": \"The Engine: a milestone title\",\n"
		"  \"author\": [{\"family\": \"van den Oord\", \"given\": \"Aäron\"}, "
		"{\"family\": \"Gelatt\", \"given\": \"C. Daniel\", \"suffix\": \"Jr.\"}],\n"
		"  \"issued\": {\"date-parts\": [[2016, 10]]},\n"
		"  \"container-title\": \"Nature\",\n"
		"  \"volume\": \"538\",\n"
		"  \"DOI\": \"10.1038/x\",\n"
		"  \"URL\": \"https://arxiv.org/abs/1609.03499\",\n"
		"  \"note\": \"online. arXiv:1609.03499. The first 2 of 3 authors\",\n"
		"  \"annote\": \"Say \\\"hi\\\"\\u000a\"\n"
		"}");
	sb_free(&sb);
	dlt_cite_clear(&c);

	m = milestone("dataset", NULL, NULL, 2009, 0);
	m.nauthors = 0;
	m.organization = "Princeton";
	dlt_cite_make(&m, &c);
	dlt_csl_item(&c, "princeton2009engine", 2, &sb);
	assert_string_equal(sb_str(&sb),
		"  {\n"
		"    \"id\": \"princeton2009engine\",\n"
		"    \"type\": \"dataset\",\n"
		"    \"title\": \"The Engine: a milestone title\",\n"
		"    \"author\": [{\"literal\": \"Princeton\"}],\n"
		"    \"issued\": {\"date-parts\": [[2009]]},\n"
		"    \"genre\": \"Dataset\"\n"
		"  }");
	sb_free(&sb);
	dlt_cite_clear(&c);
}

/* ---- keys ---------------------------------------------------------------------------------------- */

static void expect_key_base(struct dlt_milestone *m, const char *want)
{
	struct strbuf sb = {0};
	dlt_cite_key_base(m, &sb);
	assert_string_equal(sb_str(&sb), want);
	sb_free(&sb);
}

static void test_key_base(void **state)
{
	(void)state;
	struct dlt_milestone m = milestone("paper", NULL, NULL, 2017, 6);
	static char *authors[] = {"Aäron van den Oord"}, *polish[] = {"Łukasz Kaiser"}, *none[] = {"李飞飞"};
	m.paper_title = "Attention Is All You Need";
	expect_key_base(&m, "lovelace2017attention");
	m.paper_title = "The 2018 A. M. Turing Award: On the Shoulders";
	expect_key_base(&m, "lovelace2017turing");   /* numbers and small words are skipped */
	m.paper_title = "GPT-4 Technical Report";
	m.authors = authors;
	m.nauthors = 1;
	expect_key_base(&m, "vandenoord2017gpt4");
	m.authors = polish;
	m.paper_title = NULL;   /* then the short name */
	expect_key_base(&m, "kaiser2017engine");
	m.authors = none;   /* no Latin letters in the name */
	expect_key_base(&m, "anon2017engine");
	m.nauthors = 0;
	m.organization = "Google DeepMind (Gemini Team)";
	m.row.short_name = NULL;   /* then the title */
	expect_key_base(&m, "google2017engine");
	m.organization = NULL;
	m.row.title = "of the";
	expect_key_base(&m, "anon2017");
}

static char *tmpdir;

/* Import a timeline whose keys collide: four by Smith in 2001 on "Deep ...", one in 2002. */
static struct dlt_db *colliding_db(void)
{
	static const char yaml[] =
		"title: Keys\n"
		"eras:\n  - {id: all, name: All, start: 1990}\n"
		"milestones:\n"
		"  - {id: a, year: 2001, month: 5, title: A, kind: paper, era: all, summary: s,\n"
		"     authors: [Ann Smith], paper_title: Deep one}\n"
		"  - {id: b, year: 2001, month: 2, title: B, kind: paper, era: all, summary: s,\n"
		"     authors: [Bob Smith], paper_title: The deep two}\n"
		"  - {id: c, year: 2001, month: 9, title: C, kind: paper, era: all, summary: s,\n"
		"     authors: [Cy Smith], paper_title: Deep three}\n"
		"  - {id: d, year: 2001, month: 3, title: D, kind: paper, era: all, summary: s,\n"
		"     authors: [Di Jones], paper_title: Deep four}\n"
		"  - {id: e, year: 2002, title: E, kind: paper, era: all, summary: s,\n"
		"     authors: [Ed Smith], paper_title: Deep five}\n";
	char *src = tu_path(tmpdir, "keys.yaml"), *out = tu_path(tmpdir, "keys.db");
	tu_write_str(src, yaml);
	struct tu_capture cap;
	tu_capture_open(&cap);
	const char *paths[] = {src};
	struct dlt_import_opts opts = {.out = out, .errors = cap.fp, .quiet = 1};
	size_t errs = dlt_import(paths, 1, &opts);
	const char *msg = tu_capture_close(&cap);
	if (errs || *msg)
		fail_msg("import: %s", msg);
	tu_capture_free(&cap);
	struct strbuf err = {0};
	struct dlt_db *d = dlt_db_open_file(out, &err);
	if (!d)
		fail_msg("open: %s", sb_str(&err));
	sb_free(&err);
	free(src);
	free(out);
	return d;
}

/* The key of the milestone with slug `slug`. */
static void expect_key(struct dlt_db *d, struct dlt_citekeys *k, const char *slug, const char *want)
{
	struct dlt_milestone m;
	assert_int_equal(dlt_milestone_load(d, dlt_id_by_slug(d, slug), &m), 0);
	struct strbuf sb = {0};
	assert_int_equal(dlt_citekey(k, &m, &sb), 0);
	assert_string_equal(sb_str(&sb), want);
	sb_free(&sb);
	dlt_milestone_clear(&m);
}

static void test_unique_keys(void **state)
{
	(void)state;
	tmpdir = tu_mkdtemp();
	struct dlt_db *d = colliding_db();
	/* in timeline order: b (Feb), d (Mar), a (May), c (Sep); d is Jones */
	struct dlt_citekeys *k = dlt_citekeys_new(d);
	expect_key(d, k, "b", "smith2001deep");
	expect_key(d, k, "d", "jones2001deep");
	expect_key(d, k, "a", "smith2001deepa");
	expect_key(d, k, "c", "smith2001deepb");
	expect_key(d, k, "e", "smith2002deep");
	dlt_citekeys_free(k);
	/* the same keys whatever is asked, in whatever order */
	k = dlt_citekeys_new(d);
	expect_key(d, k, "c", "smith2001deepb");
	expect_key(d, k, "e", "smith2002deep");
	expect_key(d, k, "a", "smith2001deepa");
	dlt_citekeys_free(k);
	dlt_db_close(d);
	tu_rmtree(tmpdir);
	free(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_venue_journal),
		cmocka_unit_test(test_venue_other_types),
		cmocka_unit_test(test_fallbacks),
		cmocka_unit_test(test_bibtex_text),
		cmocka_unit_test(test_bibtex_entry),
		cmocka_unit_test(test_csl_item),
		cmocka_unit_test(test_key_base),
		cmocka_unit_test(test_unique_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
