-- dltimeline database schema, version 4.
--
-- The importer executes this file on an empty database, loads the data, then runs
-- schema/indexes.sql. Readers check PRAGMA user_version against DLT_SCHEMA_VERSION
-- (src/db/db.h) and refuse any other version.
--
-- Milestones get their rowids in chronological order (year, month, then input order),
-- numbered 1..N without gaps: the rowid is the milestone's position on the timeline,
-- and the contentless FTS table shares those rowids, so search results come out in
-- timeline order for free.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT
) WITHOUT ROWID;

CREATE TABLE eras (
  id       INTEGER PRIMARY KEY,            -- ordered by (start, end, input order)
  slug     TEXT NOT NULL UNIQUE,
  name     TEXT NOT NULL,
  start    INTEGER NOT NULL CHECK (start BETWEEN 1800 AND 2100),
  "end"    INTEGER CHECK ("end" IS NULL OR ("end" BETWEEN 1800 AND 2100 AND "end" >= start)),
  summary  TEXT
);

-- A paradigm is a way of working that a milestone follows, at any date. One with years is
-- also a period: the paradigm that dominated those years (drawn as a band in the browser).
CREATE TABLE paradigms (
  id       INTEGER PRIMARY KEY,            -- periods by (start, end, input order), then the rest
  slug     TEXT NOT NULL UNIQUE,
  name     TEXT NOT NULL,
  start    INTEGER CHECK (start IS NULL OR start BETWEEN 1800 AND 2100),
  "end"    INTEGER CHECK ("end" IS NULL OR ("end" BETWEEN 1800 AND 2100 AND "end" >= start)),
  summary  TEXT
);

CREATE TABLE tags (
  id    INTEGER PRIMARY KEY,               -- in input order
  slug  TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL
);

CREATE TABLE milestones (
  id               INTEGER PRIMARY KEY,    -- chronological position, 1..N
  slug             TEXT NOT NULL,          -- unique (index milestones_slug, built after loading)
  year             INTEGER NOT NULL CHECK (year BETWEEN 1800 AND 2100),
  month            INTEGER CHECK (month IS NULL OR month BETWEEN 1 AND 12),
  title            TEXT NOT NULL,
  short            TEXT,
  kind             TEXT NOT NULL CHECK (kind IN ('paper','model','system','product','event',
                                                 'dataset','framework','hardware','competition')),
  authors          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),   -- JSON array, in order
  author_count     INTEGER CHECK (author_count IS NULL OR author_count > 0),
  organization     TEXT,
  venue            TEXT,
  venue_type       TEXT CHECK (venue_type IS NULL OR venue_type IN ('journal','conference',
                     'workshop','book','chapter','phd-thesis','masters-thesis','report',
                     'preprint','lecture','web')),
  paper_title      TEXT,
  arxiv            TEXT,
  doi              TEXT,
  url              TEXT,
  era              INTEGER NOT NULL REFERENCES eras(id),
  paradigm         INTEGER REFERENCES paradigms(id),
  summary          TEXT NOT NULL,
  problem          TEXT,                   -- an event's background
  insight          TEXT,                   -- an event: what happened
  impact           TEXT,                   -- an event: why it mattered
  formula          TEXT,
  architecture     TEXT,
  figures          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(figures)),   -- [{text, source}]
  anecdote         TEXT,
  parameters       REAL CHECK (parameters IS NULL OR parameters > 0),
  training_compute REAL CHECK (training_compute IS NULL OR training_compute > 0),
  scale_source     TEXT,
  root             INTEGER NOT NULL DEFAULT 0 CHECK (root IN (0, 1)),
  sources          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources))    -- JSON array of text
);

CREATE TABLE milestone_tags (
  milestone  INTEGER NOT NULL REFERENCES milestones(id),
  tag        INTEGER NOT NULL REFERENCES tags(id),
  PRIMARY KEY (milestone, tag)
) WITHOUT ROWID;

CREATE TABLE aliases (
  milestone  INTEGER NOT NULL REFERENCES milestones(id),
  pos        INTEGER NOT NULL,              -- order in the source data
  alias      TEXT NOT NULL,
  PRIMARY KEY (milestone, pos)
) WITHOUT ROWID;

-- A directed link: src builds on dst (dst is the earlier idea).
CREATE TABLE links (
  src   INTEGER NOT NULL REFERENCES milestones(id),
  dst   INTEGER NOT NULL REFERENCES milestones(id),
  kind  TEXT NOT NULL DEFAULT 'builds_on' CHECK (kind IN ('builds_on')),
  note  TEXT NOT NULL,
  pos   INTEGER NOT NULL,                   -- order of the link in the source data
  PRIMARY KEY (src, dst, kind),
  CHECK (src <> dst)
) WITHOUT ROWID;

-- Precomputed per-year statistics: the timeline never counts rows at run time.
CREATE TABLE years (
  year       INTEGER PRIMARY KEY,
  first_id   INTEGER NOT NULL,              -- first milestone of the year
  count      INTEGER NOT NULL
);

-- Precomputed counts of the filtered views, so that "k of N" never counts rows: for each
-- tag, era, paradigm and kind, and each block of DLT_COUNT_BLOCK (1024) milestone ids that
-- holds any of its rows (block b holds ids b*1024+1 .. b*1024+1024), the number of its rows
-- with an id up to the end of the block. A filter's size is the `upto` of its last block;
-- the position of a milestone in a filtered view is the `upto` of the filter's last block
-- before the milestone's own, plus the filter's rows counted in that one block.
CREATE TABLE filter_counts (
  kind   INTEGER NOT NULL,                  -- 1 tag, 2 era, 3 paradigm, 4 kind
  ref    NOT NULL,                          -- tag, era or paradigm id; the kind's name
  block  INTEGER NOT NULL,
  upto   INTEGER NOT NULL,
  PRIMARY KEY (kind, ref, block)
) WITHOUT ROWID;

-- Keyword search. Contentless: it stores only the index; rowid = milestones.id. The authors
-- column holds the names as written and, for names that are not plain ASCII, their ASCII
-- spelling too ("Łukasz Kaiser ; Lukasz Kaiser"), so that "lukasz" finds them; tags holds
-- each tag's id and name. There are no prefix indexes: a prefix is looked up in `terms`
-- below instead. The weight of each column in ranking is DLT_RANK_WEIGHTS (src/db/queries.h).
CREATE VIRTUAL TABLE search USING fts5(
  title, short, aliases, authors, summary, problem, insight, impact, tags, paper_title, venue,
  content = '',
  tokenize = 'unicode61 remove_diacritics 2'
);

-- The length in tokens of each milestone's search text, all columns together, as the index
-- counts it (the sum of its row in search_docsize), for ranking (src/db/rank.c): row `block`
-- holds the lengths of ids block*1024+1 .. block*1024+1024 as 32-bit little-endian integers.
-- Ranking a million matches then reads 4 MB in order instead of seeking a million rows.
CREATE TABLE doc_lengths (
  block    INTEGER PRIMARY KEY,
  lengths  BLOB NOT NULL
);

-- Every term of the search index with the number of milestones that contain it. The browser
-- expands a prefix ("netw") to the terms it stands for, which the index walks in timeline
-- order without merging every matching row first, and knows the number of matches of a
-- one-term search without counting.
CREATE TABLE terms (
  term  TEXT PRIMARY KEY NOT NULL,
  docs  INTEGER NOT NULL
) WITHOUT ROWID;

PRAGMA user_version = 5;
