/// A YAML problem located in the source, ready to show to the person who wrote the file.
public struct YAMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. libyaml's "did not find expected key".
    public var message: String
    /// Where it went wrong.
    public var mark: YAMLMark
    /// What was being read when it went wrong, with where that started,
    /// e.g. "while parsing a block mapping that started at line 1, column 1".
    public var context: String?

    public init(message: String, mark: YAMLMark, context: String? = nil) {
        self.message = message
        self.mark = mark
        self.context = context
    }

    public var description: String {
        var text = "\(mark): \(message)"
        if let context {
            text += " (\(context))"
        }
        return text
    }
}
