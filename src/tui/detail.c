/*
 * detail.c -- the detail pane: a milestone laid out as lines (fields from model/detail.c,
 * then the "Builds on" and "Led to" links), scrolled, with one link selectable at a time;
 * and the browsing history that following links and opening milestones records.
 */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "model/detail.h"
#include "tui/ui.h"

static void free_lines(struct ui *ui)
{
	for (size_t i = 0; i < ui->ndl; i++)
		free(ui->dl[i].text);
	free(ui->dl);
	ui->dl = NULL;
	ui->ndl = 0;
	ui->dl_width = 0;
}

void detail_invalidate(struct ui *ui)
{
	free_lines(ui);
	if (ui->ms_id)
		dlt_milestone_clear(&ui->ms);
	ui->ms_id = 0;
}

static void add_line(struct ui *ui, const char *s, size_t len, enum tui_element el, int indent,
		     int label_w, int link)
{
	ui->dl = xrealloc(ui->dl, (ui->ndl + 1) * sizeof *ui->dl);
	ui->dl[ui->ndl++] = (struct dline){.text = xstrndup(s, len), .el = el, .indent = indent,
					   .label_w = label_w, .link = link};
}

/* Wrap text into lines of width w - indent; the first line may carry a label prefix. */
static void add_wrapped(struct ui *ui, const char *text, enum tui_element el, int indent, int w,
			int label_w, int link, int hang)
{
	struct wrap_line *lines;
	int avail = w - indent;
	if (avail < 8)
		avail = 8;
	size_t n = utf8_wrap(text, strlen(text), (size_t)avail, &lines);
	for (size_t i = 0; i < n; i++)
		add_line(ui, text + lines[i].off, lines[i].len, el, indent + (i ? hang : 0),
			 i ? 0 : label_w, link);
	free(lines);
}

static void add_blank(struct ui *ui)
{
	add_line(ui, "", 0, EL_NORMAL, 0, 0, -1);
}

static void add_links(struct ui *ui, const char *heading, const struct dlt_link *l, size_t n,
		      int w, int *next_link, int up)
{
	add_blank(ui);
	add_line(ui, heading, strlen(heading), EL_HEADING, 0, 0, -1);
	if (!n) {
		const char *none = up ? "(a starting point)" : "(nothing yet)";
		add_line(ui, none, strlen(none), EL_DIM, 2, 0, -1);
	}
	for (size_t i = 0; i < n; i++) {
		char date[16];
		struct strbuf sb = {0};
		dlt_format_date(l[i].other.year, l[i].other.month, date, sizeof date);
		sb_addf(&sb, "%s %s  %s", glyph(ui, up ? 'l' : 'r'), date, dlt_row_name(&l[i].other));
		if (l[i].note)
			sb_addf(&sb, " %s %s", ui->utf8 ? "—" : "--", l[i].note);
		add_wrapped(ui, sb_str(&sb), EL_LINK, 2, w, 0, (*next_link)++, 4);
		sb_free(&sb);
	}
}

/* Load the selected milestone and lay it out for width w (cached). */
static void layout(struct ui *ui, int w)
{
	if (ui->ms_id == ui->sel && ui->dl_width == w)
		return;
	/* nothing loaded (no selection: an empty timeline) is never a cache hit */
	if (ui->ms_id != ui->sel || !ui->ms_id) {
		detail_invalidate(ui);
		if (!ui->sel || dlt_milestone_load(ui->db, ui->sel, &ui->ms) < 0)
			return;
		ui->ms_id = ui->sel;
		ui->link_sel = -1;
	} else {
		free_lines(ui);
	}
	ui->dl_width = w;
	const struct dlt_milestone *m = &ui->ms;
	add_wrapped(ui, m->row.title, EL_TITLE, 0, w, 0, -1, 0);
	struct dlt_field *f;
	size_t nf = dlt_detail_fields(m, &f);
	for (size_t i = 0; i < nf; i++) {
		if (f[i].style == DLT_FS_LINE) {
			struct strbuf sb = {0};
			size_t first = ui->ndl;
			sb_addf(&sb, "%-13s %s", f[i].label, f[i].value);
			add_wrapped(ui, sb_str(&sb), EL_NORMAL, 0, w, 13, -1, 14);
			sb_free(&sb);
			if (strcmp(f[i].label, "URL") == 0)
				for (size_t k = first; k < ui->ndl; k++)
					ui->dl[k].url = 1;
			continue;
		}
		add_blank(ui);
		add_line(ui, f[i].label, strlen(f[i].label), EL_HEADING, 0, 0, -1);
		if (f[i].style == DLT_FS_LIST) {
			char *save, *copy = xstrdup(f[i].value);
			for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
				struct strbuf sb = {0};
				sb_addf(&sb, "%s %s", glyph(ui, '*'), l);
				add_wrapped(ui, sb_str(&sb), EL_NORMAL, 2, w, 0, -1, 2);
				sb_free(&sb);
			}
			free(copy);
		} else {
			add_wrapped(ui, f[i].value, f[i].style == DLT_FS_CODE ? EL_CODE : EL_NORMAL, 2, w, 0, -1, 0);
		}
	}
	dlt_fields_free(f, nf);
	int next_link = 0;
	add_links(ui, "Builds on", m->builds_on, m->nbuilds_on, w, &next_link, 1);
	add_links(ui, "Led to", m->led_to, m->nled_to, w, &next_link, 0);
	ui->nlinks = next_link;
}

