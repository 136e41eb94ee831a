import TriageJSON
import TriageLanguage

extension APIClient {
    /// Every object of a paginated list of small objects (comments, events, notes), following `next`
    /// links one by one: lazy fields are per issue and rarely span more than a page.
    func getAllObjects(_ url: String, resource: String) async throws -> [JSONValue] {
        try await getAllObjects(url, resource: resource, revalidating: []).flatMap { $0.objects ?? [] }
    }
}

extension JSONValue {
    /// An RFC 3339 time string, parsed as issue timestamps are.
    var timestampValue: Timestamp? {
        guard var text = stringValue else { return nil }
        return text.withUTF8 { RFC3339.parse(UnsafeRawBufferPointer($0)) }
    }
}
