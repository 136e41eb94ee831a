import TriageEngine
public import TriageJSON
public import TriageLanguage

/// What the cache needs of GitLab: the issue and merge-request lists with `state=all` and
/// `updated_after=…`, no label filter; notes (system notes left out) and resource label events.
extension GitLabIssueProvider: IncrementalSource {
    public var cacheRepository: String { projectPath }

    public func syncListURLs(updatedSince since: Timestamp?) -> [String] {
        listURLs(for: IssueQuery(updatedSince: since))
    }

    public func lazyRequest(_ field: LazyField, of issue: Issue) -> (url: String, resource: String)? {
        switch field {
        case .comments:
            guard issue.comments > 0 else { return nil }
            return ("\(itemURL(issue))/notes?sort=asc&order_by=created_at&per_page=100", itemResource(issue))
        case .labelEvents:
            return ("\(itemURL(issue))/resource_label_events?per_page=100", itemResource(issue))
        }
    }

    public func comments(from objects: [JSONValue]) -> [IssueComment] { Self.comments(from: objects) }

    public func labelEvents(from objects: [JSONValue]) -> [LabelEvent] { Self.labelEvents(from: objects) }

    /// Notes without system notes; shared with the group listing (`GitLabGroupListing`).
    static func comments(from objects: [JSONValue]) -> [IssueComment] {
        objects.compactMap { object in
            guard object["system"]?.boolValue != true, let created = object["created_at"]?.timestampValue else { return nil }
            let author = object["author"]
            return IssueComment(author: author?["username"]?.stringValue ?? "", body: object["body"]?.stringValue ?? "", created: created,
                                association: nil, bot: GitLabBots.isBot(author))
        }
    }

    /// Added and removed labels; shared with the group listing (`GitLabGroupListing`).
    static func labelEvents(from objects: [JSONValue]) -> [LabelEvent] {
        objects.compactMap { object in
            let action: LabelEvent.Action
            switch object["action"]?.stringValue {
            case "add": action = .added
            case "remove": action = .removed
            default: return nil
            }
            guard let name = object["label"]?["name"]?.stringValue, let created = object["created_at"]?.timestampValue else { return nil }
            return LabelEvent(label: name, action: action, created: created)
        }
    }
}
