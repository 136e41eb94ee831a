#!/usr/bin/env python3
"""Writes Samples/issues.jsonl: sample GitHub REST API issue objects for the fictional `acme/rocket`.

Deterministic (seeded, no clock): running it again gives byte-identical output. The scenarios are
written by hand so that `triage check --now 2024-06-01T00:00:00Z` over the starter rules in Rules/
finds something for most rules; ids, avatars, label colours and reaction counts are filled in from
the seeded generator. Objects follow the shape of `GET /repos/{owner}/{repo}/issues` (pull requests
included, with `pull_request` and `draft`), newest first like the API's default sort.

Usage: python3 Samples/generate-samples.py [--out Samples/issues.jsonl] [--seed 2024]
"""
import argparse
import datetime
import json
import os
import random

OWNER, REPO = "acme", "rocket"
API = f"https://api.github.com/repos/{OWNER}/{REPO}"
WEB = f"https://github.com/{OWNER}/{REPO}"

LABELS = {
    "bug": ("d73a4a", "Something isn't working", True),
    "enhancement": ("a2eeef", "New feature or request", True),
    "documentation": ("0075ca", "Improvements or additions to documentation", True),
    "question": ("d876e3", "Further information is requested", True),
    "duplicate": ("cfd3d7", "This issue or pull request already exists", True),
    "good first issue": ("7057ff", "Good for newcomers", True),
    "help wanted": ("008672", "Extra attention is needed", True),
    "dependencies": ("0366d6", "Pull requests that update a dependency file", False),
    "triage/accepted": ("0e8a16", "Confirmed and ready to be worked on", False),
    "triage/needs-info": ("fbca04", "More information is needed to triage", False),
    "priority/high": ("b60205", "Fix before the next release", False),
    "priority/low": ("c5def5", "Nice to have", False),
    "area/engine": ("1d76db", "The evaluation engine", False),
    "area/cli": ("1d76db", "Command-line interface", False),
    "area/docs": ("1d76db", "Documentation site", False),
    "stale": ("ededed", "No recent activity", False),
    "pinned": ("5319e7", "Never goes stale", False),
    "security": ("ee0701", "Security-sensitive", False),
    "waiting-on-author": ("fef2c0", "Waiting for the author to answer", False),
    "needs-triage": ("e99695", "Nobody has triaged this yet", False),
    "fixed-in-release": ("0e8a16", "The fix has shipped", False),
    "needs-info": ("fbca04", "Missing details", False),
}

# login -> (author_association, account type)
USERS = {
    "alice": ("OWNER", "User"), "bob": ("MEMBER", "User"), "carol": ("MEMBER", "User"),
    "dana": ("CONTRIBUTOR", "User"), "evan": ("CONTRIBUTOR", "User"), "farah": ("NONE", "User"),
    "gus": ("NONE", "User"), "hiro": ("CONTRIBUTOR", "User"), "ines": ("NONE", "User"),
    "jamal": ("COLLABORATOR", "User"), "kenji": ("NONE", "User"), "lena": ("NONE", "User"),
    "newbie-nora": ("FIRST_TIMER", "User"), "first-pr-finn": ("FIRST_TIME_CONTRIBUTOR", "User"),
    "oskar": ("FIRST_TIME_CONTRIBUTOR", "User"), "dependabot[bot]": ("NONE", "Bot"),
    "triage-rotation": ("MEMBER", "User"),
}

MILESTONES = {
    "v2.4": (3, "Spring release", "open", "2024-02-01T09:00:00Z", "2024-06-30T07:00:00Z"),
    "v3.0": (4, "Next major: new rule engine", "open", "2024-03-15T09:00:00Z", None),
}

