import TriageEngine
public import TriageJSON
public import TriageLanguage

/// What the cache needs of GitHub: `GET /repos/{o}/{r}/issues?state=all&since=…` lists issues and
/// pull requests together, every state, no label filter.
extension GitHubIssueProvider: IncrementalSource {
    public var cacheRepository: String { "\(owner)/\(repository)" }

    public func syncListURLs(updatedSince since: Timestamp?) -> [String] {
        [listURL(for: IssueQuery(updatedSince: since))]
    }

    public func lazyRequest(_ field: LazyField, of issue: Issue) -> (url: String, resource: String)? {
        let resource = itemResource(issue)
        switch field {
        case .comments:
            guard issue.comments > 0 else { return nil }
            return ("\(repoURL)/issues/\(issue.number)/comments?per_page=100", resource)
        case .labelEvents:
            return ("\(repoURL)/issues/\(issue.number)/events?per_page=100", resource)
        }
    }

    public func comments(from objects: [JSONValue]) -> [IssueComment] {
        objects.compactMap { object in
            guard let created = object["created_at"]?.timestampValue else { return nil }
            let user = object["user"]
            return IssueComment(author: user?["login"]?.stringValue ?? "", body: object["body"]?.stringValue ?? "", created: created,
                                association: object["author_association"]?.stringValue, bot: GitHubBots.isBot(user))
        }
    }

    public func labelEvents(from objects: [JSONValue]) -> [LabelEvent] {
        objects.compactMap { object in
            let action: LabelEvent.Action
            switch object["event"]?.stringValue {
            case "labeled": action = .added
            case "unlabeled": action = .removed
            default: return nil
            }
            guard let name = object["label"]?["name"]?.stringValue, let created = object["created_at"]?.timestampValue else { return nil }
            return LabelEvent(label: name, action: action, created: created)
        }
    }
}
