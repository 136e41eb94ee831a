import ArgumentParser
import Foundation
import TriageEngine
import TriageProviders

/// Turns `--source` (or the rule file's `source:`) into a provider from the registry, and makes
/// sure the provider is shut down when the command is done with it.
enum SourceResolution {
    /// The registry every command reads providers from.
    static let registry = BuiltinProviders.registry()

    static func provider(for options: SourceOptions, defaultSource: String?) throws -> any IssueProvider {
        guard let source = options.source ?? defaultSource else {
            throw UsageError("no source: pass --source (e.g. --source file:issues.jsonl) or set `source:` in a rule file")
        }
        var trace: (@Sendable (String) -> Void)?
        if options.verbose { trace = { line in StandardStream.error.write("trace: \(line)\n") } }
        let logger = ProviderLogger(note: { line in StandardStream.error.write("\(line)\n") }, trace: trace)
        let configuration = ProviderConfiguration(location: "", apiURL: options.apiURL, environment: ProcessInfo.processInfo.environment,
                                                  keepGoing: options.keepGoing, maxWaitSeconds: options.maxWait, logger: logger)
        do {
            return try registry.resolve(source, forcedProvider: options.provider, configuration: configuration)
        } catch {
            throw UsageError(error.description)
        }
    }

    /// Resolves the provider, runs `body` with it, then shuts it down, whether `body` succeeded or not.
    static func withProvider<T>(for options: SourceOptions, defaultSource: String?,
                                _ body: (any IssueProvider) async throws -> T) async throws -> T {
        let provider = try provider(for: options, defaultSource: defaultSource)
        do {
            let result = try await body(provider)
            await provider.shutdown()
            return result
        } catch {
            await provider.shutdown()
            throw error
        }
    }
}
