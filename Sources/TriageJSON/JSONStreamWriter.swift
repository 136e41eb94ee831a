/// A pretty JSON document written as it is produced, byte for byte what
/// `JSONValue.serialized(pretty: true)` gives for the same tree: a report of hundreds of thousands
/// of entries is never a tree of `JSONValue`s nor one string. Containers are opened and closed by
/// hand; leaves (and small subtrees, such as one match) are handed over as `JSONValue`s.
public struct JSONStreamWriter<Output: TextOutputStream> {
    private var output: Output
    /// For each open container, how many members it has so far.
    private var memberCounts: [Int] = []
    /// A key was written and its value comes next (no separator before it).
    private var awaitingValue = false

    public init(_ output: Output) {
        self.output = output
    }

    public mutating func beginObject() {
        beginMember()
        output.write("{")
        memberCounts.append(0)
    }

    public mutating func beginArray() {
        beginMember()
        output.write("[")
        memberCounts.append(0)
    }

    public mutating func endObject() { end("}") }

    public mutating func endArray() { end("]") }

    /// The key of the next member of the open object; its value follows.
    public mutating func key(_ name: String) {
        beginMember()
        var text = ""
        JSONValue.writeString(name, into: &text)
        output.write(text + ": ")
        awaitingValue = true
    }

    /// A whole value: the next element of the open array, the value of the last key, or the document.
    public mutating func value(_ value: JSONValue) {
        beginMember()
        var text = ""
        value.write(into: &text, pretty: true, indent: memberCounts.count)
        output.write(text)
    }

    /// Returns the stream, which must be written back; every container must be closed.
    public consuming func finished() -> Output {
        precondition(memberCounts.isEmpty, "JSONStreamWriter finished with open containers")
        return output
    }

    /// The separator and indentation before a member, as the serializer writes them (none after a key).
    private mutating func beginMember() {
        if awaitingValue {
            awaitingValue = false
            return
        }
        guard let count = memberCounts.last else { return }
        output.write((count > 0 ? ",\n" : "\n") + String(repeating: "  ", count: memberCounts.count))
        memberCounts[memberCounts.count - 1] = count + 1
    }

    /// An empty container closes on the same line (`[]`, `{}`), as the serializer writes it.
    private mutating func end(_ bracket: String) {
        let count = memberCounts.removeLast()
        output.write(count > 0 ? "\n" + String(repeating: "  ", count: memberCounts.count) + bracket : bracket)
    }
}
