public import TriageEngine

extension BuiltinProviders {
    /// `gitlab:GROUP/…/PROJECT` or a `gitlab.com` URL; any other host with `--provider gitlab` is a
    /// self-managed instance, whose API is at `/api/v4` on the same host.
    public static let gitlab = ProviderFactory(
        name: "gitlab", hosts: ["gitlab.com"], summary: "GitLab REST API v4 (gitlab:GROUP/PROJECT, gitlab:GROUP/*; self-managed with --api-url https://HOST/api/v4)",
        sourceForm: "gitlab:GROUP/PROJECT", capabilities: gitLabCapabilities,
        readWebURL: { url in
            // gitlab.com/g/sub/p/-/issues/5 → g/sub/p; the older form g/p/issues/5 → g/p
            let location = ProjectWebPath.of(url, subpages: ["issues", "merge_requests"])
            return WebSource(location: location, apiURL: url.host == "gitlab.com" ? nil : "\(url.origin)/api/v4")
        },
        readEvent: { payload, environment throws(WebhookPayloadError) in try GitLabWebhookEvent.read(payload, environment: environment) },
        detection: gitlabCIDetection
    ) { configuration in
        let client = APIClient.forRun(
            configuration, hostName: "GitLab", tokenVariables: ["GITLAB_TOKEN"], authHeader: { (name: "PRIVATE-TOKEN", value: $0) },
            // GitLab asks for no pause between writes; they are still sent one at a time.
            defaultWriteInterval: 0)
        if let group = GitLabGroupSource(location: configuration.location) {
            return group.provider(apiBase: configuration.apiURL, client: client, selection: configuration.repositories,
                                  cache: RunCache.open(for: configuration))
        }
        return try GitLabIssueProvider(location: configuration.location, apiBase: configuration.apiURL, client: client)
            .cached(as: configuration)
    }
}
