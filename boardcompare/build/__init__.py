"""The parts of a build, used by :func:`boardcompare.ingest.build_database`.

* :mod:`~boardcompare.build.lock` one build at a time per database, across processes;
* :mod:`~boardcompare.build.version` the extractor's version: what a document's rows depend on
  besides its bytes;
* :mod:`~boardcompare.build.writer` rows by column name, inserted in batches;
* :mod:`~boardcompare.build.swap` the new database file, its checks and the atomic swap;
* :mod:`~boardcompare.build.derived` tables computed from the stored rows (boards, the documents
  list, search statistics).
"""
