/// Which kind of item a number names. GitLab numbers issues and merge requests separately, so a
/// caller that knows the kind (a webhook payload does) lets a provider read the item with one request.
public enum ItemKind: String, Hashable, Sendable {
    case issue
    /// A pull request (GitHub) or merge request (GitLab); the issue model's `kind` spelling.
    case pullRequest = "pull_request"
}
