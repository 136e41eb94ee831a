import TriageLanguage

/// Everything a provider needs to be built for one run.
public struct ProviderConfiguration: Sendable {
    /// What to read: `owner/repo`, `group/sub/project`, a file path, `-` for stdin.
    public var location: String
    /// Another API base URL (GitHub Enterprise, self-managed GitLab, a test server).
    public var apiURL: String?
    /// Environment variables (tokens come from here, never from rule files).
    public var environment: [String: String]
    /// Skip malformed records instead of failing (file sources).
    public var keepGoing: Bool
    /// Longest wait for a rate limit to reset, in seconds.
    public var maxWaitSeconds: Int

    public init(location: String, apiURL: String? = nil, environment: [String: String] = [:], keepGoing: Bool = false, maxWaitSeconds: Int = 900) {
        self.location = location
        self.apiURL = apiURL
        self.environment = environment
        self.keepGoing = keepGoing
        self.maxWaitSeconds = maxWaitSeconds
    }
}

/// How to build one kind of provider, as registered in a `ProviderRegistry`.
public struct ProviderFactory: Sendable {
    public var name: String
    /// Web hosts whose URLs this provider reads (`github.com`).
    public var hosts: [String]
    public var summary: String
    public var capabilities: ProviderCapabilities
    public var make: @Sendable (ProviderConfiguration) throws -> any IssueProvider

    public init(name: String, hosts: [String] = [], summary: String, capabilities: ProviderCapabilities,
                make: @escaping @Sendable (ProviderConfiguration) throws -> any IssueProvider) {
        self.name = name
        self.hosts = hosts
        self.summary = summary
        self.capabilities = capabilities
        self.make = make
    }
}

/// Providers by name and by web host. The engine only ever sees the `any IssueProvider` this
/// returns; a library user registers a provider of their own with `register(_:)`.
public struct ProviderRegistry: Sendable {
    public private(set) var factories: [ProviderFactory] = []

    public init() {}

    public mutating func register(_ factory: ProviderFactory) {
        factories.removeAll { $0.name == factory.name }
        factories.append(factory)
    }

    public func factory(named name: String) -> ProviderFactory? {
        factories.first { $0.name == name }
    }

    /// Resolves a source spec (SPEC §4): `NAME:LOCATION`, a web URL, or `-` for stdin.
    /// `forcedProvider` (`--provider`) picks the provider for URLs on hosts nobody registered.
    public func resolve(_ source: String, forcedProvider: String? = nil, configuration: ProviderConfiguration) throws(SourceError) -> any IssueProvider {
        var configuration = configuration
        let factory: ProviderFactory
        if source == "-" {
            guard let stdin = self.factory(named: "stdin") else { throw SourceError("no provider reads standard input") }
            factory = stdin
            configuration.location = "-"
        } else if let url = WebURL(source) {
            if let forced = forcedProvider {
                guard let named = self.factory(named: forced) else { throw unknownProvider(forced) }
                factory = named
            } else if let byHost = factories.first(where: { $0.hosts.contains(url.host) }) {
                factory = byHost
            } else {
                throw SourceError("no provider is registered for host \(url.host); pass --provider NAME (registered: \(factories.map(\.name).joined(separator: ", ")))")
            }
            configuration.location = url.projectPath
            if configuration.apiURL == nil, factory.hosts.isEmpty || !factory.hosts.contains(url.host) {
                configuration.apiURL = url.defaultAPIBase(for: factory.name)
            }
        } else if let colon = source.firstIndex(of: ":") {
            let name = String(source[..<colon])
            if let forced = forcedProvider, forced != name {
                throw SourceError("--provider \(forced) does not match the source's provider `\(name)`")
            }
            guard let named = self.factory(named: name) else { throw unknownProvider(name) }
            factory = named
            configuration.location = String(source[source.index(after: colon)...])
        } else {
            throw SourceError("`\(source)` is not a source; write NAME:LOCATION (e.g. github:owner/repo, file:\(source)), a web URL, or - for stdin")
        }
        guard !configuration.location.isEmpty else { throw SourceError("the source `\(source)` names nothing to read") }
        do {
            return try factory.make(configuration)
        } catch let error as SourceError {
            throw error
        } catch {
            throw SourceError("\(source): \(error)")
        }
    }

    private func unknownProvider(_ name: String) -> SourceError {
        let names = factories.map(\.name)
        let suggestion = Suggestions.closest(to: name, in: names)
        return SourceError("unknown provider `\(name)`" + Suggestions.didYouMean(suggestion) + " (known: \(names.joined(separator: ", ")))")
    }
}

/// A source that cannot be resolved or opened; the CLI exits 3 (or 2 for a malformed spec).
public struct SourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The parts of a web URL a source needs: host and project path.
struct WebURL {
    var scheme: String
    var host: String
    var projectPath: String

    init?(_ text: String) {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        scheme = String(text[..<schemeEnd.lowerBound]).lowercased()
        guard scheme == "https" || scheme == "http" else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<hostEnd]
        // Credentials in a URL (`https://user:token@host/…`) are dropped, never echoed; tokens come
        // from the environment. A port does not change which provider serves the host.
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") { authority = authority[..<colon] }
        host = String(authority).lowercased()
        var path = String(rest[hostEnd...]).split(separator: "/").map(String.init)
        if let dash = path.firstIndex(of: "-") { path = Array(path[..<dash]) }
        if let last = path.last, last.hasSuffix(".git") { path[path.count - 1] = String(last.dropLast(4)) }
        // github.com/o/r/issues → o/r
        if path.count > 2, ["issues", "pulls", "pull"].contains(path[2]) { path = Array(path[..<2]) }
        projectPath = path.joined(separator: "/")
    }

    func defaultAPIBase(for provider: String) -> String? {
        switch provider {
        case "github": "\(scheme)://\(host)/api/v3"
        case "gitlab": "\(scheme)://\(host)/api/v4"
        default: nil
        }
    }
}
