<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ConfigError</name>
    <message>
        <source>The server did not allow the download (HTTP {status}). Are you signed in?</source>
        <translation>Der Server hat den Download nicht erlaubt (HTTP {status}). Sind Sie angemeldet?</translation>
    </message>
    <message>
        <source>The server has no exam configuration at this address (HTTP 404).</source>
        <translation>Unter dieser Adresse gibt es auf dem Server keine Prüfungskonfiguration (HTTP 404).</translation>
    </message>
    <message>
        <source>The exam server had a problem (HTTP {status}). Try again in a moment.</source>
        <translation>Auf dem Prüfungsserver ist ein Fehler aufgetreten (HTTP {status}). Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The server refused to send the exam configuration (HTTP {status}).</source>
        <translation>Der Server hat das Senden der Prüfungskonfiguration abgelehnt (HTTP {status}).</translation>
    </message>
    <message>
        <source>This configuration is protected by the administrator password.</source>
        <translation>Diese Konfiguration ist durch das Administratorpasswort geschützt.</translation>
    </message>
    <message>
        <source>This exam is protected by a password.</source>
        <translation>Diese Prüfung ist passwortgeschützt.</translation>
    </message>
    <message>
        <source>This configuration is encrypted for a certificate that is not installed on this computer (public-key hash {hash}).</source>
        <translation>Diese Konfiguration ist für ein Zertifikat verschlüsselt, das auf diesem Computer nicht installiert ist (Hash des öffentlichen Schlüssels: {hash}).</translation>
    </message>
    <message>
        <source>This configuration is encrypted for a certificate that is not installed on this computer.</source>
        <translation>Diese Konfiguration ist für ein Zertifikat verschlüsselt, das auf diesem Computer nicht installiert ist.</translation>
    </message>
    <message>
        <source>This file starts an exam; it does not configure the exam browser, so it was not saved as this computer&apos;s settings.</source>
        <translation>Diese Datei startet eine Prüfung; sie konfiguriert den Prüfungsbrowser nicht und wurde daher nicht als Einstellungen dieses Computers gespeichert.</translation>
    </message>
    <message>
        <source>Changing the exam browser&apos;s settings on this computer needs the administrator password.</source>
        <translation>Um die Einstellungen des Prüfungsbrowsers auf diesem Computer zu ändern, ist das Administratorpasswort erforderlich.</translation>
    </message>
    <message>
        <source>Wrong administrator password: the exam browser&apos;s settings were not changed.</source>
        <translation>Falsches Administratorpasswort: Die Einstellungen des Prüfungsbrowsers wurden nicht geändert.</translation>
    </message>
    <message>
        <source>The exam browser&apos;s settings on this computer are managed by its administrator and cannot be changed here.</source>
        <translation>Die Einstellungen des Prüfungsbrowsers auf diesem Computer werden von der Administration verwaltet und können hier nicht geändert werden.</translation>
    </message>
    <message>
        <source>This computer&apos;s exam browser settings could not be read.</source>
        <translation>Die Einstellungen des Prüfungsbrowsers auf diesem Computer konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>Der Download wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The server sent a web page, not an exam configuration (are you signed in?).</source>
        <translation>Der Server hat eine Webseite statt einer Prüfungskonfiguration gesendet (sind Sie angemeldet?).</translation>
    </message>
    <message>
        <source>The exam server did not answer in time.</source>
        <translation>Der Prüfungsserver hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The secure connection to the exam server could not be verified, so the configuration was not downloaded.</source>
        <translation>Die sichere Verbindung zum Prüfungsserver konnte nicht überprüft werden. Die Konfiguration wurde deshalb nicht heruntergeladen.</translation>
    </message>
    <message>
        <source>The exam server redirected too many times.</source>
        <translation>Der Prüfungsserver hat zu oft weitergeleitet.</translation>
    </message>
    <message>
        <source>This link is not a valid web address.</source>
        <translation>Dieser Link ist keine gültige Webadresse.</translation>
    </message>
    <message>
        <source>The exam server could not be reached. Check the network connection.</source>
        <translation>Der Prüfungsserver ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>The configuration file could not be opened.</source>
        <translation>Die Konfigurationsdatei konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>This is not a Safe Exam Browser configuration file.</source>
        <translation>Dies ist keine Konfigurationsdatei für den Safe Exam Browser.</translation>
    </message>
    <message>
        <source>The configuration file is damaged and cannot be read.</source>
        <translation>Die Konfigurationsdatei ist beschädigt und kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The configuration file is too large or nested too deeply to be safe to open.</source>
        <translation>Die Konfigurationsdatei ist zu groß oder zu tief verschachtelt, um sie sicher zu öffnen.</translation>
    </message>
    <message>
        <source>Wrong password, or the configuration file is damaged.</source>
        <translation>Falsches Passwort – oder die Konfigurationsdatei ist beschädigt.</translation>
    </message>
    <message>
        <source>The certificate identity could not be used.</source>
        <translation>Die Zertifikatsidentität konnte nicht verwendet werden.</translation>
    </message>
    <message>
        <source>The configuration contains a setting this launcher does not support.</source>
        <translation>Die Konfiguration enthält eine Einstellung, die dieses Programm nicht unterstützt.</translation>
    </message>
    <message>
        <source>This exam does not allow loading another configuration while it is running.</source>
        <translation>Diese Prüfung erlaubt nicht, während der Durchführung eine andere Konfiguration zu laden.</translation>
    </message>
    <message>
        <source>The exam configuration could not be downloaded.</source>
        <translation>Die Prüfungskonfiguration konnte nicht heruntergeladen werden.</translation>
    </message>
    <message>
        <source>The exam configuration could not be used.</source>
        <translation>Die Prüfungskonfiguration kann nicht verwendet werden.</translation>
    </message>
    <message>
        <source>Open the exam from the exam website after signing in, or ask your teacher for the configuration file.</source>
        <translation>Öffnen Sie die Prüfung nach der Anmeldung über die Prüfungswebsite, oder bitten Sie Ihre Lehrkraft um die Konfigurationsdatei.</translation>
    </message>
    <message>
        <source>Check the link, or ask your teacher for the configuration file.</source>
        <translation>Prüfen Sie den Link, oder bitten Sie Ihre Lehrkraft um die Konfigurationsdatei.</translation>
    </message>
    <message>
        <source>Check the network connection and try again.</source>
        <translation>Prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Do not continue on this network. Ask your exam supervisor; the exam server&apos;s certificate may be wrong or the connection may be intercepted.</source>
        <translation>Arbeiten Sie in diesem Netzwerk nicht weiter. Wenden Sie sich an die Prüfungsaufsicht: Das Zertifikat des Prüfungsservers ist möglicherweise falsch, oder die Verbindung wird abgefangen.</translation>
    </message>
    <message>
        <source>Ask your exam administrator for the certificate file (.p12) and import it with: seb-launcher identity import FILE.p12</source>
        <translation>Bitten Sie die Prüfungsadministration um die Zertifikatsdatei (.p12) und importieren Sie sie mit: seb-launcher identity import DATEI.p12</translation>
    </message>
    <message>
        <source>Ask your exam supervisor for the right password.</source>
        <translation>Fragen Sie die Prüfungsaufsicht nach dem richtigen Passwort.</translation>
    </message>
    <message>
        <source>Download the configuration again or ask your teacher for a new copy.</source>
        <translation>Laden Sie die Konfiguration erneut herunter, oder bitten Sie Ihre Lehrkraft um eine neue Kopie.</translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <source>Opening exam</source>
        <translation>Prüfung wird geöffnet</translation>
    </message>
    <message>
        <source>Downloading the exam configuration from {host}…</source>
        <translation>Die Prüfungskonfiguration wird von {host} heruntergeladen …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>The exam cannot be opened</source>
        <translation>Die Prüfung kann nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>ExamOpener</name>
    <message>
        <source>The settings were applied. The exam browser will use them from now on.</source>
        <translation>Die Einstellungen wurden übernommen. Der Prüfungsbrowser verwendet sie ab sofort.</translation>
    </message>
