-- Checks on a newly built database: each query returns the rows that break a rule,
-- so an empty result is a pass. A build whose checks fail is not swapped in.
-- Each check starts with a comment line naming it (check, a colon, the name).

-- check: reports have a unique id
SELECT report_id FROM reports GROUP BY report_id HAVING count(*) > 1;

-- check: every report belongs to a stored document
SELECT report_id FROM reports r WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.document_id = r.document_id);

-- check: board reports have a known board
SELECT report_id FROM reports r
WHERE r.is_board_report AND (r.board_id IS NULL OR NOT EXISTS (SELECT 1 FROM boards b WHERE b.board_id = r.board_id));

-- check: boards belong to a known local authority
SELECT board_id FROM boards b WHERE NOT EXISTS (SELECT 1 FROM local_authorities l WHERE l.name = b.local_authority);

-- check: theme mentions use known theme codes and reports
SELECT report_id, code FROM theme_mentions t
WHERE NOT EXISTS (SELECT 1 FROM theme_taxonomy x WHERE x.code = t.code)
   OR NOT EXISTS (SELECT 1 FROM reports r WHERE r.report_id = t.report_id);

-- check: concerns use known theme codes and reports
SELECT report_id, code FROM concerns c
WHERE NOT EXISTS (SELECT 1 FROM theme_taxonomy x WHERE x.code = c.code)
   OR NOT EXISTS (SELECT 1 FROM reports r WHERE r.report_id = c.report_id);

-- check: metrics use known metric names and reports
SELECT report_id, name FROM metrics m
WHERE NOT EXISTS (SELECT 1 FROM metric_catalogue c WHERE c.name = m.name)
   OR NOT EXISTS (SELECT 1 FROM reports r WHERE r.report_id = m.report_id);

-- check: actions belong to known reports
SELECT report_id FROM actions a WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.report_id = a.report_id);

-- check: evidence offsets lie inside the document text
SELECT m.report_id FROM metrics m JOIN reports r USING (report_id) JOIN documents d USING (document_id)
WHERE m.start_offset < 0 OR m.end_offset > d.n_chars OR m.start_offset >= m.end_offset;

-- check: metric values are not negative and percentages stay within 0-100
SELECT report_id, name, value FROM metrics WHERE value < 0 OR (unit = 'percent' AND value > 100);

-- check: periods are well formed and consecutive years
SELECT report_id, period FROM reports
WHERE period IS NOT NULL
  AND (period_start IS NULL OR right(period, 2) <> right(CAST(period_start + 1 AS TEXT), 2));

-- check: actions have a known kind
SELECT report_id, kind FROM actions a WHERE NOT EXISTS (SELECT 1 FROM action_kinds k WHERE k.code = a.kind);

-- check: concerns have a known kind
SELECT report_id, kind FROM concerns c WHERE NOT EXISTS (SELECT 1 FROM concern_kinds k WHERE k.code = c.kind);

-- check: a range's top is not below its bottom
SELECT report_id, name, value, value_high FROM metrics WHERE value_high IS NOT NULL AND value_high < value;

-- check: every stored document says how it was read, and nothing else does
SELECT document_id FROM documents d
WHERE NOT EXISTS (SELECT 1 FROM document_builds b WHERE b.document_id = d.document_id)
UNION ALL
SELECT document_id FROM document_builds b
WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.document_id = b.document_id);

-- check: the search index covers exactly the stored documents
SELECT document_id FROM documents d
WHERE NOT EXISTS (SELECT 1 FROM search_documents s WHERE s.document_id = d.document_id)
UNION ALL
SELECT document_id FROM search_documents s
WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.document_id = s.document_id);

-- check: the documents list has a row for every stored document
SELECT document_id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_list l WHERE l.document_id = d.document_id);
