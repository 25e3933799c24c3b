"""Fluid balance, handovers, requests, admission, discharge and adverse events."""

from __future__ import annotations

from build import Json, display, form, group, opt, q, yes_no


def fluid_balance() -> Json:
    tin = "%resource.repeat(item).where(linkId='in-volume').answer.value"
    tout = "%resource.repeat(item).where(linkId='out-volume').answer.value"
    items = [
        q("period-start", "dateTime", "Début de la période", "Period start", required=True),
        q("period-end", "dateTime", "Fin de la période", "Period end", required=True),
        group("intake", "Entrées", "Intake", [
            q("in-kind", "choice", "Nature", "Kind", required=True, options=[
                opt("oral", "Boissons / per os", "Oral"),
                opt("iv", "Perfusion IV", "IV infusion"),
                opt("enteral", "Nutrition entérale", "Enteral feeding"),
                opt("blood", "Transfusion", "Blood products"),
                opt("other", "Autre", "Other")]),
            q("in-volume", "integer", "Volume", "Volume", unit=("mL", "mL"), min=0, max=10000,
              required=True),
        ], repeats=True),
        group("output", "Sorties", "Output", [
            q("out-kind", "choice", "Nature", "Kind", required=True, options=[
                opt("urine", "Diurèse", "Urine"), opt("drain", "Drain / redon", "Drain"),
                opt("vomit", "Vomissements", "Vomiting"),
                opt("gastric", "Aspiration gastrique", "Gastric aspirate"),
                opt("stool", "Selles liquides", "Liquid stool"), opt("other", "Autre", "Other")]),
            q("out-volume", "integer", "Volume", "Volume", unit=("mL", "mL"), min=0, max=10000,
              required=True),
        ], repeats=True),
        q("total-in", "integer", "Total des entrées", "Total intake", unit=("mL", "mL"),
          calc=f"{tin}.sum()"),
        q("total-out", "integer", "Total des sorties", "Total output", unit=("mL", "mL"),
          calc=f"{tout}.sum()"),
        q("balance", "integer", "Bilan (entrées - sorties)", "Balance (in - out)",
          unit=("mL", "mL"), calc=f"{tin}.sum() - {tout}.sum()"),
    ]
    return form("fluid-balance", "1.0.0", "Bilan entrées / sorties", "Fluid balance", items)


def targeted_notes() -> Json:
    items = [
        q("effective", "dateTime", "Date et heure", "Date and time", required=True),
        group("target", "Transmission ciblée", "Focused note", [
            q("focus", "string", "Cible", "Focus", required=True, max_length=120),
            q("data", "text", "Données", "Data", max_length=2000),
            q("actions", "text", "Actions", "Actions", max_length=2000),
            q("results", "text", "Résultats", "Results", max_length=2000),
        ], repeats=True, required=True),
    ]
    return form("targeted-notes", "1.0.0", "Transmissions ciblées (DAR)",
                "Focused nursing notes (DAR)", items)


def sbar() -> Json:
    items = [
        q("effective", "dateTime", "Date et heure", "Date and time", required=True),
        q("from", "string", "Transmis par", "Handed over by", required=True, max_length=100),
        q("to", "string", "Reçu par", "Received by", max_length=100),
        q("situation", "text", "S - Situation : motif de l'appel ou de la transmission",
          "S - Situation: why this call or handover", required=True, max_length=1000),
        q("background", "text", "B - Contexte : antécédents, motif d'hospitalisation, "
          "traitements", "B - Background: history, reason for admission, treatments",
          max_length=2000),
        q("assessment", "text", "A - Évaluation : constantes, NEWS2, problèmes actuels",
          "A - Assessment: vital signs, NEWS2, current problems", required=True,
          max_length=2000),
        q("recommendation", "text", "R - Demande / recommandation : ce qui doit être fait et "
          "quand", "R - Recommendation: what must be done and when", required=True,
          max_length=1000),
        q("code-status", "choice", "Niveau d'engagement thérapeutique", "Treatment escalation "
          "level", options=[opt("full", "Réanimation si besoin", "Full escalation"),
                            opt("limited", "Limitation des thérapeutiques", "Limited"),
                            opt("comfort", "Soins de confort", "Comfort care"),
                            opt("unknown", "Non connu", "Unknown")]),
        yes_no("read-back", "Reformulation faite par le receveur", "Read back by receiver"),
    ]
    return form("sbar-handover", "1.0.0", "Transmission SBAR (SAED)", "SBAR handover", items)


