"""The three downtime checklists, one section per role (nurse, manager, IT).

Marked as checklists with ``meta.tag`` (form-kind = checklist, checklist-phase =
start | shift | recovery); each section is a group whose ``code`` names the role.
"""

from __future__ import annotations

from build import Json, checklist_tags, form, q, role_group, tick


def _section(prefix: str, role: str, fr: str, en: str, lines: list[tuple[str, str]]) -> Json:
    items = [tick(f"{prefix}-{role}-{i + 1}", f, e) for i, (f, e) in enumerate(lines)]
    items.append(q(f"{prefix}-{role}-notes", "text", "Remarques", "Notes", max_length=2000))
    return role_group(f"{prefix}-{role}", role, fr, en, items)


def start() -> Json:
    manager = [
        ("Confirmer l'alerte auprès de la cellule de crise ou de l'administrateur de garde ; "
         "noter l'heure de début", "Confirm the alert with the crisis unit or the manager "
         "on call; write down the start time"),
        ("Déclencher les procédures dégradées du service (plan de continuité d'activité)",
         "Start the ward's downtime procedures (business continuity plan)"),
        ("Sortir le kit papier de mode dégradé : formulaires, étiquettes, bracelets "
         "provisoires, classeur", "Get out the downtime paper kit: forms, labels, "
         "provisional wristbands, binder"),
        ("Imprimer le dernier recensement des patients et vérifier sa date", "Print the last "
         "patient census and check how recent it is"),
        ("Afficher les numéros d'urgence internes (DSI d'astreinte, pharmacie, laboratoire, "
         "imagerie, sécurité, cellule de crise)", "Post the internal emergency numbers (IT "
         "on call, pharmacy, lab, imaging, security, crisis unit)"),
        ("Ouvrir la main courante (journal de crise) du service", "Open the ward's crisis "
         "log"),
        ("Informer les médecins et convenir avec le laboratoire, la pharmacie et l'imagerie "
         "du circuit papier (bons, coursiers, téléphone)", "Tell the doctors and agree the "
         "paper circuit with lab, pharmacy and imaging (forms, runners, phone)"),
        ("Désigner un référent mode dégradé par équipe", "Name a downtime lead for each "
         "team"),
    ]
    nurse = [
        ("Recenser les patients présents (chambre, identité) et vérifier chaque bracelet",
         "Count the patients present (room, identity) and check every wristband"),
        ("Relever les traitements en cours à partir du dernier plan de soins imprimé",
         "Write down current treatments from the last printed care plan"),
        ("Repérer les prochaines administrations à risque (insuline, anticoagulants, "
         "opioïdes, potassium, chimiothérapie)", "List the next high-risk doses (insulin, "
         "anticoagulants, opioids, potassium, chemotherapy)"),
        ("Tracer les perfusions et seringues électriques en cours (débit, heure de pose)",
         "Record running infusions and syringe drivers (rate, start time)"),
        ("Passer les demandes d'examens urgentes sur bons papier et prévenir par téléphone",
         "Send urgent test requests on paper and phone ahead"),
        ("Ne brancher aucune clé USB et ne pas redémarrer les postes du SI",
         "Do not plug in USB sticks or restart hospital workstations"),
    ]
    it = [
        ("Qualifier la panne (cyberattaque, réseau, application) et la durée prévue ; "
         "informer le cadre", "Qualify the outage (cyberattack, network, application) and "
         "its expected length; tell the ward manager"),
        ("En cas de cyberattaque : isoler les postes du réseau sans les éteindre (traces)",
         "If a cyberattack: disconnect workstations from the network without switching "
         "them off (evidence)"),
        ("Mettre en service le poste autonome de secours et son imprimante locale",
         "Start the standalone backup workstation and its local printer"),
        ("Vérifier l'heure du poste autonome et la date du recensement chargé",
         "Check the standalone workstation's clock and the census date"),
        ("Donner au service le canal de contact de la DSI pendant la crise",
         "Give the ward the IT contact channel for the crisis"),
    ]
    items = [
        _section("start", "manager", "Cadre de santé", "Ward manager", manager),
        _section("start", "nurse", "Infirmier(e)", "Nurse", nurse),
        _section("start", "it", "Informatique", "IT", it),
    ]
    return form("checklist-downtime-start", "1.0.0", "Check-list : début du mode dégradé",
                "Checklist: start of downtime", items,
                tags=checklist_tags("start", "Début du mode dégradé"))


