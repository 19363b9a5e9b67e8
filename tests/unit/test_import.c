/*
 * test_import.c -- import/: every validation error, one test each, with its exact
 * "file:line:column: message" line; a failed import writes nothing (not the output, not a
 * temporary file) and --check mode reports the same; a valid import builds a database.
 *
 * Each table case writes two files into a fresh directory -- 00-tax.yaml (eras, paradigms,
 * tags; TAXONOMY unless the case gives its own) and 10-ms.yaml -- imports the directory,
 * and compares the whole error output. In `want`, "@T" and "@M" stand for the paths of the
 * two files; the summary line ("N errors; nothing written") is added by the runner.
 *
 * The importer's parts are tested on their own too, without files or a database: records
 * through their encoding, field checks on hand-made nodes, the symbol tables, and the
 * checker feeding a sink that records what it is handed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "import/check.h"
#include "import/fields.h"
#include "import/import.h"
#include "import/internal.h"
#include "import/record.h"
#include "import/symtab.h"
#include "import/yfast.h"
#include "model/model.h"
#include "testutil.h"
#include "../perf/ytree.h"

static char *orig_tmpdir;   /* $TMPDIR when the program started */

static void restore_tmpdir(void)
{
	if (orig_tmpdir)
		setenv("TMPDIR", orig_tmpdir, 1);
	else
		unsetenv("TMPDIR");
}

/* 1 title / 2 eras / 3 old / 4 new / 5 paradigms / 6 sup / 7 tags / 8 t1 / 9 t2 */
#define TAXONOMY \
	"title: Test timeline\n" \
	"eras:\n" \
	"  - {id: old, name: Old, start: 1900, end: 1999}\n" \
	"  - {id: new, name: New, start: 2000}\n" \
	"paradigms:\n" \
	"  - {id: sup, name: Supervised, start: 1950, end: 2010}\n" \
	"tags:\n" \
	"  - {id: t1, name: T1}\n" \
	"  - {id: t2, name: T2}\n"

/* A valid milestone on lines 1-7 of 10-ms.yaml; cases append fields (indent 4) or entries. */
#define BASE \
	"milestones:\n" \
	"  - id: base\n" \
	"    year: 2001\n" \
	"    title: Base\n" \
	"    kind: paper\n" \
	"    era: new\n" \
	"    summary: A valid milestone.\n"

/* BASE plus a second milestone "newer" (lines 8-14) whose builds_on entries start on
 * line 15 (each entry a flow mapping at column 9). */
#define LINKED \
	BASE \
	"  - id: newer\n" \
	"    year: 2002\n" \
	"    title: Newer\n" \
	"    kind: model\n" \
	"    era: new\n" \
	"    summary: Builds on base.\n" \
	"    builds_on:\n"

/* A milestone that satisfies --strict (lines 1-15). */
#define STRICT_BASE \
	"milestones:\n" \
	"  - id: base\n" \
	"    year: 2001\n" \
	"    title: Base\n" \
	"    short: B\n" \
	"    kind: paper\n" \
	"    authors: [Ann Author]\n" \
	"    era: new\n" \
	"    paradigm: sup\n" \
	"    tags: [t1]\n" \
	"    summary: A valid milestone.\n" \
	"    problem: P.\n" \
	"    insight: I.\n" \
	"    impact: M.\n" \
	"    root: true\n"

struct icase {
	const char *name;
	const char *tax;     /* NULL: TAXONOMY */
	const char *ms;
	int strict;
	const char *want;    /* error lines, with @T / @M for the file paths */
};

#define MSG_ID_RULE "is not a valid id (lower-case letters, digits and '-', at most 64)"
#define MSG_KINDS "(paper, model, system, product, event, dataset, framework, hardware, competition)"
#define MSG_SECTIONS "(title, eras, paradigms, tags, milestones)"

