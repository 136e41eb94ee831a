/// The built-in functions of the language (SPEC §2), all checked for arity and argument types.
public enum Function: String, CaseIterable, Hashable, Sendable {
    case any, all, none, count, len, lower, upper, trim
    case startsWith = "starts_with", endsWith = "ends_with", contains, glob
    case labelAge = "label_age"

    /// The signature as the reference and error messages show it.
    public var signature: String {
        switch self {
        case .any, .all, .none: "\(rawValue)(list, x => bool) -> bool"
        case .count: "count(list, x => bool) -> int"
        case .len: "len(list | string) -> int"
        case .lower, .upper, .trim: "\(rawValue)(string) -> string"
        case .startsWith: "starts_with(string, prefix) -> bool"
        case .endsWith: "ends_with(string, suffix) -> bool"
        case .contains: "contains(string, substring) -> bool"
        case .glob: "glob(string, pattern) -> bool"
        case .labelAge: "label_age(name) -> duration?"
        }
    }

    public var arity: Int {
        switch self {
        case .len, .lower, .upper, .trim, .labelAge: 1
        default: 2
        }
    }

    /// Functions whose second argument is a lambda over the first argument's elements.
    public var takesLambda: Bool { [.any, .all, .none, .count].contains(self) }

    /// The lazy data a call loads (`label_age` reads label events, one API call per issue), like a
    /// lazy field's `FieldDescriptor.lazyData`.
    public var lazyData: LazyDataKind? { self == .labelAge ? .labelEvents : nil }

    /// The issue fields a call reads besides its arguments' (`label_age` checks the label is on the
    /// issue and counts from `created` when no event says when it was added).
    public var fieldsRead: IssueFieldSet { self == .labelAge ? IssueFieldSet([.labels, .created]) : [] }

    /// Whether a call's value depends on the evaluation instant.
    public var dependsOnNow: Bool { self == .labelAge }
}
