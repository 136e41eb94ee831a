public import TriageLanguage
public import TriageRules

/// Derives the `IssueQuery` a provider may push down, conservatively: a filter is only included
/// when every selected rule requires it, so no issue a rule could match is ever left out.
public enum QueryDerivation {
    /// What one condition requires of every issue it matches.
    struct Requirements: Equatable {
        var state: String?
        var kind: String?
        var labels: Set<String> = []
        var updatedSince: Timestamp?

        /// Both hold: the stricter of each.
        func and(_ other: Requirements) -> Requirements {
            Requirements(state: state ?? other.state, kind: kind ?? other.kind, labels: labels.union(other.labels),
                         updatedSince: [updatedSince, other.updatedSince].compactMap { $0 }.max())
        }

        /// Either holds: only what both require.
        func or(_ other: Requirements) -> Requirements {
            Requirements(state: state == other.state ? state : nil, kind: kind == other.kind ? kind : nil,
                         labels: labels.intersection(other.labels),
                         updatedSince: updatedSince.flatMap { a in other.updatedSince.map { b in min(a, b) } })
        }
    }

    /// The query for a rule set evaluated at `now`, reading `fields`.
    public static func query(for rules: [Rule], now: Timestamp, fields: IssueFieldSet) -> IssueQuery {
        guard let first = rules.first else { return IssueQuery(fields: fields) }
        let combined = rules.dropFirst().reduce(requirements(of: first, now: now)) { $0.or(requirements(of: $1, now: now)) }
        return IssueQuery(state: combined.state, kind: combined.kind, labels: combined.labels.sorted(),
                          updatedSince: combined.updatedSince, fields: fields)
    }

    static func requirements(of rule: Rule, now: Timestamp) -> Requirements {
        rule.conditionParts.reduce(Requirements()) { $0.and(requirements(of: $1.checked, now: now)) }
    }

    static func requirements(of expression: CheckedExpression, now: Timestamp) -> Requirements {
        switch expression.node {
        case let .macro(_, body):
            return requirements(of: body, now: now)
        case let .logical(.and, operands):
            return operands.reduce(Requirements()) { $0.and(requirements(of: $1, now: now)) }
        case let .logical(.or, operands):
            let parts = operands.map { requirements(of: $0, now: now) }
            return parts.dropFirst().reduce(parts[0]) { $0.or($1) }
        case let .binary(op, left, right):
            return comparisonRequirements(op, left, right, now: now) ?? comparisonRequirements(op.mirrored, right, left, now: now) ?? Requirements()
        default:
            return Requirements()
        }
    }

    /// Requirements of `field op constant` (the caller also tries the mirrored form).
    private static func comparisonRequirements(_ op: BinaryOperator?, _ left: CheckedExpression, _ right: CheckedExpression, now: Timestamp) -> Requirements? {
        guard let op else { return nil }
        switch (left.node, op, right.node) {
        case let (.field(.state), .equal, .literal(.string(value))) where ["open", "closed"].contains(value):
            return Requirements(state: value)
        case let (.field(.state), .notEqual, .literal(.string(value))) where ["open", "closed"].contains(value):
            return Requirements(state: value == "open" ? "closed" : "open")
        case let (.field(.kind), .equal, .literal(.string(value))) where ["issue", "pull_request"].contains(value):
            return Requirements(kind: value)
        case let (.field(.kind), .notEqual, .literal(.string(value))) where ["issue", "pull_request"].contains(value):
            return Requirements(kind: value == "issue" ? "pull_request" : "issue")
        case let (.literal(.string(label)), .in, .field(.labels)):
            return Requirements(labels: [label])
        case let (.field(.idle), .less, .literal(.duration(span))), let (.field(.idle), .lessOrEqual, .literal(.duration(span))):
            return Requirements(updatedSince: now - span)
        case let (.field(.updated), .greater, .literal(.time(time))), let (.field(.updated), .greaterOrEqual, .literal(.time(time))):
            return Requirements(updatedSince: time)
        default:
            return nil
        }
    }
}

extension BinaryOperator {
    /// The operator with its operands swapped (`a < b` is `b > a`); nil when not symmetric in that way.
    var mirrored: BinaryOperator? {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: nil
        }
    }
}
