import ArgumentParser

/// `--event FILE`: the commands that read issues (`check`, `explain`, `apply`) can be triggered by
/// a webhook payload (`GITHUB_EVENT_PATH` in GitHub Actions, `TRIGGER_PAYLOAD` in GitLab CI) and
/// then evaluate only the issue it names (`EventResolution`).
struct EventOptions: ParsableArguments {
    @Option(name: .customLong("event"), help: ArgumentHelp(
        "A GitHub or GitLab webhook payload: evaluate only the issue or pull request it names, read from its repository. Default: none (the whole source).",
        valueName: "file"))
    var path: String?
}
