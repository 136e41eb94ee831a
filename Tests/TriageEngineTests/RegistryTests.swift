import Testing
import TriageEngine
import TriageLanguage

/// A provider of one's own, in a few lines: what the README shows library users.
struct InMemoryProvider: IssueProvider {
    var issues: [TriageLanguage.Issue]
    var sourceDescription: String { "memory" }
    var capabilities: ProviderCapabilities { ProviderCapabilities() }

    func issues(matching query: IssueQuery) -> AsyncStream<TriageLanguage.Issue> {
        AsyncStream { continuation in
            for issue in issues { continuation.yield(issue) }
            continuation.finish()
        }
    }

    func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] { [] }
    func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
}

struct RegistryTests {
    @Test func aCustomProviderRegistersByNameAndHost() throws {
        var registry = ProviderRegistry()
        registry.register(ProviderFactory(name: "memory", hosts: ["issues.example"], summary: "in memory", capabilities: ProviderCapabilities()) { configuration in
            InMemoryProvider(issues: [])
        })
        #expect(try registry.resolve("memory:anything", configuration: ProviderConfiguration(location: "")).sourceDescription == "memory")
        #expect(try registry.resolve("https://issues.example/acme/rocket", configuration: ProviderConfiguration(location: "")).sourceDescription == "memory")
        #expect(throws: SourceError.self) { try registry.resolve("memroy:x", configuration: ProviderConfiguration(location: "")) }
        #expect(throws: SourceError.self) { try registry.resolve("https://elsewhere.example/a/b", configuration: ProviderConfiguration(location: "")) }
    }

    @Test func credentialsAndPortsInSourceURLsAreNeitherMatchedNorEchoed() throws {
        var registry = ProviderRegistry()
        registry.register(ProviderFactory(name: "memory", hosts: ["issues.example"], summary: "in memory", capabilities: ProviderCapabilities()) { _ in
            InMemoryProvider(issues: [])
        })
        let configuration = ProviderConfiguration(location: "")
        #expect(try registry.resolve("https://user:s3cret@issues.example:443/acme/rocket", configuration: configuration).sourceDescription == "memory")
        do {
            _ = try registry.resolve("https://user:s3cret@elsewhere.example/a/b", configuration: configuration)
            Issue.record("an unknown host resolved")
        } catch {
            #expect(!error.description.contains("s3cret"))
            #expect(error.description.contains("elsewhere.example"))
        }
    }
}
