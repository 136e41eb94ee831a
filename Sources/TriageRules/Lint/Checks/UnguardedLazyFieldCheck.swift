import TriageLanguage

/// A lazy field (`last_comment`, `commenters`, `label_age`, SPEC §8's `human_idle`,
/// `last_human_comment`, `linked_prs`, `review_state`, `checks`) with no cheap condition beside it:
/// every issue of the source, closed ones included, then costs an API call.
struct UnguardedLazyFieldCheck: LintCheck {
    let code = DiagnosticCode.unguardedLazyField

    let triggeringExamples = [
        """
        rules:
          - name: author-replied
            when: last_comment.author == author
        """,
        """
        rules:
          - name: long-stale
            when: label_age("stale") > 30d or draft
        """,
        // A lazy conjunct is no guard for another: both cost requests for every issue.
        """
        rules:
          - name: ready
            when: review_state == "approved" and checks == "success"
        """,
        """
        rules:
          - name: quiet
            when: human_idle > 30d and not any(linked_prs, p => p.state == "open")
        """,
    ]
    let nonTriggeringExamples = [
        """
        rules:
          - name: author-replied
            when: state == "open" and "waiting" in labels and last_comment.author == author
        """,
        """
        rules:
          - name: ready
            when: kind == "pull_request" and review_state == "approved" and checks == "success"
        """,
    ]

    func findings(in file: LoadedFile) -> [FileDiagnostic] {
        var findings: [FileDiagnostic] = []
        for rule in file.rules where rule.condition.usesLazyData {
            let conjuncts = rule.conditionParts.flatMap { part in part.checked.conjuncts.map { ($0, part) } }
            guard !conjuncts.contains(where: { !$0.0.usesLazyData }) else { continue }
            guard let (lazy, part) = conjuncts.first else { continue }
            var field = "lazy data", requests = 1
            lazy.forEachNode { node in
                guard field == "lazy data" else { return }
                if case let .field(name) = node.node, name.descriptor.isLazy {
                    field = "`\(name.rawValue)`"
                    requests = ExpressionFacts.requests(name.descriptor.lazyData)
                }
                if case let .call(function, _) = node.node, let kind = function.lazyData {
                    field = "`\(function.rawValue)`"
                    requests = kind.requests
                }
            }
            // SPEC §8's fields may take several requests (`checks`: the pull request, its status, its runs).
            let cost = requests > 1 ? "up to \(requests) API calls" : "an API call"
            findings.append(file.diagnostic(code, "\(field) costs \(cost) per issue and nothing cheaper filters issues first",
                                            severity: severity, at: lazy.range, in: part, rule: rule.name,
                                            suggestion: "add a cheap condition with `and`, e.g. `state == \"open\" and …`"))
        }
        return findings
    }
}
