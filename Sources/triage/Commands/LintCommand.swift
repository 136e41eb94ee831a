import ArgumentParser
import TriageEngine
import TriageLanguage
import TriageRules

/// `triage lint FILE|DIR…`: parse, type-check and lint rule files for CI.
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check rule files: YAML, schema, types, and lint warnings.",
        discussion: "Exit codes: 0 clean (warnings allowed), 1 errors (or warnings with --strict), 2 usage or unreadable input."
    )

    @Argument(help: "Rule files, or directories whose *.yaml / *.yml files are linted. Default: \(DefaultRulePaths.described) in the working directory.")
    var paths: [String] = []

    @Option(help: "Output format.")
    var format: LintFormatOption = .text

    @Flag(help: "Make warnings fail the run too.")
    var strict = false

    @Option(help: "Colors in text output (auto: on a terminal, unless NO_COLOR is set; always overrides NO_COLOR).")
    var color: ColorChoice = .auto

    mutating func validate() throws {
        paths = try DefaultRulePaths.resolve(paths, missing: "give at least one rule file or directory")
    }

    func run() async throws {
        let loaded = RuleLoader.load(paths: paths)
        let diagnostics = loaded.diagnostics + Linter.lint(loaded)
        if loaded.files.isEmpty && diagnostics.isEmpty {
            StandardStream.error.write("error: no rule files (*.yaml, *.yml) found in \(paths.joined(separator: ", "))\n")
            throw ExitCode(ExitStatus.usage)
        }
        let useColor = color.enabled(for: StandardStream.output)
        StandardStream.output.write(format.value.render(diagnostics, useColor: useColor, toolVersion: TriageVersion.current))
        StandardStream.output.flush()
        if diagnostics.contains(where: { $0.code == DiagnosticCode.unreadableFile.rawValue }) {
            throw ExitCode(ExitStatus.usage)
        }
        let failing = diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        if failing { throw ExitCode(ExitStatus.findings) }
    }
}

struct LintFormatOption: ExpressibleByArgument {
    var value: LintFormat
    init?(argument: String) {
        guard let format = LintFormat(rawValue: argument) else { return nil }
        value = format
    }
    static let text = LintFormatOption(argument: "text")!
    static var allValueStrings: [String] { LintFormat.allCases.map(\.rawValue) }
    var defaultValueDescription: String { value.rawValue }
}
