public import TriageLanguage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream — a JSON array of objects, or JSON Lines — into one record per object, reading
/// in chunks so memory stays flat however long the file: the buffer holds one chunk, growing only to fit
/// a record larger than that (a 10 MB body: pages are touched only as input fills them) and shrinking
/// back after it.
///
/// The format is detected from the first non-whitespace byte (after an optional UTF-8 BOM): `[` → a JSON
/// array, `{` → JSON Lines, where blank lines are allowed and each other line must hold one whole object
/// (pretty-printed objects belong in an array, or through `jq -c`). Arrays written back to back, as
/// `gh api --paginate` does, read as one stream. Empty input has no records. The reader only frames
/// records; `IssueJSONDecoder` checks each object's syntax and reports byte offsets, to which the
/// record's line gives context (`nextIssue(using:)` does both).
///
/// After a framing error in JSON Lines the reader goes on with the next line; in an array it cannot
/// resynchronise, so it stops (`next()` returns `nil`).
///
/// A value type holding a file descriptor it does not own (the caller opens and closes it; stdin is 0):
/// use one reader per descriptor and do not read the descriptor elsewhere meanwhile.
public struct JSONRecordReader: Sendable {
    /// Bytes read per `read(2)` call, and the size the buffer returns to after a large record.
    public let chunkSize: Int
    /// A record larger than this is an error instead of an ever-growing buffer (e.g. an array whose
    /// object never closes).
    public var maxRecordSize: Int

    private let fileDescriptor: Int32
    private var buffer: [UInt8]
    /// The unconsumed input is `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    /// 1-based line number of `buffer[start]`.
    private var line = 1
    private var atEndOfInput = false
    private var state = State.start

    private enum State { case start, lines, arrayFirstElement, arrayNextElement, finished }

    /// Whether the reader has stopped for good (end of input, or an error it cannot recover from).
    public var isFinished: Bool { state == .finished }

    /// Reads from `fileDescriptor` (not closed by the reader) in chunks of `chunkSize` bytes.
    public init(fileDescriptor: Int32, chunkSize: Int = 1 << 20, maxRecordSize: Int = 1 << 30) {
        self.fileDescriptor = fileDescriptor
        self.chunkSize = max(chunkSize, 16)
        self.maxRecordSize = maxRecordSize
        self.buffer = []
    }

    /// Returns the next object's bytes (a copy) and the 1-based line where it starts; `nil` at the end.
    /// Throws with the line number on malformed framing (a truncated array, data between records, a
    /// JSON Lines line that is not an object) or a read error.
    public mutating func next() throws(JSONRecordError) -> JSONRecord? {
        try nextRecord { bytes, line in JSONRecord(bytes: Array(bytes), line: line) }
    }

    /// Like `next()`, without copying: calls `body` with the next object's bytes, valid only during the
    /// call, and its 1-based line, and returns what `body` returns; `nil` at the end.
    public mutating func nextRecord<R>(_ body: (UnsafeRawBufferPointer, _ line: Int) -> R) throws(JSONRecordError) -> R? {
        try failingForGood { (reader: inout JSONRecordReader) throws(JSONRecordError) -> R? in
            guard try reader.moveToNextRecord() else { return nil }
            let frame = reader.state == .lines ? try reader.frameLine() : try reader.frameObject()
            return reader.consume(frame, body)
        }
    }

    /// The next object decoded by `decoder`, with its 1-based line: the fastest way through a file, as
    /// array elements are decoded in place instead of being framed first and decoded after. A record
    /// that frames but does not decode is a `.failure` with its byte offset, and reading can go on;
    /// `nil` at the end; framing problems throw as for `next()`.
    public mutating func nextIssue(using decoder: IssueJSONDecoder) throws(JSONRecordError) -> (line: Int, issue: Result<Issue, IssueJSONError>)? {
        try failingForGood { (reader: inout JSONRecordReader) throws(JSONRecordError) -> (line: Int, issue: Result<Issue, IssueJSONError>)? in
            guard try reader.moveToNextRecord() else { return nil }
            if reader.state != .lines, let decoded = reader.decodeInPlace(decoder) { return decoded }
            let frame = reader.state == .lines ? try reader.frameLine() : try reader.frameObject()
            return reader.consume(frame) { bytes, line in
                do throws(IssueJSONError) {
                    return (line, .success(try decoder.decode(bytes)))
                } catch {
                    // The line of the error itself, not of the record's start (pretty-printed arrays).
                    let offset = max(0, min(error.byteOffset, bytes.count))
                    return (line + JSONByteSearch.countNewlines(in: UnsafeRawBufferPointer(rebasing: bytes[..<offset])), .failure(error))
                }
            }
        }
    }

    // MARK: Framing

    /// Where the next record is: `buffer[start..<start + length]`; `consumed` bytes (the record and what
    /// trails it on its line) containing `newlines` line breaks are consumed once it has been handed out.
    private struct Frame {
        var length: Int
        var consumed: Int
        var newlines: Int
    }

