public import TriageEngine
import TriageLanguage

/// A provider that talks to an API through an `APIClient`: its run notes count the client's
/// calls, and `shutdown()` releases the client's connections.
public protocol RemoteIssueProvider: IssueProvider {
    var client: APIClient { get }
}

extension RemoteIssueProvider {
    /// Requests sent so far, retries included.
    public var apiCalls: Int { client.apiCalls }
    public var runNotes: ProviderRunNotes {
        ProviderRunNotes(apiCalls: client.apiCalls, unreadRequests: client.readBudget?.refused ?? [])
    }
    public func shutdown() async { await client.shutdown() }

    /// The API base URL to use: `--api-url` when given, else the public service's, without a
    /// trailing slash so paths can be appended.
    static func apiBase(_ given: String?, default publicBase: String) -> String {
        var base = given ?? publicBase
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}

extension RemoteIssueProvider {
    /// The one issue object at `url` with every field, or nil when the server answers 404 or 410.
    func fetchIssue(at url: String, resource: String) async throws -> Issue? {
        let response: HTTPResponse
        do {
            response = try await client.get(url, resource: resource)
        } catch let error as APIError where error.status == 404 || error.status == 410 {
            return nil
        }
        do throws(IssueJSONError) {
            return try IssueJSONDecoder(fields: .all).decode(response.body)
        } catch {
            throw APIError("malformed JSON from \(client.hostName) in \(client.redaction.scrub(url)): \(error)")
        }
    }
}
