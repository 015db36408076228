-- Views the pages, queries and briefings read. Only reports about a safeguarding
-- children board (is_board_report) reach any comparison. Most read a summary table that every build
-- writes (boardcompare/sql/summaries.sql, where each is defined on the base tables), so that nothing
-- is joined or counted again on every view.

-- One row per board report, with the board's identity and the document it came from.
CREATE OR REPLACE VIEW v_reports AS SELECT * FROM report_rows;

-- Theme mentions with their board, period and source.
CREATE OR REPLACE VIEW v_theme_evidence AS SELECT * FROM theme_rows;

-- Board x period x theme: how many sentences of the minutes discuss it.
CREATE OR REPLACE VIEW v_theme_coverage AS
SELECT board_id, local_authority, period, period_start, code, theme, n_sentences, period_inferred
FROM theme_coverage;

-- Reported metrics with plain-English labels. A figure given in another unit than its catalogue entry's
-- is another measure, and its label says so ("Schools responding to the safeguarding audit (number)").
CREATE OR REPLACE VIEW v_metrics AS SELECT * FROM metric_rows;

-- Serious case reviews and, from 2019-20, local child safeguarding practice reviews:
-- one series. scr_count is NULL where the minutes give no number ("not stated").
CREATE OR REPLACE VIEW v_reviews AS
SELECT
    report_id, board_id, local_authority, period, period_start, period_inferred, period_shown, committee,
    meeting_date,
    file_name, scr_count, scr_sentence, scr_start, scr_end,
    CASE WHEN period_start >= 2019 THEN 'Local child safeguarding practice reviews'
         ELSE 'Serious case reviews' END AS review_type
FROM v_reports;

-- Concerns, with their kind (raised by members, learning from a review, ...) and who raised them.
CREATE OR REPLACE VIEW v_concerns AS SELECT * FROM concern_rows;

-- Actions and resolutions recorded, with the kind's label (boardcompare/vocab/action_kinds.csv).
CREATE OR REPLACE VIEW v_actions AS SELECT * FROM action_rows;

-- Each concern sentence once, however many themes it touches: what counts of concerns count.
CREATE OR REPLACE VIEW v_concern_sentences AS SELECT * FROM concern_sentence_rows;

-- The rules of a fair comparison that SQL needs, the same as boardcompare/fairness.py (a test
-- checks): a median needs at least min_boards boards; a theme is a gap when more than gap_share
-- of the other boards discussed it.
CREATE OR REPLACE VIEW v_comparison_rules AS
SELECT 5 AS min_boards, 0.5 AS gap_share;

-- A board's figure for a year: one value per board, year and measure (the catalogue name and
-- the unit), from its latest meeting on that year's report (by date) and, within those minutes,
-- the first mention (the headline; later mentions are usually parts of it). Every page, query and
-- briefing that needs "the board's figure" reads it here.
CREATE OR REPLACE VIEW v_figure_values AS SELECT * FROM figure_values;

-- Each figure in each year across the boards that reported it: a median only when enough boards
-- reported the same measure in the same year (v_comparison_rules), never a median of one.
CREATE OR REPLACE VIEW v_figure_medians AS
SELECT
    name, metric, unit, period, period_start, n_boards, boards,
    CASE WHEN n_boards >= r.min_boards THEN median_of_all END AS median,
    lowest, highest
FROM figure_medians, v_comparison_rules AS r;

-- Every stored document with what was extracted from it (board documents or not), from the
-- table the build writes (document_list), so the counts are not made again on every read.
CREATE OR REPLACE VIEW v_documents AS
SELECT
    document_id, file_name, source_path, source_url, format, n_chars, is_board_document,
    report_id, section_index, local_authority, board_id, board_name, period, committee, meeting_date,
    problems, n_themes, n_metrics, n_concerns, n_actions
FROM document_list;
