#!/usr/bin/env python3
"""Validate triage rule files against Grammar/rules.schema.json.

Usage: python3 Rules/validate-schema.py [FILE ...]
Without arguments it checks every *.yaml under Rules/ and Benchmarks/.
Prints one line per file (ok, or each problem with its line and column) and exits 1 when any file
is invalid, 2 when the schema or a file cannot be read.

This checks the file's shape only (keys, value types, enums). Expressions are checked by
`triage lint`, and tests are run by `triage test`.

Timestamps are kept as strings (PyYAML would turn `2024-02-01T00:00:00Z` into a datetime, which the
schema's RFC 3339 string pattern then rejects), and duplicate mapping keys are reported, since
PyYAML would silently keep the last one.
"""
import glob
import json
import os
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:  # pragma: no cover
    sys.exit(f"validate-schema: needs PyYAML and jsonschema ({error})")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_PATH = os.path.join(ROOT, "Grammar", "rules.schema.json")


class Loader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as strings and rejects duplicate keys."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def construct_mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})", mark)
        seen[key] = key_node.start_mark.line
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)


def positions(node, path=(), table=None):
    """Maps each JSON path (tuple of keys/indexes) to the (line, column) of its YAML node."""
    if table is None:
        table = {}
    table[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            # Point unknown-key errors at the key itself, values at the value.
            table[path + (key, "<key>")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            positions(value_node, path + (key,), table)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            positions(item, path + (index,), table)
    return table


def locate(error, table):
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        # Report the first unexpected key's own position.
        allowed = set(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed and path + (key, "<key>") in table:
                return table[path + (key, "<key>")]
    while path not in table and path:
        path = path[:-1]
    return table.get(path, (1, 1))


def describe(error):
    where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
    if error.validator == "not" and isinstance(error.instance, str):
        return f"{where}: {error.instance!r} is reserved: it is the name of a field, function or keyword"
    if error.validator == "pattern" and error.schema.get("pattern", "").startswith("^[0-9]{4}-"):
        return f"{where}: {error.instance!r} is not an RFC 3339 time like 2024-02-01T00:00:00Z (or a date like 2024-02-01)"
    # oneOf/anyOf failures: say what each alternative wanted, briefly.
    if error.context:
        best = jsonschema.exceptions.best_match(error.context)
        return f"{where}: {error.message.splitlines()[0][:120]} ({best.message[:160]})"
    return f"{where}: {error.message[:240]}"


def check(path, validator):
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        print(f"{path}: cannot read: {error}")
        return None
    try:
        document = yaml.load(text, Loader=Loader)
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        problem = getattr(error, "problem", None) or str(error)
        print(f"{path}:{where}: YAML error: {problem}")
        return False
    table = positions(node) if node is not None else {}
    errors = sorted(validator.iter_errors(document), key=lambda e: locate(e, table))
    if not errors:
        print(f"ok      {path}")
        return True
    for error in errors:
        line, column = locate(error, table)
        print(f"{path}:{line}:{column}: {describe(error)}")
    return False


def main(argv):
    try:
        with open(SCHEMA_PATH, encoding="utf-8") as handle:
            schema = json.load(handle)
        jsonschema.Draft7Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as error:
        print(f"validate-schema: bad schema {SCHEMA_PATH}: {error}")
        return 2
    validator = jsonschema.Draft7Validator(schema)
    files = argv or sorted(
        glob.glob(os.path.join(ROOT, "Rules", "*.yaml")) + glob.glob(os.path.join(ROOT, "Benchmarks", "*.yaml")))
    if not files:
        print("validate-schema: no rule files found")
        return 2
    results = [check(os.path.relpath(path) if not argv else path, validator) for path in files]
    valid = sum(1 for result in results if result)
    unreadable = sum(1 for result in results if result is None)
    print(f"{valid} valid, {len(results) - valid} invalid")
    if unreadable:
        return 2
    return 0 if valid == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
