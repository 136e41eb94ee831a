import TriageRules

/// Matches grouped by rule, in rule order, each rule's matches in source order, for the formats
/// that print nothing until the run is over (text prints each rule's count before its matches).
///
/// Compact, because it holds every match of the run (175,357 in the soak of issue 13 item 5): each
/// issue that matched is stored once, its repository, title and URL as UTF-8 back to back in a
/// byte arena of fixed blocks (`ByteArena`) with a fixed-size `StoredIssue` record, and a rule's
/// matches are 32-bit indexes of those records. An `IssueReference` (three `String`s, two of them on the heap) is rebuilt only when a
/// reporter reads it. About 4 + 32 + the text's bytes per match, against ~230 as structs of strings
/// (BENCHMARKS.md, "Soak: the report written in pieces").
struct MatchCollector {
    /// Where one issue's strings are in `text`: repository, then title, then URL, back to back.
    struct StoredIssue {
        var number: Int
        var location: ByteArena.Location
        var repoLength: UInt32
        var titleLength: UInt32
        var urlLength: UInt32
    }

    private var text = ByteArena()
    /// The UTF-8 of the issue being stored, gathered before it goes into `text` in one piece.
    private var scratch: [UInt8] = []
    private var issues: ContiguousArray<StoredIssue> = []
    private var matchesByRule: [ContiguousArray<UInt32>] = []
    var errors: [RuleEvaluationError] = []
    /// Issues some rules were not evaluated on (`--max-requests` spent; SPEC §7), in source order,
    /// with the indexes of those rules.
    var notEvaluated: [(issue: IssueReference, rules: [Int])] = []

    mutating func add(_ outcome: IssueOutcome) {
        if !outcome.matchedRules.isEmpty {
            let stored = UInt32(issues.count)
            issues.append(store(outcome.issue))
            for index in outcome.matchedRules {
                if index >= matchesByRule.count { matchesByRule += Array(repeating: [], count: index + 1 - matchesByRule.count) }
                matchesByRule[index].append(stored)
            }
        }
        errors += outcome.errors
        if !outcome.notEvaluatedRules.isEmpty { notEvaluated.append((outcome.issue, outcome.notEvaluatedRules)) }
    }

    /// The matches of rule `index` (none when it never matched).
    func matches(ofRule index: Int) -> Matches {
        Matches(collector: self, storedIndexes: index < matchesByRule.count ? matchesByRule[index] : [])
    }

    /// One rule's matches, each rebuilt as an `IssueReference` when read.
    struct Matches: RandomAccessCollection {
        fileprivate let collector: MatchCollector
        /// Which stored issue each match is: issues are stored in the order `add` got them, those
        /// that matched only, so a reporter can keep more per issue beside (`HTMLCellStore`).
        let storedIndexes: ContiguousArray<UInt32>

        var startIndex: Int { storedIndexes.startIndex }
        var endIndex: Int { storedIndexes.endIndex }

        subscript(position: Int) -> IssueReference {
            collector.reference(collector.issues[Int(storedIndexes[position])])
        }
    }

    private mutating func store(_ issue: IssueReference) -> StoredIssue {
        scratch.removeAll(keepingCapacity: true)
        var repo = issue.repo, title = issue.title, url = issue.url
        let lengths = (repo.withUTF8 { gather($0) }, title.withUTF8 { gather($0) }, url.withUTF8 { gather($0) })
        return StoredIssue(number: issue.number, location: text.append(scratch), repoLength: lengths.0, titleLength: lengths.1, urlLength: lengths.2)
    }

    private mutating func gather(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        scratch.append(contentsOf: bytes)
        return UInt32(bytes.count)
    }

    private func reference(_ stored: StoredIssue) -> IssueReference {
        let repoEnd = Int(stored.repoLength)
        let titleEnd = repoEnd + Int(stored.titleLength)
        let urlEnd = titleEnd + Int(stored.urlLength)
        return text.withBytes(at: stored.location, count: urlEnd) { bytes in
            IssueReference(number: stored.number,
                           title: String(decoding: bytes[repoEnd..<titleEnd], as: UTF8.self),
                           url: String(decoding: bytes[titleEnd..<urlEnd], as: UTF8.self),
                           repo: String(decoding: bytes[0..<repoEnd], as: UTF8.self))
        }
    }
}
