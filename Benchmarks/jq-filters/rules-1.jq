# Scenario (a): the single rule of ../rules-1.yaml,
#   state == "open" and "bug" in labels and comments > 3
# Input: GitHub REST issue objects, one per line. Run with -c; output: one {number, title, url} per match.
#   jq -c -f Benchmarks/jq-filters/rules-1.jq issues.jsonl
select(.state == "open" and (.labels | map(.name) | index("bug")) and .comments > 3) | {number, title, url: .html_url}
