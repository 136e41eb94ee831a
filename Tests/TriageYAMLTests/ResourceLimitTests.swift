import Testing
import TriageYAML

/// A hostile file must fail quickly with a located error, not exhaust memory, time or stack.
@Suite struct ResourceLimitTests {
    static let billionLaughs = """
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """

    @Test func billionLaughsFailsFastAtAnAlias() throws {
        let found = try #require(loadError(Self.billionLaughs))
        // Failing fast means stopping at the first alias over the budget, which the position
        // below pins down. Weights: a = 10, b = 91, c = 820, d = 7381, e = 66430. Aliases in b…e add
        // 90 + 819 + 7380 + 66429 = 74718; the first *e in f passes 100 000.
        #expect(found.message == "aliases expand to more than 100000 nodes; refusing to expand '*e' (a \"billion laughs\" document?)")
        #expect(found.mark == mark(209, 6, 8))
    }

    @Test func theAliasBudgetIsConfigurable() throws {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
        #expect(throws: Never.self) { try YAMLLoader.load(text, limits: YAMLLoadLimits(maxAliasExpansion: 8)) }
        #expect(throws: YAMLError.self) { try YAMLLoader.load(text, limits: YAMLLoadLimits(maxAliasExpansion: 7)) }
    }

    @Test func largeDocumentsWithoutAliasesAreNotLimited() throws {
        var text = ""
        for i in 0..<60_000 { text += "- [\(i), x]\n" }
        #expect(try YAMLLoader.load(text)?.sequence?.items.count == 60_000)
    }

    @Test func deepFlowNestingIsAnErrorNotACrash() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = try #require(loadError(text))
        #expect(error.message == "collections are nested deeper than 256 levels")
        #expect(error.mark == mark(256, 1, 257))
    }

    @Test func nestingUpToTheLimitLoads() throws {
        let text = String(repeating: "[", count: 256) + "x" + String(repeating: "]", count: 256)
        var node = try load(text)
        var depth = 0
        while case .sequence(let sequence) = node {
            depth += 1
            node = try #require(sequence.items.first)
        }
        #expect(depth == 256)
        #expect(node.scalar?.value == "x")
    }

    @Test func deepBlockNestingIsAnError() throws {
        var text = ""
        for level in 0..<300 { text += String(repeating: " ", count: level) + "k:\n" }
        let error = try #require(loadError(text))
        #expect(error.message == "collections are nested deeper than 256 levels")
        #expect(error.mark == mark((0..<256).reduce(0) { $0 + $1 + 3 } + 256, 257, 257))
    }

    @Test func nestingReachedThroughAliasesCountsToo() throws {
        let text = "a: &a [[[x]]]\nb: [[*a]]\n"
        do {
            _ = try YAMLLoader.load(text, limits: YAMLLoadLimits(maxDepth: 5))
            Issue.record("expected a depth error")
        } catch {
            #expect(error.message == "alias '*a' nests collections deeper than 5 levels")
            #expect(error.mark == mark(19, 2, 6))
        }
        #expect(try YAMLLoader.load(text, limits: YAMLLoadLimits(maxDepth: 6)) != nil)
    }
}
