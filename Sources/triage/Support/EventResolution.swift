import Foundation
import TriageEngine
import TriageJSON

/// What a command evaluates when it was given `--event`.
enum EventScope {
    /// Only this item of the payload's repository: the provider is narrowed to it.
    case item(number: Int)
    /// The whole source: the event carries no issue but asks for a full run (`schedule`, …).
    case wholeSource
}

/// Turns `--event FILE` into a provider, through the registry's factories (each reads its own
/// payload shape): an event about one issue gives the payload's repository narrowed to that issue
/// (`scoped(toItem:kind:)`: one single-item request, never a list); `schedule`-like events give
/// the source as without `--event`; other events evaluate nothing. Without `--event` this is
/// `SourceResolution.withProvider`.
enum EventResolution {
    /// Runs `body` with the provider (and the event's scope, nil without `--event`) and shuts the
    /// provider down; returns nil without running `body` when the event carries nothing to evaluate.
    /// `writeIntervalSeconds` is `apply --write-interval` (nil: the provider's default).
    static func withProvider<T>(for options: SourceOptions, event: EventOptions, defaultSource: String?, writeIntervalSeconds: Double? = nil,
                                _ body: (any IssueProvider, EventScope?) async throws -> T) async throws -> T? {
        guard let path = event.path else {
            return try await SourceResolution.withProvider(for: options, defaultSource: defaultSource, writeIntervalSeconds: writeIntervalSeconds) { try await body($0, nil) }
        }
        let (factory, webhook) = try read(path)
        let described = "the \(webhook.name.map { "`\($0)` " } ?? "")event in \(path)"
        try checkSource(options, against: factory, webhook, described: described)
        var options = options
        switch webhook.target {
        case .nothing:
            StandardStream.error.write("note: \(described) carries no issue: nothing to evaluate\n")
            return nil
        case .wholeSource:
            StandardStream.error.write("note: \(described) carries no issue: evaluating the whole source\n")
            var defaultSource = defaultSource
            if options.source == nil, defaultSource == nil, let repository = webhook.repository {
                defaultSource = "\(factory.name):\(repository.location)"
                options.apiURL = options.apiURL ?? repository.apiURL
            }
            return try await SourceResolution.withProvider(for: options, defaultSource: defaultSource, writeIntervalSeconds: writeIntervalSeconds) { try await body($0, .wholeSource) }
        case let .item(number, kind):
            // The readers only return an item with its repository.
            guard let repository = webhook.repository else { throw UsageError("\(path): \(described) names no repository") }
            let source = "\(factory.name):\(repository.location)"
            options.source = source
            options.apiURL = options.apiURL ?? repository.apiURL
            StandardStream.error.write("note: \(described) is about #\(number) of \(source): evaluating only it\n")
            return try await SourceResolution.withProvider(for: options, defaultSource: nil, writeIntervalSeconds: writeIntervalSeconds) { provider in
                try await body(provider.scoped(toItem: number, kind: kind), .item(number: number))
            }
        }
    }

    /// The payload in `path` and the factory that recognized it; exit 2 naming the file when it
    /// cannot be read, is not JSON, lacks its issue, or no provider recognizes it.
    static func read(_ path: String) throws -> (factory: ProviderFactory, event: WebhookEvent) {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read the event payload \(path)")
        }
        let payload: JSONValue
        do {
            payload = try JSONParser().parse(Array(bytes))
        } catch {
            throw UsageError("the event payload \(path) is not JSON: \(error)")
        }
        do {
            guard let found = try SourceResolution.registry.readEvent(payload, environment: ProcessInfo.processInfo.environment) else {
                let readers = SourceResolution.registry.factories.filter { $0.readEvent != nil }.map(\.name)
                throw UsageError("the event payload \(path) is not a webhook payload of \(readers.joined(separator: " or "))")
            }
            return found
        } catch let error as WebhookPayloadError {
            throw UsageError("the event payload \(path) is \(error)")
        }
    }

    /// With `--event`, issues come from the payload's repository: a `--source` that names another
    /// repository, or a source that is no repository (a file, standard input), is a usage error.
    static func checkSource(_ options: SourceOptions, against factory: ProviderFactory, _ webhook: WebhookEvent, described: String) throws {
        guard let source = options.source else { return }
        let located: (factory: ProviderFactory, configuration: ProviderConfiguration)
        do {
            located = try SourceResolution.registry.locate(source, forcedProvider: options.provider, configuration: ProviderConfiguration(location: ""))
        } catch {
            throw UsageError(error.description)
        }
        guard located.factory.readEvent != nil else {
            throw UsageError("--event reads issues from the payload's repository; --source \(source) is not a repository")
        }
        guard let repository = webhook.repository else { return }
        if located.factory.name != factory.name || located.configuration.location.lowercased() != repository.location.lowercased() {
            throw UsageError("--source \(source) names another repository than \(described) (\(factory.name):\(repository.location))")
        }
    }
}
