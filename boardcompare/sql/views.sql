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
    r.committee,
    r.meeting_date,
    r.presenter_role,
    r.presenter_name,
    r.scr_count,
    r.scr_sentence,
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
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start,
    v.committee, v.meeting_date, v.file_name,
    t.code, x.label AS theme, t.matched, t.sentence, t.start_offset, t.end_offset
FROM theme_mentions AS t
JOIN v_reports AS v USING (report_id)
JOIN theme_taxonomy AS x USING (code);

-- Board x period x theme: how many sentences of the minutes discuss it.
CREATE VIEW v_theme_coverage AS
SELECT
    board_id, local_authority, period, period_start, code, theme,
    count(*) AS n_sentences
FROM v_theme_evidence
GROUP BY ALL;

-- Reported metrics with plain-English labels.
CREATE VIEW v_metrics AS
SELECT
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start,
    v.committee, v.meeting_date, v.file_name,
    m.metric_no, m.name, c.label AS metric, m.value, m.unit, m.value_text, m.qualifier,
    m.value_high, m.as_of, m.sentence, m.start_offset, m.end_offset
FROM metrics AS m
JOIN v_reports AS v USING (report_id)
JOIN metric_catalogue AS c USING (name);

-- Serious case reviews and, from 2019-20, local child safeguarding practice reviews:
-- one series. scr_count is NULL where the minutes give no number ("not stated").
CREATE VIEW v_reviews AS
SELECT
    report_id, board_id, local_authority, period, period_start, committee, meeting_date,
    file_name, scr_count, scr_sentence,
    CASE WHEN period_start >= 2019 THEN 'Local child safeguarding practice reviews'
         ELSE 'Serious case reviews' END AS review_type
FROM v_reports;

-- Concerns, with their kind (raised by members, learning from a review, ...) and who raised them.
CREATE VIEW v_concerns AS
SELECT
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start,
    v.committee, v.meeting_date, v.file_name,
    c.concern_no, c.code, x.label AS theme, c.kind, k.label AS kind_label, c.raised_by, c.sentence,
    c.start_offset, c.end_offset
FROM concerns AS c
JOIN v_reports AS v USING (report_id)
JOIN theme_taxonomy AS x USING (code)
JOIN concern_kinds AS k ON k.code = c.kind;

-- Actions and resolutions recorded.
CREATE VIEW v_actions AS
SELECT
    v.report_id, v.board_id, v.local_authority, v.period, v.period_start,
    v.committee, v.meeting_date, v.file_name,
    a.action_no, a.kind, a.text, a.sentence, a.start_offset, a.end_offset
FROM actions AS a
JOIN v_reports AS v USING (report_id);

-- Every stored document with what was extracted from it (board documents or not), from the
-- table the build writes (document_list), so the counts are not made again on every read.
CREATE VIEW v_documents AS
SELECT
    document_id, file_name, source_path, source_url, format, n_chars, is_board_document,
    report_id, section_index, local_authority, board_id, board_name, period, committee, meeting_date,
    problems, n_themes, n_metrics, n_concerns, n_actions
FROM document_list;
