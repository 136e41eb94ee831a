#!/usr/bin/env python3
"""Generates synthetic GitHub REST API issue objects as JSON Lines, for benchmarks.

    python3 Benchmarks/generate.py --count 1000000 --seed 1 --out /tmp/issues-1m.jsonl

Deterministic: the same --count and --seed give byte-identical output (no clock, no hash-order
dependence). Each line has the shape of `GET /repos/{owner}/{repo}/issues` objects: user, labels
(0-6 from a realistic pool), assignee/assignees (0-3), milestone, comments (0-20), reactions,
~20% pull requests (with `pull_request` and `draft`), ~70% open, dates from 2020 to 2024 with issue
numbers increasing with creation time, and bodies of 0.5-2 KB of markdown, logs and prose that
include non-ASCII text (accents, CJK, Cyrillic, emoji) and JSON escapes (quotes, backslashes, tabs,
newlines; a fifth of the bodies is written with \\uXXXX escapes, surrogate pairs included); 3% of
bodies are null. Titles are ASCII so string lengths agree between tools that count characters
differently.

Speed: everything that can be is precomputed as JSON text (users, label sets, assignee sets,
milestones, bodies, titles, timestamps); each issue is then a handful of random draws and one
f-string, written through a large buffer. A million issues take well under a minute.
"""
import argparse
import json
import random
import sys
import time

OWNER, REPO = "acme", "rocket"
API = f"https://api.github.com/repos/{OWNER}/{REPO}"
WEB = f"https://github.com/{OWNER}/{REPO}"

START = 1577836800  # 2020-01-01T00:00:00Z
END = 1735689599    # 2024-12-31T23:59:59Z

LABEL_POOL = [
    # (name, colour, weight): how often the label shows up in a label set.
    ("bug", "d73a4a", 30), ("enhancement", "a2eeef", 22), ("documentation", "0075ca", 8),
    ("question", "d876e3", 6), ("duplicate", "cfd3d7", 3), ("wontfix", "ffffff", 2), ("invalid", "e4e669", 2),
    ("good first issue", "7057ff", 5), ("help wanted", "008672", 5),
    ("triage/accepted", "0e8a16", 20), ("triage/needs-info", "fbca04", 6), ("triage/duplicate", "cfd3d7", 2),
    ("priority/critical", "b60205", 2), ("priority/high", "d93f0b", 7), ("priority/medium", "fbca04", 8),
    ("priority/low", "c5def5", 6),
    ("area/cli", "1d76db", 9), ("area/engine", "1d76db", 9), ("area/docs", "1d76db", 5),
    ("area/parser", "1d76db", 6), ("area/network", "1d76db", 4),
    ("kind/regression", "e11d21", 3), ("stale", "ededed", 5), ("pinned", "5319e7", 1), ("security", "ee0701", 2),
    ("dependencies", "0366d6", 4), ("needs-triage", "e99695", 4), ("waiting-on-author", "fef2c0", 3),
    ("breaking-change", "b60205", 2), ("release-blocker", "b60205", 1),
]
LABEL_COUNT_WEIGHTS = [20, 25, 25, 15, 8, 4, 3]  # 0..6 labels

FIRST = ["ada", "ben", "chen", "dara", "eli", "fatima", "goran", "hana", "ivan", "jo", "kai", "lucia", "mo",
         "nadia", "omar", "priya", "quinn", "rosa", "sven", "tariq", "uma", "vic", "wen", "xavi", "yuki", "zoe"]
LAST = ["dev", "codes", "hacks", "io", "rs", "sh", "x", "42", "99", "2000", "lab", "ops", "py", "js"]
MAINTAINERS = ["ada-dev", "ben-rs", "chen-ops", "dara-io", "eli-sh"]
BOTS = ["dependabot[bot]", "renovate[bot]", "github-actions[bot]"]
ASSOCIATIONS = [("NONE", 40), ("CONTRIBUTOR", 30), ("FIRST_TIME_CONTRIBUTOR", 8), ("FIRST_TIMER", 4),
                ("COLLABORATOR", 8), ("MEMBER", 10)]
MILESTONES = ["v1.9", "v2.0", "v2.1", "v3.0", "Backlog"]

TITLE_SUBJECTS = ["the config loader", "stage planning", "the lockfile", "rocket init", "the cache", "TLS setup",
                  "the plugin API", "Windows paths", "the progress bar", "shell completions", "the HTTP client",
                  "the YAML parser", "watch mode", "the registry client", "error messages", "the log output",
                  "incremental builds", "proxy settings", "the JSON reporter", "environment files"]
