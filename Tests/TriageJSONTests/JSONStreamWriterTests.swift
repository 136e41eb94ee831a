import Testing
import TriageJSON

/// The streamed pretty form must be the serializer's, byte for byte, whichever parts are opened by
/// hand and which are handed over whole: reports written in pieces depend on it.
struct JSONStreamWriterTests {
    /// A deterministic generator of trees with empty and nested containers and escaped strings.
    struct Trees {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func tree(depth: Int) -> JSONValue {
            switch depth > 3 ? next(4) : next(7) {
            case 0: return .null
            case 1: return .int(next(2_000) - 1_000)
            case 2: return .string(["", "plain", "quote \" and \\ and \n", "ünï 🚀", "\u{2028}"][next(5)])
            case 3: return .bool(next(2) == 0)
            case 4, 5: return .array((0..<next(4)).map { _ in tree(depth: depth + 1) })
            default: return .object((0..<next(4)).map { index in ("key\(index)", tree(depth: depth + 1)) })
            }
        }
    }

    /// Walks `value`, opening some containers by hand and handing the rest over whole.
    static func stream(_ value: JSONValue, into writer: inout JSONStreamWriter<String>, trees: inout Trees) {
        switch value {
        case let .array(items) where trees.next(3) > 0:
            writer.beginArray()
            for item in items { stream(item, into: &writer, trees: &trees) }
            writer.endArray()
        case let .object(entries) where trees.next(3) > 0:
            writer.beginObject()
            for (key, item) in entries {
                writer.key(key)
                stream(item, into: &writer, trees: &trees)
            }
            writer.endObject()
        default:
            writer.value(value)
        }
    }

    @Test func streamedIsSerializedPretty() {
        var trees = Trees(state: 7)
        for _ in 0..<500 {
            let document = trees.tree(depth: 0)
            var writer = JSONStreamWriter("")
            Self.stream(document, into: &writer, trees: &trees)
            let streamed = writer.finished()
            #expect(streamed == document.serialized(pretty: true), "\(document.serialized())")
        }
    }

    @Test func emptyContainersCloseOnTheirLine() {
        var writer = JSONStreamWriter("")
        writer.beginObject()
        writer.key("rules")
        writer.beginArray()
        writer.endArray()
        writer.key("errors")
        writer.beginObject()
        writer.endObject()
        writer.endObject()
        #expect(writer.finished() == "{\n  \"rules\": [],\n  \"errors\": {}\n}")
    }
}
