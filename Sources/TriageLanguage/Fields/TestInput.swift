/// How a rule test's `issue:` mapping sets a field (SPEC §3): the YAML shape it takes and the
/// stored property it writes (a closure, like `FieldAccessor`'s readers).
public enum TestInput: Sendable {
    public typealias Setter<T> = @Sendable (inout Issue, T) -> Void

    case int(Setter<Int>)
    /// Text; `options` restricts it to a few words (`state: open|closed`).
    case text(Setter<String>, options: [String]? = nil)
    /// Text or null.
    case optionalText(Setter<String?>)
    case texts(Setter<[String]>)
    case bool(Setter<Bool>)
    case time(Setter<Timestamp>)
    /// A time or null.
    case optionalTime(Setter<Timestamp?>)
    /// Computed from another field and `now` (`age`, `idle`): a test sets that field instead.
    case computed(from: IssueField)
    /// Lazy data a test gives under its own key (`comments:`), not in `issue:`.
    case notInIssue
}
