import Testing
import TriageLanguage

/// Table-driven semantics: every operator, function and null rule of SPEC §2.
struct EvaluationTests {
    static let issue = makeIssue {
        $0.number = 42
        $0.title = "Crash when launching: rocket 🚀 explodes"
        $0.body = "Steps:\n1. launch\n2. boom"
        $0.state = "open"
        $0.author = "alice"
        $0.authorAssociation = "CONTRIBUTOR"
        $0.labels = ["bug", "triage/accepted", "area/engine"]
        $0.assignees = ["bob"]
        $0.milestone = nil
        $0.comments = 5
        $0.reactions = 7
        $0.upvotes = 3
        $0.created = day(2024, 5, 1)
        $0.updated = day(2024, 5, 25)
        $0.url = "https://github.com/acme/rocket/issues/42"
        $0.repo = "acme/rocket"
    }

    static let cases: [(String, Bool)] = [
        // Literals and fields.
        ("true", true), ("false", false), ("null == null", true),
        ("number == 42", true), ("number != 42", false), ("state == \"open\"", true), ("kind == \"issue\"", true),
        ("draft", false), ("not locked", true), ("author == \"alice\"", true),
        ("author_association == \"CONTRIBUTOR\"", true), ("comments > 3", true), ("reactions >= 7", true), ("upvotes < 3", false),
        ("repo == \"acme/rocket\"", true), ("url ~ \"/issues/42$\"", true),
        // Durations and times.
        ("age == 31d", true), ("age > 30d", true), ("idle == 1w", true), ("idle < 1d12h", false), ("age >= 4w3d", true),
        ("created == 2024-05-01", true), ("created < 2024-05-01T00:00:01Z", true), ("created > 2024-04-30T23:00:00-02:00", false),
        ("created == 2024-05-01T02:00:00+02:00", true), ("now == 2024-06-01", true), ("now - created == age", true),
        ("created + 31d == now", true), ("7d + created == now - 24d", true), ("now - 1d > updated", true),
        ("90m == 1h30m", true), ("2w == 14d", true), ("-7d < 0s", true), ("updated - created == 24d", true),
        // Arithmetic.
        ("1 + 2 == 3", true), ("10 - 20 == -10", true), ("- -3 == 3", true), ("comments + 1 == 6", true),
        ("\"a\" + \"b\" == \"ab\"", true), ("title + \"!\" ~ \"!$\"", true),
        // Logic and precedence.
        ("true or false and false", true), ("(true or false) and false", false), ("not true or true", true),
        ("not (true or true)", false), ("not not true", true), ("false or false or true", true),
        // Membership.
        ("\"bug\" in labels", true), ("\"Bug\" in labels", false), ("\"feature\" not in labels", true), ("\"bug\" not in labels", false),
        ("not \"bug\" in labels", false), ("\"bob\" in assignees", true), ("number in [1, 42, 7]", true), ("number not in [1, 2]", true),
        ("\"rocket\" in title", true), ("\"Rocket\" in title", false), ("\"🚀\" in title", true), ("state in [\"open\", \"closed\"]", true),
        ("7d in [7d, 14d]", true),
        // Regex.
        ("title ~ \"(?i)^crash\"", true), ("title ~ \"^crash\"", false), ("title !~ \"^Crash\"", false), ("title ~ \"rock(et|ing)\"", true),
        ("title ~ \"explodes$\"", true), ("body ~ \"^2\\\\. boom$\"", false), ("body ~ \"(?m)^2\\\\. boom$\"", true),
        ("any(labels, l => l ~ \"^triage/\")", true), ("title ~ \"🚀\"", true), ("title ~ \"(?i)ROCKET\"", true),
        // Alternations of plain words take the byte-search path; they must agree with ICU.
        ("title ~ \"(?i)nothing|ROCKET\"", true), ("title ~ \"panic|explodes\"", true), ("title ~ \"(?i)xyz|abc\"", false),
        ("title ~ \"Rocket|CRASH\"", false), ("body ~ \"(?i)BOOM|zzz\"", true), ("body !~ \"steps|nothing\"", true),
        ("title ~ \"(?i)crash when|launch\"", true), ("\"\" ~ \"a|b\"", false), ("title ~ \"s$|^C\"", true),
        // Functions.
        ("len(labels) == 3", true), ("len(title) == 39", true), ("len(\"é🚀\") == 2", true), ("len([]) == 0", true),
        ("lower(\"ABC\") == \"abc\"", true), ("upper(author) == \"ALICE\"", true), ("trim(\"  x \\n\") == \"x\"", true),
        ("starts_with(title, \"Crash\")", true), ("ends_with(url, \"/42\")", true), ("contains(body, \"launch\")", true),
        ("glob(repo, \"acme/*\")", true), ("glob(repo, \"acme/?ocket\")", true), ("glob(repo, \"*/rock\")", false), ("glob(\"\", \"*\")", true),
        ("any(labels, l => starts_with(l, \"area/\"))", true), ("all(labels, l => len(l) > 2)", true), ("all([], x => false)", true),
        ("none(labels, l => l == \"wontfix\")", true), ("none(labels, l => l == \"bug\")", false),
        ("count(labels, l => l ~ \"/\") == 2", true), ("count([1, 2, 3], n => n > 1) == 2", true),
        ("any(labels, l => any(assignees, a => a == \"bob\" and l == \"bug\"))", true),
        ("any(labels, labels => labels == \"bug\")", true),
        // Null rules.
        ("milestone == null", true), ("milestone != null", false), ("milestone != \"v1\"", true), ("milestone == \"v1\"", false),
        ("milestone < \"v1\"", false), ("milestone >= \"v1\"", false), ("milestone ~ \".*\"", false), ("milestone !~ \"x\"", false),
        ("milestone in [\"v1\"]", false), ("milestone not in [\"v1\"]", false), ("not (milestone in [\"v1\"])", true),
        ("closed == null", true), ("closed < now", false), ("closed > now", false), ("closed + 1d == null", true),
        ("now - closed == null", true), ("lower(milestone) == null", true), ("len(milestone) == null", true),
        ("starts_with(milestone, \"\")", false), ("not (closed < now)", true), ("null in labels", false),
    ]

