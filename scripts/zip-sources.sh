#!/usr/bin/env bash
# The sources zip for the add-on stores: exactly the files git tracks at HEAD
# (no test screenshots, benchmark output or uncommitted edits).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p "require('./package.json').version")
out=".output/factlens-${version}-sources.zip"
mkdir -p .output
git archive --format=zip -o "$out" HEAD
[ -z "$(git status --porcelain)" ] || echo "zip-sources: uncommitted changes are not in $out (it holds HEAD)" >&2
echo "zip-sources: $out ($(git ls-files | wc -l) files)"
