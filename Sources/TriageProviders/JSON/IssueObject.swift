import TriageLanguage

/// One issue object after a single pass over its bytes: where each interesting value starts (see
/// `IssueSlot`), so the shape can be detected from the keys present whatever their order, and the
/// mapping for that shape decodes only the values it needs, each once.
///
/// The pass checks the syntax of the whole object, skipped values included, so malformed JSON is an
/// error whatever the projection; a value's type is checked only when the mapping reads it.
struct IssueObject {
    let bytes: UnsafeRawBufferPointer
    let fields: IssueProjection
    /// Offset of each slot's value, `-1` when the key is absent; stack-allocated by `withScanned`.
    private let offsets: UnsafeMutableBufferPointer<Int>
    /// Offset of the object's `{`, where "missing field" errors point.
    private(set) var start = 0
    /// `body` and `description`, decoded during the pass when projected (they are the largest values,
    /// so reading them there saves scanning them twice); `nil` when absent or not a string.
    private var bodyText: String?
    private var descriptionText: String?
    /// The body (or description) was skipped, not decoded, but carries a report marker (SPEC §8:
    /// such an issue is never matched, so the engine must see the marker whatever the projection).
    private(set) var skippedBodyCarriesReportMarker = false

    /// Whether the JSON string in `range` of `bytes`, undecoded, carries a report marker
    /// (`ReportMarker.prefix`, matched as bytes after its first character): its `<`
    /// written as itself or as `\u003c` (encoders that escape HTML in JSON, as Rails' does by
    /// default, write it so), the rest as itself.
    static func carriesReportMarker(_ bytes: UnsafeRawBufferPointer, in range: Range<Int>) -> Bool {
        var start = range.lowerBound
        while let hit = bytes.firstOffset(of: "!-- triage:report=", in: start..<range.upperBound) {
            if hit - 1 >= range.lowerBound, bytes[hit - 1] == UInt8(ascii: "<") { return true }
            if hit - 6 >= range.lowerBound {
                let escaped = bytes.slice((hit - 6)..<hit)
                if escaped.equals("\\u003c") || escaped.equals("\\u003C") { return true }
            }
            start = hit + 1
        }
        return false
    }