    /// Runs `step`; after an error, an array reader is finished (it cannot find the next element),
    /// while a JSON Lines reader goes on with the next line.
    private mutating func failingForGood<R>(_ step: (inout JSONRecordReader) throws(JSONRecordError) -> R) throws(JSONRecordError) -> R {
        do throws(JSONRecordError) {
            return try step(&self)
        } catch {
            if state != .lines { state = .finished }
            throw error
        }
    }

    /// Hands the framed record to `body`, then consumes it.
    private mutating func consume<R>(_ frame: Frame, _ body: (UnsafeRawBufferPointer, _ line: Int) -> R) -> R {
        let result = buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + frame.length)]), line) }
        start += frame.consumed
        line += frame.newlines
        return result
    }

    /// Decodes the array element at `start` straight from the buffer, when it is complete there and
    /// valid; `nil` otherwise (cut by the buffer's end, or malformed), so the caller frames it first.
    private mutating func decodeInPlace(_ decoder: IssueJSONDecoder) -> (line: Int, issue: Result<Issue, IssueJSONError>)? {
        let (start, end) = (self.start, self.end)
        let decoded = buffer.withUnsafeBytes { raw -> (issue: Issue, end: Int, newlines: Int)? in
            let available = UnsafeRawBufferPointer(rebasing: raw[start..<end])
            guard let (issue, length) = try? decoder.decodePrefix(available) else { return nil }
            return (issue, length, JSONByteSearch.countNewlines(in: UnsafeRawBufferPointer(rebasing: available[..<length])))
        }
        guard let decoded else { return nil }
        let recordLine = line
        self.start += decoded.end
        line += decoded.newlines
        return (recordLine, .success(decoded.issue))
    }

    /// Moves past separators to the next record's first byte (`{`); `false` at the end of the input.
    private mutating func moveToNextRecord() throws(JSONRecordError) -> Bool {
        shrinkBufferIfIdle()
        while true {
            switch state {
            case .finished:
                return false
            case .start:
                try detectFormat()
            case .lines:
                guard try skipWhitespace() else {
                    state = .finished
                    return false
                }
                return true
            case .arrayFirstElement, .arrayNextElement:
                guard try skipWhitespace() else {
                    throw JSONRecordError(message: "unexpected end of input: the JSON array is not closed with ']'", line: line)
                }
                let byte = buffer[start]
                if state == .arrayNextElement {
                    guard byte == ASCII.comma || byte == ASCII.closeBracket else {
                        throw JSONRecordError(message: "expected ',' or ']' after an array element, found \(JSONScanner.describe(byte))", line: line)
                    }
                    start += 1
                    if byte == ASCII.closeBracket {
                        try finishArray()
                        continue
                    }
                    guard try skipWhitespace() else {
                        throw JSONRecordError(message: "unexpected end of input: the JSON array is not closed with ']'", line: line)
                    }
                } else if byte == ASCII.closeBracket {
                    start += 1
                    try finishArray()
                    continue
                }
                guard buffer[start] == ASCII.openBrace else {
                    let found = buffer[start] == ASCII.closeBracket ? "']' after ','" : JSONScanner.describe(buffer[start])
                    throw JSONRecordError(message: "expected an object as array element, found \(found)", line: line)
                }
                state = .arrayNextElement
                return true
            }
        }
    }

    /// Skips a BOM and whitespace, then picks array or JSON Lines.
    private mutating func detectFormat() throws(JSONRecordError) {
        while end - start < 3, try fill() {}
        if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
        guard try skipWhitespace() else {
            state = .finished
            return
        }
        switch buffer[start] {
        case ASCII.openBracket:
            start += 1
            state = .arrayFirstElement
        case ASCII.openBrace:
            state = .lines
        default:
            throw JSONRecordError(
                message: "expected a JSON array ('[') or JSON Lines objects ('{'), found \(JSONScanner.describe(buffer[start]))", line: line)
        }
    }

    /// After an array's `]`: the end of the input, or another array (`gh api --paginate` writes one
    /// per page, back to back); anything else is an error.
    private mutating func finishArray() throws(JSONRecordError) {
        state = .finished
        guard try skipWhitespace() else { return }
        guard buffer[start] == ASCII.openBracket else {
            throw JSONRecordError(message: "unexpected data after the JSON array: \(JSONScanner.describe(buffer[start]))", line: line)
        }
        start += 1
        state = .arrayFirstElement
    }

    /// The JSON Lines record starting at `start` (a non-whitespace byte): the rest of its line.
    private mutating func frameLine() throws(JSONRecordError) -> Frame {
        var searched = 0
        var length: Int
        while true {
            let newline = buffer.withUnsafeBytes { raw -> Int? in
                guard let base = raw.baseAddress, end - start > searched else { return nil }
                guard let found = memchr(base + start + searched, Int32(ASCII.newline), end - start - searched) else { return nil }
                return (base + start).distance(to: UnsafeRawPointer(found))
            }
            if let newline {
                length = newline
                break
            }
            searched = end - start
            guard searched <= maxRecordSize else {
                state = .finished
                throw JSONRecordError(message: "line longer than the maximum record size (\(maxRecordSize) bytes)", line: line)
            }
            guard try fill() else {
                length = end - start
                break
            }
        }
        var trimmed = length
        while trimmed > 0, Self.isWhitespace(buffer[start + trimmed - 1]) { trimmed -= 1 }
        let first = buffer[start], last = buffer[start + trimmed - 1]
        guard first == ASCII.openBrace, last == ASCII.closeBrace else {
            let message = first == ASCII.openBrace
                ? "incomplete JSON object: JSON Lines needs one whole object per line (put pretty-printed objects in a JSON array, or use jq -c)"
                : "expected a JSON object ('{'), found \(JSONScanner.describe(first))"
            start += length
            throw JSONRecordError(message: message, line: line)
        }
        return Frame(length: trimmed, consumed: length, newlines: 0)
    }

    /// The array element object starting at `start` (its `{`), up to its matching `}`.
    private mutating func frameObject() throws(JSONRecordError) -> Frame {
        var framer = JSONObjectFramer()
        var scanned = 0
        while true {
            let step = buffer.withUnsafeBytes { framer.advance(UnsafeRawBufferPointer(rebasing: $0[start..<end]), from: scanned) }
            switch step {
            case .complete(let length):
                return Frame(length: length, consumed: length, newlines: framer.newlines)
            case .mismatched(let index):
                throw JSONRecordError(
                    message: "mismatched \(JSONScanner.describe(buffer[start + index])) in the object that starts on line \(line)",
                    line: line + framer.newlines)
            case .needMore:
                scanned = end - start
                guard scanned <= maxRecordSize else {
                    throw JSONRecordError(message: "object larger than the maximum record size (\(maxRecordSize) bytes)", line: line)
                }
                guard try fill() else {
                    throw JSONRecordError(
                        message: "unexpected end of input inside the object that starts on line \(line)", line: line + framer.newlines)
                }
            }
        }
    }

    // MARK: Input

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.newline || byte == ASCII.carriageReturn || byte == ASCII.tab
    }

    /// Consumes whitespace, counting lines; `false` when the input ends first.
    private mutating func skipWhitespace() throws(JSONRecordError) -> Bool {
        while true {
            while start < end {
                let byte = buffer[start]
                guard Self.isWhitespace(byte) else { return true }
                if byte == ASCII.newline { line += 1 }
                start += 1
            }
            guard try fill() else { return false }
        }
    }

    /// Reads more input after `end`, keeping `buffer[start..<end]` (moved to the front, or into a larger
    /// buffer when it fills the current one); `false` at the end of input.
    private mutating func fill() throws(JSONRecordError) -> Bool {
        if atEndOfInput { return false }
        if buffer.isEmpty { grow(to: chunkSize) }
        if start > 0, end == buffer.count || start >= buffer.count / 2 {
            let (from, count) = (start, end - start)
            buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress, count > 0 else { return }
                memmove(base, base + from, count)
            }
            start = 0
            end = count
        }
        if end == buffer.count { grow(to: buffer.count * 2) }
        while true {
            let (bufferEnd, capacity) = (end, buffer.count - end)
            let count = buffer.withUnsafeMutableBytes { raw in read(fileDescriptor, raw.baseAddress! + bufferEnd, capacity) }
            if count > 0 {
                end += count
                return true
            }
            if count == 0 {
                atEndOfInput = true
                return false
            }
            if errno == EINTR { continue }
            let code = errno
            throw JSONRecordError(message: "read failed: \(String(cString: strerror(code)))", line: line)
        }
    }

    /// Replaces the buffer by one of `capacity` bytes holding the unconsumed input at its front. The
    /// bytes after it are left as the allocator gives them (nothing reads them before `read(2)` has
    /// written them), so a long record costs the pages it fills, not a zero-filled doubling on top of
    /// a copy of the old buffer.
    private mutating func grow(to capacity: Int) {
        let (from, count) = (start, end - start)
        buffer = buffer.withUnsafeBytes { old in
            [UInt8](unsafeUninitializedCapacity: capacity) { new, initialized in
                if count > 0, let target = new.baseAddress, let source = old.baseAddress {
                    UnsafeMutableRawPointer(target).copyMemory(from: source + from, byteCount: count)
                }
                initialized = capacity
            }
        }
        start = 0
        end = count
    }

    /// Returns to a chunk-sized buffer once a record larger than a chunk has been consumed.
    private mutating func shrinkBufferIfIdle() {
        guard buffer.count > chunkSize * 4, end - start <= chunkSize / 2 else { return }
        grow(to: chunkSize)
    }
}
