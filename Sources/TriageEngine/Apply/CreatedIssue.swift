/// The issue a write made (a report's first run), as the API's answer to the `POST` names it
/// (GitHub `number` and `html_url`, GitLab `iid` and `web_url`): the plan's entry carried number 0
/// and no address, and the apply result names the new issue by these instead.
public struct CreatedIssue: Hashable, Sendable {
    public var number: Int
    public var url: String

    public init(number: Int, url: String) {
        self.number = number
        self.url = url
    }
}
