/// A rule file of `count` rules with long descriptions, actions and tests (about 1 KB each, so
/// 5,000 rules are over 5 MB): the size the test suite loads without timing it
/// (`BadInputTests.aFiveMegabyteFileOfFiveThousandRulesLoads`), timed here instead.
func largeRuleFile(rules count: Int) -> String {
    let padding = String(repeating: "Long descriptions are what make rule files big. ", count: 16)
    var text = "lists:\n  maintainers: [alice, bob, carol]\nmacros:\n  untriaged: not any(labels, l => l ~ \"^triage/\")\nrules:\n"
    for index in 0..<count {
        text += """
              - name: rule-\(index)
                description: >-
                  \(padding)\(index)
                severity: \(["info", "warning", "error"][index % 3])
                when:
                  - state == "open" and untriaged
                  - author not in maintainers and idle > \(index % 90 + 1)d
                actions:
                  - label: [needs-triage, rule-\(index)]
                  - comment: "Hi @{{ author }}, rule \(index) noticed this."
                tests:
                  - now: 2024-06-01T00:00:00Z
                    issue: {state: open, author: dave, updated: 2023-01-01}
                    expect: match

            """
    }
    return text
}

/// A rule file of `count` rules in pairs that label and unlabel one of 50 labels on conditions the
/// flip-flop check cannot tell apart (each reads its own area label), so `lint` compares every
/// writer with every rule and decides each opposing pair: its worst case, O(rules²).
func opposingRuleFile(rules count: Int) -> String {
    var text = "rules:\n"
    for index in 0..<count / 2 {
        text += """
              - name: mark-\(index)
                when: state == "open" and "stale-\(index % 50)" not in labels and idle > \(30 + index % 20)d and "area/\(index)" in labels
                actions: [{label: stale-\(index % 50)}, {comment: "Marked stale."}]
              - name: unmark-\(index)
                when: '"stale-\(index % 50)" in labels and human_idle < \(1 + index % 5)d and "area/\(index)" in labels'
                actions: [{unlabel: stale-\(index % 50)}]

            """
    }
    return text
}
