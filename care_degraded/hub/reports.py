"""The recovery reports: where each ward stands (IT), and the outage summary (quality).

Figures come from the same functions the commands use (worklist, conflicts,
identities), so a report cannot disagree with the screens. French first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from care_degraded.domain.checklist_run import RUN_KIND, ChecklistRun
from care_degraded.domain.crisis_entry import CRISIS_KIND, CrisisCategory, CrisisEntry
from care_degraded.domain.record import RECORD_KIND, RecordKind
from care_degraded.hub import conflicts, worklist
from care_degraded.hub.identities import Resolver, list_identities
from care_degraded.hub.records import (
    ADMISSION_KIND,
    ZONE,
    HubRecord,
    care_records,
    device_wards,
    latest_chains,
)
from care_degraded.hub.sheets import local, printed_line
from care_degraded.hub.store import HubStore
from care_degraded.printing.hub_sheets import KIND_FR, ReportSection, report_pdf

KINDS = ("recovery", "outage")
#: a scheduled dose given this long after its due time counts as late
LATE_AFTER = dt.timedelta(hours=1)
DONE = ("exported", "re-entered", "not-needed")


def _fr(moment: dt.datetime | None) -> str:
    return moment.astimezone(ZONE).strftime("%d/%m/%Y %H:%M") if moment else "—"


def recovery_figures(store: HubStore) -> dict[str, Any]:
    """Per ward: bundles, gaps, open conflicts, pending identities, back-entry progress;
    per device: last contact."""
    resolver = Resolver(store)
    wards = device_wards(store)
    per: dict[str, dict[str, Any]] = defaultdict(lambda: {
        "bundles": 0, "gaps": 0, "conflicts_open": 0, "identities_pending": 0,
        "items": 0, "done": 0, "devices": 0, "last_contact": None})
    devices = []
    for device, ward, last, count, sequence in store.conn.execute(
            "SELECT d.id, d.ward, max(b.received_at), count(b.id), max(b.sequence)"
            " FROM devices d LEFT JOIN bundles b ON b.device_id = d.id GROUP BY d.id"
            " ORDER BY d.ward, d.id"):
        gaps = store.gaps(str(device))
        row = per[str(ward)]
        row["bundles"] += int(count)
        row["gaps"] += len(gaps)
        row["devices"] += 1
        if last and (row["last_contact"] is None or last > row["last_contact"]):
            row["last_contact"] = last
        devices.append({"device": device, "ward": ward, "last_contact": last,
                        "last_sequence": int(sequence or 0), "gaps": gaps})
    open_conflicts = 0
    for c in conflicts.detect(store, resolver):
        if c.status == "open":
            open_conflicts += 1  # once in the total, once in each ward it touches
            for ward in {wards[str(r["device"])] for r in c.revisions
                         if str(r.get("device")) in wards}:
                per[ward]["conflicts_open"] += 1
    for ident in list_identities(store, with_candidates=False):
        if ident["status"] == "pending":
            per[ident["ward"]]["identities_pending"] += 1
    for item in worklist.items(store, resolver=resolver):
        row = per[item["ward"]]
        row["items"] += 1
        row["done"] += item["state"] in DONE
    return {"wards": dict(sorted(per.items())), "devices": devices,
            "conflicts_open": open_conflicts}


def outage_figures(store: HubStore) -> dict[str, Any]:
    """Duration, records by type and ward, checklists, provisional admissions, incidents,
    late or missed scheduled doses as recorded."""
    wards = device_wards(store)
    records = care_records(store, kinds=(RECORD_KIND, ADMISSION_KIND))
    by_type: Counter[tuple[str, str]] = Counter()
    times: list[dt.datetime] = []
    late: list[tuple[HubRecord, dt.timedelta | None]] = []
    missed: list[tuple[HubRecord, str]] = []
    for h in records:
        if h.record.voided:
            continue
        by_type[(h.ward, worklist.item_kind(h))] += 1
        times.append(h.record.effective_at)
        if h.record.kind is RecordKind.MEDICATION:
            med = h.record.medication()
            if med.status == "not-given":
                missed.append((h, med.not_given_reason or ""))
            elif med.planned and med.given_at and med.given_at - med.planned > LATE_AFTER:
                late.append((h, med.given_at - med.planned))
            elif med.status == "delayed":
                late.append((h, None))
    checklists = []
    for rev, _chain in latest_chains(store, (RUN_KIND,)):
        run = ChecklistRun.from_revision(rev)
        times.append(run.started_at)
        if run.ended_at:
            times.append(run.ended_at)
        checklists.append({"ward": wards.get(rev.device, ""), "title": run.form_title,
                           "phase": run.phase, "started_at": run.started_at,
                           "ended_at": run.ended_at})
    incidents = []
    crisis_count = 0
    for rev, chain in latest_chains(store, (CRISIS_KIND,)):
        entry = CrisisEntry.from_history([rev])
        if entry.voided:
            continue
        crisis_count += 1
        times.append(entry.at)
        if entry.category is CrisisCategory.INCIDENT:
            incidents.append({"ward": wards.get(rev.device, ""), "at": entry.at,
                              "text": entry.text, "revisions": len(chain)})
    admissions = Counter(w for (w, kind), n in by_type.items() if kind == ADMISSION_KIND
                         for _ in range(n))
    return {"first": min(times) if times else None, "last": max(times) if times else None,
            "by_type": by_type, "checklists": checklists, "incidents": incidents,
            "crisis_entries": crisis_count, "admissions": admissions, "late": late,
            "missed": missed}


def _duration(first: dt.datetime | None, last: dt.datetime | None) -> str:
    if first is None or last is None:
        return "—"
    minutes = int((last - first).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    return (f"{days} j " if days else "") + f"{rest // 60} h {rest % 60:02d}"


def render(store: HubStore, kind: str) -> bytes:
    """The report's PDF."""
    return recovery_pdf(store) if kind == "recovery" else outage_pdf(store)


