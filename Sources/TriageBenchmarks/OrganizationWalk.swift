import Foundation
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageTestSupport

/// `ORG=1`: an organisation of 50 repositories × 200 issues on the loopback fake with 50 ms of
/// latency per request, walked with the default 4 repositories in flight, against the walk of the
/// largest single repository times ceil(50/4) (SPEC §7's target: at most 1.3×), with the requests
/// counted. No lazy data: the list walk is what the bound on repositories in flight shapes. Then
/// the same projects as a GitLab group (`gitlab:acme/*`), uncached and through the cache.
enum OrganizationWalk {
    static func report() async throws {
        let repositories = Int(ProcessInfo.processInfo.environment["ORG_REPOS"] ?? "") ?? 50
        let issues = Int(ProcessInfo.processInfo.environment["ORG_ISSUES"] ?? "") ?? 200
        let organization = FakeOrganization(names: (1...repositories).map { "repo-\($0)" }, count: issues)
        let server = try await TestHTTPServer.start(latencyMilliseconds: 50) { request in
            organization.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        let registry = BuiltinProviders.registry()
        func walk(_ source: String, cache: String? = nil, apiPath: String = "") async throws -> (seconds: Double, issues: Int, requests: Int, notModified: Int) {
            let before = server.requests.count
            let configuration = ProviderConfiguration(location: "", apiURL: server.baseURL + apiPath, logger: ProviderLogger(note: { _ in }),
                                                      cache: cache.map { ProviderCacheOptions(directory: $0) })
            let provider = try registry.resolve(source, configuration: configuration)
            let start = DispatchTime.now().uptimeNanoseconds
            var count = 0
            for try await _ in provider.issues(matching: IssueQuery(fields: IssueFieldSet([.number, .title, .url]))) { count += 1 }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let notModified = provider.runNotes.notModified
            await provider.shutdown()
            return (elapsed, count, server.requests.count - before, notModified)
        }
        // Every repository has the same size, so any one is the largest; take the best of 3 walks.
        var single = Double.infinity
        var singleRequests = 0
        for _ in 1...3 {
            let run = try await walk("github:acme/repo-1")
            single = min(single, run.seconds)
            singleRequests = run.requests
        }
        let org = try await walk("github:acme")
        let rounds = (repositories + 3) / 4
        let bound = single * Double(rounds)
        print("organisation walk: \(repositories) repositories × \(issues) issues, 50 ms latency, 4 repositories in flight")
        print(String(format: "  largest single repository: %.3f s (%d requests)", single, singleRequests))
        print(String(format: "  organisation: %.3f s, %d issues, %d requests", org.seconds, org.issues, org.requests))
        print(String(format: "  ratio to single × ceil(%d/4) = %.3f s: %.2f× (target ≤ 1.3×)", repositories, bound, org.seconds / bound))
        // Through the cache, repository by repository: a cold walk, then one over the unchanged organisation.
        let directory = NSTemporaryDirectory() + "triage-org-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["cold cache", "warm cache, unchanged"] {
            let run = try await walk("github:acme", cache: directory)
            print(String(format: "  organisation, %@: %.3f s, %d issues, %d requests", name, run.seconds, run.issues, run.requests))
        }
        // The same repositories as a GitLab group read through its two group lists: uncached, then
        // cold and warm through the cache, which syncs the group lists as one source.
        print("group walk: gitlab:acme/* over the same \(repositories) projects (group issue and merge-request lists)")
        let uncached = try await walk("gitlab:acme/*", apiPath: "/api/v4")
        print(String(format: "  group, no cache: %.3f s, %d issues, %d requests", uncached.seconds, uncached.issues, uncached.requests))
        let groupDirectory = directory + "-group"
        defer { try? FileManager.default.removeItem(atPath: groupDirectory) }
        for name in ["cold cache", "warm cache, unchanged", "warm cache, unchanged again"] {
            let run = try await walk("gitlab:acme/*", cache: groupDirectory, apiPath: "/api/v4")
            print(String(format: "  group, %@: %.3f s, %d issues, %d requests (%d not modified)", name, run.seconds, run.issues, run.requests,
                         run.notModified))
        }
        await server.stop()
    }
}
