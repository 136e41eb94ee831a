public import TriageLanguage
public import TriageRules

/// The output formats of `triage check` (SPEC §5).
public enum CheckFormat: String, CaseIterable, Sendable {
    case text, json, jsonl, markdown, html

    /// A fresh reporter for this format.
    public func makeReporter(context: CheckContext) -> any CheckReporter {
        switch self {
        case .text: TextCheckReporter(context: context)
        case .json: JSONCheckReporter(context: context)
        case .jsonl: JSONLinesCheckReporter(context: context)
        case .markdown: MarkdownCheckReporter(context: context)
        case .html: HTMLCheckReporter(context: context)
        }
    }

    /// Fields the format shows beyond number, title and URL, for `CheckRun.reportedFields`: the
    /// HTML report's columns (author, labels, age, idle, and the lazy fields `rules` read).
    public func reportedFields(for rules: [Rule]) -> [IssueField] {
        self == .html ? HTMLCheckReporter.reportedFields(for: rules) : []
    }

    /// Whether the report lists rule evaluation errors; `jsonl` does not (a line per match), so
    /// they go to stderr as they happen.
    public var listsErrors: Bool { self != .jsonl }
}

/// What every reporter knows about the run before the first issue arrives.
public struct CheckContext: Sendable {
    public var source: String
    public var now: Timestamp
    public var rules: [Rule]
    /// An organisation or group source: every match names its repository (SPEC §7).
    public var spansRepositories: Bool

    public init(source: String, now: Timestamp, rules: [Rule], spansRepositories: Bool = false) {
        self.source = source
        self.now = now
        self.rules = rules
        self.spansRepositories = spansRepositories
    }
}

/// The run's totals, handed to `finish`.
public struct CheckSummary: Sendable {
    public var statistics: RuleEngine.Statistics
    /// Wall time in seconds; reporters that promise byte-identical output leave it out.
    public var elapsedSeconds: Double
    /// API calls made by the provider, when it counts them.
    public var apiCalls: Int?
    /// Of those, conditional requests answered 304 Not Modified.
    public var notModified: Int

    public init(statistics: RuleEngine.Statistics, elapsedSeconds: Double, apiCalls: Int? = nil, notModified: Int = 0) {
        self.statistics = statistics
        self.elapsedSeconds = elapsedSeconds
        self.apiCalls = apiCalls
        self.notModified = notModified
    }
}

/// One output format of `triage check`. Streaming formats return text from `record`; the others
/// collect and write everything in `finish`.
public protocol CheckReporter {
    /// Text to write now for this issue (streaming formats), or nil.
    mutating func record(_ outcome: IssueOutcome) -> String?
    /// Writes the rest of the output, after the last issue, to `output` in pieces: a report of
    /// hundreds of thousands of matches is never held whole in one string (issue 13 item 5: the
    /// soak's text report was 16.5 MB, held once more by the string's growth), so hand it a stream
    /// that writes through to the file (`triage check` does).
    mutating func finish(_ summary: CheckSummary, to output: inout some TextOutputStream)
}

extension CheckReporter {
    /// The rest of the output as one string: for tests and small reports.
    public mutating func finish(_ summary: CheckSummary) -> String {
        var output = ""
        finish(summary, to: &output)
        return output
    }
}

/// Text gathered into pieces of about `size` bytes before each goes to `output`: a reporter writes
/// line by line without a call per line into the (locking) output stream, and never holds more than
/// one piece.
struct ChunkedOutput<Output: TextOutputStream>: TextOutputStream {
    static var size: Int { 1 << 16 }

    private var output: Output
    private var pending = ""

    init(_ output: Output) {
        self.output = output
        pending.reserveCapacity(Self.size + 1024)
    }

    mutating func write(_ text: String) {
        pending += text
        if pending.utf8.count >= Self.size { flush() }
    }

    /// Hands on what is pending and returns the stream, which must be written back.
    consuming func finished() -> Output {
        flush()
        return output
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        output.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}

/// A reporter that prints nothing until the run is over.
protocol CollectingCheckReporter: CheckReporter {
    var collector: MatchCollector { get set }
}

extension CollectingCheckReporter {
    mutating func record(_ outcome: IssueOutcome) -> String? {
        collector.add(outcome)
        return nil
    }
}
