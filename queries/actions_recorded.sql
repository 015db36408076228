-- title: Actions and follow-ups recorded
-- description: What each committee resolved or asked for after discussing a board's annual report.
--   A follow-up is anything beyond noting the report: more information, someone asked to attend,
--   or a recommendation.
-- columns: board, year, committee, meeting_date, action_type, follow_up, action, quote, source_document
SELECT
    local_authority AS board,
    period AS year,
    committee,
    meeting_date,
    CASE kind
        WHEN 'noted' THEN 'Report noted'
        WHEN 'further_information' THEN 'Further information requested'
        WHEN 'attend' THEN 'Asked to attend'
        WHEN 'recommendation' THEN 'Recommendation'
        ELSE 'Other'
    END AS action_type,
    CASE WHEN kind IN ('further_information', 'attend', 'recommendation') THEN 'Yes' ELSE 'No' END
        AS follow_up,
    text AS action,
    sentence AS quote,
    file_name AS source_document
FROM v_actions
ORDER BY board, year, meeting_date, action_no
