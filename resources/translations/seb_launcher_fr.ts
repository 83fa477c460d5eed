<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
    <name>ExamOpener</name>
    <message>
        <source>The settings were applied. The exam browser will use them from now on.</source>
        <translation>Les paramètres ont été appliqués. Le navigateur d&apos;examen les utilisera désormais.</translation>
    </message>
</context>
<context>
    <name>ExamSession</name>
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
    <name>InfoDialog</name>
    <message>
        <source>Exam browser</source>
        <translation>Navigateur d&apos;examen</translation>
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
        <source>Wrong password. Please wait a moment and try again.</source>
        <translation>Mot de passe incorrect. Veuillez patienter un instant, puis réessayer.</translation>
    </message>
</context>
<context>
    <name>Taskbar</name>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
</TS>
