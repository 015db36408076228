-- title: Theme coverage matrix
-- description: For each board and each theme that any board discussed, how many sentences of the
--   minutes discuss it, over all years. 0 means the minutes never mention the theme for that board.
-- chart: heatmap x=board y=theme z=sentences
-- columns: board, theme, sentences, years_mentioned
WITH boards AS (
    SELECT DISTINCT board_id, local_authority FROM v_reports WHERE board_id IS NOT NULL
),
themes AS (
    SELECT DISTINCT code, theme FROM v_theme_coverage
),
coverage AS (
    SELECT board_id, code, sum(n_sentences)::BIGINT AS sentences, count(DISTINCT period) AS years_mentioned
    FROM v_theme_coverage
    GROUP BY ALL
)
SELECT
    b.local_authority AS board,
    t.theme,
    coalesce(c.sentences, 0) AS sentences,
    coalesce(c.years_mentioned, 0) AS years_mentioned
FROM boards AS b
CROSS JOIN themes AS t
LEFT JOIN coverage AS c ON c.board_id = b.board_id AND c.code = t.code
ORDER BY board, theme
