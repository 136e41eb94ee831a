/// Finds where a JSON object ends without decoding it, so a JSON array of issues can be cut into one
/// record per element: brackets are matched (outside strings), strings are passed over eight bytes at a
/// time, newlines are counted for line numbers. Resumable: it keeps its state between calls so the
/// record reader can feed it an object that spans many chunks. It checks only what framing needs
/// (brackets and strings); the decoder checks the rest of the grammar.
struct JSONObjectFramer {
    private var stack = ContainerStack()
    private var inString = false
    /// A backslash in a string was the last byte seen: the next byte is escaped.
    private var pendingEscape = false
    /// Newlines seen so far (including raw ones inside strings, which the decoder will reject).
    private(set) var newlines = 0

    enum Step {
        /// The object ends just before this index.
        case complete(end: Int)
        /// More input is needed.
        case needMore
        /// A closing bracket does not match, at this index.
        case mismatched(at: Int)
    }

    /// Scans `bytes` from `start` (where the previous call stopped; the object's `{` is at 0).
    mutating func advance(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Step {
        var index = start
        let count = bytes.count
        while index < count {
            if inString {
                if pendingEscape {
                    pendingEscape = false
                    index += 1
                    continue
                }
                index = JSONByteSearch.indexOfStringSpecialByte(in: bytes, from: index)
                guard index < count else { return .needMore }
                switch bytes[index] {
                case ASCII.quote: inString = false
                case ASCII.backslash: pendingEscape = true
                case ASCII.newline: newlines += 1
                default: break
                }
                index += 1
                continue
            }
            switch bytes[index] {
            case ASCII.quote: inString = true
            case ASCII.openBrace: stack.push(isObject: true)
            case ASCII.openBracket: stack.push(isObject: false)
            case ASCII.closeBrace, ASCII.closeBracket:
                guard stack.top == (bytes[index] == ASCII.closeBrace) else { return .mismatched(at: index) }
                stack.pop()
                if stack.top == nil { return .complete(end: index + 1) }
            case ASCII.newline: newlines += 1
            default: break
            }
            index += 1
        }
        return .needMore
    }
}