BODY_PARTS = {
    "crash": "### What happened\n\n`rocket launch --config rocket.toml` exits with\n\n```\nthread 'main' panicked at src/engine/plan.rs:212:14:\nindex out of bounds: the len is 0 but the index is 0\n```\n\n### Steps to reproduce\n\n1. Create an empty `rocket.toml`\n2. Run `rocket launch`\n\n### Version\n\nrocket 2.3.1 on Ubuntu 22.04",
    "feature": "### Problem\n\nI run rocket in CI and would like machine-readable output.\n\n### Proposal\n\nAdd `--format json`, one object per stage, so the results can be piped into `jq`.\n\n### Alternatives\n\nParsing the text output, which breaks on every release.",
    "question": "How do I point rocket at a self-hosted registry? The docs mention `registry.url` but I could not find where it goes. Thanks!",
    "docs": "The page *Configuring stages* still shows the 1.x syntax (`stage = \"build\"`). Since 2.0 it is `[stages.build]`.",
    "pr": "## Summary\n\nThis change {what}.\n\n## Testing\n\n- [x] `cargo test`\n- [x] tried it on the example project\n\nCloses #{closes}",
    "deps": "Bumps [serde](https://github.com/serde-rs/serde) from 1.0.197 to 1.0.203.\n\n<details>\n<summary>Release notes</summary>\n\n- Fix deserialization of untagged enums\n</details>\n\nDependabot will resolve any conflicts with this PR as long as you don't alter it yourself.",
    "security": "I think the token parser can be made to read past the end of its buffer with a crafted header. I can share a reproducer privately. Which address should I use?",
    "perf": "Planning a project with 3 000 stages takes 40 s, almost all of it in `resolve_dependencies` (profile attached). Looks quadratic.",
    "i18n": "Les messages d'erreur ne sont pas traduits : « impossible de lire la configuration ». Idem en japonais : 設定ファイルを読み込めません。 🙏",
}

