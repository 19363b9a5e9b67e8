/*
 * cli_int.h -- what the files of the command line share: the state of one command's run,
 * the table that describes a command and its options (from which both getopt_long's
 * options and the --help text are made), and the output helpers.
 *
 * A command is a struct cli_command in one of the cmd_*.c files. cli.c parses its
 * arguments from the table, then calls its run(): the options went through the command's
 * option() callback into its own argument struct, the positional arguments are in c->args.
 */
#ifndef DLT_CLI_INT_H
#define DLT_CLI_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"
#include "db/db.h"
#include "model/model.h"

/* Output formats, by the name --format takes (cli_format_names in cli.c). */
enum cli_format {
	FMT_TEXT, FMT_TSV, FMT_JSON, FMT_CSV, FMT_MARKDOWN, FMT_DOT, FMT_MERMAID,
	FMT_BIBTEX, FMT_CSL_JSON, FMT_TIMELINEJS,
	FMT__COUNT
};

/* One option of a command. */
struct cli_opt {
	const char *name;      /* the long name, without "--" */
	char letter;           /* a one-letter form ('o' for -o), or 0 */
	int id;                /* what the command's option() receives */
	const char *metavar;   /* the value's name in --help ("Y"); NULL for a flag */
	const char *help;      /* --help text; '\n' starts a continuation line */
};

struct cli;

/* A command: its name, what it does and how it is called. */
struct cli_command {
	const char *name;
	/* Run the command; `arg` is its argument struct (args_size bytes, zeroed, filled by
	 * option()). Returns the exit status (enum dlt_exit). */
	int (*run)(struct cli *c, void *arg);
	const char *usage;         /* the positional part of the usage line ("ID|NAME") */
	const char *help;          /* first line: the summary; further lines: more */
	const struct cli_opt *opts;   /* ends with {0}; NULL for none */
	/* Take option `id` with its value (NULL for a flag) into arg. Returns 0, or the exit
	 * status of a usage error it has reported (cli_usage). */
	int (*option)(struct cli *c, int id, const char *value, void *arg);
	size_t args_size;          /* the size of the argument struct */
	const char *formats;       /* --format values, the default first; NULL: no --format */
	int min_args, max_args;    /* positional arguments (max -1: any number) */
	const char *too_few;       /* the message when there are fewer than min_args */
	const char *too_many;      /* the message when there are more (NULL: "unexpected argument") */
	int pages;                 /* its output may be long: through $PAGER on a terminal */
};

/* The state of one run of a command. */
struct cli {
	const struct cli_global *g;
	const struct cli_command *cmd;
	enum cli_format format;
	int color;                 /* ANSI colors on */
	int cut;                   /* cut long lines to the width (stdout is a terminal) */
	size_t width;              /* text width: $COLUMNS, the terminal's, or 80 */
	size_t height;             /* terminal lines, 24 when not a terminal */
	int utf8;                  /* the locale is UTF-8: box drawing and symbols, else ASCII */
	char **args;               /* positional arguments (into argv) */
	int nargs;
	struct dlt_db *db;         /* after cli_open_db */
	struct dlt_period *eras, *pars;
	size_t neras, npars;
};

/* The commands of each file, in the order of --help. */
extern const struct cli_command cli_cmd_list, cli_cmd_show, cli_cmd_search, cli_cmd_links,
	cli_cmd_eras, cli_cmd_paradigms, cli_cmd_tags, cli_cmd_lineage, cli_cmd_path, cli_cmd_chart,
	cli_cmd_export, cli_cmd_import, cli_cmd_bookmarks;

/* ---- cli.c: errors, the database, names --------------------------------------------------- */

/* Report a usage error as "dltimeline CMD: MESSAGE (see 'dltimeline CMD --help')", the
 * message's arguments made printable. Returns DLT_EXIT_ERROR. */
