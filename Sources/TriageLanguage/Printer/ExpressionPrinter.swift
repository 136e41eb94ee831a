/// Turns a syntax tree back into canonical source: single spaces around operators, parentheses only
/// where precedence needs them. `explain` and test failures show conditions this way, and parsing
/// the output gives back the same tree (a property test checks it).
public enum ExpressionPrinter {
    public static func print(_ expression: Expression) -> String {
        var output = ""
        write(expression, into: &output)
        return output
    }

    /// A string literal that lexes back to `value`.
    public static func quote(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    /// How tightly a node binds, to decide where a child needs parentheses.
    private static func precedence(of expression: Expression) -> Int {
        switch expression.kind {
        case let .binary(op, _, _): op.precedence
        case let .logical(op, _): op.precedence
        case .unary(.not, _): 3
        case .unary(.negate, _): 6
        case .lambda: 0
        default: 8
        }
    }

    private static func write(_ expression: Expression, into output: inout String) {
        switch expression.kind {
        case let .literal(literal):
            output += text(of: literal)
        case let .list(items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", " }
                write(item, into: &output)
            }
            output += "]"
        case let .name(name):
            output += name
        case let .member(base, name, _):
            writeChild(base, minimum: 7, into: &output)
            output += "." + name
        case let .call(name, _, arguments):
            output += name + "("
            for (index, argument) in arguments.enumerated() {
                if index > 0 { output += ", " }
                write(argument, into: &output)
            }
            output += ")"
        case let .lambda(parameter, _, body):
            output += parameter + " => "
            write(body, into: &output)
        case let .unary(.not, operand):
            output += "not "
            writeChild(operand, minimum: 3, into: &output)
        case let .unary(.negate, operand):
            output += "-"
            // `- -x` must not print as `--x`, nor `-(7d)` as a literal `-7d` (same value, other tree).
            if case .unary(.negate, _) = operand.kind { output += " " }
            writeChild(operand, minimum: 6, into: &output)
        case let .logical(op, operands):
            for (index, operand) in operands.enumerated() {
                if index > 0 { output += " \(op.rawValue) " }
                writeChild(operand, minimum: op.precedence + 1, into: &output)
            }
        case let .binary(op, left, right):
            let level = op.precedence
            if op.isComparison {
                // Non-associative: both operands must bind tighter.
                writeChild(left, minimum: level + 1, into: &output)
                output += " \(op.rawValue) "
                writeChild(right, minimum: level + 1, into: &output)
            } else {
                writeChild(left, minimum: level, into: &output)
                output += " \(op.rawValue) "
                writeChild(right, minimum: level + 1, into: &output)
            }
        }
    }

    private static func writeChild(_ child: Expression, minimum: Int, into output: inout String) {
        if precedence(of: child) < minimum {
            output += "("
            write(child, into: &output)
            output += ")"
        } else {
            write(child, into: &output)
        }
    }

    static func text(of literal: Literal) -> String {
        switch literal {
        case let .int(value): String(value)
        case let .string(value): quote(value)
        case let .bool(value): String(value)
        case .null: "null"
        case let .duration(value): value.sourceText
        case let .time(value, dateOnly):
            dateOnly && value.millisecondsSinceEpoch % 86_400_000 == 0 ? String(value.rfc3339.prefix(10)) : value.rfc3339
        }
    }
}
