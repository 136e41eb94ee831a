import Foundation

/// Request bodies of writes. Keys are sorted so a write's bytes are the same on every run (traces
/// and recorded test requests compare equal), and slashes stay unescaped as people wrote them.
enum JSONBody {
    static func encode(_ object: [String: Any]) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Array(data)
    }

    /// The top-level object of a response body, or nil when it is not one.
    static func object(_ response: HTTPResponse) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    }

    /// The top-level array of objects of a response body, or nil when it is not one.
    static func objects(_ response: HTTPResponse) -> [[String: Any]]? {
        (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [Any])?.compactMap { $0 as? [String: Any] }
    }
}
