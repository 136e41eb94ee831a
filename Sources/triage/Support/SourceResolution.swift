import ArgumentParser
import Foundation
import TriageEngine
import TriageProviders

/// Turns `--source` (or the rule file's `source:`) into a provider from the registry.
enum SourceResolution {
    static func provider(for options: SourceOptions, defaultSource: String?) throws -> any IssueProvider {
        guard let source = options.source ?? defaultSource else {
            throw UsageError("no source: pass --source (e.g. --source file:issues.jsonl) or set `source:` in a rule file")
        }
        var environment = ProcessInfo.processInfo.environment
        if options.verbose { environment["TRIAGE_VERBOSE"] = "1" }
        let configuration = ProviderConfiguration(location: "", apiURL: options.apiURL, environment: environment,
                                                  keepGoing: options.keepGoing, maxWaitSeconds: options.maxWait)
        do {
            return try BuiltinProviders.registry().resolve(source, forcedProvider: options.provider, configuration: configuration)
        } catch {
            throw UsageError(error.description)
        }
    }

    /// Runs `body`, then releases a remote provider's HTTP client, whether `body` succeeded or not.
    static func closing(_ provider: any IssueProvider, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            await (provider as? any RemoteIssueProvider)?.shutdown()
            throw error
        }
        await (provider as? any RemoteIssueProvider)?.shutdown()
    }
}
