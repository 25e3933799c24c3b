<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
    <context>
        <name>AdmitDialog</name>
        <message>
            <source>Female</source>
            <translation>Femme</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Homme</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Inconnu</translation>
        </message>
        <message>
            <source>Admit a patient (provisional identity)</source>
            <extracomment>Set once done: the admitted patient, or the existing one chosen instead.</extracomment>
            <translation>Admettre un patient (identité provisoire)</translation>
        </message>
        <message>
            <source>A patient missing from the census gets a provisional identity, reconciled by IT when the system is back. Put on a 'provisional identity' wristband.</source>
            <translation>Patient absent du recensement : une identité provisoire lui sera attribuée, à rapprocher par l'informatique au retour du système. Poser le bracelet « identité provisoire ».</translation>
        </message>
        <message>
            <source>separated by spaces</source>
            <translation>séparés par des espaces</translation>
        </message>
        <message>
            <source>DD/MM/YYYY</source>
            <translation>JJ/MM/AAAA</translation>
        </message>
        <message>
            <source>Birth surname *</source>
            <translation>Nom de naissance *</translation>
        </message>
        <message>
            <source>Used surname</source>
            <translation>Nom d'usage</translation>
        </message>
        <message>
            <source>Given name(s) *</source>
            <translation>Prénom(s) *</translation>
        </message>
        <message>
            <source>Birth date *</source>
            <translation>Date de naissance *</translation>
        </message>
        <message>
            <source>Sex *</source>
            <translation>Sexe *</translation>
        </message>
        <message>
            <source>Room</source>
            <translation>Chambre</translation>
        </message>
        <message>
            <source>Bed</source>
            <translation>Lit</translation>
        </message>
        <message>
            <source>Location</source>
            <translation>Emplacement</translation>
        </message>
        <message>
            <source>Patients who may be the same person — check before admitting:</source>
            <translation>Patients qui pourraient être la même personne — vérifiez avant d'admettre :</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Born</source>
            <translation>Né(e) le</translation>
        </message>
        <message>
            <source>Number / bed</source>
            <translation>Numéro / lit</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Pourquoi</translation>
        </message>
        <message>
            <source>I checked: this patient is none of those listed</source>
            <translation>J'ai vérifié : ce patient n'est aucun de ceux de la liste</translation>
        </message>
        <message>
            <source>It is this patient: open the chart</source>
            <translation>C'est ce patient : ouvrir son dossier</translation>
        </message>
        <message>
            <source>Check and admit</source>
            <translation>Vérifier et admettre</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>the birth surname</source>
            <translation>le nom de naissance</translation>
        </message>
        <message>
            <source>the given name</source>
            <translation>le prénom</translation>
        </message>
        <message>
            <source>a valid birth date (DD/MM/YYYY)</source>
            <translation>une date de naissance valide (JJ/MM/AAAA)</translation>
        </message>
        <message>
            <source>the sex</source>
            <translation>le sexe</translation>
        </message>
        <message>
            <source>Missing: </source>
            <translation>À compléter : </translation>
        </message>
        <message>
            <source>Admitting…</source>
            <translation>Admission…</translation>
        </message>
        <message>
            <source> (provisional)</source>
            <translation> (provisoire)</translation>
        </message>
        <message>
            <source>Admit anyway (someone else)</source>
            <translation>Admettre quand même (autre personne)</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <source>DEGRADED MODE</source>
            <translation>MODE DÉGRADÉ</translation>
        </message>
        <message>
            <source>Lock (Ctrl+L)</source>
            <translation>Verrouiller (Ctrl+L)</translation>
        </message>
        <message>
            <source> (demo)</source>
            <translation> (démo)</translation>
        </message>
        <message>
            <source>%1 record waiting to be synced</source>
            <translation>%1 saisie en attente de synchronisation</translation>
        </message>
        <message>
            <source>%1 records waiting to be synced</source>
            <translation>%1 saisies en attente de synchronisation</translation>
        </message>
        <message>
            <source>, last receipt %1</source>
            <translation>, dernier accusé %1</translation>
        </message>
        <message>
            <source>No census imported</source>
            <translation>Aucun recensement importé</translation>
        </message>
        <message>
            <source>Census of %1 (%2 ago)</source>
            <translation>Recensement du %1 (il y a %2)</translation>
        </message>
        <message>
            <source>EXERCISE — fictitious data</source>
            <translation>EXERCICE — données fictives</translation>
        </message>
        <message>
            <source>running</source>
            <translation>en cours</translation>
        </message>
        <message>
            <source>paused</source>
            <translation>en pause</translation>
        </message>
        <message>
            <source>ended</source>
            <translation>terminé</translation>
        </message>
        <message>
            <source>Scenario %1 · ×%2 · %3</source>
            <translation>Scénario %1 · ×%2 · %3</translation>
        </message>
        <message>
            <source>Inject %1: %2</source>
            <translation>Inject %1 : %2</translation>
        </message>
        <message>
            <source>No inject yet</source>
            <translation>Aucun inject pour l'instant</translation>
        </message>
        <message>
            <source>Injects (%1)…</source>
            <translation>Injects (%1)…</translation>
        </message>
    </context>
    <context>
        <name>BoardModel</name>
        <message>
            <source>Bed</source>
            <translation>Lit</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>Âge</translation>
        </message>
        <message>
            <source>Allergies</source>
            <translation>Allergies</translation>
        </message>
        <message>
            <source>Last vitals</source>
            <translation>Dernières constantes</translation>
        </message>
        <message>
            <source>NEWS2</source>
            <translation>NEWS2</translation>
        </message>
        <message>
            <source>Meds due (1 h)</source>
            <translation>Traitements (1 h)</translation>
        </message>
        <message>
            <source>Handover</source>
            <translation>Transmissions</translation>
        </message>
        <message>
            <source>%1  [PROVISIONAL %2]</source>
            <translation>%1  [PROVISOIRE %2]</translation>
        </message>
        <message>
            <source>%1 y</source>
            <translation>%1 ans</translation>
        </message>
        <message>
            <source>none known</source>
            <translation>aucune connue</translation>
        </message>
        <message>
            <source>not documented</source>
            <translation>non renseigné</translation>
        </message>
        <message>
            <source>%1 late (%2)</source>
            <translation>%1 en retard (%2)</translation>
        </message>
        <message>
            <source>%1 at %2</source>
            <translation>%1 à %2</translation>
        </message>
        <message>
            <source>written</source>
            <translation>écrites</translation>
        </message>
        <message>
            <source>to write</source>
            <translation>à écrire</translation>
        </message>
        <message>
            <source>none</source>
            <translation>aucune</translation>
        </message>
        <message>
            <source>late</source>
            <translation>en retard</translation>
        </message>
        <message>
            <source>One parameter scores 3: call for a review</source>
            <translation>Un paramètre cote 3 : appeler le médecin</translation>
        </message>
        <message>
            <source>Provisional identity: check it before any act</source>
            <translation>Identité provisoire : la vérifier avant tout acte</translation>
        </message>
    </context>
    <context>
        <name>BoardView</name>
        <message>
            <source>&amp;Search:</source>
            <translation>&amp;Rechercher :</translation>
        </message>
        <message>
            <source>name, bed, IPP or provisional number</source>
            <translation>nom, lit, IPP ou numéro provisoire</translation>
        </message>
        <message>
            <source>&amp;Show:</source>
            <translation>&amp;Afficher :</translation>
        </message>
        <message>
            <source>all patients</source>
            <translation>tous les patients</translation>
        </message>
        <message>
            <source>NEWS2 5 or more</source>
            <translation>NEWS2 5 ou plus</translation>
        </message>
        <message>
            <source>medications due</source>
            <translation>traitements à donner</translation>
        </message>
        <message>
            <source>handover to write</source>
            <translation>transmissions à écrire</translation>
        </message>
        <message>
            <source>provisional identities</source>
            <translation>identités provisoires</translation>
        </message>
        <message>
            <source>no vitals yet</source>
            <translation>sans constantes</translation>
        </message>
        <message>
            <source>%1 of %2 patients</source>
            <translation>%1 patients sur %2</translation>
        </message>
    </context>
    <context>
        <name>ChartWidget</name>
        <message>
            <source>Saved %1 — %2, %3</source>
            <translation>Enregistré %1 — %2, %3</translation>
        </message>
        <message>
            <source>Vitals</source>
            <extracomment>key -&gt; (button, shortcut). The shortcut is shown on the button.</extracomment>
            <translation>Constantes</translation>
        </message>
        <message>
            <source>Medication</source>
            <translation>Médicament</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Transmission</translation>
        </message>
        <message>
            <source>Pain</source>
            <translation>Douleur</translation>
        </message>
        <message>
            <source>Glucose</source>
            <translation>Glycémie</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>Imprimer…</translation>
        </message>
        <message>
            <source>Loading the chart…</source>
            <translation>Chargement du dossier…</translation>
        </message>
        <message>
            <source>Amend: </source>
            <translation>Modifier : </translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Enregistrement…</translation>
        </message>
    </context>
    <context>
        <name>ChecklistWidget</name>
        <message>
            <source>Start of downtime</source>
            <translation>Début du mode dégradé</translation>
        </message>
        <message>
            <source>Each shift</source>
            <translation>Relève d'équipe</translation>
        </message>
        <message>
            <source>Return to normal</source>
            <translation>Retour à la normale</translation>
        </message>
        <message>
            <source>Downtime checklists</source>
            <translation>Check-lists du mode dégradé</translation>
        </message>
        <message>
            <source>Start:</source>
            <translation>Démarrer :</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>Imprimer…</translation>
        </message>
        <message>
            <source> (closed)</source>
            <translation> (clôturée)</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>Démarrage…</translation>
        </message>
    </context>
    <context>
        <name>FormDialog</name>
        <message>
            <source>Cancel (Esc)</source>
            <extracomment>What the host needs to open this form again after a lock (mode, ids...). "saving pending" while another program holds the vault's write lock</extracomment>
            <translation>Annuler (Échap)</translation>
        </message>
        <message>
            <source>  — PROVISIONAL IDENTITY</source>
            <translation>  — IDENTITÉ PROVISOIRE</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Enregistrement…</translation>
        </message>
        <message>
            <source>Discard what you typed?</source>
            <translation>Abandonner la saisie en cours ?</translation>
        </message>
        <message>
            <source>Saving pending: the vault is busy with another program. Your answers are kept and saved as soon as it is free.</source>
            <translation>Enregistrement en attente : le coffre est occupé par un autre programme. Vos réponses sont conservées et seront enregistrées dès qu’il sera libre.</translation>
        </message>
    </context>
    <context>
        <name>FormView</name>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>Enregistrer (Ctrl+S)</translation>
        </message>
        <message>
            <source>%1 answer(s) to correct before saving.</source>
            <translation>%1 réponse(s) à corriger avant d'enregistrer.</translation>
        </message>
        <message>
            <source>Save anyway</source>
            <translation>Enregistrer quand même</translation>
        </message>
        <message>
            <source>Back to the form</source>
            <translation>Revenir au formulaire</translation>
        </message>
    </context>
    <context>
        <name>HandoverModel</name>
        <message>
            <source>Bed</source>
            <extracomment>The HandoverRow of a row.</extracomment>
            <translation>Lit</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Handover</source>
            <translation>Transmission</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Heure</translation>
        </message>
        <message>
            <source>Author</source>
            <translation>Auteur</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Résumé</translation>
        </message>
        <message>
            <source>SBAR</source>
            <translation>SBAR</translation>
        </message>
        <message>
            <source>Focus notes (DAR)</source>
            <translation>Ciblée (DAR)</translation>
        </message>
        <message>
            <source> (provisional)</source>
            <translation> (provisoire)</translation>
        </message>
        <message>
            <source>none yet</source>
            <translation>aucune</translation>
        </message>
    </context>
    <context>
        <name>HandoverWidget</name>
        <message>
            <source>Ward handover</source>
            <translation>Transmissions du service</translation>
        </message>
        <message>
            <source>Focus notes  (Alt+T)</source>
            <translation>Transmissions ciblées  (Alt+T)</translation>
        </message>
        <message>
            <source>Print the sheet…</source>
            <translation>Imprimer la feuille…</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>&lt;p&gt;No handover written for this patient.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Aucune transmission écrite pour ce patient.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>IdentityHeader</name>
        <message>
            <source>ALLERGIES: %1</source>
            <translation>ALLERGIES : %1</translation>
        </message>
        <message>
            <source>Provisional no. %1</source>
            <translation>N° provisoire %1</translation>
        </message>
        <message>
            <source>room %1</source>
            <translation>ch. %1</translation>
        </message>
        <message>
            <source>bed %1</source>
            <translation>lit %1</translation>
        </message>
        <message>
            <source>PROVISIONAL IDENTITY</source>
            <translation>IDENTITÉ PROVISOIRE</translation>
        </message>
        <message>
            <source>Patient not found</source>
            <translation>Patient introuvable</translation>
        </message>
        <message>
            <source>born %1 (%2 y)</source>
            <translation>né(e) le %1 (%2 ans)</translation>
        </message>
        <message>
            <source>birth date unknown</source>
            <translation>date de naissance inconnue</translation>
        </message>
        <message>
            <source>no bed</source>
            <translation>lit non attribué</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Patient</source>
            <extracomment>the board is recomputed this often while unlocked (medications due move with time)</extracomment>
            <translation>Patient</translation>
        </message>
        <message>
            <source>care_degraded — %1</source>
            <translation>care_degraded — %1</translation>
        </message>
        <message>
            <source>care_degraded — locked</source>
            <translation>care_degraded — verrouillé</translation>
        </message>
        <message>
            <source>Ward board</source>
            <translation>Tableau du service</translation>
        </message>
        <message>
            <source>Handover</source>
            <translation>Transmissions</translation>
        </message>
        <message>
            <source>Checklists</source>
            <translation>Check-lists</translation>
        </message>
        <message>
            <source>Crisis log</source>
            <translation>Main courante</translation>
        </message>
    </context>
    <context>
        <name>Menus</name>
        <message>
            <source>&amp;Ward</source>
            <translation>&amp;Service</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Ai&amp;de</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Langue</translation>
        </message>
        <message>
            <source>&amp;Find a patient</source>
            <translation>&amp;Chercher un patient</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Actualiser</translation>
        </message>
        <message>
            <source>&amp;Admit a patient…</source>
            <translation>A&amp;dmettre un patient…</translation>
        </message>
        <message>
            <source>Ward &amp;settings…</source>
            <translation>&amp;Réglages du service…</translation>
        </message>
        <message>
            <source>Check &amp;integrity…</source>
            <translation>Vérifier l’&amp;intégrité…</translation>
        </message>
        <message>
            <source>&amp;Lock now</source>
            <translation>&amp;Verrouiller</translation>
        </message>
        <message>
            <source>S&amp;witch user</source>
            <translation>Changer d’&amp;utilisateur</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>Ward &amp;board</source>
            <translation>&amp;Tableau du service</translation>
        </message>
        <message>
            <source>&amp;Handover</source>
            <translation>&amp;Transmissions</translation>
        </message>
        <message>
            <source>&amp;Checklists</source>
            <translation>Check-&amp;lists</translation>
        </message>
        <message>
            <source>&amp;Close the chart</source>
            <translation>&amp;Fermer le dossier</translation>
        </message>
        <message>
            <source>High &amp;contrast</source>
            <translation>&amp;Contraste élevé</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>Raccourcis &amp;clavier</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <source>Enter	open the selected patient's chart</source>
            <translation>Entrée	ouvrir le dossier du patient sélectionné</translation>
        </message>
        <message>
            <source>&amp;Print</source>
            <translation>&amp;Imprimer</translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>&amp;Imprimer…</translation>
        </message>
        <message>
            <source>Downtime paper &amp;kit…</source>
            <translation>&amp;Kit papier du mode dégradé…</translation>
        </message>
        <message>
            <source>Ward &amp;handover sheet…</source>
            <translation>Feuille de &amp;transmissions du service…</translation>
        </message>
        <message>
            <source>&amp;Patient list (census)…</source>
            <translation>&amp;Liste des patients (recensement)…</translation>
        </message>
        <message>
            <source>&amp;Checklists…</source>
            <translation>&amp;Check-lists…</translation>
        </message>
        <message>
            <source>&amp;Blank form…</source>
            <translation>&amp;Formulaire vierge…</translation>
        </message>
        <message>
            <source>Add to the crisis lo&amp;g…</source>
            <translation>Ajouter à la main &amp;courante…</translation>
        </message>
        <message>
            <source>Crisis lo&amp;g</source>
            <translation>&amp;Main courante</translation>
        </message>
        <message>
            <source>Crisis lo&amp;g…</source>
            <translation>&amp;Main courante…</translation>
        </message>
    </context>
    <context>
        <name>Operation</name>
        <message>
            <source>Please wait</source>
            <translation>Veuillez patienter</translation>
        </message>
        <message>
            <source>Saving pending: another program is writing to the vault. Trying again automatically…</source>
            <extracomment>a progress dialog appears only for operations slower than this (ms): short saves must not flash a dialog in the nurse's face a write refused by another program's lock is tried again for this long (seconds) pause between two tries (each try itself waits up to the vault's busy timeout) another program holds the vault's write lock: the work waits and is tried again</extracomment>
            <translation>Enregistrement en attente : un autre programme écrit dans le coffre. Nouvel essai automatique…</translation>
        </message>
    </context>
    <context>
        <name>PrescriptionPicker</name>
        <message>
            <source>Medication to give</source>
            <translation>Médicament à administrer</translation>
        </message>
        <message>
            <source>Active prescriptions (Enter to choose):</source>
            <translation>Prescriptions actives (Entrée pour choisir) :</translation>
        </message>
        <message>
            <source>Other medication (blank form)</source>
            <translation>Autre médicament (formulaire vierge)</translation>
        </message>
    </context>
    <context>
        <name>PrintActions</name>
        <message>
            <source>Kit saved: %1 — %2</source>
            <extracomment>What the status bar says once a print is done, per kind: (saved as PDF, printed). Whole sentences, so that each language can agree its words with the noun.</extracomment>
            <translation>Kit enregistré : %1 — %2</translation>
        </message>
        <message>
            <source>Kit printed: %1</source>
            <translation>Kit imprimé : %1</translation>
        </message>
        <message>
            <source>Handover sheet saved: %1 — %2</source>
            <translation>Transmissions enregistrées : %1 — %2</translation>
        </message>
        <message>
            <source>Handover sheet printed: %1</source>
            <translation>Transmissions imprimées : %1</translation>
        </message>
        <message>
            <source>Patient list saved: %1 — %2</source>
            <translation>Liste des patients enregistrée : %1 — %2</translation>
        </message>
        <message>
            <source>Patient list printed: %1</source>
            <translation>Liste des patients imprimée : %1</translation>
        </message>
        <message>
            <source>Checklists saved: %1 — %2</source>
            <translation>Check-lists enregistrées : %1 — %2</translation>
        </message>
        <message>
            <source>Checklists printed: %1</source>
            <translation>Check-lists imprimées : %1</translation>
        </message>
        <message>
            <source>Form saved: %1 — %2</source>
            <translation>Formulaire enregistré : %1 — %2</translation>
        </message>
        <message>
            <source>Form printed: %1</source>
            <translation>Formulaire imprimé : %1</translation>
        </message>
        <message>
            <source>Sheet saved: %1 — %2</source>
            <translation>Feuille enregistrée : %1 — %2</translation>
        </message>
        <message>
            <source>Sheet printed: %1</source>
            <translation>Feuille imprimée : %1</translation>
        </message>
        <message>
            <source>Record saved: %1 — %2</source>
            <translation>Enregistrement enregistré : %1 — %2</translation>
        </message>
        <message>
            <source>Record printed: %1</source>
            <translation>Enregistrement imprimé : %1</translation>
        </message>
        <message>
            <source>Downtime paper kit</source>
            <translation>Kit papier du mode dégradé</translation>
        </message>
        <message>
            <source>Ward handover sheet</source>
            <translation>Feuille de transmissions du service</translation>
        </message>
        <message>
            <source>Patient list (census)</source>
            <translation>Liste des patients (recensement)</translation>
        </message>
        <message>
            <source>Every checklist</source>
            <translation>Toutes les check-lists</translation>
        </message>
        <message>
            <source>Checklists</source>
            <translation>Check-lists</translation>
        </message>
        <message>
            <source>Checklist:</source>
            <translation>Check-list :</translation>
        </message>
        <message>
            <source>Blank form</source>
            <translation>Formulaire vierge</translation>
        </message>
        <message>
            <source>Form:</source>
            <translation>Formulaire :</translation>
        </message>
        <message>
            <source>Medication administration record</source>
            <translation>Feuille d'administration des médicaments</translation>
        </message>
        <message>
            <source>Vitals flowsheet (24 h)</source>
            <translation>Surveillance des constantes (24 h)</translation>
        </message>
        <message>
            <source>This patient's handover</source>
            <translation>Transmissions de ce patient</translation>
        </message>
        <message>
            <source>Record and its history</source>
            <translation>Enregistrement et son historique</translation>
        </message>
        <message>
            <source>Preparing the print…</source>
            <translation>Préparation de l'impression…</translation>
        </message>
        <message>
            <source>Preparing the PDF…</source>
            <translation>Préparation du PDF…</translation>
        </message>
        <message>
            <source>%1 page</source>
            <translation>%1 page</translation>
        </message>
        <message>
            <source>%1 pages</source>
            <translation>%1 pages</translation>
        </message>
        <message>
            <source>Crisis log saved: %1 — %2</source>
            <translation>Main courante enregistrée : %1 — %2</translation>
        </message>
        <message>
            <source>Crisis log printed: %1</source>
            <translation>Main courante imprimée : %1</translation>
        </message>
        <message>
            <source>Crisis log</source>
            <translation>Main courante</translation>
        </message>
    </context>
    <context>
        <name>PrintChoiceDialog</name>
        <message>
            <source>Hours to cover:</source>
            <extracomment>(value, label) pairs to choose from (a blank form, one checklist...); empty: none</extracomment>
            <translation>Nombre d'heures couvertes :</translation>
        </message>
        <message>
            <source>Save as PDF…</source>
            <translation>Enregistrer en PDF…</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>Imprimer…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>&amp;Regarder dans :</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>Fichiers de &amp;type :</translation>
        </message>
    </context>
    <context>
        <name>RecordPanel</name>
        <message>
            <source>No answers.</source>
            <translation>Aucune réponse.</translation>
        </message>
        <message>
            <source>: “%1”</source>
            <translation> : « %1 »</translation>
        </message>
        <message>
            <source>Revision history</source>
            <translation>Historique des versions</translation>
        </message>
        <message>
            <source>Click a revision to see its answers.</source>
            <translation>Cliquez sur une version pour voir ses réponses.</translation>
        </message>
        <message>
            <source>Amend  (Alt+F)</source>
            <translation>Modifier  (Alt+F)</translation>
        </message>
        <message>
            <source>Entered in error…  (Alt+E)</source>
            <translation>Erreur de saisie…  (Alt+E)</translation>
        </message>
        <message>
            <source>Revision of %1 by %2 (superseded)</source>
            <translation>Version du %1 par %2 (remplacée)</translation>
        </message>
        <message>
            <source>Choose a record in the list.</source>
            <translation>Choisissez un enregistrement dans la liste.</translation>
        </message>
        <message>
            <source>%1 · by %2 · %3</source>
            <translation>%1 · par %2 · %3</translation>
        </message>
        <message>
            <source>Marked entered in error: %1</source>
            <translation>Marqué erreur de saisie : %1</translation>
        </message>
    </context>
    <context>
        <name>RepeatingGroupNode</name>
        <message>
            <source>+ Add: %1</source>
            <translation>+ Ajouter : %1</translation>
        </message>
        <message>
            <source>Remove this entry</source>
            <translation>Retirer cette ligne</translation>
        </message>
    </context>
    <context>
        <name>RepeatingQuestionNode</name>
        <message>
            <source>+ Add an answer</source>
            <translation>+ Ajouter une réponse</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
    </context>
    <context>
        <name>RunView</name>
        <message>
            <source>Ward manager</source>
            <translation>Cadre de santé</translation>
        </message>
        <message>
            <source>Nurse</source>
            <translation>Infirmier(e)</translation>
        </message>
        <message>
            <source>IT</source>
            <translation>Informatique</translation>
        </message>
        <message>
            <source>Everyone</source>
            <translation>Tous</translation>
        </message>
        <message>
            <source>Close the checklist</source>
            <translation>Clôturer la check-list</translation>
        </message>
        <message>
            <source>No checklist running. Start one above.</source>
            <translation>Aucune check-list en cours. Démarrez-en une ci-dessus.</translation>
        </message>
        <message>
            <source>Started %1 by %2</source>
            <translation>Démarrée à %1 par %2</translation>
        </message>
        <message>
            <source> · closed %1</source>
            <translation> · clôturée à %1</translation>
        </message>
        <message>
            <source>unticked by %1, %2</source>
            <translation>décoché par %1, %2</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Ward settings</source>
            <translation>Réglages du service</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>Utilisateurs</translation>
        </message>
        <message>
            <source>Auto-lock</source>
            <translation>Verrouillage automatique</translation>
        </message>
        <message>
            <source>Login</source>
            <translation>Identifiant</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Disable the selected user</source>
            <translation>Désactiver l’utilisateur sélectionné</translation>
        </message>
        <message>
            <source>Add a user</source>
            <translation>Ajouter un utilisateur</translation>
        </message>
        <message>
            <source>nurse</source>
            <translation>infirmier·e</translation>
        </message>
        <message>
            <source>ward manager</source>
            <translation>cadre de santé</translation>
        </message>
        <message>
            <source>IT</source>
            <translation>informatique</translation>
        </message>
        <message>
            <source>Add the user</source>
            <translation>Ajouter l’utilisateur</translation>
        </message>
        <message>
            <source>Login:</source>
            <translation>Identifiant :</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Nom :</translation>
        </message>
        <message>
            <source>Role:</source>
            <translation>Rôle :</translation>
        </message>
        <message>
            <source>Passphrase:</source>
            <translation>Phrase de passe :</translation>
        </message>
        <message>
            <source>Passphrase again:</source>
            <translation>Phrase de passe (confirmation) :</translation>
        </message>
        <message>
            <source>active</source>
            <translation>actif</translation>
        </message>
        <message>
            <source>disabled</source>
            <translation>désactivé</translation>
        </message>
        <message>
            <source>The two passphrases differ.</source>
            <translation>Les deux phrases de passe diffèrent.</translation>
        </message>
        <message>
            <source>Adding the user…</source>
            <translation>Ajout de l’utilisateur…</translation>
        </message>
        <message>
            <source>User %1 added.</source>
            <translation>Utilisateur %1 ajouté.</translation>
        </message>
        <message>
            <source>Select a user first.</source>
            <translation>Sélectionnez d’abord un utilisateur.</translation>
        </message>
        <message>
            <source>User %1 disabled.</source>
            <translation>Utilisateur %1 désactivé.</translation>
        </message>
        <message>
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <source>Save the delay</source>
            <translation>Enregistrer le délai</translation>
        </message>
        <message>
            <source>The screen locks after this many minutes without any key press or click. Forms in progress are kept and come back at the next unlock.</source>
            <translation>L’écran se verrouille après ce nombre de minutes sans frappe ni clic. Les saisies en cours sont conservées et reviennent au déverrouillage suivant.</translation>
        </message>
        <message>
            <source>Lock after:</source>
            <translation>Verrouiller après :</translation>
        </message>
        <message>
            <source>Auto-lock after %1 min saved.</source>
            <translation>Verrouillage après %1 min enregistré.</translation>
        </message>
    </context>
    <context>
        <name>TimelineModel</name>
        <message>
            <source>Date and time</source>
            <extracomment>The RecordSummary of a row.</extracomment>
            <translation>Date et heure</translation>
        </message>
        <message>
            <source>Form</source>
            <translation>Formulaire</translation>
        </message>
        <message>
            <source>At a glance</source>
            <translation>En bref</translation>
        </message>
        <message>
            <source>Author</source>
            <translation>Auteur</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source> (%1 versions)</source>
            <translation> (%1 versions)</translation>
        </message>
        <message>
            <source>entered %1</source>
            <translation>saisi le %1</translation>
        </message>
    </context>
    <context>
        <name>UnlockWidget</name>
        <message>
            <source>Preparing the demonstration ward…</source>
            <translation>Préparation du service de démonstration…</translation>
        </message>
        <message>
            <source>Unlock the ward</source>
            <extracomment>invented demo staff: login -&gt; display name, shown beside the demo logins</extracomment>
            <translation>Déverrouiller le service</translation>
        </message>
        <message>
            <source>&amp;Login:</source>
            <translation>&amp;Identifiant :</translation>
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation>&amp;Phrase de passe :</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Déverrouiller</translation>
        </message>
        <message>
            <source>Demonstration ward: fictitious patients. Click a login to fill it in.</source>
            <translation>Service de démonstration : patients fictifs. Cliquez sur un identifiant pour le remplir.</translation>
        </message>
        <message>
            <source>Locked after inactivity. Unlock to continue: any form in progress will be restored.</source>
            <translation>Verrouillé après inactivité. Déverrouillez pour continuer : la saisie en cours sera restaurée.</translation>
        </message>
        <message>
            <source>Locked. Unlock to continue: any form in progress will be restored.</source>
            <translation>Verrouillé. Déverrouillez pour continuer : la saisie en cours sera restaurée.</translation>
        </message>
        <message>
            <source>Switch user: the next person logs in here.</source>
            <translation>Changement d’utilisateur : la personne suivante se connecte ici.</translation>
        </message>
        <message>
            <source>Type your login and your passphrase.</source>
            <translation>Saisissez votre identifiant et votre phrase de passe.</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Vérification…</translation>
        </message>
        <message>
            <source>Wrong passphrase or unknown login.</source>
            <translation>Phrase de passe erronée ou identifiant inconnu.</translation>
        </message>
        <message>
            <source>Wrong passphrase.</source>
            <translation>Phrase de passe erronée.</translation>
        </message>
        <message>
            <source>Wrong passphrase. Too many attempts: try again in %1 s.</source>
            <translation>Phrase de passe erronée. Trop d’essais : réessayez dans %1 s.</translation>
        </message>
        <message>
            <source>You can try again.</source>
            <translation>Vous pouvez réessayer.</translation>
        </message>
        <message>
            <source>EXERCISE — a drill vault: fictitious patients, nothing here is real care.</source>
            <translation>EXERCICE — coffre d'exercice : patients fictifs, rien ici n'est un soin réel.</translation>
        </message>
    </context>
    <context>
        <name>VoidDialog</name>
        <message>
            <source>Wrong patient</source>
            <translation>Mauvais patient</translation>
        </message>
        <message>
            <source>Wrong value</source>
            <translation>Valeur erronée</translation>
        </message>
        <message>
            <source>Entered twice</source>
            <translation>Saisi en double</translation>
        </message>
        <message>
            <source>Wrong form</source>
            <translation>Mauvais formulaire</translation>
        </message>
        <message>
            <source>Mark as entered in error</source>
            <translation>Marquer comme erreur de saisie</translation>
        </message>
        <message>
            <source>“%1” stays readable in the history, struck out, with the reason.</source>
            <translation>« %1 » restera lisible dans l'historique, barré, avec le motif.</translation>
        </message>
        <message>
            <source>— common reason —</source>
            <translation>— motif fréquent —</translation>
        </message>
        <message>
            <source>Reason (required):</source>
            <translation>Motif (obligatoire) :</translation>
        </message>
        <message>
            <source>Mark entered in error</source>
            <translation>Marquer erreur de saisie</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Too many wrong attempts. Try again in %1 seconds.</source>
            <translation>Trop d’essais erronés. Réessayez dans %1 secondes.</translation>
        </message>
        <message>
            <source>Wrong passphrase. Check the login and try again.</source>
            <translation>Phrase de passe erronée. Vérifiez l’identifiant et réessayez.</translation>
        </message>
        <message>
            <source>Wrong passphrase or unknown login. Check both and try again.</source>
            <translation>Phrase de passe erronée ou identifiant inconnu. Vérifiez les deux et réessayez.</translation>
        </message>
        <message>
            <source>The vault file is damaged or was modified. Call IT: do not delete anything.</source>
            <translation>Le fichier du coffre est endommagé ou a été modifié. Appelez l’informatique : ne supprimez rien.</translation>
        </message>
        <message>
            <source>This cannot be accepted as entered.</source>
            <translation>La saisie ne peut pas être acceptée en l’état.</translation>
        </message>
        <message>
            <source>This action is refused.</source>
            <translation>Cette action est refusée.</translation>
        </message>
        <message>
            <source>What you asked for could not be found.</source>
            <translation>L’élément demandé est introuvable.</translation>
        </message>
        <message>
            <source>This action cannot be done this way.</source>
            <translation>Cette action ne peut pas se faire ainsi.</translation>
        </message>
        <message>
            <source>The action failed.</source>
            <translation>L’action a échoué.</translation>
        </message>
        <message>
            <source>The disk could not be read or written. Check the free space and the USB key, then try again.</source>
            <translation>Le disque n’a pas pu être lu ou écrit. Vérifiez l’espace libre et la clé USB, puis réessayez.</translation>
        </message>
        <message>
            <source>An unexpected error happened. Your previous entries are safe; try again, and call IT if it happens again.</source>
            <translation>Une erreur inattendue s’est produite. Vos saisies précédentes sont en sécurité ; réessayez, et appelez l’informatique si cela se reproduit.</translation>
        </message>
        <message>
            <source>The passphrase is too short: at least %1 characters.</source>
            <extracomment>The exact causes the core names (``CareError.reason``), worded here; ``%1``... are the error's parameters named in ``_REASON_PARAMS``, in order.</extracomment>
            <translation>La phrase de passe est trop courte : au moins %1 caractères.</translation>
        </message>
        <message>
            <source>This passphrase is refused: it is in the list of common passwords. Choose a longer sentence of your own.</source>
            <translation>Cette phrase de passe est refusée : elle figure dans la liste des mots de passe courants. Choisissez une phrase plus longue, à vous.</translation>
        </message>
        <message>
            <source>The login %1 is already used.</source>
            <translation>L’identifiant %1 est déjà utilisé.</translation>
        </message>
        <message>
            <source>A login is 2 to 64 letters, digits, '.', '-' or '_'.</source>
            <translation>Un identifiant fait de 2 à 64 lettres, chiffres, « . », « - » ou « _ ».</translation>
        </message>
        <message>
            <source>The name is empty.</source>
            <translation>Le nom est vide.</translation>
        </message>
        <message>
            <source>You cannot disable your own account.</source>
            <translation>Vous ne pouvez pas désactiver votre propre compte.</translation>
        </message>
        <message>
            <source>Only a ward manager or IT can manage users.</source>
            <translation>Seuls le cadre de santé ou l’informatique gèrent les utilisateurs.</translation>
        </message>
        <message>
            <source>This computer has no print service: save a PDF instead.</source>
            <translation>Cet ordinateur n’a pas de service d’impression : enregistrez un PDF à la place.</translation>
        </message>
        <message>
            <source>The print service refused the job (code %1). Save a PDF instead.</source>
            <translation>Le service d’impression a refusé le travail (code %1). Enregistrez un PDF à la place.</translation>
        </message>
        <message>
            <source>Could not complete the action</source>
            <translation>L’action n’a pas abouti</translation>
        </message>
        <message>
            <source>Nothing was saved: another program kept the vault busy for too long. What you typed is still on screen; try again, and call IT if it happens again.</source>
            <translation>Rien n’a été enregistré : un autre programme a occupé le coffre trop longtemps. Votre saisie est toujours à l’écran ; réessayez, et appelez l’informatique si cela se reproduit.</translation>
        </message>
    </context>
    <context>
        <name>fields</name>
        <message>
            <source>— not answered —</source>
            <translation>— non renseigné —</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Oui</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Non</translation>
        </message>
        <message>
            <source>(question type not supported)</source>
            <translation>(type de question non pris en charge)</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>oui</translation>
        </message>
        <message>
            <source>no</source>
            <translation>non</translation>
        </message>
        <message>
            <source>N: now</source>
            <translation>N : maintenant</translation>
        </message>
    </context>
    <context>
        <name>header</name>
        <message>
            <source>No known allergy</source>
            <translation>Aucune allergie connue</translation>
        </message>
        <message>
            <source>Allergies: not documented</source>
            <translation>Allergies : non renseignées</translation>
        </message>
        <message>
            <source>no number</source>
            <translation>sans numéro</translation>
        </message>
    </context>
    <context>
        <name>integrity</name>
        <message>
            <source>Checking the vault's integrity…</source>
            <translation>Vérification de l’intégrité du coffre…</translation>
        </message>
        <message>
            <source>Integrity verified: the audit log is intact (%1 rows) and the signatures of %2 revisions are verified.</source>
            <translation>Intégrité vérifiée : le journal d’audit est intact (%1 lignes) et les signatures de %2 révisions sont vérifiées.</translation>
        </message>
        <message>
            <source>%1 older revisions are unsigned (written before signatures existed).</source>
            <translation>%1 révisions anciennes ne sont pas signées (écrites avant l’existence des signatures).</translation>
        </message>
        <message>
            <source>The audit log is broken at row %1.</source>
            <translation>Le journal d’audit est rompu à la ligne %1.</translation>
        </message>
        <message>
            <source>%1 revisions fail their signature; first: %2.</source>
            <translation>%1 révisions ont une signature invalide ; la première : %2.</translation>
        </message>
        <message>
            <source>INTEGRITY CHECK FAILED: the vault was modified outside the application. Call IT and do not delete anything.</source>
            <translation>ÉCHEC DE LA VÉRIFICATION D’INTÉGRITÉ : le coffre a été modifié en dehors de l’application. Appelez l’informatique et ne supprimez rien.</translation>
        </message>
        <message>
            <source>Vault integrity</source>
            <translation>Intégrité du coffre</translation>
        </message>
    </context>
    <context>
        <name>patient_menu</name>
        <message>
            <source>Medication record (MAR)…</source>
            <translation>Feuille d'administration (MAR)…</translation>
        </message>
        <message>
            <source>Vitals flowsheet…</source>
            <translation>Surveillance des constantes…</translation>
        </message>
        <message>
            <source>Blank form for this patient…</source>
            <translation>Formulaire vierge pour ce patient…</translation>
        </message>
        <message>
            <source>This patient's handover…</source>
            <translation>Transmissions de ce patient…</translation>
        </message>
        <message>
            <source>Selected record with its history…</source>
            <translation>Enregistrement sélectionné et son historique…</translation>
        </message>
    </context>
    <context>
        <name>printing</name>
        <message>
            <source>Save as PDF</source>
            <translation>Enregistrer en PDF</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Imprimer</translation>
        </message>
    </context>
    <context>
        <name>problems</name>
        <message>
            <source>%1: %2 is out of limits (%3)</source>
            <translation>%1 : %2 est hors limites (%3)</translation>
        </message>
        <message>
            <source>An answer is required.</source>
            <extracomment>code -&gt; sentence; %1 is the problem's parameter named in _PARAM.</extracomment>
            <translation>Réponse obligatoire.</translation>
        </message>
        <message>
            <source>Expected answer type: %1.</source>
            <translation>Type de réponse attendu : %1.</translation>
        </message>
        <message>
            <source>Value below the minimum (%1).</source>
            <translation>Valeur inférieure au minimum (%1).</translation>
        </message>
        <message>
            <source>Value above the maximum (%1).</source>
            <translation>Valeur supérieure au maximum (%1).</translation>
        </message>
        <message>
            <source>Too many decimals (at most %1).</source>
            <translation>Trop de décimales (au plus %1).</translation>
        </message>
        <message>
            <source>Text too long (at most %1 characters).</source>
            <translation>Texte trop long (au plus %1 caractères).</translation>
        </message>
        <message>
            <source>Answer not in the list of options.</source>
            <translation>Réponse hors de la liste proposée.</translation>
        </message>
        <message>
            <source>Only one answer is expected.</source>
            <translation>Une seule réponse attendue.</translation>
        </message>
        <message>
            <source>Unit not allowed for this question.</source>
            <translation>Unité non prévue pour cette question.</translation>
        </message>
        <message>
            <source>Question not in this form.</source>
            <translation>Question inconnue dans ce formulaire.</translation>
        </message>
        <message>
            <source>yes/no</source>
            <translation>oui/non</translation>
        </message>
        <message>
            <source>number</source>
            <translation>nombre</translation>
        </message>
        <message>
            <source>whole number</source>
            <translation>nombre entier</translation>
        </message>
        <message>
            <source>date YYYY-MM-DD</source>
            <translation>date AAAA-MM-JJ</translation>
        </message>
        <message>
            <source>date and time</source>
            <translation>date et heure</translation>
        </message>
        <message>
            <source>time HH:MM</source>
            <translation>heure HH:MM</translation>
        </message>
        <message>
            <source>text</source>
            <translation>texte</translation>
        </message>
    </context>
    <context>
        <name>reasons</name>
        <message>
            <source>same birth date</source>
            <translation>même date de naissance</translation>
        </message>
        <message>
            <source>birth date with day and month swapped</source>
            <translation>jour et mois de naissance inversés</translation>
        </message>
        <message>
            <source>surname and given name swapped</source>
            <translation>nom et prénom inversés</translation>
        </message>
        <message>
            <source>surname: %1</source>
            <translation>nom : %1</translation>
        </message>
        <message>
            <source>given name: %1</source>
            <translation>prénom : %1</translation>
        </message>
        <message>
            <source>same</source>
            <translation>identique</translation>
        </message>
        <message>
            <source>spelling</source>
            <translation>orthographe proche</translation>
        </message>
        <message>
            <source>phonetic</source>
            <translation>se prononce pareil</translation>
        </message>
        <message>
            <source>compound</source>
            <translation>nom composé en partie</translation>
        </message>
    </context>
    <context>
        <name>status</name>
        <message>
            <source>final</source>
            <translation>validé</translation>
        </message>
        <message>
            <source>amended</source>
            <translation>modifié</translation>
        </message>
        <message>
            <source>entered in error</source>
            <translation>erreur de saisie</translation>
        </message>
    </context>
<context>
    <name>DraftsNotice</name>
    <message>
        <source>1 form in progress by %1 (%2), %3</source>
        <translation>1 saisie en cours par %1 (%2), %3</translation>
    </message>
    <message>
        <source>%4 forms in progress by %1 (%2), %3</source>
        <translation>%4 saisies en cours par %1 (%2), %3</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Supprimer</translation>
    </message>
</context>
    <context>
        <name>CrisisEntryDialog</name>
        <message>
            <source>— choose —</source>
            <translation>— choisir —</translation>
        </message>
        <message>
            <source>No patient</source>
            <translation>Aucun patient</translation>
        </message>
        <message>
            <source>&amp;Category:</source>
            <translation>&amp;Catégorie :</translation>
        </message>
        <message>
            <source>&amp;Entry:</source>
            <translation>&amp;Entrée :</translation>
        </message>
        <message>
            <source>&amp;Patient (optional):</source>
            <translation>&amp;Patient (facultatif) :</translation>
        </message>
        <message>
            <source>Amend a crisis log entry</source>
            <translation>Rectifier une entrée de la main courante</translation>
        </message>
        <message>
            <source>Add to the crisis log</source>
            <translation>Ajouter à la main courante</translation>
        </message>
        <message>
            <source>Choose a category: decision, information, action, incident or patient event.</source>
            <translation>Choisissez une catégorie : décision, information, action, incident ou événement patient.</translation>
        </message>
        <message>
            <source>Write the entry: it cannot be empty.</source>
            <translation>Écrivez l'entrée : elle ne peut pas être vide.</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Enregistrement…</translation>
        </message>
        <message>
            <source>The entry keeps its time; the amendment is signed with your name (%1).</source>
            <translation>L'entrée garde son heure ; la rectification est signée de votre nom (%1).</translation>
        </message>
        <message>
            <source>Timed now and signed with your name (%1).</source>
            <translation>Horodatée maintenant et signée de votre nom (%1).</translation>
        </message>
    </context>
    <context>
        <name>CrisisLog</name>
        <message>
            <source>Decision</source>
            <translation>Décision</translation>
        </message>
        <message>
            <source>Information</source>
            <translation>Information</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Incident</source>
            <translation>Incident</translation>
        </message>
        <message>
            <source>Patient event</source>
            <translation>Événement patient</translation>
        </message>
    </context>
    <context>
        <name>CrisisLogModel</name>
        <message>
            <source>Time</source>
            <translation>Heure</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Author</source>
            <translation>Auteur</translation>
        </message>
        <message>
            <source>Entry</source>
            <translation>Entrée</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>entered in error by %1: %2</source>
            <translation>erreur de saisie signalée par %1 : %2</translation>
        </message>
        <message>
            <source>amended by %1, %2</source>
            <translation>rectifiée par %1, %2</translation>
        </message>
    </context>
    <context>
        <name>CrisisLogWidget</name>
        <message>
            <source>Crisis log</source>
            <translation>Main courante</translation>
        </message>
        <message>
            <source>Add an entry…</source>
            <translation>Ajouter une entrée…</translation>
        </message>
        <message>
            <source>Amend…</source>
            <translation>Rectifier…</translation>
        </message>
        <message>
            <source>Entered in error…</source>
            <translation>Erreur de saisie…</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>Imprimer…</translation>
        </message>
        <message>
            <source>Entered in error</source>
            <translation>Erreur de saisie</translation>
        </message>
        <message>
            <source>Reason (required):</source>
            <translation>Motif (obligatoire) :</translation>
        </message>
    </context>
    <context>
        <name>Exercise</name>
        <message>
            <source>EXERCISE</source>
            <translation>EXERCICE</translation>
        </message>
        <message>
            <source>EXERCISE — </source>
            <translation>EXERCICE — </translation>
        </message>
    </context>
    <context>
        <name>InjectsDialog</name>
        <message>
            <source>Drill injects</source>
            <translation>Injects de l'exercice</translation>
        </message>
        <message>
            <source>%1 — injects so far (%2 of %3)</source>
            <translation>%1 — injects joués (%2 sur %3)</translation>
        </message>
        <message>
            <source>ward</source>
            <translation>service</translation>
        </message>
        <message>
            <source>manager</source>
            <translation>cadre</translation>
        </message>
        <message>
            <source>crisis cell</source>
            <translation>cellule de crise</translation>
        </message>
        <message>
            <source>No inject yet</source>
            <translation>Aucun inject pour l'instant</translation>
        </message>
    </context>
</TS>
