#!/usr/bin/env bash
# npm run demo: bring the local stack up (if needed), build, and replay the 2023 tech demo (examples/demo/demo.ts)
# with Deno against it. Everything it needs comes from npm install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash stack/up.sh
npm run -s build
set -a
. .stack/env
set +a
exec node_modules/.bin/deno run --allow-all --config examples/deno.json examples/demo/demo.ts
