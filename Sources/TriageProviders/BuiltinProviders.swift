public import TriageEngine

/// The providers `triage` ships, ready to register.
public enum BuiltinProviders {
    /// A registry with every built-in provider.
    public static func registry() -> ProviderRegistry {
        var registry = ProviderRegistry()
        registry.register(file)
        registry.register(stdin)
        return registry
    }

    public static let file = ProviderFactory(
        name: "file", summary: "JSON array or JSON Lines of GitHub, GitLab or normalized issue objects",
        capabilities: ProviderCapabilities()
    ) { configuration in
        FileIssueProvider(path: configuration.location, keepGoing: configuration.keepGoing)
    }

    public static let stdin = ProviderFactory(
        name: "stdin", summary: "JSON Lines on standard input (source `-`)", capabilities: ProviderCapabilities()
    ) { configuration in
        FileIssueProvider(path: "-", keepGoing: configuration.keepGoing)
    }
}
