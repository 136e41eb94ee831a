import TriageJSON
import TriageLanguage

/// The output formats of `triage lint` (SPEC §5).
public enum LintFormat: String, CaseIterable, Sendable {
    case text, json, sarif, github

    /// Renders all findings (sorted by file, line, column) in this format.
    public func render(_ diagnostics: [FileDiagnostic], useColor: Bool = false, toolVersion: String) -> String {
        let sorted = diagnostics.sorted { ($0.file, $0.start, $0.code) < ($1.file, $1.start, $1.code) }
        switch self {
        case .text: return LintTextRenderer(useColor: useColor).render(sorted)
        case .json: return LintJSONRenderer.render(sorted)
        case .sarif: return SARIFRenderer(toolVersion: toolVersion).render(sorted)
        case .github: return GitHubAnnotationRenderer.render(sorted)
        }
    }
}

/// Compiler-style text: `path:line:col: severity[code]: message`, the line, carets, `help:`.
struct LintTextRenderer {
    var useColor: Bool

    func render(_ diagnostics: [FileDiagnostic]) -> String {
        let renderer = DiagnosticRenderer(useColor: useColor)
        var output = ""
        for diagnostic in diagnostics {
            output += renderer.render(path: diagnostic.file, severity: diagnostic.severity, code: diagnostic.code, message: diagnostic.message,
                                      suggestion: diagnostic.suggestion, start: diagnostic.start, end: diagnostic.end,
                                      lineText: Substring(diagnostic.lineText))
            for related in diagnostic.related {
                output += renderer.renderNote(path: related.file, message: related.message, start: related.start, end: related.end,
                                              lineText: Substring(related.lineText))
            }
            output += "\n"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let infos = diagnostics.count - errors - warnings
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        output += diagnostics.isEmpty ? "no problems found\n" : "\(count(errors, "error")), \(count(warnings, "warning")), \(count(infos, "note"))\n"
        return output
    }
}

/// SPEC §5's JSON: an array of `{"file", "line", "column", "end_line", "end_column", "severity", "code", "message", "suggestion"?,
/// "related"?}`; `related`, when a finding points at other places, is an array of `{"file", "line", "column", "end_line",
/// "end_column", "message"}`.
enum LintJSONRenderer {
    static func render(_ diagnostics: [FileDiagnostic]) -> String {
        JSONValue.array(diagnostics.map { diagnostic in
            var entries: [(String, JSONValue)] = [
                ("file", .string(diagnostic.file)), ("line", .int(diagnostic.start.line)), ("column", .int(diagnostic.start.column)),
                ("end_line", .int(diagnostic.end.line)), ("end_column", .int(diagnostic.end.column)),
                ("severity", .string(diagnostic.severity.rawValue)), ("code", .string(diagnostic.code)), ("message", .string(diagnostic.message)),
            ]
            if let suggestion = diagnostic.suggestion { entries.append(("suggestion", .string(suggestion))) }
            if !diagnostic.related.isEmpty {
                entries.append(("related", .array(diagnostic.related.map { related in
                    .object([
                        ("file", .string(related.file)), ("line", .int(related.start.line)), ("column", .int(related.start.column)),
                        ("end_line", .int(related.end.line)), ("end_column", .int(related.end.column)), ("message", .string(related.message)),
                    ])
                })))
            }
            return .object(entries)
        }).serialized(pretty: true) + "\n"
    }
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,endColumn=…,title=CODE::message`.
enum GitHubAnnotationRenderer {
    static func render(_ diagnostics: [FileDiagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics {
            let command: String
            switch diagnostic.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            var properties = "file=\(escapeProperty(diagnostic.file)),line=\(diagnostic.start.line),col=\(diagnostic.start.column)"
            if diagnostic.end.line != diagnostic.start.line { properties += ",endLine=\(diagnostic.end.line)" }
            properties += ",endColumn=\(diagnostic.end.column),title=\(escapeProperty(diagnostic.code))"
            var message = diagnostic.message
            if let suggestion = diagnostic.suggestion { message += "\nhelp: \(suggestion)" }
            output += "::\(command) \(properties)::\(escapeData(message))\n"
        }
        return output
    }

    /// Escaping of a command's message (GitHub's `escapeData`).
    static func escapeData(_ text: String) -> String {
        escape(text, [("%", "%25"), ("\r", "%0D"), ("\n", "%0A")])
    }

    /// Escaping of a command's property values (GitHub's `escapeProperty`).
    static func escapeProperty(_ text: String) -> String {
        escape(text, [("%", "%25"), ("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C")])
    }

    /// Replaces scalars, not characters: `"\r\n"` is one `Character`, so character-level
    /// replacing would miss both of its halves.
    private static func escape(_ text: String, _ table: [(Unicode.Scalar, String)]) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if let replacement = table.first(where: { $0.0 == scalar })?.1 {
                output += replacement
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
