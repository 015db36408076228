import pytest

from tests.fixtures import make_fixture_db


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory):
    """A small DuckDB built from schema.sql (never the shipped database)."""
    return make_fixture_db(tmp_path_factory.mktemp("db") / "fixture.duckdb")


@pytest.fixture
def fixture_db_env(fixture_db, monkeypatch):
    """Point the dashboard and the command line at the fixture database."""
    monkeypatch.setenv("BOARDCOMPARE_DB", str(fixture_db))
    return fixture_db
