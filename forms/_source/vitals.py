"""Constantes / vital signs with NEWS2 (Royal College of Physicians, 2017)."""

from __future__ import annotations

from build import Json, display, form, group, opt, q, yes_no


def _pick(var: str, bands: list[tuple[str, int]], default: int) -> str:
    """iif chain: the first band whose condition holds gives the score."""
    expr = str(default)
    for cond, score in reversed(bands):
        expr = f"iif({cond}, {score}, {expr})"
    return f"iif({var}.empty(), {{}}, {expr})"


NEWS2_RR = _pick("%rr", [("%rr <= 8", 3), ("%rr <= 11", 1), ("%rr <= 20", 0),
                         ("%rr <= 24", 2)], 3)
# SpO2 scale 1, or scale 2 (hypercapnic respiratory failure, target 88-92%).
NEWS2_SPO2 = (
    "iif(%spo2.empty(), {}, iif(%scale2 = true, "
    + "iif(%spo2 <= 83, 3, iif(%spo2 <= 85, 2, iif(%spo2 <= 87, 1, iif(%spo2 <= 92, 0, "
    + "iif(%o2 != 'oxygen', 0, iif(%spo2 <= 94, 1, iif(%spo2 <= 96, 2, 3))))))), "
    + "iif(%spo2 <= 91, 3, iif(%spo2 <= 93, 2, iif(%spo2 <= 95, 1, 0)))))"
)
NEWS2_O2 = "iif(%o2.empty(), {}, iif(%o2 = 'oxygen', 2, 0))"
NEWS2_SBP = _pick("%sbp", [("%sbp <= 90", 3), ("%sbp <= 100", 2), ("%sbp <= 110", 1),
                           ("%sbp <= 219", 0)], 3)
NEWS2_HR = _pick("%hr", [("%hr <= 40", 3), ("%hr <= 50", 1), ("%hr <= 90", 0),
                         ("%hr <= 110", 1), ("%hr <= 130", 2)], 3)
NEWS2_AVPU = "iif(%avpu.empty(), {}, iif(%avpu = 'A', 0, 3))"
NEWS2_TEMP = _pick("%temp", [("%temp <= 35.0", 3), ("%temp <= 36.0", 1), ("%temp <= 38.0", 0),
                             ("%temp <= 39.0", 1)], 2)
SUB = ("%resource.item.where(linkId='news2').item.where(linkId='news2-parts').item"
       ".answer.value")
# Partial when a parameter is missing: the sum of what is known, with news2-missing
# naming the rest, so that the alarm never disappears because one value is absent.
NEWS2_TOTAL = "iif(%sub.count() >= 1, %sub.sum(), {})"
NEWS2_MISSING = ("(" + " | ".join(f"iif(%{v}.empty(), '{v}', {{}})" for v in (
    "rr", "spo2", "o2", "sbp", "hr", "avpu", "temp")) + ").join(' ')")
NEWS2_LEVEL = ("iif(%total.empty(), {}, iif(%total >= 7, 'high', iif(%total >= 5, 'medium', "
               "iif(%sub.where($this = 3).exists(), 'low-medium', 'low'))))")


def _sub(link_id: str, fr: str, en: str, calc: str) -> Json:
    return q(link_id, "integer", fr, en, calc=calc)


