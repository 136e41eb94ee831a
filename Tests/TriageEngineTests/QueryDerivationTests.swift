import Testing
import TriageTestSupport
import TriageEngine
import TriageLanguage
import TriageRules

/// The pushed-down query (SPEC §4: "push down what the rules allow … when every rule requires it").
///
/// What the derivation does, as these tests pin it down:
/// - `state == "open"` and `state != "closed"` (either operand order) require that state; so do
///   `kind ==`/`kind !=` for the kind. `!=` is read as "the other one" because the issue model only
///   has two states and two kinds.
/// - `not (…)` is never looked into: `not (state == "closed")` requires nothing. That is
///   conservative (the query is wider than it could be), never wrong.
/// - `"x" in labels` requires the label; `not in`, `any(…)` and `label_age` require nothing.
/// - `idle < d` / `idle <= d` / `d > idle` require `updated ≥ now - d`; `updated > t` / `updated ≥ t`
///   require `updated ≥ t`.
/// - `and` keeps the strictest of each part, `or` and several rules keep only what all share (labels:
///   the intersection, `updatedSince`: the earliest); macros and `when:` lists are looked through.
struct QueryDerivationTests {
    static func query(_ yaml: String, fields: IssueFieldSet = .all) -> IssueQuery {
        QueryDerivation.query(for: validRuleSet(yaml).rules, now: testNow, fields: fields)
    }

    @Test func everyRuleRequiringOpenPushesDownOpen() {
        let query = Self.query("""
            rules:
              - name: a
                when: state == "open" and draft
              - name: b
                when: state == "open" and "bug" in labels
            """)
        #expect(query.state == "open")
        #expect(query.kind == nil)
        #expect(query.labels == [])
        #expect(query.updatedSince == nil)
    }

    @Test func oneRuleWithoutTheStateAsksForEveryState() {
        let query = Self.query("""
            rules:
              - name: a
                when: state == "open" and draft
              - name: b
                when: draft
            """)
        #expect(query.state == nil)
    }

    @Test func rulesRequiringDifferentStatesAskForEveryState() {
        let query = Self.query("""
            rules:
              - name: a
                when: state == "open"
              - name: b
                when: state == "closed"
            """)
        #expect(query.state == nil)
    }

