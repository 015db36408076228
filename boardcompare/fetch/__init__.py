"""Fetching minutes from councils' ModernGov democracy sites (`boardcompare fetch`).

* :mod:`~boardcompare.fetch.matching` - which agenda items and committees matter (pure);
* :mod:`~boardcompare.fetch.moderngov` - the web service's addresses and XML (pure);
* :mod:`~boardcompare.fetch.client` - the polite HTTP client (spacing, retries, cache);
* :mod:`~boardcompare.fetch.store` - the cache of answers and the ledger of documents;
* :mod:`~boardcompare.fetch.sites` - the councils' sites (``vocab/council_sites.csv``);
* :mod:`~boardcompare.fetch.run` - one site's fetch, and several sites in turn;
* :mod:`~boardcompare.fetch.command` - the command line's part;
* :mod:`~boardcompare.fetch.council` - one council, for the dashboard's Add minutes page.

Importing this package alone is cheap (the command line's parser reads :data:`DEFAULT_SINCE`).
"""

DEFAULT_SINCE = 2014  # meetings from 1 January of this year unless --since says otherwise
