import Testing
import TriageTestSupport
import TriageLanguage
import TriageRules

/// `flip-flop`: which pairs of rules it reports, in which direction, and which it leaves alone.
struct FlipFlopCheckTests {
    /// Two rules, `writer` and `reader`, each with its condition and one action (flow YAML).
    static func pair(_ writerWhen: String, _ writerAction: String, _ readerWhen: String, _ readerAction: String, extra: String = "") -> String {
        """
        rules:
          - name: writer
            when: '\(writerWhen)'
            actions: [\(writerAction)]\(extra)
          - name: reader
            when: '\(readerWhen)'
            actions: [\(readerAction)]
        """
    }

    /// The flip-flop findings as "undoer undoes writer's text".
    static func flips(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        let loaded = loadRuleFile(yaml, path: "pair.yaml")
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))", sourceLocation: sourceLocation)
        return Linter.lint(loaded).filter { $0.code == "flip-flop" }.map { finding in
            let undone = finding.message.split(separator: "`")
            return "\(finding.rule ?? "?") undoes \(undone[3]) \(undone[5])"
        }
    }

    // MARK: Opposing writes

    /// Each opposing pair, on conditions nothing decides: both directions flip.
    @Test(arguments: [
        ("{label: x}", "{unlabel: x}", "label: x", "unlabel: x"),
        ("{close: true}", "{reopen: true}", "close", "reopen"),
        ("{close: {reason: not_planned}}", "{reopen: true}", "close", "reopen"),
        ("{lock: true}", "{unlock: true}", "lock", "unlock"),
        ("{assign: [ann, bo]}", "{unassign: bo}", "assign: bo", "unassign: bo"),
        ("{milestone: v1}", "{milestone: v2}", "milestone: v1", "milestone: v2"),
    ])
    func opposingWritesFlip(writerAction: String, readerAction: String, writerText: String, readerText: String) {
        let yaml = Self.pair(#""bug" in labels"#, writerAction, #""bug" in labels"#, readerAction)
        #expect(Self.flips(yaml) == ["reader undoes writer \(writerText)", "writer undoes reader \(readerText)"])
    }

    @Test(arguments: [
        ("{label: x}", "{unlabel: y}"), ("{label: x}", "{label: x}"), ("{close: true}", "{close: true}"), ("{assign: ann}", "{unassign: bo}"),
        ("{milestone: v1}", "{milestone: v1}"), ("{lock: true}", "{reopen: true}"), ("{comment: hi}", "{unlabel: x}"),
    ])
    func writesThatDoNotOpposeAreNotReported(writerAction: String, readerAction: String) {
        #expect(Self.flips(Self.pair(#""bug" in labels"#, writerAction, #""bug" in labels"#, readerAction)) == [])
    }

    // MARK: What a write changes

    /// The issue's own example: the label write restarts `idle`, so `idle < 7d` holds on the next
    /// run; the other way round, the unlabel restarts it too and `idle > 30d` waits a month.
    @Test func theLabelWriteRestartsIdle() {
        let yaml = Self.pair(#""stale" not in labels and idle > 30d"#, "{label: stale}", #""stale" in labels and idle < 7d"#, "{unlabel: stale}")
        #expect(Self.flips(yaml) == ["reader undoes writer label: stale"])
    }

    @Test func aConditionTheWriteMakesFalseDoesNotFlip() {
        // The reader waits for a week without any activity: the write itself is activity. (The
        // writer, which labels whatever lacks the label, does undo the reader's unlabel at once.)
        #expect(Self.flips(Self.pair(#""stale" not in labels"#, "{label: stale}", #""stale" in labels and idle > 7d"#, "{unlabel: stale}"))
            == ["writer undoes reader unlabel: stale"])
        #expect(Self.flips(Self.pair("draft", "{label: stale}", #"updated < now - 7d"#, "{unlabel: stale}")) == ["writer undoes reader unlabel: stale"])
        // ...or for the label itself to be gone, or for the state the write left.
        #expect(Self.flips(Self.pair("draft", "{label: x}", #"not ("x" in labels)"#, "{unlabel: x}"))
            == ["writer undoes reader unlabel: x"])
        #expect(Self.flips(Self.pair("draft", "{close: true}", #"state == "open""#, "{reopen: true}")) == ["writer undoes reader reopen"])
        #expect(Self.flips(Self.pair("draft", "{assign: ann}", "len(assignees) == 0", "{unassign: ann}")) == ["writer undoes reader unassign: ann"])
        #expect(Self.flips(Self.pair("draft", "{milestone: v1}", "milestone == null", "{milestone: v2}")) == ["writer undoes reader milestone: v2"])
        #expect(Self.flips(Self.pair("draft", "{lock: true}", "not locked", "{unlock: true}")) == ["writer undoes reader unlock"])
    }

    /// A person's activity is what `human_idle` measures; the tool's write is none, so it keeps
    /// the value it had when the writer matched (and grows).
    @Test func humanIdleIsNotRestartedByTheWrite() {
        let idle = Self.pair(#""stale" not in labels and idle > 30d"#, "{label: stale}", #""stale" in labels and idle > 30d"#, "{unlabel: stale}")
        #expect(Self.flips(idle) == [])
        let humanIdle = Self.pair(#""stale" not in labels and human_idle > 30d"#, "{label: stale}",
                                  #""stale" in labels and human_idle > 30d"#, "{unlabel: stale}")
        #expect(Self.flips(humanIdle) == ["reader undoes writer label: stale", "writer undoes reader unlabel: stale"])
        // `idle > 30d` when the writer matched means `human_idle` was at least that too.
        let guarded = Self.pair(#""stale" not in labels and idle > 30d"#, "{label: stale}", #""stale" in labels and human_idle < 7d"#, "{unlabel: stale}")
        #expect(Self.flips(guarded) == [])
    }

    /// `human_idle < label_age("inactive")` turns true only when a person acts, and rules run at least
    /// daily: right after that rule's unlabel, `human_idle > 60d` cannot hold (Rules/human-activity-stale.yaml).
    @Test func aConditionOnlyAPersonMakesTrueBoundsHumanIdle() {
        let yaml = Self.pair(#""inactive" in labels and human_idle < label_age("inactive")"#, "{unlabel: inactive}",
                             #""inactive" not in labels and human_idle > 60d"#, "{label: inactive}")
        #expect(Self.flips(yaml) == [])
        // Compared with a literal instead, nothing says how long ago the person acted (and between
        // 60 and 90 days each rule undoes the other).
        let literal = Self.pair(#""inactive" in labels and human_idle < 90d"#, "{unlabel: inactive}",
                                #""inactive" not in labels and human_idle > 60d"#, "{label: inactive}")
        #expect(Self.flips(literal) == ["reader undoes writer unlabel: inactive", "writer undoes reader label: inactive"])
    }

    /// `idle` and the age of the label the write added start together: a margin between them holds.
    @Test func idleAndTheWrittenLabelsAgeStartTogether() {
        let margin = Self.pair(#""stale" not in labels and idle > 30d"#, "{label: stale}", #""stale" in labels and idle + 1h < label_age("stale")"#, "{unlabel: stale}")
        #expect(Self.flips(margin) == [])
        // Without the margin, a comment written after the label leaves `idle` a little smaller.
        let none = Self.pair(#""stale" not in labels and idle > 30d"#, "{label: stale}", #""stale" in labels and idle < label_age("stale")"#, "{unlabel: stale}")
        #expect(Self.flips(none) == ["reader undoes writer label: stale"])
    }

    // MARK: Exclusive conditions

    @Test func exclusiveConditionsAreNotReported() {
        // The state is not what the write changes: open and closed exclude each other.
        #expect(Self.flips(Self.pair(#"state == "open" and "x" not in labels"#, "{label: x}", #"state == "closed" and "x" in labels"#, "{unlabel: x}")) == [])
        // A label the writes do not touch, present for one and absent for the other.
        #expect(Self.flips(Self.pair(#""bug" in labels"#, "{assign: ann}", #""bug" not in labels"#, "{unassign: ann}")) == [])
        #expect(Self.flips(Self.pair("draft", "{lock: true}", "not draft", "{unlock: true}")) == [])
        // `any` over labels other than the written one is unchanged by the write.
        #expect(Self.flips(Self.pair(#"not any(labels, l => starts_with(l, "triage/"))"#, "{label: needs-triage}",
                                     #"any(labels, l => starts_with(l, "triage/"))"#, "{unlabel: needs-triage}")) == [])
    }

    /// A writer that required no labels leaves exactly the ones it added.
    @Test func aListTheWriterRequiredEmptyIsKnownAfterTheWrite() {
        let triaged = #"any(labels, l => starts_with(l, "triage/"))"#
        #expect(Self.flips(Self.pair("len(labels) == 0", "{label: needs-triage}", triaged, "{unlabel: needs-triage}")) == [])
        #expect(Self.flips(Self.pair("labels == []", "{label: needs-triage}", #""bug" in labels"#, "{unlabel: needs-triage}")) == [])
        // Someone may have assigned ann alone: the writer assigns both again once she is unassigned.
        #expect(Self.flips(Self.pair("len(assignees) == 0", "{assign: [ann, bo]}", "len(assignees) < 2", "{unassign: ann}"))
            == ["writer undoes reader unassign: ann"])
        // Not known otherwise.
        #expect(Self.flips(Self.pair("len(labels) < 3", "{label: needs-triage}", triaged, "{unlabel: needs-triage}"))
            == ["reader undoes writer label: needs-triage", "writer undoes reader unlabel: needs-triage"])
    }

    /// A test the write changes is no evidence: `"x" not in labels` before the write says nothing after it.
    @Test func aConjunctTheWriteChangesIsNotUsed() {
        let yaml = Self.pair(#""x" not in labels and "bug" in labels"#, "{label: x}", #""x" in labels"#, "{unlabel: x}")
        #expect(Self.flips(yaml) == ["reader undoes writer label: x", "writer undoes reader unlabel: x"])
        // Labelling with one `any` test true for the written label changes `any`: not used either.
        let prefixed = Self.pair(#"not any(labels, l => starts_with(l, "triage/"))"#, "{label: triage/new}",
                                 #"any(labels, l => starts_with(l, "triage/"))"#, "{unlabel: triage/new}")
        #expect(Self.flips(prefixed) == ["reader undoes writer label: triage/new", "writer undoes reader unlabel: triage/new"])
    }

    /// What the check does not understand may hold.
    @Test func anUnknownConditionMayHold() {
        let yaml = Self.pair(#"title ~ "crash""#, "{label: x}", #"body ~ "fixed" and "x" in labels"#, "{unlabel: x}")
        #expect(Self.flips(yaml) == ["reader undoes writer label: x", "writer undoes reader unlabel: x"])
    }

    /// Bounds that would overflow are dropped, not trapped on: the lint never crashes on a rule file.
    @Test func extremeNumbersLeaveTheConditionUnknown() {
        let huge = "9223372036854775807"
        let yaml = Self.pair(#""x" not in labels and idle > 30d"#, "{label: x}",
                             #""x" in labels and len(labels) - \#(huge) < -\#(huge) - \#(huge) and idle + idle < 7d"#, "{unlabel: x}")
        #expect(Self.flips(yaml) == ["reader undoes writer label: x"])
    }

    /// A writer's bound on `human_idle` (or `age`, `label_age`) near the largest duration grows by
    /// the time between evaluation and write: that sum overflowed and trapped.
    @Test func aBoundNearTheLargestDurationDoesNotTrap() {
        let largest = "9223372036854775s"
        let yaml = Self.pair(#""x" not in labels and human_idle < \#(largest)"#, "{label: x}", #""x" in labels and human_idle < 7d"#, "{unlabel: x}")
        #expect(Self.flips(yaml) == ["reader undoes writer label: x", "writer undoes reader unlabel: x"])
    }

    // MARK: Position and suppression

    @Test func theFindingIsAtTheUndoingAction() throws {
        let file = MarkedRuleFile("""
            rules:
              - name: mark-stale
                when: state == "open" and "stale" not in labels and idle > 30d
                actions:
                  - comment: marking
                  - label: stale
              - name: unmark-stale
                when: >-
                  "stale" in labels and idle < 7d
                actions:
                  - 1️⃣unlabel: stale
            """)
        #expect(file.diagnostics.isEmpty, "\(describe(file.diagnostics))")
        let findings = Linter.lint(file.loaded).filter { $0.code == "flip-flop" }
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.start == file["1️⃣"])
        #expect(finding.end == LineColumn(line: finding.start.line, column: finding.start.column + "unlabel".count))
        #expect(finding.rule == "unmark-stale")
        #expect(finding.severity == .warning)
        #expect(finding.message == "rule `unmark-stale` undoes rule `mark-stale`'s `label: stale` (line 6) on the next run: "
            + "its condition can hold right after `mark-stale` writes")
        #expect(finding.suggestion?.contains("human_idle") == true)
    }

    @Test(arguments: ["writer", "reader"])
    func suppressingOnEitherRuleSilencesThePair(rule: String) {
        let yaml = Self.pair(#""stale" not in labels and idle > 30d"#, "{label: stale}", #""stale" in labels and idle < 7d"#, "{unlabel: stale}")
        let suppressed = yaml.replacing("  - name: \(rule)\n", with: "  - name: \(rule)\n    lint: {ignore: [flip-flop]}\n")
        #expect(suppressed != yaml)
        #expect(Self.flips(suppressed) == [])
    }

    @Test func rulesOfDifferentFilesAreNotCompared() {
        let loaded = RuleLoader.load([
            (path: "a.yaml", bytes: Array("rules: [{name: a, when: draft, actions: [{label: x}]}]\n".utf8)),
            (path: "b.yaml", bytes: Array("rules: [{name: b, when: draft, actions: [{unlabel: x}]}]\n".utf8)),
        ])
        #expect(loaded.diagnostics.isEmpty)
        #expect(!Linter.lint(loaded).contains { $0.code == "flip-flop" })
    }
}
