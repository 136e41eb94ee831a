public import TriageEngine

extension BuiltinProviders {
    public static let file = ProviderFactory(
        name: "file", summary: "JSON array or JSON Lines of GitHub, GitLab or normalized issue objects", sourceForm: "file:PATH",
        capabilities: ProviderCapabilities(), readWebURL: nil
    ) { configuration in
        FileIssueProvider(path: configuration.location, keepGoing: configuration.keepGoing)
    }

    public static let stdin = ProviderFactory(
        name: "stdin", summary: "JSON Lines on standard input (source `-`)", sourceForm: "- (stdin)", capabilities: ProviderCapabilities(),
        readsStandardInput: true, readWebURL: nil
    ) { configuration in
        FileIssueProvider(path: "-", keepGoing: configuration.keepGoing)
    }
}
