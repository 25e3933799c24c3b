"""Medication, glucose, pain and bedside scales (Glasgow, Braden, Morse)."""

from __future__ import annotations

from build import Json, answer_of, display, form, group, opt, q, yes_no


def _scale(prefix: str, link_id: str, fr: str, en: str, options: list[tuple[int, str, str]],
           **kw: object) -> Json:
    return q(link_id, "choice", fr, en, required=True, control="radio-button",
             options=[opt(f"{prefix}{s}", f"{s} - {f}", f"{s} - {e}", score=s)
                      for s, f, e in options], **kw)


def _total(names: list[str]) -> str:
    present = " and ".join(f"%{n}.exists()" for n in names)
    added = " + ".join(f"%{n}.ordinal()" for n in names)
    return f"iif({present}, {added}, {{}})"


def medication_administration() -> Json:
    units = ["mg", "g", "µg", "mL", "UI", "goutte", "comprimé", "gélule", "ampoule", "sachet",
             "bouffée", "mmol"]
    routes = [("po", "Per os", "Oral"), ("iv", "IV directe", "IV bolus"),
              ("ivse", "IV seringue électrique", "IV syringe driver"),
              ("perf", "Perfusion IV", "IV infusion"), ("sc", "Sous-cutanée", "Subcutaneous"),
              ("im", "Intramusculaire", "Intramuscular"), ("inh", "Inhalée", "Inhaled"),
              ("sl", "Sublinguale", "Sublingual"), ("cut", "Cutanée", "Topical"),
              ("rect", "Rectale", "Rectal"), ("sng", "Sonde gastrique", "Feeding tube")]
    items = [
        q("drug", "string", "Médicament (DCI et dosage)", "Drug (generic name and strength)",
          required=True, max_length=200),
        q("dose", "decimal", "Dose", "Dose", required=True, min=0, max=100000, decimals=3),
        q("unit", "choice", "Unité", "Unit", required=True, control="drop-down",
          options=[opt(u, u, {"goutte": "drop", "comprimé": "tablet", "gélule": "capsule",
                              "ampoule": "ampoule", "sachet": "sachet",
                              "bouffée": "puff"}.get(u, u)) for u in units]),
        q("route", "choice", "Voie", "Route", required=True, control="drop-down",
          options=[opt(c, f, e) for c, f, e in routes]),
        q("planned", "dateTime", "Heure prévue", "Scheduled time"),
        q("status", "choice", "Administration", "Administration", required=True,
          control="radio-button", options=[opt("given", "Administré", "Given"),
                                           opt("not-given", "Non administré", "Not given"),
                                           opt("delayed", "Différé", "Delayed")]),
        q("given-at", "dateTime", "Heure d'administration", "Time given", required=True,
          when=[("status", "=", "given")]),
        q("not-given-reason", "choice", "Motif de non-administration", "Reason not given",
          required=True, when=[("status", "=", "not-given")], options=[
              opt("refused", "Refus du patient", "Patient refused"),
              opt("fasting", "Patient à jeun", "Nil by mouth"),
              opt("absent", "Patient absent du service", "Patient off the ward"),
              opt("unavailable", "Médicament indisponible", "Drug unavailable"),
              opt("clinical", "État clinique (sur avis médical)", "Clinical state (medical "
                  "advice)"),
              opt("other", "Autre", "Other")]),
        q("reason-detail", "text", "Précisions", "Details", max_length=500,
          when=[("status", "!=", "given")]),
        # From the prescription (the shipped high-risk list), shown and never asked: an
        # unanswered yes/no must not become "no".
        yes_no("high-risk", "Médicament à risque (insuline, anticoagulant, opioïde, potassium "
               "IV, chimiothérapie...)", "High-risk drug (insulin, anticoagulant, opioid, IV "
               "potassium, chemotherapy...)", read_only=True),
        group("double-check", "Double contrôle", "Independent double check", [
            q("checker", "string", "Nom du second soignant", "Second checker's name",
              required=True, max_length=100),
            q("checked-at", "dateTime", "Heure du contrôle", "Time of check", required=True),
        ], when=[("high-risk", "=", True), ("status", "=", "given")], behavior="all"),
    ]
    return form("medication-administration", "1.1.0", "Administration médicamenteuse",
                "Medication administration", items)