    /// Scans the one JSON object in `bytes` and hands it to `body`. With `prefix`, the object may be
    /// followed by anything, and `end` is where it stops.
    static func withScanned<R>(
        _ bytes: UnsafeRawBufferPointer, fields: IssueProjection, prefix: Bool = false,
        _ body: (_ object: IssueObject, _ end: Int) throws(IssueJSONError) -> R
    ) throws(IssueJSONError) -> R {
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: IssueSlot.allCases.count) { offsets throws(IssueJSONError) -> R in
            offsets.initialize(repeating: -1)
            var object = IssueObject(bytes: bytes, fields: fields, offsets: offsets)
            let end = try object.scan(prefix: prefix)
            return try body(object, end)
        }
    }

    private init(bytes: UnsafeRawBufferPointer, fields: IssueProjection, offsets: UnsafeMutableBufferPointer<Int>) {
        self.bytes = bytes
        self.fields = fields
        self.offsets = offsets
    }

    // MARK: The pass

    private mutating func scan(prefix: Bool) throws(IssueJSONError) -> Int {
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        guard !scanner.isAtEnd else { throw scanner.error("empty record, expected a JSON object") }
        guard scanner.current == ASCII.openBrace else { throw scanner.unexpected(expected: "a JSON object '{'") }
        start = scanner.position
        if try scanner.beginObject() {
            repeat {
                let key = try scanner.readKey(IssueSlot.topLevel)
                scanner.skipWhitespace()
                guard let slot = key else {
                    try scanner.skipValue()
                    continue
                }
                offsets[slot.rawValue] = scanner.position
                if slot == .body || slot == .description, fields.body {
                    let text = !scanner.isAtEnd && scanner.current == ASCII.quote ? try scanner.readString() : nil
                    if text == nil { try scanner.skipValue() }
                    if slot == .body { bodyText = text } else { descriptionText = text }
                    continue
                }
                if slot == .body || slot == .description {
                    let valueStart = scanner.position
                    try scanner.skipValue()
                    if Self.carriesReportMarker(bytes, in: valueStart..<scanner.position) { skippedBodyCarriesReportMarker = true }
                    continue
                }
                try scanNested(slot, &scanner)
            } while try scanner.nextMember()
        }
        if prefix { return scanner.position }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else { throw scanner.error("unexpected data after the object") }
        return scanner.position
    }

    /// Skips the value of `slot`, pulling out the nested members the mappings need when the projection
    /// asks for them (a repeated key resets them first: the last occurrence wins as a whole).
    private func scanNested(_ slot: IssueSlot, _ scanner: inout JSONScanner) throws(IssueJSONError) {
        let record = { (found: IssueSlot, offset: Int) in self.offsets[found.rawValue] = offset }
        switch slot {
        case .user where fields.author:
            offsets[IssueSlot.userLogin.rawValue] = -1
            try scanner.scanMembers(match: { $0.equals("login") ? IssueSlot.userLogin : nil }, found: record)
        case .author:
            // Always: an author object with a username is how a GitLab object without `iid` is detected.
            offsets[IssueSlot.authorUsername.rawValue] = -1
            try scanner.scanMembers(match: { $0.equals("username") ? IssueSlot.authorUsername : nil }, found: record)
        case .assignee where fields.assignees:
            offsets[IssueSlot.assigneeLogin.rawValue] = -1
            offsets[IssueSlot.assigneeUsername.rawValue] = -1
            try scanner.scanMembers(
                match: { $0.equals("login") ? IssueSlot.assigneeLogin : $0.equals("username") ? IssueSlot.assigneeUsername : nil },
                found: record)
        case .milestone where fields.milestone:
            offsets[IssueSlot.milestoneTitle.rawValue] = -1
            try scanner.scanMembers(match: { $0.equals("title") ? IssueSlot.milestoneTitle : nil }, found: record)
        case .reactions where fields.reactions || fields.upvotes:
            offsets[IssueSlot.reactionsTotal.rawValue] = -1
            offsets[IssueSlot.reactionsPlusOne.rawValue] = -1
            try scanner.scanMembers(
                match: { $0.equals("total_count") ? IssueSlot.reactionsTotal : $0.equals("+1") ? IssueSlot.reactionsPlusOne : nil },
                found: record)
        case .references:
            offsets[IssueSlot.referencesFull.rawValue] = -1
            try scanner.scanMembers(match: { $0.equals("full") ? IssueSlot.referencesFull : nil }, found: record)
        default:
            try scanner.skipValue()
        }
    }

    // MARK: Reading values

    /// Whether the key is present at all (even as `null`).
    func has(_ slot: IssueSlot) -> Bool { offsets[slot.rawValue] >= 0 }

    /// The first byte of the slot's value (`{`, `[`, `"`, `n`, …), `nil` when absent.
    func firstByte(_ slot: IssueSlot) -> UInt8? {
        let offset = offsets[slot.rawValue]
        return offset >= 0 ? bytes[offset] : nil
    }

    /// Whether the key is present with a value other than `null`.
    func hasValue(_ slot: IssueSlot) -> Bool {
        guard let byte = firstByte(slot) else { return false }
        return byte != ASCII.n
    }

    /// A scanner positioned at the slot's value, `nil` when the key is absent.
    func scanner(at slot: IssueSlot) -> JSONScanner? {
        let offset = offsets[slot.rawValue]
        return offset >= 0 ? JSONScanner(bytes, at: offset) : nil
    }

    func typeError(_ slot: IssueSlot, _ expected: String) -> IssueJSONError {
        IssueJSONError(message: "expected \(expected) for \"\(slot.keyPath)\"", byteOffset: offsets[slot.rawValue])
    }

    func missing(_ slot: IssueSlot) -> IssueJSONError {
        IssueJSONError(message: "missing required \"\(slot.keyPath)\"", byteOffset: start)
    }

    /// The string value; `nil` when absent or `null`.
    func string(_ slot: IssueSlot) throws(IssueJSONError) -> String? {
        if slot == .body, let bodyText { return bodyText }
        if slot == .description, let descriptionText { return descriptionText }
        guard var scanner = scanner(at: slot), !scanner.atNull() else { return nil }
        guard scanner.current == ASCII.quote else { throw typeError(slot, "a string") }
        return try scanner.readString()
    }

    /// `body` applied to the string value's unescaped UTF-8 bytes (no `String` is made); `nil` when
    /// absent or `null`.
    func withString<R>(_ slot: IssueSlot, _ body: (UnsafeRawBufferPointer) -> R?) throws(IssueJSONError) -> R? {
        guard var scanner = scanner(at: slot), !scanner.atNull() else { return nil }
        guard scanner.current == ASCII.quote else { throw typeError(slot, "a string") }
        return try scanner.withStringBytes(body)
    }

    /// The integer value; `nil` when absent or `null` (see `JSONScanner.readInt` for what counts).
    func int(_ slot: IssueSlot) throws(IssueJSONError) -> Int? {
        guard var scanner = scanner(at: slot) else { return nil }
        return try scanner.readInt(slot.keyPath)
    }

    /// The boolean value; `nil` when absent or `null`.
    func bool(_ slot: IssueSlot) throws(IssueJSONError) -> Bool? {
        guard var scanner = scanner(at: slot) else { return nil }
        return try scanner.readBool(slot.keyPath)
    }

    /// The timestamp value; `nil` when absent or `null`, an error when not a timestamp (see `RFC3339`).
    func timestamp(_ slot: IssueSlot) throws(IssueJSONError) -> Timestamp? {
        guard var scanner = scanner(at: slot), !scanner.atNull() else { return nil }
        return try scanner.readTimestamp(slot.keyPath)
    }

    /// The timestamp value; fails when absent or `null`.
    func requiredTimestamp(_ slot: IssueSlot) throws(IssueJSONError) -> Timestamp {
        guard let value = try timestamp(slot) else { throw missing(slot) }
        return value
    }

    /// A list of names: an array of strings, or of objects whose `nameKey` member is taken (GitHub
    /// label objects, assignee user objects, GitLab `with_labels_details` labels); `nil` when absent
    /// or `null`.
    func names(_ slot: IssueSlot, nameKey: StaticString) throws(IssueJSONError) -> [String]? {
        guard var scanner = scanner(at: slot), !scanner.atNull() else { return nil }
        return try scanner.readNameList(slot.keyPath, nameKey: nameKey)
    }
}
