"""Word lists for the synthetic census: French names, drugs, allergies.

Invented people only. The lists mix the accents, hyphens, particles and
apostrophes real French names carry, since they are what search, matching and
printing must survive.
"""

from __future__ import annotations

from dataclasses import dataclass

from care_degraded.fhir.codes import ROUTE_LABELS_FR

ROUTES = ROUTE_LABELS_FR

SURNAMES = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
    "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David",
    "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
    "Rousseau", "Vincent", "Müller", "Lefebvre", "Faure", "André", "Mercier", "Blanc",
    "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu",
    "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire",
    "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly",
    "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martínez", "Gérard",
    "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
    "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix",
    "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet",
    "Rolland", "Leclercq", "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot",
    "Hubert", "Berger", "Carpentier", "Sánchez", "Dupuis", "Moulin", "Louis", "Deschamps",
    "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
    "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles",
    "Renault", "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé",
    "Schneider", "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost",
    "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson",
    "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
    "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier",
    "Michaud", "Rodriguez", "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier",
    "Chevallier", "Collin", "Chauvin", "Da Silva", "Bouchet", "Gay", "Lemaître", "Bénard",
    "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy", "Cordier",
    "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
    "D'Almeida", "N'Diaye", "D'Aubigné", "L'Hermitte", "De La Fontaine", "Du Pont",
    "Saint-Exupéry", "Le Bihan", "Nguyen", "Diallo", "Traoré", "Benali", "Haddad", "Ndiaye",
    "Œuvrard", "Lœillet", "Bœuf", "Hénaut", "Lagarde", "Fauré", "Lefeuvre", "Dupond",
)

FEMALE_GIVEN = (
    "Marie", "Jeanne", "Françoise", "Monique", "Catherine", "Nathalie", "Isabelle",
    "Jacqueline", "Anne", "Sylvie", "Martine", "Madeleine", "Nicole", "Suzanne", "Hélène",
    "Christine", "Marguerite", "Denise", "Louise", "Christiane", "Yvonne", "Valérie",
    "Sophie", "Chantal", "Sandrine", "Stéphanie", "Céline", "Véronique", "Geneviève",
    "Élodie", "Émilie", "Zoé", "Chloé", "Léa", "Manon", "Inès", "Noémie", "Anaïs",
    "Maëlle", "Océane", "Joséphine", "Thérèse", "Bénédicte", "Agnès", "Solène", "Gaëlle",
    "Marie-Thérèse", "Anne-Sophie", "Marie-Claire", "Marie-Hélène", "Aïcha", "Fatoumata",
    "Renée", "Odette", "Colette", "Simone", "Lucienne", "Germaine", "Héloïse", "Clémence",
)

MALE_GIVEN = (
    "Jean", "Pierre", "Michel", "André", "Philippe", "Louis", "Alain", "Jacques",
    "Bernard", "René", "Marcel", "Daniel", "Roger", "Robert", "Paul", "Claude",
    "Christian", "Henri", "Georges", "Nicolas", "François", "Patrick", "Gérard",
    "Christophe", "Joseph", "Julien", "Maurice", "Laurent", "Frédéric", "Éric",
    "Stéphane", "David", "Pascal", "Sébastien", "Thierry", "Olivier", "Raymond",
    "Jérôme", "Loïc", "Noël", "Benoît", "Grégoire", "Anaël", "Maël", "Raphaël",
    "Jean-Baptiste", "Jean-Pierre", "Jean-Claude", "Jean-Luc", "Pierre-Yves",
    "Jean-François", "Hervé", "Théo", "Hugo", "Étienne", "Léon", "Amédée", "Mamadou",
    "Youssef", "Thanh",
)

# Birthplaces: INSEE commune code (COG) and name.
BIRTHPLACES = (
    ("75056", "Paris"), ("69123", "Lyon"), ("13055", "Marseille"), ("31555", "Toulouse"),
    ("33063", "Bordeaux"), ("59350", "Lille"), ("44109", "Nantes"), ("67482", "Strasbourg"),
    ("35238", "Rennes"), ("29019", "Brest"), ("06088", "Nice"), ("34172", "Montpellier"),
    ("63113", "Clermont-Ferrand"), ("21231", "Dijon"), ("87085", "Limoges"),
    ("97411", "Saint-Denis"), ("2A004", "Ajaccio"), ("76540", "Rouen"), ("45234", "Orléans"),
    ("80021", "Amiens"), ("42218", "Saint-Étienne"), ("37261", "Tours"), ("49007", "Angers"),
)