# The hand-written scenarios. Times are 2024, "now" for the demo is 2024-06-01T00:00:00Z.
# kind: "i" issue, "p" pull request, "d" draft pull request.
# (number, kind, title, author, labels, assignees, milestone, state, created, updated, closed, state_reason, comments, body)
S = [
    # --- stale.yaml: open issues idle more than 60 days (mark-stale), and exempt ones.
    (12, "i", "Support YAML anchors in stage definitions", "farah", ["enhancement", "triage/accepted"], [], None, "open", "2024-01-08T10:12:44Z", "2024-02-20T16:03:10Z", None, None, 3, "feature"),
    (15, "i", "Colour output is unreadable on light terminals", "gus", ["bug", "area/cli", "triage/accepted"], [], None, "open", "2024-01-11T08:40:02Z", "2024-03-02T11:27:55Z", None, None, 5, "crash"),
    (18, "i", "Document the plugin API", "hiro", ["documentation", "area/docs", "help wanted"], [], "v3.0", "open", "2024-01-15T13:00:00Z", "2024-03-25T09:14:31Z", None, None, 1, "docs"),
    (21, "i", "Tracking: rule engine rewrite", "alice", ["pinned", "area/engine", "triage/accepted"], ["alice"], "v3.0", "open", "2024-01-19T15:22:09Z", "2024-02-28T10:00:00Z", None, None, 14, "feature"),
    (23, "i", "Token parser reads past buffer end", "ines", ["security", "triage/accepted"], ["bob"], "v2.4", "open", "2024-01-22T19:45:13Z", "2024-03-01T08:30:00Z", None, None, 4, "security"),
    # stale-labelled issues: close-stale / unmark-stale need label events (lazy), so a file source reports them.
    (9, "i", "Windows paths with spaces break `rocket init`", "kenji", ["bug", "stale", "triage/accepted"], [], None, "open", "2024-01-04T07:51:20Z", "2024-05-02T00:00:04Z", None, None, 2, "crash"),
    (11, "i", "Allow per-stage environment files", "lena", ["enhancement", "stale"], [], None, "open", "2024-01-06T12:02:49Z", "2024-05-27T18:40:11Z", None, None, 4, "feature"),
    # --- needs-triage.yaml: untriaged issues from outsiders, one week and one month old.
    (88, "i", "Planning 3k stages is quadratic", "evan", ["area/engine"], [], None, "open", "2024-05-18T09:31:00Z", "2024-05-19T14:02:41Z", None, None, 2, "perf"),
    (91, "i", "Error messages are not translated", "farah", [], [], None, "open", "2024-05-21T17:44:05Z", "2024-05-21T17:44:05Z", None, None, 0, "i18n"),
    (64, "i", "`rocket doctor` hangs without network", "lena", ["bug"], [], None, "open", "2024-04-12T06:20:00Z", "2024-04-30T22:10:09Z", None, None, 3, "crash"),
    (70, "i", "How do I use a self-hosted registry?", "gus", ["question"], [], None, "open", "2024-04-22T11:05:37Z", "2024-05-06T10:00:00Z", None, None, 1, "question"),
    (97, "i", "Support TOML 1.1 inline tables", "kenji", [], [], None, "open", "2024-05-28T08:00:00Z", "2024-05-28T08:00:00Z", None, None, 0, "feature"),
    (95, "i", "Remove the deprecated `--legacy` flag", "carol", ["area/cli"], [], "v3.0", "open", "2024-05-24T10:00:00Z", "2024-05-24T10:00:00Z", None, None, 0, "feature"),
    # --- waiting-on-author.yaml: need comments and label events (lazy).
    (77, "i", "Build cache is never reused on CI", "dana", ["bug", "waiting-on-author", "triage/needs-info"], [], None, "open", "2024-04-30T15:00:00Z", "2024-05-08T09:12:00Z", None, None, 2, "crash"),
    (81, "i", "Segfault with musl build", "jamal", ["bug", "waiting-on-author", "triage/needs-info"], [], None, "open", "2024-05-06T12:00:00Z", "2024-05-29T20:45:00Z", None, None, 3, "crash"),
    # --- first-time-contributor.yaml
    (99, "p", "docs: fix typo in the quick start", "newbie-nora", ["documentation"], [], None, "open", "2024-05-30T18:22:10Z", "2024-05-30T18:22:10Z", None, None, 0, "pr"),
    (98, "i", "Crash when the config file is empty", "oskar", [], [], None, "open", "2024-05-29T07:13:00Z", "2024-05-29T07:13:00Z", None, None, 0, "crash"),
    (96, "p", "feat(cli): add --quiet", "first-pr-finn", ["area/cli"], [], None, "open", "2024-05-26T12:00:00Z", "2024-05-27T09:00:00Z", None, None, 2, "pr"),
    # --- pr-hygiene.yaml
    (40, "d", "feat(engine): incremental planning", "dana", ["area/engine"], ["dana"], "v3.0", "open", "2024-02-27T10:00:00Z", "2024-04-10T17:30:00Z", None, None, 6, "pr"),
    (58, "d", "Experiment with a bytecode evaluator", "hiro", [], [], None, "open", "2024-04-02T14:00:00Z", "2024-04-20T08:00:00Z", None, None, 1, "pr"),
    (93, "d", "feat: rule file schema", "evan", [], [], None, "open", "2024-05-22T10:00:00Z", "2024-05-31T16:00:00Z", None, None, 0, "pr"),
    (83, "p", "Update README badges", "gus", ["documentation"], [], None, "open", "2024-05-10T09:40:00Z", "2024-05-12T10:00:00Z", None, None, 1, "pr"),
    (85, "p", "fix(cli): respect NO_COLOR", "lena", ["area/cli", "bug"], [], "v2.4", "open", "2024-05-14T11:11:11Z", "2024-05-15T08:00:00Z", None, None, 2, "pr"),
    (90, "p", "WIP: parallel stage runner", "jamal", ["area/engine"], ["jamal"], None, "open", "2024-05-20T09:00:00Z", "2024-05-31T10:00:00Z", None, None, 4, "pr"),
    (30, "p", "refactor(engine): split the planner", "carol", ["area/engine"], ["carol"], "v3.0", "open", "2024-02-05T08:00:00Z", "2024-05-28T13:00:00Z", None, None, 22, "pr"),
    (92, "p", "Bump serde from 1.0.197 to 1.0.203", "dependabot[bot]", ["dependencies"], [], None, "open", "2024-05-21T04:02:00Z", "2024-05-21T04:02:00Z", None, None, 0, "deps"),
    (94, "p", "chore(deps): bump clap from 4.5.1 to 4.5.4", "dependabot[bot]", ["dependencies"], ["bob"], None, "open", "2024-05-23T04:01:00Z", "2024-05-29T10:00:00Z", None, None, 0, "deps"),
    (86, "p", "fix: handle empty config", "dana", ["bug"], ["alice"], "v2.4", "open", "2024-05-15T10:00:00Z", "2024-05-30T12:00:00Z", None, None, 5, "pr"),
    # --- all-actions.yaml
    (100, "i", "rocket panics on `launch --dry-run`", "ines", [], [], None, "open", "2024-05-31T21:10:00Z", "2024-05-31T21:10:00Z", None, None, 0, "crash"),
    (89, "i", "Security: config loader follows symlinks outside the project", "kenji", ["bug"], [], None, "open", "2024-05-19T16:00:00Z", "2024-05-20T08:00:00Z", None, None, 1, "security"),
    (72, "i", "Progress bar flickers in tmux", "lena", ["bug", "duplicate", "triage/accepted"], [], None, "open", "2024-04-25T10:00:00Z", "2024-05-03T12:00:00Z", None, None, 2, "crash"),
    (66, "i", "Stage timeout is ignored", "dana", ["bug", "fixed-in-release", "triage/accepted"], ["bob"], "v2.4", "open", "2024-04-15T09:00:00Z", "2024-05-29T11:00:00Z", None, None, 6, "crash"),
    (50, "i", "Proxy settings are not honoured", "farah", ["bug", "needs-info"], [], None, "closed", "2024-03-12T10:00:00Z", "2024-04-30T10:00:00Z", "2024-04-30T10:00:00Z", "not_planned", 3, "question"),
    (84, "i", "Lockfile is rewritten on every run", "evan", ["bug", "triage/accepted", "needs-triage"], ["triage-rotation"], None, "open", "2024-05-12T10:00:00Z", "2024-05-20T10:00:00Z", None, None, 2, "crash"),
    # --- background: triaged, assigned, recent, closed.
    (3, "i", "Add a logo", "alice", ["documentation", "triage/accepted"], [], None, "closed", "2024-01-02T09:00:00Z", "2024-01-20T10:00:00Z", "2024-01-20T10:00:00Z", "completed", 4, "docs"),
    (5, "p", "docs: add a logo to the README", "bob", ["documentation"], [], None, "closed", "2024-01-03T09:00:00Z", "2024-01-05T10:00:00Z", "2024-01-05T10:00:00Z", None, 1, "pr"),
    (7, "i", "Panic on empty stage list", "evan", ["bug", "triage/accepted", "area/engine"], ["carol"], "v2.4", "closed", "2024-01-03T18:00:00Z", "2024-01-29T10:00:00Z", "2024-01-29T10:00:00Z", "completed", 7, "crash"),
    (14, "p", "fix(engine): guard against empty stage lists", "carol", ["bug", "area/engine"], ["carol"], "v2.4", "closed", "2024-01-10T10:00:00Z", "2024-01-29T10:00:00Z", "2024-01-29T10:00:00Z", None, 3, "pr"),
    (25, "i", "Support `include` in config files", "hiro", ["enhancement", "triage/accepted", "area/engine"], ["dana"], "v3.0", "open", "2024-01-25T10:00:00Z", "2024-05-22T10:00:00Z", None, None, 9, "feature"),
    (27, "i", "Flaky test: planner::cycles", "bob", ["bug", "triage/accepted"], ["bob"], None, "closed", "2024-01-30T10:00:00Z", "2024-02-02T10:00:00Z", "2024-02-02T10:00:00Z", "completed", 2, "crash"),
    (33, "i", "`rocket fmt` reorders comments", "gus", ["bug", "triage/accepted", "area/cli"], ["evan"], "v2.4", "open", "2024-02-12T10:00:00Z", "2024-05-16T10:00:00Z", None, None, 8, "crash"),
    (36, "i", "Shell completions for fish", "lena", ["enhancement", "good first issue", "triage/accepted", "area/cli"], [], None, "open", "2024-02-18T10:00:00Z", "2024-04-18T10:00:00Z", None, None, 3, "feature"),
    (38, "p", "feat(cli): fish completions", "oskar", ["area/cli"], ["bob"], None, "closed", "2024-02-22T10:00:00Z", "2024-03-04T10:00:00Z", "2024-03-04T10:00:00Z", None, 6, "pr"),
    (43, "i", "Question: can stages share a cache?", "kenji", ["question", "triage/accepted"], [], None, "closed", "2024-03-01T10:00:00Z", "2024-03-03T10:00:00Z", "2024-03-03T10:00:00Z", "completed", 2, "question"),
    (45, "i", "Stage graph export to DOT", "jamal", ["enhancement", "triage/accepted", "priority/low"], [], "v3.0", "open", "2024-03-05T10:00:00Z", "2024-04-03T12:00:00Z", None, None, 1, "feature"),
    (47, "p", "feat(engine): export the stage graph as DOT", "jamal", ["enhancement"], ["carol"], "v3.0", "open", "2024-03-08T10:00:00Z", "2024-05-25T10:00:00Z", None, None, 11, "pr"),
    (52, "i", "Config errors should point at the line", "dana", ["enhancement", "triage/accepted", "priority/high"], ["dana"], "v2.4", "open", "2024-03-15T10:00:00Z", "2024-05-30T10:00:00Z", None, None, 5, "feature"),
    (54, "p", "fix(config): report line and column", "dana", ["enhancement"], ["alice"], "v2.4", "closed", "2024-03-20T10:00:00Z", "2024-04-02T10:00:00Z", "2024-04-02T10:00:00Z", None, 4, "pr"),
    (56, "i", "Typo in the error for missing stages", "ines", ["documentation", "good first issue", "triage/accepted"], [], None, "closed", "2024-03-28T10:00:00Z", "2024-04-01T10:00:00Z", "2024-04-01T10:00:00Z", "completed", 1, "docs"),
    (60, "i", "Memory use grows with every watch cycle", "farah", ["bug", "triage/accepted", "priority/high", "area/engine"], ["carol"], "v2.4", "open", "2024-04-05T10:00:00Z", "2024-05-31T09:00:00Z", None, None, 12, "perf"),
    (62, "p", "perf(engine): drop the watch cache between cycles", "carol", ["area/engine"], ["carol"], "v2.4", "open", "2024-04-09T10:00:00Z", "2024-05-31T09:30:00Z", None, None, 7, "pr"),
    (68, "i", "Please add a Homebrew formula", "lena", ["enhancement", "duplicate", "triage/accepted"], [], None, "closed", "2024-04-18T10:00:00Z", "2024-05-20T10:00:00Z", "2024-04-20T10:00:00Z", "not_planned", 2, "feature"),
    (74, "i", "Docs search returns nothing for `stage`", "gus", ["documentation", "area/docs", "triage/accepted"], ["hiro"], None, "open", "2024-04-27T10:00:00Z", "2024-05-21T10:00:00Z", None, None, 2, "docs"),
    (79, "p", "docs(site): fix the search index", "hiro", ["documentation", "area/docs"], ["alice"], None, "open", "2024-05-02T10:00:00Z", "2024-05-21T11:00:00Z", None, None, 3, "pr"),
    (80, "i", "Add `--since` to `rocket log`", "evan", ["enhancement", "triage/accepted", "area/cli"], [], None, "open", "2024-05-04T10:00:00Z", "2024-05-09T10:00:00Z", None, None, 1, "feature"),
    (87, "i", "Panic when a stage name is empty", "bob", ["bug", "triage/accepted", "area/engine"], ["bob"], "v2.4", "closed", "2024-05-16T10:00:00Z", "2024-05-18T10:00:00Z", "2024-05-18T10:00:00Z", "completed", 2, "crash"),
    (82, "i", "Release 2.4 checklist", "alice", ["pinned", "triage/accepted"], ["alice"], "v2.4", "open", "2024-05-08T10:00:00Z", "2024-05-30T10:00:00Z", None, None, 6, "docs"),
    (75, "p", "ci: cache the cargo registry", "jamal", [], ["bob"], None, "closed", "2024-04-28T10:00:00Z", "2024-04-29T10:00:00Z", "2024-04-29T10:00:00Z", None, 1, "pr"),
]

