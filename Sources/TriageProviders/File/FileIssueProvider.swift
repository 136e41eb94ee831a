public import TriageEngine
public import TriageLanguage
import Foundation
import Synchronization

/// Issues from a JSON array or JSON Lines file (`file:PATH`) or from standard input (`-`): objects
/// in GitHub REST, GitLab REST or normalized shape, detected per object (SPEC §4).
///
/// Reading streams in chunks, so memory stays flat however large the file is. A malformed record
/// is an error naming the file and line, unless `keepGoing` is set, in which case it is skipped and
/// counted (`skippedRecords`, and in `runNotes`). `issue(number:)` reads the stream until it finds the
/// number (the protocol's default): a file has no index.
public struct FileIssueProvider: IssueProvider {
    public let path: String
    public let keepGoing: Bool
    let skipped = SkipCounter()

    /// - Parameter path: a file path, or `-` for standard input.
    public init(path: String, keepGoing: Bool = false) {
        self.path = path
        self.keepGoing = keepGoing
    }

    public var sourceDescription: String { path == "-" ? "stdin" : "file:\(path)" }

    public var capabilities: ProviderCapabilities {
        ProviderCapabilities(lazyData: [], writeActions: [])
    }

    /// Records skipped so far because they were malformed (only with `keepGoing`).
    public var skippedRecords: Int { skipped.value }

    public var runNotes: ProviderRunNotes { ProviderRunNotes(skippedRecords: skipped.value) }

    public func issues(matching query: IssueQuery) -> FileIssueSequence {
        FileIssueSequence(path: path, fields: query.fields, keepGoing: keepGoing, skipped: skipped)
    }

    /// Comments come only embedded in normalized objects (`comments_data`); otherwise they are
    /// unavailable, which rules report per issue instead of treating as "no comments".
    public func loadComments(of issue: Issue) async throws -> [IssueComment] {
        if let comments = issue.embeddedComments { return comments }
        throw LazyDataUnavailable(data: .comments, source: sourceDescription)
    }

    public func loadLabelEvents(of issue: Issue) async throws -> [LabelEvent] {
        if let events = issue.embeddedLabelEvents { return events }
        throw LazyDataUnavailable(data: .labelEvents, source: sourceDescription)
    }
}

/// The issues of one file, read lazily as they are iterated.
public struct FileIssueSequence: AsyncSequence, Sendable {
    public typealias Element = Issue
    let path: String
    let fields: IssueFieldSet
    let keepGoing: Bool
    let skipped: SkipCounter

    public func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self)
    }

    public final class Iterator: AsyncIteratorProtocol {
        let sequence: FileIssueSequence
        var reader: JSONRecordReader?
        var descriptor: Int32 = -1
        var finished = false
        var decoder: ParallelRecordDecoder
        var batch: ParallelRecordDecoder.Batch?
        var position = 0

        init(sequence: FileIssueSequence) {
            self.sequence = sequence
            decoder = ParallelRecordDecoder(decoder: IssueJSONDecoder(fields: sequence.fields), prefetch: 2, keepGoing: sequence.keepGoing)
        }

        deinit {
            decoder.cancel()
            if descriptor > 2 { close(descriptor) }
        }

        public func next() async throws -> Issue? {
            guard !finished else { return nil }
            if reader == nil { try open() }
            while true {
                try Task.checkCancellation()
                if let current = batch, position < current.records.count {
                    let record = current.records[position]
                    position += 1
                    switch record {
                    case let .issue(issue):
                        return issue
                    case let .malformed(line, message):
                        if sequence.keepGoing {
                            sequence.skipped.increment()
                            continue
                        }
                        finished = true
                        throw FileSourceError(path: sequence.path, line: line, message: message)
                    }
                }
                if let error = batch?.framingError {
                    finished = true
                    throw FileSourceError(path: sequence.path, line: error.line, message: error.message)
                }
                guard let next = await decoder.nextBatch(from: &reader!, skipped: sequence.skipped) else {
                    finished = true
                    return nil
                }
                batch = next
                position = 0
            }
        }

        private func open() throws {
            if sequence.path == "-" {
                descriptor = 0
            } else {
                descriptor = Foundation.open(sequence.path, O_RDONLY)
                guard descriptor >= 0 else {
                    finished = true
                    throw FileSourceError(path: sequence.path, line: nil, message: String(cString: strerror(errno)))
                }
            }
            reader = JSONRecordReader(fileDescriptor: descriptor)
        }
    }
}

/// A file source that cannot be read or holds a malformed record.
public struct FileSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public var description: String {
        let name = path == "-" ? "<stdin>" : path
        return line.map { "\(name):\($0): \(message)" } ?? "\(name): \(message)"
    }
}

/// Counts skipped records across the tasks that read them.
final class SkipCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
