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

    /// Appends what `write` writes, piece by piece as it writes it, after a blank line that keeps
    /// this summary from running into the previous step's text.
    static func append(to path: String, _ write: (inout AppendingFile) -> Void) {
        var file: AppendingFile
        do {
            file = try AppendingFile(path: path)
        } catch {
            StandardStream.error.write("warning: cannot write the job summary to \(path) (\(variable)): \(error.reason)\n")
            return
        }
        file.write("\n")
        write(&file)
        if let failure = file.close() {
            StandardStream.error.write("warning: the job summary in \(path) is incomplete: \(failure)\n")
        }
    }
}
