public import TriageEngine

/// The providers `triage` ships, ready to register. Each factory is defined next to its provider
/// (`GitHubProviderFactory.swift`, …) with everything particular to it.
public enum BuiltinProviders {
    /// A registry with every built-in provider.
    public static func registry() -> ProviderRegistry {
        var registry = ProviderRegistry()
        registry.register(file)
        registry.register(stdin)
        registry.register(github)
        registry.register(gitlab)
        return registry
    }

    /// What the REST providers supply and perform: every kind of lazy data and every action.
    public static let remoteCapabilities = ProviderCapabilities(lazyData: Set(ProviderCapabilities.LazyData.allCases),
                                                                writeActions: Set(ProviderCapabilities.WriteAction.allCases))

    /// GitLab's: those of every REST provider, but its reviews (approvals, reviewers) carry no time,
    /// so `human_idle` on a merge request needs only the notes (SPEC §8).
    public static let gitLabCapabilities: ProviderCapabilities = {
        var capabilities = remoteCapabilities
        capabilities.reviewsCarryTime = false
        return capabilities
    }()
}
