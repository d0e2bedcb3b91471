#!/usr/bin/env bash
# Put the macOS application into a compressed disk image with a link to /Applications.
#
#   scripts/make_dmg.sh dist/年鉴校对台.app dist/年鉴校对台-0.1.0-macos-arm64.dmg
#
# macOS only (hdiutil). Sign and notarise the application before, the dmg after (CI does both
# when its secrets are set: .github/workflows/build.yml).
set -euo pipefail
APP="$1"
DMG="$2"
[ -d "$APP" ] || { echo "make_dmg: no application at $APP" >&2; exit 1; }
STAGE="$(mktemp -d "${TMPDIR:-/tmp}/yearbook-dmg.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/应用程序"
rm -f "$DMG"
hdiutil create -volname "年鉴校对台" -srcfolder "$STAGE" -fs HFS+ -format UDZO -imagekey zlib-level=9 -ov "$DMG" >&2
echo "make_dmg: $(du -k "$DMG" | cut -f1) KB in $DMG" >&2
