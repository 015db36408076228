-- title: Themes a board has not covered that most others have
-- description: For each year the chosen board reported on, the themes its minutes do not mention
--   although more than half of the other boards' reports of the same year do. A year is compared only
--   when at least five other boards reported on it (v_comparison_rules), and a theme only from the
--   year it exists (the move to new safeguarding arrangements from 2017-18): questions a scrutiny
--   committee might ask.
-- chart: bar x=theme y=other_boards_covering color=year
-- param: board | Board | query: SELECT DISTINCT board_id AS value, local_authority AS label
--   FROM v_reports WHERE board_id IS NOT NULL ORDER BY label
-- columns: year, theme, what_it_covers, other_boards_covering, other_boards, percent_of_other_boards, which
WITH years AS (
    SELECT DISTINCT period, period_start FROM v_reports WHERE board_id = $board AND period_start IS NOT NULL
),
others AS (
    SELECT y.period, count(DISTINCT r.board_id) AS n
    FROM years AS y JOIN v_reports AS r ON r.period_start = y.period_start
    WHERE r.board_id IS NOT NULL AND r.board_id <> $board
    GROUP BY y.period
),
covered_by_others AS (
    SELECT y.period, y.period_start, e.code, count(DISTINCT e.board_id) AS n_boards,
           string_agg(DISTINCT e.local_authority, ', ' ORDER BY e.local_authority) AS which
    FROM years AS y JOIN v_theme_evidence AS e ON e.period_start = y.period_start
    WHERE e.board_id <> $board
    GROUP BY y.period, y.period_start, e.code
)
SELECT
    c.period AS year,
    x.label AS theme,
    x.description AS what_it_covers,
    c.n_boards AS other_boards_covering,
    o.n AS other_boards,
    round(100.0 * c.n_boards / o.n)::INTEGER AS percent_of_other_boards,
    c.which
FROM covered_by_others AS c
JOIN others AS o USING (period)
JOIN theme_taxonomy AS x USING (code)
CROSS JOIN v_comparison_rules AS rules
WHERE o.n >= rules.min_boards
  AND c.n_boards > rules.gap_share * o.n
  AND (x.applies_from IS NULL OR c.period_start >= x.applies_from)
  AND NOT EXISTS (SELECT 1 FROM v_theme_evidence AS mine
                  WHERE mine.board_id = $board AND mine.period = c.period AND mine.code = c.code)
ORDER BY year, other_boards_covering DESC, theme
