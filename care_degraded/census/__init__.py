"""Census snapshots (FHIR Bundle, CSV), temporary identities, matching, search.

* ``reader.read_census`` - parse and check a file (``fhir_census`` streams a FHIR
  Bundle through ``json_stream``; ``csv_census`` documents the CSV columns);
* ``importer.apply_census`` - write a parsed census in one transaction;
* ``matching`` - likely duplicates when admitting someone during the outage;
* ``generator`` - the synthetic census used by the demo, tests and benchmarks.

Callers go through ``care_degraded.services.census`` and ``services.patients``.
"""