PR_WHAT = {
    "docs": "fixes documentation", "feat": "adds the feature described in the linked issue",
    "fix": "fixes the linked bug", "perf": "makes the hot path cheaper",
}


def user(login, rng_ids):
    uid = rng_ids.setdefault(login, 1_000_000 + len(rng_ids) * 7919)
    kind = USERS[login][1]
    return {
        "login": login, "id": uid, "node_id": f"MDQ6VXNlcj{uid}", "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4",
        "gravatar_id": "", "url": f"https://api.github.com/users/{login}", "html_url": f"https://github.com/{login}",
        "followers_url": f"https://api.github.com/users/{login}/followers",
        "following_url": f"https://api.github.com/users/{login}/following{{/other_user}}",
        "gists_url": f"https://api.github.com/users/{login}/gists{{/gist_id}}",
        "starred_url": f"https://api.github.com/users/{login}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"https://api.github.com/users/{login}/subscriptions",
        "organizations_url": f"https://api.github.com/users/{login}/orgs",
        "repos_url": f"https://api.github.com/users/{login}/repos",
        "events_url": f"https://api.github.com/users/{login}/events{{/privacy}}",
        "received_events_url": f"https://api.github.com/users/{login}/received_events",
        "type": kind, "site_admin": False,
    }


def label(name):
    color, description, default = LABELS[name]
    lid = 6_000_000_000 + sorted(LABELS).index(name) * 101
    return {
        "id": lid, "node_id": f"LA_kwDOK{lid}", "url": f"{API}/labels/{name.replace(' ', '%20').replace('/', '%2F')}",
        "name": name, "color": color, "default": default, "description": description,
    }


