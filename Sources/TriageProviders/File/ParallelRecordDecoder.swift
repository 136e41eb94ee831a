import TriageLanguage

/// Decodes framed JSON records on other cores while the engine evaluates the ones before them.
///
/// Framing a record is cheap (~12 GB/s); decoding it is the expensive part (~500–800 MB/s), and on
/// the single reading task it bounded the pipeline to one core. Records are framed in order on the
/// reading task and copied into batches; each batch is decoded by a task of its own, up to
/// `prefetch` batches ahead, and batches are handed out strictly in order.
struct ParallelRecordDecoder {
    /// One record's outcome, in source order.
    enum Decoded: Sendable {
        case issue(Issue)
        case malformed(line: Int, message: String)
    }

    /// The decoded records of one batch; `framingError` ends the input after them.
    struct Batch: Sendable {
        var records: [Decoded]
        var framingError: JSONRecordError?
    }

    static let recordsPerBatch = 256
    /// A record longer than this is decoded on the reading task straight from the reader's buffer
    /// instead of being copied into a batch: a 10 MB record would otherwise be held twice.
    static let inPlaceRecordSize = 1 << 20
    let decoder: IssueJSONDecoder
    let prefetch: Int
    /// Skip a framing error in JSON Lines (one bad line) instead of ending the input.
    let keepGoing: Bool
    private var inFlight: [Task<Batch, Never>] = []
    private var inputDone = false

    init(decoder: IssueJSONDecoder, prefetch: Int, keepGoing: Bool) {
        self.decoder = decoder
        self.prefetch = max(1, prefetch)
        self.keepGoing = keepGoing
    }

    /// The next batch in source order, or nil when the input is exhausted.
    mutating func nextBatch(from reader: inout JSONRecordReader, skipped: SkipCounter) async -> Batch? {
        while !inputDone && inFlight.count < prefetch {
            inFlight.append(startBatch(from: &reader, skipped: skipped))
        }
        guard !inFlight.isEmpty else { return nil }
        let batch = await inFlight.removeFirst().value
        // Keep the other cores busy while this batch is consumed.
        if !inputDone { inFlight.append(startBatch(from: &reader, skipped: skipped)) }
        return batch
    }

    /// Cancels decoding nobody will read (the iterator went away).
    func cancel() {
        for task in inFlight { task.cancel() }
    }

    /// Frames up to `recordsPerBatch` records on the calling task and starts decoding them.
    private mutating func startBatch(from reader: inout JSONRecordReader, skipped: SkipCounter) -> Task<Batch, Never> {
        var records: [Framed] = []
        records.reserveCapacity(Self.recordsPerBatch)
        var framingError: JSONRecordError?
        let decoder = self.decoder
        while records.count < Self.recordsPerBatch {
            do throws(JSONRecordError) {
                let framed = try reader.nextRecord { bytes, line in
                    bytes.count > Self.inPlaceRecordSize
                        ? Framed.decoded(Self.decode(bytes, line: line, with: decoder))
                        : Framed.copied(JSONRecord(bytes: Array(bytes), line: line))
                }
                guard let framed else {
                    inputDone = true
                    break
                }
                records.append(framed)
            } catch {
                // A JSON Lines reader can go on after a bad line; an array reader cannot.
                if keepGoing, !reader.isFinished {
                    skipped.increment()
                    continue
                }
                framingError = error
                inputDone = true
                break
            }
        }
        return Task {
            let decoded = records.map { framed in
                switch framed {
                case let .decoded(decoded): decoded
                case let .copied(record): record.bytes.withUnsafeBytes { Self.decode($0, line: record.line, with: decoder) }
                }
            }
            return Batch(records: decoded, framingError: framingError)
        }
    }

    /// A framed record: copied for a decoding task, or (a long one) already decoded.
    private enum Framed: Sendable {
        case copied(JSONRecord)
        case decoded(Decoded)
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, line: Int, with decoder: IssueJSONDecoder) -> Decoded {
        do throws(IssueJSONError) {
            return .issue(try decoder.decode(bytes))
        } catch {
            // The line of the error itself, not of the record's start (pretty-printed arrays).
            let offset = max(0, min(error.byteOffset, bytes.count))
            return .malformed(line: line + JSONByteSearch.countNewlines(in: UnsafeRawBufferPointer(rebasing: bytes[..<offset])), message: error.description)
        }
    }
}
