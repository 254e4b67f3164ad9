#!/usr/bin/env bash
# The code-health gate: ruff (lint), mypy (types; strict on core) and lint-imports (layer contracts).
# Runs every check, reports each, and fails when any of them fails. Configuration: pyproject.toml.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
status=0
for check in "ruff check ." "mypy" "lint-imports"; do
  tool="${check%% *}"
  if [ ! -x ".venv/bin/$tool" ]; then
    echo "lint: .venv/bin/$tool missing (run tools/setup.sh)" >&2
    status=1
    continue
  fi
  echo "lint: $check" >&2
  # shellcheck disable=SC2086
  .venv/bin/$check || { echo "lint: '$check' failed" >&2; status=1; }
done
exit $status
