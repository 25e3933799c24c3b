"""Code systems, identifier systems and extension URLs the census speaks.

French ones follow the FR Core implementation guide (Interop'Santé) and the
ANS identifier OIDs for the INS.
"""

from __future__ import annotations

V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"
FR_CORE_V2_0203 = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
ATC = "http://www.whocc.no/atc"
LOCATION_PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type"
ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
ALLERGY_VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
NO_KNOWN_ALLERGY = "716186003"  # SNOMED CT "No known allergy"
NO_KNOWN_ALLERGY_CODES = frozenset({
    "716186003",  # no known allergy
    "409137002",  # no known drug allergy
    "429625007",  # no known food allergy
    "428607008",  # no known environmental allergy
})

# INS: the national identifier, as a NIR or NIA; the *-TEST OIDs are for test data.
INS_NIR = "urn:oid:1.2.250.1.213.1.4.8"
INS_NIA = "urn:oid:1.2.250.1.213.1.4.9"
INS_NIR_TEST = "urn:oid:1.2.250.1.213.1.4.10"
INS_NIA_TEST = "urn:oid:1.2.250.1.213.1.4.11"
INS_SYSTEMS = frozenset({INS_NIR, INS_NIA, INS_NIR_TEST, INS_NIA_TEST})
INS_TYPE_CODES = frozenset({"INS-NIR", "INS-NIA", "INS-NIR-TEST", "INS-NIA-TEST", "INS-C"})

EXT_IDENTITY_RELIABILITY = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-identity-reliability"
IDENTITY_STATUS_SYSTEM = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0445"
EXT_BIRTHPLACE = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace"
EXT_INSEE_CODE = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code"

# SNOMED CT routes of administration, with the label a French MAR prints.
ROUTE_LABELS_FR = {
    "26643006": "voie orale",
    "34206005": "sous-cutanée",
    "47625008": "intraveineuse",
    "78421000": "intramusculaire",
    "447694001": "inhalée",
    "45890007": "transdermique",
    "37161004": "rectale",
    "37839007": "sublinguale",
    "6064005": "cutanée",
    "54485002": "ophtalmique",
}

# Timing.repeat.when codes (event timing) and the clock time a ward gives them.
WHEN_TIMES = {
    "MORN": "08:00", "MORN.early": "07:00", "MORN.late": "10:00", "NOON": "12:00",
    "AFT": "14:00", "AFT.early": "13:00", "AFT.late": "16:00", "EVE": "18:00",
    "EVE.early": "17:00", "EVE.late": "20:00", "NIGHT": "22:00", "HS": "22:00",
    "WAKE": "07:00", "ACM": "07:30", "CM": "08:00", "PCM": "08:30", "ACD": "11:30",
    "CD": "12:00", "PCD": "12:30", "ACV": "18:30", "CV": "19:00", "PCV": "19:30",
    "PHS": "22:00",
}

IDENTITY_STATUS_CODES = {
    "PROV": "provisional", "RECUP": "recovered", "VALI": "validated", "QUAL": "qualified",
    "VIDE": "unknown",
}
