<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApplicationLog</name>
    <message>
        <source>Application log</source>
        <translation>Anwendungsprotokoll</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Show the application log</source>
        <translation>Anwendungsprotokoll anzeigen</translation>
    </message>
</context>
<context>
    <name>Backdrop</name>
    <message>
        <source>Exam</source>
        <translation>Prüfung</translation>
    </message>
</context>
<context>
    <name>BatteryItem</name>
    <message>
        <source>Battery %1 % (charging)</source>
        <translation>Akku %1 % (wird geladen)</translation>
    </message>
    <message>
        <source>Battery %1 %</source>
        <translation>Akku %1 %</translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>The battery&apos;s charge beside its icon on the taskbar, e.g. &quot;76 %&quot;.</extracomment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>The battery is almost empty (%1 %). Connect the charger now.</source>
        <translation>Der Akku ist fast leer (%1 %). Schließen Sie jetzt das Ladegerät an.</translation>
    </message>
    <message>
        <source>The battery is low (%1 %). Connect the charger.</source>
        <translation>Der Akkustand ist niedrig (%1 %). Schließen Sie das Ladegerät an.</translation>
    </message>
</context>
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
    <name>ConnectingDialog</name>
    <message>
        <source>Exam server</source>
        <translation>Prüfungsserver</translation>
    </message>
    <message>
        <source>Connecting to the exam server {host}…</source>
        <translation>Verbindung zum Prüfungsserver {host} wird hergestellt …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
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
        <source>Download progress</source>
        <translation>Fortschritt des Herunterladens</translation>
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
    <name>ExamListDialog</name>
    <message>
        <source>Choose your exam</source>
        <translation>Prüfung auswählen</translation>
    </message>
    <message>
        <source>The exam server offers these exams. Choose yours:</source>
        <translation>Der Prüfungsserver bietet diese Prüfungen an. Wählen Sie Ihre Prüfung aus:</translation>
    </message>
    <message>
        <source>Start exam</source>
        <translation>Prüfung starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
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
        <source>The exam window lost the keyboard focus.</source>
        <translation>Das Prüfungsfenster hat den Tastaturfokus verloren.</translation>
    </message>
    <message>
        <source>The computer switched to another session or was locked.</source>
        <translation>Der Computer hat zu einer anderen Sitzung gewechselt oder wurde gesperrt.</translation>
    </message>
    <message>
        <source>The exam was interrupted: the program was stopped.</source>
        <translation>Die Prüfung wurde unterbrochen: Das Programm wurde beendet.</translation>
    </message>
    <message>
        <source>This exam did not end properly last time. Ask the invigilator to unlock it.</source>
        <translation>Diese Prüfung wurde beim letzten Mal nicht ordnungsgemäß beendet. Bitten Sie die Prüfungsaufsicht, sie zu entsperren.</translation>
    </message>
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
    <name>FindBar</name>
    <message>
        <source>Find in page</source>
        <translation>Auf der Seite suchen</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriges</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächstes</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Suchleiste schließen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
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
    <name>KeyboardItem</name>
    <message>
        <source> · </source>
        <extracomment>Goes between the keyboard layouts on the taskbar, e.g. &quot;DE (neo) · US&quot;.</extracomment>
        <translation> · </translation>
    </message>
    <message>
        <source>Keyboard layout: %1</source>
        <translation>Tastaturlayout: %1</translation>
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
    <name>LockPanel</name>
    <message>
        <source>Time: %1</source>
        <translation>Uhrzeit: %1</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Wrong password. Please wait a moment and try again.</source>
        <translation>Falsches Passwort. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>LockWindow</name>
    <message>
        <source>Exam locked</source>
        <translation>Prüfung gesperrt</translation>
    </message>
    <message>
        <source>The exam is locked</source>
        <translation>Die Prüfung ist gesperrt</translation>
    </message>
    <message>
        <source>Ask the invigilator to enter the quit password:</source>
        <translation>Bitten Sie die Prüfungsaufsicht, das Passwort zum Beenden einzugeben:</translation>
    </message>
    <message>
        <source>Quit password</source>
        <translation>Passwort zum Beenden</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortfahren</translation>
    </message>
    <message>
        <source>Quit exam</source>
        <translation>Prüfung beenden</translation>
    </message>