def milestone(title, ids):
    number, description, state, created, due = MILESTONES[title]
    mid = 10_500_000 + number
    return {
        "url": f"{API}/milestones/{number}", "html_url": f"{WEB}/milestone/{number}",
        "labels_url": f"{API}/milestones/{number}/labels", "id": mid, "node_id": f"MI_kwDOK{mid}",
        "number": number, "title": title, "description": description, "creator": user("alice", ids),
        "open_issues": 12 if title == "v2.4" else 9, "closed_issues": 21 if title == "v2.4" else 2,
        "state": state, "created_at": created, "updated_at": "2024-05-31T09:30:00Z", "due_on": due, "closed_at": None,
    }


def reactions(rng, number, popular):
    counts = {key: 0 for key in ("+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes")}
    for _ in range(rng.randint(3, 14) if popular else rng.choice([0, 0, 0, 1, 2])):
        counts[rng.choice(["+1", "+1", "+1", "heart", "rocket", "eyes", "hooray", "laugh", "-1", "confused"])] += 1
    return {"url": f"{API}/issues/{number}/reactions", "total_count": sum(counts.values()), **counts}


def body(rng, part, number, kind):
    if part == "pr":
        what = PR_WHAT.get(rng.choice(sorted(PR_WHAT)), "updates the code")
        return BODY_PARTS["pr"].format(what=what, closes=max(1, number - rng.randint(1, 9)))
    if part == "question" and rng.random() < 0.3:
        return None  # GitHub sends null for an empty body
    return BODY_PARTS[part]


