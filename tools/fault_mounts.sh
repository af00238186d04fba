#!/usr/bin/env bash
# Issue 19, finding 6, on real mounts (needs root: CI does not run it).
#   - a full disk: OUT_DIR on a 1 MiB tmpfs with 24 KiB left
#   - a read-only file system: OUT_DIR on a tmpfs remounted read-only
#   - a read-only parent: OUT_DIR to be created inside a read-only mount
# For each: the exit status, what the user sees, and whether the previous tables are untouched
# (a checksum of every file under OUT_DIR before and after) with no temp folder left behind.
#
#   sudo PYTHONPATH=$PWD/src tools/fault_mounts.sh
set -euo pipefail
py=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
mnt="$work/mnt"
mkdir -p "$mnt" "$work/in"
cleanup() { umount "$mnt" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for i in $(seq 1 300); do  # distinct small reports, about 1 MB of tables in all
  printf '%d月%d日,第%d社区党支部组织党员志愿者开展志愿服务,走访群众%d0余户。\n编号%d。\n' \
    $((i % 12 + 1)) $((i % 28 + 1)) "$i" "$i" "$i" > "$work/in/$i.txt"
done
mkdir -p "$work/small"
cp "$work/in/1.txt" "$work/in/2.txt" "$work/small/"
sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r md5sum | md5sum | cut -c1-12); }
run() {  # run NAME OUT_DIR
  local rc=0 err
  err=$("$py" -m partyevents.cli extract "$work/in" "$2" --workers 1 -q 2>&1) || rc=$?
  echo "$1: exit $rc"
  echo "  says: $err"
}

mount -t tmpfs -o size=1m tmpfs "$mnt"
"$py" -m partyevents.cli extract "$work/small" "$mnt/out" --workers 1 -q
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null || true  # fill the disk, then leave 24 KiB free
truncate -s -24k "$mnt/filler"
before=$(sums "$mnt/out")
run "full disk" "$mnt/out"
echo "  previous tables untouched: $([ "$(sums "$mnt/out")" = "$before" ] && echo yes || echo NO)"
echo "  temp folders left: $(find "$mnt/out" -maxdepth 1 -name '.partyevents-*' | wc -l)"
"$py" -c "import partyevents,sys; print('  load:', len(partyevents.load(sys.argv[1]).documents), 'documents')" "$mnt/out"

mount -o remount,ro "$mnt"
run "read-only file system" "$mnt/out"
echo "  previous tables untouched: $([ "$(sums "$mnt/out")" = "$before" ] && echo yes || echo NO)"
run "read-only parent" "$mnt/new/out"
umount "$mnt"
