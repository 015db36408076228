-- title: Boards that raised information sharing, with quotes
-- description: Every sentence of the minutes that discusses information sharing between agencies,
--   and every concern about it, with its kind (raised by members, learning from a review, the board's
--   own area for improvement, assurance sought), who raised it and where it was recorded.
-- columns: board, year, recorded_as, raised_by, quote, committee, meeting_date, source_document
SELECT
    local_authority AS board,
    period_shown AS year,
    'Discussed' AS recorded_as,
    NULL AS raised_by,
    sentence AS quote,
    committee,
    meeting_date,
    file_name AS source_document
FROM v_theme_evidence
WHERE code = 'information_sharing'
UNION ALL
SELECT
    local_authority,
    period_shown,
    'Concern: ' || lower(kind_label),
    raised_by,
    sentence,
    committee,
    meeting_date,
    file_name
FROM v_concerns
WHERE code = 'information_sharing'
ORDER BY board, year, recorded_as DESC
