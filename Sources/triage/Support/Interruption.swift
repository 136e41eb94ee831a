import ArgumentParser
import Dispatch
import Foundation

/// Ctrl-C cancels the running command's task, so providers, the task group and in-flight requests
/// stop promptly and the command can exit with 130 after flushing what it has.
enum Interruption {
    static func runCancellingOnSIGINT(_ command: any AsyncParsableCommand) async throws {
        // The command value moves into the task that runs it and is used by that task only.
        nonisolated(unsafe) var command = command
        let task = Task { try await command.run() }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            StandardStream.error.write("\ninterrupted\n")
            task.cancel()
            // A source blocked in a read (stdin from a terminal or a silent pipe) cannot notice the
            // cancellation; give the command a moment to finish cleanly, then leave anyway.
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                StandardStream.output.flush()
                StandardStream.error.write("stopped\n")
                exit(130)
            }
        }
        source.resume()
        defer { source.cancel() }
        try await task.value
    }
}
