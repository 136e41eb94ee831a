import TriageJSON
import TriageLanguage

/// SARIF 2.1.0 for code-scanning upload: one run, `tool.driver.rules` describing every code that
/// appears, results with regions (1-based lines; columns in Unicode scalars, declared through
/// `columnKind`).
struct SARIFRenderer {
    var toolVersion: String

    func render(_ diagnostics: [FileDiagnostic]) -> String {
        let codes = Array(Set(diagnostics.map(\.code))).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules: [JSONValue] = codes.map { code in
            let registered = DiagnosticCode(rawValue: code)
            let severity = registered?.defaultSeverity ?? diagnostics.first { $0.code == code }!.severity
            return .object([
                ("id", .string(code)), ("name", .string(Self.pascalCase(code))),
                ("shortDescription", .object([("text", .string(registered?.summary ?? code))])),
                ("helpUri", .string("https://github.com/triage-rules/triage#\(code)")),
                ("defaultConfiguration", .object([("level", .string(Self.level(severity.rawValue)))])),
            ])
        }
        let results: [JSONValue] = diagnostics.map { diagnostic in
            var message = diagnostic.message
            if let suggestion = diagnostic.suggestion { message += " (help: \(suggestion))" }
            var result: [(String, JSONValue)] = [
                ("ruleId", .string(diagnostic.code)), ("ruleIndex", .int(ruleIndex[diagnostic.code]!)),
                ("level", .string(Self.level(diagnostic.severity.rawValue))), ("message", .object([("text", .string(message))])),
                ("locations", .array([.object([
                    ("physicalLocation", Self.physicalLocation(diagnostic.file, diagnostic.start, diagnostic.end)),
                ])])),
            ]
            if !diagnostic.related.isEmpty {
                result.append(("relatedLocations", .array(diagnostic.related.enumerated().map { index, related in
                    .object([
                        ("id", .int(index)),
                        ("physicalLocation", Self.physicalLocation(related.file, related.start, related.end)),
                        ("message", .object([("text", .string(related.message))])),
                    ])
                })))
            }
            return .object(result)
        }
        let document: JSONValue = .object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
            ("version", "2.1.0"),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", "triage"), ("version", .string(toolVersion)), ("informationUri", "https://github.com/triage-rules/triage"),
                    ("rules", .array(rules)),
                ]))])),
                ("columnKind", "unicodeCodePoints"),
                ("results", .array(results)),
            ])])),
        ])
        return document.serialized(pretty: true) + "\n"
    }

    /// A file and a region of it (1-based lines, columns in scalars, end exclusive).
    static func physicalLocation(_ file: String, _ start: LineColumn, _ end: LineColumn) -> JSONValue {
        .object([
            ("artifactLocation", .object([("uri", .string(uri(file)))])),
            ("region", .object([
                ("startLine", .int(start.line)), ("startColumn", .int(start.column)),
                ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
            ])),
        ])
    }

    static func level(_ severity: String) -> String {
        switch severity {
        case "error": "error"
        case "warning": "warning"
        default: "note"
        }
    }

    static func pascalCase(_ code: String) -> String {
        code.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A relative URI reference for a path (spaces and other reserved characters percent-encoded).
    static func uri(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/-._~".unicodeScalars.contains(scalar) {
                output.unicodeScalars.append(scalar)
            } else {
                output += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }
}
