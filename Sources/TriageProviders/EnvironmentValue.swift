extension BuiltinProviders {
    /// An environment variable's value, nil when unset or empty (CI runners export empty ones).
    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
