public import Testing
public import TriageYAML

/// YAML text written with position markers `1️⃣`…`9️⃣`: the markers are removed and their
/// positions in the cleaned text remembered, so tests can say "this character is here" visually.
struct MarkedYAML {
    var text: String
    var marks: [Int: YAMLMark] = [:]

    init(_ source: String) {
        var cleaned = String.UnicodeScalarView()
        var offset = 0
        var line = 1
        var column = 1
        let scalars = Array(source.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if i + 2 < scalars.count, ("1"..."9").contains(scalar),
               scalars[i + 1] == "\u{FE0F}", scalars[i + 2] == "\u{20E3}" {
                let number = Int(scalar.value) - 0x30
                marks[number] = YAMLMark(offset: offset, line: line, column: column)
                i += 3
                continue
            }
            cleaned.append(scalar)
            offset += String(scalar).utf8.count
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
        }
        text = String(cleaned)
    }

    subscript(_ number: Int) -> YAMLMark? { marks[number] }
}

/// One step of a path into a node tree: a mapping key or a sequence index.
enum PathStep: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
}

extension YAMLNode {
    func at(_ steps: PathStep...) -> YAMLNode? {
        var node: YAMLNode? = self
        for step in steps {
            switch (step, node) {
            case (.key(let key), .mapping(let mapping)?): node = mapping[key]
            case (.index(let index), .sequence(let sequence)?) where sequence.items.indices.contains(index):
                node = sequence.items[index]
            default: return nil
            }
        }
        return node
    }

    var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    var mapping: YAMLMapping? {
        if case .mapping(let mapping) = self { return mapping }
        return nil
    }

    var sequence: YAMLSequence? {
        if case .sequence(let sequence) = self { return sequence }
        return nil
    }

    /// Every scalar in the tree (keys included), without recursion.
    var allScalars: [YAMLScalar] {
        var result: [YAMLScalar] = []
        var pending: [YAMLNode] = [self]
        while let node = pending.popLast() {
            switch node {
            case .scalar(let scalar): result.append(scalar)
            case .sequence(let sequence): pending.append(contentsOf: sequence.items.reversed())
            case .mapping(let mapping):
                for entry in mapping.entries.reversed() {
                    pending.append(entry.value)
                    pending.append(entry.key)
                }
            }
        }
        return result
    }
}

/// The UTF-8 offset of the first occurrence of `needle` in `haystack`.
func utf8Offset(of needle: String, in haystack: String) -> Int? {
    let hay = Array(haystack.utf8)
    let pin = Array(needle.utf8)
    guard !pin.isEmpty, pin.count <= hay.count else { return nil }
    for start in 0...(hay.count - pin.count) where Array(hay[start..<start + pin.count]) == pin {
        return start
    }
    return nil
}

/// Failure messages show the offset too, which `description` (meant for users) leaves out.
extension YAMLMark: CustomTestStringConvertible {
    public var testDescription: String { "offset \(offset), line \(line), column \(column)" }
}

func mark(_ offset: Int, _ line: Int, _ column: Int) -> YAMLMark {
    YAMLMark(offset: offset, line: line, column: column)
}

/// Loads text that must parse, failing the test otherwise.
func load(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> YAMLNode {
    try #require(try YAMLLoader.load(text), sourceLocation: sourceLocation)
}

/// The error loading `text` throws, failing the test if it loads.
func loadError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> YAMLError? {
    loadError(Array(text.utf8), sourceLocation: sourceLocation)
}

func loadError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> YAMLError? {
    do {
        _ = try YAMLLoader.load(bytes)
        Issue.record("expected a YAMLError", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
