import Testing
import TriageLanguage
import TriageRules
import TriageTestSupport

/// The actions of SPEC §8 in a rule file: `lock`, `unlock`, `milestone` and `report` decode to
/// their values, and each malformed spelling is one diagnostic at the offending part, with a
/// suggestion where one is plausible.
struct ConversationActionTests {
    @Test func wellFormedActionsDecode() {
        let loaded = loadRuleFile("""
            rules:
              - name: a
                description: Open drafts
                when: draft
                actions:
                  - lock: true
                  - lock: {reason: too heated}
                  - unlock: true
                  - milestone: v2.0
                  - report: {title: "Drafts", labels: [triage-report, weekly]}
                  - report: {title: Drafts}
            """)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        let actions = loaded.ruleSet.rules.first?.actions ?? []
        #expect(actions == [
            .lock(reason: nil), .lock(reason: .tooHeated), .unlock, .milestone("v2.0"),
            .report(ReportSpecification(title: "Drafts", labels: ["triage-report", "weekly"])), .report(ReportSpecification(title: "Drafts")),
        ])
        #expect(loaded.ruleSet.rules.first?.hasReport == true)
    }

    @Test(arguments: [
        "lock: 1️⃣false",
        "lock: 1️⃣[off-topic]",
        "unlock: 1️⃣no",
        "milestone: 1️⃣[v1, v2]",
        "milestone: 1️⃣\"\"",
        "report: 1️⃣weekly",
        "report: 1️⃣{labels: [x]}",
        "report: {title: 1️⃣[a]}",
    ])
    func malformedActions(action: String) {
        let file = MarkedRuleFile("rules:\n  - name: a\n    when: draft\n    actions:\n      - \(action)\n")
        let diagnostic = file.diagnostics.first
        #expect(file.diagnostics.count == 1, "\(describe(file.diagnostics))")
        #expect(["invalid-action", "wrong-type"].contains(diagnostic?.code ?? ""), "\(describe(file.diagnostics))")
        #expect(diagnostic?.start == file["1️⃣"], "\(describe(file.diagnostics))")
    }

    @Test func aMisspelledLockReasonSuggestsTheClosestOne() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                actions:
                  - lock: {reason: 1️⃣offtopic}
            """)
        let diagnostic = expectSingle(file, "invalid-action")
        #expect(diagnostic?.suggestion == "off-topic")
        #expect(diagnostic?.message == "lock reason must be one of off-topic, too heated, resolved, spam, not `offtopic`; did you mean `off-topic`?")
    }

    @Test func anUnknownKeyOfAReportSuggestsTheClosestOne() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                actions:
                  - report: {title: Drafts, 1️⃣lables: [x]}
            """)
        let diagnostic = expectSingle(file, "unknown-key")
        #expect(diagnostic?.suggestion == "labels")
        #expect(diagnostic?.message.contains("did you mean `labels`?") == true)
    }

    @Test func aMisspelledNewActionSuggestsIt() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                actions:
                  - 1️⃣milstone: v1
            """)
        let diagnostic = expectSingle(file, "invalid-action")
        #expect(diagnostic?.suggestion == "milestone")
    }
}