UNITS = (
    "Médecine interne", "Gériatrie aiguë", "Pneumologie", "Cardiologie",
    "Chirurgie viscérale", "Maladies infectieuses", "Néphrologie", "Neurologie",
)

PRACTITIONERS = (
    ("Claire", "Fontaine"), ("Mehdi", "Benkirane"), ("Anne-Laure", "Rivière"),
    ("Olivier", "Le Floc'h"), ("Sophie", "Marchetti"), ("Thibault", "de Saint-Aubin"),
    ("Nadia", "Ouali"), ("Étienne", "Garnier"), ("Hélène", "Kervella"), ("Paul", "Nguyen"),
)


@dataclass(frozen=True)
class DrugPattern:
    """One way a ward prescribes a drug: dose, unit, route and times of day."""

    drug: str
    dose: str
    unit: str  # UCUM where it exists
    unit_label: str
    route: str  # SNOMED CT route code (see ROUTES)
    times: tuple[str, ...]
    as_needed: str | None = None  # the condition, for "si besoin" prescriptions
    max_per_day: str | None = None
    rate: str | None = None
    atc: str | None = None


_M, _N, _E, _C = "08:00", "12:00", "18:00", "22:00"
DRUGS = (
    DrugPattern("Paracétamol 1 g cp", "1", "g", "g", "26643006", ("06:00", "12:00", "18:00", "00:00"), atc="N02BE01"),
    DrugPattern("Paracétamol 1 g/100 mL perfusion", "1", "g", "g", "47625008", ("06:00", "12:00", "18:00", "00:00"), atc="N02BE01"),
    DrugPattern("Énoxaparine 4 000 UI/0,4 mL", "4000", "[iU]", "UI", "34206005", ("20:00",), atc="B01AB05"),
    DrugPattern("Héparine calcique 5 000 UI", "5000", "[iU]", "UI", "34206005", ("08:00", "20:00"), atc="B01AB01"),
    DrugPattern("Amoxicilline 1 g", "1", "g", "g", "26643006", ("08:00", "14:00", "20:00"), atc="J01CA04"),
    DrugPattern("Amoxicilline/acide clavulanique 1 g/125 mg", "1", "g", "g", "26643006", ("08:00", "14:00", "20:00"), atc="J01CR02"),
    DrugPattern("Ceftriaxone 1 g", "1", "g", "g", "47625008", ("08:00",), atc="J01DD04"),
    DrugPattern("Pipéracilline/tazobactam 4 g/500 mg", "4", "g", "g", "47625008", ("06:00", "14:00", "22:00"), atc="J01CR05"),
    DrugPattern("Furosémide 40 mg", "40", "mg", "mg", "26643006", (_M,), atc="C03CA01"),
    DrugPattern("Furosémide 20 mg/2 mL", "20", "mg", "mg", "47625008", (_M, "14:00"), atc="C03CA01"),
    DrugPattern("Bisoprolol 2,5 mg", "2.5", "mg", "mg", "26643006", (_M,), atc="C07AB07"),
    DrugPattern("Ramipril 5 mg", "5", "mg", "mg", "26643006", (_M,), atc="C09AA05"),
    DrugPattern("Amlodipine 5 mg", "5", "mg", "mg", "26643006", (_M,), atc="C08CA01"),
    DrugPattern("Pantoprazole 40 mg", "40", "mg", "mg", "26643006", (_M,), atc="A02BC02"),
    DrugPattern("Atorvastatine 40 mg", "40", "mg", "mg", "26643006", ("20:00",), atc="C10AA05"),
    DrugPattern("Metformine 1 000 mg", "1000", "mg", "mg", "26643006", (_M, "20:00"), atc="A10BA02"),
    DrugPattern("Insuline glargine 100 UI/mL", "18", "[iU]", "UI", "34206005", (_C,), atc="A10AE04"),
    DrugPattern("Insuline asparte 100 UI/mL", "4", "[iU]", "UI", "34206005", ("07:30", "11:30", "18:30"), atc="A10AB05"),
    DrugPattern("Lévothyroxine 75 µg", "75", "ug", "µg", "26643006", ("07:00",), atc="H03AA01"),
    DrugPattern("Apixaban 5 mg", "5", "mg", "mg", "26643006", (_M, "20:00"), atc="B01AF02"),
    DrugPattern("Acide acétylsalicylique 75 mg", "75", "mg", "mg", "26643006", (_N,), atc="B01AC06"),
    DrugPattern("Clopidogrel 75 mg", "75", "mg", "mg", "26643006", (_M,), atc="B01AC04"),
    DrugPattern("Prednisone 20 mg", "20", "mg", "mg", "26643006", (_M,), atc="H02AB07"),
    DrugPattern("Salbutamol 2,5 mg/2,5 mL nébulisation", "2.5", "mg", "mg", "447694001", ("06:00", "12:00", "18:00", "00:00"), atc="R03AC02"),
    DrugPattern("Fentanyl 25 µg/h patch", "1", "{patch}", "patch", "45890007", (_M,), atc="N02AB03"),
    DrugPattern("Chlorure de potassium 1 g", "1", "g", "g", "26643006", (_M, _N, _E), atc="A12BA01"),
    DrugPattern("Macrogol 4 000 10 g sachet", "1", "{sachet}", "sachet", "26643006", (_M,), atc="A06AD15"),
    DrugPattern("Cholécalciférol 100 000 UI", "100000", "[iU]", "UI", "26643006", (_N,), atc="A11CC05"),
    DrugPattern("Sodium chlorure 0,9 % 1 000 mL", "1000", "mL", "mL", "47625008", ("08:00", "20:00"), rate="83 mL/h"),
    DrugPattern("Glucose 5 % 500 mL", "500", "mL", "mL", "47625008", ("08:00", "20:00"), rate="42 mL/h"),
    DrugPattern("Morphine 10 mg/mL", "5", "mg", "mg", "34206005", (), as_needed="douleur EVA > 4", max_per_day="6 fois/24 h", atc="N02AA01"),
    DrugPattern("Tramadol 50 mg", "50", "mg", "mg", "26643006", (), as_needed="douleur EVA > 3", max_per_day="4 fois/24 h", atc="N02AX02"),
    DrugPattern("Néfopam 20 mg/2 mL", "20", "mg", "mg", "47625008", ("06:00", "12:00", "18:00", "00:00"), atc="N02BG06"),
    DrugPattern("Ondansétron 4 mg", "4", "mg", "mg", "47625008", (), as_needed="nausées", max_per_day="3 fois/24 h", atc="A04AA01"),
    DrugPattern("Zopiclone 3,75 mg", "3.75", "mg", "mg", "26643006", (), as_needed="insomnie", max_per_day="1 fois/24 h", atc="N05CF01"),
    DrugPattern("Oxazépam 10 mg", "10", "mg", "mg", "26643006", (), as_needed="anxiété", max_per_day="3 fois/24 h", atc="N05BA04"),
    DrugPattern("Paracétamol 1 g suppositoire", "1", "g", "g", "37161004", (), as_needed="fièvre > 38,5 °C", max_per_day="4 fois/24 h", atc="N02BE01"),
    DrugPattern("Spironolactone 25 mg", "25", "mg", "mg", "26643006", (_M,), atc="C03DA01"),
    DrugPattern("Sertraline 50 mg", "50", "mg", "mg", "26643006", (_M,), atc="N06AB06"),
    DrugPattern("Lactulose 10 g/15 mL", "15", "mL", "mL", "26643006", (_M, _E), atc="A06AD11"),
)

# (substance, SNOMED CT code, category, criticality, reaction)
ALLERGIES = (
    ("Pénicillines", "91936005", "medication", "high", "œdème de Quincke"),
    ("Amoxicilline", "294505008", "medication", "high", "urticaire généralisée"),
    ("Sulfamides", "91939003", "medication", "low", "éruption cutanée"),
    ("Iode (produits de contraste iodés)", "293637006", "medication", "high", "choc anaphylactique"),
    ("Latex", "300916003", "environment", "high", "urticaire de contact"),
    ("Arachide", "91935009", "food", "high", "anaphylaxie"),
    ("Fruits à coque", "91934008", "food", "high", "œdème des lèvres"),
    ("Codéine", "292417003", "medication", "low", "nausées, vomissements"),
    ("Anti-inflammatoires non stéroïdiens", "293586001", "medication", "low", "bronchospasme"),
    ("Morphine", "295170008", "medication", "low", "prurit"),
    ("Œuf", "91930004", "food", "low", "douleurs abdominales"),
    ("Sparadrap", "405649002", "environment", "low", "eczéma de contact"),
)