def shift() -> Json:
    nurse = [
        ("Transmissions orales et écrites (SBAR) patient par patient", "Spoken and written "
         "handover (SBAR) for each patient"),
        ("Vérifier l'identité de chaque patient (bracelet) à la prise de poste",
         "Check each patient's identity (wristband) at the start of the shift"),
        ("Relever les constantes prévues et calculer le NEWS2", "Take the scheduled vital "
         "signs and work out the NEWS2"),
        ("Tracer chaque administration au moment où elle est faite", "Record every dose "
         "when it is given"),
        ("Tracer les résultats reçus par téléphone ou papier et les montrer au médecin",
         "Record results received by phone or on paper and show them to the doctor"),
        ("Classer les documents papier dans le dossier de chaque patient", "File the paper "
         "documents in each patient's folder"),
        ("Signaler au cadre les entrées, sorties et transferts", "Tell the ward manager of "
         "admissions, discharges and transfers"),
    ]
    manager = [
        ("Mettre à jour le recensement (entrées, sorties, transferts)", "Update the census "
         "(admissions, discharges, transfers)"),
        ("Vérifier le stock de formulaires, étiquettes et bracelets provisoires",
         "Check the stock of forms, labels and provisional wristbands"),
        ("Faire le point avec la cellule de crise (situation, durée prévue)", "Check in "
         "with the crisis unit (situation, expected duration)"),
        ("Consigner les événements de l'équipe dans la main courante", "Write the shift's "
         "events in the crisis log"),
        ("Réimprimer les feuilles de soins et plans d'administration si besoin",
         "Reprint care sheets and administration charts if needed"),
    ]
    it = [
        ("Sauvegarder le coffre du poste autonome sur un support chiffré", "Back up the "
         "standalone workstation's vault to encrypted media"),
        ("Vérifier alimentation, onduleur, espace disque et imprimante", "Check power, UPS, "
         "disk space and printer"),
        ("Envoyer les enregistrements vers le hub si le réseau de secours le permet",
         "Send the records to the hub if the fallback network allows it"),
    ]
    items = [
        _section("shift", "nurse", "Infirmier(e)", "Nurse", nurse),
        _section("shift", "manager", "Cadre de santé", "Ward manager", manager),
        _section("shift", "it", "Informatique", "IT", it),
    ]
    return form("checklist-downtime-shift", "1.0.0",
                "Check-list : chaque équipe pendant le mode dégradé",
                "Checklist: each shift during downtime", items,
                tags=checklist_tags("shift", "Chaque équipe"))


def recovery() -> Json:
    it = [
        ("Obtenir le feu vert de la cellule de crise (et du RSSI) : SI rétabli et sain",
         "Get the go-ahead from the crisis unit (and security officer): system restored "
         "and clean"),
        ("Exporter tous les enregistrements du poste autonome et les transmettre au hub",
         "Export every record from the standalone workstation and send them to the hub"),
        ("Vérifier l'accusé de réception du hub (aucun envoi en attente)", "Check the hub's "
         "receipt (nothing left in the outbox)"),
        ("Rapprocher les identités provisoires des IPP définitifs", "Match provisional "
         "identities to permanent patient numbers"),
        ("Conserver le poste autonome en l'état jusqu'à la fin de la ressaisie",
         "Keep the standalone workstation as it is until back-entry is complete"),
    ]
    manager = [
        ("Annoncer la fin du mode dégradé à l'équipe, noter l'heure", "Announce the end of "
         "downtime to the team, write down the time"),
        ("Organiser la ressaisie dans le dossier patient informatisé : qui, quoi, priorités "
         "(traitements en cours, allergies, résultats)", "Organise back-entry into the "
         "electronic record: who, what, priorities (current treatments, allergies, "
         "results)"),
        ("Suivre la ressaisie jusqu'à 100 % avec la liste de suivi", "Track back-entry to "
         "100% with the worklist"),
        ("Archiver les documents papier (dossier patient ou numérisation)", "Archive the "
         "paper documents (patient file or scanning)"),
        ("Clôturer la main courante et programmer un retour d'expérience (RETEX)",
         "Close the crisis log and schedule a debriefing"),
    ]
    nurse = [
        ("Ressaisir les prescriptions et administrations en cours dans le DPI",
         "Re-enter current prescriptions and doses in the electronic record"),
        ("Vérifier les résultats d'examens arrivés pendant la panne", "Check test results "
         "that arrived during the outage"),
        ("Contrôler la concordance des identités provisoires et définitives (bracelets)",
         "Check provisional and permanent identities match (wristbands)"),
        ("Déclarer les événements indésirables liés au mode dégradé", "Report adverse "
         "events linked to the downtime"),
    ]
    items = [
        _section("recovery", "it", "Informatique", "IT", it),
        _section("recovery", "manager", "Cadre de santé", "Ward manager", manager),
        _section("recovery", "nurse", "Infirmier(e)", "Nurse", nurse),
    ]
    return form("checklist-downtime-recovery", "1.0.0", "Check-list : retour à la normale",
                "Checklist: return to normal", items,
                tags=checklist_tags("recovery", "Retour à la normale"))
