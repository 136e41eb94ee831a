import TriageLanguage

/// What a rule's actions leave on an issue they write to, for the flip-flop check: the labels and
/// assignees added and removed, the state, lock and milestone set, and whether anything was written
/// at all (every write sets `updated` to the time of the write; a `report` writes nothing to the
/// issue). A comment by the tool is no person's activity, so `human_idle` never changes.
struct WriteEffects: Sendable {
    var addedLabels: Set<String> = []
    var removedLabels: Set<String> = []
    var addedAssignees: Set<String> = []
    var removedAssignees: Set<String> = []
    var state: String?
    var locked: Bool?
    var milestone: String?
    var comments = false

    init(_ actions: [RuleAction]) {
        for action in actions {
            switch action {
            case let .label(names): addedLabels.formUnion(names)
            case let .unlabel(names): removedLabels.formUnion(names)
            case let .assign(names): addedAssignees.formUnion(names)
            case let .unassign(names): removedAssignees.formUnion(names)
            case .close: state = "closed"
            case .reopen: state = "open"
            case .lock: locked = true
            case .unlock: locked = false
            case let .milestone(title): milestone = title
            case .comment: comments = true
            case .report: break
            }
        }
    }

    /// Whether the actions write to the issue (and so move `updated`).
    var writes: Bool {
        !(addedLabels.isEmpty && removedLabels.isEmpty && addedAssignees.isEmpty && removedAssignees.isEmpty)
            || state != nil || locked != nil || milestone != nil || comments
    }

    /// The fields whose value the write may change (membership of labels and assignees is finer:
    /// `changes(label:)`).
    var changedFields: IssueFieldSet {
        guard writes else { return [] }
        var fields = IssueFieldSet([.updated, .idle])
        if !addedLabels.isEmpty || !removedLabels.isEmpty { fields.insert(.labels) }
        if !addedAssignees.isEmpty || !removedAssignees.isEmpty { fields.insert(.assignees) }
        if state != nil { fields.formUnion(IssueFieldSet([.state, .closed])) }
        if locked != nil { fields.insert(.locked) }
        if milestone != nil { fields.insert(.milestone) }
        if comments { fields.formUnion(IssueFieldSet([.comments, .lastComment, .commenters])) }
        return fields
    }

    var changedLabels: Set<String> { addedLabels.union(removedLabels) }
    var changedAssignees: Set<String> { addedAssignees.union(removedAssignees) }

    /// Whether `expression` has the same value right after the write as when the rule was evaluated:
    /// it reads no field the write changes and does not depend on the time, or it tests membership
    /// of labels or assignees the write leaves alone (`"bug" in labels`, `any(labels, l => …)` whose
    /// test is false for every label written).
    func leavesUnchanged(_ expression: CheckedExpression) -> Bool {
        let expression = expression.unwrapped
        if expression.dependsOnNow { return false }
        switch expression.node {
        case let .not(operand):
            return leavesUnchanged(operand)
        case let .logical(_, operands):
            return operands.allSatisfy(leavesUnchanged)
        default:
            break
        }
        if let (name, field, _) = Self.membership(expression) {
            return !(field == .labels ? changedLabels : changedAssignees).contains(name)
        }
        if case let .call(function, arguments) = expression.node, function == .any || function == .none, arguments.count == 2,
           case let .field(field) = arguments[0].unwrapped.node, field == .labels || field == .assignees,
           case let .lambda(parameter, body) = arguments[1].node {
            let written = field == .labels ? changedLabels : changedAssignees
            let rest = changedFields.rawValue & ~IssueFieldSet([field]).rawValue
            return body.facts.fieldsRead.rawValue & rest == 0
                && written.allSatisfy { LambdaTest(parameter: parameter, value: $0).truth(of: body) == false }
        }
        return expression.facts.fieldsRead.rawValue & changedFields.rawValue == 0
    }

    /// `"x" in labels`, `"x" not in assignees`: the name, the list field, and whether it must be in.
    static func membership(_ expression: CheckedExpression) -> (String, IssueField, Bool)? {
        guard case let .binary(op, left, right) = expression.unwrapped.node else { return nil }
        return membership(op, left, right)
    }

    static func membership(_ op: BinaryOperator, _ left: CheckedExpression, _ right: CheckedExpression) -> (String, IssueField, Bool)? {
        guard op == .in || op == .notIn, case let .literal(.string(name)) = left.unwrapped.node, case let .field(field) = right.unwrapped.node,
              field == .labels || field == .assignees
        else { return nil }
        return (name, field, op == .in)
    }
}

/// The value of a lambda's test for one string, where it is a plain test of the parameter against
/// literals (`l == "x"`, `l in ["a", "b"]`, `l in some_list`, `starts_with(l, "triage/")`, and `not`,
/// `and`, `or` of these); nil for anything else.
struct LambdaTest {
    var parameter: String
    var value: String

    func truth(of expression: CheckedExpression) -> Bool? {
        ThreeValuedLogic.truth(of: expression, leaf: leafTruth)
    }

    /// The truth of a node that is no boolean literal, `not`, `and` or `or`.
    private func leafTruth(_ expression: CheckedExpression) -> Bool? {
        switch expression.node {
        case let .binary(op, left, right):
            guard isParameter(left), let strings = strings(right) else { return nil }
            switch op {
            case .equal: return strings.count == 1 ? strings[0] == value : nil
            case .notEqual: return strings.count == 1 ? strings[0] != value : nil
            case .in: return strings.contains(value)
            case .notIn: return !strings.contains(value)
            default: return nil
            }
        case let .call(function, arguments):
            guard arguments.count == 2, isParameter(arguments[0]), case let .literal(.string(text)) = arguments[1].unwrapped.node else { return nil }
            switch function {
            case .startsWith: return value.hasPrefix(text)
            case .endsWith: return value.hasSuffix(text)
            case .contains: return value.contains(text)
            default: return nil
            }
        default:
            return nil
        }
    }

    private func isParameter(_ expression: CheckedExpression) -> Bool {
        if case let .local(name) = expression.unwrapped.node { return name == parameter }
        return false
    }

    private func strings(_ expression: CheckedExpression) -> [String]? {
        switch expression.unwrapped.node {
        case let .literal(.string(text)): return [text]
        case let .literal(.strings(texts)), let .listConstant(_, .strings(texts)): return texts
        case let .list(items):
            let texts = items.compactMap { item -> String? in
                if case let .literal(.string(text)) = item.unwrapped.node { return text }
                return nil
            }
            return texts.count == items.count ? texts : nil
        default: return nil
        }
    }
}
