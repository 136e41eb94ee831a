import TriageLanguage

/// The composite values issue objects carry, read at the cursor: timestamps (strings in RFC 3339) and
/// lists of names (labels, assignees).
extension JSONScanner {
    /// Reads a timestamp string (see `RFC3339` for the accepted forms); fails naming `field`.
    mutating func readTimestamp(_ field: StaticString) throws(IssueJSONError) -> Timestamp {
        skipWhitespace()
        let start = position
        guard !isAtEnd, current == ASCII.quote else { throw error("expected a timestamp string for \"\(field)\"") }
        guard let timestamp = try withStringBytes(RFC3339.parse) else {
            throw error("invalid timestamp for \"\(field)\", expected RFC 3339 such as 2024-01-31T12:00:00Z", at: start)
        }
        return timestamp
    }

    /// Reads an array whose elements are strings, or objects whose `nameKey` member (a string) is taken.
    mutating func readNameList(_ field: StaticString, nameKey: StaticString) throws(IssueJSONError) -> [String] {
        skipWhitespace()
        guard !isAtEnd, current == ASCII.openBracket else { throw error("expected an array for \"\(field)\"") }
        var names: [String] = []
        guard try beginArray() else { return names }
        repeat {
            skipWhitespace()
            guard !isAtEnd else { throw unexpected(expected: "a value") }
            switch current {
            case ASCII.quote:
                names.append(try readString())
            case ASCII.openBrace:
                let objectStart = position
                var name: String?
                if try beginObject() {
                    repeat {
                        let isName = try readKey { $0.equals(nameKey) }
                        skipWhitespace()
                        guard isName, !isAtEnd, current == ASCII.quote else {
                            if isName, !atNull() { throw error("expected a string for \"\(field)[].\(nameKey)\"") }
                            if isName { name = nil }
                            try skipValue()
                            continue
                        }
                        name = try readString()
                    } while try nextMember()
                }
                guard let name else { throw error("an entry of \"\(field)\" has no \"\(nameKey)\"", at: objectStart) }
                names.append(name)
            default:
                throw error("expected a string or an object in \"\(field)\"")
            }
        } while try nextElement()
        return names
    }
}

extension JSONScanner {
    /// Reads a string or `null` (`nil`); fails on any other value, naming `field`.
    mutating func readNullableString(_ field: StaticString) throws(IssueJSONError) -> String? {
        skipWhitespace()
        guard !isAtEnd else { throw unexpected(expected: "a string for \"\(field)\"") }
        switch current {
        case ASCII.quote: return try readString()
        case ASCII.n: try consumeLiteral("null"); return nil
        default: throw error("expected a string for \"\(field)\"")
        }
    }

    /// Reads a timestamp string or `null` (`nil`).
    mutating func readNullableTimestamp(_ field: StaticString) throws(IssueJSONError) -> Timestamp? {
        if atNull() {
            try consumeLiteral("null")
            return nil
        }
        return try readTimestamp(field)
    }
}