    @Test(arguments: cases)
    func evaluates(_ source: String, _ expected: Bool) async throws {
        #expect(try await evaluate(source, on: Self.issue) == expected, "\(source)")
    }

    @Test func specExamples() async throws {
        let loader = CountingLoader(comments: [IssueComment(author: "alice", body: "ping", created: day(2024, 5, 10))])
        let stale = makeIssue {
            $0.labels = ["bug", "stale"]
            $0.kind = "pull_request"
            $0.draft = true
            $0.author = "alice"
            $0.comments = 1
            $0.created = day(2023, 12, 1)
            $0.updated = day(2024, 4, 1)
        }
        #expect(try await evaluate(#"state == "open" and "bug" in labels and not any(labels, l => l ~ "^triage/")"#, on: stale))
        #expect(try await evaluate(#"kind == "pull_request" and draft and idle > 30d"#, on: stale))
        #expect(try await evaluate("len(assignees) == 0 and milestone == null and created < 2024-01-01", on: stale))
        #expect(try await evaluate("last_comment != null and last_comment.author == author and idle > 14d", on: stale, loader: loader))
        let events = CountingLoader(events: [LabelEvent(label: "stale", action: .added, created: day(2024, 5, 20))])
        #expect(try await evaluate(#"label_age("stale") > 7d and state == "open""#, on: stale, loader: events))
        #expect(try await evaluate(#"label_age("stale") == 12d"#, on: stale, loader: CountingLoader(events: events.events)))
    }

    @Test func lazyFieldsReadComments() async throws {
        let issue = makeIssue { $0.comments = 3; $0.author = "alice" }
        let comments = [
            IssueComment(author: "bob", body: "first", created: day(2024, 5, 1), association: "MEMBER"),
            IssueComment(author: "dependabot[bot]", body: "bump", created: day(2024, 5, 2), bot: true),
            IssueComment(author: "bob", body: "last", created: day(2024, 5, 3)),
        ]
        let cases: [(String, Bool)] = [
            ("last_comment.author == \"bob\"", true), ("last_comment.body == \"last\"", true),
            ("last_comment.created == 2024-05-03", true), ("last_comment.association == null", true), ("not last_comment.bot", true),
            ("commenters == [\"bob\", \"dependabot[bot]\"]", true), ("len(commenters) == 2", true), ("author in commenters", false),
            ("any(commenters, c => ends_with(c, \"[bot]\"))", true),
        ]
        for (source, expected) in cases {
            #expect(try await evaluate(source, on: issue, loader: CountingLoader(comments: comments)) == expected, "\(source)")
        }
    }

    @Test func nullCommentMembersAreNull() async throws {
        let issue = makeIssue { $0.comments = 0 }
        #expect(try await evaluate("last_comment == null", on: issue))
        #expect(try await evaluate("last_comment.author == null", on: issue))
        #expect(try await evaluate("not last_comment.bot", on: issue))
        #expect(try await evaluate("last_comment.bot == null", on: issue))
        #expect(try await evaluate("len(commenters) == 0", on: issue))
    }

    @Test func labelAgeRules() async throws {
        let events = [
            LabelEvent(label: "stale", action: .added, created: day(2024, 5, 1)),
            LabelEvent(label: "stale", action: .removed, created: day(2024, 5, 5)),
            LabelEvent(label: "stale", action: .added, created: day(2024, 5, 22)),
        ]
        let labelled = makeIssue { $0.labels = ["stale"]; $0.created = day(2024, 1, 1) }
        #expect(try await evaluate(#"label_age("stale") == 10d"#, on: labelled, loader: CountingLoader(events: events)))
        // Not on the issue: null, whatever the history says, and no events are fetched.
        let loader = CountingLoader(events: events)
        #expect(try await evaluate(#"label_age("other") == null"#, on: labelled, loader: loader))
        #expect(loader.eventRequests == 0)
        // On the issue with no recorded event: there since the issue was opened.
        #expect(try await evaluate(#"label_age("stale") == 152d"#, on: labelled, loader: CountingLoader()))
    }

