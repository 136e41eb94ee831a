public import TriageJSON

/// Which GitHub accounts are bots (SPEC §8), for comments and reviews alike.
public enum GitHubBots {
    /// A bot: `type` `Bot`, or a login ending in `[bot]` (GitHub Apps). Comment authors and
    /// reviewers are told apart by this one test, so `last_comment.bot` and `human_idle` agree.
    public static func isBot(_ user: JSONValue?) -> Bool {
        user?["type"]?.stringValue == "Bot" || (user?["login"]?.stringValue ?? "").hasSuffix("[bot]")
    }
}
