from boardcompare.db import query_df
from tests.fixtures import REPORTS


def test_views_hide_documents_that_are_not_about_a_board(fixture_db):
    reports = query_df("SELECT * FROM v_reports", path=fixture_db)
    assert "docplan-0" not in set(reports.report_id)
    assert len(reports) == len(REPORTS)


def test_reviews_view_keeps_not_stated_as_null(fixture_db):
    df = query_df("SELECT board_id, period, scr_count FROM v_reviews WHERE board_id = $b ORDER BY period",
                  {"b": "northshire"}, path=fixture_db)
    assert df.scr_count.isna().tolist() == [False, True]
