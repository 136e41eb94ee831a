import TriageLanguage

/// Two rules of one file whose writes undo each other run after run, the flip-flop that stale bots
/// are known for: one rule labels `stale` when `idle > 30d`, another unlabels it when `idle < 7d`;
/// the label write itself moves `updated`, so the second rule removes the label on the next run and
/// the first adds it back a month later. Opposing writes are `label`/`unlabel` of one label,
/// `close`/`reopen`, `lock`/`unlock`, `assign`/`unassign` of one user, and `milestone` with two
/// different titles.
///
/// For each rule A with a write that rule B's write undoes, the check looks at the issue right after
/// A wrote, at the next run (up to an hour later), and reports B when B's condition is not provably
/// false there. A conjunct of B is false when it contradicts one of A's conjuncts that the write
/// leaves unchanged (the `constant-condition` check's test), or when the check can evaluate it to
/// false after the write. It evaluates, and nothing else (all else "may hold"):
/// - membership of a label or assignee the write added or removed (`"stale" in labels`);
/// - `state`, `locked` and `milestone` compared with a literal, when the write set them;
/// - `len(labels)` / `len(assignees)` (and `labels == []`) after the write added some, or when one
///   of A's unchanged conjuncts requires an element (`"bug" in labels`); and when A required the list
///   empty (`len(labels) == 0`), the whole list: membership, `len`, and `any`/`none`/`all` whose
///   test the check can evaluate for a literal name (`==`, `in`, `starts_with`, …);
/// - comparisons of `idle`, `updated`, `closed` (after `close`), `age`, `human_idle`,
///   `label_age("…")` (with a literal name), `now`, and number and duration literals, also with
///   `+` and `-`: every write restarts `idle` and `updated`, and `label_age` of a label it added;
///   a tool's write is no person's activity, so `human_idle` and `age` keep growing from what A's
///   own conjuncts said (`human_idle > 60d`; `idle > 30d` implies it too; `human_idle <
///   label_age("x")` holds only after a person acted, at most a day before A matched);
/// - `not`, `and` and `or` of these.
/// A conjunct A's write leaves unchanged reads no field the write changes and does not depend on
/// the time, or tests membership of labels or assignees other than the written ones (also
/// `any`/`none` over them when the test is false for every written name).
///
/// The finding is at B's opposing action, with A's as a related location (a `note:` in text).
/// Suppressing `flip-flop` on either rule silences the pair.
struct FlipFlopCheck: LintCheck {
    let code = DiagnosticCode.flipFlop

    let triggeringExamples = [
        """
        rules:
          - name: mark-stale
            when: state == "open" and "stale" not in labels and idle > 30d
            actions: [{label: stale}]
          - name: unmark-stale
            when: >-
              "stale" in labels and idle < 7d
            actions: [{unlabel: stale}]
        """,
        """
        rules:
          - name: close-fixed
            when: state == "open" and "fixed" in labels
            actions: [{close: true}]
          - name: reopen-regressions
            when: state == "closed" and "regression" in labels
            actions: [{reopen: true}]
        """,
    ]
    let nonTriggeringExamples = [
        """
        rules:
          - name: mark-stale
            when: state == "open" and "stale" not in labels and human_idle > 30d
            actions: [{label: stale}]
          - name: unmark-stale
            when: >-
              "stale" in labels and human_idle < 7d
            actions: [{unlabel: stale}]
        """,
        """
        rules:
          - name: close-fixed
            when: state == "open" and "fixed" in labels and "regression" not in labels
            actions: [{close: true}]
          - name: reopen-regressions
            when: state == "closed" and "regression" in labels
            actions: [{reopen: true}, {unlabel: fixed}]
        """,
    ]

    func findings(in file: LoadedFile) -> [FileDiagnostic] {
        var findings: [FileDiagnostic] = []
        let checked = file.rules.indices.filter { !file.rules[$0].ignoredLintCodes.contains(code.rawValue) }
        // The rules by each write they make, so that a writer meets only the rules that may undo
        // it: a file of thousands of rules compares the few opposing pairs, not every pair.
        var rulesByWrite: [WriteKey: [Int]] = [:]
        for index in checked {
            for key in Set(file.rules[index].actions.flatMap(WriteKey.made(by:))) { rulesByWrite[key, default: []].append(index) }
        }
        // Each rule's conjuncts, flattened once: a rule is read as writer once and as reader often.
        let conjuncts = file.rules.map { $0.conditionParts.flatMap(\.checked.conjuncts) }
        for writerIndex in checked {
            let writer = file.rules[writerIndex]
            let effects = WriteEffects(writer.actions)
            guard effects.writes else { continue }
            let candidates = Set(writer.actions.flatMap(WriteKey.undoing).flatMap { rulesByWrite[$0] ?? [] })
            guard !candidates.isEmpty else { continue }
            let writerConjuncts = conjuncts[writerIndex]
            let state = AfterWriteState(writer: writerConjuncts, effects: effects)
            let unchanged = writerConjuncts.filter(effects.leavesUnchanged).map(\.unwrapped)
            for readerIndex in candidates.sorted() where file.rules[readerIndex].name != writer.name {
                guard let (undone, undoing) = Self.firstOpposingWrite(writer.actions, file.rules[readerIndex].actions),
                      !Self.isFalse(conjuncts[readerIndex], after: state, unchanged: unchanged)
                else { continue }
                findings.append(finding(in: file, writer: writer, undone: undone, reader: file.rules[readerIndex], undoing: undoing))
            }
        }
        return findings
    }