</context>
<context>
    <name>Lockdown</name>
    <message>
        <source>This exam may not run in a virtual machine, and this computer is one.</source>
        <translation>Diese Prüfung darf nicht in einer virtuellen Maschine laufen, und dieser Computer ist eine.</translation>
    </message>
    <message>
        <source>Too many displays are connected for this exam. Disconnect the extra ones.</source>
        <translation>Für diese Prüfung sind zu viele Bildschirme angeschlossen. Trennen Sie die zusätzlichen Bildschirme.</translation>
    </message>
    <message>
        <source>This exam may only be shown on the computer&apos;s built-in display.</source>
        <translation>Diese Prüfung darf nur auf dem eingebauten Bildschirm des Computers angezeigt werden.</translation>
    </message>
    <message>
        <source>The displays of this computer could not be checked.</source>
        <translation>Die Bildschirme dieses Computers konnten nicht überprüft werden.</translation>
    </message>
    <message>
        <source>This screen is shared with, or controlled from, another computer.</source>
        <translation>Dieser Bildschirm wird mit einem anderen Computer geteilt oder von dort aus gesteuert.</translation>
    </message>
    <message>
        <source>Another program is watching or changing the exam browser.</source>
        <translation>Ein anderes Programm überwacht oder verändert den Prüfungsbrowser.</translation>
    </message>
    <message>
        <source>Programs that are not allowed during the exam are running and could not be ended.</source>
        <translation>Es laufen Programme, die während der Prüfung nicht erlaubt sind, und sie konnten nicht beendet werden.</translation>
    </message>
    <message>
        <source>Another program keeps putting its window over the exam.</source>
        <translation>Ein anderes Programm legt immer wieder sein Fenster über die Prüfung.</translation>
    </message>
    <message>
        <source>A program that can see or control the exam&apos;s screen was started during the exam.</source>
        <translation>Während der Prüfung wurde ein Programm gestartet, das den Bildschirm der Prüfung sehen oder steuern kann.</translation>
    </message>
    <message>
        <source>A program took a picture of the exam&apos;s screen.</source>
        <translation>Ein Programm hat ein Bild vom Bildschirm der Prüfung aufgenommen.</translation>
    </message>
    <message>
        <source>A program that is not allowed read the exam through the accessibility interface.</source>
        <translation>Ein nicht erlaubtes Programm hat die Prüfung über die Barrierefreiheitsschnittstelle gelesen.</translation>
    </message>
    <message>
        <source>A program typed or clicked into the exam instead of the keyboard or mouse.</source>
        <translation>Ein Programm hat anstelle von Tastatur oder Maus in die Prüfung getippt oder geklickt.</translation>
    </message>
    <message>
        <source>The security checks of this computer could not run, so the exam cannot start.</source>
        <translation>Die Sicherheitsprüfungen dieses Computers konnten nicht ausgeführt werden, daher kann die Prüfung nicht starten.</translation>
    </message>
    <message>
        <source>This computer does not meet the exam&apos;s security settings.</source>
        <translation>Dieser Computer erfüllt die Sicherheitseinstellungen der Prüfung nicht.</translation>
    </message>
    <message>
        <source>remote desktop</source>
        <translation>Fernsteuerung</translation>
    </message>
    <message>
        <source>screen recorder</source>
        <translation>Bildschirmrekorder</translation>
    </message>
    <message>
        <source>chat or meeting application</source>
        <translation>Chat- oder Konferenzprogramm</translation>
    </message>
    <message>
        <source>clipboard history</source>
        <translation>Verlauf der Zwischenablage</translation>
    </message>
    <message>
        <source>prohibited by the exam</source>
        <translation>von der Prüfung verboten</translation>
    </message>
    <message>
        <source>window over the exam</source>
        <translation>Fenster über der Prüfung</translation>
    </message>
    <message>
        <source>program on the exam&apos;s screen</source>
        <translation>Programm auf dem Bildschirm der Prüfung</translation>
    </message>
    <message>
        <source>allowed only when the exam starts it</source>
        <translation>nur erlaubt, wenn die Prüfung es startet</translation>
    </message>
    <message>
        <source>not allowed during the exam</source>
        <translation>während der Prüfung nicht erlaubt</translation>
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
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Wi-Fi: %1</source>
        <translation>WLAN: %1</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <translation>WLAN</translation>
    </message>
    <message>
        <source>Wired network</source>
        <translation>Kabelnetzwerk</translation>
    </message>
    <message>
        <source>Network: %1</source>
        <translation>Netzwerk: %1</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>%1 (no internet)</source>
        <translation>%1 (kein Internet)</translation>
    </message>
    <message>
        <source>%1, signal %2 %</source>
        <extracomment>The Wi-Fi network and its signal strength, e.g. &quot;Wi-Fi: eduroam, signal 70 %&quot;.</extracomment>
        <translation>%1, Signal %2 %</translation>
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
    <name>ProhibitedDialog</name>
    <message>
        <source>Programs must be closed</source>
        <translation>Programme müssen geschlossen werden</translation>
    </message>
    <message>
        <source>These programs must be closed for the exam. Save your work in them: they will be ended when the exam starts.</source>
        <translation>Diese Programme müssen für die Prüfung geschlossen werden. Speichern Sie Ihre Arbeit in diesen Programmen; sie werden beim Start der Prüfung beendet.</translation>
    </message>
    <message>
        <source>End them and start</source>
        <translation>Beenden und starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
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
        <source>Quit password</source>
        <translation>Passwort zum Beenden</translation>
    </message>
    <message>
        <source>Wrong password. Please wait a moment and try again.</source>
        <translation>Falsches Passwort. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>RaiseHandDialog</name>
    <message>
        <source>Raise hand</source>
        <translation>Hand heben</translation>
    </message>
    <message>
        <source>Message to the exam supervisor (optional):</source>
        <translation>Nachricht an die Prüfungsaufsicht (optional):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>RefusedDialog</name>
    <message>
        <source>The exam cannot start on this computer</source>
        <translation>Die Prüfung kann auf diesem Computer nicht starten</translation>
    </message>
    <message>
        <source>Fix what is named above and open the exam again, or ask your exam supervisor.</source>
        <translation>Beheben Sie die oben genannten Punkte und öffnen Sie die Prüfung erneut, oder wenden Sie sich an die Prüfungsaufsicht.</translation>
    </message>
