import ArgumentParser
import Foundation
import TriageEngine
import TriageProviders

/// Turns `--source` (or the rule file's `source:`, or the CI job's repository as a provider detects
/// it) into a provider from the registry, and makes sure the provider is shut down when the command
/// is done with it.
enum SourceResolution {
    /// The registry every command reads providers from.
    static let registry = BuiltinProviders.registry()

    /// `writeIntervalSeconds` is `apply --write-interval` (nil: the provider's default).
    static func provider(for options: SourceOptions, defaultSource: String?, writeIntervalSeconds: Double? = nil) throws -> any IssueProvider {
        let environment = ProcessInfo.processInfo.environment
        let (source, apiURL) = try chooseSource(for: options, defaultSource: defaultSource, environment: environment)
        var trace: (@Sendable (String) -> Void)?
        if options.verbose { trace = { line in StandardStream.error.write("trace: \(line)\n") } }
        let logger = ProviderLogger(note: { line in StandardStream.error.write("\(line)\n") }, trace: trace)
        let configuration = ProviderConfiguration(location: "", apiURL: apiURL, environment: environment,
                                                  keepGoing: options.keepGoing, maxWaitSeconds: options.maxWait.seconds, logger: logger,
                                                  repositories: options.repositories.selection,
                                                  requestBudget: options.maxRequests.map(RequestBudget.init(limit:)),
                                                  writeIntervalSeconds: writeIntervalSeconds,
                                                  cache: options.cache.providerOptions(environment: environment))
        do {
            return try registry.resolve(source, forcedProvider: options.provider, configuration: configuration)
        } catch {
            throw UsageError(error.description)
        }
    }

    /// The source and API base of the run: `--source`, else the rule files' `source:`, else the CI
    /// job's own repository as a provider detects it (said on stderr). `--api-url` wins over the
    /// API base the CI names.
    static func chooseSource(for options: SourceOptions, defaultSource: String?,
                             environment: [String: String]) throws -> (source: String, apiURL: String?) {
        if let source = options.source ?? defaultSource { return (source, options.apiURL) }
        guard let detected = registry.detectSource(environment: environment) else {
            let ci = registry.detectableEnvironments.joined(separator: " or ")
            throw UsageError("no source: pass --source (e.g. --source file:issues.jsonl) or set `source:` in a rule file"
                + (ci.isEmpty ? "" : " (in \(ci) the job's own repository is the default)"))
        }
        StandardStream.error.write(detected.note + "\n")
        return (detected.source, options.apiURL ?? detected.apiURL)
    }

    /// Resolves the provider, runs `body` with it, then shuts it down, whether `body` succeeded or not.
    static func withProvider<T>(for options: SourceOptions, defaultSource: String?, writeIntervalSeconds: Double? = nil,
                                _ body: (any IssueProvider) async throws -> T) async throws -> T {
        let provider = try provider(for: options, defaultSource: defaultSource, writeIntervalSeconds: writeIntervalSeconds)
        do {
            if let shard = options.repositories.selection.shard, !provider.spansRepositories {
                throw UsageError("--shard \(shard) needs an organisation or group source; \(provider.sourceDescription) is one repository")
            }
            let result = try await body(provider)
            await provider.shutdown()
            return result
        } catch {
            await provider.shutdown()
            throw error
        }
    }
}