ISSUE_TITLES = [
    "Crash in {s}", "Panic when {s} is empty", "Segfault in {s} on musl", "{S} is slow on large projects",
    "Support {s} in workspaces", "How do I configure {s}?", "Document {s}", "{S} ignores NO_COLOR",
    "Security: {s} follows symlinks", "CVE-2024-{n} affects {s}", "Regression: {s} broke in 2.1",
    "Add an option to disable {s}", "{S} leaks file descriptors", "Flaky test for {s}", "WIP notes on {s}",
    "{S} prints a confusing error", "Allow overriding {s} per stage", "RFC: rethink {s}",
    "UNEXPECTED EOF IN {U}", "{S}?",
]
PR_TITLES = [
    "fix: handle empty {s}", "fix({a}): stop {s} from hanging", "feat({a}): add options for {s}",
    "feat: rewrite {s}", "docs: explain {s}", "docs({a}): fix typos around {s}", "refactor({a}): split {s}",
    "perf: make {s} faster", "test: cover {s}", "chore: tidy up {s}", "ci: cache {s}",
    "feat!: drop the old {s}", "Update {s}", "Fix {s}", "WIP: {s}", "wip {s} experiments", "[WIP] {s}",
    "Improve {s} a bit", "fix {s}", "Revert \"feat: rewrite {s}\"",
]
BOT_TITLES = ["Bump {p} from {v1} to {v2}", "chore(deps): bump {p} from {v1} to {v2}", "Update dependency {p} to {v2}"]
PACKAGES = ["serde", "tokio", "clap", "actions/checkout", "actions/setup-node", "reqwest", "regex", "anyhow", "rustls"]
AREAS = ["cli", "engine", "docs", "parser", "network"]

BODY_FRAGMENTS = [
    "### What happened\n\nRunning `rocket launch` on our monorepo exits immediately.",
    "### Steps to reproduce\n\n1. `rocket init`\n2. add a stage with an empty `needs = []`\n3. `rocket launch --dry-run`",
    "### Expected behaviour\n\nThe plan is printed and nothing is executed.",
    "```\nthread 'main' panicked at src/engine/plan.rs:212:14:\nindex out of bounds: the len is 0 but the index is 0\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n```",
    "Full stack trace below, trimmed to the interesting frames:\n\n```\n  0: rocket::engine::plan::resolve\n  1: rocket::engine::plan::build\n  2: rocket::main\n```",
    "The process dies with `Segmentation fault (core dumped)` when the cache directory is on NFS.",
    "Config used:\n\n```toml\n[stages.build]\ncommand = \"cargo build --release\"\nenv = { RUST_LOG = \"debug\" }\n```",
    "On Windows the path is `C:\\Users\\dev\\rocket\\cache` and the \\\\?\\ prefix is dropped.",
    "Tab-separated output:\tstage\tstatus\tms\n\tbuild\tok\t1234\n\ttest\tfailed\t98",
    "I'd expect \"rocket status\" to print the same as \"rocket status --all\", but it doesn't.",
    "### Environment\n\n- rocket 2.1.3\n- macOS 14.4 (arm64)\n- installed with Homebrew",
    "### Environment\n\n- rocket 2.0.0\n- Ubuntu 22.04 in Docker\n- installed with `cargo install rocket-cli`",
    "Les messages d'erreur ne sont pas traduits : « impossible de lire la configuration ». Ça gêne nos équipes.",
    "Die Fehlermeldung ist für Nutzer ohne Englischkenntnisse schwer verständlich. Grüße aus München!",
    "設定ファイルを読み込めません。ログを添付します。よろしくお願いします。",
    "Не удаётся прочитать файл конфигурации после обновления до версии 2.1.",
    "This would be great for our team 🚀🎉 — thanks for all the work! 👍",
    "Emoji in stage names breaks the table layout: `deploy 🐳` is one column too wide. ✅ vs ❌ render fine.",
    "Naïve question, maybe: is the café example in the docs still accurate? It uses `naïve_mode = true`.",
    "Math in the docs renders as raw text: ∑ x², α ≤ β, and the → arrows are lost.",
    "### Proposal\n\nAdd a `--format json` flag that prints one object per stage, so the results can be piped into other tools.",
    "### Alternatives considered\n\nParsing the text output, which changes between releases, or wrapping rocket in a script.",
    "Related to #1234 and maybe #987; see also the discussion in the 2.0 release notes.",
    "> I think this is the same problem as the proxy issue.\n\nIt isn't: this one happens without a proxy.",
    "Here is a minimal repository that reproduces it: https://example.com/repro/rocket-empty-needs",
    "Log excerpt:\n\n```\n2024-03-02T10:11:12Z INFO  planning 312 stages\n2024-03-02T10:11:52Z WARN  cache miss for stage \"lint\"\n```",
    "Performance numbers (hyperfine):\n\n| command | mean | σ |\n|---|---|---|\n| rocket plan | 4.2 s | 0.1 s |\n| rocket plan --fast | 1.9 s | 0.05 s |",
    "- [x] I searched the existing issues\n- [x] I am on the latest version\n- [ ] I can contribute a fix",
    "Workaround for now: set `ROCKET_CACHE=off` and run the stages one by one. It is slow but it works.",
    "JSON payload that fails to parse: {\"stage\": \"build\", \"needs\": [\"fetch\"], \"env\": {\"A\": \"\\u00e9\"}}",
    "Control characters in the output: bell \u0007 and escape \u001b[31mred\u001b[0m end up in the log file.",
    "Thanks for maintaining this project. Happy to test a fix on our CI if that helps.",
]