static const struct icase cases[] = {
	/* ---- the YAML itself ---- */
	{"yaml_syntax_error", NULL, BASE "    figures: [one, two\n", 0,
	 "@M:9:1: YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence\n"},
	{"yaml_bad_indentation", NULL, BASE "   venue: X\n", 0,
	 "@M:8:4: YAML syntax error: did not find expected '-' indicator while parsing a block collection\n"},
	{"yaml_tab_indentation", NULL, "milestones:\n\t- id: x\n", 0,
	 "@M:2:1: YAML syntax error: found character that cannot start any token while scanning for the next token\n"},
	{"invalid_utf8_latin1", NULL, BASE "    venue: Caf\xe9 Conf\n", 0,
	 "@M:8:15: invalid UTF-8 (invalid trailing UTF-8 octet)\n"},
	{"invalid_utf8_lead_byte", NULL, BASE "    venue: \xff\n", 0,
	 "@M:8:12: invalid UTF-8 (invalid leading UTF-8 octet)\n"},
	{"invalid_utf8_surrogate", NULL, BASE "    venue: a\xed\xa0\x80\n", 0,
	 "@M:8:13: invalid UTF-8 (invalid Unicode character)\n"},
	{"control_character", NULL, BASE "    venue: a\x01" "b\n", 0,
	 "@M:8:13: control characters are not allowed\n"},
	{"yaml_alias", NULL, BASE "    venue: &v NIPS\n    paper_title: *v\n", 0,
	 "@M:9:18: YAML aliases (*name) are not supported\n"},
	{"duplicate_key", NULL, BASE "    title: Again\n", 0,
	 "@M:8:5: duplicate key 'title'\n"},
	{"nul_byte", NULL, BASE "    anecdote: \"a\\0b\"\n", 0,
	 "@M:8:15: value contains a NUL byte\n"},
	{"two_documents", NULL, "---\n" BASE "---\nmilestones: []\n", 0,
	 "@M:9:1: only one YAML document per file is allowed\n"},
	{"file_not_a_mapping", NULL, "- just\n- a list\n", 0,
	 "@M:1:1: a data file must be a mapping of sections " MSG_SECTIONS "\n"},
	{"top_level_key_not_plain", NULL, "[a]: 1\n" BASE, 0,
	 "@M:1:1: top-level keys must be plain names\n"},
	{"key_not_plain", NULL, BASE "    [x]: 1\n", 0,
	 "@M:8:5: mapping keys must be plain names\n"},
	{"unknown_section", NULL, "colors: [red, blue]\n" BASE, 0,
	 "@M:1:1: unknown section 'colors' " MSG_SECTIONS "\n"},
	{"entry_not_mapping", NULL, BASE "  - just text\n", 0,
	 "@M:8:5: each entry of 'milestones' must be a mapping, not a scalar\n"},
	{"title_not_text", NULL, "title: {a: b}\n" BASE, 0,
	 "@M:1:8: 'title' must be text\n"},
	{"title_is_a_list", "eras:\n  - {id: new, name: New, start: 2000}\n", "title: [a, b]\n" BASE, 0,
	 "@M:1:1: 'title' must be text, not a list\n"},
	{"title_twice", NULL, "title: Again\n" BASE, 0,
	 "@M:1:8: 'title' is given more than once\n"},

	/* ---- fields of a milestone ---- */
	{"unknown_field", NULL, BASE "    colour: red\n", 0,
	 "@M:8:5: unknown field 'colour' in a milestone\n"},
	{"missing_id", NULL,
	 "milestones:\n  - year: 2001\n    title: Base\n    kind: paper\n    era: new\n    summary: S.\n", 0,
	 "@M:2:5: a milestone is missing required field 'id'\n"},
	{"missing_year", NULL,
	 "milestones:\n  - id: base\n    title: Base\n    kind: paper\n    era: new\n    summary: S.\n", 0,
	 "@M:2:5: a milestone is missing required field 'year'\n"},
	{"missing_title", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    kind: paper\n    era: new\n    summary: S.\n", 0,
	 "@M:2:5: a milestone is missing required field 'title'\n"},
	{"empty_title", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: \"  \"\n    kind: paper\n    era: new\n"
	 "    summary: S.\n", 0,
	 "@M:2:5: a milestone is missing required field 'title'\n"},
	{"missing_kind", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    era: new\n    summary: S.\n", 0,
	 "@M:2:5: a milestone is missing required field 'kind'\n"},
	{"missing_era", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    kind: paper\n    summary: S.\n", 0,
	 "@M:2:5: a milestone is missing required field 'era'\n"},
	{"missing_summary", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    kind: paper\n    era: new\n", 0,
	 "@M:2:5: a milestone is missing required field 'summary'\n"},
	{"null_summary", NULL, "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    kind: paper\n"
	 "    era: new\n    summary: ~\n", 0,
	 "@M:2:5: a milestone is missing required field 'summary'\n"},
	{"year_not_a_number", NULL,
	 "milestones:\n  - id: base\n    year: 20x1\n    title: Base\n    kind: paper\n    era: new\n"
	 "    summary: S.\n", 0,
	 "@M:3:11: 'year' must be a whole number, not '20x1'\n"},
	{"year_wrong_type", NULL,
	 "milestones:\n  - id: base\n    year: [2001]\n    title: Base\n    kind: paper\n    era: new\n"
	 "    summary: S.\n", 0,
	 "@M:3:11: 'year' must be a whole number, not a list\n"},
	{"year_out_of_range", NULL,
	 "milestones:\n  - id: base\n    year: 1700\n    title: Base\n    kind: paper\n    era: new\n"
	 "    summary: S.\n", 0,
	 "@M:3:11: 'year' 1700 is outside 1800-2100\n"},
	{"month_13", NULL, BASE "    month: 13\n", 0, "@M:8:12: 'month' 13 is outside 1-12\n"},
	{"month_0", NULL, BASE "    month: 0\n", 0, "@M:8:12: 'month' 0 is outside 1-12\n"},
	{"month_not_a_number", NULL, BASE "    month: June\n", 0,
	 "@M:8:12: 'month' must be a whole number, not 'June'\n"},
	{"author_count_0", NULL, BASE "    author_count: 0\n", 0,
	 "@M:8:19: 'author_count' 0 is outside 1-100000\n"},
	{"required_field_wrong_type", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: {a: b}\n    kind: paper\n    era: new\n"
	 "    summary: S.\n", 0,
	 "@M:4:12: 'title' must be text, not a mapping\n"},
	{"optional_field_wrong_type", NULL, BASE "    venue: [a]\n", 0,
	 "@M:8:12: 'venue' must be text, not a list\n"},
	{"summary_two_lines", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    kind: paper\n    era: new\n"
	 "    summary: \"two\\nlines\"\n", 0,
	 "@M:7:14: 'summary' must be a single line\n"},
	{"kind_unknown", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    kind: blog\n    era: new\n"
	 "    summary: S.\n", 0,
	 "@M:5:11: unknown kind 'blog' " MSG_KINDS "\n"},
	{"arxiv_malformed", NULL, BASE "    arxiv: \"1706.037\"\n", 0,
	 "@M:8:12: malformed arxiv '1706.037' (expected NNNN.NNNNN or archive/NNNNNNN)\n"},
	{"arxiv_with_prefix", NULL, BASE "    arxiv: \"arXiv:1706.03762\"\n", 0,
	 "@M:8:12: malformed arxiv 'arXiv:1706.03762' (expected NNNN.NNNNN or archive/NNNNNNN)\n"},
	{"doi_malformed", NULL, BASE "    doi: 11.1000/x\n", 0,
	 "@M:8:10: malformed doi '11.1000/x' (expected 10.NNNN/suffix)\n"},
	{"doi_as_url", NULL, BASE "    doi: https://doi.org/10.1038/nature14539\n", 0,
	 "@M:8:10: malformed doi 'https://doi.org/10.1038/nature14539' (expected 10.NNNN/suffix)\n"},
	{"url_bad_scheme", NULL, BASE "    url: ftp://example.org/x\n", 0,
	 "@M:8:10: malformed url 'ftp://example.org/x' (expected http:// or https:// address)\n"},
	{"url_with_space", NULL, BASE "    url: \"https://example.org/a b\"\n", 0,
	 "@M:8:10: malformed url 'https://example.org/a b' (expected http:// or https:// address)\n"},
	{"url_no_host", NULL, BASE "    url: https://\n", 0,
	 "@M:8:10: malformed url 'https://' (expected http:// or https:// address)\n"},
	{"id_invalid", NULL,
	 "milestones:\n  - id: Base_1\n    year: 2001\n    title: Base\n    kind: paper\n    era: new\n"
	 "    summary: S.\n", 0,
	 "@M:2:9: id 'Base_1' " MSG_ID_RULE "\n"},
	{"id_leading_hyphen", NULL,
	 "milestones:\n  - id: -base\n    year: 2001\n    title: Base\n    kind: paper\n    era: new\n"
	 "    summary: S.\n", 0,
	 "@M:2:9: id '-base' " MSG_ID_RULE "\n"},
	{"id_too_long", NULL,
	 "milestones:\n  - id: a2345678901234567890123456789012345678901234567890123456789012345\n"
	 "    year: 2001\n    title: Base\n    kind: paper\n    era: new\n    summary: S.\n", 0,
	 "@M:2:9: id 'a23456789012345678901234567890123456789012345678901234567890' " MSG_ID_RULE "\n"},
	{"duplicate_id", NULL, BASE "  - id: base\n    year: 2002\n    title: Again\n    kind: paper\n"
	 "    era: new\n    summary: S.\n", 0,
	 "@M:8:5: duplicate milestone id 'base' (first defined in @M line 2)\n"},
	{"duplicate_id_across_files",
	 TAXONOMY "milestones:\n  - {id: base, year: 2001, title: T, kind: paper, era: new, summary: S.}\n",
	 BASE, 0,
	 "@M:2:5: duplicate milestone id 'base' (first defined in @T line 11)\n"},
	{"parameters_not_positive", NULL, BASE "    parameters: -5\n    scale_source: Paper.\n", 0,
	 "@M:8:17: 'parameters' must be a positive number\n"},
	{"parameters_not_a_number", NULL, BASE "    parameters: lots\n    scale_source: Paper.\n", 0,
	 "@M:8:17: 'parameters' must be a positive number\n"},
	{"training_compute_without_source", NULL, BASE "    training_compute: 1.5e20\n", 0,
	 "@M:2:5: 'parameters' and 'training_compute' need a 'scale_source'\n"},
	{"root_not_boolean", NULL, BASE "    root: maybe\n", 0,
	 "@M:8:11: 'root' must be true or false\n"},
	{"figures_not_a_list", NULL, BASE "    figures: 42%\n", 0,
	 "@M:8:14: 'figures' must be a list\n"},

	/* ---- references ---- */
	{"era_unknown", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    kind: paper\n    era: nope\n"
	 "    summary: S.\n", 0,
	 "@M:6:10: unknown era 'nope'\n"},
	{"paradigm_unknown", NULL, BASE "    paradigm: nope\n", 0,
	 "@M:8:15: unknown paradigm 'nope'\n"},
	{"year_before_its_era", NULL,
	 "milestones:\n  - id: base\n    year: 1990\n    title: Base\n    kind: paper\n    era: new\n"
	 "    summary: S.\n", 0,
	 "@M:2:5: year 1990 is outside its era 'new' (2000-now)\n"},
	{"year_after_its_era", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    kind: paper\n    era: old\n"
	 "    summary: S.\n", 0,
	 "@M:2:5: year 2001 is outside its era 'old' (1900-1999)\n"},
	{"event_field_on_a_paper", NULL, BASE "    what_happened: H.\n", 0,
	 "@M:8:20: 'what_happened' is for events (kind: event); a paper has 'insight'\n"},
	{"event_field_and_its_twin", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    kind: event\n    era: new\n"
	 "    summary: S.\n    impact: M.\n    why_it_mattered: W.\n", 0,
	 "@M:8:13: an event has 'why_it_mattered' in place of 'impact', not both\n"},
	{"venue_type_unknown", NULL, BASE "    venue_type: blog\n", 0,
	 "@M:8:17: unknown venue_type 'blog' (journal, conference, workshop, book, chapter, phd-thesis, "
	 "masters-thesis, report, preprint, lecture, web)\n"},
	{"figure_without_text", NULL, BASE "    figures:\n      - {source: Paper}\n", 0,
	 "@M:9:9: a figure is missing required field 'text'\n"},
	{"figure_unknown_field", NULL, BASE "    figures:\n      - {text: T, page: 3}\n", 0,
	 "@M:9:19: unknown field 'page' in a figure\n"},
	{"era_needs_start", TAXONOMY "eras:\n  - {id: e2, name: E2}\n", BASE, 0,
	 "@T:11:5: an era is missing required field 'start'\n"},
	{"tag_unknown", NULL, BASE "    tags: [t1, nope]\n", 0, "@M:8:16: unknown tag 'nope'\n"},
	{"tag_listed_twice", NULL, BASE "    tags: [t1, t1]\n", 0, "@M:8:16: tag 't1' is listed twice\n"},
	{"tag_invalid_id", NULL, BASE "    tags: [Bad Tag]\n", 0, "@M:8:12: tag 'Bad Tag' " MSG_ID_RULE "\n"},
	{"tags_not_a_list", NULL, BASE "    tags: t1\n", 0, "@M:8:11: 'tags' must be a list\n"},
	{"tags_entry_not_text", NULL, BASE "    tags: [[t1]]\n", 0,
	 "@M:8:12: each entry of 'tags' must be text\n"},
	{"authors_not_a_list", NULL, BASE "    authors: Ann Author\n", 0, "@M:8:14: 'authors' must be a list\n"},
	{"authors_entry_not_text", NULL, BASE "    authors: [{a: b}]\n", 0,
	 "@M:8:15: each entry of 'authors' must be text\n"},
	{"aliases_not_a_list", NULL, BASE "    aliases: B\n", 0, "@M:8:14: 'aliases' must be a list\n"},
	{"alias_used_twice", NULL,
	 BASE "    aliases: [Foo]\n  - id: other\n    year: 2002\n    title: Other\n    kind: paper\n"
	 "    era: new\n    summary: S.\n    aliases: [Bar, FOO]\n", 0,
	 "@M:15:20: duplicate alias 'FOO' (also used by 'base')\n"},
	{"alias_repeated_in_one_milestone", NULL, BASE "    aliases: [Foo, foo]\n", 0,
	 "@M:8:20: duplicate alias 'foo' (also used by 'base')\n"},

	/* ---- links ---- */
	{"link_to_unknown_id", NULL, LINKED "      - {id: ghost, note: n}\n", 0,
	 "@M:15:9: builds_on links to unknown id 'ghost'\n"},
	{"link_to_itself", NULL, LINKED "      - {id: newer, note: n}\n", 0,
	 "@M:15:9: 'newer' builds on itself\n"},
	{"link_listed_twice", NULL, LINKED "      - {id: base, note: one}\n      - {id: base, note: two}\n", 0,
	 "@M:16:9: builds_on lists 'base' twice\n"},
	{"link_missing_note", NULL, LINKED "      - {id: base}\n", 0,
	 "@M:15:9: a link is missing required field 'note'\n"},
	{"link_missing_id", NULL, LINKED "      - {note: n}\n", 0,
	 "@M:15:9: a link is missing required field 'id'\n"},
	{"link_unknown_field", NULL, LINKED "      - {id: base, note: n, why: y}\n", 0,
	 "@M:15:29: unknown field 'why' in a link\n"},
	{"link_unknown_kind", NULL, LINKED "      - {id: base, note: n, kind: inspired_by}\n", 0,
	 "@M:15:35: unknown link kind 'inspired_by' (only builds_on)\n"},
	{"link_note_two_lines", NULL, LINKED "      - {id: base, note: \"a\\nb\"}\n", 0,
	 "@M:15:26: 'note' must be a single line\n"},
	{"builds_on_not_a_list", NULL, BASE "    builds_on: other\n", 0,
	 "@M:8:16: 'builds_on' must be a list of {id, note}\n"},
	{"builds_on_entry_not_a_mapping", NULL, BASE "    builds_on: [other]\n", 0,
	 "@M:8:17: each entry of 'builds_on' must be a mapping with 'id' and 'note'\n"},
	{"builds_on_cycle_of_two", NULL,
	 BASE "    builds_on:\n      - {id: newer, note: n}\n"
	 "  - id: newer\n    year: 2002\n    title: Newer\n    kind: model\n    era: new\n"
	 "    summary: S.\n    builds_on:\n      - {id: base, note: n}\n", 0,
	 "@M:17:9: builds_on cycle: base -> newer -> base\n"},
	{"builds_on_cycle_of_three", NULL,
	 "milestones:\n"
	 "  - {id: a, year: 2001, title: A, kind: paper, era: new, summary: S., builds_on: [{id: c, note: n}]}\n"
	 "  - {id: b, year: 2002, title: B, kind: paper, era: new, summary: S., builds_on: [{id: a, note: n}]}\n"
	 "  - {id: c, year: 2003, title: C, kind: paper, era: new, summary: S., builds_on: [{id: b, note: n}]}\n",
	 0, "@M:3:83: builds_on cycle: a -> c -> b -> a\n"},

	/* ---- eras, paradigms, tags ---- */
	{"era_missing_name", "eras:\n  - {id: x, start: 2000}\n", BASE, 0,
	 "@T:2:5: an era is missing required field 'name'\n"
	 "@M:6:10: unknown era 'new'\n"},
	{"era_missing_start", TAXONOMY "  - {id: t3, name: T3}\neras:\n  - {id: x, name: X}\n", BASE, 0,
	 "@T:12:5: an era is missing required field 'start'\n"},
	{"era_missing_id", TAXONOMY "eras:\n  - {name: X, start: 2000}\n", BASE, 0,
	 "@T:11:5: an era is missing required field 'id'\n"},
	{"era_end_before_start", TAXONOMY "eras:\n  - {id: x, name: X, start: 2000, end: 1990}\n", BASE, 0,
	 "@T:11:40: 'end' 1990 is before 'start' 2000\n"},
	{"era_start_out_of_range", TAXONOMY "eras:\n  - {id: x, name: X, start: 1700}\n", BASE, 0,
	 "@T:11:29: 'start' 1700 is outside 1800-2100\n"},
	{"era_unknown_field", TAXONOMY "eras:\n  - {id: x, name: X, start: 2000, colour: red}\n", BASE, 0,
	 "@T:11:35: unknown field 'colour' in an era\n"},
	{"era_entry_not_mapping", TAXONOMY "eras:\n  - old\n", BASE, 0,
	 "@T:11:5: each entry of 'eras' must be a mapping, not a scalar\n"},
	{"duplicate_era_id", TAXONOMY "eras:\n  - {id: old, name: Again, start: 1900}\n", BASE, 0,
	 "@T:11:5: duplicate era id 'old' (first defined in @T line 3)\n"},
	{"paradigm_missing_name", TAXONOMY "paradigms:\n  - {id: x, start: 2000}\n", BASE, 0,
	 "@T:11:5: a paradigm is missing required field 'name'\n"},
	{"duplicate_paradigm_id", TAXONOMY "paradigms:\n  - {id: sup, name: Again, start: 1950}\n", BASE, 0,
	 "@T:11:5: duplicate paradigm id 'sup' (first defined in @T line 6)\n"},
	{"tag_missing_name", TAXONOMY "  - {id: t3}\n", BASE, 0,
	 "@T:10:5: a tag is missing required field 'name'\n"},
	{"tag_name_wrong_type", TAXONOMY "  - {id: t3, name: [a]}\n", BASE, 0,
	 "@T:10:20: 'name' must be text, not a list\n"},
	{"duplicate_tag_id", TAXONOMY "  - {id: t1, name: Again}\n", BASE, 0,
	 "@T:10:5: duplicate tag id 't1' (first defined in @T line 8)\n"},
	{"tag_unknown_field", TAXONOMY "  - {id: t3, name: T3, colour: red}\n", BASE, 0,
	 "@T:10:24: unknown field 'colour' in a tag\n"},
	{"tag_invalid_id", TAXONOMY "  - {id: T3, name: T3}\n", BASE, 0,
	 "@T:10:10: id 'T3' " MSG_ID_RULE "\n"},

	/* ---- --strict: the house rules ---- */
	{"strict_missing_short", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    kind: paper\n"
	 "    authors: [Ann Author]\n    era: new\n    paradigm: sup\n    tags: [t1]\n"
	 "    summary: S.\n    problem: P.\n    insight: I.\n    impact: M.\n    root: true\n    sources: [Src.]\n", 1,
	 "@M:2:5: a milestone is missing required field 'short'\n"},
	{"strict_missing_paradigm", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    short: B\n    kind: paper\n"
	 "    authors: [Ann Author]\n    era: new\n    tags: [t1]\n    summary: S.\n    problem: P.\n"
	 "    insight: I.\n    impact: M.\n    root: true\n    sources: [Src.]\n", 1,
	 "@M:2:5: a milestone is missing required field 'paradigm'\n"},
	{"strict_missing_problem", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    short: B\n    kind: paper\n"
	 "    authors: [Ann Author]\n    era: new\n    paradigm: sup\n    tags: [t1]\n    summary: S.\n"
	 "    insight: I.\n    impact: M.\n    root: true\n    sources: [Src.]\n", 1,
	 "@M:2:5: a milestone is missing required field 'problem'\n"},
	{"strict_missing_insight", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    short: B\n    kind: paper\n"
	 "    authors: [Ann Author]\n    era: new\n    paradigm: sup\n    tags: [t1]\n    summary: S.\n"
	 "    problem: P.\n    impact: M.\n    root: true\n    sources: [Src.]\n", 1,
	 "@M:2:5: a milestone is missing required field 'insight'\n"},
	{"strict_missing_impact", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    short: B\n    kind: paper\n"
	 "    authors: [Ann Author]\n    era: new\n    paradigm: sup\n    tags: [t1]\n    summary: S.\n"
	 "    problem: P.\n    insight: I.\n    root: true\n    sources: [Src.]\n", 1,
	 "@M:2:5: a milestone is missing required field 'impact'\n"},
	{"strict_no_tags", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    short: B\n    kind: paper\n"
	 "    authors: [Ann Author]\n    era: new\n    paradigm: sup\n    summary: S.\n    problem: P.\n"
	 "    insight: I.\n    impact: M.\n    root: true\n    sources: [Src.]\n", 1,
	 "@M:2:5: a milestone needs at least one tag\n"},
	{"strict_no_authors_or_organization", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    short: B\n    kind: paper\n"
	 "    authors: []\n    era: new\n    paradigm: sup\n    tags: [t1]\n    summary: S.\n"
	 "    problem: P.\n    insight: I.\n    impact: M.\n    root: true\n    sources: [Src.]\n", 1,
	 "@M:2:5: a milestone needs 'authors' or an 'organization'\n"},
	{"strict_no_link_and_not_root", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    short: B\n    kind: paper\n"
	 "    authors: [Ann Author]\n    era: new\n    paradigm: sup\n    tags: [t1]\n    summary: S.\n"
	 "    problem: P.\n    insight: I.\n    impact: M.\n    sources: [Src.]\n", 1,
	 "@M:2:5: a milestone after 1950 needs a 'builds_on' link or 'root: true'\n"},
	{"strict_missing_sources", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    short: B\n    kind: paper\n"
	 "    authors: [Ann Author]\n    era: new\n    paradigm: sup\n    tags: [t1]\n    summary: S.\n"
	 "    problem: P.\n    insight: I.\n    impact: M.\n    root: true\n", 1,
	 "@M:2:5: a milestone is missing required field 'sources'\n"},
	{"strict_figure_without_source", NULL, STRICT_BASE "    sources: [Src.]\n    figures: [\"42% on X\"]\n", 1,
	 "@M:17:15: a figure needs a 'source' (where the number comes from)\n"},
	{"strict_venue_without_type", NULL, STRICT_BASE "    sources: [Src.]\n    venue: NeurIPS 2001\n", 1,
	 "@M:2:5: a milestone with a 'venue' or 'paper_title' needs a 'venue_type' (journal, conference, "
	 "workshop, book, chapter, phd-thesis, masters-thesis, report, preprint, lecture, web)\n"},
	{"strict_event_with_insight", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    short: B\n    kind: event\n"
	 "    organization: Org\n    era: new\n    tags: [t1]\n    summary: S.\n    insight: I.\n"
	 "    why_it_mattered: M.\n    sources: [Src.]\n    root: true\n", 1,
	 "@M:2:5: a milestone is missing required field 'what_happened'\n"
	 "@M:11:14: an event tells 'what_happened' in place of 'insight'\n"},
	{"strict_event_with_paradigm", NULL,
	 "milestones:\n  - id: base\n    year: 2001\n    title: Base\n    short: B\n    kind: event\n"
	 "    organization: Org\n    era: new\n    paradigm: sup\n    tags: [t1]\n    summary: S.\n"
	 "    what_happened: H.\n    why_it_mattered: M.\n    sources: [Src.]\n    root: true\n", 1,
	 "@M:9:15: an event has no 'paradigm' (a paradigm is a way of learning)\n"},
};

