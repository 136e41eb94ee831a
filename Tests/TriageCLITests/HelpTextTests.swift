import Foundation
import Testing

/// Help shows what a person can type: every default as its real value (never a Swift type or a
/// wrapper's `(value: …)`), providers as registered, and one version everywhere.
struct HelpTextTests {
    /// The defaults each command's help must show, in order of appearance.
    static let cores = "\(ProcessInfo.processInfo.activeProcessorCount)"
    static let expectedDefaults: [(command: [String], defaults: [String])] = [
        (["check"], ["15m", "1d", "4", "text", cores, "error"]),
        (["apply"], ["15m", "1d", "4", "text", "4"]),
        (["explain"], ["15m", "1d", "4", "text"]),
        (["lint"], ["text", "auto"]),
        (["test"], []),
        (["providers"], []),
        ([], []),
    ]

    @Test(arguments: expectedDefaults.map(\.command))
    func helpShowsRealDefaultsAndNoTypeNames(_ command: [String]) async throws {
        let output = try await Triage.run(command + ["--help"])
        #expect(output.status == 0, "\(output)")
        let text = output.stdout
        #expect(!text.contains("(value:"), "\(text)")
        // A type name leaks as `Module.Type` or `TypeName(`; help text has neither.
        #expect(text.firstMatch(of: /\b(Triage[A-Za-z]*|Swift)\.[A-Z]/) == nil, "\(text)")
        #expect(text.firstMatch(of: /[A-Z][a-z]+[A-Z][A-Za-z]*\(/) == nil, "\(text)")
        // The help wraps lines; join them so a default split across lines is still found.
        let joined = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        let shown = joined.matches(of: /default: ([^);]+)\)/).map { String($0.output.1) }
        let expected = try #require(Self.expectedDefaults.first { $0.command == command }).defaults
        #expect(shown == expected, "\(text)")
    }

    /// `--source` and `--provider` list the registered providers; nothing is hard-coded.
    @Test func sourceHelpListsTheRegisteredProviders() async throws {
        let providers = try await Triage.run(["providers"])
        let names = providers.stdoutLines.filter { !$0.hasPrefix(" ") }
        #expect(names == ["file", "stdin", "github", "gitlab"])
        let help = try await Triage.run(["check", "--help"])
        let joined = help.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains("Where issues come from: file:PATH, - (stdin), github:OWNER/REPO, gitlab:GROUP/PROJECT, or a web URL."))
        #expect(joined.contains("The provider for a URL on a host nobody registered (github, gitlab)."))
    }

    /// `--version` and the SARIF driver version are the one version string.
    @Test func oneVersion() async throws {
        let version = try await Triage.run(["--version"])
        let sarif = try await Triage.run(["lint", "--format", "sarif", "lint/clean.yaml"])
        let document = try #require(try JSONSerialization.jsonObject(with: sarif.stdoutData) as? [String: Any])
        let runs = try #require(document["runs"] as? [[String: Any]])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["version"] as? String == version.stdout.trimmingCharacters(in: .newlines))
    }
}