RARE_MARKERS = ("panicked at", "Segmentation fault", "stack trace")  # what the body rules look for
RARE_FRAGMENTS = [fragment for fragment in BODY_FRAGMENTS if any(marker in fragment for marker in RARE_MARKERS)]
ASCII_FRAGMENTS = [fragment for fragment in BODY_FRAGMENTS
                   if fragment.isascii() and fragment not in RARE_FRAGMENTS]
NON_ASCII_FRAGMENTS = [fragment for fragment in BODY_FRAGMENTS
                       if not fragment.isascii() and fragment not in RARE_FRAGMENTS]
ASCII_ESCAPED_SHARE = 0.2
NULL_BODY_SHARE = 0.03


def weighted(rng, pairs):
    total = sum(weight for _, weight in pairs)
    pick = rng.random() * total
    for value, weight in pairs:
        pick -= weight
        if pick < 0:
            return value
    return pairs[-1][0]


def dumps(value, ascii_only=False):
    return json.dumps(value, ensure_ascii=ascii_only, separators=(",", ":"))


def user_json(login, uid, bot):
    return dumps({
        "login": login, "id": uid, "node_id": f"MDQ6VXNlcj{uid}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4", "gravatar_id": "",
        "url": f"https://api.github.com/users/{login}", "html_url": f"https://github.com/{login}",
        "type": "Bot" if bot else "User", "site_admin": False,
    })


