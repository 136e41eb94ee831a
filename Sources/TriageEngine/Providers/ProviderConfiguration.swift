/// Everything a provider needs to be built for one run.
public struct ProviderConfiguration: Sendable {
    /// What to read: `owner/repo`, `group/sub/project`, a file path, `-` for stdin.
    public var location: String
    /// Another API base URL (a self-hosted instance, a test server).
    public var apiURL: String?
    /// Environment variables (tokens come from here, never from rule files).
    public var environment: [String: String]
    /// Skip malformed records instead of failing (file sources).
    public var keepGoing: Bool
    /// Longest wait for a rate limit to reset, in seconds.
    public var maxWaitSeconds: Int
    /// Where the provider's notes and request trace go.
    public var logger: ProviderLogger
    /// Least time between two writes, in seconds (`apply --write-interval`); nil: the provider's
    /// own default (what its host asks of clients).
    public var writeIntervalSeconds: Double?

    /// Which repositories an organisation or group source walks (`--include-archived`, `--shard`, …).
    public var repositories: RepositorySelection
    /// The run's read budget (`--max-requests`), shared by every request; nil for none.
    public var requestBudget: RequestBudget?

    /// The persistent cache remote providers keep (`--cache`, `--cache-max-age`); nil: `--no-cache`.
    public var cache: ProviderCacheOptions?

    public init(location: String, apiURL: String? = nil, environment: [String: String] = [:], keepGoing: Bool = false,
                maxWaitSeconds: Int = 900, logger: ProviderLogger = .standardError(),
                repositories: RepositorySelection = RepositorySelection(), requestBudget: RequestBudget? = nil,
                writeIntervalSeconds: Double? = nil, cache: ProviderCacheOptions? = nil) {
        self.location = location
        self.apiURL = apiURL
        self.environment = environment
        self.keepGoing = keepGoing
        self.maxWaitSeconds = maxWaitSeconds
        self.logger = logger
        self.writeIntervalSeconds = writeIntervalSeconds
        self.repositories = repositories
        self.requestBudget = requestBudget
        self.cache = cache
    }
}
