#!/bin/sh
# Compiles the guide examples against the BUILT packages (run `npm run build` first).
#   ./run.sh          compile, then check every guide's examples: the snippet is the file
#                     verbatim and the output shown is what it prints (verify.js)
#   ./run.sh NAME     compile, then run NAME.ts's compiled form and print its output
set -e
cd "$(dirname "$0")"
npx tsc -p tsconfig.json
if [ -n "$1" ]; then
  name=$1; shift
  node "dist/$name.js" "$@"
else
  node verify.js
fi
