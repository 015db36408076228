-- Views the pages, queries and briefings read. Only reports about a safeguarding
-- children board (is_board_report) reach any comparison.

-- One row per board report, with the board's identity and the document it came from.
CREATE VIEW v_reports AS
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

-- Theme mentions with their board, period and source.
CREATE VIEW v_theme_evidence AS
SELECT
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start, v.period_inferred, v.period_shown,
    v.committee, v.meeting_date, v.file_name,
    t.code, x.label AS theme, x.applies_from, t.matched, t.sentence, t.start_offset, t.end_offset
FROM theme_mentions AS t
JOIN v_reports AS v USING (report_id)
JOIN theme_taxonomy AS x USING (code);

-- Board x period x theme: how many sentences of the minutes discuss it.
CREATE VIEW v_theme_coverage AS
SELECT
    board_id, local_authority, period, period_start, code, theme,
    count(*) AS n_sentences, bool_or(period_inferred) AS period_inferred
FROM v_theme_evidence
GROUP BY board_id, local_authority, period, period_start, code, theme;

-- Reported metrics with plain-English labels. A figure given in another unit than its catalogue entry's
-- is another measure, and its label says so ("Schools responding to the safeguarding audit (number)").
CREATE VIEW v_metrics AS
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
JOIN v_reports AS v USING (report_id)
JOIN metric_catalogue AS c USING (name);

-- Serious case reviews and, from 2019-20, local child safeguarding practice reviews:
-- one series. scr_count is NULL where the minutes give no number ("not stated").
CREATE VIEW v_reviews AS
SELECT
    report_id, board_id, local_authority, period, period_start, period_inferred, period_shown, committee,
    meeting_date,
    file_name, scr_count, scr_sentence, scr_start, scr_end,
    CASE WHEN period_start >= 2019 THEN 'Local child safeguarding practice reviews'
         ELSE 'Serious case reviews' END AS review_type
FROM v_reports;

-- Concerns, with their kind (raised by members, learning from a review, ...) and who raised them.
CREATE VIEW v_concerns AS
SELECT
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start, v.period_inferred, v.period_shown,
    v.committee, v.meeting_date, v.file_name,
    c.concern_no, c.code, x.label AS theme, c.kind, k.label AS kind_label, c.raised_by, c.sentence,
    c.start_offset, c.end_offset
FROM concerns AS c
JOIN v_reports AS v USING (report_id)
JOIN theme_taxonomy AS x USING (code)
JOIN concern_kinds AS k ON k.code = c.kind;

-- Actions and resolutions recorded, with the kind's label (boardcompare/vocab/action_kinds.csv).
CREATE VIEW v_actions AS
SELECT
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start, v.period_inferred, v.period_shown,
    v.committee, v.meeting_date, v.file_name,
    a.action_no, a.kind, k.label AS kind_label, k.follow_up, a.text, a.sentence, a.start_offset, a.end_offset
FROM actions AS a
JOIN v_reports AS v USING (report_id)
JOIN action_kinds AS k ON k.code = a.kind;

-- Each concern sentence once, however many themes it touches: what counts of concerns count.
CREATE VIEW v_concern_sentences AS
SELECT
    report_id, any_value(board_id) AS board_id, any_value(local_authority) AS local_authority,
    any_value(period) AS period, any_value(period_start) AS period_start,
    any_value(period_inferred) AS period_inferred, any_value(committee) AS committee,
    any_value(meeting_date) AS meeting_date, any_value(file_name) AS file_name,
    min(concern_no) AS concern_no, kind, any_value(kind_label) AS kind_label, raised_by, sentence,
    start_offset, any_value(end_offset) AS end_offset,
    string_agg(theme, '; ' ORDER BY theme) AS themes, list(code ORDER BY theme) AS codes
FROM v_concerns
GROUP BY report_id, start_offset, sentence, kind, raised_by;

-- The rules of a fair comparison that SQL needs, the same as boardcompare/fairness.py (a test
-- checks): a median needs at least min_boards boards; a theme is a gap when more than gap_share
-- of the other boards discussed it.
CREATE VIEW v_comparison_rules AS
SELECT 5 AS min_boards, 0.5 AS gap_share;

-- A board's figure for a year: one value per board, year and measure (the catalogue name and
-- the unit), from its latest meeting on that year's report (by date) and, within those minutes,
-- the first mention (the headline; later mentions are usually parts of it). Every page, query and
-- briefing that needs "the board's figure" reads it here.
CREATE VIEW v_figure_values AS
SELECT * EXCLUDE (rank)
FROM (
    SELECT
        m.board_id, m.local_authority, m.period, m.period_start, m.period_inferred,
        m.name, m.metric, m.unit, m.value, m.value_high, m.qualifier, m.value_text, m.sentence,
        m.report_id, m.metric_no, m.committee, m.meeting_date, m.file_name,
        count(*) OVER (PARTITION BY m.board_id, m.period, m.name, m.unit) AS n_mentions,
        row_number() OVER (PARTITION BY m.board_id, m.period, m.name, m.unit
                           ORDER BY m.meeting_date DESC NULLS LAST, m.report_id, m.metric_no) AS rank
    FROM v_metrics AS m
    WHERE m.board_id IS NOT NULL AND m.period IS NOT NULL
)
WHERE rank = 1;

-- Each figure in each year across the boards that reported it: a median only when enough boards
-- reported the same measure in the same year (v_comparison_rules), never a median of one.
CREATE VIEW v_figure_medians AS
SELECT
    name, metric, unit, period, period_start,
    count(*) AS n_boards,
    string_agg(local_authority, ', ' ORDER BY local_authority) AS boards,
    CASE WHEN count(*) >= any_value(r.min_boards) THEN median(value) END AS median,
    min(value) AS lowest, max(value) AS highest
FROM v_figure_values, v_comparison_rules AS r
GROUP BY name, metric, unit, period, period_start;

-- Every stored document with what was extracted from it (board documents or not), from the
-- table the build writes (document_list), so the counts are not made again on every read.
CREATE VIEW v_documents AS
SELECT
    document_id, file_name, source_path, source_url, format, n_chars, is_board_document,
    report_id, section_index, local_authority, board_id, board_name, period, committee, meeting_date,
    problems, n_themes, n_metrics, n_concerns, n_actions
FROM document_list;
