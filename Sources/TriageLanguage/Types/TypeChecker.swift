/// Resolves names and checks types before any issue is read (SPEC §2).
///
/// One checker serves a whole rule file: macros are checked once, on first use or when asked, each
/// in its own scope (a macro sees macros, lists and fields, never the lambda parameters around its
/// use), and their diagnostics belong to the macro's own text.
public struct TypeChecker {
    public let environment: LanguageEnvironment
    private var macroResults: [String: MacroResult] = [:]
    private var macrosInProgress: [String] = []
    private var diagnostics: [Diagnostic] = []
    private var scopes: [(name: String, type: ValueType)] = []
    /// Macros and lists conditions refer to directly, and those each macro's body refers to: the
    /// unused-definition lint follows them from the conditions.
    private var referencedByConditions: Set<String> = []
    private var referencesOfMacro: [String: Set<String>] = [:]

    struct MacroResult {
        var checked: CheckedExpression?
        var diagnostics: [Diagnostic]
    }

    /// Macros referring to macros deeper than this are an error, not a stack overflow.
    public static let maximumMacroDepth = 64
    /// The largest cost (roughly, nodes after macro expansion) a macro may expand to.
    public static let maximumExpansion = 50_000

    public init(environment: LanguageEnvironment = LanguageEnvironment()) {
        self.environment = environment
    }

    /// Checks a rule condition: the result must be `bool`. Returns nil when there is any error.
    public mutating func checkCondition(_ expression: Expression) -> (CheckedExpression?, [Diagnostic]) {
        let (checked, found) = withFreshDiagnostics { checker in checker.check(expression) }
        var all = found
        if checked.type.isInvalid && !found.contains(where: { $0.severity == .error }) && !referencesBrokenMacro(expression) {
            // An invalid result must come with its reason; never drop a condition silently.
            all.append(Diagnostic(.typeMismatch, "this condition could not be type-checked", at: expression.range))
        }
        if !checked.type.isBooleanLike {
            all.append(Diagnostic(.nonBooleanCondition, "a condition must be bool, but this is \(checked.type)",
                                  at: expression.range, suggestion: Self.booleanHint(for: checked)))
        }
        return (all.contains { $0.severity == .error } || checked.type.isInvalid ? nil : checked, all)
    }

    /// Whether `expression` names a macro that has errors of its own (reported where it is defined).
    private mutating func referencesBrokenMacro(_ expression: Expression) -> Bool {
        switch expression.kind {
        case let .name(name):
            return environment.macros.keys.contains(name) && checkedMacro(name) == nil
        case .literal:
            return false
        case let .list(items): return items.contains { referencesBrokenMacro($0) }
        case let .member(base, _, _): return referencesBrokenMacro(base)
        case let .call(_, _, arguments): return arguments.contains { referencesBrokenMacro($0) }
        case let .lambda(_, _, body): return referencesBrokenMacro(body)
        case let .unary(_, operand): return referencesBrokenMacro(operand)
        case let .binary(_, left, right): return referencesBrokenMacro(left) || referencesBrokenMacro(right)
        case let .logical(_, operands): return operands.contains { referencesBrokenMacro($0) }
        }
    }

    /// The diagnostics of macro `name`'s own text (checking it if nobody used it yet).
    public mutating func diagnostics(ofMacro name: String) -> [Diagnostic] {
        _ = macro(named: name, at: SourceRange(start: 0, end: 0))
        return macroResults[name]?.diagnostics ?? []
    }

    /// The checked body of macro `name`, or nil when it has errors.
    public mutating func checkedMacro(_ name: String) -> CheckedExpression? {
        _ = macro(named: name, at: SourceRange(start: 0, end: 0))
        return macroResults[name]?.checked
    }

