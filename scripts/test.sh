#!/usr/bin/env bash
# The test command: set up (dependencies, build, and the browser the dashboard test drives), then run every test
# against the real Redis and Postgres on localhost, each run in its own database and Redis key prefix, after lint
# (Biome, the dependency graph's rules, unused exports, JSDoc on package surfaces) and typecheck. Ends with the totals
# alone on a line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh || exit 1
checks=0
bash scripts/provision-chromium.sh || checks=1
node_modules/.bin/biome check . || checks=1
# The dependency graph's rules (.dependency-cruiser.cjs) and no export, file or dependency left unused (knip.jsonc).
node_modules/.bin/depcruise apps packages migrations test --config .dependency-cruiser.cjs || checks=1
node_modules/.bin/knip --no-progress --tsConfig tsconfig.build.json || checks=1
# Every export of a package's surface says why it exists (STYLE.md rule 10).
node scripts/check-jsdoc.mjs || checks=1
TURBO_TELEMETRY_DISABLED=1 bash scripts/pnpm.sh exec turbo run typecheck --output-logs=errors-only || checks=1
node_modules/.bin/tsc -p tsconfig.json || checks=1
mkdir -p test-results
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
status=$?
# A suite that fails to load counts as a failure even though none of its tests ran.
node -e '
  const fs = require("node:fs");
  const file = "test-results/vitest.json";
  const r = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { numPassedTests: 0, numFailedTests: 0 };
  const failed = r.numFailedTests || r.numFailedTestSuites || (Number(process.argv[1]) === 0 ? 0 : 1);
  console.log(`${r.numPassedTests} passed, ${failed} failed`);
' "$status"
[ "$checks" = 0 ] || echo "set-up, lint or typecheck failed (see above)" >&2
exit $(( status || checks ))
