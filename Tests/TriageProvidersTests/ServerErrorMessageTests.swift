import Testing
@testable import TriageProviders

/// What a person reads of a server's error body: parsed, never string-searched.
struct ServerErrorMessageTests {
    static func message(_ body: String) -> String? { ServerErrorMessage.of(Array(body.utf8)) }

    @Test func gitHubMessageWithItsErrors() {
        #expect(Self.message(#"{"message":"Not Found","documentation_url":"https://docs.github.com"}"#) == "Not Found")
        #expect(Self.message(#"""
            {"message":"Validation Failed","errors":[{"resource":"Label","field":"name","code":"invalid"},
             {"resource":"Issue","code":"custom","message":"assignees cannot be more than 10"},"plain words",{"code":"missing"}]}
            """#) == "Validation Failed (invalid Label.name; assignees cannot be more than 10; plain words; missing)")
    }

    @Test func gitLabMessageAsStringArrayOrObject() {
        #expect(Self.message(#"{"message":"404 Project Not Found"}"#) == "404 Project Not Found")
        #expect(Self.message(#"{"message":["title is too long","labels are invalid"]}"#) == "title is too long; labels are invalid")
        #expect(Self.message(#"{"message":{"title":["can't be blank"],"labels":["is invalid","is too long"]}}"#)
                == "title can't be blank; labels is invalid; is too long")
    }

    @Test func gitLabError() {
        #expect(Self.message(#"{"error":"insufficient_scope"}"#) == "insufficient_scope")
        #expect(Self.message(#"{"error":"invalid_token","error_description":"Token was revoked."}"#) == "invalid_token: Token was revoked.")
        #expect(Self.message(#"{"error":{"state_event":["is invalid"]}}"#) == "state_event is invalid")
    }

    @Test func escapesAndQuotesAreReadNotCutShort() {
        #expect(Self.message(#"{"documentation":"the \"message\" key","message":"Label \"bug\" \u00e9"}"#) == "Label \"bug\" é")
    }

    @Test(arguments: ["", "<html>502 Bad Gateway</html>", #"{"message":"#, #"{"documentation_url":"x"}"#, #"["message"]"#,
                      #"{"message":null}"#, #"{"message":""}"#, #"{"nested":{"message":"inner"}}"#])
    func nothingUsefulGivesNil(_ body: String) {
        #expect(Self.message(body) == nil)
    }
}
