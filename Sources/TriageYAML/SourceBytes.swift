/// Byte-level character classes, defined exactly as libyaml defines them, so that positions
/// we compute agree with libyaml's marks and scalar decoding.
enum SourceBytes {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    /// Length of the UTF-8 sequence that `lead` starts; 1 for bytes that cannot start one,
    /// so that scanning always advances.
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead & 0xE0 == 0xC0 { return 2 }
        if lead & 0xF0 == 0xE0 { return 3 }
        if lead & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    /// Byte length of the line break at `index` (CR LF counts as one break), or 0 if there is none.
    /// libyaml treats CR, LF, CR LF, NEL (U+0085), LS (U+2028) and PS (U+2029) as line breaks.
    @inline(__always)
    static func lineBreakLength(_ bytes: [UInt8], at index: Int, limit: Int) -> Int {
        guard index < limit else { return 0 }
        switch bytes[index] {
        case lineFeed:
            return 1
        case carriageReturn:
            return index + 1 < limit && bytes[index + 1] == lineFeed ? 2 : 1
        case 0xC2:
            return index + 1 < limit && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return index + 2 < limit && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
        default:
            return 0
        }
    }

    /// Number of characters libyaml counts in the line break at `index` (its `mark.index` step).
    @inline(__always)
    static func lineBreakCharacters(_ bytes: [UInt8], at index: Int, length: Int) -> Int {
        length == 2 && bytes[index] == carriageReturn ? 2 : 1
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }
}