</context>
<context>
    <name>RestartExam</name>
    <message>
        <source>Restart the exam</source>
        <translation>Prüfung neu starten</translation>
    </message>
    <message>
        <source>Restart exam</source>
        <translation>Prüfung neu starten</translation>
    </message>
    <message>
        <source>Go back to the start of the exam</source>
        <translation>Zurück zum Anfang der Prüfung</translation>
    </message>
    <message>
        <source>Enter the quit password to go back to the start of the exam:</source>
        <translation>Geben Sie das Passwort zum Beenden ein, um zum Anfang der Prüfung zurückzukehren:</translation>
    </message>
    <message>
        <source>Go back to the start of the exam? What you entered on this page may be lost.</source>
        <translation>Zum Anfang der Prüfung zurückkehren? Ihre Eingaben auf dieser Seite können verloren gehen.</translation>
    </message>
</context>
<context>
    <name>ScreenProctoring</name>
    <message>
        <source>Screen proctoring is on: your screen is recorded for the exam supervisors.</source>
        <translation>Bildschirmaufzeichnung aktiv: Ihr Bildschirm wird für die Aufsicht aufgezeichnet.</translation>
    </message>
</context>
<context>
    <name>ServerError</name>
    <message>
        <source>The exam server cannot be reached. Check the network connection.</source>
        <translation>Der Prüfungsserver ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>The exam server&apos;s certificate is not trusted, so no connection was made.</source>
        <translation>Dem Zertifikat des Prüfungsservers wird nicht vertraut, daher wurde keine Verbindung aufgebaut.</translation>
    </message>
    <message>
        <source>The exam server did not answer as expected. The server address may be wrong.</source>
        <translation>Der Prüfungsserver hat nicht wie erwartet geantwortet. Die Serveradresse ist möglicherweise falsch.</translation>
    </message>
    <message>
        <source>The exam server does not offer the exam interface. It may not be a SEB Server.</source>
        <translation>Der Prüfungsserver bietet die Prüfungsschnittstelle nicht an. Möglicherweise ist er kein SEB Server.</translation>
    </message>
    <message>
        <source>The exam server refused the access details of this configuration.</source>
        <translation>Der Prüfungsserver hat die Zugangsdaten dieser Konfiguration abgelehnt.</translation>
    </message>
    <message>
        <source>The exam server did not open a connection.</source>
        <translation>Der Prüfungsserver hat keine Verbindung geöffnet.</translation>
    </message>
    <message>
        <source>The exam server refused this computer&apos;s access.</source>
        <translation>Der Prüfungsserver hat den Zugang dieses Computers abgelehnt.</translation>
    </message>
    <message>
        <source>The exam {exam} is not running on the exam server, or is not open to this institution.</source>
        <translation>Die Prüfung {exam} läuft nicht auf dem Prüfungsserver oder ist für diese Institution nicht geöffnet.</translation>
    </message>
    <message>
        <source>The exam server refused the connection for this institution. The configuration may belong to another institution.</source>
        <translation>Der Prüfungsserver hat die Verbindung für diese Institution abgelehnt. Die Konfiguration gehört möglicherweise zu einer anderen Institution.</translation>
    </message>
    <message>
        <source>The exam server sent a list of exams that cannot be read.</source>
        <translation>Der Prüfungsserver hat eine Prüfungsliste gesendet, die nicht gelesen werden kann.</translation>
    </message>
    <message>
        <source>No exam is running for this institution on the exam server.</source>
        <translation>Auf dem Prüfungsserver läuft keine Prüfung für diese Institution.</translation>
    </message>
    <message>
        <source>This configuration names no exam, and there is no screen to choose one.</source>
        <translation>Diese Konfiguration nennt keine Prüfung, und es gibt keinen Bildschirm, um eine auszuwählen.</translation>
    </message>
    <message>
        <source>The exam server could not send the exam&apos;s settings. The exam may have ended.</source>
        <translation>Der Prüfungsserver konnte die Einstellungen der Prüfung nicht senden. Die Prüfung ist möglicherweise beendet.</translation>
    </message>
    <message>
        <source>The exam server sent empty exam settings.</source>
        <translation>Der Prüfungsserver hat leere Prüfungseinstellungen gesendet.</translation>
    </message>
    <message>
        <source>The exam server refused the chosen exam.</source>
        <translation>Der Prüfungsserver hat die gewählte Prüfung abgelehnt.</translation>
    </message>
    <message>
        <source>The exam server did not accept the connection.</source>
        <translation>Der Prüfungsserver hat die Verbindung nicht angenommen.</translation>
    </message>
    <message>
        <source>The exam server answered with an error (HTTP {status}).</source>
        <translation>Der Prüfungsserver hat mit einem Fehler geantwortet (HTTP {status}).</translation>
    </message>
    <message>
        <source>This configuration does not connect to an exam server.</source>
        <translation>Diese Konfiguration verbindet sich nicht mit einem Prüfungsserver.</translation>
    </message>
    <message>
        <source>This configuration lacks the address of the exam server.</source>
        <translation>In dieser Konfiguration fehlt die Adresse des Prüfungsservers.</translation>
    </message>
    <message>
        <source>The exam server address in this configuration is not a web address.</source>
        <translation>Die Adresse des Prüfungsservers in dieser Konfiguration ist keine Webadresse.</translation>
    </message>
    <message>
        <source>This configuration lacks the exam server&apos;s connection details.</source>
        <translation>In dieser Konfiguration fehlen die Verbindungsangaben des Prüfungsservers.</translation>
    </message>
    <message>
        <source>This configuration lacks the institution on the exam server.</source>
        <translation>In dieser Konfiguration fehlt die Institution auf dem Prüfungsserver.</translation>
    </message>
    <message>
        <source>This configuration lacks the access details for the exam server.</source>
        <translation>In dieser Konfiguration fehlen die Zugangsdaten für den Prüfungsserver.</translation>
    </message>
    <message>
        <source>Screen proctoring could not start.</source>
        <translation>Die Bildschirmaufzeichnung konnte nicht starten.</translation>
    </message>
    <message>
        <source>The screen proctoring service did not take a screenshot.</source>
        <translation>Der Dienst für die Bildschirmaufzeichnung hat ein Bildschirmfoto nicht angenommen.</translation>
    </message>
    <message>
        <source>The screen proctoring session could not be closed.</source>
        <translation>Die Bildschirmaufzeichnung konnte nicht beendet werden.</translation>
    </message>
    <message>
        <source>The screen proctoring service cannot be reached.</source>
        <translation>Der Dienst für die Bildschirmaufzeichnung ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>The connection to the exam server failed.</source>
        <translation>Die Verbindung zum Prüfungsserver ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>ServerFailureDialog</name>
    <message>
        <source>Exam server</source>
        <translation>Prüfungsserver</translation>
    </message>
    <message>
        <source>Retry, or ask your exam supervisor.</source>
        <translation>Versuchen Sie es erneut, oder wenden Sie sich an die Prüfungsaufsicht.</translation>
    </message>
    <message>
        <source>Retry, start the exam without the exam server (fallback), or ask your exam supervisor.</source>
        <translation>Versuchen Sie es erneut, starten Sie die Prüfung ohne den Prüfungsserver („Ohne Server“), oder wenden Sie sich an die Prüfungsaufsicht.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Fallback</source>
        <translation>Ohne Server</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ServerFlow</name>
    <message>
        <source>Looking for the exam…</source>
        <extracomment>What the open flow calls on the exam a SEB Server sent, before its session starts: (loaded, settings, keys) -&gt; (settings, keys) the exam runs with.</extracomment>
        <translation>Prüfung wird gesucht …</translation>
    </message>
    <message>
        <source>Downloading the exam configuration…</source>
        <translation>Die Prüfungskonfiguration wird heruntergeladen …</translation>
    </message>
    <message>
        <source>Fallback password</source>
        <translation>Passwort für den Start ohne Server</translation>
    </message>
    <message>
        <source>Enter the fallback password to start the exam without the exam server:</source>
        <translation>Geben Sie das Passwort ein, um die Prüfung ohne den Prüfungsserver zu starten:</translation>
    </message>
