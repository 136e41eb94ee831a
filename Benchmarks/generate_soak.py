#!/usr/bin/env python3
"""Generates the soak input of issue 13 item 5: JSON Lines of GitHub-shaped issues (generate.py's),
of which 1% are replaced by malformed lines and three, in the middle, by pathological records:

    python3 Benchmarks/generate_soak.py --count 1000000 --seed 1 --out /tmp/soak.jsonl --manifest /tmp/soak.json

- a 10 MB body (one valid issue whose body is 10,000,000 bytes of ASCII text);
- 100,000 labels (one valid issue);
- 100,000-deep nesting (an issue with an extra field of 100,000 nested arrays: a decoder may
  reject it as too deep, then it counts as a skipped record, but it must not crash).

Malformed lines stay on one line with balanced brackets (a trailing comma, a bad literal, a missing
value, a bare word, a number that is a string), so each is one record for a JSON Lines reader.
The manifest (JSON) says how many lines were written, which line is the first malformed one (all
pathological lines come after it), how many were malformed, and the length of the largest line.
Deterministic: the same --count and --seed give byte-identical output.
"""
import argparse
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (the issue generator of Benchmarks/run.sh)

MALFORMED = [
    '{{"number":{n},"title":"trailing comma","state":"open",}}',
    '{{"number":{n},"title":tru,"state":"open"}}',
    '{{"number":{n},"title":,"state":"open"}}',
    'not json at all, line {n}',
    '{{"number":"{n}x","title":"a number that is not one","state":"open"}}',
]


def issue(number, extra):
    return (f'{{"number":{number},"title":"Pathological {number}","state":"open","user":{{"login":"soak"}},'
            f'"created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-02T00:00:00Z",{extra}}}')


def pathological(number, kind):
    if kind == "body":
        return issue(number, '"labels":[],"body":"' + ("soak body " * 1_000_000) + '"')
    if kind == "labels":
        labels = ",".join(f'{{"name":"label-{k}"}}' for k in range(100_000))
        return issue(number, f'"labels":[{labels}],"body":"many labels"')
    depth = 100_000
    return issue(number, '"labels":[],"body":"deep","extra":' + "[" * depth + "]" * depth)


class Rewriter:
    """Takes generate.py's output and replaces the chosen lines as they go by."""

    def __init__(self, out, count, seed):
        self.out, self.line = out, 0
        rng = random.Random(seed ^ 0x5EED)
        middle = count // 2
        self.special = {middle: "body", middle + 1: "labels", middle + 2: "deep"} if count >= 10 else {}
        candidates = [k for k in range(1, count + 1) if k not in self.special]
        self.malformed = set(rng.sample(candidates, count // 100))
        self.kinds = rng
        self.largest = 0
        self.pending = ""

    def write(self, text):
        text = self.pending + text
        lines = text.split("\n")
        self.pending = lines.pop()
        result = []
        for line in lines:
            self.line += 1
            if self.line in self.malformed:
                line = MALFORMED[self.kinds.randrange(len(MALFORMED))].format(n=self.line)
            elif self.line in self.special:
                line = pathological(self.line, self.special[self.line])
            self.largest = max(self.largest, len(line.encode()) + 1)
            result.append(line + "\n")
        self.out.write("".join(result))


def main():
    parser = argparse.ArgumentParser(description="Generate the soak input: issues with malformed and pathological lines.")
    parser.add_argument("--count", type=int, default=1_000_000, help="lines (default 1000000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    parser.add_argument("--manifest", required=True)
    args = parser.parse_args()
    began = time.perf_counter()
    with open(args.out, "w", encoding="utf-8", buffering=1 << 20, newline="\n") as out:
        rewriter = Rewriter(out, args.count, args.seed)
        generate.generate(args.count, args.seed, rewriter)
        assert rewriter.pending == "", "generate.py ends every line with a newline"
    manifest = {
        "lines": rewriter.line,
        "malformed": len(rewriter.malformed),
        "first_malformed_line": min(rewriter.malformed) if rewriter.malformed else None,
        "pathological_lines": sorted(rewriter.special),
        "largest_line_bytes": rewriter.largest,
    }
    assert rewriter.line == args.count
    assert all(line > (manifest["first_malformed_line"] or 0) for line in rewriter.special)
    with open(args.manifest, "w") as handle:
        json.dump(manifest, handle)
    print(f"generate_soak.py: {args.count} lines in {time.perf_counter() - began:.1f} s: {json.dumps(manifest)}", file=sys.stderr)


if __name__ == "__main__":
    main()
