/*
 * v_help.c -- the help: every action with the keys bound to it now, by group, generated
 * from the action table and the live key map, so it never drifts from the bindings.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/listbox.h"
#include "tui/views.h"

struct help {
	char **lines;
	size_t n, cap;
	struct listbox lb;
};

static void add(struct help *h, char *line)
{
	DLT_GROW(h->lines, h->n + 1, h->cap);
	h->lines[h->n++] = line;
}

/* The help text as lines: groups, then "keys  description" per action. */
static void help_lines(struct app *app, struct help *h)
{
	const char *group = "";
	for (int a = ACT_NONE + 1; a < ACT__COUNT; a++) {
		const struct tui_action_info *info = keys_action_info((enum tui_action)a);
		if (strcmp(info->group, group) != 0) {
			group = info->group;
			if (h->n)
				add(h, xstrdup(""));
			add(h, xstrdup(group));
		}
		struct strbuf keys = {0}, sb = {0};
		keymap_keys_of(&app->cfg.keys, (enum tui_action)a, &keys);
		const char *k = keys.len ? sb_str(&keys) : "(unbound)";
		if (strlen(k) > 16) {   /* too many keys for the column: they get a line of their own */
			sb_addf(&sb, "  %s", k);
			add(h, sb_detach(&sb));
			k = "";
		}
		sb_addf(&sb, "  %-16s %-58s %s", k, info->help, info->name);
		sb_free(&keys);
		add(h, sb_detach(&sb));
	}
	static const char *const extra[] = {
		"",
		"Mouse",
		"  wheel            Scroll the timeline (or the pane under the pointer)",
		"  click            Select a milestone or a link; double-click opens it",
		"",
		"On the screen",
		"  left edge        Three bands: the era of the main line, a thematic era running",
		"                   beside it (if any), and the paradigm that dominated those years",
		"  %s                The selected milestone",
		"  %s                A search match; the column at the right edge marks matches over",
		"                   the whole timeline, %s there the part on the screen",
		"  %s                A bookmark",
		"  %s %s              Side by side, the line between the panes points at the one",
		"                   that takes the keys",
		"",
		"In prompts and pickers: type to narrow, Up/Down or Tab to choose, Enter to accept,",
		"Esc to cancel; the line edits as in readline (Ctrl-A/E/B/F/W/U/K). In the search,",
		"Ctrl-P/Ctrl-N recall earlier searches, and fields narrow it: author:hinton",
		"venue:nips year:2012..2015 tag:rl kind:model era:llm.",
		"Keys can be rebound in ~/.config/dltimeline/config: \"bind KEY ACTION\" with the",
		"action names in the right column; \"color ELEMENT FG BG [bold]\".",
	};
	/* the legend's lines name the glyphs as this terminal draws them */
	const char *marks[] = {glyph(G_POINTER), glyph(G_BULLET), glyph(G_BLOCK), glyph(G_STAR), glyph(G_LEFT1),
			       glyph(G_RIGHT1)};
	size_t m = 0;
	for (size_t i = 0; i < DLT_ARRAY_LEN(extra); i++) {
		struct strbuf sb = {0};
		for (const char *c = extra[i]; *c; c++) {
			if (c[0] == '%' && c[1] == 's' && m < DLT_ARRAY_LEN(marks)) {
				sb_add(&sb, marks[m++]);
				c++;
			} else {
				sb_addc(&sb, *c);
			}
		}
		add(h, sb_detach(&sb));
	}
	h->lb.n = (int)h->n;
}

static void help_draw(struct app *app, struct view *v, struct rect r)
{
	(void)app;
	struct help *h = v->priv;
	struct rect b = draw_overlay(r, 96, (int)h->n + 2, "Keys (q or Esc closes; j/k, g/G scroll)");
	int rows = b.h - 2;
	listbox_fit(&h->lb, rows > 0 ? rows : 1);
	for (int y = 0; y < rows && (size_t)(h->lb.scroll + y) < h->n; y++) {
		const char *l = h->lines[h->lb.scroll + y];
		attr_t a = l[0] && l[0] != ' ' ? draw_attr(EL_HEADING) : A_NORMAL;
		draw_str(b.y + 1 + y, b.x + 2, b.w - 4, l, a);
	}
}

static enum handled help_key(struct app *app, struct view *v, enum tui_action a, int key)
{
	(void)app, (void)key;
	struct help *h = v->priv;
	if (listbox_key(&h->lb, a))
		return HANDLED;
	if (a == ACT_QUIT || a == ACT_CLOSE || a == ACT_HELP)
		return CLOSE;
	return HANDLED;
}

static void help_close(struct app *app, struct view *v)
{
	(void)app;
	struct help *h = v->priv;
	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h);
}

static int help_hints(struct app *app, struct view *v, struct hint *h)
{
	(void)app, (void)v;
	h[0] = (struct hint){ACT_QUIT, "close"};
	h[1] = (struct hint){ACT_LAST, "end"};
	return 2;
}

static const struct view_ops help_ops = {
	.name = "help",
	.draw = help_draw,
	.key = help_key,
	.hints = help_hints,
	.close = help_close,
	.overlay = 1,
};

void help_open(struct app *app)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->lb.no_cursor = 1;
	help_lines(app, h);
	app_push(app, &help_ops, h);
}