class Pools:
    """Everything precomputed as JSON text, drawn from by index."""

    def __init__(self, rng):
        # Users: maintainers (MEMBER/OWNER), bots, and a crowd with fixed associations.
        logins = sorted({f"{first}-{last}" for first in FIRST for last in LAST} - set(MAINTAINERS))
        rng.shuffle(logins)
        self.users = []  # (json, association)
        for index, login in enumerate(MAINTAINERS):
            self.users.append((user_json(login, 100 + index, False), "OWNER" if index == 0 else "MEMBER"))
        self.maintainer_count = len(self.users)
        for index, login in enumerate(BOTS):
            self.users.append((user_json(login, 49_000_000 + index, True), "NONE"))
        self.bot_range = (self.maintainer_count, len(self.users))
        for index, login in enumerate(logins[:300]):
            self.users.append((user_json(login, 1_000_000 + index * 7919, False), weighted(rng, ASSOCIATIONS)))
        self.crowd_start = self.bot_range[1]
        self.user_logins = MAINTAINERS + BOTS + logins[:300]

        # Label sets.
        label_json = {name: dumps({
            "id": 6_000_000_000 + index, "node_id": f"LA_kwDOAAAB{index:05d}",
            "url": f"{API}/labels/{name.replace(' ', '%20').replace('/', '%2F')}", "name": name,
            "color": color, "default": name in ("bug", "enhancement", "documentation", "question", "duplicate",
                                               "wontfix", "invalid", "good first issue", "help wanted"),
            "description": None,
        }) for index, (name, color, _) in enumerate(LABEL_POOL)}
        names = [name for name, _, _ in LABEL_POOL]
        weights = [weight for _, _, weight in LABEL_POOL]
        self.label_sets = []
        for _ in range(4096):
            count = weighted(rng, list(enumerate(LABEL_COUNT_WEIGHTS)))
            chosen = []
            while len(chosen) < count:
                name = rng.choices(names, weights)[0]
                if name not in chosen:
                    chosen.append(name)
            self.label_sets.append("[" + ",".join(label_json[name] for name in chosen) + "]")

        # Assignee sets: 0-3 logins, maintainers more likely.
        self.assignee_sets = []  # (assignee json, assignees json)
        for _ in range(2048):
            count = weighted(rng, [(0, 45), (1, 35), (2, 14), (3, 6)])
            chosen = []
            while len(chosen) < count:
                index = rng.randrange(self.maintainer_count) if rng.random() < 0.5 else rng.randrange(
                    self.crowd_start, len(self.users))
                if index not in chosen:
                    chosen.append(index)
            users = [self.users[index][0] for index in chosen]
            self.assignee_sets.append((users[0] if users else "null", "[" + ",".join(users) + "]"))

        self.milestones = []
        for number, title in enumerate(MILESTONES, start=1):
            self.milestones.append(dumps({
                "url": f"{API}/milestones/{number}", "html_url": f"{WEB}/milestone/{number}",
                "labels_url": f"{API}/milestones/{number}/labels", "id": 9_000_000 + number,
                "node_id": f"MI_kwDOAAAB{number:04d}", "number": number, "title": title, "description": None,
                "open_issues": 40 + number, "closed_issues": 100 * number, "state": "open",
                "created_at": "2020-01-01T00:00:00Z", "updated_at": "2024-12-01T00:00:00Z",
                "due_on": None, "closed_at": None,
            })[:-1] + ',"creator":' + self.users[0][0] + "}")

        # Bodies: 500-2000 characters assembled from fragments, some written with \\u escapes.
        self.bodies = []
        for _ in range(2048):
            target = rng.randint(500, 2000)
            parts = []
            length = 0
            while length < target:
                # Mostly plain ASCII prose, a non-ASCII fragment now and then, crash output rarely.
                pick = rng.random()
                fragment = rng.choice(RARE_FRAGMENTS if pick < 0.02 else
                                      NON_ASCII_FRAGMENTS if pick < 0.06 else ASCII_FRAGMENTS)
                parts.append(fragment)
                length += len(fragment) + 2
            text = "\n\n".join(parts)
            if len(text) > 2000:
                text = text[:2000].rstrip()
                while len(text) < 500:  # never happens with these fragments, kept for safety
                    text += " ..."
            self.bodies.append(dumps(text, ascii_only=rng.random() < ASCII_ESCAPED_SHARE))

        def fill(template):
            subject = rng.choice(TITLE_SUBJECTS)
            return template.format(s=subject, S=subject[0].upper() + subject[1:], U=subject.upper(),
                                   a=rng.choice(AREAS), n=rng.randint(1000, 9999), p=rng.choice(PACKAGES),
                                   v1=f"{rng.randint(0, 4)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
                                   v2=f"{rng.randint(5, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}")
        self.issue_titles = [dumps(fill(rng.choice(ISSUE_TITLES))) for _ in range(2048)]
        self.pr_titles = [dumps(fill(rng.choice(PR_TITLES))) for _ in range(2048)]
        self.bot_titles = [dumps(fill(rng.choice(BOT_TITLES))) for _ in range(512)]

        self.reaction_counts = []
        keys = ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"]
        for _ in range(1024):
            counts = dict.fromkeys(keys, 0)
            # Most issues get no reaction or one; a fifth get up to 40.
            for _ in range(int(rng.random() ** 2 * 40) if rng.random() < 0.2 else int(rng.random() * 2)):
                counts[rng.choice(["+1", "+1", "+1", "heart", "rocket", "eyes", "hooray", "laugh", "-1", "confused"])] += 1
            self.reaction_counts.append(f'"total_count":{sum(counts.values())},' + dumps(counts)[1:-1])

        # Timestamps: "YYYY-MM-DD" per day and "THH:MM:SSZ" per second of the day.
        self.day0 = START // 86400
        self.days = [time.strftime("%Y-%m-%d", time.gmtime((self.day0 + index) * 86400))
                     for index in range(END // 86400 - self.day0 + 2)]
        self.seconds = [f"T{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}Z" for s in range(86400)]

    def timestamp(self, epoch):
        return self.days[epoch // 86400 - self.day0] + self.seconds[epoch % 86400]


def generate(count, seed, out):
    rng = random.Random(seed)
    pools = Pools(rng)
    r = rng.random
    users, label_sets, assignee_sets = pools.users, pools.label_sets, pools.assignee_sets
    bodies, reaction_counts, milestones = pools.bodies, pools.reaction_counts, pools.milestones
    issue_titles, pr_titles, bot_titles = pools.issue_titles, pools.pr_titles, pools.bot_titles
    stamp = pools.timestamp
    n_users, n_labels, n_assignees = len(users), len(label_sets), len(assignee_sets)
    n_bodies, n_reactions = len(bodies), len(reaction_counts)
    bot_lo, bot_hi = pools.bot_range
    step = (END - START) / max(count, 1)
    chunk = []
    for index in range(count):
        number = index + 1
        is_pr = r() < 0.2
        is_open = r() < 0.7
        created = START + int(index * step + r() * step)
        updated = created + int(r() * (END - created))
        if is_pr and r() < 0.25:
            user_index = bot_lo + int(r() * (bot_hi - bot_lo))
            title = bot_titles[int(r() * len(bot_titles))]
        else:
            user_index = int(r() * 6) if r() < 0.15 else int(r() * n_users)
            if bot_lo <= user_index < bot_hi:
                user_index = bot_hi
            title = (pr_titles if is_pr else issue_titles)[int(r() * 2048)]
        user, association = users[user_index]
        assignee, assignees = assignee_sets[int(r() * n_assignees)]
        milestone = milestones[int(r() * 5)] if r() < 0.3 else "null"
        comments = int(r() * r() * 21)
        if is_open:
            closed_at, state, reason = "null", "open", "null"
        else:
            closed_at = '"' + stamp(created + int(r() * (updated - created))) + '"'
            state = "closed"
            reason = "null" if is_pr else ('"completed"' if r() < 0.8 else '"not_planned"')
        body = "null" if r() < 0.03 else bodies[int(r() * n_bodies)]
        locked = "true" if r() < 0.02 else "false"
        issue_id = 1_000_000_000 + number
        if is_pr:
            kind_url = "pull"
            merged = closed_at if closed_at != "null" and r() < 0.8 else "null"
            pr = (f'"draft":{"true" if r() < 0.25 else "false"},"pull_request":{{"url":"{API}/pulls/{number}",'
                  f'"html_url":"{WEB}/pull/{number}","diff_url":"{WEB}/pull/{number}.diff",'
                  f'"patch_url":"{WEB}/pull/{number}.patch","merged_at":{merged}}},')
            node = "PR_kwDOAAAB"
        else:
            kind_url, pr, node = "issues", "", "I_kwDOAAAB"
        chunk.append(
            f'{{"url":"{API}/issues/{number}","repository_url":"{API}",'
            f'"labels_url":"{API}/issues/{number}/labels{{/name}}","comments_url":"{API}/issues/{number}/comments",'
            f'"events_url":"{API}/issues/{number}/events","html_url":"{WEB}/{kind_url}/{number}",'
            f'"id":{issue_id},"node_id":"{node}{issue_id}","number":{number},"title":{title},"user":{user},'
            f'"labels":{label_sets[int(r() * n_labels)]},"state":"{state}","locked":{locked},'
            f'"assignee":{assignee},"assignees":{assignees},"milestone":{milestone},"comments":{comments},'
            f'"created_at":"{stamp(created)}","updated_at":"{stamp(updated)}","closed_at":{closed_at},'
            f'"author_association":"{association}","active_lock_reason":null,{pr}"body":{body},'
            f'"reactions":{{"url":"{API}/issues/{number}/reactions",{reaction_counts[int(r() * n_reactions)]}}},'
            f'"timeline_url":"{API}/issues/{number}/timeline","performed_via_github_app":null,'
            f'"state_reason":{reason}}}\n')
        if len(chunk) == 8192:
            out.write("".join(chunk))
            chunk.clear()
    out.write("".join(chunk))


def main():
    parser = argparse.ArgumentParser(description="Generate synthetic GitHub-shaped issues as JSON Lines.")
    parser.add_argument("--count", type=int, default=10_000, help="number of issues (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", default="-", help="output file, or - for stdout (default)")
    args = parser.parse_args()
    if args.count < 0:
        parser.error("--count must be >= 0")
    began = time.perf_counter()
    if args.out == "-":
        out = open(sys.stdout.fileno(), "w", encoding="utf-8", buffering=1 << 20, closefd=False, newline="\n")
    else:
        out = open(args.out, "w", encoding="utf-8", buffering=1 << 20, newline="\n")
    with out:
        generate(args.count, args.seed, out)
    print(f"generate.py: {args.count} issues in {time.perf_counter() - began:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
