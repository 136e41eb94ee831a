import ArgumentParser
import Foundation
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageRules

/// `triage check --rules FILE… [--source S]`: evaluate rules over a source, read-only.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate rules over the issues of a source and report the matches.",
        discussion: "Exit codes: 0 no match at or above --fail-on, 1 such a match, 2 invalid rules or usage, 3 the source failed (or a rule could not be evaluated on an issue)."
    )

    @OptionGroup var options: SourceOptions

    @Option(help: "Output format: text, json, jsonl, markdown.")
    var format: CheckFormatOption = .text

    @Option(help: "Issue batches evaluated at once. Default: the number of cores.")
    var concurrency: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a rule of this severity or higher matches: none, info, warning, error.")
    var failOn: FailOn = .error

    func validate() throws {
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let ruleSet = try RuleFiles.load(options.rules, selecting: options.selectedRules)
        let now = try options.evaluationInstant()
        let provider = try SourceResolution.provider(for: options, defaultSource: ruleSet.defaultSource)
        try await SourceResolution.closing(provider) {
            try await check(ruleSet, now: now, provider: provider)
        }
    }

    private func check(_ ruleSet: RuleSet, now: Timestamp, provider: any IssueProvider) async throws {
        let fields = ruleSet.fieldsRead.union(IssueFieldSet([.number, .title, .url]))
        let query = QueryDerivation.query(for: ruleSet.rules, now: now, fields: fields)
        let engine = RuleEngine(rules: ruleSet.rules, options: .init(now: now, concurrency: concurrency))
        var reporter = format.value.makeReporter(context: CheckContext(source: provider.sourceDescription, now: now, rules: ruleSet.rules))
        let remote = provider as? any RemoteIssueProvider
        var apiCalls: (@Sendable () -> Int)?
        if let remote { apiCalls = { remote.apiCalls } }
        let progress = ProgressLine(enabled: StandardStream.error.isTerminal, apiCalls: apiCalls)
        let started = Date()
        var matchedSeverities = Set<Severity>()
        let statistics: RuleEngine.Statistics
        do {
            statistics = try await engine.run(provider: provider, query: query) { outcome in
                if let text = reporter.record(outcome) { StandardStream.output.write(text) }
                for index in outcome.matchedRules { matchedSeverities.insert(ruleSet.rules[index].severity) }
                if !outcome.errors.isEmpty, format.value == .jsonl {
                    for error in outcome.errors { StandardStream.error.write("error: rule \(error.rule) on #\(error.number): \(error.message)\n") }
                }
                progress.tick()
            }
        } catch {
            progress.clear()
            StandardStream.output.flush()
            if error is CancellationError || Task.isCancelled { throw ExitCode(ExitStatus.interrupted) }
            StandardStream.error.write("error: \(error)\n")
            throw ExitCode(ExitStatus.sourceFailed)
        }
        progress.clear()
        let summary = CheckSummary(statistics: statistics, elapsedSeconds: Date().timeIntervalSince(started), apiCalls: remote?.apiCalls)
        StandardStream.output.write(reporter.finish(summary))
        StandardStream.output.flush()
        if let skipped = (provider as? FileIssueProvider)?.skippedRecords, skipped > 0 {
            StandardStream.error.write("warning: skipped \(skipped) malformed record\(skipped == 1 ? "" : "s") (--keep-going)\n")
        }
        if statistics.errors > 0 {
            let whereListed = format.value == .jsonl ? "listed above on stderr" : "listed in the report"
            StandardStream.error.write("error: \(statistics.errors) rule evaluation\(statistics.errors == 1 ? "" : "s") failed (\(whereListed))\n")
            throw ExitCode(ExitStatus.sourceFailed)
        }
        if let threshold = failOn.severity, matchedSeverities.contains(where: { $0 >= threshold }) {
            throw ExitCode(ExitStatus.findings)
        }
    }
}

struct CheckFormatOption: ExpressibleByArgument {
    var value: CheckFormat
    init?(argument: String) {
        guard let format = CheckFormat(rawValue: argument) else { return nil }
        value = format
    }
    static let text = CheckFormatOption(argument: "text")!
    static var allValueStrings: [String] { CheckFormat.allCases.map(\.rawValue) }
}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case none, info, warning, error

    var severity: Severity? {
        switch self {
        case .none: nil
        case .info: .info
        case .warning: .warning
        case .error: .error
        }
    }
}
