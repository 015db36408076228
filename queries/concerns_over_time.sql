-- title: Concerns raised over time
-- description: How many concerns were recorded about each theme, year by year, of which kind (raised
--   by members, learning from a review, the board's own area for improvement, assurance sought), and
--   at how many boards' meetings. A sentence about two themes counts once under each.
-- chart: bar x=year y=concerns color=theme
-- columns: year, theme, kind_of_concern, concerns, boards
SELECT
    period AS year,
    theme,
    kind_label AS kind_of_concern,
    count(*) AS concerns,
    count(DISTINCT board_id) AS boards
FROM v_concerns
GROUP BY period, theme, kind_label
ORDER BY year, concerns DESC, theme, kind_of_concern
