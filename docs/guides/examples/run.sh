#!/bin/sh
# Compiles the guide examples against the BUILT packages (run `npm run build` first) and runs
# each one; a snippet in docs/guides/*.md is the text of one of these files.
set -e
cd "$(dirname "$0")"
npx tsc -p tsconfig.json
for f in dist/*.js; do
  [ -n "$1" ] && [ "$(basename "$f" .js)" != "$1" ] && continue
  echo "== $(basename "$f" .js)"
  node "$f"
done
