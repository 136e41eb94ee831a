/// An expression after name resolution and type checking: what the compiler turns into closures and
/// what `explain` walks. Every node knows its type, where it came from, and its `ExpressionFacts`.
public struct CheckedExpression: Hashable, Sendable {
    public let node: CheckedNode
    public let type: ValueType
    public var range: SourceRange
    /// What the expression reads and costs, computed once from the node and its children's facts.
    public let facts: ExpressionFacts

    public init(_ node: CheckedNode, type: ValueType, range: SourceRange) {
        self.node = node
        self.type = type
        self.range = range
        facts = ExpressionFacts(of: node)
    }

    /// The direct subexpressions, in source order.
    public var children: [CheckedExpression] { Self.children(of: node) }

    static func children(of node: CheckedNode) -> [CheckedExpression] {
        switch node {
        case .literal, .field, .now, .local, .listConstant: []
        case let .macro(_, body): [body]
        case let .list(items): items
        case let .member(base, _): [base]
        case let .call(_, arguments): arguments
        case let .lambda(_, body): [body]
        case let .not(operand), let .negate(operand): [operand]
        case let .binary(_, left, right): [left, right]
        case let .logical(_, operands): operands
        case let .match(subject, _, _): [subject]
        }
    }
}

/// Resolved node shapes: names are fields, macros, lists or lambda parameters; `~` carries its
/// compiled regex.
public indirect enum CheckedNode: Hashable, Sendable {
    case literal(Value)
    /// An issue field, lazy ones included (`IssueField.descriptor` says which).
    case field(IssueField)
    case now
    /// A lambda parameter, by name (the compiler assigns it a slot).
    case local(String)
    case listConstant(name: String, value: Value)
    /// A macro reference, kept as a node so `explain` can show the macro's name.
    case macro(name: String, body: CheckedExpression)
    case list([CheckedExpression])
    case member(CheckedExpression, RecordMember)
    case call(Function, [CheckedExpression])
    case lambda(parameter: String, body: CheckedExpression)
    case not(CheckedExpression)
    case negate(CheckedExpression)
    case binary(BinaryOperator, CheckedExpression, CheckedExpression)
    case logical(LogicalOperator, [CheckedExpression])
    case match(CheckedExpression, RegexMatcher, negated: Bool)
}
