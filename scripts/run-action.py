#!/usr/bin/env python3
"""Runs the steps of a composite action.yml the way a GitHub runner does, for scripts/check-package.sh.

    run-action.py ACTION_YML CACHE_DIR [INPUT=VALUE ...]

The process environment is the runner's (GITHUB_ACTION_PATH, GITHUB_PATH, GITHUB_SERVER_URL,
RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, PATH, HOME); the working directory is the workspace. Like the
runner, it evaluates each step's `if:`, fills `${{ … }}` in `env:` and `with:` from the inputs (with
action.yml's defaults) and earlier steps' outputs (GITHUB_OUTPUT), puts the GITHUB_PATH lines of
earlier steps in front of PATH, runs `shell: bash` steps with `bash -e -o pipefail`, and stops at the
first step that fails, exiting with its status. `actions/cache/restore` and `actions/cache/save` keep
their entries in CACHE_DIR, one directory per key. Anything else it does not know is an error, so the
check fails instead of silently skipping what action.yml grew.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

# github.action_repository is empty in the runs this stands for (see action.yml); the token only
# reaches triage through the `token` input.
GITHUB_CONTEXT = {"action_repository": "", "token": ""}


def main() -> int:
    action_path, cache_dir, *assignments = sys.argv[1:]
    action = yaml.safe_load(pathlib.Path(action_path).read_text())
    given = dict(assignment.split("=", 1) for assignment in assignments)
    outputs: dict[str, dict[str, str]] = {}

    def value(expression: str) -> str:
        parts = expression.strip().split(".")
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return outputs.get(parts[1], {}).get(parts[3], "")
        if parts[0] == "github" and len(parts) == 2 and parts[1] in GITHUB_CONTEXT:
            return GITHUB_CONTEXT[parts[1]]
        if parts[0] == "inputs" and len(parts) == 2 and parts[1] in inputs:
            return inputs[parts[1]]
        raise SystemExit(f"run-action.py: unsupported expression ${{{{ {expression} }}}}")

    def fill(text: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda match: value(match.group(1)), str(text))

    def holds(condition: str) -> bool:
        results = []
        for clause in condition.split("&&"):
            match = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", clause)
            if not match:
                raise SystemExit(f"run-action.py: unsupported condition {condition!r}")
            left, operator, right = match.groups()
            results.append((value(left) == right) == (operator == "=="))
        return all(results)

    inputs: dict[str, str] = {}
    for name, spec in action.get("inputs", {}).items():
        if name in given:
            inputs[name] = given.pop(name)
        elif spec.get("required"):
            raise SystemExit(f"run-action.py: input {name} is required")
        else:
            inputs[name] = fill(spec.get("default", ""))
    if given:
        raise SystemExit(f"run-action.py: action.yml has no input {', '.join(given)}")

    base_path = os.environ["PATH"]
    github_path = pathlib.Path(os.environ["GITHUB_PATH"])
    for step in action["runs"]["steps"]:
        name = step.get("name", step.get("id", "step"))
        if "if" in step and not holds(step["if"]):
            print(f"== skipped: {name}", flush=True)
            continue
        print(f"== {name}", flush=True)
        step_outputs: dict[str, str] = {}
        if "uses" in step:
            arguments = {key: fill(text) for key, text in step.get("with", {}).items()}
            entry = pathlib.Path(cache_dir) / arguments["key"]
            target = pathlib.Path(arguments["path"])
            if step["uses"] == "actions/cache/restore@v4":
                if entry.is_dir():
                    shutil.copytree(entry, target, dirs_exist_ok=True)
                step_outputs["cache-hit"] = "true" if entry.is_dir() else "false"
            elif step["uses"] == "actions/cache/save@v4":
                if not entry.exists():
                    shutil.copytree(target, entry)
            else:
                raise SystemExit(f"run-action.py: unsupported action {step['uses']}")
        elif step.get("shell") == "bash":
            added = github_path.read_text().splitlines() if github_path.exists() else []
            with tempfile.NamedTemporaryFile("r", suffix=".output") as output_file:
                environment = dict(os.environ)
                environment.update({key: fill(text) for key, text in step.get("env", {}).items()})
                environment["PATH"] = ":".join([*reversed(added), base_path])
                environment["GITHUB_OUTPUT"] = output_file.name
                status = subprocess.run(
                    ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
                    env=environment,
                ).returncode
                for line in output_file.read().splitlines():
                    key, _, text = line.partition("=")
                    step_outputs[key] = text
            if status != 0:
                print(f"== failed with status {status}: {name}", flush=True)
                return status
        else:
            raise SystemExit(f"run-action.py: step {name!r} is neither `uses:` nor `shell: bash`")
        if "id" in step:
            outputs[step["id"]] = step_outputs
    return 0


if __name__ == "__main__":
    sys.exit(main())
