import Foundation
import Synchronization
import Testing

/// Runs the built `triage` executable as a subprocess, the way a user or CI does.
///
/// The binary is the one SwiftPM built together with this test product: `swift test` builds every
/// product of the package and puts executables and the test product in one bin directory
/// (`<scratch path>/<triple>/<configuration>`), so it is found next to the running tests whatever
/// the configuration (`-c release`) or `--scratch-path`. Output is read from pipes on background
/// threads while the process runs, so a large output cannot fill a pipe and deadlock; every run has
/// a timeout after which the process is killed and the test fails.
enum Triage {
    /// `Tests/TriageCLITests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    /// The directories that may hold the test product, hence the executables built with it: on
    /// Linux the test product is an executable in the bin directory; on macOS it is a
    /// `.xctest` bundle in it, loaded by a runner that lives elsewhere.
    static let binDirectoryCandidates: [URL] = {
        var directories: [URL] = []
        for bundle in [Bundle.main, Bundle(for: BundleToken.self)] {
            if let executable = bundle.executableURL { directories.append(executable.deletingLastPathComponent()) }
            directories.append(bundle.bundleURL)
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        var seen: Set<String> = []
        return directories.filter { seen.insert($0.standardizedFileURL.path).inserted }
    }()
    /// The `triage` executable next to the test product, or nil when it was not built.
    static let binary: URL? = binDirectoryCandidates.lazy.map { $0.appendingPathComponent("triage") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    struct Output: Sendable, CustomStringConvertible {
        var status: Int32
        var stdoutData: Data
        var stderrData: Data
        var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
        var stderr: String { String(decoding: stderrData, as: UTF8.self) }
        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)---" }
    }

    struct Timeout: Error, CustomStringConvertible {
        var command: String
        var seconds: Double
        var description: String { "`\(command)` did not finish within \(seconds) s and was killed" }
    }

    /// Runs `triage ARGUMENTS` in `directory` (the fixtures by default) with `stdin` as standard
    /// input (empty when nil). `started` learns the process id (a test that kills it mid-run).
    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL = fixtures, timeout seconds: Double = 60,
                    environment: [String: String] = [:], started: (@Sendable (Int32) -> Void)? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) async throws -> Output {
        let binary = try #require(binary, """
            no `triage` executable next to the test product (looked in \(binDirectoryCandidates.map(\.path).joined(separator: ", "))): \
            build it with the same configuration and scratch path as the tests (`swift build --build-tests`, or plain `swift test`)
            """, sourceLocation: sourceLocation)
        return try await Subprocess.run(binary, arguments, stdin: stdin, in: directory, timeout: seconds, environment: environment,
                                        started: started)
    }
}

/// A class of this module, so that `Bundle(for:)` finds the bundle the tests were loaded from.
private final class BundleToken {}

/// A child process with pipes for all three standard streams and a timeout.
enum Subprocess {
    /// Runs the process on a thread of its own and suspends until it is done: waiting in place would
    /// hold one of the cooperative pool's threads (two on a 2-core machine) for the whole run and
    /// starve every other test meanwhile.
    static func run(_ executable: URL, _ arguments: [String], stdin: Data? = nil, in directory: URL, timeout seconds: Double = 60,
                    environment extra: [String: String] = [:], started: (@Sendable (Int32) -> Void)? = nil) async throws -> Triage.Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    try runBlocking(executable, arguments, stdin: stdin, in: directory, timeout: seconds, environment: extra, started: started)
                })
            }
        }
    }

    /// At most `slots` children at once, and one spawn at a time. Foundation's `Process.run()` on
    /// Linux lists /proc/self/fd to close every descriptor in the child, copying each entry's whole
    /// 256-byte name: with the suite's tests all running at once (three pipes per child, servers'
    /// sockets) the test process held ~1,300 descriptors, the listing filled its buffer, and that
    /// copy read past the end of it (a crash, seen in full runs). Bounding the children in flight
    /// keeps the descriptors in the hundreds; only the wait for a slot and the spawn are serialized.
    private static let slots = DispatchSemaphore(value: 8)
    private static let spawning = Mutex(())

    /// `environment` adds to (or replaces in) the inherited environment, after the tokens and the CI
    /// variables are removed.
    static func runBlocking(_ executable: URL, _ arguments: [String], stdin: Data? = nil, in directory: URL, timeout seconds: Double = 60,
                            environment extra: [String: String] = [:], started: (@Sendable (Int32) -> Void)? = nil) throws -> Triage.Output {
        _ = ignoreSIGPIPE
        slots.wait()
        defer { slots.signal() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for name in ["GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN"] + ciVariables { environment[name] = nil }
        // Every run gets a cache of its own (cold, as before the cache existed) unless the test
        // chooses one: runs never share the user's cache or each other's.
        let privateCache = FileManager.default.temporaryDirectory.appendingPathComponent("triage-cli-cache-\(UUID().uuidString)")
        environment["XDG_CACHE_HOME"] = privateCache.path
        defer { try? FileManager.default.removeItem(at: privateCache) }
        environment.merge(extra) { _, new in new }
        process.environment = environment

        let stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let stdinPipe = stdin.map { _ in Pipe() }
        process.standardInput = stdinPipe ?? FileHandle.nullDevice

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try spawning.withLock { _ in try process.run() }
        started?(process.processIdentifier)

        // Both pipes are drained while the process runs, so a large output cannot fill one and
        // block the process forever.
        let readers = DispatchGroup()
        let stdoutBuffer = Buffer(), stderrBuffer = Buffer()
        for (pipe, buffer) in [(stdoutPipe, stdoutBuffer), (stderrPipe, stderrBuffer)] {
            readers.enter()
            Thread.detachNewThread {
                buffer.set(pipe.fileHandleForReading.readDataToEndOfFile())
                // Closed now, not whenever the pipe is deallocated: descriptors are what is scarce.
                try? pipe.fileHandleForReading.close()
                readers.leave()
            }
        }
        if let stdin, let stdinPipe {
            Thread.detachNewThread {
                // The process may exit without reading everything: EPIPE is ignored, not fatal.
                try? stdinPipe.fileHandleForWriting.write(contentsOf: stdin)
                try? stdinPipe.fileHandleForWriting.close()
            }
        }

        let command = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                // Foundation reports the exit only once every process that inherited its
                // descriptors is gone too, so this wait is bounded as well.
                _ = exited.wait(timeout: .now() + 5)
            }
            _ = readers.wait(timeout: .now() + 2)
            throw Triage.Timeout(command: command, seconds: seconds)
        }
        // EOF arrives once the process, the only writer, has exited; the bound guards against a
        // grandchild that keeps a pipe open.
        if readers.wait(timeout: .now() + 10) == .timedOut { throw Triage.Timeout(command: command, seconds: seconds) }
        return Triage.Output(status: process.terminationStatus, stdoutData: stdoutBuffer.get(), stderrData: stderrBuffer.get())
    }

    /// The variables by which `triage` detects a CI job, writes a job summary or drops colour: when
    /// the suite itself runs in CI they are removed, so every test starts outside any CI and opts
    /// in through `environment`.
    static let ciVariables = ["GITHUB_ACTIONS", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_STEP_SUMMARY",
                              "GITLAB_CI", "CI_PROJECT_PATH", "CI_API_V4_URL", "NO_COLOR"]

    /// Writing to a pipe whose reader exited must fail with EPIPE instead of killing the test runner.
    private static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

    private final class Buffer: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ value: Data) { lock.withLock { data = value } }
        func get() -> Data { lock.withLock { data } }
    }
}

/// The URL of a file under `Fixtures`.
func fixture(_ path: String) -> URL { Triage.fixtures.appendingPathComponent(path) }

/// A fresh temporary directory; the caller removes it.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("triage-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
