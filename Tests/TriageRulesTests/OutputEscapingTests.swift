import Testing
import TriageLanguage
@testable import TriageRules

/// Carriage-return line feeds are one `Character`; escaping must still catch both halves.
struct OutputEscapingTests {
    @Test func githubAnnotationsEscapeCRLF() {
        #expect(GitHubAnnotationRenderer.escapeData("a\r\nb%") == "a%0D%0Ab%25")
        #expect(GitHubAnnotationRenderer.escapeProperty("x:\r\ny,z") == "x%3A%0D%0Ay%2Cz")
    }
}