def glucose_insulin() -> Json:
    items = [
        q("effective", "dateTime", "Date et heure", "Date and time", required=True),
        q("moment", "choice", "Moment", "Timing", control="drop-down", options=[
            opt("fasting", "À jeun", "Fasting"), opt("pre", "Avant repas", "Before meal"),
            opt("post", "Après repas", "After meal"), opt("bedtime", "Coucher", "Bedtime"),
            opt("night", "Nuit", "Night"), opt("symptom", "Sur symptômes", "Symptoms")]),
        q("glucose", "decimal", "Glycémie capillaire", "Capillary blood glucose",
          loinc=("41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer"),
          unit=("g/L", "g/L"), min=0.1, max=6.0, decimals=2, required=True),
        display("hypo", "Hypoglycémie : resucrer (15 g de sucre per os ou G30 IV selon "
                "protocole), contrôler à 15 min, prévenir le médecin.",
                "Hypoglycaemia: give 15 g of sugar orally (or IV glucose per protocol), "
                "recheck after 15 min, call the doctor.", when=[("glucose", "<", 0.7)]),
        yes_no("resugared", "Resucrage fait", "Glucose given", when=[("glucose", "<", 0.7)]),
        q("ketones", "decimal", "Cétonémie", "Blood ketones", unit=("mmol/L", "mmol/L"),
          min=0, max=10, decimals=1, when=[("glucose", ">", 2.5)]),
        yes_no("insulin-given", "Insuline administrée", "Insulin given", required=True),
        group("insulin", "Insuline", "Insulin", [
            q("insulin-name", "string", "Insuline (nom commercial)", "Insulin (brand)",
              required=True, max_length=100),
            q("insulin-kind", "choice", "Type", "Kind", options=[
                opt("rapid", "Rapide", "Rapid-acting"), opt("basal", "Lente", "Basal"),
                opt("mixed", "Mélange", "Premixed")]),
            q("insulin-dose", "integer", "Dose", "Dose", unit=("[iU]", "UI"), min=0, max=100,
              required=True),
            q("insulin-route", "choice", "Voie", "Route", options=[
                opt("sc", "Sous-cutanée", "Subcutaneous"),
                opt("ivse", "IV seringue électrique", "IV syringe driver")]),
            q("double-check", "string", "Double contrôle (nom)", "Double check (name)",
              max_length=100),
        ], when=[("insulin-given", "=", True)]),
    ]
    return form("capillary-glucose", "1.0.0", "Glycémie capillaire et insuline",
                "Capillary glucose and insulin", items)


ALGOPLUS = [("algo-face", "Visage : froncement des sourcils, grimaces, crispation, "
             "mâchoires serrées", "Face: frowning, grimacing, clenched jaw"),
            ("algo-look", "Regard : inattentif, fixe, lointain ou suppliant, pleurs, yeux "
             "fermés", "Look: inattentive, fixed, pleading, tearful, eyes closed"),
            ("algo-words", "Plaintes : « aïe », « ouille », « j'ai mal », gémissements, cris",
             "Complaints: 'ouch', 'it hurts', moaning, crying out"),
            ("algo-body", "Corps : retrait ou protection d'une zone, refus de mobilisation, "
             "attitudes figées", "Body: withdrawal or guarding, refusing to move, rigid"),
            ("algo-behaviour", "Comportements : agitation ou agressivité, agrippement",
             "Behaviour: agitation or aggressiveness, grasping")]