# Lazy data for the issues the comment- and label-event-based rules look at. The GitHub list API has
# neither; triage reads them from these extra keys (`comments_data`, `label_events`, normalized
# shape), an extension for exports. Other issues carry none, so rules needing them report an error.
LAZY = {
    9: {  # stale for 30 days, only the bot's warning since: close-stale
        "comments_data": [
            {"author": "kenji", "body": "Same with `rocket init C:\\My Projects`.", "created": "2024-01-05T09:00:00Z"},
            {"author": "rocket-bot[bot]", "body": "This issue has been automatically marked as stale.", "created": "2024-05-02T00:00:04Z", "bot": True},
        ],
        "label_events": [
            {"label": "bug", "action": "added", "created": "2024-01-04T08:00:00Z"},
            {"label": "triage/accepted", "action": "added", "created": "2024-01-05T10:00:00Z"},
            {"label": "stale", "action": "added", "created": "2024-05-02T00:00:00Z"},
        ],
    },
    11: {  # the author answered after the stale label: unmark-stale
        "comments_data": [
            {"author": "alice", "body": "Would a `.env` per stage work for you?", "created": "2024-01-08T10:00:00Z", "association": "OWNER"},
            {"author": "lena", "body": "Yes, exactly that.", "created": "2024-01-09T08:30:00Z"},
            {"author": "rocket-bot[bot]", "body": "This issue has been automatically marked as stale.", "created": "2024-05-10T00:00:03Z", "bot": True},
            {"author": "lena", "body": "Still needed: we work around it with a wrapper script.", "created": "2024-05-27T18:40:11Z"},
        ],
        "label_events": [
            {"label": "enhancement", "action": "added", "created": "2024-01-06T12:10:00Z"},
            {"label": "stale", "action": "added", "created": "2024-05-10T00:00:00Z"},
        ],
    },
    77: {  # the author replied after waiting-on-author: author-replied
        "comments_data": [
            {"author": "alice", "body": "Could you share the CI configuration?", "created": "2024-05-02T10:00:00Z", "association": "OWNER"},
            {"author": "dana", "body": "Here it is: the cache key includes the runner name.", "created": "2024-05-08T09:12:00Z"},
        ],
        "label_events": [
            {"label": "bug", "action": "added", "created": "2024-04-30T15:05:00Z"},
            {"label": "triage/needs-info", "action": "added", "created": "2024-05-02T10:00:05Z"},
            {"label": "waiting-on-author", "action": "added", "created": "2024-05-02T10:00:05Z"},
        ],
    },
    81: {  # a maintainer asked 18 days ago and the author has not answered: nudge-author
        "comments_data": [
            {"author": "jamal", "body": "Backtrace attached.", "created": "2024-05-06T12:05:00Z"},
            {"author": "bob", "body": "Which musl version?", "created": "2024-05-07T08:00:00Z", "association": "MEMBER"},
            {"author": "carol", "body": "Can you try the nightly build with `--no-jit`?", "created": "2024-05-14T16:00:00Z", "association": "MEMBER"},
        ],
        "label_events": [
            {"label": "bug", "action": "added", "created": "2024-05-06T12:10:00Z"},
            {"label": "triage/needs-info", "action": "added", "created": "2024-05-07T08:00:05Z"},
            {"label": "waiting-on-author", "action": "added", "created": "2024-05-07T08:00:05Z"},
        ],
    },
}

