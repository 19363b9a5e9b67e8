-- Indexes, built by the importer after all rows are loaded (faster than maintaining them
-- row by row). Every query the program issues is served by one of these or a primary key;
-- tests/test_query_plans checks that with EXPLAIN QUERY PLAN. There is none on the year:
-- ids are chronological, and the table `years` turns a year into its range of ids.

CREATE INDEX milestones_era       ON milestones(era);
CREATE INDEX milestones_paradigm  ON milestones(paradigm);
CREATE INDEX milestones_kind      ON milestones(kind);
-- Names are found by their key, dlt_name_key() (utf8_name_key in src/core/utf8.c: letters and
-- digits only, without case or accents), so "gpt3" finds "GPT-3" and "alpha go" AlphaGo;
-- every connection registers the function before it reads (src/db/db.c).
CREATE INDEX milestones_slug_key  ON milestones(dlt_name_key(slug));
CREATE INDEX milestones_short_key ON milestones(dlt_name_key(short));
CREATE INDEX milestones_title_key ON milestones(dlt_name_key(title));
CREATE INDEX milestones_paper_key ON milestones(dlt_name_key(paper_title));
CREATE INDEX aliases_key          ON aliases(dlt_name_key(alias));
-- Ids are lower-case (the importer allows [a-z0-9-] only), so one index ignoring case serves
-- both the exact lookup and the case-insensitive one, and keeps ids unique.
CREATE UNIQUE INDEX milestones_slug ON milestones(slug COLLATE NOCASE);
CREATE INDEX milestone_tags_tag   ON milestone_tags(tag, milestone);
CREATE INDEX links_dst            ON links(dst, src);
-- Only the models with a parameter count or a training-compute figure (the scale charts).
CREATE INDEX milestones_scale     ON milestones(year)
  WHERE parameters IS NOT NULL OR training_compute IS NOT NULL;
CREATE INDEX eras_start           ON eras(start);
CREATE INDEX paradigms_start      ON paradigms(start);