    @Test func listsAndMacros() async throws {
        let env = environment(
            macros: ["untriaged": #"not any(labels, l => l ~ "^triage/")"#, "by_maintainer": "author in maintainers",
                     "week": "7d", "fresh": "age < week"],
            lists: ["maintainers": .strings(["alice", "carol"]), "numbers": .ints([1, 42])]
        )
        #expect(try await evaluate("by_maintainer and not untriaged", on: Self.issue, environment: env))
        #expect(try await evaluate("number in numbers and not fresh", on: Self.issue, environment: env))
        // A macro's lambda parameter and the caller's do not clash.
        let nested = environment(macros: ["has_bob": #"any(assignees, l => l == "bob")"#])
        #expect(try await evaluate(#"any(labels, l => has_bob and l == "bug")"#, on: Self.issue, environment: nested))
    }
}

/// Strings compare by Unicode scalars, not by canonical equivalence, on every path.
struct ScalarComparisonTests {
    static let composed = "caf\u{E9}"      // é as one scalar
    static let decomposed = "cafe\u{301}"  // e + combining acute

    @Test func equalityMembershipAndLambdasAgree() async throws {
        let issue = makeIssue { $0.title = Self.decomposed; $0.labels = [Self.decomposed] }
        let many = (0..<12).map { "\"x\($0)\"" }.joined(separator: ", ")
        for source in [
            "title == \"caf\\u{E9}\"", "\"caf\\u{E9}\" in labels", "any(labels, l => l == \"caf\\u{E9}\")",
            "any(labels, l => l in [\"caf\\u{E9}\"])", "title in [\(many), \"caf\\u{E9}\"]",
        ] {
            #expect(try await evaluate(source, on: issue) == false, "\(source)")
        }
        #expect(try await evaluate("title == \"cafe\\u{301}\"", on: issue))
        #expect(try await evaluate("any(labels, l => l in [\(many), \"cafe\\u{301}\"])", on: issue))
    }
}

/// Regexes agree with ICU on every path, and give up with an error rather than hang or lie.
struct RegexEdgeTests {
    @Test(arguments: [
        ("LGTM\n", #"^LGTM$"#, true), ("LGTM\n", #"LGTM$"#, true), ("LGTM\n", #"^LGT[M]$"#, true), ("LGTM!", #"^LGTM$"#, false),
        ("\u{212A}elvin", #"(?i)kelvin"#, true), ("\u{212A}elvin", #"(?i)kelvi[n]"#, true), ("KELVIN", #"(?i)kelvin"#, true),
        ("Straße", #"(?i)STRASSE|nothing"#, true), ("née", #"(?i)NÉE"#, true),
    ])
    func agreesWithICU(_ text: String, _ pattern: String, _ expected: Bool) async throws {
        let issue = makeIssue { $0.body = text }
        #expect(try await evaluate("body ~ \(ExpressionPrinter.quote(pattern))", on: issue) == expected, "\(pattern) on \(text.debugDescription)")
    }

    @Test func catastrophicBacktrackingFailsTheEvaluationInsteadOfHanging() async throws {
        let issue = makeIssue { $0.body = String(repeating: "a", count: 40) + "!" }
        await #expect(throws: EvaluationFailure.self) { _ = try await evaluate(#"body ~ "^(a+)+$""#, on: issue) }
        await #expect(throws: EvaluationFailure.self) { _ = try await evaluate(#"body !~ "^(a+)+$""#, on: issue) }
    }

    @Test func longBodiesDoNotOverflowTheBacktrackStack() async throws {
        let issue = makeIssue { $0.body = String(repeating: "a", count: 1_000_000) }
        #expect(try await evaluate(#"body ~ "^(a|b)*$""#, on: issue))
        #expect(try await evaluate(#"body !~ "^(a|b)*$""#, on: issue) == false)
    }
}

extension ScalarComparisonTests {
    /// U+212A KELVIN SIGN is canonically equivalent to "K" but not equal to it.
    @Test func aCanonicallyEquivalentSubjectIsNotEqual() async throws {
        let issue = makeIssue { $0.author = "\u{212A}"; $0.labels = ["\u{212A}"] }
        let members = (0..<12).map { "\"m\($0)\"" }.joined(separator: ", ")
        #expect(try await evaluate("author in [\(members), \"K\"]", on: issue) == false)
        #expect(try await evaluate("any(labels, l => l in [\(members), \"K\"])", on: issue) == false)
        #expect(try await evaluate("any(labels, l => l in [\"K\"])", on: issue) == false)
        #expect(try await evaluate("author in [\(members), \"\\u{212A}\"]", on: issue))
    }
}
