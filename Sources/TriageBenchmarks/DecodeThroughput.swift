import Foundation
import TriageLanguage
import TriageProviders

/// Throughput of the streaming JSON issue decoder, a mode of `triage-bench` (timing lives in the
/// benchmark, never in tests):
///
///     DECODE=1 swift run -c release triage-bench
///
/// It writes ~200 MB of GitHub-shaped JSON Lines (bodies 0.5–2 KB) to /tmp once, then reports MB/s for
/// framing alone, framing + decoding every field, and framing + decoding without `body` (through
/// `JSONRecordReader.nextIssue(using:)`, the path the file provider takes), for JSON Lines and a JSON
/// array of the same issues. Peak RSS includes generating the data on a first run.
enum DecodeThroughput {
    static let path = "/tmp/triage-throughput-github.jsonl"
    static let arrayPath = "/tmp/triage-throughput-github.json"
    static let targetBytes = 200 << 20

    static func report() throws {
        try Self.generateIfNeeded()
        let size = try FileManager.default.attributesOfItem(atPath: Self.path)[.size] as? Int ?? 0
        var withoutBody = IssueFieldSet.all
        withoutBody.rawValue &= ~IssueFieldSet([.body]).rawValue

        let framing = try Self.measure(path: Self.path, size: size) { _ in 1 }
        let all = try Self.measure(path: Self.path, size: size, decoder: IssueJSONDecoder())
        let noBody = try Self.measure(path: Self.path, size: size, decoder: IssueJSONDecoder(fields: withoutBody))
        let minimal = try Self.measure(path: Self.path, size: size, decoder: IssueJSONDecoder(fields: IssueFieldSet([.state, .labels, .updated])))
        try Self.writeArrayVersionIfNeeded()
        let arraySize = try FileManager.default.attributesOfItem(atPath: Self.arrayPath)[.size] as? Int ?? 0
        let arrayFraming = try Self.measure(path: Self.arrayPath, size: arraySize) { _ in 1 }
        let arrayNoBody = try Self.measure(path: Self.arrayPath, size: arraySize, decoder: IssueJSONDecoder(fields: withoutBody))
        print("""
            throughput over \(size >> 20) MB, \(framing.records) records:
              JSON Lines, framing only:            \(framing.rate) MB/s
              JSON Lines, decode all fields:       \(all.rate) MB/s
              JSON Lines, decode without body:     \(noBody.rate) MB/s
              JSON Lines, decode state+labels+updated: \(minimal.rate) MB/s
              JSON array, framing only:            \(arrayFraming.rate) MB/s
              JSON array, decode without body:     \(arrayNoBody.rate) MB/s
              peak RSS: \(Self.peakResidentMegabytes()) MB
            """)
    }

    static func measure(path: String, size: Int, decoder: IssueJSONDecoder) throws -> (records: Int, rate: Int) {
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = JSONRecordReader(fileDescriptor: descriptor)
        var records = 0, checksum = 0
        let elapsed = try ContinuousClock().measure {
            while let (_, result) = try reader.nextIssue(using: decoder) {
                let issue = try result.get()
                records += 1
                checksum &+= issue.number
            }
        }
        precondition(checksum != 0)
        return (records, rate(size: size, elapsed))
    }

    static func rate(size: Int, _ elapsed: Duration) -> Int {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Int(Double(size) / 1_048_576 / seconds)
    }

    static func measure(path: String, size: Int, _ body: (UnsafeRawBufferPointer) -> Int) throws -> (records: Int, rate: Int) {
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = JSONRecordReader(fileDescriptor: descriptor)
        var records = 0, checksum = 0
        let elapsed = try ContinuousClock().measure {
            while let value = try reader.nextRecord({ bytes, _ in body(bytes) }) {
                records += 1
                checksum &+= value
            }
        }
        precondition(checksum != 0)
        return (records, rate(size: size, elapsed))
    }

    static func peakResidentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return -1 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }

    /// The same issues as one JSON array, one element per line, to measure array framing.
    static func writeArrayVersionIfNeeded() throws {
        if FileManager.default.fileExists(atPath: arrayPath) { return }
        _ = FileManager.default.createFile(atPath: arrayPath, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: arrayPath))
        defer { try? handle.close() }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = JSONRecordReader(fileDescriptor: descriptor)
        var text: [UInt8] = Array("[\n".utf8)
        var first = true
        while let record = try reader.next() {
            if !first { text += Array(",\n".utf8) }
            first = false
            text += record.bytes
            if text.count > 1 << 20 {
                try handle.write(contentsOf: text)
                text.removeAll(keepingCapacity: true)
            }
        }
        text += Array("\n]\n".utf8)
        try handle.write(contentsOf: text)
    }

    /// Writes GitHub REST issue objects, one per line, until the file is `targetBytes` long.
    static func generateIfNeeded() throws {
        if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size >= targetBytes { return }
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var generator = SystemRandomNumberGenerator()
        let words = ["the", "issue", "crash", "when", "running", "build", "on", "linux", "\\n", "\\\"quoted\\\"", "é", "🎉", "stack", "trace:", "`code`", "\\t"]
        var written = 0, number = 0
        while written < targetBytes {
            var chunk = ""
            for _ in 0..<1000 {
                number += 1
                var body = ""
                let bodyLength = Int.random(in: 500...2000, using: &generator)
                while body.utf8.count < bodyLength { body += words.randomElement(using: &generator)! + " " }
                let labels = (0..<Int.random(in: 0...3, using: &generator)).map { """
                    {"id": \($0), "node_id": "LA_kwDO\($0)", "url": "https://api.github.com/repos/o/r/labels/l\($0)", "name": "label-\($0)", "color": "ededed", "default": false, "description": null}
                    """ }
                let user = """
                    {"login": "user\(number % 97)", "id": \(number % 97), "node_id": "MDQ6VXNlcjE=", "avatar_url": "https://avatars.githubusercontent.com/u/1?v=4", "gravatar_id": "", "url": "https://api.github.com/users/user", "html_url": "https://github.com/user", "followers_url": "https://api.github.com/users/user/followers", "type": "User", "site_admin": false}
                    """
                chunk += """
                    {"url": "https://api.github.com/repos/o/r/issues/\(number)", "repository_url": "https://api.github.com/repos/o/r", "labels_url": "https://api.github.com/repos/o/r/issues/\(number)/labels{/name}", "comments_url": "https://api.github.com/repos/o/r/issues/\(number)/comments", "html_url": "https://github.com/o/r/issues/\(number)", "id": \(1_000_000 + number), "node_id": "I_kwDOHrjtpM5OBUhj", "number": \(number), "title": "Issue number \(number) about \(words.randomElement(using: &generator)!)", "user": \(user), "labels": [\(labels.joined(separator: ", "))], "state": "\(number % 3 == 0 ? "closed" : "open")", "locked": false, "assignee": null, "assignees": [], "milestone": null, "comments": \(number % 7), "created_at": "2022-07-19T04:39:16Z", "updated_at": "2023-01-02T03:04:05Z", "closed_at": null, "author_association": "MEMBER", "active_lock_reason": null, "body": "\(body)", "reactions": {"url": "https://api.github.com/repos/o/r/issues/\(number)/reactions", "total_count": 3, "+1": 2, "-1": 0, "laugh": 0, "hooray": 1, "confused": 0, "heart": 0, "rocket": 0, "eyes": 0}, "timeline_url": "https://api.github.com/repos/o/r/issues/\(number)/timeline", "performed_via_github_app": null, "state_reason": null}

                    """
            }
            let data = Data(chunk.utf8)
            try handle.write(contentsOf: data)
            written += data.count
        }
    }
}
