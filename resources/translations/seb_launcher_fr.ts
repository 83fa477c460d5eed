<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ApplicationLog</name>
    <message>
        <source>Application log</source>
        <translation>Journal de l&apos;application</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Show the application log</source>
        <translation>Afficher le journal de l&apos;application</translation>
    </message>
</context>
<context>
    <name>Backdrop</name>
    <message>
        <source>Exam</source>
        <translation>Examen</translation>
    </message>
</context>
<context>
    <name>BatteryItem</name>
    <message>
        <source>Battery %1 % (charging)</source>
        <translation>Batterie %1&#xa0;% (en charge)</translation>
    </message>
    <message>
        <source>Battery %1 %</source>
        <translation>Batterie %1&#xa0;%</translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>The battery&apos;s charge beside its icon on the taskbar, e.g. &quot;76 %&quot;.</extracomment>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>The battery is almost empty (%1 %). Connect the charger now.</source>
        <translation>La batterie est presque vide (%1&#xa0;%). Branchez le chargeur maintenant.</translation>
    </message>
    <message>
        <source>The battery is low (%1 %). Connect the charger.</source>
        <translation>La batterie est faible (%1&#xa0;%). Branchez le chargeur.</translation>
    </message>
</context>
<context>
    <name>ConfigError</name>
    <message>
        <source>The server did not allow the download (HTTP {status}). Are you signed in?</source>
        <translation>Le serveur n&apos;a pas autorisé le téléchargement (HTTP {status}). Avez-vous ouvert une session&#xa0;?</translation>
    </message>
    <message>
        <source>The server has no exam configuration at this address (HTTP 404).</source>
        <translation>Le serveur ne propose aucune configuration d&apos;examen à cette adresse (HTTP 404).</translation>
    </message>
    <message>
        <source>The exam server had a problem (HTTP {status}). Try again in a moment.</source>
        <translation>Le serveur d&apos;examen a rencontré un problème (HTTP {status}). Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The server refused to send the exam configuration (HTTP {status}).</source>
        <translation>Le serveur a refusé d&apos;envoyer la configuration d&apos;examen (HTTP {status}).</translation>
    </message>
    <message>
        <source>This configuration is protected by the administrator password.</source>
        <translation>Cette configuration est protégée par le mot de passe administrateur.</translation>
    </message>
    <message>
        <source>This exam is protected by a password.</source>
        <translation>Cet examen est protégé par un mot de passe.</translation>
    </message>
    <message>
        <source>This configuration is encrypted for a certificate that is not installed on this computer (public-key hash {hash}).</source>
        <translation>Cette configuration est chiffrée pour un certificat qui n&apos;est pas installé sur cet ordinateur (empreinte de la clé publique&#xa0;: {hash}).</translation>
    </message>
    <message>
        <source>This configuration is encrypted for a certificate that is not installed on this computer.</source>
        <translation>Cette configuration est chiffrée pour un certificat qui n&apos;est pas installé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>This file starts an exam; it does not configure the exam browser, so it was not saved as this computer&apos;s settings.</source>
        <translation>Ce fichier lance un examen ; il ne configure pas le navigateur d&apos;examen et n&apos;a donc pas été enregistré comme paramètres de cet ordinateur.</translation>
    </message>
    <message>
        <source>Changing the exam browser&apos;s settings on this computer needs the administrator password.</source>
        <translation>La modification des paramètres du navigateur d&apos;examen sur cet ordinateur nécessite le mot de passe administrateur.</translation>
    </message>
    <message>
        <source>Wrong administrator password: the exam browser&apos;s settings were not changed.</source>
        <translation>Mot de passe administrateur incorrect : les paramètres du navigateur d&apos;examen n&apos;ont pas été modifiés.</translation>
    </message>
    <message>
        <source>The exam browser&apos;s settings on this computer are managed by its administrator and cannot be changed here.</source>
        <translation>Les paramètres du navigateur d&apos;examen sur cet ordinateur sont gérés par son administrateur et ne peuvent pas être modifiés ici.</translation>
    </message>
    <message>
        <source>This computer&apos;s exam browser settings could not be read.</source>
        <translation>Les paramètres du navigateur d&apos;examen de cet ordinateur n&apos;ont pas pu être lus.</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>Le téléchargement a été annulé.</translation>
    </message>
    <message>
        <source>The server sent a web page, not an exam configuration (are you signed in?).</source>
        <translation>Le serveur a renvoyé une page web au lieu d&apos;une configuration d&apos;examen (avez-vous ouvert une session&#xa0;?).</translation>
    </message>
    <message>
        <source>The exam server did not answer in time.</source>
        <translation>Le serveur d&apos;examen n&apos;a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The secure connection to the exam server could not be verified, so the configuration was not downloaded.</source>
        <translation>La connexion sécurisée au serveur d&apos;examen n&apos;a pas pu être vérifiée&#xa0;; la configuration n&apos;a donc pas été téléchargée.</translation>
    </message>
    <message>
        <source>The exam server redirected too many times.</source>
        <translation>Le serveur d&apos;examen a effectué trop de redirections.</translation>
    </message>
    <message>
        <source>This link is not a valid web address.</source>
        <translation>Ce lien n&apos;est pas une adresse web valide.</translation>
    </message>
    <message>
        <source>The exam server could not be reached. Check the network connection.</source>
        <translation>Impossible de joindre le serveur d&apos;examen. Vérifiez la connexion réseau.</translation>
    </message>
    <message>
        <source>The configuration file could not be opened.</source>
        <translation>Impossible d&apos;ouvrir le fichier de configuration.</translation>
    </message>
    <message>
        <source>This is not a Safe Exam Browser configuration file.</source>
        <translation>Ce fichier n&apos;est pas une configuration Safe Exam Browser.</translation>
    </message>
    <message>
        <source>The configuration file is damaged and cannot be read.</source>
        <translation>Le fichier de configuration est endommagé et ne peut pas être lu.</translation>
    </message>
    <message>
        <source>The configuration file is too large or nested too deeply to be safe to open.</source>
        <translation>Le fichier de configuration est trop volumineux ou trop imbriqué pour être ouvert en toute sécurité.</translation>
    </message>
    <message>
        <source>Wrong password, or the configuration file is damaged.</source>
        <translation>Mot de passe incorrect, ou fichier de configuration endommagé.</translation>
    </message>
    <message>
        <source>The certificate identity could not be used.</source>
        <translation>L&apos;identité du certificat n&apos;a pas pu être utilisée.</translation>
    </message>
    <message>
        <source>The configuration contains a setting this launcher does not support.</source>
        <translation>La configuration contient un paramètre que ce programme ne prend pas en charge.</translation>
    </message>
    <message>
        <source>This exam does not allow loading another configuration while it is running.</source>
        <translation>Cet examen ne permet pas de charger une autre configuration pendant son déroulement.</translation>
    </message>
    <message>
        <source>The exam configuration could not be downloaded.</source>
        <translation>Impossible de télécharger la configuration de l&apos;examen.</translation>
    </message>
    <message>
        <source>The exam configuration could not be used.</source>
        <translation>La configuration de l&apos;examen ne peut pas être utilisée.</translation>
    </message>
    <message>
        <source>Open the exam from the exam website after signing in, or ask your teacher for the configuration file.</source>
        <translation>Connectez-vous au site de l&apos;examen et ouvrez l&apos;examen depuis celui-ci, ou demandez le fichier de configuration à votre enseignant ou enseignante.</translation>
    </message>
    <message>
        <source>Check the link, or ask your teacher for the configuration file.</source>
        <translation>Vérifiez le lien, ou demandez le fichier de configuration à votre enseignant ou enseignante.</translation>
    </message>
    <message>
        <source>Check the network connection and try again.</source>
        <translation>Vérifiez la connexion réseau et réessayez.</translation>
    </message>
    <message>
        <source>Do not continue on this network. Ask your exam supervisor; the exam server&apos;s certificate may be wrong or the connection may be intercepted.</source>
        <translation>Ne continuez pas sur ce réseau. Adressez-vous à la surveillance de l&apos;examen&#xa0;: le certificat du serveur d&apos;examen est peut-être incorrect, ou la connexion est peut-être interceptée.</translation>
    </message>
    <message>
        <source>Ask your exam administrator for the certificate file (.p12) and import it with: seb-launcher identity import FILE.p12</source>
        <translation>Demandez le fichier de certificat (.p12) au service qui organise l&apos;examen et importez-le avec&#xa0;: seb-launcher identity import FICHIER.p12</translation>
    </message>
    <message>
        <source>Ask your exam supervisor for the right password.</source>
        <translation>Demandez le bon mot de passe à la surveillance de l&apos;examen.</translation>
    </message>
    <message>
        <source>Download the configuration again or ask your teacher for a new copy.</source>
        <translation>Téléchargez à nouveau la configuration ou demandez-en une nouvelle copie à votre enseignant ou enseignante.</translation>
    </message>
</context>
<context>
    <name>ConnectingDialog</name>
    <message>
        <source>Exam server</source>
        <translation>Serveur d&apos;examen</translation>
    </message>
    <message>
        <source>Connecting to the exam server {host}…</source>
        <translation>Connexion au serveur d&apos;examen {host}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <source>Opening exam</source>
        <translation>Ouverture de l&apos;examen</translation>
    </message>
    <message>
        <source>Downloading the exam configuration from {host}…</source>
        <translation>Téléchargement de la configuration d&apos;examen depuis {host}…</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Progression du téléchargement</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>The exam cannot be opened</source>
        <translation>Impossible d&apos;ouvrir l&apos;examen</translation>
    </message>
</context>
<context>
    <name>ExamListDialog</name>
    <message>
        <source>Choose your exam</source>
        <translation>Choisissez votre examen</translation>
    </message>
    <message>
        <source>The exam server offers these exams. Choose yours:</source>
        <translation>Le serveur d&apos;examen propose ces examens. Choisissez le vôtre&#xa0;:</translation>
    </message>
    <message>
        <source>Start exam</source>
        <translation>Démarrer l&apos;examen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ExamOpener</name>
    <message>
        <source>The settings were applied. The exam browser will use them from now on.</source>
        <translation>Les paramètres ont été appliqués. Le navigateur d&apos;examen les utilisera désormais.</translation>
    </message>
</context>
<context>
    <name>ExamSession</name>
    <message>
        <source>The exam window lost the keyboard focus.</source>
        <translation>La fenêtre de l&apos;examen a perdu le focus du clavier.</translation>
    </message>
    <message>
        <source>The computer switched to another session or was locked.</source>
        <translation>L&apos;ordinateur est passé à une autre session ou a été verrouillé.</translation>
    </message>
    <message>
        <source>The exam was interrupted: the program was stopped.</source>
        <translation>L&apos;examen a été interrompu&#xa0;: le programme a été arrêté.</translation>
    </message>
    <message>
        <source>This exam did not end properly last time. Ask the invigilator to unlock it.</source>
        <translation>Cet examen ne s&apos;est pas terminé correctement la dernière fois. Demandez à la surveillance de l&apos;examen de le déverrouiller.</translation>
    </message>
    <message>
        <source>Quit the exam</source>
        <translation>Quitter l&apos;examen</translation>
    </message>
    <message>
        <source>Do you really want to quit the exam?</source>
        <translation>Voulez-vous vraiment quitter l&apos;examen&#xa0;?</translation>
    </message>
    <message>
        <source>The exam is finished. Do you want to quit now?</source>
        <translation>L&apos;examen est terminé. Voulez-vous quitter maintenant&#xa0;?</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>Reload this page? Answers you have not saved may be lost.</source>
        <translation>Recharger cette page&#xa0;? Les réponses non enregistrées risquent d&apos;être perdues.</translation>
    </message>
    <message>
        <source>Printing is not allowed in this exam.</source>
        <translation>L&apos;impression n&apos;est pas autorisée pendant cet examen.</translation>
    </message>
    <message>
        <source>The exam page keeps stopping. Retry when you are ready.</source>
        <translation>La page de l&apos;examen s&apos;arrête sans cesse. Réessayez dès que vous le souhaitez.</translation>
    </message>
    <message>
        <source>The exam page stopped working and was reloaded.</source>
        <translation>La page de l&apos;examen ne répondait plus et a été rechargée.</translation>
    </message>
    <message>
        <source>This exam does not allow opening another exam configuration.</source>
        <translation>Cet examen ne permet pas d&apos;ouvrir une autre configuration d&apos;examen.</translation>
    </message>
    <message>
        <source>Downloading files is not allowed in this exam.</source>
        <translation>Le téléchargement de fichiers n&apos;est pas autorisé pendant cet examen.</translation>
    </message>
    <message>
        <source>Downloaded: %1</source>
        <translation>Téléchargé&#xa0;: %1</translation>
    </message>
    <message>
        <source>The exam configuration could not be downloaded.</source>
        <translation>Impossible de télécharger la configuration de l&apos;examen.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in page</source>
        <translation>Rechercher dans la page</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Fermer la barre de recherche</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Aucun résultat</translation>
    </message>
</context>
<context>
    <name>InfoDialog</name>
    <message>
        <source>Exam browser</source>
        <translation>Navigateur d&apos;examen</translation>
    </message>
</context>
<context>
    <name>KeyboardItem</name>
    <message>
        <source> · </source>
        <extracomment>Goes between the keyboard layouts on the taskbar, e.g. &quot;DE (neo) · US&quot;.</extracomment>
        <translation>&#xa0;· </translation>
    </message>
    <message>
        <source>Keyboard layout: %1</source>
        <translation>Disposition du clavier&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <source>Page blocked</source>
        <translation>Page bloquée</translation>
    </message>
    <message>
        <source>This page is not allowed during the exam.</source>
        <translation>Cette page n&apos;est pas autorisée pendant l&apos;examen.</translation>
    </message>
    <message>
        <source>Back to the exam</source>
        <translation>Retour à l&apos;examen</translation>
    </message>
    <message>
        <source>Links to other applications are not allowed in this exam.</source>
        <translation>Les liens vers d&apos;autres applications ne sont pas autorisés pendant cet examen.</translation>
    </message>
    <message>
        <source>The exam server&apos;s certificate is not trusted; the page was not loaded.</source>
        <translation>Le certificat du serveur d&apos;examen n&apos;est pas digne de confiance&#xa0;; la page n&apos;a pas été chargée.</translation>
    </message>
    <message>
        <source>Uploading files is not allowed in this exam.</source>
        <translation>L&apos;envoi de fichiers n&apos;est pas autorisé pendant cet examen.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Exam</source>
        <translation>Examen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>The page could not be loaded. Check the network, then retry.</source>
        <translation>La page n&apos;a pas pu être chargée. Vérifiez le réseau, puis réessayez.</translation>
    </message>
    <message>
        <source>Developer tools</source>
        <translation>Outils de développement</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <source>Time: %1</source>
        <translation>Heure&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Wrong password. Please wait a moment and try again.</source>
        <translation>Mot de passe incorrect. Veuillez patienter un instant, puis réessayer.</translation>
    </message>
</context>
<context>
    <name>LockWindow</name>
    <message>
        <source>Exam locked</source>
        <translation>Examen verrouillé</translation>
    </message>
    <message>
        <source>The exam is locked</source>
        <translation>L&apos;examen est verrouillé</translation>
    </message>
    <message>
        <source>Ask the invigilator to enter the quit password:</source>
        <translation>Demandez à la surveillance de l&apos;examen de saisir le mot de passe de sortie&#xa0;:</translation>
    </message>
    <message>
        <source>Quit password</source>
        <translation>Mot de passe de sortie</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Quit exam</source>
        <translation>Quitter l&apos;examen</translation>
    </message>
</context>
<context>
    <name>Lockdown</name>
    <message>
        <source>This exam may not run in a virtual machine, and this computer is one.</source>
        <translation>Cet examen ne peut pas se dérouler dans une machine virtuelle, et cet ordinateur en est une.</translation>
    </message>
    <message>
        <source>Too many displays are connected for this exam. Disconnect the extra ones.</source>
        <translation>Trop d&apos;écrans sont branchés pour cet examen. Débranchez les écrans en trop.</translation>
    </message>
    <message>
        <source>This exam may only be shown on the computer&apos;s built-in display.</source>
        <translation>Cet examen ne peut être affiché que sur l&apos;écran intégré de l&apos;ordinateur.</translation>
    </message>
    <message>
        <source>The displays of this computer could not be checked.</source>
        <translation>Les écrans de cet ordinateur n&apos;ont pas pu être vérifiés.</translation>
    </message>
    <message>
        <source>This screen is shared with, or controlled from, another computer.</source>
        <translation>Cet écran est partagé avec un autre ordinateur, ou contrôlé depuis celui-ci.</translation>
    </message>
    <message>
        <source>Another program is watching or changing the exam browser.</source>
        <translation>Un autre programme observe ou modifie le navigateur d&apos;examen.</translation>
    </message>
    <message>
        <source>Programs that are not allowed during the exam are running and could not be ended.</source>
        <translation>Des programmes non autorisés pendant l&apos;examen sont ouverts et n&apos;ont pas pu être fermés.</translation>
    </message>
    <message>
        <source>Another program keeps putting its window over the exam.</source>
        <translation>Un autre programme place sans cesse sa fenêtre au-dessus de l&apos;examen.</translation>
    </message>
    <message>
        <source>A program that can see or control the exam&apos;s screen was started during the exam.</source>
        <translation>Un programme capable de voir ou de contrôler l&apos;écran de l&apos;examen a été lancé pendant l&apos;examen.</translation>
    </message>
    <message>
        <source>A program took a picture of the exam&apos;s screen.</source>
        <translation>Un programme a pris une image de l&apos;écran de l&apos;examen.</translation>
    </message>
    <message>
        <source>A program that is not allowed read the exam through the accessibility interface.</source>
        <translation>Un programme non autorisé a lu l&apos;examen par l&apos;interface d&apos;accessibilité.</translation>
    </message>
    <message>
        <source>A program typed or clicked into the exam instead of the keyboard or mouse.</source>
        <translation>Un programme a tapé ou cliqué dans l&apos;examen à la place du clavier ou de la souris.</translation>
    </message>
    <message>
        <source>The security checks of this computer could not run, so the exam cannot start.</source>
        <translation>Les contrôles de sécurité de cet ordinateur n&apos;ont pas pu s&apos;exécuter&#xa0;; l&apos;examen ne peut donc pas démarrer.</translation>
    </message>
    <message>
        <source>This computer does not meet the exam&apos;s security settings.</source>
        <translation>Cet ordinateur ne respecte pas les paramètres de sécurité de l&apos;examen.</translation>
    </message>
    <message>
        <source>remote desktop</source>
        <translation>bureau à distance</translation>
    </message>
    <message>
        <source>screen recorder</source>
        <translation>enregistreur d&apos;écran</translation>
    </message>
    <message>
        <source>chat or meeting application</source>
        <translation>messagerie ou visioconférence</translation>
    </message>
    <message>
        <source>clipboard history</source>
        <translation>historique du presse-papiers</translation>
    </message>
    <message>
        <source>prohibited by the exam</source>
        <translation>interdit par l&apos;examen</translation>
    </message>
    <message>
        <source>window over the exam</source>
        <translation>fenêtre au-dessus de l&apos;examen</translation>
    </message>
    <message>
        <source>program on the exam&apos;s screen</source>
        <translation>programme sur l&apos;écran de l&apos;examen</translation>
    </message>
    <message>
        <source>allowed only when the exam starts it</source>
        <translation>autorisé seulement s&apos;il est lancé par l&apos;examen</translation>
    </message>
    <message>
        <source>not allowed during the exam</source>
        <translation>non autorisé pendant l&apos;examen</translation>
    </message>
    <message>
        <source>{program} ({category})</source>
        <translation>{program} ({category})</translation>
    </message>
</context>
<context>
    <name>NetworkItem</name>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Wi-Fi: %1</source>
        <translation>Wi-Fi&#xa0;: %1</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <translation>Wi-Fi</translation>
    </message>
    <message>
        <source>Wired network</source>
        <translation>Réseau filaire</translation>
    </message>
    <message>
        <source>Network: %1</source>
        <translation>Réseau&#xa0;: %1</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>%1 (no internet)</source>
        <translation>%1 (sans Internet)</translation>
    </message>
    <message>
        <source>%1, signal %2 %</source>
        <extracomment>The Wi-Fi network and its signal strength, e.g. &quot;Wi-Fi: eduroam, signal 70 %&quot;.</extracomment>
        <translation>%1, signal %2&#xa0;%</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Administrator password</source>
        <translation>Mot de passe administrateur</translation>
    </message>
    <message>
        <source>Exam password</source>
        <translation>Mot de passe de l&apos;examen</translation>
    </message>
    <message>
        <source>This file changes the settings of this computer&apos;s exam browser. Enter the administrator password to apply it.</source>
        <translation>Ce fichier modifie les paramètres du navigateur d&apos;examen de cet ordinateur. Saisissez le mot de passe administrateur pour l&apos;appliquer.</translation>
    </message>
    <message>
        <source>This exam configuration is protected. Enter the exam password.</source>
        <translation>Cette configuration d&apos;examen est protégée. Saisissez le mot de passe de l&apos;examen.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Open exam</source>
        <translation>Ouvrir l&apos;examen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>That password is wrong. You have one more try.</source>
        <translation>Ce mot de passe est incorrect. Il vous reste un essai.</translation>
    </message>
    <message>
        <source>That password is wrong. You have {n} more tries.</source>
        <translation>Ce mot de passe est incorrect. Il vous reste {n} essais.</translation>
    </message>
</context>
<context>
    <name>ProhibitedDialog</name>
    <message>
        <source>Programs must be closed</source>
        <translation>Des programmes doivent être fermés</translation>
    </message>
    <message>
        <source>These programs must be closed for the exam. Save your work in them: they will be ended when the exam starts.</source>
        <translation>Ces programmes doivent être fermés pour l&apos;examen. Enregistrez votre travail dans ces programmes&#xa0;: ils seront fermés au démarrage de l&apos;examen.</translation>
    </message>
    <message>
        <source>End them and start</source>
        <translation>Fermer et démarrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>QuitPasswordDialog</name>
    <message>
        <source>Quit the exam</source>
        <translation>Quitter l&apos;examen</translation>
    </message>
    <message>
        <source>Enter the quit password to end the exam:</source>
        <translation>Saisissez le mot de passe de sortie pour terminer l&apos;examen&#xa0;:</translation>
    </message>
    <message>
        <source>Quit password</source>
        <translation>Mot de passe de sortie</translation>
    </message>
    <message>
        <source>Wrong password. Please wait a moment and try again.</source>
        <translation>Mot de passe incorrect. Veuillez patienter un instant, puis réessayer.</translation>
    </message>
</context>
<context>
    <name>RaiseHandDialog</name>
    <message>
        <source>Raise hand</source>
        <translation>Lever la main</translation>
    </message>
    <message>
        <source>Message to the exam supervisor (optional):</source>
        <translation>Message à la surveillance de l&apos;examen (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>RefusedDialog</name>
    <message>
        <source>The exam cannot start on this computer</source>
        <translation>L&apos;examen ne peut pas démarrer sur cet ordinateur</translation>
    </message>
    <message>
        <source>Fix what is named above and open the exam again, or ask your exam supervisor.</source>
        <translation>Corrigez ce qui est indiqué ci-dessus et rouvrez l&apos;examen, ou adressez-vous à la surveillance de l&apos;examen.</translation>
    </message>
</context>
<context>
    <name>RestartExam</name>
    <message>
        <source>Restart the exam</source>
        <translation>Recommencer l&apos;examen</translation>
    </message>
    <message>
        <source>Restart exam</source>
        <translation>Recommencer l&apos;examen</translation>
    </message>
    <message>
        <source>Go back to the start of the exam</source>
        <translation>Revenir au début de l&apos;examen</translation>
    </message>
    <message>
        <source>Enter the quit password to go back to the start of the exam:</source>
        <translation>Saisissez le mot de passe de sortie pour revenir au début de l&apos;examen&#xa0;:</translation>
    </message>
    <message>
        <source>Go back to the start of the exam? What you entered on this page may be lost.</source>
        <translation>Revenir au début de l&apos;examen&#xa0;? Ce que vous avez saisi sur cette page risque d&apos;être perdu.</translation>
    </message>
</context>
<context>
    <name>ScreenProctoring</name>
    <message>
        <source>Screen proctoring is on: your screen is recorded for the exam supervisors.</source>
        <translation>Surveillance d&apos;écran active&#xa0;: votre écran est enregistré pour l&apos;équipe de surveillance.</translation>
    </message>
</context>
<context>
    <name>ServerError</name>
    <message>
        <source>The exam server cannot be reached. Check the network connection.</source>
        <translation>Le serveur d&apos;examen est injoignable. Vérifiez la connexion réseau.</translation>
    </message>
    <message>
        <source>The exam server&apos;s certificate is not trusted, so no connection was made.</source>
        <translation>Le certificat du serveur d&apos;examen n&apos;est pas digne de confiance&#xa0;; aucune connexion n&apos;a été établie.</translation>
    </message>
    <message>
        <source>The exam server did not answer as expected. The server address may be wrong.</source>
        <translation>Le serveur d&apos;examen n&apos;a pas répondu comme prévu. L&apos;adresse du serveur est peut-être erronée.</translation>
    </message>
    <message>
        <source>The exam server does not offer the exam interface. It may not be a SEB Server.</source>
        <translation>Le serveur d&apos;examen ne propose pas l&apos;interface d&apos;examen. Ce n&apos;est peut-être pas un SEB Server.</translation>
    </message>
    <message>
        <source>The exam server refused the access details of this configuration.</source>
        <translation>Le serveur d&apos;examen a refusé les identifiants d&apos;accès de cette configuration.</translation>
    </message>
    <message>
        <source>The exam server did not open a connection.</source>
        <translation>Le serveur d&apos;examen n&apos;a pas ouvert de connexion.</translation>
    </message>
    <message>
        <source>The exam server refused this computer&apos;s access.</source>
        <translation>Le serveur d&apos;examen a refusé l&apos;accès à cet ordinateur.</translation>
    </message>
    <message>
        <source>The exam {exam} is not running on the exam server, or is not open to this institution.</source>
        <translation>L&apos;examen {exam} n&apos;est pas en cours sur le serveur d&apos;examen, ou n&apos;est pas ouvert à cet établissement.</translation>
    </message>
    <message>
        <source>The exam server refused the connection for this institution. The configuration may belong to another institution.</source>
        <translation>Le serveur d&apos;examen a refusé la connexion pour cet établissement. La configuration appartient peut-être à un autre établissement.</translation>
    </message>
    <message>
        <source>The exam server sent a list of exams that cannot be read.</source>
        <translation>Le serveur d&apos;examen a envoyé une liste d&apos;examens illisible.</translation>
    </message>
    <message>
        <source>No exam is running for this institution on the exam server.</source>
        <translation>Aucun examen n&apos;est en cours pour cet établissement sur le serveur d&apos;examen.</translation>
    </message>
    <message>
        <source>This configuration names no exam, and there is no screen to choose one.</source>
        <translation>Cette configuration ne désigne aucun examen, et aucun écran ne permet d&apos;en choisir un.</translation>
    </message>
    <message>
        <source>The exam server could not send the exam&apos;s settings. The exam may have ended.</source>
        <translation>Le serveur d&apos;examen n&apos;a pas pu envoyer les réglages de l&apos;examen. L&apos;examen est peut-être terminé.</translation>
    </message>
    <message>
        <source>The exam server sent empty exam settings.</source>
        <translation>Le serveur d&apos;examen a envoyé des réglages d&apos;examen vides.</translation>
    </message>
    <message>
        <source>The exam server refused the chosen exam.</source>
        <translation>Le serveur d&apos;examen a refusé l&apos;examen choisi.</translation>
    </message>
    <message>
        <source>The exam server did not accept the connection.</source>
        <translation>Le serveur d&apos;examen n&apos;a pas accepté la connexion.</translation>
    </message>
    <message>
        <source>The exam server answered with an error (HTTP {status}).</source>
        <translation>Le serveur d&apos;examen a répondu par une erreur (HTTP {status}).</translation>
    </message>
    <message>
        <source>This configuration does not connect to an exam server.</source>
        <translation>Cette configuration ne se connecte pas à un serveur d&apos;examen.</translation>
    </message>
    <message>
        <source>This configuration lacks the address of the exam server.</source>
        <translation>Il manque l&apos;adresse du serveur d&apos;examen dans cette configuration.</translation>
    </message>
    <message>
        <source>The exam server address in this configuration is not a web address.</source>
        <translation>L&apos;adresse du serveur d&apos;examen dans cette configuration n&apos;est pas une adresse web.</translation>
    </message>
    <message>
        <source>This configuration lacks the exam server&apos;s connection details.</source>
        <translation>Il manque les informations de connexion au serveur d&apos;examen dans cette configuration.</translation>
    </message>
    <message>
        <source>This configuration lacks the institution on the exam server.</source>
        <translation>Il manque l&apos;établissement sur le serveur d&apos;examen dans cette configuration.</translation>
    </message>
    <message>
        <source>This configuration lacks the access details for the exam server.</source>
        <translation>Il manque les identifiants d&apos;accès au serveur d&apos;examen dans cette configuration.</translation>
    </message>
    <message>
        <source>Screen proctoring could not start.</source>
        <translation>La surveillance d&apos;écran n&apos;a pas pu démarrer.</translation>
    </message>
    <message>
        <source>The screen proctoring service did not take a screenshot.</source>
        <translation>Le service de surveillance d&apos;écran n&apos;a pas accepté une capture d&apos;écran.</translation>
    </message>
    <message>
        <source>The screen proctoring session could not be closed.</source>
        <translation>La session de surveillance d&apos;écran n&apos;a pas pu être fermée.</translation>
    </message>
    <message>
        <source>The screen proctoring service cannot be reached.</source>
        <translation>Le service de surveillance d&apos;écran est injoignable.</translation>
    </message>
    <message>
        <source>The connection to the exam server failed.</source>
        <translation>La connexion au serveur d&apos;examen a échoué.</translation>
    </message>
</context>
<context>
    <name>ServerFailureDialog</name>
    <message>
        <source>Exam server</source>
        <translation>Serveur d&apos;examen</translation>
    </message>
    <message>
        <source>Retry, or ask your exam supervisor.</source>
        <translation>Réessayez, ou adressez-vous à la surveillance de l&apos;examen.</translation>
    </message>
    <message>
        <source>Retry, start the exam without the exam server (fallback), or ask your exam supervisor.</source>
        <translation>Réessayez, démarrez l&apos;examen sans le serveur d&apos;examen («&#xa0;Sans serveur&#xa0;»), ou adressez-vous à la surveillance de l&apos;examen.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Fallback</source>
        <translation>Sans serveur</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abandonner</translation>
    </message>
</context>
<context>
    <name>ServerFlow</name>
    <message>
        <source>Looking for the exam…</source>
        <extracomment>What the open flow calls on the exam a SEB Server sent, before its session starts: (loaded, settings, keys) -&gt; (settings, keys) the exam runs with.</extracomment>
        <translation>Recherche de l&apos;examen…</translation>
    </message>
    <message>
        <source>Downloading the exam configuration…</source>
        <translation>Téléchargement de la configuration d&apos;examen…</translation>
    </message>
    <message>
        <source>Fallback password</source>
        <translation>Mot de passe pour démarrer sans serveur</translation>
    </message>
    <message>
        <source>Enter the fallback password to start the exam without the exam server:</source>
        <translation>Saisissez le mot de passe pour démarrer l&apos;examen sans le serveur d&apos;examen&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ServerMonitor</name>
    <message>
        <source>No connection to the exam server. The exam goes on.</source>
        <translation>Pas de connexion au serveur d&apos;examen. L&apos;examen continue.</translation>
    </message>
    <message>
        <source>The exam supervisor has locked this exam.</source>
        <translation>La surveillance de l&apos;examen a verrouillé cet examen.</translation>
    </message>
</context>
<context>
    <name>Taskbar</name>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Horloge</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Heure&#xa0;: %1</translation>
    </message>
    <message>
        <source>Raise hand</source>
        <translation>Lever la main</translation>
    </message>
    <message>
        <source>Ask the exam supervisor for help</source>
        <translation>Demander de l&apos;aide à la surveillance de l&apos;examen</translation>
    </message>
    <message>
        <source>Lower hand</source>
        <translation>Baisser la main</translation>
    </message>
</context>
<context>
    <name>VolumeItem</name>
    <message>
        <source>Mute</source>
        <extracomment>Without an answering sound server: look again this rarely, and wait at most this long, so a hung server costs the exam&apos;s window a fraction of a second twice a minute, not 2 s every 5 s.</extracomment>
        <translation>Couper le son</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Sound muted (volume %1 %)</source>
        <translation>Son coupé (volume %1&#xa0;%)</translation>
    </message>
    <message>
        <source>press to turn the sound on</source>
        <translation>appuyer pour rétablir le son</translation>
    </message>
    <message>
        <source>Volume %1 %</source>
        <translation>Volume %1&#xa0;%</translation>
    </message>
    <message>
        <source>press to mute</source>
        <translation>appuyer pour couper le son</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>Between the volume and what pressing the mute button does, e.g. &quot;Volume 40 % — press to mute&quot;.</extracomment>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>ZoomItem</name>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+minus)</source>
        <translation>Zoom arrière (Ctrl+moins)</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Réinitialiser le zoom</translation>
    </message>
    <message>
        <source>Reset zoom (Ctrl+0)</source>
        <translation>Réinitialiser le zoom (Ctrl+0)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+plus)</source>
        <translation>Zoom avant (Ctrl+plus)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>The zoom of the page in percent on the taskbar&apos;s reset button, e.g. &quot;110 %&quot;.</extracomment>
        <translation>%1&#xa0;%</translation>
    </message>
</context>
</TS>
