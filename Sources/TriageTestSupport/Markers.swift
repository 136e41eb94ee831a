/// Position markers in test sources, in swift-syntax's style: `1️⃣`…`9️⃣` written into a source
/// string mark places; `extractMarkers` removes them and returns each one's UTF-8 byte offset in the
/// cleaned text.
public struct MarkedSource: Sendable {
    public let source: String
    public let markers: [String: Int]

    public subscript(marker: String) -> Int {
        guard let offset = markers[marker] else { preconditionFailure("no marker \(marker) in source") }
        return offset
    }
}

public func extractMarkers(_ marked: String) -> MarkedSource {
    var output = ""
    var markers: [String: Int] = [:]
    var offset = 0
    let scalars = Array(marked.unicodeScalars)
    var index = 0
    while index < scalars.count {
        let scalar = scalars[index]
        if index + 2 < scalars.count, ("0"..."9").contains(scalar), scalars[index + 1] == "\u{FE0F}", scalars[index + 2] == "\u{20E3}" {
            markers["\(scalar)️⃣"] = offset
            index += 3
            continue
        }
        output.unicodeScalars.append(scalar)
        offset += String(scalar).utf8.count
        index += 1
    }
    return MarkedSource(source: output, markers: markers)
}