    private mutating func withFreshDiagnostics<T>(_ body: (inout TypeChecker) -> T) -> (T, [Diagnostic]) {
        let saved = diagnostics, savedScopes = scopes
        diagnostics = []
        scopes = []
        let result = body(&self)
        let found = diagnostics
        diagnostics = saved
        scopes = savedScopes
        return (result, found)
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func scopesPush(_ name: String, _ type: ValueType) { scopes.append((name, type)) }
    mutating func scopesPop() { scopes.removeLast() }

    mutating func invalid(_ range: SourceRange) -> CheckedExpression {
        CheckedExpression(.literal(.null), type: .invalid, range: range)
    }

    // MARK: Expressions

    mutating func check(_ expression: Expression) -> CheckedExpression {
        let range = expression.range
        switch expression.kind {
        case let .literal(literal):
            return checkLiteral(literal, range: range)
        case let .list(items):
            return checkList(items, range: range)
        case let .name(name):
            return resolve(name, range: range)
        case let .member(base, name, nameRange):
            return checkMember(base, name: name, nameRange: nameRange, range: range)
        case let .call(name, nameRange, arguments):
            return checkCall(name, nameRange: nameRange, arguments: arguments, range: range)
        case .lambda:
            report(Diagnostic(.misplacedLambda, "a lambda can only be the second argument of any, all, none or count", at: range))
            return invalid(range)
        case let .unary(op, operand):
            return checkUnary(op, operand, range: range)
        case let .binary(op, left, right):
            return checkBinary(op, left, right, range: range)
        case let .logical(op, operands):
            return checkLogical(op, operands, range: range)
        }
    }

    private func checkLiteral(_ literal: Literal, range: SourceRange) -> CheckedExpression {
        switch literal {
        case let .int(value): CheckedExpression(.literal(.int(value)), type: .int, range: range)
        case let .string(value): CheckedExpression(.literal(.string(value)), type: .string, range: range)
        case let .bool(value): CheckedExpression(.literal(.bool(value)), type: .bool, range: range)
        case .null: CheckedExpression(.literal(.null), type: .null, range: range)
        case let .duration(value): CheckedExpression(.literal(.duration(value)), type: .duration, range: range)
        case let .time(value, _): CheckedExpression(.literal(.time(value)), type: .time, range: range)
        }
    }

    private mutating func checkList(_ items: [Expression], range: SourceRange) -> CheckedExpression {
        let checked = items.map { check($0) }
        var element: ValueType?
        for item in checked where !item.type.isInvalid {
            if item.type.isOptional {
                report(Diagnostic(.mixedList, "list elements cannot be null or optional (\(item.type))", at: item.range))
                return invalid(range)
            }
            if case .list = item.type.base {
                report(Diagnostic(.mixedList, "lists cannot contain lists", at: item.range))
                return invalid(range)
            }
            if let element, element != item.type {
                report(Diagnostic(.mixedList, "list elements must all have one type: this is \(item.type), the first was \(element)", at: item.range))
                return invalid(range)
            }
            element = item.type
        }
        let type: ValueType = element.map { .list($0) } ?? (checked.isEmpty ? .emptyList : .invalid)
        return CheckedExpression(.list(checked), type: type, range: range)
    }

    // MARK: Names

    private mutating func resolve(_ name: String, range: SourceRange) -> CheckedExpression {
        if let local = scopes.last(where: { $0.name == name }) {
            return CheckedExpression(.local(name), type: local.type, range: range)
        }
        if environment.macros.keys.contains(name) {
            noteReference(to: name)
            guard let body = macro(named: name, at: range) else { return invalid(range) }
            return CheckedExpression(.macro(name: name, body: body), type: body.type, range: range)
        }
        if let value = environment.lists[name] {
            noteReference(to: name)
            let type: ValueType
            switch value {
            case .ints: type = .list(.int)
            default: type = .list(.string)
            }
            return CheckedExpression(.listConstant(name: name, value: value), type: type, range: range)
        }
        if let field = IssueField(rawValue: name) {
            return CheckedExpression(.field(field), type: field.descriptor.type, range: range)
        }
        if name == "now" {
            return CheckedExpression(.now, type: .time, range: range)
        }
        if let function = Function(rawValue: name) {
            report(Diagnostic(.unknownName, "`\(name)` is a function; call it as `\(function.signature)`", at: range, suggestion: "\(name)(…)"))
            return invalid(range)
        }
        let candidates = scopes.map(\.name) + Array(environment.macros.keys) + Array(environment.lists.keys) + FieldCatalog.allNames
        let suggestion = Suggestions.closest(to: name, in: candidates)
        report(Diagnostic(.unknownName, "unknown name `\(name)`" + Suggestions.didYouMean(suggestion),
                          at: range, suggestion: suggestion))
        return invalid(range)
    }

    private mutating func noteReference(to name: String) {
        if let current = macrosInProgress.last {
            referencesOfMacro[current, default: []].insert(name)
        } else {
            referencedByConditions.insert(name)
        }
    }

    /// Macros and lists reachable from the conditions checked so far, through macro bodies
    /// (a list used only by an unused macro is not reachable).
    public var namesReachableFromConditions: Set<String> {
        var reached = referencedByConditions
        var pending = Array(referencedByConditions)
        while let name = pending.popLast() {
            for next in referencesOfMacro[name] ?? [] where reached.insert(next).inserted { pending.append(next) }
        }
        return reached
    }

    /// The checked body of a macro, checking it on first use; nil (already reported) when broken.
    private mutating func macro(named name: String, at range: SourceRange) -> CheckedExpression? {
        if let result = macroResults[name] { return result.checked }
        if let cycleStart = macrosInProgress.firstIndex(of: name) {
            let path = (macrosInProgress[cycleStart...] + [name]).map { "`\($0)`" }.joined(separator: " → ")
            report(Diagnostic(.macroCycle, "macro `\(name)` refers to itself: \(path)", at: range))
            return nil
        }
        guard let entry = environment.macros[name], let body = entry else {
            macroResults[name] = MacroResult(checked: nil, diagnostics: [])
            return nil
        }
        if macrosInProgress.count >= TypeChecker.maximumMacroDepth {
            report(Diagnostic(.nestingTooDeep, "macros nest more than \(TypeChecker.maximumMacroDepth) deep here", at: range))
            return nil
        }
        macrosInProgress.append(name)
        var (checked, found) = withFreshDiagnostics { checker in checker.check(body) }
        macrosInProgress.removeLast()
        if checked.cost > TypeChecker.maximumExpansion {
            // Macros that use other macros several times grow exponentially (m2: m1 and m1, …).
            found.append(Diagnostic(.nestingTooDeep, "macro `\(name)` expands to a condition too large to evaluate; use each macro fewer times",
                                    at: body.range))
        }
        let broken = found.contains { $0.severity == .error } || checked.type.isInvalid
        macroResults[name] = MacroResult(checked: broken ? nil : checked, diagnostics: found)
        return broken ? nil : checked
    }

    // MARK: Members

    private mutating func checkMember(_ baseExpression: Expression, name: String, nameRange: SourceRange, range: SourceRange) -> CheckedExpression {
        let base = check(baseExpression)
        if base.type.isInvalid { return invalid(range) }
        guard RecordMember.recordTypes.contains(base.type.base) else {
            let needed = RecordMember.recordTypes(having: name).map { "a \($0)" }.joined(separator: " or ")
            // A list of records (`linked_prs.state`): the member of each element is meant.
            var suggestion: String?
            if case let .list(element) = base.type.base, RecordMember.recordTypes.contains(element.base) { suggestion = "any(…, x => x.\(name) …)" }
            report(Diagnostic(.typeMismatch, "`.\(name)` needs \(needed), but this is \(base.type)", at: baseExpression.range, suggestion: suggestion))
            return invalid(range)
        }
        guard let member = RecordMember(name, of: base.type.base) else {
            let suggestion = Suggestions.closest(to: name, in: RecordMember.names(of: base.type.base))
            report(Diagnostic(.unknownMember, "a \(base.type.base) has no member `\(name)`" + Suggestions.didYouMean(suggestion),
                              at: nameRange, suggestion: suggestion))
            return invalid(range)
        }
        let type = base.type.isOptional ? member.type.asOptional : member.type
        return CheckedExpression(.member(base, member), type: type, range: range)
    }

    // MARK: Unary

    private mutating func checkUnary(_ op: UnaryOperator, _ operandExpression: Expression, range: SourceRange) -> CheckedExpression {
        let operand = check(operandExpression)
        if operand.type.isInvalid { return invalid(range) }
        switch op {
        case .not:
            guard operand.type.isBooleanLike else {
                report(Diagnostic(.typeMismatch, "`not` needs a bool, but this is \(operand.type)", at: operandExpression.range,
                                  suggestion: Self.booleanHint(for: operand)))
                return invalid(range)
            }
            return CheckedExpression(.not(operand), type: .bool, range: range)
        case .negate:
            guard [.int, .duration, .null].contains(operand.type.base) else {
                report(Diagnostic(.typeMismatch, "unary `-` needs an int or a duration, but this is \(operand.type)", at: operandExpression.range))
                return invalid(range)
            }
            return CheckedExpression(.negate(operand), type: operand.type, range: range)
        }
    }

    /// A hint for using a non-bool where a bool is needed.
    static func booleanHint(for expression: CheckedExpression) -> String? {
        switch expression.type.base {
        case .list, .emptyList: "test the list, e.g. `len(…) > 0` or `\"name\" in …`"
        case .string: "compare it, e.g. `… == \"text\"`"
        case .int: "compare it, e.g. `… > 0`"
        case .comment: "compare it with null, e.g. `… != null`"
        case .pull: "test a member, e.g. `….state == \"open\"`"
        default: nil
        }
    }
}
