public import TriageJSON

/// Which GitLab accounts are bots (SPEC §8), for notes, approvals and reviewers alike.
public enum GitLabBots {
    /// A bot: `bot: true`, else (older GitLab versions omit the flag) a username ending in `[bot]`
    /// or a project access token's bot user (`project_{id}_bot…`). Note authors, approvers and
    /// reviewers are told apart by this one test, so `last_comment.bot`, `human_idle` and
    /// `review_state` agree on who is a bot.
    public static func isBot(_ user: JSONValue?) -> Bool {
        if user?["bot"]?.boolValue == true { return true }
        let username = user?["username"]?.stringValue ?? ""
        return username.hasSuffix("[bot]") || username.hasPrefix("project_") && username.contains("_bot")
    }
}
