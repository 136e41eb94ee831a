import TriageLanguage

/// The value cells of every match of the HTML report, rendered once as the match arrives and kept
/// as UTF-8 in a byte arena (`ByteArena`), beside the `MatchCollector` that keeps its issue: a match's column
/// values (`IssueOutcome.fieldValues`, a dictionary of enums with strings and arrays on the heap)
/// cost ~810 bytes each when kept as they came, their cells about a third of that (BENCHMARKS.md,
/// "Soak: json, markdown and html written in pieces too"). Issue `k` here is the collector's stored
/// issue `k`: both store each issue that matched, in the order they arrive.
struct HTMLCellStore {
    /// The fields whose cells are kept, in this order for every issue (the report's columns).
    let fields: [IssueField]

    private var text = ByteArena()
    /// The UTF-8 of the issue being stored, gathered before it goes into `text` in one piece.
    private var scratch: [UInt8] = []
    /// Where each issue's cells are in `text`, back to back in `fields` order.
    private var locations: ContiguousArray<ByteArena.Location> = []
    /// Each cell's length, `fields.count` per issue.
    private var lengths: ContiguousArray<UInt32> = []
    /// Each issue's age bucket (`AgeBuckets`), or -1 when evaluation handed out no age.
    private var ageBuckets: ContiguousArray<Int8> = []

    init(fields: [IssueField]) {
        self.fields = fields
    }

    /// Stores the cells of the next issue from the values the run handed out with it.
    mutating func add(_ values: [IssueField: Value]) {
        scratch.removeAll(keepingCapacity: true)
        for field in fields {
            var cell = HTMLCells.value(values[field])
            lengths.append(cell.withUTF8 { bytes in
                scratch.append(contentsOf: bytes)
                return UInt32(bytes.count)
            })
        }
        locations.append(text.append(scratch))
        if case let .duration(age)? = values[.age] {
            ageBuckets.append(Int8(AgeBuckets.bucket(of: age)))
        } else {
            ageBuckets.append(-1)
        }
    }

    /// The age bucket of stored issue `issue`, or nil when it has no age.
    func ageBucket(of issue: Int) -> Int? {
        ageBuckets[issue] < 0 ? nil : Int(ageBuckets[issue])
    }

    /// The cells of stored issue `issue` for the fields at `slots` (indexes into `fields`), in that order.
    func cells(of issue: Int, slots: [Int]) -> String {
        let cellLengths = lengths[issue * fields.count..<(issue + 1) * fields.count]
        let first = cellLengths.startIndex
        return text.withBytes(at: locations[issue], count: cellLengths.reduce(0) { $0 + Int($1) }) { bytes in
            var html = ""
            for slot in slots {
                let start = cellLengths[first..<first + slot].reduce(0) { $0 + Int($1) }
                html += String(decoding: bytes[start..<start + Int(cellLengths[first + slot])], as: UTF8.self)
            }
            return html
        }
    }
}
