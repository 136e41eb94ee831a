/// Turns libyaml's marks into `YAMLMark`s.
///
/// libyaml's `index` and `column` count characters, not bytes, so a byte offset has to be
/// recovered by walking the UTF-8 text. Marks arrive almost in order, so a forward-moving cursor
/// makes that linear overall; sparse checkpoints make the rare step backwards cheap.
struct SourcePositions {
    /// A position in all three units libyaml and we care about; line and column are 0-based.
    struct Position {
        var index: Int
        var offset: Int
        var line: Int
        var column: Int

        var mark: YAMLMark { YAMLMark(offset: offset, line: line + 1, column: column + 1) }
    }

    private let bytes: [UInt8]
    private var cursor: Position
    private var checkpoints: [Position]
    private static let checkpointSpacing = 1024

    /// `firstCharacterOffset` is where libyaml's character index 0 is: after a UTF-8 byte-order
    /// mark at the start of the input, which libyaml strips before counting.
    init(bytes: [UInt8], firstCharacterOffset: Int) {
        self.bytes = bytes
        let origin = Position(index: 0, offset: firstCharacterOffset, line: 0, column: 0)
        cursor = origin
        checkpoints = [origin]
    }

    /// The mark for libyaml's character index.
    mutating func mark(characterIndex index: Int) -> YAMLMark {
        if index < cursor.index {
            rewind { $0.index <= index }
        }
        while cursor.index < index && cursor.offset < bytes.count {
            step()
        }
        return cursor.mark
    }

    /// The mark for a byte offset (libyaml reports reader errors this way).
    mutating func mark(byteOffset offset: Int) -> YAMLMark {
        if offset < cursor.offset {
            rewind { $0.offset <= offset }
        }
        while cursor.offset < offset && cursor.offset < bytes.count {
            step(limit: min(offset, bytes.count))
        }
        return cursor.mark
    }

    private mutating func rewind(to isAtOrBefore: (Position) -> Bool) {
        // Checkpoints are sorted; find the last one at or before the target.
        var low = 0
        var high = checkpoints.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if isAtOrBefore(checkpoints[middle]) {
                low = middle
            } else {
                high = middle - 1
            }
        }
        cursor = checkpoints[low]
    }

    /// `limit` keeps a step from jumping past a byte offset that is inside a (broken) character.
    private mutating func step(limit: Int? = nil) {
        Self.advance(&cursor, in: bytes, limit: limit ?? bytes.count)
        if let last = checkpoints.last, cursor.index >= last.index + Self.checkpointSpacing {
            checkpoints.append(cursor)
        }
    }

    /// Moves `position` over one character (a CR LF pair is one step), the way libyaml counts it.
    @inline(__always)
    static func advance(_ position: inout Position, in bytes: [UInt8], limit: Int) {
        let breakLength = SourceBytes.lineBreakLength(bytes, at: position.offset, limit: limit)
        if breakLength > 0 {
            position.index += SourceBytes.lineBreakCharacters(bytes, at: position.offset, length: breakLength)
            position.offset += breakLength
            position.line += 1
            position.column = 0
        } else {
            position.index += 1
            position.offset += min(SourceBytes.sequenceLength(bytes[position.offset]), limit - position.offset)
            position.column += 1
        }
    }

    /// The mark of `offset`, found by walking forward from a known earlier mark.
    static func mark(atByteOffset offset: Int, from start: YAMLMark, in bytes: [UInt8]) -> YAMLMark {
        var position = Position(index: 0, offset: start.offset, line: start.line - 1, column: start.column - 1)
        let target = min(offset, bytes.count)
        while position.offset < target {
            advance(&position, in: bytes, limit: target)
        }
        return position.mark
    }
}