def vital_signs() -> Json:
    items = [
        q("effective", "dateTime", "Date et heure de la mesure", "Date and time of measurement",
          required=True),
        q("temp", "decimal", "Température", "Body temperature",
          loinc=("8310-5", "Body temperature"), unit=("Cel", "°C"), min=30, max=43,
          decimals=1, short=("T°", "Temp"), plausible=(34, 41)),
        q("hr", "integer", "Fréquence cardiaque", "Heart rate",
          loinc=("8867-4", "Heart rate"), unit=("/min", "/min"), min=20, max=250,
          short=("FC", "HR"), plausible=(30, 200)),
        group("bp", "Pression artérielle", "Blood pressure", [
            q("sbp", "integer", "Systolique", "Systolic",
              loinc=("8480-6", "Systolic blood pressure"), unit=("mm[Hg]", "mmHg"),
              min=40, max=300, short=("PAS", "SBP"), plausible=(60, 250)),
            q("dbp", "integer", "Diastolique", "Diastolic",
              loinc=("8462-4", "Diastolic blood pressure"), unit=("mm[Hg]", "mmHg"),
              min=20, max=200, short=("PAD", "DBP"), plausible=(30, 150)),
        ], loinc=("85354-9", "Blood pressure panel with all children optional")),
        q("rr", "integer", "Fréquence respiratoire", "Respiratory rate",
          loinc=("9279-1", "Respiratory rate"), unit=("/min", "/min"), min=4, max=70,
          short=("FR", "RR"), plausible=(6, 50)),
        q("spo2", "integer", "SpO2", "SpO2",
          loinc=("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),
          unit=("%", "%"), min=50, max=100, short=("SpO2", "SpO2"), plausible=(70, 100)),
        yes_no("spo2-scale2", "Cible SpO2 88-92 % (insuffisance respiratoire hypercapnique, "
               "sur prescription)", "SpO2 target 88-92% (hypercapnic respiratory failure, "
               "prescribed)"),
        q("o2", "choice", "Air ambiant ou oxygène", "Room air or oxygen", control="radio-button",
          options=[opt("air", "Air ambiant", "Room air"),
                   opt("oxygen", "Oxygène", "Oxygen")]),
        q("o2-flow", "decimal", "Débit d'oxygène", "Oxygen flow rate",
          loinc=("3151-8", "Inhaled oxygen flow rate"), unit=("L/min", "L/min"),
          min=0.5, max=60, decimals=1, when=[("o2", "=", "oxygen")], required=True),
        q("o2-device", "choice", "Dispositif", "Device", when=[("o2", "=", "oxygen")],
          control="drop-down", options=[
              opt("nasal", "Lunettes", "Nasal cannula"),
              opt("mask", "Masque simple", "Simple face mask"),
              opt("hc-mask", "Masque haute concentration", "Non-rebreather mask"),
              opt("hfno", "Oxygénothérapie à haut débit", "High-flow nasal oxygen"),
              opt("niv", "VNI", "Non-invasive ventilation")]),
        q("avpu", "choice", "Conscience (ACVPU)", "Consciousness (ACVPU)",
          control="radio-button", options=[
              opt("A", "Alerte", "Alert"),
              opt("C", "Confusion d'apparition récente", "New confusion"),
              opt("V", "Réagit à la voix", "Responds to voice"),
              opt("P", "Réagit à la douleur", "Responds to pain"),
              opt("U", "Aréactif", "Unresponsive")]),
        q("pain", "integer", "Douleur (EN 0-10)", "Pain (NRS 0-10)",
          loinc=("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
          min=0, max=10, control="slider"),
        q("weight", "quantity", "Poids", "Body weight", loinc=("29463-7", "Body weight"),
          unit=("kg", "kg"), units=[("kg", "kg"), ("g", "g")], min=0.3, max=400, decimals=1),
        group("news2", "Score NEWS2", "NEWS2 score", [group("news2-parts", "Points par paramètre",
                                                           "Points per parameter", [
            _sub("news2-rr", "FR", "RR", NEWS2_RR),
            _sub("news2-spo2", "SpO2", "SpO2", NEWS2_SPO2),
            _sub("news2-o2", "Oxygène", "Oxygen", NEWS2_O2),
            _sub("news2-sbp", "PA systolique", "Systolic BP", NEWS2_SBP),
            _sub("news2-hr", "FC", "Pulse", NEWS2_HR),
            _sub("news2-avpu", "Conscience", "Consciousness", NEWS2_AVPU),
            _sub("news2-temp", "Température", "Temperature", NEWS2_TEMP)]),
            q("news2-total", "integer", "NEWS2 total", "NEWS2 total", calc=NEWS2_TOTAL,
              variables=[("sub", SUB)]),
            q("news2-missing", "string", "Paramètres manquants", "Missing parameters",
              calc=NEWS2_MISSING),
            q("news2-level", "choice", "Niveau de risque", "Clinical risk",
              calc=NEWS2_LEVEL, variables=[("sub", SUB), ("total",
                  "%resource.item.where(linkId='news2').item.where(linkId='news2-total')"
                  ".answer.value")],
              options=[opt("low", "Faible (0-4)", "Low (0-4)"),
                       opt("low-medium", "Faible-moyen (un paramètre à 3)",
                           "Low-medium (3 in a single parameter)"),
                       opt("medium", "Moyen (5-6)", "Medium (5-6)"),
                       opt("high", "Élevé (7 ou plus)", "High (7 or more)")]),
            display("news2-low", "0 : surveillance au moins toutes les 12 h. 1-4 : au moins "
                    "toutes les 4-6 h, informer l'IDE responsable.",
                    "0: monitor at least every 12 h. 1-4: at least every 4-6 h, inform the "
                    "registered nurse.", when=[("news2-level", "=", "low")]),
            display("news2-low-medium", "Un paramètre à 3 : appel médical urgent, surveillance "
                    "au moins horaire.", "Score of 3 in one parameter: urgent ward-based "
                    "medical review, monitor at least hourly.",
                    when=[("news2-level", "=", "low-medium")]),
            display("news2-medium", "NEWS2 5-6 : appel médical urgent (médecin de garde), "
                    "surveillance au moins horaire.", "NEWS2 5-6: urgent response by a "
                    "clinician, monitor at least hourly.", when=[("news2-level", "=", "medium")]),
            display("news2-high", "NEWS2 7 ou plus : appel immédiat réanimation / équipe "
                    "d'urgence, surveillance continue.", "NEWS2 7 or more: emergency "
                    "response (critical care team), continuous monitoring.",
                    when=[("news2-level", "=", "high")]),
        ]),
        q("comment", "text", "Commentaire", "Comment", max_length=500),
    ]
    variables = [
        ("rr", "%resource.item.where(linkId='rr').answer.value"),
        ("spo2", "%resource.item.where(linkId='spo2').answer.value"),
        ("scale2", "%resource.item.where(linkId='spo2-scale2').answer.value"),
        ("o2", "%resource.item.where(linkId='o2').answer.value.code"),
        ("sbp", "%resource.item.where(linkId='bp').item.where(linkId='sbp').answer.value"),
        ("hr", "%resource.item.where(linkId='hr').answer.value"),
        ("avpu", "%resource.item.where(linkId='avpu').answer.value.code"),
        ("temp", "%resource.item.where(linkId='temp').answer.value"),
    ]
    return form("vital-signs", "1.1.0", "Constantes et score NEWS2",
                "Vital signs and NEWS2 score", items,
                code=("85353-1", "Vital signs, weight, height, head circumference, oxygen "
                      "saturation and BMI panel"), variables=variables,
                description="Relevé de constantes en mode dégradé, avec calcul du NEWS2.")
