import Foundation
import TriageEngine
import TriageLanguage
import TriageRules

// In-memory benchmark of the language and the engine, without JSON decoding: how long rule files
// take to compile, and how fast compiled rules evaluate on 200,000 issues, single-threaded and
// through the engine's TaskGroup. Run in release mode: `swift run -c release triage-bench`.

// `ORG=1`: only the organisation walk on the loopback fake (OrganizationWalk.swift), then stop.
if ProcessInfo.processInfo.environment["ORG"] != nil {
    try await OrganizationWalk.report()
    exit(0)
}

// `DECODE=1`: only the JSON decoder's throughput (DecodeThroughput.swift), then stop.
if ProcessInfo.processInfo.environment["DECODE"] != nil {
    try DecodeThroughput.report()
    exit(0)
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let issueCount = Int(ProcessInfo.processInfo.environment["BENCH_ISSUES"] ?? "") ?? 200_000
let now = Timestamp(year: 2025, month: 1, day: 1)!

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func loadRules(_ name: String) -> [Rule] {
    let loaded = RuleLoader.load(paths: [root.appendingPathComponent("Benchmarks/\(name)").path])
    precondition(!loaded.hasErrors, "\(loaded.diagnostics)")
    return loaded.ruleSet.rules
}

/// Deterministic GitHub-like issues (a 64-bit LCG), built once in memory.
func makeIssues(_ count: Int) -> [Issue] {
    var state: UInt64 = 42
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    let pool = ["bug", "enhancement", "triage/accepted", "triage/needs-info", "priority/high", "priority/low", "area/cli",
                "area/engine", "docs", "good first issue", "stale", "release-blocker", "question", "duplicate"]
    let people = ["alice", "bob", "carol", "dana", "erin", "frank", "dependabot[bot]"]
    let start = Timestamp(year: 2020, month: 1, day: 1)!
    return (0..<count).map { index in
        let created = start + TimeSpan.minutes(Int64(index) * 7)
        var issue = Issue(number: index + 1, title: "Issue \(index): \(["crash on launch", "feat: add flag", "docs typo", "WIP refactor"][next(4)])",
                          body: String(repeating: "lorem ipsum ", count: 50 + next(100)), state: next(10) < 7 ? "open" : "closed",
                          kind: next(5) == 0 ? "pull_request" : "issue", author: people[next(people.count)],
                          authorAssociation: ["NONE", "CONTRIBUTOR", "MEMBER", "FIRST_TIME_CONTRIBUTOR"][next(4)],
                          comments: next(8) == 0 ? next(20) : next(4), reactions: next(10), upvotes: next(5),
                          created: created, updated: created + TimeSpan.days(Int64(next(400))), url: "https://github.com/acme/rocket/issues/\(index + 1)",
                          repo: "acme/rocket")
        issue.labels = (0..<next(7)).map { _ in pool[next(pool.count)] }
        issue.assignees = (0..<next(4)).map { _ in people[next(people.count - 1)] }
        issue.milestone = next(3) == 0 ? "v1.\(next(5))" : nil
        return issue
    }
}

/// Issues from an array, through a plain iterator (an `AsyncStream` would cost ~1 µs per element
/// and measure itself rather than the engine).
struct MemoryProvider: IssueProvider {
    let issues: [Issue]
    var sourceDescription: String { "memory" }
    var capabilities: ProviderCapabilities { ProviderCapabilities() }

    struct Issues: AsyncSequence, Sendable {
        let issues: [Issue]
        struct Iterator: AsyncIteratorProtocol {
            var base: IndexingIterator<[Issue]>
            mutating func next() async -> Issue? { base.next() }
        }
        func makeAsyncIterator() -> Iterator { Iterator(base: issues.makeIterator()) }
    }

    func issues(matching query: IssueQuery) -> Issues { Issues(issues: issues) }
    func loadComments(of issue: Issue) async throws -> [IssueComment] { [] }
    func loadLabelEvents(of issue: Issue) async throws -> [LabelEvent] { [] }
}

func evaluateSingleThreaded(_ rules: [Rule], _ issues: [Issue]) -> Int {
    let frame = EvaluationFrame(now: now)
    let conditions = rules.map(\.condition)
    var matches = 0
    issues.withUnsafeBufferPointer { buffer in
        for issueIndex in buffer.indices {
            frame.prepare(for: buffer[issueIndex])
            for index in conditions.indices where (try? conditions[index].evaluateSynchronously(at: buffer.baseAddress! + issueIndex, in: frame)) == true {
                matches += 1
            }
        }
    }
    return matches
}

/// The engine over in-memory issues: wall time and match count.
nonisolated func runEngine(_ engine: RuleEngine, _ issues: [Issue]) async throws -> (Double, Int) {
    var matches = 0
    let start = DispatchTime.now().uptimeNanoseconds
    _ = try await engine.run(provider: MemoryProvider(issues: issues), query: .everything) { outcome in
        matches += outcome.matchedRules.count
    }
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, matches)
}

