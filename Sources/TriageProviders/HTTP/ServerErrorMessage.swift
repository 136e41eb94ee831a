import TriageJSON

/// What a server's error body says, for the message a person reads. Both APIs answer errors with
/// a JSON object:
/// - GitHub: `{"message": "Validation Failed", "errors": [{"resource", "field", "code", "message"?}, …]}`;
///   each entry of `errors` is an object (its `message`, else `code` of `resource.field`) or a string.
/// - GitLab: `{"message": …}` where the value is a string, an array of strings, or an object of
///   field → messages (`{"title": ["can't be blank"]}`), or `{"error": "…", "error_description": "…"}`.
///
/// A body that is not JSON, or says none of this, gives nil.
enum ServerErrorMessage {
    /// Bodies longer than this are not error objects worth parsing (an HTML page, a dump).
    static let maxBodyBytes = 64 << 10

    static func of(_ body: [UInt8]) -> String? {
        guard !body.isEmpty, body.count <= maxBodyBytes, let document = try? JSONValue.parse(body) else { return nil }
        if let message = document["message"].flatMap(describe), !message.isEmpty {
            let details = document["errors"]?.arrayValue?.compactMap(describeGitHubError) ?? []
            return details.isEmpty ? message : "\(message) (\(details.joined(separator: "; ")))"
        }
        if let error = document["error"].flatMap(describe), !error.isEmpty {
            let detail = document["error_description"]?.stringValue
            return detail.map { "\(error): \($0)" } ?? error
        }
        return nil
    }

    /// A string as is; an array's parts joined; an object as `key part` per entry (GitLab's field errors).
    private static func describe(_ value: JSONValue) -> String? {
        switch value {
        case let .string(text):
            return text
        case let .array(items):
            let parts = items.compactMap(describe)
            return parts.isEmpty ? nil : parts.joined(separator: "; ")
        case let .object(entries):
            let parts = entries.compactMap { key, value in describe(value).map { "\(key) \($0)" } }
            return parts.isEmpty ? nil : parts.joined(separator: "; ")
        case .int, .double, .bool:
            return value.serialized()
        case .null:
            return nil
        }
    }

    /// One entry of GitHub's `errors`: its `message`, else `code` with where it applies.
    private static func describeGitHubError(_ value: JSONValue) -> String? {
        if let text = value.stringValue { return text }
        if let message = value["message"]?.stringValue { return message }
        guard let code = value["code"]?.stringValue else { return nil }
        let place = [value["resource"]?.stringValue, value["field"]?.stringValue].compactMap { $0 }.joined(separator: ".")
        return place.isEmpty ? code : "\(code) \(place)"
    }
}
