import ArgumentParser

/// The exit codes of SPEC §5.
enum ExitStatus {
    static let success: Int32 = 0
    /// Findings or matches at or above the failure threshold.
    static let findings: Int32 = 1
    /// Invalid rules or usage.
    static let usage: Int32 = 2
    /// The source failed.
    static let sourceFailed: Int32 = 3
    /// Interrupted by SIGINT.
    static let interrupted: Int32 = 130

    static func exit(_ code: Int32) -> ExitCode { ExitCode(code) }
}

/// A usage problem found after parsing (unknown rule name, bad --now): printed, then exit 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
