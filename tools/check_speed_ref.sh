#!/usr/bin/env bash
# Re-run extract over samples/dev2/dev3/wild and compare with reference outputs written before a speed change.
#   tools/check_speed_ref.sh REF_DIR [NEW_DIR]      (REF_DIR holds samples/ dev2/ dev3/ wild/)
set -uo pipefail
ref=$1; new=${2:-$(mktemp -d)}
py=${PYTHON:-.venv/bin/python}; cli=${PARTYEVENTS:-.venv/bin/partyevents}
rc=0
for s in "data/raw samples" "../shared/corpus/dev2 dev2" "../shared/corpus/dev3 dev3" "../shared/corpus/wild wild"; do
  set -- $s
  "$cli" extract "$1" "$new/$2" --workers 1 --quiet >/dev/null 2>&1
  echo "== $2"; "$py" tools/compare_tables.py "$ref/$2" "$new/$2" || rc=1
done
exit $rc
