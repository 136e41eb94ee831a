import TriageJSON
import TriageLanguage

/// How the cache stores issues and lazy data: the normalized JSON of SPEC §1 (what rule tests and
/// exports write, read back by `IssueJSONDecoder`), so a cached issue decodes exactly as a listed one
/// with the same field projection.
enum CachedRecordCoding {
    static func encode(_ issue: Issue) -> [UInt8] {
        JSONValue.object([
            ("number", .int(issue.number)), ("title", .string(issue.title)), ("body", .string(issue.body)),
            ("state", .string(issue.state)), ("kind", .string(issue.kind)), ("draft", .bool(issue.draft)),
            ("author", .string(issue.author)), ("author_association", .optional(issue.authorAssociation)),
            ("labels", .array(issue.labels.map(JSONValue.string))), ("assignees", .array(issue.assignees.map(JSONValue.string))),
            ("milestone", .optional(issue.milestone)), ("comments", .int(issue.comments)), ("reactions", .int(issue.reactions)),
            ("upvotes", .int(issue.upvotes)), ("locked", .bool(issue.locked)), ("created", .string(issue.created.rfc3339)),
            ("updated", .string(issue.updated.rfc3339)), ("closed", .optional(issue.closed?.rfc3339)),
            ("url", .string(issue.url)), ("repo", .string(issue.repo)),
        ]).bytes
    }

    static func decode(_ bytes: [UInt8], fields: IssueFieldSet) throws -> Issue {
        try decode(bytes, with: IssueJSONDecoder(fields: fields))
    }

    /// With a decoder made once for a whole stream (its field projection is built when it is made).
    static func decode(_ bytes: [UInt8], with decoder: IssueJSONDecoder) throws -> Issue {
        do throws(IssueJSONError) {
            return try decoder.decode(bytes)
        } catch {
            throw CachedRecordError(what: "issue", detail: "\(error)")
        }
    }

    static func encode(_ comments: [IssueComment]) -> [UInt8] {
        JSONValue.array(comments.map { comment in
            .object([("author", .string(comment.author)), ("body", .string(comment.body)), ("created", .string(comment.created.rfc3339)),
                     ("association", .optional(comment.association)), ("bot", .bool(comment.bot))])
        }).bytes
    }

    static func decodeComments(_ bytes: [UInt8]) throws -> [IssueComment] {
        try entries(bytes, "comments").map { entry in
            guard let created = entry["created"]?.timestampValue else { throw CachedRecordError(what: "comment", detail: "no created time") }
            return IssueComment(author: entry["author"]?.stringValue ?? "", body: entry["body"]?.stringValue ?? "", created: created,
                                association: entry["association"]?.stringValue, bot: entry["bot"]?.boolValue ?? false)
        }
    }

    static func encode(_ events: [LabelEvent]) -> [UInt8] {
        JSONValue.array(events.map { event in
            .object([("label", .string(event.label)), ("action", .string(event.action.rawValue)), ("created", .string(event.created.rfc3339))])
        }).bytes
    }

    static func decodeLabelEvents(_ bytes: [UInt8]) throws -> [LabelEvent] {
        try entries(bytes, "label events").map { entry in
            guard let label = entry["label"]?.stringValue, let action = entry["action"]?.stringValue.flatMap(LabelEvent.Action.init(rawValue:)),
                  let created = entry["created"]?.timestampValue else { throw CachedRecordError(what: "label event", detail: "incomplete") }
            return LabelEvent(label: label, action: action, created: created)
        }
    }

    private static func entries(_ bytes: [UInt8], _ what: String) throws -> [JSONValue] {
        guard let array = (try? JSONValue.parse(bytes))?.arrayValue else { throw CachedRecordError(what: what, detail: "not a JSON array") }
        return array
    }
}

/// A cached record that does not decode: the cache is not trusted, the run fails rather than guess.
struct CachedRecordError: Error, CustomStringConvertible {
    var what: String
    var detail: String
    var description: String { "a cached \(what) is unreadable (\(detail)); run `triage cache clear`" }
}
