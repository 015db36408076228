-- title: Figures that can be compared across boards
-- description: Each figure (from the metric catalogue) in each year that at least two boards
--   reported, as one measure (the same name and unit): how many boards, which, and their median.
--   The median is given only when at least five boards reported the figure in that year
--   (v_comparison_rules); otherwise the comparison column says there are too few. Each board counts
--   once a year (v_figure_values); a figure the minutes do not state is left out, never counted as 0.
-- chart: bar x=year y=boards_reporting color=figure
-- columns: figure, unit, year, boards_reporting, lowest, median, highest, comparison, boards
SELECT
    metric AS figure,
    CASE unit WHEN 'count' THEN 'number' WHEN 'percent' THEN 'per cent' WHEN 'gbp' THEN 'pounds' END AS unit,
    period AS year,
    n_boards AS boards_reporting,
    lowest,
    median,
    highest,
    CASE WHEN median IS NULL THEN 'too few boards reported this figure in the same year to compare'
         ELSE 'median of ' || n_boards || ' boards' END AS comparison,
    boards
FROM v_figure_medians
WHERE name NOT IN ('other_count', 'other_percent') AND n_boards >= 2
ORDER BY boards_reporting DESC, figure, year