</context>
<context>
    <name>ExamSession</name>
    <message>
        <source>Quit the exam</source>
        <translation>Prüfung beenden</translation>
    </message>
    <message>
        <source>Do you really want to quit the exam?</source>
        <translation>Möchten Sie die Prüfung wirklich beenden?</translation>
    </message>
    <message>
        <source>The exam is finished. Do you want to quit now?</source>
        <translation>Die Prüfung ist abgeschlossen. Möchten Sie jetzt beenden?</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Reload this page? Answers you have not saved may be lost.</source>
        <translation>Diese Seite neu laden? Nicht gespeicherte Antworten können verloren gehen.</translation>
    </message>
    <message>
        <source>Printing is not allowed in this exam.</source>
        <translation>Drucken ist in dieser Prüfung nicht erlaubt.</translation>
    </message>
    <message>
        <source>The exam page keeps stopping. Retry when you are ready.</source>
        <translation>Die Prüfungsseite bricht immer wieder ab. Versuchen Sie es erneut, sobald Sie bereit sind.</translation>
    </message>
    <message>
        <source>The exam page stopped working and was reloaded.</source>
        <translation>Die Prüfungsseite reagierte nicht mehr und wurde neu geladen.</translation>
    </message>
    <message>
        <source>This exam does not allow opening another exam configuration.</source>
        <translation>In dieser Prüfung darf keine andere Prüfungskonfiguration geöffnet werden.</translation>
    </message>
    <message>
        <source>Downloading files is not allowed in this exam.</source>
        <translation>Das Herunterladen von Dateien ist in dieser Prüfung nicht erlaubt.</translation>
    </message>
    <message>
        <source>Downloaded: %1</source>
        <translation>Heruntergeladen: %1</translation>
    </message>
    <message>
        <source>The exam configuration could not be downloaded.</source>
        <translation>Die Prüfungskonfiguration konnte nicht heruntergeladen werden.</translation>
    </message>
