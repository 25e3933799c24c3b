"""Domain <-> FHIR R4 resources."""
