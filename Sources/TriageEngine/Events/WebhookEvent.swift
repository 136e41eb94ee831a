/// What a webhook payload (`--event FILE`) asks a run to evaluate, as a provider factory reads it
/// from its own payload shape (`ProviderFactory.readEvent`). Payloads lack fields the issue model
/// needs, so only the repository, the number and the kind are taken; the item is read from the API.
public struct WebhookEvent: Hashable, Sendable {
    /// What the event is about.
    public enum Target: Hashable, Sendable {
        /// One issue or pull request: the only one evaluated.
        case item(number: Int, kind: ItemKind)
        /// No issue, but a run over the whole source (`schedule`, `workflow_dispatch`, …).
        case wholeSource
        /// No issue and nothing to do (`push`, `release`, …).
        case nothing
    }

    /// The event's name (`issues`, `issue_comment`, `merge_request`, `note`, `schedule`, …), or nil
    /// when neither the environment nor the payload says it.
    public var name: String?
    /// The repository the payload names, as the factory's location (and API base when the payload
    /// shows a self-hosted server); nil when it names none.
    public var repository: WebSource?
    public var target: Target

    public init(name: String?, repository: WebSource?, target: Target) {
        self.name = name
        self.repository = repository
        self.target = target
    }
}