/* The target milestone of link index k. */
static int64_t link_target(const struct ui *ui, int k)
{
	if (k < 0)
		return 0;
	if ((size_t)k < ui->ms.nbuilds_on)
		return ui->ms.builds_on[k].other.id;
	k -= (int)ui->ms.nbuilds_on;
	if ((size_t)k < ui->ms.nled_to)
		return ui->ms.led_to[k].other.id;
	return 0;
}

/* Scroll so that the selected link's first line is visible. */
static void show_link(struct ui *ui)
{
	for (size_t i = 0; i < ui->ndl; i++)
		if (ui->dl[i].link == ui->link_sel) {
			if ((int)i < ui->dscroll)
				ui->dscroll = (int)i;
			else if ((int)i >= ui->dscroll + ui->body_h - 1)
				ui->dscroll = (int)i - ui->body_h + 2;
			return;
		}
}

void detail_draw(struct ui *ui, int x, int w)
{
	int tw = w - 2; /* one column margin each side */
	layout(ui, tw);
	for (int y = 0; y < ui->body_h; y++)
		draw_fill(ui->body_y + y, x, w, A_NORMAL);
	if (!ui->ms_id) {
		draw_str(ui, ui->body_y + 1, x + 1, tw, "Nothing selected.", ui_attr(ui, EL_DIM));
		return;
	}
	int max_scroll = (int)ui->ndl - ui->body_h;
	if (ui->dscroll > max_scroll)
		ui->dscroll = max_scroll;
	if (ui->dscroll < 0)
		ui->dscroll = 0;
	for (int k = 0; k < ui->nosc8; k++)
		free(ui->osc8[k].text);
	ui->nosc8 = 0;
	free(ui->osc8_url);
	ui->osc8_url = xstrdup(ui->ms.url);
	for (int y = 0; y < ui->body_h; y++) {
		size_t i = (size_t)(ui->dscroll + y);
		if (i >= ui->ndl)
			break;
		const struct dline *d = &ui->dl[i];
		if (d->url && ui->nosc8 < (int)DLT_ARRAY_LEN(ui->osc8) && ui->utf8) {
			/* remember where the address is drawn, for the OSC 8 hyperlink */
			size_t lb = d->label_w ? utf8_prefix_for_width(d->text, strlen(d->text), 14, NULL) : 0;
			int avail = tw - d->indent - (d->label_w ? 14 : 0);
			size_t n = utf8_prefix_for_width(d->text + lb, strlen(d->text + lb), (size_t)(avail > 0 ? avail : 0), NULL);
			ui->osc8[ui->nosc8].y = ui->body_y + y;
			ui->osc8[ui->nosc8].x = x + 1 + d->indent + (d->label_w ? 14 : 0);
			ui->osc8[ui->nosc8].text = xstrndup(d->text + lb, n);
			ui->nosc8++;
		}
		int cx = x + 1 + d->indent;
		attr_t a = ui_attr(ui, d->el);
		if (d->link >= 0 && d->link == ui->link_sel && ui->focus == FOCUS_DETAIL) {
			a = ui_attr(ui, EL_SELECTED);
			/* a visible marker too, for monochrome terminals */
			if (i == 0 || ui->dl[i - 1].link != d->link)
				draw_str(ui, ui->body_y + y, x + 1, 1, glyph(ui, '>'), a);
		}
		if (d->label_w) {
			/* "Label     value": label colored, value with match highlight */
			size_t lb = utf8_prefix_for_width(d->text, strlen(d->text), (size_t)d->label_w, NULL);
			char *label = xstrndup(d->text, lb);
			cx += draw_str(ui, ui->body_y + y, cx, tw - d->indent, label, ui_attr(ui, EL_LABEL));
			free(label);
			draw_str_hl(ui, ui->body_y + y, cx, x + 1 + tw - cx, d->text + lb, a);
		} else {
			draw_str_hl(ui, ui->body_y + y, cx, tw - d->indent, d->text, a);
		}
	}
	/* how far down the pane is, for the status line */
	ui->dpercent = (int)ui->ndl > ui->body_h ? (ui->dscroll + ui->body_h) * 100 / (int)ui->ndl : 100;
}

