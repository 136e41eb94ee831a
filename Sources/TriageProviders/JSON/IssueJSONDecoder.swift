public import TriageLanguage

/// Decodes one JSON issue object — a GitHub REST issue or pull request, a GitLab REST issue or merge
/// request, or a normalized issue, detected per object (`IssueJSONShape`) — into an `Issue`, without
/// Foundation: decoding JSON is the engine's bottleneck on large files, so this walks the bytes once,
/// skips every key it does not map, and materialises only the fields in `fields`.
///
/// Projection: `body`, `author`, `author_association`, `labels`, `assignees`, `milestone`,
/// `reactions` and `upvotes` are decoded only when in `fields` (else left at the `Issue` defaults); the
/// identity fields (`number`, `title`, `url`, `repo`) and the cheap scalars (`state`, `kind`, `draft`,
/// `comments`, `locked`, `created`, `updated`, `closed`) always are. The whole object's syntax is
/// checked either way. The mappings and defaults of each shape are documented on
/// `IssueObject.githubIssue()`, `gitlabIssue()` and `normalizedIssue()`.
///
/// JSON edge cases: whitespace anywhere, any key order; a repeated key takes its last value; `null`
/// means absent; unknown keys are skipped whatever their depth (iteratively, no recursion); integers
/// written with a fraction or exponent are accepted when whole (`1.0e2` → 100, `-0` → 0) and rejected
/// otherwise; invalid UTF-8 and lone surrogate escapes become U+FFFD; anything malformed (truncated,
/// trailing data, control characters in strings, bad escapes or numbers) is an `IssueJSONError` with
/// the byte offset, never a crash.
public struct IssueJSONDecoder: Sendable {
    /// The fields to materialise; the others keep their `Issue` defaults.
    public var fields: IssueFieldSet {
        didSet { projection = IssueProjection(fields) }
    }

    private var projection: IssueProjection

    public init(fields: IssueFieldSet = .all) {
        self.fields = fields
        self.projection = IssueProjection(fields)
    }

    /// Decodes the one JSON object in `bytes` (surrounding whitespace allowed).
    public func decode(_ bytes: UnsafeRawBufferPointer) throws(IssueJSONError) -> Issue {
        try IssueObject.withScanned(bytes, fields: projection) { object, _ throws(IssueJSONError) -> Issue in try object.issue() }
    }

    /// Decodes the object at the start of `bytes`, which may go on after it (the record reader decodes
    /// array elements in place this way, sparing a separate framing pass); returns where it ended.
    func decodePrefix(_ bytes: UnsafeRawBufferPointer) throws(IssueJSONError) -> (issue: Issue, end: Int) {
        try IssueObject.withScanned(bytes, fields: projection, prefix: true) { object, end throws(IssueJSONError) in
            (try object.issue(), end)
        }
    }

    /// Decodes the one JSON object in `bytes` (surrounding whitespace allowed).
    public func decode(_ bytes: [UInt8]) throws(IssueJSONError) -> Issue {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(IssueJSONError) -> Issue in try decode(buffer) } }
        return try result.get()
    }

    /// The shape the object in `bytes` is decoded as, after checking its syntax.
    public func shape(of bytes: UnsafeRawBufferPointer) throws(IssueJSONError) -> IssueJSONShape {
        try IssueObject.withScanned(bytes, fields: projection) { object, _ throws(IssueJSONError) -> IssueJSONShape in object.shape }
    }
}
