public import TriageEngine

extension BuiltinProviders {
    /// In a GitHub Actions job (`GITHUB_ACTIONS=true`) the source is the workflow's repository,
    /// `github:$GITHUB_REPOSITORY`, read through `$GITHUB_API_URL` (GitHub Enterprise Server sets it
    /// to its own API). The API base is taken from the environment only here, never for a source
    /// that was named explicitly.
    public static let githubActionsDetection = SourceDetection(environmentName: "GitHub Actions") { environment in
        guard environment["GITHUB_ACTIONS"] == "true", let repository = nonEmpty(environment["GITHUB_REPOSITORY"]) else { return nil }
        return DetectedSource(source: "github:\(repository)", apiURL: nonEmpty(environment["GITHUB_API_URL"]), environmentName: "GitHub Actions")
    }
}
