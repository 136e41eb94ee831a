#!/usr/bin/env python3
"""Writes Benchmarks/rules-50.yaml and Benchmarks/jq-filters/rules-50.jq from one table.

Each of the 50 rules is written twice, side by side: in the triage language and as the jq condition
with the same meaning, so the two files cannot drift apart. Edit the table, then run
`python3 Benchmarks/make-rules-50.py`.

jq has to spell out what triage's semantics give for free:
- every comparison, `~` and `in` with a null operand is false in triage, while jq orders null below
  everything, so nullable fields (`milestone`, `closed`) are tested with `!= null` first;
- times are seconds since the epoch (`fromdateiso8601`) and "now" is the constant 2025-01-01T00:00:00Z
  that the benchmark passes to triage as `--now`; `d` is 86400 seconds;
- `len(title)` counts characters in triage and code points in jq: the generator's titles are ASCII;
- the regexes use only syntax ICU, Swift and Oniguruma agree on (`[(]` rather than `\\(`, no classes
  like `\\w` whose Unicode reach differs).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = 1735689600          # 2025-01-01T00:00:00Z
D = 86400
MAINTAINERS = ["ada-dev", "ben-rs", "chen-ops", "dara-io", "eli-sh"]  # as in generate.py

CONVENTIONAL = "^(build|chore|ci|docs|feat|fix|perf|refactor|revert|style|test)([(][a-z0-9-]+[)])?!?: [^ ]"

# (name, severity, triage expression, jq condition over $n, $age, $idle, $maintainers, hasl($label))
RULES = [
    ("open-bugs", "info",
     'state == "open" and "bug" in labels',
     '$n.state == "open" and hasl("bug")'),
    ("busy-open-bugs", "warning",
     'state == "open" and "bug" in labels and comments > 3',
     '$n.state == "open" and hasl("bug") and $n.comments > 3'),
    ("untriaged", "info",
     'state == "open" and not any(labels, l => starts_with(l, "triage/"))',
     '$n.state == "open" and (any($n.labels[]; startswith("triage/")) | not)'),
    ("untriaged-for-a-week", "warning",
     'state == "open" and kind == "issue" and none(labels, l => l ~ "^triage/") and age > 7d',
     '$n.state == "open" and $n.kind == "issue" and (any($n.labels[]; test("^triage/")) | not) and $age > 7 * $d'),
    ("stale-candidates", "info",
     'state == "open" and idle > 60d and none(labels, l => l in ["pinned", "security"])',
     '$n.state == "open" and $idle > 60 * $d and (any($n.labels[]; . == "pinned" or . == "security") | not)'),
    ("idle-pull-requests", "warning",
     'kind == "pull_request" and state == "open" and idle > 30d',
     '$n.kind == "pull_request" and $n.state == "open" and $idle > 30 * $d'),
    ("stale-drafts", "info",
     'kind == "pull_request" and state == "open" and draft and idle > 14d',
     '$n.kind == "pull_request" and $n.state == "open" and $n.draft and $idle > 14 * $d'),
    ("unassigned-pull-requests", "warning",
     'kind == "pull_request" and state == "open" and len(assignees) == 0',
     '$n.kind == "pull_request" and $n.state == "open" and ($n.assignees | length) == 0'),
    ("over-assigned", "info",
     'state == "open" and len(assignees) >= 3',
     '$n.state == "open" and ($n.assignees | length) >= 3'),
    ("high-priority-without-milestone", "warning",
     'state == "open" and "priority/high" in labels and milestone == null',
     '$n.state == "open" and hasl("priority/high") and $n.milestone == null'),
    ("v2-milestone", "info",
     'milestone ~ "^v2[.]"',
     '$n.milestone != null and ($n.milestone | test("^v2[.]"))'),
    ("backlog-bugs", "info",
     'milestone == "Backlog" and "bug" in labels',
     '$n.milestone == "Backlog" and hasl("bug")'),
    ("unconventional-pr-title", "error",
     f'kind == "pull_request" and state == "open" and title !~ "{CONVENTIONAL}"',
     f'$n.kind == "pull_request" and $n.state == "open" and ($n.title | test("{CONVENTIONAL}") | not)'),
    ("crash-reports", "warning",
     'kind == "issue" and title ~ "(?i)crash|panic|segfault"',
     '$n.kind == "issue" and ($n.title | test("crash|panic|segfault"; "i"))'),
    ("unlabelled-questions", "info",
     'kind == "issue" and ends_with(title, "?") and "question" not in labels',
     '$n.kind == "issue" and ($n.title | endswith("?")) and (hasl("question") | not)'),
    ("wip-titles", "info",
     'starts_with(lower(title), "wip") or starts_with(title, "[WIP]")',
     '($n.title | ascii_downcase | startswith("wip")) or ($n.title | startswith("[WIP]"))'),
    ("long-titles", "info",
     'len(title) > 45',
     '($n.title | length) > 45'),
    ("short-titles", "info",
     'len(title) < 12',
     '($n.title | length) < 12'),
    ("open-dependabot", "info",
     'author == "dependabot[bot]" and state == "open"',
     '$n.author == "dependabot[bot]" and $n.state == "open"'),
    ("bot-pull-requests", "info",
     'kind == "pull_request" and ends_with(author, "[bot]")',
     '$n.kind == "pull_request" and ($n.author | endswith("[bot]"))'),
    ("bump-titles", "info",
     'glob(title, "Bump * from * to *")',
     '$n.title | test("^Bump .* from .* to .*$")'),
    ("dependency-updates", "info",
     'glob(title, "Update dependency * to ?.*")',
     '$n.title | test("^Update dependency .* to .[.].*$")'),
    ("first-timers-waiting", "warning",
     'state == "open" and author_association in ["FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR"] and comments == 0',
     '$n.state == "open" and ($n.association == "FIRST_TIMER" or $n.association == "FIRST_TIME_CONTRIBUTOR") and $n.comments == 0'),
    ("member-pull-requests", "info",
     'kind == "pull_request" and state == "open" and author_association in ["OWNER", "MEMBER"]',
     '$n.kind == "pull_request" and $n.state == "open" and ($n.association == "OWNER" or $n.association == "MEMBER")'),
    ("maintainer-issues", "info",
     'kind == "issue" and author in maintainers',
     '$n.kind == "issue" and any($maintainers[]; . == $n.author)'),
    ("maintainer-owned-idle", "warning",
     'state == "open" and any(assignees, a => a in maintainers) and idle > 90d',
     '$n.state == "open" and any($n.assignees[]; . as $a | any($maintainers[]; . == $a)) and $idle > 90 * $d'),
    ("popular", "info",
     'reactions >= 10',
     '$n.reactions >= 10'),
    ("upvoted-enhancements", "info",
     'state == "open" and "enhancement" in labels and upvotes >= 5',
     '$n.state == "open" and hasl("enhancement") and $n.upvotes >= 5'),
    ("hot-new-discussions", "warning",
     'comments >= 10 and age < 60d',
     '$n.comments >= 10 and $age < 60 * $d'),
    ("locked-open", "info",
     'locked and state == "open"',
     '$n.locked and $n.state == "open"'),
    ("ancient-open-issues", "warning",
     'state == "open" and created < 2021-01-01',
     '$n.state == "open" and $n.created < 1609459200'),
    ("closed-in-december", "info",
     'state == "closed" and closed >= 2024-12-01T00:00:00Z',
     '$n.state == "closed" and $n.closed != null and $n.closed >= 1733011200'),
    ("closed-within-a-day", "info",
     'state == "closed" and closed - created < 1d',
     '$n.state == "closed" and $n.closed != null and ($n.closed - $n.created) < $d'),
    ("old-but-active", "info",
     'state == "open" and age > 365d and idle < 30d',
     '$n.state == "open" and $age > 365 * $d and $idle < 30 * $d'),
    ("label-soup", "info",
     'len(labels) >= 5',
     '($n.labels | length) >= 5'),
    ("unlabelled-open", "warning",
     'state == "open" and len(labels) == 0',
     '$n.state == "open" and ($n.labels | length) == 0'),
    ("multi-area", "info",
     'count(labels, l => starts_with(l, "area/")) >= 2',
     '([$n.labels[] | select(startswith("area/"))] | length) >= 2'),
    ("conflicting-priorities", "error",
     '"priority/high" in labels and "priority/low" in labels',
     'hasl("priority/high") and hasl("priority/low")'),
    ("critical-unowned", "error",
     'state == "open" and "priority/critical" in labels and len(assignees) == 0',
     '$n.state == "open" and hasl("priority/critical") and ($n.assignees | length) == 0'),
    ("open-release-blockers", "error",
     'state == "open" and "release-blocker" in labels and not draft',
     '$n.state == "open" and hasl("release-blocker") and ($n.draft | not)'),
    ("regression-without-milestone", "warning",
     'state == "open" and "kind/regression" in labels and milestone == null',
     '$n.state == "open" and hasl("kind/regression") and $n.milestone == null'),
    ("security-reports", "error",
     'state == "open" and ("security" in labels or title ~ "(?i)security|cve-[0-9]+")',
     '$n.state == "open" and (hasl("security") or ($n.title | test("security|cve-[0-9]+"; "i")))'),
    ("claimed-good-first-issues", "info",
     'state == "open" and "good first issue" in labels and len(assignees) > 0 and idle > 30d',
     '$n.state == "open" and hasl("good first issue") and ($n.assignees | length) > 0 and $idle > 30 * $d'),
    ("docs-pull-requests", "info",
     'kind == "pull_request" and (starts_with(title, "docs") or "documentation" in labels)',
     '$n.kind == "pull_request" and (($n.title | startswith("docs")) or hasl("documentation"))'),
    ("open-duplicates", "info",
     'state == "open" and any(labels, l => l in ["duplicate", "triage/duplicate"])',
     '$n.state == "open" and any($n.labels[]; . == "duplicate" or . == "triage/duplicate")'),
    ("rejected-but-open", "warning",
     'state == "open" and any(labels, l => l in ["wontfix", "invalid"])',
     '$n.state == "open" and any($n.labels[]; . == "wontfix" or . == "invalid")'),
    ("only-meta-labels", "info",
     'len(labels) > 0 and all(labels, l => starts_with(l, "triage/") or starts_with(l, "area/"))',
     '($n.labels | length) > 0 and all($n.labels[]; startswith("triage/") or startswith("area/"))'),
    ("body-mentions-stack-trace", "info",
     'kind == "issue" and contains(body, "stack trace")',
     '$n.kind == "issue" and ($n.body | contains("stack trace"))'),
    ("body-has-crash-output", "warning",
     'body ~ "(?i)segmentation fault|panicked at"',
     '$n.body | test("segmentation fault|panicked at"; "i")'),
    ("bug-without-repro-steps", "info",
     'kind == "issue" and "bug" in labels and "Steps to reproduce" not in body',
     '$n.kind == "issue" and hasl("bug") and ($n.body | contains("Steps to reproduce") | not)'),
]

assert len(RULES) == 50, len(RULES)
assert len({name for name, *_ in RULES}) == 50


def write_yaml(path):
    lines = [
        "# 50 varied rules for the `check` benchmark (scenario b). Generated by make-rules-50.py, which also",
        "# writes the equivalent jq program jq-filters/rules-50.jq; edit the table there, not this file.",
        "# No lazy fields: the benchmark measures decoding and evaluation, not API calls. Three rules read",
        "# `body`. Run with --now 2025-01-01T00:00:00Z (the jq program uses that instant).",
        "version: 1",
        "",
        "lists:",
        f"  maintainers: [{', '.join(MAINTAINERS)}]",
        "",
        "rules:",
    ]
    for name, severity, expression, _ in RULES:
        lines += [
            f"  - name: {name}",
            "    when: >-",
            f"      {expression}",
            f"    severity: {severity}",
        ]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(lines) + "\n")


def write_jq(path):
    lines = [
        "# The 50 rules of ../rules-50.yaml as one jq program (scenario b). Generated by ../make-rules-50.py.",
        "# Input: GitHub REST issue objects, one per line. Output (-c): one {rule, number, title, url} per",
        "# match, in input order and then rule order, like `triage check --format jsonl`.",
        "#   jq -c -f Benchmarks/jq-filters/rules-50.jq issues.jsonl",
        f"{NOW} as $now  # 2025-01-01T00:00:00Z, the --now of the triage run",
        f"| {D} as $d",
        f"| {json_list(MAINTAINERS)} as $maintainers",
        "| {",
        "    number, title, body: (.body // \"\"), state,",
        "    kind: (if .pull_request != null then \"pull_request\" else \"issue\" end),",
        "    draft: (.draft == true), author: (.user.login // \"\"), association: .author_association,",
        "    labels: [.labels[]?.name],",
        "    assignees: [(.assignees // ([.assignee] | map(select(. != null))))[] | .login],",
        "    milestone: .milestone.title, comments: (.comments // 0),",
        "    reactions: (.reactions.total_count // 0), upvotes: (.reactions[\"+1\"] // 0), locked: (.locked == true),",
        "    created: (.created_at | fromdateiso8601), updated: (.updated_at | fromdateiso8601),",
        "    closed: (if .closed_at == null then null else .closed_at | fromdateiso8601 end),",
        "    url: .html_url",
        "  } as $n",
        "| ($now - $n.created) as $age",
        "| ($now - $n.updated) as $idle",
        "| def hasl($name): any($n.labels[]; . == $name);",
        "  def hit($rule): {rule: $rule, number: $n.number, title: $n.title, url: $n.url};",
    ]
    body = []
    for name, _, expression, condition in RULES:
        body.append(f"  # {expression}\n  (if {condition} then hit(\"{name}\") else empty end)")
    lines.append(",\n".join(body))
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(lines) + "\n")


def json_list(values):
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


if __name__ == "__main__":
    write_yaml(os.path.join(HERE, "rules-50.yaml"))
    write_jq(os.path.join(HERE, "jq-filters", "rules-50.jq"))
