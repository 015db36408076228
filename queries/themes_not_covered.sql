-- title: Themes a board has not covered that most others have
-- description: Themes the chosen board's minutes never mention, in any year, although more than half
--   of the other boards' minutes do: questions a scrutiny committee might ask.
-- chart: bar x=theme y=other_boards_covering
-- param: board | Board | query: SELECT DISTINCT board_id AS value, local_authority AS label
--   FROM v_reports WHERE board_id IS NOT NULL ORDER BY label
-- columns: theme, what_it_covers, other_boards_covering, other_boards, percent_of_other_boards
WITH others AS (
    SELECT count(DISTINCT board_id) AS n
    FROM v_reports
    WHERE board_id IS NOT NULL AND board_id <> $board
),
covered_by_others AS (
    SELECT code, count(DISTINCT board_id) AS n_boards
    FROM v_theme_coverage
    WHERE board_id <> $board
    GROUP BY code
)
SELECT
    x.label AS theme,
    x.description AS what_it_covers,
    c.n_boards AS other_boards_covering,
    o.n AS other_boards,
    round(100.0 * c.n_boards / o.n)::INTEGER AS percent_of_other_boards
FROM covered_by_others AS c
JOIN theme_taxonomy AS x USING (code)
CROSS JOIN others AS o
WHERE c.n_boards * 2 > o.n
  AND c.code NOT IN (SELECT code FROM v_theme_coverage WHERE board_id = $board)
ORDER BY other_boards_covering DESC, theme
