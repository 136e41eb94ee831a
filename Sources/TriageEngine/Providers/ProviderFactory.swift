public import TriageJSON

/// How to build one kind of provider, as registered in a `ProviderRegistry`. Everything that is
/// particular to a provider — its name, the web hosts it serves, how its web URLs name a project,
/// which API a self-hosted instance answers at — lives here, so the registry only asks factories.
public struct ProviderFactory: Sendable {
    public var name: String
    /// Web hosts whose URLs this provider reads, aliases included (`github.com`).
    public var hosts: [String]
    public var summary: String
    /// How a source for this provider is written, for help and messages (`github:OWNER/REPO`).
    public var sourceForm: String
    public var capabilities: ProviderCapabilities
    /// Reads `--source -`: the provider of standard input.
    public var readsStandardInput: Bool
    /// Reads a web URL of this provider (the project it names, the API for its host); nil for
    /// providers that do not read web URLs (files).
    public var readWebURL: (@Sendable (WebURL) -> WebSource)?
    /// Reads a webhook payload of this provider (`--event FILE`) with the environment the CI set
    /// beside it: nil when the payload is not this provider's; throws when it is, but of a kind that
    /// carries an issue and lacks it. nil for providers without webhooks (files).
    public var readEvent: (@Sendable (JSONValue, [String: String]) throws(WebhookPayloadError) -> WebhookEvent?)?
    /// Recognises a CI job on this provider's platform (nil: the provider detects nothing).
    public var detection: SourceDetection?
    public var make: @Sendable (ProviderConfiguration) throws -> any IssueProvider

    public init(name: String, hosts: [String] = [], summary: String, sourceForm: String? = nil, capabilities: ProviderCapabilities,
                readsStandardInput: Bool = false,
                readWebURL: (@Sendable (WebURL) -> WebSource)? = ProviderFactory.wholePath,
                readEvent: (@Sendable (JSONValue, [String: String]) throws(WebhookPayloadError) -> WebhookEvent?)? = nil,
                detection: SourceDetection? = nil,
                make: @escaping @Sendable (ProviderConfiguration) throws -> any IssueProvider) {
        self.name = name
        self.hosts = hosts
        self.summary = summary
        self.sourceForm = sourceForm ?? "\(name):LOCATION"
        self.capabilities = capabilities
        self.readsStandardInput = readsStandardInput
        self.readWebURL = readWebURL
        self.readEvent = readEvent
        self.detection = detection
        self.make = make
    }

    /// Whether URLs on `host` are this provider's.
    public func serves(host: String) -> Bool { hosts.contains(host) }

    /// The default web-URL reading: the whole path is the location, the API is the provider's own.
    public static let wholePath: @Sendable (WebURL) -> WebSource = { url in WebSource(location: url.path.joined(separator: "/")) }
}