let compileRounds = 200
let compileTime = seconds { for _ in 0..<compileRounds { _ = loadRules("rules-50.yaml") } }
print(String(format: "  load + check + compile rules-50.yaml: %.2f ms per file (50 rules)", compileTime / Double(compileRounds) * 1000))

let largeFile = Array(largeRuleFile(rules: 5_000).utf8)
var largeFileRules = 0
let largeFileTime = seconds { largeFileRules = RuleLoader.load([(path: "large.yaml", bytes: largeFile)]).ruleSet.rules.count }
precondition(largeFileRules == 5_000, "the large rule file did not load")
print(String(format: "  load + check + compile a %.1f MB file of 5,000 rules: %.0f ms", Double(largeFile.count) / 1e6, largeFileTime * 1000))

let lintFile = Array(opposingRuleFile(rules: 2_000).utf8)
var lintFindings = 0
let lintTime = seconds { lintFindings = Linter.lint(RuleLoader.load([(path: "opposing.yaml", bytes: lintFile)])).count }
print(String(format: "  load + check + lint a file of 2,000 rules in opposing pairs: %.0f ms, %d findings", lintTime * 1000, lintFindings))

let issues = makeIssues(issueCount)
let cores = ProcessInfo.processInfo.activeProcessorCount
for (name, file) in [("1 rule", "rules-1.yaml"), ("50 rules", "rules-50.yaml")] {
    let rules = loadRules(file)
    var matches = 0
    let single = seconds { matches = evaluateSingleThreaded(rules, issues) }
    let evaluations = Double(issueCount * rules.count)
    print(String(format: "  %@, %d issues, 1 thread:       %7.1f ms, %6.1f ns per rule evaluation, %d matches",
                 name, issueCount, single * 1000, single / evaluations * 1e9, matches))
    for batch in [64, 1] {
        let engine = RuleEngine(rules: rules, options: .init(now: now, concurrency: cores, batchSize: batch))
        let (elapsed, engineMatches) = try await runEngine(engine, issues)
        precondition(engineMatches == matches, "engine and single-threaded evaluation disagree")
        print(String(format: "  %@, %d issues, engine (%d tasks, batch %2d): %7.1f ms", name, issueCount, cores, batch, elapsed * 1000))
    }
}

/// Per-expression cost on the same issues, minus the loop's own cost (`MICRO=1`).
func microbenchmark(_ issues: [Issue]) {
    let frame = EvaluationFrame(now: now)
    let loopOnly = seconds { for index in issues.indices { frame.prepare(for: issues[index]) } }
    print("  loop and frame preparation: \(String(format: "%.1f", loopOnly / Double(issues.count) * 1e9)) ns per issue")
    for source in ["true", #"state == "open""#, #""bug" in labels"#, "comments > 3", "age > 30d", #"title ~ "(?i)crash""#,
                   #"any(labels, l => l ~ "^triage/")"#, #"title ~ "^(feat|fix)""#, #"contains(body, "lorem ipsum dolor")"#] {
        var checker = TypeChecker()
        let condition = ConditionCompiler.compile(source, checker: &checker).0!
        var n = 0
        let t = seconds {
            issues.withUnsafeBufferPointer { buffer in
                for index in buffer.indices {
                    frame.prepare(for: buffer[index])
                    if (try? condition.evaluateSynchronously(at: buffer.baseAddress! + index, in: frame)) == true { n += 1 }
                }
            }
        }
        print("  \(source): \(String(format: "%.1f", (t - loopOnly) / Double(issues.count) * 1e9)) ns")
    }
}

if ProcessInfo.processInfo.environment["MICRO"] != nil { microbenchmark(issues) }

/// The costliest rules of rules-50.yaml, each evaluated alone (`PER_RULE=1`).
func perRuleCosts(_ issues: [Issue]) {
    let rules = loadRules("rules-50.yaml")
    var costs: [(String, Double)] = []
    for rule in rules {
        let t = seconds { _ = evaluateSingleThreaded([rule], issues) }
        costs.append((rule.name, t / Double(issues.count) * 1e9))
    }
    for (name, nanoseconds) in costs.sorted(by: { $0.1 > $1.1 }).prefix(12) {
        print(String(format: "  %6.1f ns  %@", nanoseconds, name))
    }
}

if ProcessInfo.processInfo.environment["PER_RULE"] != nil { perRuleCosts(issues) }