    /// Whether some conjunct of the reader's condition cannot hold right after the write: the state
    /// decides it false, or it contradicts one of the writer's conjuncts the write left `unchanged`.
    static func isFalse(_ readerConjuncts: [CheckedExpression], after state: AfterWriteState, unchanged: [CheckedExpression]) -> Bool {
        readerConjuncts.contains { conjunct in
            if state.truth(of: conjunct) == false { return true }
            return unchanged.contains { ConstantConditionCheck.contradiction($0, conjunct.unwrapped) != nil }
        }
    }

    /// The first write of `writer` (its index and text) that a write of `reader` (its index) undoes.
    static func firstOpposingWrite(_ writer: [RuleAction], _ reader: [RuleAction]) -> ((index: Int, text: String), Int)? {
        for (writerIndex, written) in writer.enumerated() {
            for (readerIndex, undoing) in reader.enumerated() {
                if let text = undoneWrite(written, by: undoing) { return ((writerIndex, text), readerIndex) }
            }
        }
        return nil
    }

    /// A write as far as opposing goes: its kind and the label or user it names (a milestone's
    /// title is left out: any other title undoes it, which `undoneWrite` decides).
    struct WriteKey: Hashable {
        var action: String
        var name: String

        /// The keys of the writes `action` makes.
        static func made(by action: RuleAction) -> [WriteKey] {
            switch action {
            case let .label(names), let .unlabel(names), let .assign(names), let .unassign(names):
                names.map { WriteKey(action: action.keyword, name: $0) }
            case .close, .reopen, .lock, .unlock, .milestone: [WriteKey(action: action.keyword, name: "")]
            case .comment, .report: []
            }
        }

        /// The keys of the writes that may undo `action`'s.
        static func undoing(_ action: RuleAction) -> [WriteKey] {
            let opposite: String? = switch action {
            case .label: "unlabel"
            case .unlabel: "label"
            case .assign: "unassign"
            case .unassign: "assign"
            case .close: "reopen"
            case .reopen: "close"
            case .lock: "unlock"
            case .unlock: "lock"
            case .milestone: "milestone"
            case .comment, .report: nil
            }
            guard let opposite else { return [] }
            return made(by: action).map { WriteKey(action: opposite, name: $0.name) }
        }
    }

    /// How `written` reads in a rule file, when `undoing` reverses it. The opposites are
    /// `WriteKey.undoing`'s, so that the two cannot disagree; only two milestones need their titles
    /// compared (any other title undoes one).
    static func undoneWrite(_ written: RuleAction, by undoing: RuleAction) -> String? {
        if case let (.milestone(a), .milestone(b)) = (written, undoing) { return a != b ? "milestone: \(a)" : nil }
        let undoingKeys = Set(WriteKey.made(by: undoing))
        guard let undone = WriteKey.undoing(written).first(where: undoingKeys.contains) else { return nil }
        return undone.name.isEmpty ? written.keyword : "\(written.keyword): \(undone.name)"
    }

    private func finding(in file: LoadedFile, writer: Rule, undone: (index: Int, text: String), reader: Rule, undoing: Int) -> FileDiagnostic {
        let writerPlace = writer.actionLocations.indices.contains(undone.index) ? writer.actionLocations[undone.index] : writer.location
        let readerPlace = reader.actionLocations.indices.contains(undoing) ? reader.actionLocations[undoing] : reader.location
        let message = "rule `\(reader.name)` undoes rule `\(writer.name)`'s `\(undone.text)` (line \(writerPlace.line)) on the next run: "
            + "its condition can hold right after `\(writer.name)` writes"
        let readsIdle = reader.conditionParts.contains { part in
            part.checked.facts.fieldsRead.contains(.idle) || part.checked.facts.fieldsRead.contains(.updated)
        }
        let suggestion = readsIdle
            ? "every write restarts `idle`, this tool's own too: test `human_idle`, which only a person's activity restarts, or make the two conditions exclusive"
            : "make the two conditions exclusive: require in `\(reader.name)` something `\(writer.name)`'s write makes false"
        let written = file.relatedLocation("rule `\(writer.name)` writes `\(undone.text)` here", at: writerPlace,
                                           length: writer.actions[undone.index].keyword.count)
        return file.diagnostic(code, message, severity: severity, at: readerPlace, length: reader.actions[undoing].keyword.count,
                               rule: reader.name, suggestion: suggestion, related: [written])
    }
}
