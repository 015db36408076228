-- title: Documents that were not used
-- description: Stored documents, or sections of them, that are not about a safeguarding children
--   board's annual report, and why they were left out of every comparison.
-- columns: document, format, characters, reason
SELECT
    file_name AS document,
    format,
    n_chars AS characters,
    coalesce(problems, 'not about a safeguarding children board') AS reason
FROM v_documents
WHERE NOT is_board_document OR problems IS NOT NULL OR report_id IS NULL
ORDER BY document
