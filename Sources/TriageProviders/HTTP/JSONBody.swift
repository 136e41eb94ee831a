import TriageJSON

/// Request bodies of writes and the small objects of writers' reads, as `JSONValue`. Writers list
/// keys in a fixed order, so a write's bytes are the same on every run (traces and recorded test
/// requests compare equal), and slashes stay unescaped as people wrote them.
enum JSONBody {
    /// An object body from its entries, in the order given.
    static func encode(_ entries: [(String, JSONValue)]) -> [UInt8] {
        JSONValue.object(entries).bytes
    }

    /// The parsed body of a response, or nil when it is not JSON.
    static func value(_ response: HTTPResponse) -> JSONValue? {
        try? JSONValue.parse(response.body)
    }
}
