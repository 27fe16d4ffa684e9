#!/usr/bin/env bash
# Runs the pnpm version pinned in package.json, whether or not pnpm is installed: a fresh clone needs only Node and
# npm. A missing or different pnpm is installed once into .fleet/tools (git-ignored) and put first on PATH, where
# turbo finds it too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want=$(node -p "require('$root/package.json').packageManager.split('@')[1]")
if ! { command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$want" ]; }; then
  tools="$root/.fleet/tools"
  if [ "$("$tools/node_modules/.bin/pnpm" --version 2>/dev/null)" != "$want" ]; then
    echo "installing pnpm $want into .fleet/tools" >&2
    npm install --silent --no-audit --no-fund --prefix "$tools" "pnpm@$want" >/dev/null 2>&1
  fi
  export PATH="$tools/node_modules/.bin:$PATH"
fi
exec pnpm "$@"