def pain() -> Json:
    algo = "%resource.item.where(linkId='algoplus').item.answer.value"
    items = [
        q("effective", "dateTime", "Date et heure", "Date and time", required=True),
        q("method", "choice", "Échelle", "Scale", required=True, control="radio-button",
          options=[opt("nrs", "EN (échelle numérique 0-10)", "NRS (numeric 0-10)"),
                   opt("algoplus", "Algoplus (patient non communicant)",
                       "Algoplus (non-communicating patient)")]),
        q("nrs", "integer", "Intensité de la douleur (0 = aucune, 10 = maximale imaginable)",
          "Pain intensity (0 = none, 10 = worst imaginable)", required=True, min=0, max=10,
          control="slider", when=[("method", "=", "nrs")],
          loinc=("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")),
        group("algoplus", "Algoplus : cocher « oui » si le comportement est observé",
              "Algoplus: answer 'yes' if the behaviour is seen",
              [yes_no(k, f, e, required=True) for k, f, e in ALGOPLUS],
              when=[("method", "=", "algoplus")]),
        q("algoplus-score", "integer", "Score Algoplus (0-5)", "Algoplus score (0-5)",
          calc=f"iif({algo}.count() = 5, {algo}.where($this = true).count(), {{}})",
          when=[("method", "=", "algoplus")]),
        display("algoplus-alert", "Score de 2 ou plus : douleur probable, traiter et "
                "réévaluer.", "Score of 2 or more: pain is likely; treat and reassess.",
                when=[("algoplus-score", ">=", 2)]),
        q("site", "string", "Localisation", "Site", max_length=200),
        yes_no("analgesic", "Antalgique administré", "Analgesic given"),
        q("reassess-at", "dateTime", "Réévaluation prévue", "Reassessment due",
          when=[("analgesic", "=", True)]),
    ]
    return form("pain", "1.0.0", "Évaluation de la douleur (EN, Algoplus)",
                "Pain assessment (NRS, Algoplus)", items)


def glasgow() -> Json:
    items = [
        q("effective", "dateTime", "Date et heure", "Date and time", required=True),
        _scale("e", "gcs-eye", "Ouverture des yeux (Y)", "Eye opening (E)", [
            (4, "spontanée", "spontaneous"), (3, "à la demande", "to sound"),
            (2, "à la douleur", "to pressure"), (1, "aucune", "none")],
            loinc=("9267-6", "Glasgow coma score eye opening")),
        _scale("v", "gcs-verbal", "Réponse verbale (V)", "Verbal response (V)", [
            (5, "orientée", "oriented"), (4, "confuse", "confused"),
            (3, "mots inappropriés", "words"), (2, "sons incompréhensibles", "sounds"),
            (1, "aucune", "none")], loinc=("9270-0", "Glasgow coma score verbal")),
        _scale("m", "gcs-motor", "Réponse motrice (M)", "Motor response (M)", [
            (6, "obéit aux ordres", "obeys commands"), (5, "orientée (localise)", "localising"),
            (4, "évitement", "normal flexion"), (3, "flexion stéréotypée (décortication)",
                                                 "abnormal flexion"),
            (2, "extension (décérébration)", "extension"), (1, "aucune", "none")],
            loinc=("9268-4", "Glasgow coma score motor")),
        q("gcs-total", "integer", "Score de Glasgow (3-15)", "Glasgow coma score (3-15)",
          loinc=("9269-2", "Glasgow coma score total"), calc=_total(["e", "v", "m"]),
          variables=[("e", answer_of("gcs-eye")), ("v", answer_of("gcs-verbal")),
                     ("m", answer_of("gcs-motor"))]),
        display("gcs-alert", "Score de 8 ou moins : coma, appel médical immédiat.",
                "Score of 8 or less: coma, call a doctor immediately.",
                when=[("gcs-total", "<=", 8)]),
        q("pupils", "choice", "Pupilles", "Pupils", options=[
            opt("equal", "Égales et réactives", "Equal and reactive"),
            opt("unequal", "Asymétriques", "Unequal"),
            opt("fixed", "Aréactives", "Fixed")]),
    ]
    return form("glasgow", "1.0.0", "Score de Glasgow", "Glasgow coma scale", items,
                code=("9269-2", "Glasgow coma score total"))


