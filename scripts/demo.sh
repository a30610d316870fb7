#!/usr/bin/env bash
# npm run demo: bring up the parts of the local stack the demo uses (PostgreSQL, the pinned registry server, moto's
# S3; the rest of the stack is for the tests), build, and replay the 2023 tech demo (examples/demo/demo.ts) with Deno
# against it. Everything it needs comes from npm install, besides the Go toolchain that builds the server once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash stack/up.sh postgres server moto
npm run -s build
set -a
. .stack/env
set +a
exec node_modules/.bin/deno run --allow-all --config examples/deno.json examples/demo/demo.ts
