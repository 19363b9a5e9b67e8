/*
 * test_tex.c -- LaTeX of bibliography fields made UTF-8 (import/tex.h), and the dates and
 * months the bibliography readers take (import/bibentry.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "core/util.h"
#include "import/bibentry.h"
#include "import/tex.h"
#include "testutil.h"

/* tex_to_utf8(in) must be want. */
static void expect(const char *in, const char *want)
{
	struct strbuf sb = {0};
	tex_to_utf8(in, &sb);
	assert_string_equal(sb_str(&sb), want);
	sb_free(&sb);
}

static void test_accents(void **state)
{
	(void)state;
	expect("J{\\\"u}rgen Schmidhuber", "Jürgen Schmidhuber");
	expect("Caf\\'e, Caf\\'{e}, Caf{\\'e}, Caf\\' e", "Café, Café, Café, Café");
	expect("Fran{\\c c}ois, Fran\\c{c}ois", "François, François");
	expect("\\v{S}koda \\v Cech", "Škoda Čech");
	expect("Erd\\H{o}s, \\r{A}ngstr\\\"om", "Erdős, Ångström");
	expect("na{\\\"\\i}ve", "naïve");
	/* no precomposed letter: the base and a combining mark */
	expect("\\~{y}", "y\xcc\x83");
}

static void test_letters_and_specials(void **state)
{
	(void)state;
	expect("Stra{\\ss}e {\\O}resund {\\AA}berg \\ae{} \\l{}\\'od\\'z", "Straße Øresund Åberg æ łódź");
	expect("50\\% \\& \\$5 \\#1 a\\_b \\{x\\}", "50% & $5 #1 a_b {x}");
	expect("pages 1--2, a---b", "pages 1–2, a—b");
	expect("``quoted'' and~tied", "“quoted” and tied");
	expect("\\emph{emphasised} \\textbf{bold} {BERT}", "emphasised bold BERT");
	expect("$\\alpha$-divergence, $O(n)$", "α-divergence, O(n)");
	expect("trailing backslash \\", "trailing backslash ");
	expect("", "");
}

static void test_dates(void **state)
{
	(void)state;
	int y, m;
	assert_int_equal(bib_date("2017-06-12", &y, &m), 0);
	assert_int_equal(y * 100 + m, 201706);
	assert_int_equal(bib_date("1984/1986", &y, &m), 0);
	assert_int_equal(y * 100 + m, 198400);
	assert_int_equal(bib_date("2017-13", &y, &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(bib_date("17", &y, &m), -1);
	assert_int_equal(bib_date("20x7", &y, &m), -1);
	assert_int_equal(bib_date("2017a", &y, &m), -1);
	assert_int_equal(bib_month("11"), 11);
	assert_int_equal(bib_month("March"), 3);
	assert_int_equal(bib_month("dec"), 12);
	assert_int_equal(bib_month("13"), 0);
	assert_int_equal(bib_month("spring"), 0);
}

static void test_crossref(void **state)
{
	(void)state;
	struct bib_list l = {0};
	struct bib_entry *p = bib_add(&l);
	p->key = xstrdup("book");
	p->title = xstrdup("The Book");
	p->year = 2001;
	p->month = 3;
	bib_push(&p->authors, &p->nauthors, "Ann Editor");
	struct bib_entry *c = bib_add(&l);
	p = &l.e[0];   /* (bib_add may move the entries) */
	c->key = xstrdup("chapter");
	c->crossref = xstrdup("book");
	struct bib_entry *own = bib_add(&l);
	own->key = xstrdup("own");
	own->crossref = xstrdup("book");
	own->year = 2005;
	own->container = xstrdup("Elsewhere");
	bib_inherit(&l);
	assert_int_equal(l.e[1].year * 100 + l.e[1].month, 200103);
	assert_string_equal(l.e[1].container, "The Book");
	assert_string_equal(l.e[1].authors[0], "Ann Editor");
	assert_int_equal(l.e[2].year, 2005);   /* what an entry has stays */
	assert_string_equal(l.e[2].container, "Elsewhere");
	assert_ptr_equal(bib_find(&l, "own"), &l.e[2]);
	assert_null(bib_find(&l, "none"));
	bib_list_free(&l);
}

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accents),
		cmocka_unit_test(test_letters_and_specials),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_crossref),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
