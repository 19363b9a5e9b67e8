-- Indexes, built by the importer after all rows are loaded (faster than maintaining them
-- row by row). Every query the program issues is served by one of these or a primary key;
-- tests/test_query_plans checks that with EXPLAIN QUERY PLAN. There is none on the year:
-- ids are chronological, and the table `years` turns a year into its range of ids.

CREATE INDEX milestones_era       ON milestones(era);
CREATE INDEX milestones_paradigm  ON milestones(paradigm);
CREATE INDEX milestones_kind      ON milestones(kind);
CREATE INDEX milestones_short_nc  ON milestones(short COLLATE NOCASE);
CREATE INDEX milestones_title_nc  ON milestones(title COLLATE NOCASE);
CREATE INDEX milestones_paper_nc  ON milestones(paper_title COLLATE NOCASE);
-- Ids are lower-case (the importer allows [a-z0-9-] only), so one index ignoring case serves
-- both the exact lookup and the case-insensitive one, and keeps ids unique.
CREATE UNIQUE INDEX milestones_slug ON milestones(slug COLLATE NOCASE);
CREATE INDEX milestone_tags_tag   ON milestone_tags(tag, milestone);
CREATE INDEX aliases_alias_nc     ON aliases(alias COLLATE NOCASE);
CREATE INDEX links_dst            ON links(dst, src);
-- Only the models with a parameter count or a training-compute figure (the scale charts).
CREATE INDEX milestones_scale     ON milestones(year)
  WHERE parameters IS NOT NULL OR training_compute IS NOT NULL;
CREATE INDEX eras_start           ON eras(start);
CREATE INDEX paradigms_start      ON paradigms(start);