def recovery_pdf(store: HubStore) -> bytes:
    figures = recovery_figures(store)
    rows = []
    for ward, f in figures["wards"].items():
        share = f"{f['done']} / {f['items']}" + (
            f" ({100 * f['done'] // f['items']} %)" if f["items"] else "")
        rows.append((ward, str(f["bundles"]), str(f["gaps"]), str(f["conflicts_open"]),
                     str(f["identities_pending"]), share, local(f["last_contact"],
                                                                "%d/%m/%Y %H:%M") or "jamais"))
    devices = tuple((d["device"][:8], d["ward"], local(d["last_contact"], "%d/%m/%Y %H:%M")
                     or "jamais", str(d["last_sequence"]),
                     ", ".join(map(str, d["gaps"])) or "aucun") for d in figures["devices"])
    totals = {k: sum(f[k] for f in figures["wards"].values())
              for k in ("bundles", "gaps", "conflicts_open", "identities_pending", "items",
                        "done")}
    facts = [("Lots reçus", str(totals["bundles"])),
             ("Lots manquants (trous de séquence)", str(totals["gaps"])),
             ("Conflits ouverts", str(figures["conflicts_open"])),
             ("Identités en attente", str(totals["identities_pending"])),
             ("Ressaisie", f"{totals['done']} / {totals['items']} faits")]
    sections = [
        ReportSection("Par service", "Per ward", ("Service", "Lots reçus", "Trous",
                      "Conflits ouverts", "Identités en attente", "Ressaisie faite",
                      "Dernier contact"), tuple(rows)),
        ReportSection("Par poste", "Per device: last contact", ("Poste", "Service",
                      "Dernier contact", "Dernier lot", "Lots manquants"), devices)]
    return report_pdf("État de la reprise", "Recovery status — " + printed_line(store), facts,
                      sections, printed_line(store))


def outage_pdf(store: HubStore) -> bytes:
    f = outage_figures(store)
    wards = sorted({w for w, _ in f["by_type"]})
    kinds = sorted({k for _, k in f["by_type"]})
    by_type = tuple((KIND_FR.get(k, k), *(str(f["by_type"][(w, k)]) for w in wards),
                     str(sum(f["by_type"][(w, k)] for w in wards))) for k in kinds)
    checklists = tuple((c["ward"], c["title"], _fr(c["started_at"]),
                        _fr(c["ended_at"]) if c["ended_at"] else "non terminée")
                       for c in f["checklists"])
    incidents = tuple((i["ward"], _fr(i["at"]), i["text"]) for i in f["incidents"])
    doses = tuple((h.ward, _fr(h.record.medication().planned or h.record.effective_at),
                   h.record.medication().drug or "", "retard " + (
                       f"{int(d.total_seconds() // 60)} min" if d else "(reportée)"))
                  for h, d in f["late"])
    doses += tuple((h.ward, _fr(h.record.medication().planned or h.record.effective_at),
                    h.record.medication().drug or "", f"non donnée ({why})")
                   for h, why in f["missed"])
    total = sum(f["by_type"].values())
    facts = [("Début (premier enregistrement)", _fr(f["first"])),
             ("Fin (dernier enregistrement)", _fr(f["last"])),
             ("Durée", _duration(f["first"], f["last"])),
             ("Enregistrements de soins", str(total)),
             ("Admissions provisoires", str(sum(f["admissions"].values()))),
             ("Check-lists terminées", f"{sum(1 for c in f['checklists'] if c['ended_at'])}"
                                       f" / {len(f['checklists'])}"),
             ("Entrées de main courante", str(f["crisis_entries"])),
             ("Incidents signalés", str(len(f["incidents"]))),
             ("Doses en retard", str(len(f["late"]))),
             ("Doses non données", str(len(f["missed"])))]
    sections = [
        ReportSection("Enregistrements par type et par service", "Records by type and ward",
                      ("Type", *wards, "Total"), by_type),
        ReportSection("Check-lists", "Checklists and their times",
                      ("Service", "Check-list", "Début", "Fin"), checklists),
        ReportSection("Admissions provisoires par service", "Provisional admissions",
                      ("Service", "Admissions"), tuple(
                          (w, str(n)) for w, n in sorted(f["admissions"].items()))),
        ReportSection("Incidents signalés", "Incidents flagged (crisis log)",
                      ("Service", "Heure", "Incident"), incidents),
        ReportSection("Doses en retard ou non données (telles qu'enregistrées)",
                      "Late or missed scheduled doses, as recorded",
                      ("Service", "Prévue", "Médicament", "Écart"), doses)]
    return report_pdf("Synthèse du mode dégradé",
                      "Outage summary — direction qualité, cellule de crise", facts, sections,
                      printed_line(store))
