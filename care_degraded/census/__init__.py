"""Census snapshots (FHIR Bundle, CSV), provisional identities, matching, search."""
