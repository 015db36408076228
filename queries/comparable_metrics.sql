-- title: Figures that can be compared across boards
-- description: The figures (from the metric catalogue) that at least two boards reported, with the
--   lowest, middle and highest value reported over all years. Figures that fit no catalogue entry
--   are left out.
-- chart: bar x=figure y=boards_reporting
-- columns: figure, unit, boards_reporting, times_reported, lowest, median, highest, boards
SELECT
    metric AS figure,
    CASE unit WHEN 'count' THEN 'number' WHEN 'percent' THEN 'percent' WHEN 'gbp' THEN 'pounds' END AS unit,
    count(DISTINCT board_id) AS boards_reporting,
    count(*) AS times_reported,
    min(value) AS lowest,
    median(value) AS median,
    max(value) AS highest,
    string_agg(DISTINCT local_authority, ', ' ORDER BY local_authority) AS boards
FROM v_metrics
WHERE name NOT IN ('other_count', 'other_percent')
GROUP BY metric, unit
HAVING count(DISTINCT board_id) >= 2
ORDER BY boards_reporting DESC, figure
