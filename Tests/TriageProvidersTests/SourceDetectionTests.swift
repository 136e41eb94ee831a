import Testing
import TriageEngine
import TriageProviders

/// CI detection (SPEC §6): each factory recognises its own CI from environment variables; the
/// registry only asks them. The API base the CI names is used for the detected source only.
struct SourceDetectionTests {
    static let registry = BuiltinProviders.registry()

    @Test func gitHubActionsNamesTheWorkflowsRepositoryAndAPI() {
        let detected = Self.registry.detectSource(environment: [
            "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/app", "GITHUB_API_URL": "https://ghe.example/api/v3",
        ])
        #expect(detected == DetectedSource(source: "github:acme/app", apiURL: "https://ghe.example/api/v3", environmentName: "GitHub Actions"))
        #expect(detected?.note == "source: github:acme/app (detected from GitHub Actions)")
    }

    @Test func gitLabCINamesThePipelinesProjectAndAPI() {
        let detected = Self.registry.detectSource(environment: [
            "GITLAB_CI": "true", "CI_PROJECT_PATH": "group/sub/project", "CI_API_V4_URL": "https://gitlab.example/api/v4",
        ])
        #expect(detected == DetectedSource(source: "gitlab:group/sub/project", apiURL: "https://gitlab.example/api/v4", environmentName: "GitLab CI"))
    }

    @Test(arguments: [
        [:],
        ["GITHUB_REPOSITORY": "acme/app"],
        ["GITHUB_ACTIONS": "false", "GITHUB_REPOSITORY": "acme/app"],
        ["GITHUB_ACTIONS": "true"],
        ["GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": ""],
        ["GITLAB_CI": "true"],
        ["GITLAB_CI": "1", "CI_PROJECT_PATH": "g/p"],
        ["CI": "true", "CI_PROJECT_PATH": "g/p"],
    ])
    func nothingIsDetectedOutsideACIOrWithoutItsProject(_ environment: [String: String]) {
        #expect(Self.registry.detectSource(environment: environment) == nil)
    }

    @Test func anEmptyAPIVariableLeavesThePublicAPI() {
        let github = BuiltinProviders.githubActionsDetection.detect(["GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": ""])
        #expect(github?.apiURL == nil && github?.source == "github:o/r")
        let gitlab = BuiltinProviders.gitlabCIDetection.detect(["GITLAB_CI": "true", "CI_PROJECT_PATH": "g/p"])
        #expect(gitlab?.apiURL == nil && gitlab?.source == "gitlab:g/p")
    }

    @Test func theRegistryListsTheCIsItCanDetectAndAsksFactoriesInOrder() {
        #expect(Self.registry.detectableEnvironments == ["GitHub Actions", "GitLab CI"])
        var registry = ProviderRegistry()
        registry.register(ProviderFactory(name: "mine", summary: "test", capabilities: ProviderCapabilities(),
                                          detection: SourceDetection(environmentName: "My CI") { environment in
                                              environment["MY_CI"].map { DetectedSource(source: "mine:\($0)", environmentName: "My CI") }
                                          }) { _ in throw SourceError("never built") })
        registry.register(BuiltinProviders.github)
        let both = ["MY_CI": "x", "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "o/r"]
        #expect(registry.detectSource(environment: both)?.source == "mine:x")
        #expect(registry.detectSource(environment: ["GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "o/r"])?.source == "github:o/r")
    }

    /// An explicit `github:` source is read from the public API even inside GitHub Actions: the
    /// environment's API base belongs to the detected repository only.
    @Test func anExplicitSourceIgnoresTheCIsAPIVariable() async throws {
        let configuration = ProviderConfiguration(location: "", environment: ["GITHUB_ACTIONS": "true", "GITHUB_API_URL": "http://127.0.0.1:9/api"],
                                                  logger: .silent)
        let provider = try Self.registry.resolve("github:acme/app", configuration: configuration)
        let github = try #require(provider as? GitHubIssueProvider)
        #expect(github.apiBase == "https://api.github.com")
        await provider.shutdown()
    }
}
