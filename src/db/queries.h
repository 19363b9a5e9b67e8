/*
 * queries.h -- every SQL statement a reader issues, in one table.
 *
 * Each entry is DLT_Q(NAME, "SQL"): the enum, the prepared-statement cache in db.c and the
 * query-plan test (tests/test_query_plans.c) are all generated from this list, so no SQL is
 * ever built at run time and every statement is checked for full-table scans. Parameters are
 * always bound with sqlite3_bind_*.
 *
 * Row shape "ROW" (used by the list queries): id, slug, year, month, title, short, kind,
 * era, paradigm, first author, whether there are more authors.
 */
#ifndef DLT_QUERIES_H
#define DLT_QUERIES_H

/* The weights of the columns of the search index in ranking, in the order of its columns
 * (schema.sql): title, short, aliases, authors, summary, problem, insight, impact, tags,
 * paper_title, venue. Names far above the body text; authors for people's names. */
#define DLT_RANK_WEIGHTS "10.0, 12.0, 8.0, 6.0, 3.0, 1.0, 1.0, 1.0, 3.0, 8.0, 2.0"

#define DLT_ROW_COLS "m.id, m.slug, m.year, m.month, m.title, m.short, m.kind, m.era, m.paradigm, " \
	"json_extract(m.authors, '$[0]'), json_array_length(m.authors) > 1 OR coalesce(m.author_count, 0) > 0"
/* The number of columns of DLT_ROW_COLS: a query's own columns follow them. */
#define DLT_ROW_NCOLS 11

