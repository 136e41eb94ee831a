import Foundation

/// Where a provider writes for a person while it runs: notes (retries, rate-limit waits) and, when
/// tracing is on (`--verbose`), one line per request and response. Front ends pass their own in
/// `ProviderConfiguration`; providers never write to a stream themselves.
public struct ProviderLogger: Sendable {
    /// Progress and warnings (a retry, a rate-limit wait).
    public var note: @Sendable (String) -> Void
    /// The request trace, credentials redacted; nil when tracing is off.
    public var trace: (@Sendable (String) -> Void)?

    public init(note: @escaping @Sendable (String) -> Void, trace: (@Sendable (String) -> Void)? = nil) {
        self.note = note
        self.trace = trace
    }

    /// Lines on standard error (never standard output, where reports go); trace lines start with
    /// `trace: ` when `tracing`.
    public static func standardError(tracing: Bool = false) -> ProviderLogger {
        let write: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data("\(line)\n".utf8)) }
        var trace: (@Sendable (String) -> Void)?
        if tracing { trace = { line in write("trace: \(line)") } }
        return ProviderLogger(note: write, trace: trace)
    }

    /// Nothing anywhere (tests, embedding).
    public static let silent = ProviderLogger(note: { _ in })
}
