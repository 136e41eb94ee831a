/// What a factory reads from a web URL: the location to open and, for a self-hosted instance, the
/// API base URL on that server (nil: the provider's public API, or `--api-url`).
public struct WebSource: Hashable, Sendable {
    public var location: String
    public var apiURL: String?

    public init(location: String, apiURL: String? = nil) {
        self.location = location
        self.apiURL = apiURL
    }
}
