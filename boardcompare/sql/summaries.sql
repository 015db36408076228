-- Summary tables: what the views in views.sql read, computed once by every build (full or incremental)
-- from the base tables of schema.sql, so that a page does not join and aggregate every report each time
-- it is viewed. boardcompare/build/summaries.py runs each block below, in order, as
--     CREATE OR REPLACE TABLE <table> AS <the block's SELECT> ORDER BY <order>
-- (the order keeps the rows a filter reads close together, so DuckDB's zone maps skip the rest).
-- A block may read the tables made by the blocks before it. tests/test_summaries.py checks that each
-- view equals its definition run on the base tables, and that the rewritten page queries give what
-- the old ones gave.

-- table: report_rows
-- order: board_id, period_start, meeting_date, report_id
-- One row per board report, with the board's identity and the document it came from (v_reports).
SELECT
    r.report_id,
    r.document_id,
    r.board_id,
    b.local_authority,
    b.region,
    b.ons_code,
    coalesce(r.board_name, b.name) AS board_name,
    r.board_kind,
    r.period,
    r.period_start,
    r.period_inferred,
    -- the period as shown in tables: marked when the minutes never state it (display.period_shown, short)
    CASE WHEN r.period_inferred AND r.period IS NOT NULL THEN r.period || ' (inferred)'
         ELSE r.period END AS period_shown,
    r.committee,
    r.meeting_date,
    r.presenter_role,
    r.presenter_name,
    r.scr_count,
    r.scr_sentence,
    r.scr_start,
    r.scr_end,
    d.file_name,
    d.source_path,
    d.source_url,
    r.section_start,
    r.section_end
FROM reports AS r
JOIN documents AS d USING (document_id)
LEFT JOIN boards AS b USING (board_id)
WHERE r.is_board_report;

-- table: theme_rows
-- order: code, board_id, period_start, start_offset
-- Theme mentions with their board, period and source (v_theme_evidence).
SELECT
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start, v.period_inferred, v.period_shown,
    v.committee, v.meeting_date, v.file_name,
    t.code, x.label AS theme, x.applies_from, t.matched, t.sentence, t.start_offset, t.end_offset
FROM theme_mentions AS t
JOIN report_rows AS v USING (report_id)
JOIN theme_taxonomy AS x USING (code);

-- table: theme_coverage
-- order: board_id, period_start, code
-- Board x period x theme: how many sentences of the minutes discuss it (v_theme_coverage), and the
-- first of them (by position in the report; the Themes page's cells hover it).
SELECT
    board_id, local_authority, period, period_start, code, theme,
    count(*) AS n_sentences, bool_or(period_inferred) AS period_inferred,
    arg_min(sentence, start_offset) AS first_sentence, min(start_offset) AS first_offset
FROM theme_rows
GROUP BY board_id, local_authority, period, period_start, code, theme;

-- table: metric_rows
-- order: name, unit, board_id, period_start, metric_no
-- Reported metrics with plain-English labels (v_metrics). A figure given in another unit than its
-- catalogue entry's is another measure, and its label says so ("Schools responding to the safeguarding
-- audit (number)").
SELECT
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start, v.period_inferred, v.period_shown,
    v.committee, v.meeting_date, v.file_name,
    m.metric_no, m.name,
    CASE WHEN m.unit = c.unit THEN c.label
         ELSE c.label || ' (' || CASE m.unit WHEN 'count' THEN 'number' WHEN 'percent' THEN 'per cent'
                                             ELSE 'pounds' END || ')' END AS metric,
    m.value, m.unit, m.value_text, m.qualifier,
    m.value_high, m.as_of, m.sentence, m.start_offset, m.end_offset
FROM metrics AS m
JOIN report_rows AS v USING (report_id)
JOIN metric_catalogue AS c USING (name);

-- table: metric_cells
-- order: name, unit, board_id, period_start
-- Board x period x measure: how many figures (the Reported figures page's summary counts them).
SELECT name, unit, metric, board_id, period, period_start, count(*) AS n_rows
FROM metric_rows
GROUP BY name, unit, metric, board_id, period, period_start;

-- table: concern_rows
-- order: code, board_id, period_start, concern_no
-- Concerns, with their kind (raised by members, learning from a review, ...) and who raised them (v_concerns).
SELECT
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start, v.period_inferred, v.period_shown,
    v.committee, v.meeting_date, v.file_name,
    c.concern_no, c.code, x.label AS theme, c.kind, k.label AS kind_label, c.raised_by, c.sentence,
    c.start_offset, c.end_offset
FROM concerns AS c
JOIN report_rows AS v USING (report_id)
JOIN theme_taxonomy AS x USING (code)
JOIN concern_kinds AS k ON k.code = c.kind;

-- table: action_rows
-- order: board_id, period_start, action_no
-- Actions and resolutions recorded, with the kind's label (v_actions).
SELECT
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start, v.period_inferred, v.period_shown,
    v.committee, v.meeting_date, v.file_name,
    a.action_no, a.kind, k.label AS kind_label, k.follow_up, a.text, a.sentence, a.start_offset, a.end_offset
FROM actions AS a
JOIN report_rows AS v USING (report_id)
JOIN action_kinds AS k ON k.code = a.kind;

-- table: concern_sentence_rows
-- order: board_id, period_start, concern_no
-- Each concern sentence once, however many themes it touches: what counts of concerns count
-- (v_concern_sentences).
SELECT
    report_id, any_value(board_id) AS board_id, any_value(local_authority) AS local_authority,
    any_value(period) AS period, any_value(period_start) AS period_start,
    any_value(period_inferred) AS period_inferred, any_value(committee) AS committee,
    any_value(meeting_date) AS meeting_date, any_value(file_name) AS file_name,
    min(concern_no) AS concern_no, kind, any_value(kind_label) AS kind_label, raised_by, sentence,
    start_offset, any_value(end_offset) AS end_offset,
    string_agg(theme, '; ' ORDER BY theme) AS themes, list(code ORDER BY theme) AS codes
FROM concern_rows
GROUP BY report_id, start_offset, sentence, kind, raised_by;

-- table: concern_cells
-- order: code, period_start, board_id
-- Theme x board x period x kind of concern: how many times it was raised and the first sentence (by
-- position in the report); the Recurring concerns page's summary and timeline count these.
SELECT
    code, theme, board_id, local_authority, period, period_start, kind_label,
    count(*) AS n_times, arg_min(sentence, start_offset) AS first_sentence, min(start_offset) AS first_offset
FROM concern_rows
GROUP BY code, theme, board_id, local_authority, period, period_start, kind_label;

-- table: concern_kind_cells
-- order: kind, board_id, period_start
-- Kind x board x period x who raised it: how many concern sentences (each once, however many themes).
SELECT kind, board_id, period_start, raised_by, count(*) AS n_sentences
FROM concern_sentence_rows
GROUP BY kind, board_id, period_start, raised_by;

-- table: figure_values
-- order: name, unit, period_start, board_id
-- A board's figure for a year (v_figure_values): one value per board, year and measure (the catalogue
-- name and the unit), from its latest meeting on that year's report (by date) and, within those minutes,
-- the first mention (the headline; later mentions are usually parts of it).
SELECT * EXCLUDE (rank)
FROM (
    SELECT
        m.board_id, m.local_authority, m.period, m.period_start, m.period_inferred,
        m.name, m.metric, m.unit, m.value, m.value_high, m.qualifier, m.value_text, m.sentence,
        m.report_id, m.metric_no, m.committee, m.meeting_date, m.file_name,
        count(*) OVER (PARTITION BY m.board_id, m.period, m.name, m.unit) AS n_mentions,
        row_number() OVER (PARTITION BY m.board_id, m.period, m.name, m.unit
                           ORDER BY m.meeting_date DESC NULLS LAST, m.report_id, m.metric_no) AS rank
    FROM metric_rows AS m
    WHERE m.board_id IS NOT NULL AND m.period IS NOT NULL
)
WHERE rank = 1;

-- table: figure_medians
-- order: name, unit, period_start
-- Each figure in each year across the boards that reported it, with the median of all of them; the view
-- v_figure_medians shows the median only when enough boards reported it (v_comparison_rules).
SELECT
    name, metric, unit, period, period_start,
    count(*) AS n_boards,
    string_agg(local_authority, ', ' ORDER BY local_authority) AS boards,
    median(value) AS median_of_all,
    min(value) AS lowest, max(value) AS highest
FROM figure_values
GROUP BY name, metric, unit, period, period_start;