def braden() -> Json:
    four = ["1", "2", "3", "4"]
    parts = [
        ("sensory", "Perception sensorielle", "Sensory perception",
         ["complètement limitée", "très limitée", "légèrement limitée", "aucune atteinte"],
         ["completely limited", "very limited", "slightly limited", "no impairment"]),
        ("moisture", "Humidité", "Moisture",
         ["constamment humide", "très humide", "parfois humide", "rarement humide"],
         ["constantly moist", "very moist", "occasionally moist", "rarely moist"]),
        ("activity", "Activité", "Activity",
         ["alité", "au fauteuil", "marche parfois", "marche fréquemment"],
         ["bedfast", "chairfast", "walks occasionally", "walks frequently"]),
        ("mobility", "Mobilité", "Mobility",
         ["complètement immobile", "très limitée", "légèrement limitée", "non limitée"],
         ["completely immobile", "very limited", "slightly limited", "no limitation"]),
        ("nutrition", "Nutrition", "Nutrition",
         ["très pauvre", "probablement inadéquate", "adéquate", "excellente"],
         ["very poor", "probably inadequate", "adequate", "excellent"]),
        ("friction", "Frottement et cisaillement", "Friction and shear",
         ["problème", "problème potentiel", "pas de problème apparent"],
         ["problem", "potential problem", "no apparent problem"]),
    ]
    items: list[Json] = []
    names = []
    for key, fr, en, frs, ens in parts:
        items.append(_scale(f"{key}-", f"braden-{key}", fr, en,
                            [(int(s), f, e) for s, f, e in zip(four, frs, ens, strict=False)]))
        names.append(key)
    risk = ("iif(%t.empty(), {}, iif(%t <= 9, 'very-high', iif(%t <= 12, 'high', "
            "iif(%t <= 14, 'moderate', iif(%t <= 18, 'low', 'none')))))")
    items += [
        q("braden-total", "integer", "Score de Braden (6-23)", "Braden score (6-23)",
          calc=_total(names), variables=[(n, answer_of(f"braden-{n}")) for n in names]),
        q("braden-risk", "choice", "Risque d'escarre", "Pressure ulcer risk", calc=risk,
          variables=[("t", answer_of("braden-total"))], options=[
              opt("very-high", "Très élevé (9 ou moins)", "Very high (9 or less)"),
              opt("high", "Élevé (10-12)", "High (10-12)"),
              opt("moderate", "Modéré (13-14)", "Moderate (13-14)"),
              opt("low", "Faible (15-18)", "Mild (15-18)"),
              opt("none", "Pas de risque (19 ou plus)", "No risk (19 or more)")]),
    ]
    return form("braden", "1.0.0", "Échelle de Braden (risque d'escarre)",
                "Braden scale (pressure ulcer risk)", items)


def fall_risk() -> Json:
    parts = [
        ("history", "Antécédent de chute (3 derniers mois)", "History of falling (3 months)",
         [(0, "non", "no"), (25, "oui", "yes")]),
        ("diagnosis", "Diagnostic secondaire", "Secondary diagnosis",
         [(0, "non", "no"), (15, "oui", "yes")]),
        ("aid", "Aide à la marche", "Ambulatory aid",
         [(0, "aucune, alitement, aide d'un soignant", "none, bed rest, nurse assist"),
          (15, "béquilles, canne, déambulateur", "crutches, cane, walker"),
          (30, "s'appuie sur le mobilier", "furniture")]),
        ("iv", "Perfusion ou cathéter hépariné", "IV or heparin lock",
         [(0, "non", "no"), (20, "oui", "yes")]),
        ("gait", "Démarche", "Gait",
         [(0, "normale, alité, fauteuil roulant", "normal, bed rest, wheelchair"),
          (10, "faible", "weak"), (20, "altérée", "impaired")]),
        ("mental", "État mental", "Mental status",
         [(0, "conscient de ses capacités", "oriented to own ability"),
          (15, "surestime ou oublie ses limites", "overestimates or forgets limitations")]),
    ]
    items = [_scale(f"{k}-", f"morse-{k}", fr, en, opts) for k, fr, en, opts in parts]
    names = [k for k, *_ in parts]
    items += [
        q("morse-total", "integer", "Score de Morse (0-125)", "Morse fall score (0-125)",
          calc=_total(names), variables=[(n, answer_of(f"morse-{n}")) for n in names]),
        q("morse-risk", "choice", "Risque de chute", "Fall risk",
          calc="iif(%t.empty(), {}, iif(%t >= 45, 'high', iif(%t >= 25, 'moderate', 'low')))",
          variables=[("t", answer_of("morse-total"))], options=[
              opt("low", "Faible (0-24)", "Low (0-24)"),
              opt("moderate", "Modéré (25-44)", "Moderate (25-44)"),
              opt("high", "Élevé (45 ou plus)", "High (45 or more)")]),
        display("morse-measures", "Risque élevé : lit en position basse, sonnette à portée, "
                "chaussage adapté, éclairage nocturne, réévaluer chaque jour.",
                "High risk: low bed, call bell within reach, proper footwear, night light, "
                "reassess daily.", when=[("morse-risk", "=", "high")]),
    ]
    return form("fall-risk", "1.0.0", "Risque de chute (échelle de Morse)",
                "Fall risk (Morse fall scale)", items)