/* "@T" / "@M" -> paths; adds the summary line. Returns a malloc'd string; *n gets the
 * number of error lines. */
static char *expand(const char *want, const char *tax, const char *ms, size_t *n)
{
	struct strbuf sb = {0};
	*n = 0;
	for (const char *p = want; *p; p++) {
		if (p[0] == '@' && (p[1] == 'T' || p[1] == 'M')) {
			sb_add(&sb, p[1] == 'T' ? tax : ms);
			p++;
			continue;
		}
		if (*p == '\n')
			(*n)++;
		sb_addc(&sb, *p);
	}
	sb_addf(&sb, "%zu error%s; nothing written\n", *n, *n == 1 ? "" : "s");
	return sb_detach(&sb);
}

static void run_case(void **state)
{
	const struct icase *c = *state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml");
	tu_write_str(tax, c->tax ? c->tax : TAXONOMY);
	tu_write_str(ms, c->ms);
	size_t nwant;
	char *want = expand(c->want, tax, ms, &nwant);
	const char *paths[] = {dir};

	/* once writing a database, once with --check (out NULL, temporary file in $TMPDIR) */
	for (int check = 0; check <= 1; check++) {
		char *out = check ? NULL : tu_path(dir, "out.db");
		struct tu_capture cap;
		tu_capture_open(&cap);
		struct dlt_import_opts opts = {.strict = c->strict, .out = out, .errors = cap.fp};
		setenv("TMPDIR", dir, 1);
		size_t n = dlt_import(paths, 1, &opts);
		restore_tmpdir();
		const char *got = tu_capture_close(&cap);
		if (strcmp(got, want) != 0)
			fail_msg("%s (%s):\n--- got\n%s--- want\n%s", c->name, check ? "check" : "write", got, want);
		assert_int_equal(n, nwant);
		/* nothing written: only the two input files are there */
		if (tu_count_entries(dir) != 2)
			fail_msg("%s: the import left files behind in %s", c->name, dir);
		tu_capture_free(&cap);
		free(out);
	}
	free(want);
	free(tax);
	free(ms);
	tu_rmtree(dir);
	free(dir);
}

