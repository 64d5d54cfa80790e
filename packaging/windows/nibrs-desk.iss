; NIBRS Desk - Inno Setup 6 script: a per-user installer that needs no administrator rights.
;
; Built on Windows by .github/workflows/windows-installer.yml, after PyInstaller has made
; packaging\out\dist\nibrs-desk (see packaging/README.md):
;
;   iscc /DAppVersion=<python packaging\versions.py app> /DWinVersion=<python packaging\versions.py windows> ^
;        packaging\windows\nibrs-desk.iss
;
; The version is never written here: it comes from desktop/__init__.py through the command line.
; The program goes to %LOCALAPPDATA%\Programs\NIBRS Desk and writes nothing there; the user's
; data (database, backups, logs) is in %LOCALAPPDATA%\nibrs-desk, settings in
; HKCU\Software\nibrs-desk. Uninstalling keeps them unless the user says otherwise (or passes
; /DELETEDATA=yes to a silent uninstall).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=... /DWinVersion=... (python packaging\versions.py app / windows)
#endif
#ifndef WinVersion
  #error Pass the four-number Windows version: /DWinVersion=... (python packaging\versions.py windows)
#endif
#ifndef SourceDir
  #define SourceDir "..\out\dist\nibrs-desk"
#endif
#ifndef IconFile
  #define IconFile "..\out\build\nibrs-desk\nibrs-desk.ico"
#endif
#define AppName "NIBRS Desk"
#define DataFolder "nibrs-desk"
#define SettingsKey "Software\nibrs-desk"

[Setup]
; The AppId ties upgrades and the uninstaller to this product: never change it.
AppId={{22D0C695-CBD9-49E6-9BAE-A27B534EFE32}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=NIBRS Desk developers
VersionInfoVersion={#WinVersion}
VersionInfoProductVersion={#WinVersion}
VersionInfoTextVersion={#AppVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoDescription={#AppName} setup
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\out
OutputBaseFilename=nibrs-desk-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\nibrs-desk-gui.exe
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder, so no module of the old version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\nibrs-desk-gui.exe"; WorkingDir: "{userdocs}"; AppUserModelID: "org.nibrsdesk.NibrsDesk"; Comment: "Enter FBI NIBRS crime reports"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\nibrs-desk-gui.exe"; WorkingDir: "{userdocs}"; AppUserModelID: "org.nibrsdesk.NibrsDesk"; Tasks: desktopicon

[Run]
Filename: "{app}\nibrs-desk-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolder}');
end;

function DeleteDataAsked(): Boolean;
begin
  if UninstallSilent() then
    Result := CompareText(ExpandConstant('{param:DELETEDATA|no}'), 'yes') = 0
  else
    Result := MsgBox('Also delete your NIBRS Desk data?' + #13#10#13#10 +
      'This removes every report in ' + DataDir() + ', its backups and the program''s settings. ' +
      'They cannot be recovered.' + #13#10#13#10 +
      'Choose No to keep them (the usual choice, e.g. before installing a new version).',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir()) and DeleteDataAsked() then
  begin
    DelTree(DataDir(), True, True, True);
    RegDeleteKeyIncludingSubkeys(HKEY_CURRENT_USER, '{#SettingsKey}');
  end;
end;
