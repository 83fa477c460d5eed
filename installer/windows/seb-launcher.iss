; Inno Setup script for SEB Launcher on Windows (Inno Setup 6).
;
; Build (after PyInstaller made dist\seb-launcher, see installer\windows\build.ps1):
;   iscc /DAppVersion=0.1.0 installer\windows\seb-launcher.iss
; Output: dist\seb-launcher-<version>-setup.exe
;
; Installs for all users into Program Files, registers seb:// and sebs:// links and .seb files
; in HKLM, and can drop a machine-wide client configuration into %ProgramData%\SEB Launcher.
;
; Silent install (software distribution, GPO, Intune, SCCM):
;   seb-launcher-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;   seb-launcher-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CLIENTCONFIG="\\server\share\SebClientSettings.seb"
; A SebClientSettings.seb placed next to the setup program is used when /CLIENTCONFIG is not given.
; Silent uninstall: "%ProgramFiles%\SEB Launcher\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;
; The [Registry] section is generated from launcher/platform/registration_windows.py
; (inno_registry_lines); tests/unit/test_registration_windows.py checks that they agree.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\seb-launcher"
#endif
#define AppName "SEB Launcher"
#define AppExe "seb-launcher.exe"

[Setup]
AppId={{6B0E2A55-4C1D-4F0B-9E3A-5EB1A0C4D7F2}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The SEB Launcher developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=seb-launcher-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
MinVersion=10.0

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Dirs]
Name: "{commonappdata}\{#AppName}"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{code:ClientConfigSource}"; DestDir: "{commonappdata}\{#AppName}"; DestName: "SebClientSettings.seb"; Flags: external ignoreversion; Check: HasClientConfig

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"

[Run]
; Machine-wide configuration: readable by everyone, changed only by administrators. ProgramData
; lets users create files in new folders by inheritance, so replace the inherited rights
; (SIDs: SYSTEM, Administrators, Users).
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\{#AppName}"" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX"; Flags: runhidden waituntilterminated

[Registry]
Root: HKLM; Subkey: "Software\Classes\seb"; ValueType: string; ValueName: ""; ValueData: "URL:Safe Exam Browser Protocol"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\seb"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Flags: uninsdeletevalue
Root: HKLM; Subkey: "Software\Classes\seb\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\seb-launcher.exe,0"; Flags: uninsdeletevalue
Root: HKLM; Subkey: "Software\Classes\seb\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\seb-launcher.exe"" ""%1"""; Flags: uninsdeletevalue
Root: HKLM; Subkey: "Software\Classes\sebs"; ValueType: string; ValueName: ""; ValueData: "URL:Safe Exam Browser Secure Protocol"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\sebs"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Flags: uninsdeletevalue
Root: HKLM; Subkey: "Software\Classes\sebs\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\seb-launcher.exe,0"; Flags: uninsdeletevalue
Root: HKLM; Subkey: "Software\Classes\sebs\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\seb-launcher.exe"" ""%1"""; Flags: uninsdeletevalue
Root: HKLM; Subkey: "Software\Classes\SEBLauncher.Configuration"; ValueType: string; ValueName: ""; ValueData: "Safe Exam Browser Configuration"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\SEBLauncher.Configuration\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\seb-launcher.exe,0"; Flags: uninsdeletevalue
Root: HKLM; Subkey: "Software\Classes\SEBLauncher.Configuration\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\seb-launcher.exe"" ""%1"""; Flags: uninsdeletevalue
Root: HKLM; Subkey: "Software\Classes\.seb"; ValueType: string; ValueName: ""; ValueData: "SEBLauncher.Configuration"; Flags: uninsdeletevalue
Root: HKLM; Subkey: "Software\Classes\.seb"; ValueType: string; ValueName: "Content Type"; ValueData: "application/seb"
Root: HKLM; Subkey: "Software\Classes\.seb\OpenWithProgids"; ValueType: string; ValueName: "SEBLauncher.Configuration"; ValueData: ""; Flags: uninsdeletevalue

[Code]
var
  ClientConfig: String;

{ The client configuration to deploy: /CLIENTCONFIG=path, else SebClientSettings.seb next to setup. }
function InitializeSetup(): Boolean;
begin
  ClientConfig := ExpandConstant('{param:CLIENTCONFIG|}');
  if (ClientConfig = '') and FileExists(ExpandConstant('{src}\SebClientSettings.seb')) then
    ClientConfig := ExpandConstant('{src}\SebClientSettings.seb');
  if (ClientConfig <> '') and not FileExists(ClientConfig) then
  begin
    SuppressibleMsgBox('The client configuration ' + ClientConfig + ' was not found.', mbCriticalError, MB_OK, IDOK);
    Result := False;
    exit;
  end;
  Result := True;
end;

function HasClientConfig(): Boolean;
begin
  Result := ClientConfig <> '';
end;

function ClientConfigSource(Param: String): String;
begin
  Result := ClientConfig;
end;
