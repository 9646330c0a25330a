#!/usr/bin/env bash
# The Debian packages chibo's tests need beyond Python: Chromium for the browser tests,
# fonts with every Vietnamese letter and pango for WeasyPrint, poppler for reading PDFs back.
# Installs what is missing when run as root (CI, these machines); otherwise says what to run.
set -euo pipefail
# `system-deps.sh runtime` (make demo): only what the app itself needs to render .pdf documents with
# Vietnamese letters; without root it says what to install and lets the demo start (PDFs would fail).
runtime=(fonts-liberation2 fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
if [ "${1:-}" = "runtime" ]; then
  packages=("${runtime[@]}")
else
  packages=(chromium poppler-utils "${runtime[@]}")
fi
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "chibo: cần các gói hệ thống / needs system packages: ${missing[*]}" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chibo: thiếu gói / missing packages: ${missing[*]}" >&2
  echo "       sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  [ "${1:-}" = "runtime" ] && exit 0
  exit 1
fi
echo "chibo: apt-get install ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