# Pull-request data (SPEC §8) for the issues and pull requests human-activity-stale.yaml and
# pull-request-reviews.yaml reach after their cheap conditions, under the export keys `linked_prs`,
# `reviews` and `checks` (normalized shape). Comments are added where `human_idle` needs them.
PULL_DATA = {
    # human-activity-stale.yaml, mark-inactive: open issues older than 60 days.
    9: {"linked_prs": []},  # only the bot spoke since January: inactive
    11: {"linked_prs": []},  # the author spoke on May 27: active
    12: {"linked_prs": [{"number": 30, "state": "open", "draft": False, "author": "carol"}]},
    15: {"linked_prs": [{"number": 85, "state": "open", "draft": False, "author": "lena"}]},
    18: {"linked_prs": [],  # one human comment in January: inactive
         "comments_data": [{"author": "alice", "body": "Happy to review a first draft.", "created": "2024-01-20T09:00:00Z", "association": "OWNER"}]},
    25: {"linked_prs": [{"number": 40, "state": "open", "draft": True, "author": "dana"}]},
    33: {"linked_prs": [{"number": 90, "state": "open", "draft": False, "author": "jamal"}]},
    36: {"linked_prs": [{"number": 38, "state": "merged", "draft": False, "author": "oskar"}],  # merged, then only bots: inactive
         "comments_data": [
             {"author": "lena", "body": "fish is my daily shell, happy to test.", "created": "2024-02-18T12:00:00Z"},
             {"author": "oskar", "body": "I'll take this one.", "created": "2024-02-20T10:00:00Z"},
             {"author": "rocket-bot[bot]", "body": "Released in 2.3.0.", "created": "2024-04-18T10:00:00Z", "bot": True},
         ]},
    45: {"linked_prs": [{"number": 47, "state": "open", "draft": False, "author": "jamal"}]},
    52: {"linked_prs": [{"number": 54, "state": "merged", "draft": False, "author": "dana"},
                        {"number": 86, "state": "open", "draft": False, "author": "dana"}]},
    # pull-request-reviews.yaml: open pull requests that are not drafts.
    30: {"reviews": [{"author": "bob", "state": "approved", "submitted": "2024-05-20T10:00:00Z"},
                     {"author": "alice", "state": "changes_requested", "submitted": "2024-05-28T13:00:00Z"}]},
    47: {"reviews": [{"author": "carol", "state": "changes_requested", "submitted": "2024-05-25T10:00:00Z"}]},
    62: {"reviews": [{"author": "alice", "state": "approved", "submitted": "2024-05-31T09:30:00Z"}], "checks": "pending"},
    79: {"reviews": [{"author": "alice", "state": "approved", "submitted": "2024-05-21T11:00:00Z"}], "checks": "failure"},
    83: {"reviews": [{"author": "bob", "state": "approved", "submitted": "2024-05-12T10:00:00Z"}], "checks": None},  # nothing ran
    85: {"reviews": [],  # no verdict, and only CI spoke since the author: review-stalled
         "comments_data": [
             {"author": "lena", "body": "Also fixes #15 for me.", "created": "2024-05-14T11:20:00Z"},
             {"author": "github-actions[bot]", "body": "Build passed.", "created": "2024-05-15T08:00:00Z", "bot": True},
         ]},
    86: {"reviews": [{"author": "alice", "state": "approved", "submitted": "2024-05-30T12:00:00Z"}], "checks": "success"},  # ready-to-merge
    90: {"reviews": [{"author": "carol", "state": "changes_requested", "submitted": "2024-05-31T10:00:00Z"}]},
    92: {"reviews": []},  # nobody looked at the bump for 11 days: review-stalled
    94: {"reviews": [{"author": "bob", "state": "approved", "submitted": "2024-05-29T10:00:00Z"}], "checks": "success"},  # ready-to-merge
    96: {"reviews": []},
    99: {"reviews": []},
}


# Conversations of the closed threads lock-closed.yaml reaches (closed, unlocked, older than 30
# days, with comments): `human_idle` reads them. Written out where they tell a story; the others
# are a plain exchange between the author and a maintainer ending when the thread was closed.
CLOSED_THREADS = {
    # A bot announced the release a month after the duplicate was closed: `idle` is 12 days, but
    # no person spoke for 41, so the thread is locked all the same.
    68: {"comments_data": [
        {"author": "alice", "body": "Duplicate of #41, which tracks packaging.", "created": "2024-04-20T10:00:00Z"},
        {"author": "rocket-bot[bot]", "body": "Mentioned in release 2.4.0.", "created": "2024-05-20T10:00:00Z", "bot": True},
    ]},
}


