-- title: What the minutes say about a theme
-- description: Every sentence that discusses the chosen theme, board by board, with where it was
--   recorded. Concerns raised about the theme are marked. Only themes the minutes mention are offered.
-- param: theme | Theme | query: SELECT DISTINCT code AS value, theme AS label FROM v_theme_evidence
--   UNION SELECT DISTINCT code, theme FROM v_concerns ORDER BY label
-- columns: board, year, recorded_as, quote, committee, meeting_date, source_document
SELECT
    local_authority AS board,
    period_shown AS year,
    'Discussed' AS recorded_as,
    sentence AS quote,
    committee,
    meeting_date,
    file_name AS source_document
FROM v_theme_evidence
WHERE code = $theme
UNION ALL
SELECT
    local_authority,
    period_shown,
    kind_label || ': ' || coalesce(raised_by, 'not named in the minutes'),
    sentence,
    committee,
    meeting_date,
    file_name
FROM v_concerns
WHERE code = $theme
ORDER BY board, year, recorded_as DESC
