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
        let configuration = ProviderConfiguration(location: "", apiURL: options.apiURL, environment: ProcessInfo.processInfo.environment,
                                                  keepGoing: options.keepGoing, maxWaitSeconds: options.maxWait)
        do {
            return try BuiltinProviders.registry().resolve(source, forcedProvider: options.provider, configuration: configuration)
        } catch {
            throw UsageError(error.description)
        }
    }
}