void history_push(struct ui *ui, int64_t id)
{
	if (ui->nhist && ui->hist[ui->hpos] == id)
		return;
	/* Opening something new drops the forward part, as in a web browser. */
	if (ui->nhist)
		ui->nhist = ui->hpos + 1;
	ui->hist = xrealloc(ui->hist, (ui->nhist + 1) * sizeof *ui->hist);
	ui->hist[ui->nhist] = id;
	ui->hpos = ui->nhist++;
}

/* Show milestone id: select it in the list (clearing a filter that hides it). */
static void go_to(struct ui *ui, int64_t id)
{
	if (!dlt_view_contains(ui->view, id)) {
		list_set_filter(ui, NULL);
		ui_message(ui, 0, "Filter cleared to show the milestone");
	}
	list_select(ui, id);
	ui->dscroll = 0;
	ui->link_sel = -1;
}

void history_step(struct ui *ui, int dir)
{
	if (!ui->nhist) {
		ui_message(ui, 0, "No history yet");
		return;
	}
	/* If the selection has moved away from the current entry, "back" returns to it first. */
	if (dir < 0 && ui->hist[ui->hpos] != ui->sel) {
		go_to(ui, ui->hist[ui->hpos]);
		return;
	}
	if ((dir < 0 && ui->hpos == 0) || (dir > 0 && ui->hpos + 1 >= ui->nhist)) {
		ui_message(ui, 0, dir < 0 ? "At the start of history" : "At the end of history");
		return;
	}
	ui->hpos = dir < 0 ? ui->hpos - 1 : ui->hpos + 1;
	go_to(ui, ui->hist[ui->hpos]);
	if (ui->w < UI_WIDE && ui->focus == FOCUS_DETAIL)
		ui->detail_open = 1;
}

void detail_open(struct ui *ui)
{
	if (!ui->sel)
		return;
	history_push(ui, ui->sel);
	ui->focus = FOCUS_DETAIL;
	ui->detail_open = ui->w < UI_WIDE;
	ui->dscroll = 0;
	ui->link_sel = -1;
}

void detail_follow(struct ui *ui)
{
	int64_t id = link_target(ui, ui->link_sel);
	if (!id) {
		ui_message(ui, 0, "Select a link with Tab first");
		return;
	}
	go_to(ui, id);
	history_push(ui, id);
}

int detail_key(struct ui *ui, enum tui_action a)
{
	switch (a) {
	case ACT_MOVE_DOWN:
		ui->dscroll++;
		return 1;
	case ACT_MOVE_UP:
		if (ui->dscroll > 0)
			ui->dscroll--;
		return 1;
	case ACT_PAGE_DOWN:
		ui->dscroll += ui->body_h > 2 ? ui->body_h - 2 : 1;
		return 1;
	case ACT_PAGE_UP:
		ui->dscroll -= ui->body_h > 2 ? ui->body_h - 2 : 1;
		if (ui->dscroll < 0)
			ui->dscroll = 0;
		return 1;
	case ACT_FIRST:
		ui->dscroll = 0;
		return 1;
	case ACT_LAST:
		ui->dscroll = (int)ui->ndl;
		return 1;
	case ACT_LINK_NEXT:
	case ACT_LINK_PREV:
		if (!ui->nlinks) {
			ui_message(ui, 0, "No links");
			return 1;
		}
		if (a == ACT_LINK_NEXT)
			ui->link_sel = ui->link_sel + 1 >= ui->nlinks ? 0 : ui->link_sel + 1;
		else
			ui->link_sel = ui->link_sel <= 0 ? ui->nlinks - 1 : ui->link_sel - 1;
		show_link(ui);
		return 1;
	case ACT_OPEN:
		detail_follow(ui);
		return 1;
	case ACT_QUIT:
	case ACT_CLOSE:
		ui->focus = FOCUS_LIST;
		ui->detail_open = 0;
		return 1;
	default:
		return 0;
	}
}
