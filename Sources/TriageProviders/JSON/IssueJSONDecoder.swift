public import TriageLanguage

/// Decodes one JSON issue object — a GitHub REST issue or pull request, a GitLab REST issue or merge
/// request, or a normalized issue, detected per object (`IssueJSONShape`) — into an `Issue`, without
/// Foundation: decoding JSON is the engine's bottleneck on large files, so this walks the bytes once,
/// skips every key it does not map, and materialises only the fields in `fields`.
///
/// Mapping (SPEC §1, §4), in short:
/// - GitHub: `user.login` → author; `labels[].name` (or plain strings); `assignees[].login`, else
///   `assignee.login`; `milestone.title`; `reactions.total_count` and `reactions["+1"]` (absent → 0);
///   kind `pull_request` when a non-null `pull_request` is present; `url` = `html_url`; `repo` from
///   `repository_url` (also GitHub Enterprise `/api/v3/repos/…`), else `url`, else `html_url`.
/// - GitLab: `iid` → number; `description` → body; state `opened` → `open`, `closed`/`merged`/`locked`
///   → `closed`; merge requests (`merge_status`/`source_branch`/`target_branch`) → `pull_request`;
///   draft = `draft` or `work_in_progress`; `author.username`; `author_association` null;
///   `assignees[].username`, else `assignee.username`; comments = `user_notes_count`; reactions =
///   `upvotes + downvotes`; locked = `discussion_locked`; closed = `closed_at`, or `merged_at` for a
///   merged MR; `url` = `web_url`; `repo` = `references.full` without `#iid`/`!iid`, else `web_url`'s path.
/// - Any shape may also carry lazy data under `comments_data` and `label_events` in normalized form
///   (an extension for exports; the APIs never send these keys).
/// - Normalized: the SPEC field names; lazy data under `comments_data` and `label_events` (see
///   `normalizedIssue()` in `IssueObject+Normalized.swift` for their layout).
///
/// Defaults: `number` (GitLab `iid`) and `created` (`created_at`) are required; a missing `updated`
/// is `created`; `title`, `body`, `author`, `url`, `repo` default to `""`, `state` to `open`, `kind`
/// to `issue`, booleans to false, counts to 0, optionals to nil.
///
/// Projection: `body`, `author`, `author_association`, `labels`, `assignees`, `milestone`,
/// `reactions` and `upvotes` are decoded only when in `fields` (else left at those defaults); the
/// identity fields (`number`, `title`, `url`, `repo`) and the cheap scalars (`state`, `kind`, `draft`,
/// `comments`, `locked`, `created`, `updated`, `closed`) always are. The whole object's syntax is
/// checked either way; a value's type only when it is decoded.
///
/// JSON edge cases: whitespace anywhere, any key order; a repeated key takes its last value; `null`
/// means absent; unknown keys are skipped whatever their depth (iteratively, no recursion); integers
/// written with a fraction or exponent are accepted when whole (`1.0e2` → 100, `-0` → 0) and rejected
/// otherwise, as are integers beyond `Int`; invalid UTF-8 and lone surrogate escapes become U+FFFD;
/// anything malformed (truncated, trailing data, control characters in strings, bad escapes or
/// numbers) is an `IssueJSONError` with the byte offset, never a crash.
///
/// Against Foundation's `JSONSerialization` (cross-checked by `JSONDifferentialTests`, fuzzed by
/// `Fuzz/TriageJSONFuzz`), the deliberate differences are: invalid UTF-8 and lone surrogates become
/// U+FFFD (Foundation rejects the document); values of unread keys are checked for syntax only, so
/// they may nest without limit and hold numbers beyond `Double` (Foundation limits nesting to 512 and
/// rejects some of those numbers); trailing commas are errors, as RFC 8259 says (Foundation accepts
/// them). A UTF-8 BOM is skipped by `JSONRecordReader` at the start of a file, not here.
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
