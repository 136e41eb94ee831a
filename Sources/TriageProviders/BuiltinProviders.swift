public import TriageEngine
import Foundation

/// The providers `triage` ships, ready to register.
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

    /// What the REST providers supply and perform: both lazy fields and every action.
    public static let remoteCapabilities = ProviderCapabilities(lazyData: [.comments, .labelEvents],
                                                                writeActions: Set(ProviderCapabilities.WriteAction.allCases))

    public static let github = ProviderFactory(
        name: "github", hosts: ["github.com"], summary: "GitHub REST API (github:OWNER/REPO; GitHub Enterprise with --api-url https://HOST/api/v3)",
        capabilities: remoteCapabilities
    ) { configuration in
        let environment = configuration.environment
        let token = [environment["GITHUB_TOKEN"], environment["GH_TOKEN"]].compactMap { $0 }.first { !$0.isEmpty }
        let client = APIClient(
            hostName: "GitHub", tokenVariables: "GITHUB_TOKEN or GH_TOKEN", token: token,
            authHeader: { (name: "Authorization", value: "Bearer \($0)") },
            extraHeaders: [(name: "Accept", value: "application/vnd.github+json"), (name: "X-GitHub-Api-Version", value: "2022-11-28")],
            transport: AsyncHTTPClientTransport(), policy: RetryPolicy(maxWaitSeconds: configuration.maxWaitSeconds),
            log: standardErrorLine, trace: trace(environment))
        return try GitHubIssueProvider(location: configuration.location, apiBase: configuration.apiURL, client: client)
    }

    public static let gitlab = ProviderFactory(
        name: "gitlab", hosts: ["gitlab.com"], summary: "GitLab REST API v4 (gitlab:GROUP/PROJECT; self-managed with --api-url https://HOST/api/v4)",
        capabilities: remoteCapabilities
    ) { configuration in
        let environment = configuration.environment
        let token = environment["GITLAB_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let client = APIClient(
            hostName: "GitLab", tokenVariables: "GITLAB_TOKEN", token: token,
            authHeader: { (name: "PRIVATE-TOKEN", value: $0) },
            transport: AsyncHTTPClientTransport(), policy: RetryPolicy(maxWaitSeconds: configuration.maxWaitSeconds),
            log: standardErrorLine, trace: trace(environment))
        return try GitLabIssueProvider(location: configuration.location, apiBase: configuration.apiURL, client: client)
    }

    /// Progress and warnings of remote providers: stderr, never stdout (reports go there).
    static let standardErrorLine: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data("\(line)\n".utf8))
    }

    /// The request trace, on with `--verbose` (the CLI sets `TRIAGE_VERBOSE=1` in the configuration).
    static func trace(_ environment: [String: String]) -> (@Sendable (String) -> Void)? {
        guard environment["TRIAGE_VERBOSE"] == "1" else { return nil }
        let write = standardErrorLine
        return { line in write("trace: \(line)") }
    }
}
