import Testing
import TriageEngine
import TriageLanguage
import TriageTestSupport

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
