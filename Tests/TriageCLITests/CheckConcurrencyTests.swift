import Foundation
import Testing

/// `check` output does not depend on `--concurrency` (SPEC §5): 1,500 generated issues, in an order
/// that is neither ascending nor descending by number, evaluated one at a time and eight at a time.
@Suite struct CheckConcurrencyTests {
    static let issueCount = 1_500

    struct Generated {
        var jsonLines: Data
        /// Issue numbers in source order.
        var numbers: [Int]
        /// How many are open non-draft pull requests (the `pull-requests` rule).
        var readyPullRequests: Int
    }

    /// Deterministic normalized issues: numbers are a permutation, fields vary with the index.
    static func generate() -> Generated {
        var lines = ""
        var numbers: [Int] = []
        var readyPullRequests = 0
        let labelSets = [[], ["bug"], ["bug", "triage/accepted"], ["enhancement"], ["bug", "help wanted"]]
        let titles = ["App crashes on start", "Panic in the planner", "Docs typo", "Slow startup", "Segfault with musl", "Add a flag"]
        for index in 0..<issueCount {
            let number = (index * 7_919) % 10_007 + 1
            numbers.append(number)
            let isPullRequest = index % 7 == 3
            let draft = isPullRequest && index % 3 == 0
            if isPullRequest && !draft { readyPullRequests += 1 }
            let state = index % 5 == 4 ? "closed" : "open"
            let labels = labelSets[index % labelSets.count].map { "\"\($0)\"" }.joined(separator: ",")
            let assignees = index % 4 == 0 ? #"["alice"]"# : "[]"
            let milestone = index % 6 == 0 ? #""v1""# : "null"
            let day = 1 + index % 28
            let closed = state == "closed" ? #""2024-05-\#(String(format: "%02d", day))T00:00:00Z""# : "null"
            lines += #"{"number":\#(number),"title":"\#(titles[index % titles.count]) \#(index)","state":"\#(state)","kind":"\#(isPullRequest ? "pull_request" : "issue")","draft":\#(draft),"# +
                #""author":"user\#(index % 13)","labels":[\#(labels)],"assignees":\#(assignees),"milestone":\#(milestone),"comments":0,"# +
                #""created":"2024-04-\#(String(format: "%02d", 1 + index % 30))T00:00:00Z","updated":"2024-05-01T00:00:00Z","closed":\#(closed),"# +
                #""url":"https://github.com/acme/rocket/issues/\#(number)"}"# + "\n"
        }
        return Generated(jsonLines: Data(lines.utf8), numbers: numbers, readyPullRequests: readyPullRequests)
    }

    @Test(arguments: ["jsonl", "json", "markdown", "text"])
    func outputIsTheSameForAnyConcurrency(_ format: String) async throws {
        let generated = Self.generate()
        #expect(Set(generated.numbers).count == Self.issueCount)
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try generated.jsonLines.write(to: directory.appendingPathComponent("issues.jsonl"))
        try FileManager.default.copyItem(at: fixture("check/rules.yaml"), to: directory.appendingPathComponent("rules.yaml"))

        func run(_ concurrency: Int) async throws -> Triage.Output {
            try await Triage.run(["check", "--rules", "rules.yaml", "--source", "file:issues.jsonl", "--now", "2024-06-01T00:00:00Z",
                            "--format", format, "--concurrency", String(concurrency)], in: directory)
        }
        let one = try await run(1), eight = try await run(8)
        #expect(one.status == 1)
        #expect(eight.status == 1)
        #expect(one.stderr == "")
        #expect(eight.stderr == "")
        if format == "text" {
            // Identical but for the wall time at the very end.
            #expect(withoutElapsedTime(one.stdout) == withoutElapsedTime(eight.stdout))
        } else {
            #expect(one.stdoutData == eight.stdoutData, "output differs between --concurrency 1 and 8:\n\(lineDiff(one.stdout, eight.stdout))")
        }

        if format == "jsonl" {
            // Source order first, then the order of the rules in the file.
            let ruleOrder = ["crash-reports", "unowned-bugs", "pull-requests", "closed-in-milestone"]
            let position = Dictionary(uniqueKeysWithValues: generated.numbers.enumerated().map { ($1, $0) })
            var keys: [[Int]] = []
            var perRule: [String: Int] = [:]
            for line in one.stdoutLines {
                let object = try #require(try parseJSON(Data(line.utf8)) as? [String: Any])
                let rule = try #require(object["rule"] as? String)
                let number = try #require(object["number"] as? Int)
                keys.append([try #require(position[number]), try #require(ruleOrder.firstIndex(of: rule))])
                perRule[rule, default: 0] += 1
            }
            #expect(keys.count > Self.issueCount / 2)
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) }, "matches are not in source order, then rule order")
            #expect(perRule["pull-requests"] == generated.readyPullRequests)
        }
        if format == "json" {
            let document = try #require(try parseJSON(one.stdoutData) as? [String: Any])
            #expect(document["issues"] as? Int == Self.issueCount)
        }
    }
}