#define DLT_QUERIES(DLT_Q) \
	DLT_Q(META_GET, "SELECT value FROM meta WHERE key = ?1") \
	DLT_Q(MS_MAX_ID, "SELECT max(id) FROM milestones") \
	DLT_Q(MS_ROW, "SELECT " DLT_ROW_COLS " FROM milestones m WHERE m.id = ?1") \
	DLT_Q(MS_DETAIL, "SELECT m.authors, m.author_count, m.organization, m.venue, m.paper_title, " \
		"m.arxiv, m.doi, m.url, m.summary, m.problem, m.insight, m.impact, m.formula, " \
		"m.architecture, m.figures, m.anecdote, m.parameters, m.training_compute, " \
		"m.scale_source, m.root, m.venue_type, m.sources FROM milestones m WHERE m.id = ?1") \
	DLT_Q(MS_JSON_LIST, "SELECT value FROM json_each(?1)") \
	/* A figure is {"text", "source"}; plain text (from another program) has no source. */ \
	DLT_Q(MS_FIGURES, "SELECT CASE WHEN type = 'object' THEN json_extract(value, '$.text') ELSE value END, " \
		"CASE WHEN type = 'object' THEN json_extract(value, '$.source') END FROM json_each(?1)") \
	DLT_Q(MS_BY_SLUG, "SELECT id FROM milestones WHERE slug = ?1 COLLATE NOCASE AND slug = ?1") \
	/* Names by key (?1 = utf8_name_key of the name; schema/indexes.sql). */ \
	DLT_Q(MS_LOOKUP, "SELECT id FROM milestones WHERE dlt_name_key(slug) = ?1 " \
		"UNION SELECT id FROM milestones WHERE dlt_name_key(short) = ?1 " \
		"UNION SELECT id FROM milestones WHERE dlt_name_key(title) = ?1 " \
		"UNION SELECT id FROM milestones WHERE dlt_name_key(paper_title) = ?1 " \
		"UNION SELECT milestone FROM aliases WHERE dlt_name_key(alias) = ?1 " \
		"ORDER BY 1 LIMIT 50") \
	/* The first tiers of ranking (model/find.c): names equal to the key ?1 (class 0: a name, \
	 * 1: a title), and names that start with it (?2: the first key after all of those; at \
	 * most ?3 of each kind of name) with their lengths. */ \
	DLT_Q(NAME_EXACT, "SELECT id, 0 FROM milestones WHERE dlt_name_key(short) = ?1 " \
		"UNION ALL SELECT milestone, 0 FROM aliases WHERE dlt_name_key(alias) = ?1 " \
		"UNION ALL SELECT id, 0 FROM milestones WHERE dlt_name_key(slug) = ?1 " \
		"UNION ALL SELECT id, 1 FROM milestones WHERE dlt_name_key(title) = ?1 " \
		"UNION ALL SELECT id, 1 FROM milestones WHERE dlt_name_key(paper_title) = ?1 LIMIT 256") \
	DLT_Q(NAME_PREFIX, "SELECT * FROM (SELECT id, 0, length(dlt_name_key(short)) FROM milestones " \
		"WHERE dlt_name_key(short) > ?1 AND dlt_name_key(short) < ?2 LIMIT ?3) " \
		"UNION ALL SELECT * FROM (SELECT milestone, 0, length(dlt_name_key(alias)) FROM aliases " \
		"WHERE dlt_name_key(alias) > ?1 AND dlt_name_key(alias) < ?2 LIMIT ?3) " \
		"UNION ALL SELECT * FROM (SELECT id, 0, length(dlt_name_key(slug)) FROM milestones " \
		"WHERE dlt_name_key(slug) > ?1 AND dlt_name_key(slug) < ?2 LIMIT ?3) " \
		"UNION ALL SELECT * FROM (SELECT id, 1, length(dlt_name_key(title)) FROM milestones " \
		"WHERE dlt_name_key(title) > ?1 AND dlt_name_key(title) < ?2 LIMIT ?3) " \
		"UNION ALL SELECT * FROM (SELECT id, 1, length(dlt_name_key(paper_title)) FROM milestones " \
		"WHERE dlt_name_key(paper_title) > ?1 AND dlt_name_key(paper_title) < ?2 LIMIT ?3)") \
	/* Every name of a milestone, with its class (0: a name, 1: a title). */ \
	DLT_Q(NAMES_OF, "SELECT slug, 0 FROM milestones WHERE id = ?1 " \
		"UNION ALL SELECT short, 0 FROM milestones WHERE id = ?1 AND short IS NOT NULL " \
		"UNION ALL SELECT title, 1 FROM milestones WHERE id = ?1 " \
		"UNION ALL SELECT paper_title, 1 FROM milestones WHERE id = ?1 AND paper_title IS NOT NULL " \
		"UNION ALL SELECT alias, 0 FROM aliases WHERE milestone = ?1") \
	/* How central a milestone is: how many later ones build on it (links_dst). */ \
	DLT_Q(LED_TO_COUNT, "SELECT count(*) FROM links WHERE dst = ?1") \
	/* Driver queries of the timeline cursor: next rows after ?1, previous rows before ?1. */ \
	DLT_Q(ALL_NEXT, "SELECT " DLT_ROW_COLS " FROM milestones m WHERE m.id > ?1 ORDER BY m.id LIMIT ?2") \
	DLT_Q(ALL_PREV, "SELECT " DLT_ROW_COLS " FROM milestones m WHERE m.id < ?1 ORDER BY m.id DESC LIMIT ?2") \
	DLT_Q(TAG_NEXT, "SELECT " DLT_ROW_COLS " FROM milestone_tags t JOIN milestones m ON m.id = t.milestone " \
		"WHERE t.tag = ?3 AND t.milestone > ?1 ORDER BY t.milestone LIMIT ?2") \
	DLT_Q(TAG_PREV, "SELECT " DLT_ROW_COLS " FROM milestone_tags t JOIN milestones m ON m.id = t.milestone " \
		"WHERE t.tag = ?3 AND t.milestone < ?1 ORDER BY t.milestone DESC LIMIT ?2") \
	DLT_Q(TAG_RANGE, "SELECT count(*) FROM milestone_tags WHERE tag = ?1 AND milestone BETWEEN ?2 AND ?3") \
	DLT_Q(ERA_NEXT, "SELECT " DLT_ROW_COLS " FROM milestones m WHERE m.era = ?3 AND m.id > ?1 ORDER BY m.id LIMIT ?2") \
	DLT_Q(ERA_PREV, "SELECT " DLT_ROW_COLS " FROM milestones m WHERE m.era = ?3 AND m.id < ?1 ORDER BY m.id DESC LIMIT ?2") \
	DLT_Q(ERA_RANGE, "SELECT count(*) FROM milestones WHERE era = ?1 AND id BETWEEN ?2 AND ?3") \
	DLT_Q(PAR_NEXT, "SELECT " DLT_ROW_COLS " FROM milestones m WHERE m.paradigm = ?3 AND m.id > ?1 ORDER BY m.id LIMIT ?2") \
	DLT_Q(PAR_PREV, "SELECT " DLT_ROW_COLS " FROM milestones m WHERE m.paradigm = ?3 AND m.id < ?1 ORDER BY m.id DESC LIMIT ?2") \
	DLT_Q(PAR_RANGE, "SELECT count(*) FROM milestones WHERE paradigm = ?1 AND id BETWEEN ?2 AND ?3") \
	DLT_Q(KIND_NEXT, "SELECT " DLT_ROW_COLS " FROM milestones m WHERE m.kind = ?3 AND m.id > ?1 ORDER BY m.id LIMIT ?2") \
	DLT_Q(KIND_PREV, "SELECT " DLT_ROW_COLS " FROM milestones m WHERE m.kind = ?3 AND m.id < ?1 ORDER BY m.id DESC LIMIT ?2") \
	DLT_Q(KIND_RANGE, "SELECT count(*) FROM milestones WHERE kind = ?1 AND id BETWEEN ?2 AND ?3") \
	/* Filtered views are counted by filter_counts (kind 1 tag, 2 era, 3 paradigm, 4 kind): the \
	 * rows up to the end of the last block before block ?3, and in all. */ \
	DLT_Q(COUNT_BEFORE, "SELECT upto FROM filter_counts WHERE kind = ?1 AND ref = ?2 AND block < ?3 " \
		"ORDER BY block DESC LIMIT 1") \
	DLT_Q(COUNT_ALL, "SELECT upto FROM filter_counts WHERE kind = ?1 AND ref = ?2 ORDER BY block DESC LIMIT 1") \
	DLT_Q(FTS_NEXT, "SELECT " DLT_ROW_COLS " FROM search s JOIN milestones m ON m.id = s.rowid " \
		"WHERE search MATCH ?3 AND s.rowid > ?1 ORDER BY s.rowid LIMIT ?2") \
	DLT_Q(FTS_PREV, "SELECT " DLT_ROW_COLS " FROM search s JOIN milestones m ON m.id = s.rowid " \
		"WHERE search MATCH ?3 AND s.rowid < ?1 ORDER BY s.rowid DESC LIMIT ?2") \
	/* All matches after ?2 in timeline order: walked a slice at a time to count them. */ \
	DLT_Q(FTS_SCAN, "SELECT rowid FROM search WHERE search MATCH ?1 AND rowid > ?2 ORDER BY rowid") \
	DLT_Q(FTS_HAS, "SELECT 1 FROM search WHERE search MATCH ?1 AND rowid = ?2") \
	/* Ranked search: bm25 with the weights DLT_RANK_WEIGHTS (see db/rank.h); dlt_top ranks a \
	 * one-phrase query in one call (?3: its number of matches if known; NULL for more \
	 * phrases), dlt_rank scores row by row. */ \
	DLT_Q(FTS_TOP, "SELECT dlt_top(search, ?2, ?3, " DLT_RANK_WEIGHTS ") FROM search WHERE search MATCH ?1 LIMIT 1") \
	DLT_Q(FTS_RANKED, "SELECT rowid, dlt_rank(search, " DLT_RANK_WEIGHTS ") AS score FROM search " \
		"WHERE search MATCH ?1 AND rowid BETWEEN ?3 AND ?4 ORDER BY score, rowid LIMIT ?2") \
	/* Terms of the search index from ?1 up to (not including) ?2, for prefix expansion; the \
	 * FTS5 API, for its tokenizer. */ \
	DLT_Q(TERMS_RANGE, "SELECT term, docs FROM terms WHERE term >= ?1 AND term < ?2 ORDER BY term LIMIT ?3") \
	DLT_Q(TERM_DOCS, "SELECT docs FROM terms WHERE term = ?1") \
	DLT_Q(FTS5_API, "SELECT fts5(?1)") \
	DLT_Q(HAS_TAG, "SELECT 1 FROM milestone_tags WHERE milestone = ?1 AND tag = ?2") \
	/* JSON output, built by SQLite's JSON functions. */ \
	DLT_Q(MS_LIST_JSON, "SELECT json_object('id', m.slug, 'year', m.year, 'month', m.month, " \
		"'title', m.title, 'short', m.short, 'kind', m.kind, " \
		"'era', (SELECT e.slug FROM eras e WHERE e.id = m.era), " \
		"'paradigm', (SELECT p.slug FROM paradigms p WHERE p.id = m.paradigm), " \
		"'tags', (SELECT json_group_array(slug) FROM (SELECT t.slug FROM milestone_tags mt " \
		"JOIN tags t ON t.id = mt.tag WHERE mt.milestone = m.id ORDER BY t.id)), " \
		"'summary', m.summary) FROM milestones m WHERE m.id = ?1") \
	DLT_Q(MS_EXPORT_JSON, "SELECT json_object('id', m.slug, 'year', m.year, 'month', m.month, " \
		"'title', m.title, 'short', m.short, " \
		"'aliases', (SELECT json_group_array(alias) FROM (SELECT alias FROM aliases WHERE milestone = m.id ORDER BY pos)), " \
		"'kind', m.kind, 'authors', json(m.authors), 'author_count', m.author_count, " \
		"'organization', m.organization, 'venue', m.venue, 'venue_type', m.venue_type, " \
		"'paper_title', m.paper_title, " \
		"'arxiv', m.arxiv, 'doi', m.doi, 'url', m.url, " \
		"'era', (SELECT e.slug FROM eras e WHERE e.id = m.era), " \
		"'paradigm', (SELECT p.slug FROM paradigms p WHERE p.id = m.paradigm), " \
		"'tags', (SELECT json_group_array(slug) FROM (SELECT t.slug FROM milestone_tags mt " \
		"JOIN tags t ON t.id = mt.tag WHERE mt.milestone = m.id ORDER BY t.id)), " \
		"'summary', m.summary, " \
		/* an event's fields have their own names (data/README.md) */ \
		"CASE m.kind WHEN 'event' THEN 'background' ELSE 'problem' END, m.problem, " \
		"CASE m.kind WHEN 'event' THEN 'what_happened' ELSE 'insight' END, m.insight, " \
		"CASE m.kind WHEN 'event' THEN 'why_it_mattered' ELSE 'impact' END, m.impact, " \
		"'formula', m.formula, 'architecture', m.architecture, 'figures', json(m.figures), " \
		"'anecdote', m.anecdote, 'sources', json(m.sources), " \
		"'parameters', m.parameters, 'training_compute', m.training_compute, " \
		"'scale_source', m.scale_source, 'root', json(CASE WHEN m.root THEN 'true' ELSE 'false' END), " \
		"'builds_on', (SELECT json_group_array(json_object('id', slug, 'kind', kind, 'note', note)) FROM " \
		"(SELECT d.slug, l.kind, l.note FROM links l JOIN milestones d ON d.id = l.dst WHERE l.src = m.id ORDER BY l.pos))) " \
		"FROM milestones m WHERE m.id = ?1") \
	DLT_Q(LED_TO_JSON, "SELECT json_group_array(json_object('id', slug, 'kind', kind, 'note', note)) FROM " \
		"(SELECT s.slug, l.kind, l.note FROM links l JOIN milestones s ON s.id = l.src WHERE l.dst = ?1 ORDER BY l.src)") \
	DLT_Q(ERA_JSON, "SELECT json_group_array(json_object('id', slug, 'name', name, 'start', start, " \
		"'end', \"end\", 'summary', summary)) FROM (SELECT * FROM eras ORDER BY start, id)") \
	DLT_Q(PAR_JSON, "SELECT json_group_array(json_object('id', slug, 'name', name, 'start', start, " \
		"'end', \"end\", 'summary', summary)) FROM (SELECT * FROM paradigms ORDER BY start, id)") \
	DLT_Q(TAG_JSON, "SELECT json_group_array(json_object('id', slug, 'name', name)) FROM (SELECT * FROM tags ORDER BY id)") \
	/* Years: the per-year table written at import. */ \
	DLT_Q(YEAR_AT_OR_AFTER, "SELECT year, first_id, count FROM years WHERE year >= ?1 ORDER BY year LIMIT 1") \
	DLT_Q(YEAR_BEFORE, "SELECT year, first_id, count FROM years WHERE year < ?1 ORDER BY year DESC LIMIT 1") \
	DLT_Q(YEAR_OF, "SELECT year, first_id, count FROM years WHERE year = ?1") \
	DLT_Q(YEAR_ALL, "SELECT year, first_id, count FROM years ORDER BY year") \
	DLT_Q(YEAR_FIRST_ID, "SELECT first_id FROM years WHERE year >= ?1 ORDER BY year LIMIT 1") \
	DLT_Q(YEAR_RANGE, "SELECT min(year), max(year) FROM years") \
	/* Periods, tags, links. */ \
	DLT_Q(ERA_ALL, "SELECT id, slug, name, start, \"end\", summary FROM eras ORDER BY start, id") \
	DLT_Q(PAR_ALL, "SELECT id, slug, name, start, \"end\", summary FROM paradigms ORDER BY start, id") \
	DLT_Q(TAG_ALL, "SELECT t.id, t.slug, t.name, coalesce((SELECT f.upto FROM filter_counts f WHERE f.kind = 1 " \
		"AND f.ref = +t.id ORDER BY f.block DESC LIMIT 1), 0) " \
		"FROM tags t ORDER BY t.id") \
	DLT_Q(TAGS_OF, "SELECT t.id, t.slug, t.name FROM milestone_tags mt JOIN tags t ON t.id = mt.tag " \
		"WHERE mt.milestone = ?1 ORDER BY t.id") \
	DLT_Q(ALIASES_OF, "SELECT alias FROM aliases WHERE milestone = ?1 ORDER BY pos") \
	/* what a milestone builds on, in timeline order (the data keeps its own order: pos) */ \
	DLT_Q(LINKS_FROM, "SELECT l.dst, l.kind, l.note FROM links l WHERE l.src = ?1 ORDER BY l.dst") \
	DLT_Q(LINKS_TO, "SELECT l.src, l.kind, l.note FROM links l WHERE l.dst = ?1 ORDER BY l.src") \
	/* Graph walks (model/graph.c), every one bounded by LIMIT ?2: upwards ("builds on") through \
	 * the links primary key (src, dst, kind), downwards ("led to") through links_dst (dst, src); \
	 * both come out in timeline order of the other end without sorting. */ \
	DLT_Q(GRAPH_UP_IDS, "SELECT dst FROM links WHERE src = ?1 ORDER BY dst LIMIT ?2") \
	DLT_Q(GRAPH_DOWN_IDS, "SELECT src FROM links WHERE dst = ?1 ORDER BY src LIMIT ?2") \
	DLT_Q(GRAPH_UP_ROWS, "SELECT " DLT_ROW_COLS ", l.note FROM links l JOIN milestones m ON m.id = l.dst " \
		"WHERE l.src = ?1 ORDER BY l.dst LIMIT ?2") \
	DLT_Q(GRAPH_DOWN_ROWS, "SELECT " DLT_ROW_COLS ", l.note FROM links l JOIN milestones m ON m.id = l.src " \
		"WHERE l.dst = ?1 ORDER BY l.src LIMIT ?2") \
	DLT_Q(GRAPH_NOTE, "SELECT note FROM links WHERE src = ?1 AND dst = ?2 ORDER BY kind LIMIT 1") \
	DLT_Q(GRAPH_EDGES_OF, "SELECT dst, note FROM links WHERE src = ?1 ORDER BY dst") \
	DLT_Q(GRAPH_TAG_RANGE, "SELECT milestone FROM milestone_tags WHERE tag = ?1 " \
		"AND milestone BETWEEN ?2 AND ?3 ORDER BY milestone") \
	DLT_Q(GRAPH_ID_RANGE, "SELECT id FROM milestones WHERE id BETWEEN ?1 AND ?2 ORDER BY id") \
	DLT_Q(GRAPH_FIRST_TAG, "SELECT tag FROM milestone_tags WHERE milestone = ?1 ORDER BY tag LIMIT 1") \
	/* Charts (model/chart.c): the models with a scale, through the partial index milestones_scale. */ \
	DLT_Q(CHART_SCALE, "SELECT m.id, m.year, m.month, m.parameters, m.training_compute, m.short, m.title " \
		"FROM milestones m WHERE (m.parameters IS NOT NULL OR m.training_compute IS NOT NULL) " \
		"ORDER BY m.year, m.id")

enum dlt_query {
#define DLT_Q_ENUM(name, sql) Q_##name,
	DLT_QUERIES(DLT_Q_ENUM)
#undef DLT_Q_ENUM
	Q__COUNT
};

#endif
