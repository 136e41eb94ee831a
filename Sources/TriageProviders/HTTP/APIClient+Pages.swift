import TriageJSON
import TriageLanguage

extension APIClient {
    /// Every object of a paginated list of small objects (comments, events, notes), following `next`
    /// links one by one: lazy fields are per issue and rarely span more than a page.
    func getAllObjects(_ url: String, resource: String) async throws -> [JSONValue] {
        var objects: [JSONValue] = []
        var next: String? = url
        while let current = next {
            let response = try await get(current, resource: resource)
            guard let page = (try? JSONValue.parse(response.body))?.arrayValue else {
                throw APIError("malformed JSON from \(hostName) in \(redaction.scrub(current)): expected an array")
            }
            objects += page.filter { $0.objectEntries != nil }
            next = LinkHeader(response.header("link")).next
            if next == nil, let page = response.header("x-next-page").flatMap({ Int($0) }) { next = PageURL.settingPage(page, in: current) }
        }
        return objects
    }
}

extension JSONValue {
    /// An RFC 3339 time string, parsed as issue timestamps are.
    var timestampValue: Timestamp? {
        guard var text = stringValue else { return nil }
        return text.withUTF8 { RFC3339.parse(UnsafeRawBufferPointer($0)) }
    }
}
