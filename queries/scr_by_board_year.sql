-- title: Serious case reviews by board and year
-- description: Serious case reviews and, from 2019-20, local child safeguarding practice reviews,
--   as one series: one row per meeting that discussed a board's annual report. A blank number
--   means the minutes gave no number ("not stated"), which is not the same as none.
-- chart: bar x=year y=reviews color=board
-- columns: board, year, review_type, reviews, committee, meeting_date, source_document
SELECT
    local_authority AS board,
    period_shown AS year,
    review_type,
    scr_count AS reviews,
    committee,
    meeting_date,
    file_name AS source_document
FROM v_reviews
ORDER BY board, year, meeting_date
