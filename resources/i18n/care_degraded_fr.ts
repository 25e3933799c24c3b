<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
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
      <source>No census imported</source>
      <translation>Aucun recensement importé</translation>
    </message>
    <message>
      <source>Census of %1 (%2 ago)</source>
      <translation>Recensement du %1 (il y a %2)</translation>
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
    <name>MainWindow</name>
    <message>
      <source>Patient</source>
      <extracomment>the board is recomputed this often while unlocked (medications due move with time)</extracomment>
      <translation>Patient</translation>
    </message>
    <message>
      <source>Admit a patient</source>
      <translation>Admettre un patient</translation>
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
  </context>
  <context>
    <name>Operation</name>
    <message>
      <source>Please wait</source>
      <extracomment>a progress dialog appears only for operations slower than this (ms): short saves must not flash a dialog in the nurse's face</extracomment>
      <translation>Veuillez patienter</translation>
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
    <name>UnlockWidget</name>
    <message>
      <source>Preparing the demonstration ward…</source>
      <translation>Préparation du service de démonstration…</translation>
    </message>
    <message>
      <source>Unlock the ward</source>
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
      <source>Opening the ward vault…</source>
      <translation>Ouverture du coffre du service…</translation>
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
      <source>Could not complete the action</source>
      <translation>L’action n’a pas abouti</translation>
    </message>
  </context>
  <context>
    <name>screens</name>
    <message>
      <source>This screen is not available in this version.</source>
      <translation>Cet écran n’est pas disponible dans cette version.</translation>
    </message>
  </context>
</TS>