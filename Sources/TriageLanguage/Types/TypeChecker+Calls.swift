/// Type rules of function calls, including the lambda-taking functions.
extension TypeChecker {
    mutating func checkCall(_ name: String, nameRange: SourceRange, arguments: [Expression], range: SourceRange) -> CheckedExpression {
        guard let function = Function(rawValue: name) else {
            for argument in arguments where !isLambda(argument) { _ = check(argument) }
            let suggestion = Suggestions.closest(to: name, in: Function.allCases.map(\.rawValue))
            var message = "unknown function `\(name)`" + Suggestions.didYouMean(suggestion)
            if environment.macros.keys.contains(name) || environment.lists.keys.contains(name) || IssueField(rawValue: name) != nil {
                message = "`\(name)` is not a function"
            }
            report(Diagnostic(.unknownFunction, message, at: nameRange, suggestion: suggestion))
            return invalid(range)
        }
        guard arguments.count == function.arity else {
            let plural = function.arity == 1 ? "argument" : "arguments"
            report(Diagnostic(.wrongArity, "`\(name)` takes \(function.arity) \(plural) but got \(arguments.count): \(function.signature)",
                              at: range))
            return invalid(range)
        }
        if function.takesLambda { return checkLambdaCall(function, arguments, range: range) }
        var checked: [CheckedExpression] = []
        for argument in arguments {
            if isLambda(argument) {
                report(Diagnostic(.misplacedLambda, "`\(name)` takes no lambda: \(function.signature)", at: argument.range))
                return invalid(range)
            }
            checked.append(check(argument))
        }
        if checked.contains(where: { $0.type.isInvalid }) { return invalid(range) }
        func expect(_ index: Int, _ accepted: [ValueType], _ what: String) -> Bool {
            let type = checked[index].type.base
            if type == .null || accepted.contains(type) { return true }
            report(Diagnostic(.typeMismatch, "argument \(index + 1) of `\(name)` must be \(what), but this is \(checked[index].type): \(function.signature)",
                              at: arguments[index].range))
            return false
        }
        let anyOptional = checked.contains { $0.type.isOptional }
        let type: ValueType
        switch function {
        case .len:
            guard checked[0].type.listElement != nil || expect(0, [.string], "a list or a string") else { return invalid(range) }
            type = anyOptional ? .optional(.int) : .int
        case .lower, .upper, .trim:
            guard expect(0, [.string], "a string") else { return invalid(range) }
            type = anyOptional ? .optional(.string) : .string
        case .startsWith, .endsWith, .contains, .glob:
            guard expect(0, [.string], "a string"), expect(1, [.string], "a string") else { return invalid(range) }
            type = .bool
        case .labelAge:
            guard expect(0, [.string], "a label name (string)") else { return invalid(range) }
            type = .optional(.duration)
        case .any, .all, .none, .count:
            return invalid(range)
        }
        return CheckedExpression(.call(function, checked), type: type, range: range)
    }

    private func isLambda(_ expression: Expression) -> Bool {
        if case .lambda = expression.kind { return true }
        return false
    }

    /// `any`/`all`/`none`/`count(list, x => bool)`: the parameter takes the list's element type.
    private mutating func checkLambdaCall(_ function: Function, _ arguments: [Expression], range: SourceRange) -> CheckedExpression {
        if isLambda(arguments[0]) {
            report(Diagnostic(.misplacedLambda, "the lambda comes second: \(function.signature)", at: arguments[0].range))
            return invalid(range)
        }
        let list = check(arguments[0])
        guard case let .lambda(parameter, _, bodyExpression) = arguments[1].kind else {
            _ = check(arguments[1])
            report(Diagnostic(.typeMismatch, "argument 2 of `\(function.rawValue)` must be a lambda such as `x => x == \"bug\"`: \(function.signature)",
                              at: arguments[1].range))
            return invalid(range)
        }
        if list.type.isInvalid { return invalid(range) }
        guard let element = list.type.listElement else {
            report(Diagnostic(.typeMismatch, "argument 1 of `\(function.rawValue)` must be a list, but this is \(list.type)", at: arguments[0].range))
            return invalid(range)
        }
        scopesPush(parameter, element)
        let body = check(bodyExpression)
        scopesPop()
        if body.type.isInvalid { return invalid(range) }
        guard body.type.isBooleanLike else {
            report(Diagnostic(.typeMismatch, "the lambda of `\(function.rawValue)` must give a bool, but gives \(body.type)", at: bodyExpression.range,
                              suggestion: Self.booleanHint(for: body)))
            return invalid(range)
        }
        let lambda = CheckedExpression(.lambda(parameter: parameter, body: body), type: .bool, range: arguments[1].range)
        return CheckedExpression(.call(function, [list, lambda]), type: function == .count ? .int : .bool, range: range)
    }
}