def lab_imaging_request() -> Json:
    tests = [("nfs", "NFS plaquettes", "Full blood count"), ("iono", "Ionogramme sanguin",
             "Electrolytes"), ("creat", "Créatinine", "Creatinine"), ("crp", "CRP", "CRP"),
             ("hepatic", "Bilan hépatique", "Liver function tests"),
             ("coag", "TP / TCA / fibrinogène", "Coagulation screen"),
             ("tropo", "Troponine", "Troponin"), ("abg", "Gaz du sang", "Blood gases"),
             ("lactate", "Lactates", "Lactate"), ("bc", "Hémocultures", "Blood cultures"),
             ("urine", "ECBU", "Urine culture"), ("group", "Groupe, rhésus, RAI",
                                                   "Blood group and antibody screen"),
             ("hcg", "bêta-hCG", "beta-hCG")]
    exams = [("cxr", "Radio du thorax", "Chest X-ray"), ("ct-head", "Scanner cérébral",
             "CT head"), ("ct-chest", "Scanner thoracique", "CT chest"),
             ("ct-abdo", "Scanner abdomino-pelvien", "CT abdomen and pelvis"),
             ("us-abdo", "Échographie abdominale", "Abdominal ultrasound"),
             ("doppler", "Écho-doppler veineux", "Venous Doppler"),
             ("xr-bone", "Radiographie osseuse", "Bone X-ray")]
    items = [
        q("kind", "choice", "Type de demande", "Request type", required=True,
          control="radio-button", options=[opt("lab", "Biologie", "Laboratory"),
                                           opt("imaging", "Imagerie", "Imaging")]),
        q("lab-tests", "open-choice", "Examens de biologie", "Laboratory tests", repeats=True,
          required=True, control="check-box", when=[("kind", "=", "lab")], max_length=100,
          options=[opt(c, f, e) for c, f, e in tests]),
        q("sample-at", "dateTime", "Heure du prélèvement", "Sample time", required=True,
          when=[("kind", "=", "lab")]),
        q("sampler", "string", "Préleveur", "Sampled by", max_length=100,
          when=[("kind", "=", "lab")]),
        q("imaging-exam", "open-choice", "Examen d'imagerie", "Imaging exam", required=True,
          when=[("kind", "=", "imaging")], max_length=100,
          options=[opt(c, f, e) for c, f, e in exams]),
        yes_no("pregnancy-possible", "Grossesse possible", "Possible pregnancy",
               when=[("kind", "=", "imaging")]),
        yes_no("contrast-allergy", "Allergie aux produits de contraste", "Contrast allergy",
               when=[("kind", "=", "imaging")]),
        q("urgency", "choice", "Urgence", "Urgency", required=True, options=[
            opt("routine", "Programmé", "Routine"), opt("urgent", "Urgent", "Urgent"),
            opt("stat", "Urgence vitale", "Immediate (life-threatening)")]),
        display("phone", "Urgence vitale : téléphoner au laboratoire ou à l'imagerie en plus "
                "du bon papier.", "Immediate: phone the laboratory or imaging department "
                "as well as sending the paper request.", when=[("urgency", "=", "stat")]),
        q("clinical-info", "text", "Renseignements cliniques", "Clinical information",
          required=True, max_length=1000),
        q("prescriber", "string", "Prescripteur", "Prescriber", required=True, max_length=100),
        q("requested-at", "dateTime", "Date et heure de la demande", "Requested at",
          required=True),
    ]
    return form("lab-imaging-request", "1.0.0", "Demande d'examen (biologie, imagerie)",
                "Laboratory and imaging request", items)


