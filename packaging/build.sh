#!/usr/bin/env bash
# Build the PolicyDesk bundle for the platform this runs on, then run its self-test.
#   bash packaging/build.sh            → dist/PolicyDesk/ (Linux) or dist/PolicyDesk.app (macOS)
# Needs Python ≥ 3.11 and the package registry once (to install PyInstaller into a venv);
# the bundle itself needs neither Python nor a network.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv-build
. .venv-build/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet ".[package]"
python packaging/make_icons.py
rm -rf build/pyinstaller dist/PolicyDesk dist/PolicyDesk.app
pyinstaller --noconfirm --clean --workpath build/pyinstaller --distpath dist packaging/policydesk.spec
if [ "$(uname)" = "Darwin" ]; then
  cli="dist/PolicyDesk.app/Contents/MacOS/policydesk-cli"
else
  cli="dist/PolicyDesk/policydesk-cli"
  install -Dm644 packaging/linux/policydesk.desktop dist/PolicyDesk/policydesk.desktop
  install -Dm644 resources/icons/policydesk-256.png dist/PolicyDesk/policydesk.png
fi
QT_QPA_PLATFORM=offscreen "$cli" --self-test
du -sh dist/PolicyDesk* | sed 's/^/bundle size: /'
