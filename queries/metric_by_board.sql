-- title: One figure, board by board
-- description: Every value of the chosen figure that the minutes report, by board and year, with the
--   words used. Only figures that at least two boards reported are offered.
-- chart: bar x=board y=value color=year
-- param: metric | Figure | query: SELECT name AS value, metric AS label FROM v_metrics
--   WHERE name NOT IN ('other_count', 'other_percent')
--   GROUP BY name, metric HAVING count(DISTINCT board_id) >= 2 ORDER BY label
-- columns: board, year, figure, value, as_written, quote, committee, meeting_date, source_document
SELECT
    local_authority AS board,
    period_shown AS year,
    metric AS figure,
    value,
    value_text AS as_written,
    sentence AS quote,
    committee,
    meeting_date,
    file_name AS source_document
FROM v_metrics
WHERE name = $metric
ORDER BY board, year, metric_no
