#!/usr/bin/env bash
# Refresh the translation sources from launcher/ and compile them for the launcher.
#
#   bash resources/translations/update.sh
#
# 1. pyside6-lupdate collects every self.tr("...") / QCoreApplication.translate("Ctx", "...")
#    string under launcher/ into seb_launcher_<lang>.ts (new strings arrive "unfinished",
#    strings gone from the code are dropped);
# 2. translate the unfinished entries (Qt Linguist: .venv/bin/pyside6-linguist, or any editor);
# 3. run this script again: pyside6-lrelease compiles each .ts into the .qm the launcher loads.
# Commit the .ts and .qm files together; tests/qt/test_i18n.py fails while an entry is
# unfinished or a string in launcher/ is missing from a .ts.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN="${PYSIDE_BIN:-.venv/bin}"
LANGS=(de fr)
TS=()
for lang in "${LANGS[@]}"; do
  TS+=("resources/translations/seb_launcher_${lang}.ts")
done

"$BIN/pyside6-lupdate" -extensions py -locations none -no-obsolete -silent launcher -ts "${TS[@]}"
for ts in "${TS[@]}"; do
  "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done

for ts in "${TS[@]}"; do
  echo "$ts: $(grep -c 'type="unfinished"' "$ts" || true) unfinished"
done
