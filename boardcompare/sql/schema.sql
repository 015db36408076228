-- boardcompare store: base tables, filled by `boardcompare ingest`.
-- The views that the pages and queries read are in views.sql; the checks run
-- on every new database before it replaces the old one are in checks.sql.
-- Offsets (start_offset, end_offset) are character offsets into documents.text.
-- Integrity between tables (no orphan rows, known codes) is enforced by checks.sql on every
-- build, before the swap, rather than by foreign keys, so rows can be written in batches.

-- Reference list of England's local authorities with children's services.
CREATE TABLE local_authorities (
    name        TEXT PRIMARY KEY,     -- canonical name, e.g. 'Bath and North East Somerset'
    ons_code    TEXT NOT NULL,        -- e.g. 'E06000022'
    region      TEXT NOT NULL,        -- e.g. 'South West'
    la_type     TEXT NOT NULL,        -- county, metropolitan borough, London borough, unitary
    aliases     TEXT,                 -- short forms used in minutes, '|' separated
    valid_to    INTEGER               -- last year it existed, NULL when current
);

-- One row per board, identified by its local authority (never by its acronym).
CREATE TABLE boards (
    board_id        TEXT PRIMARY KEY,  -- slug of the local authority name, e.g. 'stockport'
    local_authority TEXT NOT NULL,     -- canonical name (local_authorities.name)
    ons_code        TEXT,
    region          TEXT,
    name            TEXT NOT NULL      -- the board's name as most recently written
);

-- One row per distinct file content; the same bytes under two names are stored once.
CREATE TABLE documents (
    document_id  TEXT PRIMARY KEY,     -- first 16 hex digits of content_hash
    content_hash TEXT NOT NULL UNIQUE, -- sha256 of the file's bytes
    source_path  TEXT NOT NULL,        -- path as first given (relative to the ingest root)
    file_name    TEXT NOT NULL,
    format       TEXT NOT NULL CHECK (format IN ('txt', 'html', 'pdf', 'docx')),
    n_chars      INTEGER NOT NULL,
    text         TEXT NOT NULL,
    source_url   TEXT,                 -- from data/minutes/sources.csv, when given
    is_board_document BOOLEAN NOT NULL -- false: not about a safeguarding children board
);

-- One row per meeting's minutes about a board's annual report.
CREATE TABLE reports (
    report_id       TEXT PRIMARY KEY,  -- document_id || '-' || section_index
    document_id     TEXT NOT NULL,
    section_index   INTEGER NOT NULL,
    section_start   INTEGER NOT NULL,
    section_end     INTEGER NOT NULL,
    is_board_report BOOLEAN NOT NULL,  -- false rows are kept out of every comparison view
    board_id        TEXT,
    board_name      TEXT,              -- as written in these minutes
    board_kind      TEXT CHECK (board_kind IN ('LSCB', 'partnership')),
    period          TEXT CHECK (regexp_full_match(period, '\d{4}-\d{2}')),  -- '2015-16'
    period_start    INTEGER,           -- 2015 for '2015-16'
    period_inferred BOOLEAN NOT NULL,  -- true: the minutes never state it; inferred from the meeting date
    committee       TEXT,
    meeting_date    DATE,
    presenter_role  TEXT,
    presenter_name  TEXT,
    scr_count       INTEGER CHECK (scr_count >= 0),  -- NULL when the minutes give no number
    scr_sentence    TEXT,
    scr_start       INTEGER,
    scr_end         INTEGER,
    problems        TEXT               -- why a document is not a board report, in plain words
);

-- The theme vocabulary (boardcompare/vocab/themes.csv).
CREATE TABLE theme_taxonomy (
    code         TEXT PRIMARY KEY,
    label        TEXT NOT NULL,        -- plain English, shown on screen
    description  TEXT NOT NULL,
    applies_from INTEGER               -- first period_start the theme exists for (NULL: always); see vocab/README.md
);

-- Kinds of concern (boardcompare/vocab/concern_kinds.csv).
CREATE TABLE concern_kinds (
    code        TEXT PRIMARY KEY,
    label       TEXT NOT NULL,         -- plain English, shown on screen
    description TEXT NOT NULL
);

-- Kinds of action or resolution (boardcompare/vocab/action_kinds.csv).
CREATE TABLE action_kinds (
    code        TEXT PRIMARY KEY,
    label       TEXT NOT NULL,         -- plain English, shown on screen
    follow_up   BOOLEAN NOT NULL,      -- more than noting the report: something is to come back
    description TEXT NOT NULL
);

