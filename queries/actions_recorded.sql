-- title: Actions and follow-ups recorded
-- description: What each committee resolved or asked for after discussing a board's annual report.
--   A follow-up is anything beyond noting the report: more information, someone asked to attend,
--   or a recommendation (the kinds and labels are boardcompare/vocab/action_kinds.csv).
-- columns: board, year, committee, meeting_date, action_type, follow_up, action, quote, source_document
SELECT
    local_authority AS board,
    period_shown AS year,
    committee,
    meeting_date,
    kind_label AS action_type,
    CASE WHEN follow_up THEN 'Yes' ELSE 'No' END AS follow_up,
    text AS action,
    sentence AS quote,
    file_name AS source_document
FROM v_actions
ORDER BY board, year, meeting_date, action_no
