/// Raised when a rule needs lazy data the provider cannot supply (e.g. a file without comments).
public struct LazyDataUnavailable: Error, Hashable, Sendable, CustomStringConvertible {
    public var data: ProviderCapabilities.LazyData
    public var source: String

    public init(data: ProviderCapabilities.LazyData, source: String) {
        self.data = data
        self.source = source
    }

    public var description: String {
        "\(source) has no \(data == .comments ? "comments" : "label events") for this issue"
    }
}
