#!/bin/sh
# Install Debian's linux-source-6.1 and extract its C sources and headers
# (plus the top-level Makefile and Kconfig that mark a kernel tree) into a
# cache outside the repository. Idempotent: a finished extraction is marked
# with a stamp file and the script returns at once.
#
# Usage: bench/conform/fetch-linux-6.1.sh [CACHE_DIR]   (default /var/cache/mnc/linux-6.1)
# Prints the tree's directory on its last line.
set -eu
CACHE=${1:-${MNC_LINUX_6_1:-/var/cache/mnc/linux-6.1}}
STAMP="$CACHE/.mnc-extracted"
if [ -f "$STAMP" ]; then echo "$CACHE"; exit 0; fi

TARBALL=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n 1 || true)
if [ -z "$TARBALL" ]; then
  if [ "$(id -u)" != 0 ]; then echo "fetch-linux-6.1: linux-source-6.1 is not installed and this is not root" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q linux-source-6.1 >/dev/null
  TARBALL=$(ls /usr/src/linux-source-6.1.tar.* | head -n 1)
fi

TMP="$CACHE.tmp.$$"
rm -rf "$TMP"
mkdir -p "$TMP"
# Only what the scan needs: every C file and header, and the files that mark a kernel tree.
tar -xf "$TARBALL" -C "$TMP" --strip-components=1 --wildcards \
  '*.c' '*.h' 'linux-source-6.1/Makefile' 'linux-source-6.1/Kconfig'
rm -rf "$CACHE"
mv "$TMP" "$CACHE"
date -u +%FT%TZ > "$STAMP"
echo "$CACHE"
