public import TriageLanguage

/// Raised when a rule needs lazy data the provider cannot supply (e.g. a file without comments).
public struct LazyDataUnavailable: Error, Hashable, Sendable, CustomStringConvertible {
    public var data: ProviderCapabilities.LazyData
    public var source: String

    public init(data: ProviderCapabilities.LazyData, source: String) {
        self.data = data
        self.source = source
    }

    public var description: String {
        "\(source) has no \(data.readableName) for this issue"
    }
}

extension LazyDataKind {
    /// The data as messages name it.
    public var readableName: String {
        switch self {
        case .comments: "comments"
        case .labelEvents: "label events"
        case .reviews: "reviews"
        case .linkedPulls: "linked pull requests"
        case .checks: "checks"
        }
    }
}