def admission() -> Json:
    items = [
        group("identity", "Identité provisoire", "Provisional identity", [
            q("birth-name", "string", "Nom de naissance", "Birth name", required=True,
              max_length=100),
            q("used-name", "string", "Nom d'usage", "Used name", max_length=100),
            q("given-names", "string", "Prénom(s) de naissance", "Given names at birth",
              required=True, max_length=150),
            q("birth-date", "date", "Date de naissance", "Date of birth", required=True,
              min="1900-01-01", entry="AAAA-MM-JJ"),
            q("sex", "choice", "Sexe", "Sex", required=True, options=[
                opt("female", "Féminin", "Female"), opt("male", "Masculin", "Male"),
                opt("other", "Autre", "Other"), opt("unknown", "Inconnu", "Unknown")]),
            q("birth-place", "string", "Lieu de naissance", "Place of birth", max_length=100),
            q("known-ipp", "string", "IPP connu (si retrouvé)", "Known patient number (if "
              "found)", max_length=20),
            q("id-document", "choice", "Pièce d'identité vue", "Identity document seen",
              required=True, options=[
                  opt("id-card", "Carte d'identité / passeport", "ID card / passport"),
                  opt("other", "Autre document", "Other document"),
                  opt("none", "Aucune (identité déclarée)", "None (declared identity)")]),
            display("id-warning", "Identité non vérifiée : poser le bracelet « identité "
                    "provisoire » et la faire vérifier dès que possible.",
                    "Unverified identity: put on a 'provisional identity' wristband and "
                    "have it checked as soon as possible.",
                    when=[("id-document", "!=", "id-card")]),
        ]),
        q("admitted-at", "dateTime", "Date et heure d'entrée", "Admitted at", required=True),
        q("origin", "choice", "Provenance", "Admitted from", required=True, options=[
            opt("ed", "Urgences", "Emergency department"), opt("home", "Domicile", "Home"),
            opt("ward", "Autre service", "Another ward"),
            opt("hospital", "Autre établissement", "Another hospital")]),
        q("reason", "text", "Motif d'hospitalisation", "Reason for admission", required=True,
          max_length=1000),
        q("room", "string", "Chambre / lit", "Room / bed", max_length=20),
        q("physician", "string", "Médecin responsable", "Responsible physician",
          max_length=100),
        q("allergies-known", "choice", "Allergies", "Allergies", required=True, options=[
            opt("none", "Aucune allergie connue", "No known allergy"),
            opt("yes", "Oui", "Yes"), opt("unknown", "Non renseigné", "Unknown")]),
        group("allergy", "Allergie", "Allergy", [
            q("allergen", "string", "Substance", "Substance", required=True, max_length=100),
            q("reaction", "string", "Réaction", "Reaction", max_length=200),
        ], repeats=True, required=True, when=[("allergies-known", "=", "yes")]),
        q("trusted-person", "string", "Personne de confiance (nom, téléphone)",
          "Trusted person (name, phone)", max_length=200),
        q("weight", "decimal", "Poids", "Weight", unit=("kg", "kg"), min=0.3, max=400,
          decimals=1),
    ]
    return form("downtime-admission", "1.0.0", "Admission en mode dégradé",
                "Downtime admission", items)


