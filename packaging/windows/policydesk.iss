; Inno Setup 6 script: installs dist\PolicyDesk into Program Files, adds a Start-menu entry,
; and associates .pdesk project files with PolicyDesk. No network access at install or run.
#define AppVersion "0.1.0"

[Setup]
AppId={{6B1F0C2E-5E33-4D7B-9C1E-2B7A55C0D4A1}
AppName=PolicyDesk 科创金融政策测算台
AppVersion={#AppVersion}
AppPublisher=PolicyDesk
DefaultDirName={autopf}\PolicyDesk
DefaultGroupName=PolicyDesk
OutputDir=..\..\dist
OutputBaseFilename=PolicyDesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\policydesk.ico
Compression=lzma2
SolidCompression=yes
ChangesAssociations=yes
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern

[Languages]
Name: "chinesesimp"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\PolicyDesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\科创金融政策测算台 PolicyDesk"; Filename: "{app}\PolicyDesk.exe"
Name: "{autodesktop}\科创金融政策测算台"; Filename: "{app}\PolicyDesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"

[Registry]
Root: HKA; Subkey: "Software\Classes\.pdesk"; ValueType: string; ValueName: ""; ValueData: "PolicyDesk.Project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\PolicyDesk.Project"; ValueType: string; ValueName: ""; ValueData: "PolicyDesk 项目"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\PolicyDesk.Project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\PolicyDesk.exe,0"
Root: HKA; Subkey: "Software\Classes\PolicyDesk.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\PolicyDesk.exe"" ""%1"""

[Run]
Filename: "{app}\policydesk-cli.exe"; Parameters: "--self-test"; Flags: runhidden; StatusMsg: "Checking the installation..."
Filename: "{app}\PolicyDesk.exe"; Description: "{cm:LaunchProgram,PolicyDesk}"; Flags: nowait postinstall skipifsilent
