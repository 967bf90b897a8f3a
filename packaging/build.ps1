# Build the PolicyDesk bundle on Windows, then run its self-test.
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1
# Then compile packaging\windows\policydesk.iss with Inno Setup 6 for the installer.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
python -m venv .venv-build
& .\.venv-build\Scripts\Activate.ps1
python -m pip install --quiet --upgrade pip
python -m pip install --quiet ".[package]"
python packaging\make_icons.py
if (Test-Path dist\PolicyDesk) { Remove-Item -Recurse -Force dist\PolicyDesk }
pyinstaller --noconfirm --clean --workpath build\pyinstaller --distpath dist packaging\policydesk.spec
& dist\PolicyDesk\policydesk-cli.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "self-test failed" }
$size = (Get-ChildItem dist\PolicyDesk -Recurse | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("bundle size: {0:N0} MB" -f $size)
