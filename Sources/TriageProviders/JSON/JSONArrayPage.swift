public import TriageLanguage

/// Decodes a list-API page — a JSON array of issue objects — in one pass: each element is decoded
/// in place by `IssueJSONDecoder` (no framing copy), then the scanner resumes after it.
public enum JSONArrayPage {
    /// The issues of `body`, in order. Anything but an array of issue objects is an error with its
    /// byte offset (a truncated page, an error object where a list was expected).
    public static func issues(in body: [UInt8], decoder: IssueJSONDecoder) throws(IssueJSONError) -> [Issue] {
        let result = body.withUnsafeBytes { raw in
            Result { () throws(IssueJSONError) -> [Issue] in try issues(in: raw, decoder: decoder) }
        }
        return try result.get()
    }

    static func issues(in raw: UnsafeRawBufferPointer, decoder: IssueJSONDecoder) throws(IssueJSONError) -> [Issue] {
        var scanner = JSONScanner(raw)
        scanner.skipWhitespace()
        guard !scanner.isAtEnd, scanner.current == ASCII.openBracket else { throw scanner.unexpected(expected: "a JSON array of issues") }
        var issues: [Issue] = []
        if try scanner.beginArray() {
            repeat {
                scanner.skipWhitespace()
                let start = scanner.position
                do throws(IssueJSONError) {
                    let (issue, end) = try decoder.decodePrefix(UnsafeRawBufferPointer(rebasing: raw[start...]))
                    issues.append(issue)
                    scanner.position = start + end
                } catch {
                    throw IssueJSONError(message: error.message, byteOffset: start + error.byteOffset)
                }
            } while try scanner.nextElement()
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else { throw scanner.unexpected(expected: "the end of the page") }
        return issues
    }
}
