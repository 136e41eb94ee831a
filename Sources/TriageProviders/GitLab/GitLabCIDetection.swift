public import TriageEngine

extension BuiltinProviders {
    /// In a GitLab CI job (`GITLAB_CI=true`) the source is the pipeline's project,
    /// `gitlab:$CI_PROJECT_PATH`, read through `$CI_API_V4_URL` (a self-managed instance's own API).
    public static let gitlabCIDetection = SourceDetection(environmentName: "GitLab CI") { environment in
        guard environment["GITLAB_CI"] == "true", let project = nonEmpty(environment["CI_PROJECT_PATH"]) else { return nil }
        return DetectedSource(source: "gitlab:\(project)", apiURL: nonEmpty(environment["CI_API_V4_URL"]), environmentName: "GitLab CI")
    }
}
