import FuzzDriver
import Glibc
import TriageJSON
import TriageLanguage
import TriageProviders

/// Hands control to libFuzzer, which calls `fuzzJSONInput` for every input it tries.
@main
enum TriageJSONFuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            fuzzJSONInput(data!, size)
        })
    }
}

/// One fuzzing input, fed to every JSON reading mode: one issue object (GitHub, GitLab or normalized,
/// with all fields and with a projection), an API list page (`JSONArrayPage`), a file or stdin stream
/// (`JSONRecordReader`: JSON array or JSON Lines, in tiny chunks so records straddle reads), and the
/// strict `JSONParser` (webhook payloads). Each must either decode or fail with a position inside the
/// input; an error without one, a crash, a hang or a sanitizer report is a bug.
func fuzzJSONInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for decoder in decoders {
        decodeObject(bytes, decoder)
        decodePage(bytes, decoder)
    }
    readStream(bytes, chunkSize: 16, framedFirst: false)
    readStream(bytes, chunkSize: 4096, framedFirst: true)
    parseStrictly(bytes)
    return 0
}

private let decoders = [IssueJSONDecoder(), IssueJSONDecoder(fields: [])]

private func decodeObject(_ bytes: [UInt8], _ decoder: IssueJSONDecoder) {
    do throws(IssueJSONError) {
        _ = try decoder.decode(bytes)
    } catch {
        requirePosition(error, in: bytes)
    }
    do throws(IssueJSONError) {
        _ = try bytes.withUnsafeBytes { raw in Result { () throws(IssueJSONError) in try decoder.shape(of: raw) } }.get()
    } catch {
        requirePosition(error, in: bytes)
    }
}

private func decodePage(_ bytes: [UInt8], _ decoder: IssueJSONDecoder) {
    do throws(IssueJSONError) {
        _ = try JSONArrayPage.issues(in: bytes, decoder: decoder)
    } catch {
        requirePosition(error, in: bytes)
    }
}

/// Streams `bytes` through a pipe (inputs are capped below a pipe's buffer by `-max_len`), reading
/// records until the end; `framedFirst` takes the copying `next()` path before decoding.
private func readStream(_ bytes: [UInt8], chunkSize: Int, framedFirst: Bool) {
    var ends: [Int32] = [0, 0]
    precondition(pipe(&ends) == 0, "pipe failed")
    defer { close(ends[0]) }
    var written = 0
    while written < bytes.count {
        let count = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress! + written, bytes.count - written) }
        precondition(count > 0, "write to the pipe failed")
        written += count
    }
    close(ends[1])
    let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    var reader = JSONRecordReader(fileDescriptor: ends[0], chunkSize: chunkSize, maxRecordSize: 1 << 20)
    let decoder = IssueJSONDecoder()
    // Every call consumes at least one byte or ends the stream, so more calls than bytes is a hang.
    for _ in 0...(bytes.count + 2) {
        do throws(JSONRecordError) {
            if framedFirst {
                guard let record = try reader.next() else { return }
                precondition((1...lines).contains(record.line), "record line \(record.line) outside 1...\(lines)")
                do throws(IssueJSONError) { _ = try decoder.decode(record.bytes) } catch { requirePosition(error, in: record.bytes) }
            } else {
                guard let (line, _) = try reader.nextIssue(using: decoder) else { return }
                precondition((1...lines).contains(line), "issue line \(line) outside 1...\(lines)")
            }
        } catch {
            precondition((1...lines).contains(error.line), "error line \(error.line) outside 1...\(lines): \(error.message)")
            if reader.isFinished { return }
        }
        if reader.isFinished { return }
    }
    preconditionFailure("the record reader did not finish within \(bytes.count + 2) calls")
}

private func parseStrictly(_ bytes: [UInt8]) {
    do throws(JSONParseError) {
        let value = try JSONParser().parse(bytes)
        // What the parser accepts, it must accept again after serializing it.
        let reparsed = try JSONParser().parse(value.serialized())
        precondition(reparsed == value, "JSONParser round trip changed the value")
    } catch {
        precondition((0...bytes.count).contains(error.offset) && error.line >= 1 && error.column >= 1,
                     "JSONParser error without a position inside the input: \(error)")
    }
}

private func requirePosition(_ error: IssueJSONError, in bytes: [UInt8]) {
    precondition((0...bytes.count).contains(error.byteOffset), "IssueJSONError outside the input (\(bytes.count) bytes): \(error)")
    precondition(!error.message.isEmpty, "IssueJSONError without a message")
}
