#!/usr/bin/env bash
# Refresh the vendored front-end assets from the npm registry (run by `make vendor`).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/src/orglife/site/static/vendor"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp" && npm init -y >/dev/null && npm install --silent bootstrap@5 htmx.org@2 echarts@5 bootstrap-icons
N="$tmp/node_modules"
cp "$N"/bootstrap/dist/css/bootstrap.min.css "$N"/bootstrap/dist/js/bootstrap.bundle.min.js "$dest/bootstrap/"
cp "$N"/htmx.org/dist/htmx.min.js "$dest/htmx/"
cp "$N"/echarts/dist/echarts.min.js "$dest/echarts/"
cp "$N"/bootstrap-icons/font/bootstrap-icons.min.css "$dest/bootstrap-icons/"
cp "$N"/bootstrap-icons/font/fonts/bootstrap-icons.woff2 "$dest/bootstrap-icons/fonts/"
# The source maps and the .woff fallback are not shipped: drop the references to them.
sed -i 's|/\*# sourceMappingURL=[^*]*\*/||; s|//# sourceMappingURL=.*$||' "$dest"/bootstrap/*.js "$dest"/bootstrap/*.css
sed -i 's|,url("fonts/bootstrap-icons.woff?[0-9a-f]*") format("woff")||' "$dest/bootstrap-icons/bootstrap-icons.min.css"