-- The metric catalogue (boardcompare/vocab/metrics.csv).
CREATE TABLE metric_catalogue (
    name        TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    unit        TEXT NOT NULL CHECK (unit IN ('count', 'percent', 'gbp')),
    description TEXT NOT NULL
);

CREATE TABLE theme_mentions (
    report_id    TEXT NOT NULL,
    code         TEXT NOT NULL,
    matched      TEXT NOT NULL,        -- the words that matched
    sentence     TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    PRIMARY KEY (report_id, code, start_offset)
);

CREATE TABLE metrics (
    report_id    TEXT NOT NULL,
    metric_no    INTEGER NOT NULL,     -- order within the report
    name         TEXT NOT NULL,
    value        DOUBLE NOT NULL,
    unit         TEXT NOT NULL CHECK (unit IN ('count', 'percent', 'gbp')),
    value_text   TEXT NOT NULL,        -- as written: 'five', '55%', 'over 500'
    qualifier    TEXT,                 -- 'over', 'about', ...
    value_high   DOUBLE,               -- top of a range ('between 300 and 350'), NULL for one value
    as_of        TEXT,                 -- the date or period the sentence gives for this figure, if its own
    sentence     TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    PRIMARY KEY (report_id, metric_no)
);

CREATE TABLE concerns (
    report_id    TEXT NOT NULL,
    concern_no   INTEGER NOT NULL,
    code         TEXT NOT NULL,
    kind         TEXT NOT NULL,        -- concern_kinds.code: raised by members, review learning, ...
    raised_by    TEXT,                 -- who the minutes say raised it; NULL when they do not say
    sentence     TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    PRIMARY KEY (report_id, concern_no)
);

CREATE TABLE actions (
    report_id    TEXT NOT NULL,
    action_no    INTEGER NOT NULL,
    kind         TEXT NOT NULL,        -- action_kinds.code
    text         TEXT NOT NULL,
    sentence     TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    PRIMARY KEY (report_id, action_no)
);

-- What the last build did with each input file.
CREATE TABLE ingest_log (
    path        TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('used', 'duplicate', 'not_board', 'unusable')),
    message     TEXT NOT NULL,
    document_id TEXT
);

-- When and how the database was built.
CREATE TABLE build_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- How each stored document was read, so that the next build can keep its rows without reading it
-- again (an incremental build; see boardcompare/ingest.py).
CREATE TABLE document_builds (
    document_id TEXT PRIMARY KEY,
    hints       TEXT NOT NULL,         -- its line of sources.csv (council|source_url|meeting_date); '' for none
    outcome     TEXT NOT NULL CHECK (outcome IN ('used', 'not_board')),
    message     TEXT NOT NULL          -- what the build log says about it
);

-- Full-text search (boardcompare/search.py): how often each word, and each pair of adjacent words,
-- occurs in each document. Written in term order, so a lookup reads only the blocks holding its term.
CREATE TABLE search_terms (
    term        TEXT NOT NULL,         -- lower case: 'neglect', or two words 'information sharing'
    document_id TEXT NOT NULL,
    n           INTEGER NOT NULL,      -- occurrences in the document's text
    n_words     INTEGER NOT NULL       -- the document's length in words (for ranking)
);

-- Each document's length in words, and what BM25 needs of the whole collection (one row).
CREATE TABLE search_documents (
    document_id TEXT PRIMARY KEY,
    n_words     INTEGER NOT NULL
);
CREATE TABLE search_stats (
    n_documents INTEGER NOT NULL,
    avg_words   DOUBLE NOT NULL
);

-- The Sources page's documents list: one row per document and meeting, with how many themes,
-- figures, concerns and actions were taken from it, counted once by each build (v_documents reads it).
CREATE TABLE document_list (
    document_id       TEXT NOT NULL,
    file_name         TEXT NOT NULL,
    source_path       TEXT NOT NULL,
    source_url        TEXT,
    format            TEXT NOT NULL,
    n_chars           INTEGER NOT NULL,
    is_board_document BOOLEAN NOT NULL,
    report_id         TEXT,
    section_index     INTEGER,
    local_authority   TEXT,
    board_id          TEXT,
    board_name        TEXT,
    period            TEXT,
    period_start      INTEGER,
    committee         TEXT,
    meeting_date      DATE,
    problems          TEXT,
    n_themes          INTEGER NOT NULL,
    n_metrics         INTEGER NOT NULL,
    n_concerns        INTEGER NOT NULL,
    n_actions         INTEGER NOT NULL
);
