/// A recursive-descent parser for the expression language.
///
/// One parse function per production of `Grammar/triage.ebnf` (a test keeps the two in step); the
/// functions live in extensions grouped by grammar category. The first syntax error stops parsing:
/// later errors after a syntax error are mostly noise.
public struct Parser {
    /// Deepest nesting of parentheses, lists, calls and prefix operators the parser accepts. Deeper
    /// input gets a diagnostic instead of exhausting the stack.
    public static let maximumDepth = 256

    var tokens: [Token]
    var index = 0
    var depth = 0

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a whole condition or macro body. Lexical errors are all reported; otherwise the first
    /// syntax error is.
    public static func parse(_ source: String) -> Result<Expression, DiagnosticList> {
        let (tokens, lexical) = Lexer.tokenize(source)
        if !lexical.isEmpty { return .failure(DiagnosticList(lexical)) }
        var parser = Parser(tokens: tokens)
        do {
            return .success(try parser.parseCondition())
        } catch {
            return .failure(DiagnosticList([error.diagnostic]))
        }
    }

    // MARK: Token helpers

    var current: Token { tokens[index] }
    var currentKind: TokenKind { tokens[index].kind }

    func peekKind(_ offset: Int = 1) -> TokenKind {
        let target = index + offset
        return target < tokens.count ? tokens[target].kind : .endOfInput
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func consume(_ kind: TokenKind) -> Token? {
        guard currentKind == kind else { return nil }
        return advance()
    }

    /// Consumes the closing partner of `opening`, or reports it unclosed (at end of input) or a
    /// stray token (anywhere else).
    mutating func expectClosing(_ kind: TokenKind, opening: Token, context: String) throws(ParseError) -> Token {
        if let token = consume(kind) { return token }
        if currentKind == .endOfInput {
            throw ParseError(Diagnostic(.unclosedDelimiter, "`\(opening.kind.displayText)` is not closed",
                                        at: opening.range, suggestion: "add `\(kind.displayText)`"))
        }
        throw unexpected(expected: "`\(kind.displayText)` \(context)")
    }

    func unexpected(expected: String) -> ParseError {
        let found = currentKind == .endOfInput ? "the end of the expression" : "`\(currentKind.displayText)`"
        return ParseError(Diagnostic(.unexpectedToken, "expected \(expected), found \(found)", at: current.range))
    }

    /// Runs `body` one level deeper, failing cleanly past `maximumDepth`.
    mutating func nested<T>(_ body: (inout Parser) throws(ParseError) -> T) throws(ParseError) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth {
            throw ParseError(Diagnostic(.nestingTooDeep, "expression is nested more than \(Parser.maximumDepth) levels deep", at: current.range))
        }
        return try body(&self)
    }
}

/// The error that stops the parser: one diagnostic.
struct ParseError: Error {
    var diagnostic: Diagnostic
    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}

/// Diagnostics as an `Error`, for APIs that return `Result`.
public struct DiagnosticList: Error, Hashable, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