def discharge() -> Json:
    items = [
        q("kind", "choice", "Type de sortie", "Kind of discharge", required=True, options=[
            opt("home", "Retour à domicile", "Home"),
            opt("ward", "Mutation dans un autre service", "Transfer to another ward"),
            opt("hospital", "Transfert vers un autre établissement", "Transfer to another "
                "hospital"), opt("death", "Décès", "Death")]),
        q("at", "dateTime", "Date et heure", "Date and time", required=True),
        q("destination", "string", "Destination (service, établissement)", "Destination "
          "(ward, hospital)", required=True, max_length=200,
          when=[("kind", "=", "ward"), ("kind", "=", "hospital")]),
        q("transport", "choice", "Transport", "Transport", options=[
            opt("walk", "À pied / fauteuil", "Walking / wheelchair"),
            opt("bed", "Brancard", "Stretcher"), opt("ambulance", "Ambulance", "Ambulance"),
            opt("family", "Famille / taxi", "Family / taxi")],
            when=[("kind", "!=", "death")]),
        yes_no("letter", "Lettre de liaison remise", "Discharge letter given",
               when=[("kind", "!=", "death")]),
        yes_no("prescriptions", "Ordonnances remises", "Prescriptions given",
               when=[("kind", "=", "home")]),
        yes_no("paper-file", "Copie du dossier papier de mode dégradé jointe",
               "Copy of the downtime paper record attached", required=True,
               when=[("kind", "!=", "home"), ("kind", "!=", "death")], behavior="all"),
        yes_no("belongings", "Effets personnels rendus / inventoriés",
               "Belongings returned / listed"),
        q("comment", "text", "Commentaire", "Comment", max_length=1000),
    ]
    return form("discharge-transfer", "1.0.0", "Sortie / transfert", "Discharge / transfer",
                items)


def adverse_event() -> Json:
    items = [
        q("occurred-at", "dateTime", "Date et heure de l'événement", "When it happened",
          required=True),
        q("place", "string", "Lieu", "Place", max_length=100),
        q("category", "choice", "Catégorie", "Category", required=True, repeats=True,
          control="check-box", options=[
              opt("fall", "Chute", "Fall"), opt("medication", "Erreur médicamenteuse",
                                                "Medication error"),
              opt("identity", "Erreur d'identification", "Patient identification error"),
              opt("device", "Matériel / dispositif médical", "Medical device"),
              opt("lab", "Examen perdu ou erroné", "Lost or wrong test"),
              opt("infection", "Infection", "Infection"),
              opt("violence", "Violence / agression", "Violence"),
              opt("downtime", "Lié au mode dégradé (information manquante...)",
                  "Due to downtime (missing information...)"),
              opt("other", "Autre", "Other")]),
        q("description", "text", "Description factuelle", "Factual description",
          required=True, max_length=3000),
        q("severity", "choice", "Conséquences pour le patient", "Harm to the patient",
          required=True, options=[
              opt("none", "Aucune (événement évité ou sans effet)", "None (near miss)"),
              opt("minor", "Mineures", "Minor"), opt("moderate", "Modérées", "Moderate"),
              opt("severe", "Graves (événement indésirable grave)", "Severe (serious event)"),
              opt("death", "Décès", "Death")]),
        display("eig", "Événement grave : prévenir immédiatement le cadre et le médecin ; "
                "déclaration EIGS à l'ARS.", "Serious event: tell the ward manager and the "
                "doctor at once; report to the regional health agency.",
                when=[("severity", "=", "severe"), ("severity", "=", "death")]),
        q("actions", "text", "Mesures immédiates", "Immediate actions", max_length=2000),
        yes_no("physician-told", "Médecin prévenu", "Doctor informed", required=True),
        yes_no("family-told", "Patient / famille informés", "Patient / family informed"),
        q("reporter", "string", "Déclarant (nom, fonction)", "Reported by (name, role)",
          required=True, max_length=100),
        yes_no("entered-in-system", "Déclaré dans l'outil de signalement de l'établissement "
               "(après retour du SI)", "Entered in the hospital reporting system (after "
               "recovery)"),
    ]
    return form("adverse-event", "1.0.0", "Déclaration d'événement indésirable",
                "Adverse event report", items)