/* ---- cases that are not one table row ------------------------------------------------------ */

/* Import `paths` writing dir/out.db; returns the error output (malloc'd) and count. */
static char *import_to(const char *const *paths, size_t npaths, const char *out, int strict, size_t *n)
{
	struct tu_capture cap;
	tu_capture_open(&cap);
	struct dlt_import_opts opts = {.strict = strict, .out = out, .errors = cap.fp};
	*n = dlt_import(paths, npaths, &opts);
	tu_capture_close(&cap);
	char *s = cap.buf ? cap.buf : xstrdup("");
	cap.buf = NULL;
	tu_capture_free(&cap);
	return s;
}

static void test_value_too_long(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml"), *out = tu_path(dir, "o.db");
	tu_write_str(tax, TAXONOMY);
	struct strbuf sb = {0};
	sb_add(&sb, BASE "    anecdote: ");
	for (int i = 0; i < 70000; i++)
		sb_addc(&sb, 'x');
	sb_add(&sb, "\n");
	tu_write_str(ms, sb_str(&sb));
	sb_free(&sb);
	const char *paths[] = {dir};
	size_t n;
	char *got = import_to(paths, 1, out, 0, &n);
	struct strbuf want = {0};
	sb_addf(&want, "%s:8:15: value too long (70000 bytes, at most 65536)\n1 error; nothing written\n", ms);
	assert_string_equal(got, sb_str(&want));
	assert_int_equal(n, 1);
	assert_false(tu_exists(out));
	sb_free(&want);
	free(got);
	free(tax);
	free(ms);
	free(out);
	tu_rmtree(dir);
	free(dir);
}

static void test_nesting_too_deep(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml"), *out = tu_path(dir, "o.db");
	tu_write_str(tax, TAXONOMY);
	/* the milestone is depth 1, its fields 2: 20 nested lists reach past the limit of 16;
	 * too deep stops the file there (libyaml's time grows with the square of the depth) */
	tu_write_str(ms, BASE "    figures: [[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]\n");
	const char *paths[] = {dir};
	size_t n;
	char *got = import_to(paths, 1, out, 0, &n);
	struct strbuf want = {0};
	sb_addf(&want,
		"%s:8:29: nesting deeper than 16 levels\n"
		"1 error; nothing written\n", ms);
	assert_string_equal(got, sb_str(&want));
	assert_int_equal(n, 1);
	assert_false(tu_exists(out));
	sb_free(&want);
	free(got);
	free(tax);
	free(ms);
	free(out);
	tu_rmtree(dir);
	free(dir);
}

static void test_missing_path(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml");
	char *missing = tu_path(dir, "nope.yaml"), *out = tu_path(dir, "o.db");
	tu_write_str(tax, TAXONOMY);
	tu_write_str(ms, BASE);
	const char *paths[] = {tax, missing, ms};
	size_t n;
	char *got = import_to(paths, 3, out, 0, &n);
	struct strbuf want = {0};
	/* reported once, in command-line order */
	sb_addf(&want, "%s: No such file or directory\n1 error; nothing written\n", missing);
	assert_string_equal(got, sb_str(&want));
	assert_int_equal(n, 1);
	assert_false(tu_exists(out));
	sb_free(&want);
	free(got);
	free(tax);
	free(ms);
	free(missing);
	free(out);
	tu_rmtree(dir);
	free(dir);
}

static void test_directory_without_yaml(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *empty = tu_path(dir, "empty"), *out = tu_path(dir, "o.db"), *txt = tu_path(empty, "notes.txt");
	assert_int_equal(mkdir(empty, 0700), 0);
	tu_write_str(txt, "milestones: []\n");
	const char *paths[] = {empty};
	size_t n;
	char *got = import_to(paths, 1, out, 0, &n);
	struct strbuf want = {0};
	sb_addf(&want, "%s: no .yaml or .yml files in this directory\n1 error; nothing written\n", empty);
	assert_string_equal(got, sb_str(&want));
	assert_int_equal(n, 1);
	assert_false(tu_exists(out));
	sb_free(&want);
	free(got);
	free(empty);
	free(txt);
	free(out);
	tu_rmtree(dir);
	free(dir);
}

