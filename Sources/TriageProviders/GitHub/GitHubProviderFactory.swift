public import TriageEngine

extension BuiltinProviders {
    /// `github:OWNER/REPO` or a `github.com` URL; any other host with `--provider github` is a GitHub
    /// Enterprise server, whose API is at `/api/v3` on the same host.
    public static let github = ProviderFactory(
        name: "github", hosts: ["github.com"], summary: "GitHub REST API (github:OWNER/REPO, github:ORG, github:ORG/GLOB; GitHub Enterprise with --api-url https://HOST/api/v3)",
        sourceForm: "github:OWNER/REPO", capabilities: remoteCapabilities,
        readWebURL: { url in
            // github.com/o/r/issues/5, /pulls, /pull/7 → o/r
            let location = ProjectWebPath.of(url, subpages: ["issues", "pulls", "pull"])
            return WebSource(location: location, apiURL: url.host == "github.com" ? nil : "\(url.origin)/api/v3")
        },
        readEvent: { payload, environment throws(WebhookPayloadError) in try GitHubWebhookEvent.read(payload, environment: environment) },
        detection: githubActionsDetection
    ) { configuration in
        let client = APIClient.forRun(
            configuration, hostName: "GitHub", tokenVariables: ["GITHUB_TOKEN", "GH_TOKEN"],
            authHeader: { (name: "Authorization", value: "Bearer \($0)") },
            extraHeaders: [(name: "Accept", value: "application/vnd.github+json"), (name: "X-GitHub-Api-Version", value: "2022-11-28")],
            // GitHub's REST best practices: at least a second between writes.
            defaultWriteInterval: 1)
        if let organization = GitHubOrganizationSource(location: configuration.location) {
            return organization.provider(apiBase: configuration.apiURL, client: client, selection: configuration.repositories,
                                         cache: RunCache.open(for: configuration))
        }
        return try GitHubIssueProvider(location: configuration.location, apiBase: configuration.apiURL, client: client)
            .cached(as: configuration)
    }
}
