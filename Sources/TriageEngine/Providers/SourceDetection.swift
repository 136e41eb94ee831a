/// How a provider recognises, from environment variables, a CI job that runs on its own platform,
/// so that `triage check` needs no `--source` there (SPEC §6, "CI detection"). The factory owns it:
/// the registry and the CLI know no CI by name.
public struct SourceDetection: Sendable {
    /// The CI, as the run names it on stderr ("GitHub Actions").
    public var environmentName: String
    /// The source and API base the environment names, or nil when this is not that CI (or it
    /// lacks the variables that name the project).
    public var detect: @Sendable (_ environment: [String: String]) -> DetectedSource?

    public init(environmentName: String, detect: @escaping @Sendable (_ environment: [String: String]) -> DetectedSource?) {
        self.environmentName = environmentName
        self.detect = detect
    }
}

/// A source found in the environment: what `--source` and `--api-url` would have said.
public struct DetectedSource: Hashable, Sendable {
    /// A source spec the registry resolves (`NAME:LOCATION`).
    public var source: String
    /// The API base the CI names; `--api-url` wins over it.
    public var apiURL: String?
    /// Where it was detected ("GitHub Actions"), for the note on stderr.
    public var environmentName: String

    public init(source: String, apiURL: String? = nil, environmentName: String) {
        self.source = source
        self.apiURL = apiURL
        self.environmentName = environmentName
    }

    /// "source: github:o/r (detected from GitHub Actions)".
    public var note: String { "source: \(source) (detected from \(environmentName))" }
}