def plain_conversation(author, updated, comments, last_words):
    """`comments` comments between the author and a maintainer, a day apart, the last at `updated`."""
    last = datetime.datetime.fromisoformat(updated.replace("Z", "+00:00"))
    speakers = [author, "alice"]
    return {"comments_data": [
        {"author": speakers[(comments - 1 - i) % 2],
         "body": last_words if i == comments - 1 else "Any update on this?",
         "created": (last - datetime.timedelta(days=comments - 1 - i)).strftime("%Y-%m-%dT%H:%M:%SZ")}
        for i in range(comments)
    ]}


def closed_thread(number, author, updated, comments, is_pr):
    """The conversation of a closed thread: written out in CLOSED_THREADS, or a plain one."""
    data = CLOSED_THREADS.get(number) or plain_conversation(author, updated, comments, "Thanks, closing.")
    if is_pr:
        data = dict(data, reviews=[{"author": "alice", "state": "approved", "submitted": updated}])
    return data

def build(seed):
    rng = random.Random(seed)
    ids = {}
    numbers = [entry[0] for entry in S]
    assert len(numbers) == len(set(numbers)), "duplicate issue number"
    issues = []
    for (number, kind, title, author, labels, assignees, ms, state, created, updated, closed, reason,
         comments, part) in S:
        assert created <= updated and (closed is None or closed <= updated), number
        assert (state == "closed") == (closed is not None), number
        is_pr = kind in ("p", "d")
        issue_id = 2_100_000_000 + number * 3571
        obj = {
            "url": f"{API}/issues/{number}",
            "repository_url": API,
            "labels_url": f"{API}/issues/{number}/labels{{/name}}",
            "comments_url": f"{API}/issues/{number}/comments",
            "events_url": f"{API}/issues/{number}/events",
            "html_url": f"{WEB}/{'pull' if is_pr else 'issues'}/{number}",
            "id": issue_id,
            "node_id": f"{'PR_kwDOK' if is_pr else 'I_kwDOK'}{issue_id}",
            "number": number,
            "title": title,
            "user": user(author, ids),
            "labels": [label(name) for name in labels],
            "state": state,
            "locked": number == 23,  # the security report's public thread is locked
            "assignee": user(assignees[0], ids) if assignees else None,
            "assignees": [user(login, ids) for login in assignees],
            "milestone": milestone(ms, ids) if ms else None,
            "comments": comments,
            "created_at": created,
            "updated_at": updated,
            "closed_at": closed,
            "author_association": USERS[author][0],
            "active_lock_reason": "off-topic" if number == 23 else None,
        }
        if is_pr:
            obj["draft"] = kind == "d"
            merged = f"{closed}" if state == "closed" else None
            obj["pull_request"] = {
                "url": f"{API}/pulls/{number}", "html_url": f"{WEB}/pull/{number}",
                "diff_url": f"{WEB}/pull/{number}.diff", "patch_url": f"{WEB}/pull/{number}.patch",
                "merged_at": merged,
            }
        obj["body"] = body(rng, part, number, kind)
        obj["reactions"] = reactions(rng, number, popular=comments >= 5)
        obj["timeline_url"] = f"{API}/issues/{number}/timeline"
        obj["performed_via_github_app"] = None
        obj["state_reason"] = reason if not is_pr else None
        if number in LAZY:
            assert comments == len(LAZY[number]["comments_data"]), number
            obj.update(LAZY[number])
        if number in PULL_DATA:
            assert number not in LAZY or "comments_data" not in PULL_DATA[number], number
            if "comments_data" in PULL_DATA[number]:
                assert comments == len(PULL_DATA[number]["comments_data"]), number
            elif comments > 0 and not is_pr and "linked_prs" in PULL_DATA[number] and number not in LAZY:
                # human-activity-stale.yaml reads human_idle (the comments) before linked_prs on
                # issues, the cheaper first: an issue with a linked pull request needs them too.
                obj.update(plain_conversation(author, updated, comments, "I opened a pull request for this."))
            obj.update(PULL_DATA[number])
        if (state == "closed" and not obj["locked"] and comments > 0 and created < "2024-05-01"
                and number not in LAZY and number not in PULL_DATA):
            thread = closed_thread(number, author, updated, comments, is_pr)
            assert comments == len(thread["comments_data"]), number
            obj.update(thread)
        issues.append(obj)
    # The list API's default order: newest first.
    issues.sort(key=lambda o: o["created_at"], reverse=True)
    return issues


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(here, "issues.jsonl"))
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for obj in build(args.seed):
            out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
