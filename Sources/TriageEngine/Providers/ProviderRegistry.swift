import TriageLanguage

/// Providers by name and by web host. The engine only ever sees the `any IssueProvider` this
/// returns; a library user registers a provider of their own with `register(_:)`. The registry
/// knows no provider: it asks the factories which host, URL and standard input are theirs.
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

    /// How sources are written, one per provider, for help texts (`file:PATH`, `-`, …).
    public var sourceForms: [String] { factories.map(\.sourceForm) }

    /// The providers that read web URLs, for `--provider`.
    public var webProviderNames: [String] { factories.filter { $0.readWebURL != nil }.map(\.name) }

    /// The providers that can write (`apply --yes`).
    public var writableProviderNames: [String] { factories.filter { !$0.capabilities.writeActions.isEmpty }.map(\.name) }

    /// The CIs whose source some provider detects, for messages ("GitHub Actions, GitLab CI").
    public var detectableEnvironments: [String] { factories.compactMap(\.detection?.environmentName) }

    /// The source the environment names (SPEC §6, "CI detection"): the first provider, in
    /// registration order, that recognises its CI; nil outside every CI a provider knows.
    public func detectSource(environment: [String: String]) -> DetectedSource? {
        for factory in factories {
            if let detected = factory.detection?.detect(environment) { return detected }
        }
        return nil
    }

    /// Resolves a source spec (SPEC §4): `NAME:LOCATION`, a web URL, or `-` for stdin.
    /// `forcedProvider` (`--provider`) picks the provider for URLs on hosts nobody registered.
    public func resolve(_ source: String, forcedProvider: String? = nil, configuration: ProviderConfiguration) throws(SourceError) -> any IssueProvider {
        let (factory, configuration) = try locate(source, forcedProvider: forcedProvider, configuration: configuration)
        do {
            return try factory.make(configuration)
        } catch let error as SourceError {
            throw error
        } catch {
            throw SourceError("\(source): \(error)")
        }
    }

    /// The factory a source spec names and the configuration it would be made with (its location,
    /// and the API base a web URL implies), without making the provider.
    public func locate(_ source: String, forcedProvider: String? = nil, configuration: ProviderConfiguration)
        throws(SourceError) -> (factory: ProviderFactory, configuration: ProviderConfiguration) {
        var configuration = configuration
        let factory: ProviderFactory
        if source == "-" {
            guard let stdin = factories.first(where: \.readsStandardInput) else { throw SourceError("no provider reads standard input") }
            factory = stdin
            configuration.location = "-"
        } else if let url = WebURL(source) {
            if let forced = forcedProvider {
                guard let named = self.factory(named: forced) else { throw unknownProvider(forced) }
                factory = named
            } else if let byHost = factories.first(where: { $0.serves(host: url.host) }) {
                factory = byHost
            } else {
                throw SourceError("no provider is registered for host \(url.host); pass --provider NAME (registered: \(factories.map(\.name).joined(separator: ", ")))")
            }
            guard let read = factory.readWebURL else { throw SourceError("the \(factory.name) provider does not read web URLs") }
            let web = read(url)
            configuration.location = web.location
            if configuration.apiURL == nil { configuration.apiURL = web.apiURL }
        } else if let colon = source.firstIndex(of: ":") {
            let name = String(source[..<colon])
            if let forced = forcedProvider, forced != name {
                throw SourceError("--provider \(forced) does not match the source's provider `\(name)`")
            }
            guard let named = self.factory(named: name) else { throw unknownProvider(name) }
            factory = named
            configuration.location = String(source[source.index(after: colon)...])
        } else {
            throw SourceError("`\(source)` is not a source; write NAME:LOCATION (\(sourceForms.joined(separator: ", "))) or a web URL")
        }
        guard !configuration.location.isEmpty else { throw SourceError("the source `\(source)` names nothing to read") }
        return (factory, configuration)
    }

    private func unknownProvider(_ name: String) -> SourceError {
        let names = factories.map(\.name)
        let suggestion = Suggestions.closest(to: name, in: names)
        return SourceError("unknown provider `\(name)`" + Suggestions.didYouMean(suggestion) + " (known: \(names.joined(separator: ", ")))")
    }
}
