import Foundation
import TriageLanguage

extension APIClient {
    /// Every object of a paginated list of small objects (comments, events, notes), following `next`
    /// links one by one: lazy fields are per issue and rarely span more than a page.
    func getAllObjects(_ url: String, resource: String) async throws -> [[String: Any]] {
        var objects: [[String: Any]] = []
        var next: String? = url
        while let current = next {
            let response = try await get(current, resource: resource)
            guard let page = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [Any] else {
                throw APIError("malformed JSON from \(hostName) in \(redaction.scrub(current)): expected an array")
            }
            objects += page.compactMap { $0 as? [String: Any] }
            next = LinkHeader(response.header("link")).next
            if next == nil, let page = response.header("x-next-page").flatMap({ Int($0) }) { next = PageURL.settingPage(page, in: current) }
        }
        return objects
    }
}

/// Field access for the small objects of lazy-field endpoints.
extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func bool(_ key: String) -> Bool? { self[key] as? Bool }

    func timestamp(_ key: String) -> Timestamp? {
        guard var text = string(key) else { return nil }
        return text.withUTF8 { RFC3339.parse(UnsafeRawBufferPointer($0)) }
    }
}
