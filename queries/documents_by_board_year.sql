-- title: Documents and coverage by board and year
-- description: For each board and year: how many documents and meetings the minutes come from, and
--   how much was found in them (themes, figures, concerns and actions). Documents not about a
--   board are listed by the query "Documents that were not used".
-- chart: bar x=year y=documents color=board
-- columns: board, year, documents, meetings, themes, figures, concerns, actions, review_number_stated
SELECT
    r.local_authority AS board,
    r.period AS year,
    count(DISTINCT r.document_id) AS documents,
    count(*) AS meetings,
    (SELECT count(DISTINCT c.code) FROM v_theme_coverage AS c
      WHERE c.board_id = r.board_id AND c.period IS NOT DISTINCT FROM r.period) AS themes,
    sum(d.n_metrics)::BIGINT AS figures,
    sum(d.n_concerns)::BIGINT AS concerns,
    sum(d.n_actions)::BIGINT AS actions,
    CASE WHEN bool_or(r.scr_count IS NOT NULL) THEN 'Yes' ELSE 'No' END AS review_number_stated
FROM v_reports AS r
JOIN v_documents AS d USING (report_id)
GROUP BY r.board_id, r.local_authority, r.period
ORDER BY board, year