    @Test func orBranchesThatBothRequireOpenRequireOpen() {
        #expect(Self.query("""
            rules:
              - name: a
                when: state == "open" and draft or locked and state == "open"
            """).state == "open")
        #expect(Self.query("""
            rules:
              - name: a
                when: state == "open" and draft or locked
            """).state == nil)
    }

    @Test func notEqualToClosedIsReadAsOpen() {
        #expect(Self.query("rules: [{name: a, when: 'state != \"closed\"'}]").state == "open")
        #expect(Self.query("rules: [{name: a, when: 'state != \"open\"'}]").state == "closed")
        #expect(Self.query("rules: [{name: a, when: '\"closed\" != state'}]").state == "open")
        #expect(Self.query("rules: [{name: a, when: 'kind != \"issue\"'}]").kind == "pull_request")
    }

    @Test func aNegationIsNotLookedInto() {
        let query = Self.query("""
            rules:
              - name: a
                when: not (state == "closed") and not ("bug" not in labels) and not (idle > 30d)
            """)
        #expect(query == IssueQuery(fields: .all), "a `not` must require nothing: \(query)")
    }

    @Test func unknownStateLiteralsRequireNothing() {
        // `state == "opened"` can never hold, but pushing `opened` down would ask a provider for nonsense.
        #expect(Self.query("rules: [{name: a, when: 'state == \"opened\"'}]").state == nil)
    }

    @Test func macrosAreLookedThrough() {
        let query = Self.query("""
            macros:
              open_bug: state == "open" and "bug" in labels
              recent: idle < 14d
            rules:
              - name: a
                when: open_bug and recent
              - name: b
                when: recent and open_bug and kind == "issue"
            """)
        #expect(query.state == "open")
        #expect(query.labels == ["bug"])
        #expect(query.updatedSince == testNow - .days(14))
        #expect(query.kind == nil)
    }

    @Test func everyPartOfAWhenListCounts() {
        let query = Self.query("""
            rules:
              - name: a
                when:
                  - state == "open"
                  - '"bug" in labels'
                  - kind == "pull_request"
                  - updated >= 2024-05-01
            """)
        #expect(query == IssueQuery(state: "open", kind: "pull_request", labels: ["bug"],
                                    updatedSince: Timestamp(year: 2024, month: 5, day: 1)!, fields: .all))
    }

    @Test func idleBelowADurationBoundsUpdated() {
        #expect(Self.query("rules: [{name: a, when: idle < 30d}]").updatedSince == testNow - .days(30))
        #expect(Self.query("rules: [{name: a, when: idle <= 2w}]").updatedSince == testNow - .days(14))
        #expect(Self.query("rules: [{name: a, when: 12h > idle}]").updatedSince == testNow - .hours(12))
        #expect(Self.query("rules: [{name: a, when: idle > 30d}]").updatedSince == nil)
        // Several rules: the earliest bound, so every rule's issues are still read.
        #expect(Self.query("rules: [{name: a, when: idle < 30d}, {name: b, when: idle < 10d}]").updatedSince == testNow - .days(30))
        #expect(Self.query("rules: [{name: a, when: idle < 30d}, {name: b, when: draft}]").updatedSince == nil)
        // One rule: the latest bound of an `and`.
        #expect(Self.query("rules: [{name: a, when: idle < 30d and updated > 2024-05-25}]").updatedSince
            == Timestamp(year: 2024, month: 5, day: 25)!)
    }

    @Test func requiredLabelsAreTheIntersectionAcrossRules() {
        let query = Self.query("""
            rules:
              - name: a
                when: '"bug" in labels and "ui" in labels and "p1" in labels'
              - name: b
                when: '"p1" in labels and "bug" in labels and "docs" in labels'
              - name: c
                when: '("bug" in labels or "p1" in labels) and "bug" in labels and "p1" in labels'
            """)
        #expect(query.labels == ["bug", "p1"])
        #expect(Self.query("""
            rules:
              - name: a
                when: '"bug" in labels or "ui" in labels'
            """).labels == [])
        #expect(Self.query("""
            rules:
              - name: a
                when: '"bug" not in labels'
            """).labels == [])
    }

    @Test func noRulesAndTheFieldsPassThrough() {
        let fields = IssueFieldSet([.number, .title])
        #expect(QueryDerivation.query(for: [], now: testNow, fields: fields) == IssueQuery(fields: fields))
        #expect(Self.query("rules: [{name: a, when: draft}]", fields: fields).fields == fields)
    }

    // MARK: Property: the query never drops an issue a rule matches

    /// Atoms the random conditions are made of: everything the derivation understands, its mirrored
    /// and negated forms, and things it must ignore.
    static let atoms = [
        #"state == "open""#, #"state == "closed""#, #"state != "closed""#, #"state != "open""#, #""open" == state"#,
        #"not (state == "closed")"#, #"kind == "issue""#, #"kind == "pull_request""#, #"kind != "issue""#,
        #""pull_request" != kind"#, #""bug" in labels"#, #""ui" in labels"#, #""bug" not in labels"#,
        #"not ("ui" in labels)"#, #"any(labels, l => l == "docs")"#, "len(labels) > 1", "idle < 30d", "idle <= 10d",
        "20d > idle", "idle > 5d", "updated > 2024-05-10", "updated >= 2024-05-20T00:00:00Z", "2024-05-15 < updated",
        "draft", "comments > 1", "locked",
    ]

    /// A random boolean expression of depth at most `depth`.
    static func expression(_ random: inout SplitMix64, depth: Int) -> String {
        if depth == 0 || random.next(below: 3) == 0 { return atoms[random.next(below: atoms.count)] }
        switch random.next(below: 5) {
        case 0: return "not (\(expression(&random, depth: depth - 1)))"
        case 1, 2: return "(\(expression(&random, depth: depth - 1)) and \(expression(&random, depth: depth - 1)))"
        default: return "(\(expression(&random, depth: depth - 1)) or \(expression(&random, depth: depth - 1)))"
        }
    }

    /// A rule file of 1–4 rules, using macros and `when:` lists now and then.
    static func ruleFile(_ random: inout SplitMix64) -> String {
        var yaml = "macros:\n"
        yaml += "  m1: \(yamlBlock(expression(&random, depth: 2)))\n"
        yaml += "  m2: \(yamlBlock(expression(&random, depth: 1)))\n"
        yaml += "lint: {ignore: [unused-definition]}\nrules:\n"
        for index in 0..<(1 + random.next(below: 4)) {
            yaml += "  - name: r\(index)\n    when:\n"
            for _ in 0..<(1 + random.next(below: 3)) {
                var part = expression(&random, depth: 3)
                switch random.next(below: 6) {
                case 0: part = "m1 and \(part)"
                case 1: part = "(m2 or \(part))"
                case 2: part = "m1"
                default: break
                }
                yaml += "      - \(yamlBlock(part))\n"
            }
        }
        return yaml
    }

    /// A double-quoted YAML scalar holding `text`.
    static func yamlBlock(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func randomIssue(_ random: inout SplitMix64, number: Int) -> TriageLanguage.Issue {
        let labelPool = ["bug", "ui", "docs"]
        // Exact boundaries of the atoms' bounds are included on purpose.
        let updated: Timestamp = switch random.next(below: 4) {
        case 0: [testNow - .days(30), testNow - .days(10), testNow - .days(20), testNow - .days(5),
                 Timestamp(year: 2024, month: 5, day: 10)!, Timestamp(year: 2024, month: 5, day: 20)!,
                 Timestamp(year: 2024, month: 5, day: 15)!][random.next(below: 7)]
        default: testNow - .hours(Int64(random.next(below: 60 * 24)))
        }
        return TriageLanguage.Issue(
            number: number, state: random.next(below: 2) == 0 ? "open" : "closed",
            kind: random.next(below: 2) == 0 ? "issue" : "pull_request", draft: random.next(below: 3) == 0,
            labels: labelPool.filter { _ in random.next(below: 2) == 0 }, comments: random.next(below: 4),
            locked: random.next(below: 4) == 0, created: updated - .days(3), updated: updated)
    }

    static func satisfies(_ issue: TriageLanguage.Issue, _ query: IssueQuery) -> Bool {
        (query.state.map { issue.state == $0 } ?? true) && (query.kind.map { issue.kind == $0 } ?? true)
            && query.labels.allSatisfy(issue.labels.contains) && (query.updatedSince.map { issue.updated >= $0 } ?? true)
    }

    @Test func theQueryNeverDropsAnIssueSomeRuleMatches() throws {
        var random = SplitMix64(seed: 0x7269_6167_6521)
        var checkedMatches = 0
        var narrowingQueries = 0
        for round in 0..<400 {
            let yaml = Self.ruleFile(&random)
            let loaded = RuleLoader.load([(path: "random-\(round).yaml", bytes: Array(yaml.utf8))])
            try #require(loaded.diagnostics.isEmpty, "\(yaml)\n\(loaded.diagnostics.map { "\($0.location) \($0.message)" })")
            let rules = loaded.ruleSet.rules
            let query = QueryDerivation.query(for: rules, now: testNow, fields: .all)
            if query.state != nil || query.kind != nil || !query.labels.isEmpty || query.updatedSince != nil { narrowingQueries += 1 }
            for number in 1...150 {
                let issue = Self.randomIssue(&random, number: number)
                let frame = EvaluationFrame(issue: issue, now: testNow)
                for rule in rules where try rule.condition.evaluateSynchronously(in: frame) {
                    checkedMatches += 1
                    if !Self.satisfies(issue, query) {
                        Testing.Issue.record("rule \(rule.name) matches \(issue) but the query \(query) drops it\n\(yaml)")
                        return
                    }
                }
            }
        }
        // The property is not vacuous: many rule sets narrowed the query and many issues matched.
        #expect(narrowingQueries > 50, "only \(narrowingQueries) of 400 rule sets narrowed the query")
        #expect(checkedMatches > 10_000)
    }
}