int cli_usage(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Tell the user something about the results on stderr ("dltimeline CMD: MESSAGE"), made
 * printable; stdout stays the results. */
void cli_note(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Report the database's error (or an inconsistency when it has none). Returns DLT_EXIT_ERROR. */
int cli_db_error(struct cli *c);
/* Open the database (--db, $DLTIMELINE_DB or the built-in one) and load its eras and
 * paradigms. Returns 0, or -1 after reporting why. */
int cli_open_db(struct cli *c);
/* Resolve a milestone by id, short name, title, paper title or alias. Returns its id, or
 * 0 after reporting why (nothing found, or the candidates when ambiguous), with *status set
 * to the exit status. */
int64_t cli_resolve(struct cli *c, const char *name, int *status);
/* A year in DLT_YEAR_MIN..DLT_YEAR_MAX from an option's value into *out. Returns 0, or the
 * exit status of the usage error it reported. */
int cli_year(struct cli *c, const char *value, int *out);
/* A whole number in lo..hi from option --name's value into *out. Returns 0 or a usage error. */
int cli_number(struct cli *c, const char *name, const char *value, long lo, long hi, long *out);
/* The id of the tag named by slug or name (any case), or 0 after a usage error (*status). */
int64_t cli_tag(struct cli *c, const char *name, int *status);
/* The id of a period (era or paradigm) of a loaded list named by slug or name, or 0. */
int64_t cli_find_period(const struct dlt_period *p, size_t n, const char *name);
/* The slug of period id of a loaded list, "" when absent. */
const char *cli_period_slug(const struct dlt_period *p, size_t n, int64_t id);

/* ---- output.c -------------------------------------------------------------------------------- */

/* After writing: a closed pipe ends the program quietly with success; another write error
 * (a full disk) with one line and status 2. */
void out_check(void);
/* ANSI sequences, "" when colors are off. */
const char *out_bold(const struct cli *c);
const char *out_dim(const struct cli *c);
const char *out_date(const struct cli *c);
const char *out_reset(const struct cli *c);
/* Print s in `width` columns: cut with an ellipsis when it is wider and c->cut is set (on a
 * terminal), whole otherwise; padded to width when pad is set. */
void out_fit(const struct cli *c, const char *s, size_t width, int pad);
/* Print prose wrapped to the width with `indent` spaces before each line; with `hanging`
 * the first line continues the current one (already at column indent). Words are never
 * split: an address longer than the line stands whole on its own line. */
void out_wrapped(const struct cli *c, const char *s, size_t indent, int hanging);
/* Print one line: cut to the width with an ellipsis on a terminal, whole in a pipe; then
 * empty sb. */
void out_line(const struct cli *c, struct strbuf *sb);
/* Print a TSV field (tabs and line breaks become spaces), then a tab or, if last, a newline. */
void out_tsv(const char *s, int last);
/* Print a CSV field (RFC 4180 quoting), then a comma or, if last, a newline. */
void out_csv(const char *s, int last);
/* Run a query with one integer parameter (0: none) that makes JSON, and print its value
 * escaped for a terminal (json_put_text). Returns 0, or -1 on a database error. */
int out_json_query(struct cli *c, enum dlt_query q, int64_t id);
/* Print a JSON string literal. */
void out_json_string(const char *s);
/* Print one list row (date, name, kind, title) in the current format; `first` starts a
 * JSON array. */
void out_row(struct cli *c, const struct dlt_row *r, int first);
/* End a list of n rows (closes a JSON array). */
void out_rows_end(struct cli *c, size_t n);

/* Drawing characters: box drawing under a UTF-8 locale, ASCII otherwise. */
struct out_glyphs {
	const char *tee, *elbow, *pipe, *space, *dash, *ellipsis;
};
const struct out_glyphs *out_glyphs(const struct cli *c);
/* Append s to sb in the locale's characters (ASCII spellings outside UTF-8). */
void out_sb_add_loc(const struct cli *c, struct strbuf *sb, const char *s);

/* ---- export_graph.c: the links among a selection of milestones, drawn -------------------- */

struct dlt_subgraph;
/* Graphviz DOT: one cluster per era, boxes filled by their first tag, an arrow from an idea
 * to each milestone that builds on it (labelled with its note when edge_labels is set). */
void export_dot(struct cli *c, const struct dlt_subgraph *g, const char *title, int edge_labels);
/* Mermaid in Markdown: a timeline (one line per year) and a flowchart of the links. */
void export_mermaid(struct cli *c, const struct dlt_subgraph *g, const char *title, int edge_labels);
/* Print text for a mermaid label: quotes and angle brackets as entities, line breaks as
 * spaces; in a timeline (`timeline` set) no ':', which separates events. */
void mermaid_text(const char *s, int timeline);
/* Print the mermaid node id of a milestone: m_ and its slug with '-' as '_'. */
void mermaid_id(const char *slug);

/* ---- export_cite.c: citations ------------------------------------------------------------------- */

/* True for the formats export_cite writes (bibtex, csl-json). */
int cli_is_cite_format(enum cli_format f);
/* Write milestones ids[0..n) (any order; one written once) in timeline order as BibTeX or
 * CSL-JSON (c->format, a citation format), with keys unique in the whole timeline. Returns
 * 0, or -1 on a database error (reported by the caller; what was written stays). */
int export_cite(struct cli *c, const int64_t *ids, size_t n);

/* ---- export_markdown.c: Markdown for handouts ------------------------------------------------------ */

/* A numbered list of references, in the order of their first mention (zeroed: empty). */
struct md_refs {
	int64_t *ids;
	size_t n, cap;
};
/* The number of milestone id in the list (from 1), added when it is new. */
size_t md_refs_number(struct md_refs *r, int64_t id);
/* Print "## References" and the numbered list (nothing when it is empty), then empty it.
 * Returns 0, or -1 on a database error. */
int md_refs_print(struct cli *c, struct md_refs *r);
/* export: one milestone in its year's section (a heading when the year is new). */
void md_export_row(const struct dlt_milestone *m, int *last_year);
/* show: the title, the reference, every field, the links. */
struct dlt_field;
void md_show(const struct dlt_milestone *m, const struct dlt_field *f, size_t nf);
/* links: the milestone and its links, each numbered, and the references. Returns 0, or -1 on
 * a database error. */
int md_links_page(struct cli *c, const struct dlt_row *row, const struct dlt_link *up, size_t nup,
		  const struct dlt_link *down, size_t ndown);
/* bookmarks: a numbered reading list of milestones ids[0..n), in that order, each with its
 * summary, its note (notes[i], NULL: none) and reference. Returns 0, or -1 on a database
 * error. */
int md_reading_list(struct cli *c, const int64_t *ids, char *const *notes, size_t n);

/* ---- export_timelinejs.c: a published timeline ------------------------------------------------- */

/* One slide of a TimelineJS export. */
struct tljs_event {
	int64_t id;            /* the milestone */
	char *context;         /* how it came in ("Builds on X: note"), or NULL */
};
/* Write TimelineJS 3 JSON: a title slide (`title`, the number of milestones and their
 * years), one slide per milestone of ev[0..n) (the first context given for it is kept), in a
 * row per kind, and the eras over their years. Returns 0, or -1 on a database error. */
int export_timelinejs(struct cli *c, const char *title, const struct tljs_event *ev, size_t n);

/* ---- graph_outline.c: lineage and path as documents -------------------------------------------- */

struct dlt_tree_node;
struct dlt_path;
/* lineage --format markdown: the trees as nested lists with their notes, every milestone
 * numbered, and the references. Returns 0, or -1 on a database error. */
int lineage_markdown(struct cli *c, struct dlt_tree_node *const tree[2], const size_t n[2]);
/* lineage --format mermaid: a flowchart of the trees, links labelled with their notes. */
void lineage_mermaid(struct dlt_tree_node *const tree[2], const size_t n[2]);
/* lineage --format timelinejs: a slide per milestone saying how it joins the tree. Returns 0
 * or -1. */
int lineage_timelinejs(struct cli *c, struct dlt_tree_node *const tree[2], const size_t n[2]);
/* path: the first `shown` of n > 0 paths as a Markdown list per path and the references
 * (0 or -1), a mermaid flowchart, or TimelineJS slides (0 or -1). */
int paths_markdown(struct cli *c, const struct dlt_path *p, int n, int shown);
void paths_mermaid(const struct dlt_path *p, int n, int shown);
int paths_timelinejs(struct cli *c, const struct dlt_path *p, int n, int shown);

#endif
