/// What a checked expression does, computed in one pass as the checker builds it (each node from its
/// own shape and its children's facts): the fields it reads, the lazy data it may load, whether it
/// depends on the evaluation instant, and a rough cost.
///
/// The compiler orders conjuncts by `usesLazyData` and `cost`, decoders skip fields outside
/// `fieldsRead`, rule tests of a rule that `dependsOnNow` must give `now:`, and lint reads all of them.
public struct ExpressionFacts: Hashable, Sendable {
    /// The issue fields evaluation may read, through macros and lambdas too.
    public var fieldsRead: IssueFieldSet
    /// The kinds of lazy data (API calls per issue) evaluation may need.
    public var lazyData: Set<LazyDataKind>
    /// The part of `lazyData` evaluation may load from a source whose reviews carry no time: all of
    /// it but what is read only for its time (`human_idle`'s reviews, `FieldAccessor.timedOnlyLazyData`).
    public var lazyDataWithUntimedReviews: Set<LazyDataKind>
    /// Whether the value depends on the evaluation instant (`now`, `age`, `idle`, `label_age`), so
    /// that a test of it is only reproducible with a fixed `now`.
    public var dependsOnNow: Bool
    /// A rough relative cost of evaluating it once (roughly, nodes after macro expansion, with
    /// regexes and lazy data weighing more), used to order conjuncts cheapest first.
    public var cost: Int

    public var usesLazyData: Bool { !lazyData.isEmpty }

    /// What one request weighs against evaluating nodes: any lazy conjunct costs more than any
    /// cheap one, and lazy conjuncts are ordered by the requests they need (SPEC §8).
    public static let requestCost = 1000

    /// The requests loading `kinds` needs.
    public static func requests(_ kinds: Set<LazyDataKind>) -> Int {
        kinds.reduce(0) { $0 + $1.requests }
    }

    /// `cost` with the requests `profile` makes in place of `LazyDataKind.requests`: none for
    /// pull-request data on an issue, nor for the reviews `human_idle` would read for their time
    /// from a source whose reviews carry none, and what a merge request's data costs there (each
    /// kind counted once: the order it decides is a rough one).
    public func cost(in profile: RequestProfile) -> Int {
        cost - ExpressionFacts.requestCost * (ExpressionFacts.requests(lazyData) - profile.requests(profile.lazyData(of: self)))
    }

    /// The facts of `node`, whose children's facts are already known.
    public init(of node: CheckedNode) {
        fieldsRead = []
        lazyData = []
        lazyDataWithUntimedReviews = []
        dependsOnNow = false
        cost = 1
        var childCost = 0
        for child in CheckedExpression.children(of: node) {
            fieldsRead.formUnion(child.facts.fieldsRead)
            lazyData.formUnion(child.facts.lazyData)
            lazyDataWithUntimedReviews.formUnion(child.facts.lazyDataWithUntimedReviews)
            dependsOnNow = dependsOnNow || child.facts.dependsOnNow
            childCost += child.facts.cost
        }
        switch node {
        case .literal:
            cost = 0
        case let .field(field):
            let descriptor = field.descriptor
            fieldsRead.formUnion(descriptor.fieldsRead)
            lazyData.formUnion(descriptor.lazyData)
            lazyDataWithUntimedReviews.formUnion(descriptor.lazyData.subtracting(descriptor.accessor.timedOnlyLazyData))
            dependsOnNow = descriptor.accessor.dependsOnNow
            cost = descriptor.isLazy ? ExpressionFacts.requestCost * ExpressionFacts.requests(descriptor.lazyData) : 1
        case .now:
            dependsOnNow = true
        case .local, .listConstant:
            break
        case .macro, .lambda:
            cost = childCost
        case .list, .logical:
            cost = 1 + childCost
        case .member, .not, .negate:
            cost = childCost + 1
        case let .call(function, arguments):
            fieldsRead.formUnion(function.fieldsRead)
            dependsOnNow = dependsOnNow || function.dependsOnNow
            if let kind = function.lazyData {
                lazyData.insert(kind)
                lazyDataWithUntimedReviews.insert(kind)
                cost = ExpressionFacts.requestCost * kind.requests + childCost
            } else if function.takesLambda {
                cost = arguments[0].facts.cost + 4 * arguments[1].facts.cost + 5
            } else {
                cost = 2 + childCost
            }
        case let .binary(op, _, right):
            switch op {
            case .in, .notIn: cost = childCost + (right.type.base == .string ? 4 : 2)
            default: cost = childCost + 1
            }
        case let .match(_, matcher, _):
            if case .regex = matcher.strategy { cost = childCost + 20 } else { cost = childCost + 3 }
        }
    }
}

extension CheckedExpression {
    /// Whether evaluating this node may need comments or label events.
    public var usesLazyData: Bool { facts.usesLazyData }
    public var cost: Int { facts.cost }
    public var dependsOnNow: Bool { facts.dependsOnNow }

    /// The operands of a top-level `and` (looking through macros), or the expression itself.
    /// Operands found inside a macro take the range of the macro's use: their own ranges are
    /// offsets into the macro's text, not into the condition they are reported in.
    public var conjuncts: [CheckedExpression] {
        switch node {
        case let .logical(.and, operands):
            return operands.flatMap(\.conjuncts)
        case let .macro(_, body):
            let inner = body.conjuncts
            guard inner.count > 1 else { return [self] }
            return inner.map { conjunct in
                var anchored = conjunct
                anchored.range = range
                return anchored
            }
        default:
            return [self]
        }
    }
}
