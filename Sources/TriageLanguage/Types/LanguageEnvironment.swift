/// What a rule file defines for its conditions to use: macros (named expressions) and lists
/// (named constants). Names resolve as lambda parameters, macros, lists, issue fields, then `now`.
public struct LanguageEnvironment: Sendable {
    /// Macro bodies as parsed; `nil` for a macro whose text did not parse (its errors are reported
    /// where it is defined, and uses of it stay quiet).
    public var macros: [String: Expression?]
    public var lists: [String: Value]

    public init(macros: [String: Expression?] = [:], lists: [String: Value] = [:]) {
        self.macros = macros
        self.lists = lists
    }

    /// Names a macro or list may not take: fields, functions, keywords and `now`.
    public static let reservedNames: Set<String> = Set(FieldCatalog.allNames)
        .union(Function.allCases.map(\.rawValue))
        .union(TokenKind.keywords.keys)
}
