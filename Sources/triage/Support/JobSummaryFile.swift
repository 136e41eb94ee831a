import Foundation

/// The CI job summary (SPEC §6): when `GITHUB_STEP_SUMMARY` names a file, `check` and `apply`
/// append their Markdown to it. Appending, never truncating: other steps of the job write there too.
/// A summary that cannot be written is a warning, not a failed run: the run's real output is elsewhere.
enum JobSummaryFile {
    static let variable = "GITHUB_STEP_SUMMARY"

    /// The file to append to, or nil when the run is not asked for a summary.
    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let path = environment[variable], !path.isEmpty else { return nil }
        return path
    }

    static func append(_ markdown: String, to path: String) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            StandardStream.error.write("warning: cannot write the job summary to \(path) (\(variable)): \(String(cString: strerror(errno)))\n")
            return
        }
        defer { close(descriptor) }
        // A blank line keeps this summary from running into the previous step's text.
        let bytes = Array(("\n" + markdown).utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                StandardStream.error.write("warning: the job summary in \(path) is incomplete: \(String(cString: strerror(errno)))\n")
                return
            }
            offset += written
        }
    }
}