</context>
<context>
    <name>InfoDialog</name>
    <message>
        <source>Exam browser</source>
        <translation>Prüfungsbrowser</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <source>Page blocked</source>
        <translation>Seite gesperrt</translation>
    </message>
    <message>
        <source>This page is not allowed during the exam.</source>
        <translation>Diese Seite ist während der Prüfung nicht erlaubt.</translation>
    </message>
    <message>
        <source>Back to the exam</source>
        <translation>Zurück zur Prüfung</translation>
    </message>
    <message>
        <source>Links to other applications are not allowed in this exam.</source>
        <translation>Links zu anderen Anwendungen sind in dieser Prüfung nicht erlaubt.</translation>
    </message>
    <message>
        <source>The exam server&apos;s certificate is not trusted; the page was not loaded.</source>
        <translation>Dem Zertifikat des Prüfungsservers wird nicht vertraut; die Seite wurde nicht geladen.</translation>
    </message>
    <message>
        <source>Uploading files is not allowed in this exam.</source>
        <translation>Das Hochladen von Dateien ist in dieser Prüfung nicht erlaubt.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Exam</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The page could not be loaded. Check the network, then retry.</source>
        <translation>Die Seite konnte nicht geladen werden. Prüfen Sie das Netzwerk und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Developer tools</source>
        <translation>Entwicklerwerkzeuge</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Administrator password</source>
        <translation>Administratorpasswort</translation>
    </message>
    <message>
        <source>Exam password</source>
        <translation>Prüfungspasswort</translation>
    </message>
    <message>
        <source>This file changes the settings of this computer&apos;s exam browser. Enter the administrator password to apply it.</source>
        <translation>Diese Datei ändert die Einstellungen des Prüfungsbrowsers auf diesem Computer. Geben Sie das Administratorpasswort ein, um sie zu übernehmen.</translation>
    </message>
    <message>
        <source>This exam configuration is protected. Enter the exam password.</source>
        <translation>Diese Prüfungskonfiguration ist geschützt. Geben Sie das Prüfungspasswort ein.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Open exam</source>
        <translation>Prüfung öffnen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>That password is wrong. You have one more try.</source>
        <translation>Das Passwort ist falsch. Sie haben noch einen Versuch.</translation>
    </message>
    <message>
        <source>That password is wrong. You have {n} more tries.</source>
        <translation>Das Passwort ist falsch. Sie haben noch {n} Versuche.</translation>
    </message>
</context>
<context>
    <name>QuitPasswordDialog</name>
    <message>
        <source>Quit the exam</source>
        <translation>Prüfung beenden</translation>
    </message>
    <message>
        <source>Enter the quit password to end the exam:</source>
        <translation>Geben Sie das Passwort zum Beenden der Prüfung ein:</translation>
    </message>
    <message>
        <source>Wrong password. Please wait a moment and try again.</source>
        <translation>Falsches Passwort. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>Taskbar</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
</TS>
