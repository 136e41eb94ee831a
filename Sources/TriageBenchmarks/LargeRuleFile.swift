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
