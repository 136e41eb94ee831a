import Foundation
import Testing
import TriageTestSupport

/// A `triage` process the test can SIGKILL while it runs, for crash-safety tests: `Triage.run`
/// only waits for the end. Output goes to files in the run's directory (nothing to drain, and
/// still readable after a kill); `exited` opens when the process is gone, however it ended.
final class KillableRun: @unchecked Sendable {
    // Process is not Sendable; it is only read (pid, status) after `run()`, and Foundation
    // synchronizes the termination status with the termination handler.
    private let process: Process
    private let stdoutFile: URL, stderrFile: URL
    let exited = Gate()

    /// Starts `triage ARGUMENTS` in `directory` with the environment `Triage.run` gives.
    init(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:],
         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let binary = try #require(Triage.binary, "no `triage` executable next to the test product", sourceLocation: sourceLocation)
        process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for name in ["GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN"] + Subprocess.ciVariables { environment[name] = nil }
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let id = UUID().uuidString
        stdoutFile = directory.appendingPathComponent("killable-\(id).stdout")
        stderrFile = directory.appendingPathComponent("killable-\(id).stderr")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        let exited = self.exited
        process.terminationHandler = { _ in exited.open() }
        try process.run()
    }

    /// Sends SIGKILL: no handler, no cleanup, no flushing runs in the process.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
    }

    /// Waits until the process is gone; its output so far, and its status (the signal's number
    /// when `killedBySignal`).
    func finish() async throws -> (output: Triage.Output, killedBySignal: Bool) {
        try await exited.wait()
        let output = Triage.Output(status: process.terminationStatus, stdoutData: (try? Data(contentsOf: stdoutFile)) ?? Data(),
                                   stderrData: (try? Data(contentsOf: stderrFile)) ?? Data())
        return (output, process.terminationReason == .uncaughtSignal)
    }
}

/// Returns when the first of `gates` opens, or after `seconds` (a bound for a test that went
/// wrong, never a synchronization: callers check which gate opened).
func firstOpened(_ gates: [Gate], orAfter seconds: Double) async {
    await withTaskGroup(of: Void.self) { group in
        for gate in gates { group.addTask { try? await gate.wait() } }
        group.addTask { try? await Task.sleep(for: .seconds(seconds)) }
        await group.next()
        group.cancelAll()
    }
}
