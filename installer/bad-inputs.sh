#!/usr/bin/env bash
# Feeds defectlens-cli every bad input of issue 13's list and prints, per case,
# the exit status and the message the user sees (a Markdown table; docs/security.md
# carries its output). Each case is made fresh in a temporary folder; nothing
# outside it is touched.
#
#   installer/bad-inputs.sh [BUILD_DIR]      (default: build)
#
# Exit statuses of the CLI: 0 done, 2 bad input (the message names the file),
# 1 internal error. A row with status 1, or a crash, fails this script.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$root/${1:-build}/app/defectlens-cli"
[[ -x "$cli" ]] || { echo "bad-inputs: $cli is missing (build first)" >&2; exit 2; }
magick=/usr/bin/convert # ImageMagick (set-up installs it), not any wrapper earlier on PATH
work="$(mktemp -d /tmp/defectlens-bad-inputs.XXXXXX)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
export DEFECTLENS_CACHE_DIR="$work/cache" OMP_WAIT_POLICY=PASSIVE

failed=0
# case NAME EXPECTED -- command...: runs it, prints a table row.
row() {
  local name="$1" expected="$2"
  shift 3
  "$@" >out.txt 2>err.txt
  local status=$?
  # The user's message: the CLI's warnings and error (first two), else the start of its output.
  local message
  message="$(grep -E '^(warning|defectlens-cli: error|[^ ]*error:)' err.txt | head -2 | sed 's/$/ \/ /' | tr -d '\n' || true)"
  message="${message% / }"
  [[ -n "$message" ]] || message="(no message) $(tr -s ' \n' ' ' < out.txt | head -c 120)"
  message="${message//$work\//}"
  message="${message//|/\\|}"
  printf '| %s | %s | %s | %s |\n' "$name" "$expected" "$status" "$message"
  if [[ $status -ne 0 && $status -ne 2 && $status -ne 3 ]]; then failed=1; fi
}

# A small dataset and a model to score with.
"$cli" make-sample --out data >/dev/null 2>&1
"$cli" fit --method patchcore --data data --no-db --out model.dlm >/dev/null 2>&1 \
  || { echo "bad-inputs: could not train the PatchCore model the cases score with" >&2; exit 1; }
good=data/test/good/000.png

printf '| input | expected | exit | what the user sees |\n|---|---|---|---|\n'