static void test_no_milestones(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *out = tu_path(dir, "o.db");
	tu_write_str(tax, TAXONOMY "milestones:\n");
	const char *paths[] = {tax};
	size_t n;
	char *got = import_to(paths, 1, out, 0, &n);
	assert_string_equal(got, "dltimeline: no milestones in the input\n1 error; nothing written\n");
	assert_int_equal(n, 1);
	assert_false(tu_exists(out));
	free(got);
	free(tax);
	free(out);
	tu_rmtree(dir);
	free(dir);
}

/* "Reports every problem, not just the first": three different errors, three lines, in
 * file and line order, also across files. */
static void test_reports_every_problem(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml"), *out = tu_path(dir, "o.db");
	tu_write_str(tax, TAXONOMY);
	tu_write_str(ms, BASE "    month: 14\n    doi: nope\n"
			 "  - id: second\n    year: 2003\n    title: Second\n    kind: paper\n    era: new\n"
			 "    summary: S.\n    builds_on:\n      - {id: ghost, note: n}\n");
	const char *paths[] = {dir};
	size_t n;
	char *got = import_to(paths, 1, out, 0, &n);
	struct strbuf want = {0};
	sb_addf(&want,
		"%s:8:12: 'month' 14 is outside 1-12\n"
		"%s:9:10: malformed doi 'nope' (expected 10.NNNN/suffix)\n"
		"%s:17:9: builds_on links to unknown id 'ghost'\n"
		"3 errors; nothing written\n", ms, ms, ms);
	assert_string_equal(got, sb_str(&want));
	assert_int_equal(n, 3);
	assert_false(tu_exists(out));
	free(got);
	sb_free(&want);

	/* and in two files at once: sorted by file (command-line order), then position */
	char *ms2 = tu_path(dir, "20-more.yaml");
	tu_write_str(ms2, "milestones:\n  - {id: third, year: 1850, title: T, kind: paper, era: old, summary: S.}\n");
	tu_write_str(tax, TAXONOMY "  - {id: t3}\n");
	got = import_to(paths, 1, out, 0, &n);
	sb_addf(&want,
		"%s:10:5: a tag is missing required field 'name'\n"
		"%s:8:12: 'month' 14 is outside 1-12\n"
		"%s:9:10: malformed doi 'nope' (expected 10.NNNN/suffix)\n"
		"%s:17:9: builds_on links to unknown id 'ghost'\n"
		"%s:2:5: year 1850 is outside its era 'old' (1900-1999)\n"
		"5 errors; nothing written\n", tax, ms, ms, ms, ms2);
	assert_string_equal(got, sb_str(&want));
	assert_int_equal(n, 5);
	assert_false(tu_exists(out));
	assert_int_equal(tu_count_entries(dir), 3);
	free(got);
	sb_free(&want);
	free(ms2);
	free(tax);
	free(ms);
	free(out);
	tu_rmtree(dir);
	free(dir);
}

/* ---- valid input ------------------------------------------------------------------------------ */

static void test_valid_import_builds_database(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml"), *out = tu_path(dir, "o.db");
	tu_write_str(tax, TAXONOMY);
	tu_write_str(ms, LINKED "      - {id: base, note: the base}\n"
			 "    arxiv: \"1706.03762v5\"\n    doi: 10.1038/nature14539\n"
			 "    url: https://example.org/paper?id=1&x=2\n    month: 12\n    root: false\n"
			 "  - id: old-one\n    year: 1950\n    title: Old one\n    kind: event\n    era: old\n"
			 "    summary: S.\n    arxiv: \"cs/0601001\"\n    aliases: [The Old One]\n    root: yes\n"
			 "    parameters: 1.5e3\n    scale_source: Counted.\n");
	const char *paths[] = {dir};
	size_t n;
	char *got = import_to(paths, 1, out, 0, &n);
	struct strbuf want = {0};
	sb_addf(&want, "3 milestones checked, written to %s\n", out);
	assert_string_equal(got, sb_str(&want));
	assert_int_equal(n, 0);
	sb_free(&want);
	free(got);
	/* exactly the output file appeared, no temporary left */
	assert_int_equal(tu_count_entries(dir), 3);

	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(out, &err);
	assert_non_null(db);
	struct dlt_summary s;
	assert_int_equal(dlt_summary_load(db, &s), 0);
	assert_string_equal(s.title, "Test timeline");
	assert_int_equal(s.count, 3);
	assert_int_equal(s.first_year, 1950);
	assert_int_equal(s.last_year, 2002);
	dlt_summary_clear(&s);
	/* ids are chronological */
	assert_int_equal(dlt_id_by_slug(db, "old-one"), 1);
	assert_int_equal(dlt_id_by_slug(db, "base"), 2);
	assert_int_equal(dlt_id_by_slug(db, "newer"), 3);
	struct dlt_milestone m;
	assert_int_equal(dlt_milestone_load(db, 3, &m), 0);
	assert_string_equal(m.arxiv, "1706.03762v5");
	assert_string_equal(m.doi, "10.1038/nature14539");
	assert_string_equal(m.url, "https://example.org/paper?id=1&x=2");
	assert_int_equal(m.row.month, 12);
	assert_int_equal(m.nbuilds_on, 1);
	assert_string_equal(m.builds_on[0].other.slug, "base");
	assert_string_equal(m.builds_on[0].note, "the base");
	dlt_milestone_clear(&m);
	assert_int_equal(dlt_milestone_load(db, 1, &m), 0);
	assert_int_equal(m.root, 1);
	assert_true(m.parameters == 1500.0);
	assert_string_equal(m.arxiv, "cs/0601001");
	assert_int_equal(m.naliases, 1);
	dlt_milestone_clear(&m);
	assert_false(dlt_db_failed(db));
	dlt_db_close(db);
	sb_free(&err);
	free(tax);
	free(ms);
	free(out);
	tu_rmtree(dir);
	free(dir);
}

static void test_check_mode_writes_nothing(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml");
	tu_write_str(tax, TAXONOMY);
	tu_write_str(ms, BASE);
	const char *paths[] = {dir};
	setenv("TMPDIR", dir, 1);
	size_t n;
	char *got = import_to(paths, 1, NULL, 0, &n);
	restore_tmpdir();
	assert_string_equal(got, "1 milestone checked\n");
	assert_int_equal(n, 0);
	assert_int_equal(tu_count_entries(dir), 2);
	free(got);

	/* quiet: nothing at all on success */
	struct tu_capture cap;
	tu_capture_open(&cap);
	struct dlt_import_opts opts = {.errors = cap.fp, .quiet = 1};
	assert_int_equal(dlt_import(paths, 1, &opts), 0);
	assert_string_equal(tu_capture_close(&cap), "");
	tu_capture_free(&cap);
	free(tax);
	free(ms);
	tu_rmtree(dir);
	free(dir);
}

/* A failed import leaves an existing output file exactly as it was; a good one replaces it. */
static void test_output_replaced_only_on_success(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *in = tu_path(dir, "in"), *out = tu_path(dir, "o.db");
	assert_int_equal(mkdir(in, 0700), 0);
	char *tax = tu_path(in, "00-tax.yaml"), *ms = tu_path(in, "10-ms.yaml");
	tu_write_str(tax, TAXONOMY);
	tu_write_str(ms, BASE "    month: 99\n");
	tu_write_str(out, "previous contents");
	struct tu_snapshot snap;
	tu_snapshot_take(&snap, out);
	const char *paths[] = {in};
	size_t n;
	char *got = import_to(paths, 1, out, 0, &n);
	assert_int_equal(n, 1);
	tu_snapshot_check(&snap);
	tu_snapshot_free(&snap);
	free(got);

	/* a file that is not a timeline is replaced only when forced (test_output_refused) */
	tu_write_str(ms, BASE);
	struct tu_capture cap;
	tu_capture_open(&cap);
	struct dlt_import_opts opts = {.out = out, .errors = cap.fp, .force = 1};
	assert_int_equal(dlt_import(paths, 1, &opts), 0);
	tu_capture_close(&cap);
	tu_capture_free(&cap);
	/* and a database by a new import */
	got = import_to(paths, 1, out, 0, &n);
	assert_int_equal(n, 0);
	free(got);
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(out, &err);
	assert_non_null(db);
	dlt_db_close(db);
	sb_free(&err);
	assert_int_equal(tu_count_entries(dir), 2);
	free(tax);
	free(ms);
	free(in);
	free(out);
	tu_rmtree(dir);
	free(dir);
}

