-- title: Concerns raised over time
-- description: How many concerns committee members and others raised about each theme, year by year,
--   and at how many boards' meetings.
-- chart: bar x=year y=concerns color=theme
-- columns: year, theme, concerns, boards
SELECT
    period AS year,
    theme,
    count(*) AS concerns,
    count(DISTINCT board_id) AS boards
FROM v_concerns
GROUP BY ALL
ORDER BY year, concerns DESC, theme