# Images.
head -c 300 "$good" > truncated.png
row "truncated PNG" "refused, file named" -- "$cli" predict --model model.dlm --input truncated.png --no-db
"$magick" "$good" good.jpg && head -c 400 good.jpg > truncated.jpg
row "truncated JPEG" "refused, file named" -- "$cli" predict --model model.dlm --input truncated.jpg --no-db
cp "$good" corrupt.png && printf '\xff\xff\xff\xff\xff\xff\xff\xff' | dd of=corrupt.png bs=1 seek=60 conv=notrunc 2>/dev/null
row "corrupt PNG (bytes overwritten)" "refused, file named" -- "$cli" predict --model model.dlm --input corrupt.png --no-db
"$magick" "$good" -colorspace CMYK cmyk.jpg
row "CMYK JPEG" "scored (converted to RGB)" -- "$cli" predict --model model.dlm --input cmyk.jpg --no-db
"$magick" "$good" -depth 16 deep.tiff
row "16-bit TIFF" "scored (scaled to 8 bits)" -- "$cli" predict --model model.dlm --input deep.tiff --no-db
"$magick" -size 1x1 xc:gray one.png
row "1x1 image" "scored like any image (resized to the model input)" -- "$cli" predict --model model.dlm --input one.png --no-db
python3 - <<'EOF'
# A 20000 x 20000 greyscale PNG of zeros: ~400 KB on disk, 400 MB decoded.
import struct, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
side = 20000
compressor = zlib.compressobj(9)
row = b"\0" * (side + 1)
body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
with open("bomb.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))
EOF
row "20000x20000 PNG (decompression bomb, $(($(stat -c %s bomb.png) / 1024)) KB)" "refused before decoding" -- "$cli" predict --model model.dlm --input bomb.png --no-db
ln -s loop.png loop.png
row "image that is a symbolic link loop" "refused, named as a loop" -- "$cli" predict --model model.dlm --input loop.png --no-db
mkfifo fifo.png
row "image that is a FIFO" "refused without blocking" -- timeout 20 "$cli" predict --model model.dlm --input fifo.png --no-db
row "model that is a FIFO" "refused without blocking" -- timeout 20 "$cli" info --model fifo.png
mkdir folder.dlm
row "model that is a folder" "refused" -- "$cli" info --model folder.dlm

# Datasets.
cp -r data wrongmask
mask="$(ls wrongmask/ground_truth/scratch/* | head -1)"
"$magick" "$mask" -resize 50% "$mask"
row "mask of the wrong size" "image skipped, image and mask named" -- "$cli" test --model model.dlm --data wrongmask --no-db --json t.json
cp -r data emptyclass && mkdir -p emptyclass/test/dent
row "empty defect-type folder" "imported, nothing from it" -- "$cli" test --model model.dlm --data emptyclass --no-db --json t.json
mkdir -p "データ/部品" && cp -r data "データ/部品/ボトル"
row "unicode path" "works" -- "$cli" test --model model.dlm --data "データ/部品/ボトル" --no-db --json t.json
visa() { # visa NAME CSV-TEXT: a VisA layout whose split_csv/1cls.csv is CSV-TEXT
  mkdir -p "$1/split_csv" "$1/candle/Data/Images/Normal" "$1/candle/Data/Images/Anomaly" "$1/candle/Data/Masks/Anomaly"
  for i in 0 1 2 3 4 5; do cp "$good" "$1/candle/Data/Images/Normal/$i.png"; done
  cp data/test/scratch/000.png "$1/candle/Data/Images/Anomaly/0.png"
  cp "$(ls data/ground_truth/scratch/* | head -1)" "$1/candle/Data/Masks/Anomaly/0.png"
  printf '%b' "$2" > "$1/split_csv/1cls.csv"
}
visa visa-columns 'object,split,image\ncandle,train,candle/Data/Images/Normal/0.png\n'
row "VisA CSV with missing columns" "refused, columns named" -- "$cli" test --model model.dlm --data visa-columns --format visa --no-db --json t.json
visa visa-quoted '\xef\xbb\xbfobject,split,label,image,mask\r\n"candle","train","normal","candle/Data/Images/Normal/0.png",""\r\n"candle","train","normal","candle/Data/Images/Normal/1.png",""\r\ncandle,test,normal,candle/Data/Images/Normal/2.png,\r\n"candle","test","anomaly","candle/Data/Images/Anomaly/0.png","candle/Data/Masks/Anomaly/0.png"\r\n'
row "VisA CSV with BOM, CRLF and quotes" "read as intended" -- "$cli" test --model model.dlm --data visa-quoted --format visa --no-db --json t.json
visa visa-escape 'object,split,label,image,mask\ncandle,train,normal,candle/Data/Images/Normal/0.png,\ncandle,test,normal,../../../../etc/passwd,\ncandle,test,normal,/etc/hostname,\ncandle,test,anomaly,candle/Data/Images/Anomaly/0.png,candle/Data/Masks/Anomaly/0.png\n'
row "VisA rows ../../../../etc/passwd and /etc/hostname" "refused, listed as skipped" -- "$cli" test --model model.dlm --data visa-escape --format visa --no-db --json t.json

# Databases.
"$cli" predict --model model.dlm --input "$good" --db ro.sqlite >/dev/null 2>&1
chmod 444 ro.sqlite
if [[ $(id -u) -eq 0 ]] && command -v runuser >/dev/null; then
  chmod 755 "$work" && chmod -R a+rX "$work"
  row "read-only database (another user's file)" "refused, stored rows kept" -- runuser -u nobody -- env DEFECTLENS_CACHE_DIR=/tmp "$cli" predict --model "$work/model.dlm" --input "$work/$good" --db "$work/ro.sqlite"
else
  row "read-only database (mode 444)" "refused, stored rows kept" -- "$cli" predict --model model.dlm --input "$good" --db ro.sqlite
fi
echo "these are not the tables you are looking for" > text.sqlite
row "database file that is not SQLite" "refused, file unchanged" -- "$cli" predict --model model.dlm --input "$good" --db text.sqlite
"$cli" predict --model model.dlm --input "$good" --db newer.sqlite >/dev/null 2>&1
python3 -c "import sqlite3; c = sqlite3.connect('newer.sqlite'); c.execute('PRAGMA user_version = 999'); c.commit()"
row "database from a newer schema version" "refused, not migrated" -- "$cli" predict --model model.dlm --input "$good" --db newer.sqlite
mkdir -p many && for i in $(seq -w 0 199); do cp "$good" "many/$i.png"; done
"$cli" predict --model model.dlm --input "$good" --db full.sqlite >/dev/null 2>&1 # an earlier run to keep
# A full disk refuses writes with ENOSPC; a file size limit with EFBIG, once SIGXFSZ is ignored.
row "full disk (40 KB file size limit on the database)" "exit 2, database intact" -- bash -c 'trap "" XFSZ; exec prlimit --fsize=40000 "$@"' _ "$cli" predict --model model.dlm --input many --db full.sqlite
row "  … the same database afterwards: integrity, results of the earlier run" "ok, 1" -- sqlite3 full.sqlite "PRAGMA integrity_check; SELECT count(*) FROM results WHERE run_id = (SELECT min(id) FROM runs)"

# Bundles.
cp model.dlm tampered.dlm
python3 -c "
import os
with open('tampered.dlm', 'r+b') as f:
    f.seek(os.path.getsize('tampered.dlm') // 2); b = f.read(1); f.seek(-1, 1); f.write(bytes([b[0] ^ 1]))"
row "bundle with one flipped byte" "refused by checksum" -- "$cli" predict --model tampered.dlm --input "$good" --no-db
cp model.dlm newer.dlm && printf '\x02' | dd of=newer.dlm bs=1 seek=8 conv=notrunc 2>/dev/null
row "bundle from a newer format version" "refused, version named" -- "$cli" predict --model newer.dlm --input "$good" --no-db
cp model.dlm cut.dlm && truncate -s 2000 cut.dlm
row "truncated bundle" "refused" -- "$cli" predict --model cut.dlm --input "$good" --no-db

exit $failed