static void test_output_directory_missing(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml");
	char *out = tu_path(dir, "no/such/dir/o.db");
	tu_write_str(tax, TAXONOMY);
	tu_write_str(ms, BASE);
	const char *paths[] = {dir};
	size_t n;
	char *got = import_to(paths, 1, out, 0, &n);
	struct strbuf want = {0};
	sb_addf(&want, "dltimeline: cannot create a temporary file for %s: No such file or directory\n"
		"1 error; nothing written\n", out);
	assert_string_equal(got, sb_str(&want));
	assert_int_equal(n, 1);
	sb_free(&want);
	free(got);
	free(tax);
	free(ms);
	free(out);
	tu_rmtree(dir);
	free(dir);
}

/* The output is refused, with one line naming it, and every file is left as it was: `out`
 * is one of the inputs (by its name, a symlink, a hard link, or as a directory's data file),
 * or a file that is not a dltimeline database (unless forced), or a directory. */
static void test_output_refused(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml");
	char *sym = tu_path(dir, "link.db"), *hard = tu_path(dir, "hard.db"), *notes = tu_path(dir, "notes.txt");
	char *empty = tu_path(dir, "empty.db"), *sub = tu_path(dir, "sub");
	tu_write_str(tax, TAXONOMY);
	tu_write_str(ms, BASE);
	tu_write_str(notes, "my notes\n");
	assert_int_equal(symlink("10-ms.yaml", sym), 0);
	assert_int_equal(link(ms, hard), 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	struct {
		const char *out;
		const char *const *paths;
		size_t npaths;
		int force;
		const char *input;   /* the input named in the message, NULL: not an input */
		const char *why;
	} rows[] = {
		{ms, (const char *[]){tax, ms}, 2, 0, ms, NULL},
		{ms, (const char *[]){dir}, 1, 1, ms, NULL},
		{sym, (const char *[]){tax, ms}, 2, 0, ms, NULL},
		{hard, (const char *[]){dir}, 1, 0, ms, NULL},
		{notes, (const char *[]){tax, ms}, 2, 0, NULL,
		 "it is not a dltimeline database (--force replaces it)"},
		{sub, (const char *[]){tax, ms}, 2, 1, NULL, "it is a directory"},
	};
	for (size_t i = 0; i < DLT_ARRAY_LEN(rows); i++) {
		struct tu_snapshot snap[3];
		tu_snapshot_take(&snap[0], tax);
		tu_snapshot_take(&snap[1], ms);
		tu_snapshot_take(&snap[2], notes);
		struct tu_capture cap;
		tu_capture_open(&cap);
		struct dlt_import_opts opts = {.out = rows[i].out, .errors = cap.fp, .force = rows[i].force};
		size_t n = dlt_import(rows[i].paths, rows[i].npaths, &opts);
		const char *got = tu_capture_close(&cap);
		struct strbuf want = {0};
		if (rows[i].input)
			sb_addf(&want, "dltimeline: cannot write %s: it is the input file %s\n", rows[i].out, rows[i].input);
		else
			sb_addf(&want, "dltimeline: cannot write %s: %s\n", rows[i].out, rows[i].why);
		sb_add(&want, "1 error; nothing written\n");
		if (strcmp(got, sb_str(&want)) != 0)
			fail_msg("case %zu:\n--- got\n%s--- want\n%s", i, got, sb_str(&want));
		assert_int_equal(n, 1);
		for (int k = 0; k < 3; k++) {
			tu_snapshot_check(&snap[k]);   /* (the directory too: nothing appeared) */
			tu_snapshot_free(&snap[k]);
		}
		sb_free(&want);
		tu_capture_free(&cap);
	}
	/* an empty file holds nothing to lose: it is replaced */
	tu_write_str(empty, "");
	const char *paths[] = {tax, ms};
	size_t n;
	char *got = import_to(paths, 2, empty, 0, &n);
	assert_int_equal(n, 0);
	free(got);
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(empty, &err);
	assert_non_null(db);
	dlt_db_close(db);
	sb_free(&err);
	char *all[] = {tax, ms, sym, hard, notes, empty, sub};
	for (size_t i = 0; i < DLT_ARRAY_LEN(all); i++)
		free(all[i]);
	tu_rmtree(dir);
	free(dir);
}

/* A FIFO named *.yaml among a directory's data files is reported, not waited for; a path
 * named on the command line may still be a pipe (reliability.md, finding 11). */
static void test_fifo_among_data_files(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml"), *fifo = tu_path(dir, "20-fifo.yaml");
	tu_write_str(tax, TAXONOMY);
	tu_write_str(ms, BASE);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	const char *paths[] = {dir};
	size_t n;
	char *got = import_to(paths, 1, NULL, 0, &n);
	struct strbuf want = {0};
	sb_addf(&want, "%s: not a regular file\n1 error; nothing written\n", fifo);
	assert_string_equal(got, sb_str(&want));
	assert_int_equal(n, 1);
	sb_free(&want);
	free(got);
	free(tax);
	free(ms);
	free(fifo);
	tu_rmtree(dir);
	free(dir);
}

/* Output names up to the longest a name may be: the temporary files next to the output get
 * shorter names when the output's own would not fit (reliability.md, finding 11). */
static void test_long_output_names(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml");
	tu_write_str(tax, TAXONOMY);
	tu_write_str(ms, BASE);
	const char *paths[] = {tax, ms};
	for (size_t len = 235; len <= 255; len += 10) {
		char name[256];
		memset(name, 'x', len - 3);
		memcpy(name + len - 3, ".db", 4);
		char *out = tu_path(dir, name);
		size_t n;
		char *got = import_to(paths, 2, out, 0, &n);
		if (n)
			fail_msg("an output name of %zu characters: %s", len, got);
		assert_true(tu_exists(out));
		assert_int_equal(tu_count_entries(dir), 3);   /* nothing else left */
		unlink(out);
		free(got);
		free(out);
	}
	char long_name[260] = "d/";
	memset(long_name + 2, 'y', 250);
	long_name[252] = '\0';
	char *t1 = temp_template("a/b.db", "tmp"), *t2 = temp_template(long_name, "search");
	assert_string_equal(t1, "a/b.db.tmp-XXXXXX");
	assert_string_equal(t2, "d/dltimeline.search-XXXXXX");
	free(t1);
	free(t2);
	free(tax);
	free(ms);
	tu_rmtree(dir);
	free(dir);
}

/* Directories contribute *.yaml and *.yml in name order, not hidden files or others. */
static void test_directory_expansion(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *files[] = {tu_path(dir, "b.yml"), tu_path(dir, "a.yaml"), tu_path(dir, ".hidden.yaml"),
			 tu_path(dir, "c.yaml.bak"), tu_path(dir, "d.txt")};
	tu_write_str(files[0], "milestones:\n  - {id: two, year: 2005, title: T, kind: paper, era: new, "
			       "summary: S., month: 13}\n");
	tu_write_str(files[1], TAXONOMY "milestones:\n  - {id: one, year: 2004, title: T, kind: paper, "
			       "era: new, summary: S., month: 13}\n");
	for (int i = 2; i < 5; i++)
		tu_write_str(files[i], "this: [is not valid\n");
	const char *paths[] = {dir};
	size_t n;
	char *got = import_to(paths, 1, NULL, 0, &n);
	struct strbuf want = {0};
	sb_addf(&want, "%s:11:80: 'month' 13 is outside 1-12\n%s:2:80: 'month' 13 is outside 1-12\n"
		"2 errors; nothing written\n", files[1], files[0]);
	assert_string_equal(got, sb_str(&want));
	assert_int_equal(n, 2);
	sb_free(&want);
	free(got);
	for (int i = 0; i < 5; i++)
		free(files[i]);
	tu_rmtree(dir);
	free(dir);
}

/* STRICT_BASE passes --strict (so each strict case fails for its one reason only), and so
 * does a milestone of 1950 without links: the link rule is for years after 1950. */
static void test_strict_valid(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *tax = tu_path(dir, "00-tax.yaml"), *ms = tu_path(dir, "10-ms.yaml");
	tu_write_str(tax, TAXONOMY);
	tu_write_str(ms, STRICT_BASE
		     "    sources: [Src.]\n"
		     "  - {id: y1950, year: 1950, title: T, short: T, kind: paper, organization: Org, era: old,\n"
		     "     paradigm: sup, tags: [t2], summary: S., problem: P., insight: I., impact: M.,\n"
		     "     sources: [S.], venue: V, venue_type: journal, figures: [{text: F, source: S.}]}\n"
		     "  - {id: ev, year: 2001, title: T, short: E, kind: event, organization: Org, era: new,\n"
		     "     tags: [t2], summary: S., what_happened: H., why_it_mattered: W., sources: [S.], root: true}\n"
		     "  - {id: later, year: 2011, title: T, short: L, kind: paper, organization: Org, era: new,\n"
		     "     paradigm: sup, tags: [t2], summary: S., problem: P., insight: I., impact: M.,\n"
		     "     sources: [S.], root: true}\n");
	const char *paths[] = {dir};
	size_t n;
	char *got = import_to(paths, 1, NULL, 1, &n);
	assert_string_equal(got, "4 milestones checked\n");
	assert_int_equal(n, 0);
	free(got);
	free(tax);
	free(ms);
	tu_rmtree(dir);
	free(dir);
}

/* The fixture dataset itself imports (not strictly: it leaves optional fields out). */
static void test_fixture_imports(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *db_path = tu_build_fixture_db(dir, "mini.db");
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(db_path, &err);
	assert_non_null(db);
	struct dlt_summary s;
	assert_int_equal(dlt_summary_load(db, &s), 0);
	assert_int_equal(s.count, 14);
	assert_string_equal(s.title, "Mini Timeline");
	dlt_summary_clear(&s);
	dlt_db_close(db);
	sb_free(&err);
	free(db_path);
	tu_rmtree(dir);
	free(dir);
}

/* ---- the importer's parts, without files or a database ----------------------------------- */

/* A milestone record comes out of its encoding as it went in, every field (record.h). */
static void test_record_round_trip(void **state)
{
	(void)state;
	struct rec_item tags[] = {{"t1", NULL, 3, 4}, {"t2", NULL, 3, 9}};
	struct rec_item links[] = {{"base", "the base", 7, 9}};
	struct ms_record in = {
		.line = 2, .col = 5, .staged = 1, .year = 2001, .month = 12, .author_count = 7,
		.flags = MS_HAS_PARAMS | MS_ROOT, .era_line = 6, .era_col = 10, .par_line = 0, .par_col = 0,
		.params = 1.5e9, .compute = 0, .slug = "base", .kind = "paper", .authors = "[\"A\"]",
		.figures = "[]", .sources = NULL, .arxiv = "1706.03762", .doi = NULL, .url = "https://x.org",
		.era = "new", .paradigm = NULL, .fts_aliases = "B", .fts_authors = "A",
		.tags = {2, tags, NULL, 0}, .aliases = {0, NULL, NULL, 0}, .links = {1, links, NULL, 1},
	};
	for (int i = 0; i < T__COUNT; i++)
		in.texts[i] = i % 3 ? "text" : NULL;
	struct strbuf sb = {0};
	rec_put_type(&sb, R_MS);
	ms_record_put(&sb, &in);
	size_t len = sb.len;
	rec_put_type(&sb, R_TAG);   /* the next record starts right after */
	struct rec_reader r = {sb.buf};
	assert_int_equal(rec_get_u32(&r), R_MS);
	struct ms_record out;
	ms_record_get(&r, &out);
	assert_ptr_equal(r.p, sb.buf + len);
	assert_int_equal(out.encoded_len, len - sizeof(uint32_t));
#define CMP_U32(n) assert_int_equal(out.n, in.n);
#define CMP_F64(n) assert_true(out.n == in.n);
#define CMP_STR(n) if (in.n) assert_string_equal(out.n, in.n); else assert_null(out.n);
#define CMP_STRS(n, k) for (int i_ = 0; i_ < (k); i_++) { CMP_STR(n[i_]) }
#define CMP_LIST(name, note) assert_int_equal(out.name.n, in.name.n);
	REC_MS(CMP_U32, CMP_F64, CMP_STR, CMP_STRS, CMP_LIST)
	struct rec_cursor c = rec_list_begin(&out.tags);
	struct rec_item it;
	for (size_t i = 0; i < 2; i++) {
		assert_true(rec_list_next(&c, &it));
		assert_string_equal(it.text, tags[i].text);
		assert_null(it.note);
		assert_int_equal(it.line, tags[i].line);
		assert_int_equal(it.col, tags[i].col);
	}
	assert_false(rec_list_next(&c, &it));
	c = rec_list_begin(&out.links);
	assert_true(rec_list_next(&c, &it));
	assert_string_equal(it.text, "base");
	assert_string_equal(it.note, "the base");
	assert_int_equal(it.col, 9);
	sb_free(&sb);
}

/* yfast hands over what libyaml reads, on lines of 160,000 nodes and with characters of
 * several bytes, in time linear in the line (reliability.md, finding 6: it was quadratic,
 * 16 s for this size). The bound is CPU time, far above linear even under sanitizers. */
static void test_yfast_long_lines(void **state)
{
	(void)state;
	struct strbuf text = {0};
	sb_add(&text, "milestones: [");
	for (int i = 0; i < 160000; i++)
		sb_add(&text, i ? ", \xc3\xa9t\xc3\xa9" : "\xc3\xa9t\xc3\xa9");
	sb_add(&text, "]\ntags:\n  - {");
	for (int i = 0; i < 60; i++)   /* keys reported after their values: columns counted back */
		sb_addf(&text, "%sk%d: [\xe2\x82\xac, '\xc3\xa9']", i ? ", " : "", i);
	sb_add(&text, "}\n");
	struct strbuf fast = {0}, slow = {0};
	struct timespec t0, t1;   /* CPU time: the machine's load does not count */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	assert_int_equal(yfast_read(text.buf, text.len, 0, ytree_item, &fast), 0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (took > 2.0)
		fail_msg("yfast took %.2f s of CPU for one line of 160,000 nodes", took);
	FILE *fp = fmemopen(text.buf, text.len, "rb");
	assert_non_null(fp);
	ynode_read(fp, ytree_item, ytree_error, &slow);
	fclose(fp);
	assert_int_equal(fast.len, slow.len);
	assert_true(strcmp(sb_str(&fast), sb_str(&slow)) == 0);
	sb_free(&fast);
	sb_free(&slow);
	sb_free(&text);
}

static void count_items(void *ctx, const char *section, unsigned sl, unsigned sc, const struct ynode *n)
{
	(void)section, (void)sl, (void)sc, (void)n;
	(*(int *)ctx)++;
}

/* A mapped input that shrinks under the reader raises SIGBUS: the guard jumps back out of
 * yfast instead of the process dying, and the reader can go on with the next text
 * (reliability.md, finding 7; the whole import: check_bad_inputs.py, truncated()). */
static void test_mapped_read_of_a_shrunk_file(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp(), *path = tu_path(dir, "big.yaml");
	struct strbuf text = {0};
	sb_add(&text, "milestones:\n");
	while (text.len < (1 << 20))
		sb_add(&text, "  - {id: a, year: 2001, title: T, kind: paper, era: new, summary: S.}\n");
	tu_write(path, text.buf, text.len);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	void *m = mmap(NULL, text.len, PROT_READ, MAP_PRIVATE, fd, 0);
	assert_true(m != MAP_FAILED);
	assert_int_equal(truncate(path, 4096), 0);
	signals_begin();
	struct yfast *y = yfast_new();
	struct read_guard g;
	volatile int rc = 7;
	int n = 0;
	if (sigsetjmp(g.jump, 1) == 0) {
		signals_guard(&g, m, text.len);
		rc = yfast_parse(y, m, text.len, 1, count_items, &n);
	}
	signals_unguard(&g);
	signals_end();
	assert_int_equal(rc, 7);   /* jumped back: yfast_parse never returned */
	assert_int_equal(n, 0);    /* (the first pass reads everything before a hand-over) */
	assert_int_equal(yfast_parse(y, "title: T\n", 9, 0, count_items, &n), 0);
	assert_int_equal(n, 1);
	yfast_free(y);
	munmap(m, text.len);
	close(fd);
	sb_free(&text);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

/* A scalar node at (line, col). */
static struct ynode scalar(const char *value, unsigned line, unsigned col)
{
	return (struct ynode){.type = YN_SCALAR, .value = (char *)value, .value_len = strlen(value), .plain = 1,
			      .line = line, .col = col};
}

/* The field checks report at the node, in reading order, through the field context. */
static void test_field_checks(void **state)
{
	(void)state;
	struct field_ctx f = {.file = 0};
	struct ynode y = scalar("20x1", 3, 11), m = scalar("13", 4, 12), b = scalar("maybe", 5, 9);
	struct ynode t = scalar("  Title  ", 6, 8), nul = scalar("~", 7, 8), id = scalar("Base_1", 8, 9);
	long v = 0;
	assert_int_equal(field_int(&f, &y, "year", 1800, 2100, &v), -1);
	assert_int_equal(field_int(&f, &m, "month", 1, 12, &v), -1);
	assert_int_equal(field_int(&f, NULL, "month", 1, 12, &v), 0);
	assert_int_equal(field_bool(&f, &b, "root", 0), -1);
	assert_int_equal(field_bool(&f, &nul, "root", 1), 1);
	char *s = field_string(&f, &t, "title", 1);
	assert_string_equal(s, "Title");
	free(s);
	assert_null(field_string(&f, &nul, "title", 1));
	assert_null(field_id(&f, &t, &id, "a milestone"));
	assert_true(field_valid_id("a-1"));
	assert_false(field_valid_id("-a"));
	assert_int_equal(f.probs.n, 4);
	static const char bad_id[] = "id 'Base_1' is not a valid id (lower-case letters, digits and '-', at most 64)";
	const char *want[] = {"'year' must be a whole number, not '20x1'", "'month' 13 is outside 1-12",
			      "'root' must be true or false", bad_id};
	unsigned lines[] = {3, 4, 5, 8};
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(f.probs.v[i].msg, want[i]);
		assert_int_equal(f.probs.v[i].at.line, lines[i]);
		assert_true(i == 0 || f.probs.v[i].seq > f.probs.v[i - 1].seq);
	}
	problems_free(&f.probs);
}

/* Interned names: one symbol per name, numbered in order; NOCASE tables fold ASCII only;
 * everything survives the table's growth. */
static void test_symtab(void **state)
{
	(void)state;
	struct symtab t = {0}, nc = {.nocase = 1};
	char name[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "m%d", i);
		assert_int_equal(symtab_get(&t, name, 1), (uint32_t)i + 1);
	}
	assert_int_equal(symtab_get(&t, "m4321", 0), 4322);
	assert_string_equal(symtab_name(&t, 4322), "m4321");
	assert_int_equal(symtab_get(&t, "M4321", 0), 0);
	assert_int_equal(symtab_get(&nc, "Foo", 1), 1);
	assert_int_equal(symtab_get(&nc, "fOO", 1), 1);
	assert_int_equal(symtab_get(&nc, "f\xc3\x96o", 1), 2);
	assert_int_equal(symtab_get(&nc, "F\xc3\xb6o", 1), 3);   /* not ASCII: not folded */
	symtab_free(&t);
	symtab_free(&nc);
}

/* A sink that records what it is handed, as one line each. */
struct recording_sink {
	struct import_sink ops;
	struct strbuf log;
};

static int rec_title(struct import_sink *is, const char *title)
{
	sb_addf(&((struct recording_sink *)is)->log, "title %s\n", title);
	return 0;
}

static int rec_period(struct import_sink *is, const struct sink_period *p)
{
	sb_addf(&((struct recording_sink *)is)->log, "%s %s sym %u\n", p->is_era ? "era" : "paradigm", p->slug,
		p->sym);
	return 0;
}

static int rec_tag(struct import_sink *is, const struct sink_tag *t)
{
	sb_addf(&((struct recording_sink *)is)->log, "tag %s id %d\n", t->slug, t->id);
	return 0;
}

static int rec_milestone(struct import_sink *is, const struct ms_record *m, const struct ms_refs *r)
{
	struct strbuf *sb = &((struct recording_sink *)is)->log;
	sb_addf(sb, "milestone %s seq %lld era %u tags", m->slug, (long long)r->seq, r->era);
	for (uint32_t i = 0; i < m->tags.n; i++)
		sb_addf(sb, " %d", r->tags[i]);
	sb_add(sb, " links");
	for (uint32_t i = 0; i < m->links.n; i++)
		sb_addf(sb, " %d", r->links[i]);
	sb_addc(sb, '\n');
	return 0;
}

static int rec_finish(struct import_sink *is, const struct import_totals *t)
{
	struct strbuf *sb = &((struct recording_sink *)is)->log;
	sb_addf(sb, "finish %lld", (long long)t->milestones);
	for (size_t i = 0; i < t->ntags; i++)
		sb_addf(sb, " tag %lld:%d", (long long)t->tags[i].seq, t->tags[i].tag);
	for (size_t i = 0; i < t->nlinks; i++)
		sb_addf(sb, " link %lld->%lld (%s)", (long long)t->links[i].src, (long long)t->links[i].dst,
			t->links[i].note);
	sb_addc(sb, '\n');
	return 0;
}

static void rec_abandon(struct import_sink *is)
{
	sb_add(&((struct recording_sink *)is)->log, "abandon\n");
}

/* Append a milestone record (staged, year 2001) with its tags and links to sb. */
static void put_ms(struct strbuf *sb, const char *slug, unsigned line, const char *tag, const char *link)
{
	struct rec_item t = {tag, NULL, line, 20}, l = {link, "n", line, 30};
	struct ms_record m = {.line = line, .col = 5, .staged = 1, .year = 2001, .slug = slug, .kind = "paper",
			      .era = "new", .era_line = line, .era_col = 10,
			      .tags = {tag ? 1 : 0, &t, NULL, 0}, .links = {link ? 1 : 0, &l, NULL, 1}};
	rec_put_type(sb, R_MS);
	ms_record_put(sb, &m);
}

/* The checker hands each valid entry on as it comes, with the references it can resolve,
 * and the forward ones at the end (check.c and the sink interface, without SQLite). */
static void test_checker_feeds_sink(void **state)
{
	(void)state;
	struct recording_sink rs = {{rec_title, rec_period, rec_tag, rec_milestone, rec_finish, rec_abandon, 1}, {0}};
	atomic_int any;
	atomic_init(&any, 0);
	struct problems probs = {.any = &any};
	struct checker ck;
	FILE *edges = tmpfile();
	assert_non_null(edges);
	checker_init(&ck, &probs, &rs.ops, 1, edges);
	checker_file(&ck, 0);
	struct chunk ch = {0};
	struct rec_title t = {.line = 1, .col = 8, .text = "T"};
	rec_put_type(&ch.data, R_TITLE);
	rec_title_put(&ch.data, &t);
	struct rec_period e = {.is_era = 1, .slug = "new", .name = "New", .start = 2000, .line = 2, .col = 5};
	rec_put_type(&ch.data, R_PERIOD);
	rec_period_put(&ch.data, &e);
	struct rec_tag g = {.slug = "t1", .name = "T1", .line = 3, .col = 5};
	rec_put_type(&ch.data, R_TAG);
	rec_tag_put(&ch.data, &g);
	put_ms(&ch.data, "a", 10, "t1", "b");   /* b comes later */
	put_ms(&ch.data, "b", 20, "t2", "a");   /* t2 comes later: a cycle a -> b -> a */
	g = (struct rec_tag){.slug = "t2", .name = "T2", .line = 30, .col = 5};
	rec_put_type(&ch.data, R_TAG);
	rec_tag_put(&ch.data, &g);
	checker_chunk(&ck, &ch);
	checker_settle(&ck);
	assert_int_equal(probs.n, 1);
	assert_string_equal(probs.v[0].msg, "builds_on cycle: a -> b -> a");
	struct import_totals tot;
	checker_totals(&ck, &tot);
	rs.ops.finish(&rs.ops, &tot);
	assert_string_equal(sb_str(&rs.log),
			    "title T\n"
			    "era new sym 1\n"
			    "tag t1 id 1\n"
			    "milestone a seq 1 era 1 tags 1 links 0\n"
			    "milestone b seq 2 era 1 tags 0 links 1\n"
			    "tag t2 id 2\n"
			    "finish 2 tag 2:2 link 1->2 (n)\n");
	checker_free(&ck);
	problems_free(&probs);
	sb_free(&ch.data);
	sb_free(&rs.log);
}

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const char *t = getenv("TMPDIR");
	orig_tmpdir = t ? xstrdup(t) : NULL;

	size_t ncases = sizeof cases / sizeof cases[0];
	static const struct CMUnitTest others[] = {
		cmocka_unit_test(test_value_too_long),
		cmocka_unit_test(test_nesting_too_deep),
		cmocka_unit_test(test_missing_path),
		cmocka_unit_test(test_directory_without_yaml),
		cmocka_unit_test(test_no_milestones),
		cmocka_unit_test(test_reports_every_problem),
		cmocka_unit_test(test_valid_import_builds_database),
		cmocka_unit_test(test_check_mode_writes_nothing),
		cmocka_unit_test(test_output_replaced_only_on_success),
		cmocka_unit_test(test_output_directory_missing),
		cmocka_unit_test(test_output_refused),
		cmocka_unit_test(test_fifo_among_data_files),
		cmocka_unit_test(test_long_output_names),
		cmocka_unit_test(test_directory_expansion),
		cmocka_unit_test(test_strict_valid),
		cmocka_unit_test(test_fixture_imports),
		cmocka_unit_test(test_record_round_trip),
		cmocka_unit_test(test_field_checks),
		cmocka_unit_test(test_symtab),
		cmocka_unit_test(test_yfast_long_lines),
		cmocka_unit_test(test_mapped_read_of_a_shrunk_file),
		cmocka_unit_test(test_checker_feeds_sink),
	};
	size_t nothers = sizeof others / sizeof others[0];
	struct CMUnitTest *tests = xcalloc(ncases + nothers + 1, sizeof *tests);
	for (size_t i = 0; i < ncases; i++)
		tests[i] = (struct CMUnitTest){cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
	memcpy(tests + ncases, others, sizeof others);
	int failed = _cmocka_run_group_tests("import", tests, ncases + nothers, NULL, NULL);
	free(tests);
	free(orig_tmpdir);
	return failed;
}