</context>
<context>
    <name>ServerMonitor</name>
    <message>
        <source>No connection to the exam server. The exam goes on.</source>
        <translation>Keine Verbindung zum Prüfungsserver. Die Prüfung läuft weiter.</translation>
    </message>
    <message>
        <source>The exam supervisor has locked this exam.</source>
        <translation>Die Prüfungsaufsicht hat diese Prüfung gesperrt.</translation>
    </message>
</context>
<context>
    <name>Taskbar</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Uhr</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Uhrzeit: %1</translation>
    </message>
    <message>
        <source>Raise hand</source>
        <translation>Hand heben</translation>
    </message>
    <message>
        <source>Ask the exam supervisor for help</source>
        <translation>Die Prüfungsaufsicht um Hilfe bitten</translation>
    </message>
    <message>
        <source>Lower hand</source>
        <translation>Hand senken</translation>
    </message>
</context>
<context>
    <name>VolumeItem</name>
    <message>
        <source>Mute</source>
        <extracomment>Without an answering sound server: look again this rarely, and wait at most this long, so a hung server costs the exam&apos;s window a fraction of a second twice a minute, not 2 s every 5 s.</extracomment>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Lautstärke</translation>
    </message>
    <message>
        <source>Sound muted (volume %1 %)</source>
        <translation>Ton aus (Lautstärke %1 %)</translation>
    </message>
    <message>
        <source>press to turn the sound on</source>
        <translation>drücken, um den Ton einzuschalten</translation>
    </message>
    <message>
        <source>Volume %1 %</source>
        <translation>Lautstärke %1 %</translation>
    </message>
    <message>
        <source>press to mute</source>
        <translation>drücken, um den Ton auszuschalten</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>Between the volume and what pressing the mute button does, e.g. &quot;Volume 40 % — press to mute&quot;.</extracomment>
        <translation>%1 – %2</translation>
    </message>
</context>
<context>
    <name>ZoomItem</name>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+minus)</source>
        <translation>Verkleinern (Strg+Minus)</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Reset zoom (Ctrl+0)</source>
        <translation>Zoom zurücksetzen (Strg+0)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+plus)</source>
        <translation>Vergrößern (Strg+Plus)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>The zoom of the page in percent on the taskbar&apos;s reset button, e.g. &quot;110 %&quot;.</extracomment>
        <translation>%1 %</translation>
    </message>
</context>
</TS>
