import Testing
import TriageEngine
import TriageProviders

/// Web URLs as sources: each factory reads its own URLs (project path, API base for its host);
/// the registry only asks the factories.
struct WebSourceTests {
    static func resolve(_ source: String, provider: String? = nil, apiURL: String? = nil) async throws -> any IssueProvider {
        let configuration = ProviderConfiguration(location: "", apiURL: apiURL, logger: .silent)
        return try BuiltinProviders.registry().resolve(source, forcedProvider: provider, configuration: configuration)
    }

    @Test(arguments: [
        ("https://github.com/acme/app", "acme", "app", "https://api.github.com"),
        ("https://github.com/acme/app.git", "acme", "app", "https://api.github.com"),
        ("https://user:s3cret@github.com/acme/app/issues/5", "acme", "app", "https://api.github.com"),
        ("https://github.com/acme/app/pull/7/files", "acme", "app", "https://api.github.com"),
    ])
    func gitHubURLs(_ url: String, _ owner: String, _ repository: String, _ apiBase: String) async throws {
        let provider = try await Self.resolve(url)
        let github = try #require(provider as? GitHubIssueProvider)
        #expect(github.owner == owner && github.repository == repository && github.apiBase == apiBase)
        await provider.shutdown()
    }

    @Test func aGitHubEnterpriseHostGetsItsAPIOnTheSameServer() async throws {
        let provider = try await Self.resolve("http://ghe.example:8080/acme/app/pulls", provider: "github")
        let github = try #require(provider as? GitHubIssueProvider)
        #expect(github.apiBase == "http://ghe.example:8080/api/v3" && github.sourceDescription == "github:acme/app")
        await provider.shutdown()
        let explicit = try await Self.resolve("https://ghe.example/acme/app", provider: "github", apiURL: "https://api.ghe.example/")
        #expect((explicit as? GitHubIssueProvider)?.apiBase == "https://api.ghe.example")
        await explicit.shutdown()
    }

    @Test(arguments: [
        ("https://gitlab.com/group/sub/project/-/issues/5", nil, "group/sub/project", "https://gitlab.com/api/v4"),
        ("https://gitlab.com/group/project/merge_requests/3", nil, "group/project", "https://gitlab.com/api/v4"),
        ("https://git.example/group/project.git", "gitlab", "group/project", "https://git.example/api/v4"),
    ])
    func gitLabURLs(_ url: String, _ forced: String?, _ path: String, _ apiBase: String) async throws {
        let provider = try await Self.resolve(url, provider: forced)
        let gitlab = try #require(provider as? GitLabIssueProvider)
        #expect(gitlab.projectPath == path && gitlab.apiBase == apiBase)
        await provider.shutdown()
    }

    @Test func filesDoNotReadWebURLsAndStdinIsFoundByItsFactory() async throws {
        await #expect(throws: SourceError("the file provider does not read web URLs")) {
            _ = try await Self.resolve("https://example.test/issues.json", provider: "file")
        }
        #expect(try await Self.resolve("-").sourceDescription == "stdin")
        await #expect(throws: SourceError("`issues.json` is not a source; write NAME:LOCATION (file:PATH, - (stdin), github:OWNER/REPO, gitlab:GROUP/PROJECT) or a web URL")) {
            _ = try await Self.resolve("issues.json")
        }
    }
}
