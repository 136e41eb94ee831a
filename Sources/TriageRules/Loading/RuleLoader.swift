import TriageLanguage
import TriageYAML
import Foundation

/// A macro or list defined in a rule file, for lint checks about definitions.
public struct Definition: Sendable {
    public enum Kind: String, Sendable { case macro, list }
    public var name: String
    public var kind: Kind
    public var diagnosticAnchor: FileDiagnostic
    public var isReferenced: Bool
}

/// One rule file after loading.
public struct LoadedFile: Sendable {
    public var path: String
    public var rules: [Rule]
    public var definitions: [Definition]
    /// Codes the file suppresses as a whole (`lint: {ignore: [...]}` at the top level).
    public var ignoredCodes: Set<String>
    public var source: String?
    /// The file's text, for lint findings inside expressions.
    let sourceFile: RuleSourceFile

    /// A finding at `range` of a condition part's expression, mapped into the file.
    func diagnostic(_ code: DiagnosticCode, _ message: String, severity: Severity, at range: SourceRange, in part: ConditionPart,
                    rule: String, suggestion: String? = nil) -> FileDiagnostic {
        guard let scalar = part.scalar else {
            let position = LineColumn(line: part.location.line, column: part.location.column)
            return FileDiagnostic(file: path, start: position, end: LineColumn(line: position.line, column: position.column + 1), severity: severity,
                                  code: code.rawValue, message: message, suggestion: suggestion, lineText: sourceFile.lineText(position.line), rule: rule)
        }
        return sourceFile.diagnostic(Diagnostic(code, message, at: range, suggestion: suggestion, severity: severity), in: scalar, rule: rule)
    }

    /// A finding at the start of a rule.
    func diagnostic(_ code: DiagnosticCode, _ message: String, severity: Severity, at location: SourceLocation, rule: String?) -> FileDiagnostic {
        let start = LineColumn(line: location.line, column: location.column)
        return FileDiagnostic(file: path, start: start, end: LineColumn(line: start.line, column: start.column + 1), severity: severity,
                              code: code.rawValue, message: message, lineText: sourceFile.lineText(start.line), rule: rule)
    }

    /// A finding on `length` characters from `location` (an action's key).
    func diagnostic(_ code: DiagnosticCode, _ message: String, severity: Severity, at location: SourceLocation, length: Int, rule: String,
                    suggestion: String?, related: [RelatedLocation] = []) -> FileDiagnostic {
        let start = LineColumn(line: location.line, column: location.column)
        return FileDiagnostic(file: path, start: start, end: LineColumn(line: start.line, column: start.column + max(1, length)), severity: severity,
                              code: code.rawValue, message: message, suggestion: suggestion, lineText: sourceFile.lineText(start.line), rule: rule,
                              related: related)
    }

    /// A place a finding points at, `length` characters from `location` (another rule's action).
    func relatedLocation(_ message: String, at location: SourceLocation, length: Int) -> RelatedLocation {
        let start = LineColumn(line: location.line, column: location.column)
        return RelatedLocation(file: path, start: start, end: LineColumn(line: start.line, column: start.column + max(1, length)),
                               message: message, lineText: sourceFile.lineText(start.line))
    }
}

/// Rule files, loaded: the rules that compiled, and everything wrong with the files.
public struct LoadedRules: Sendable {
    public var files: [LoadedFile]
    public var diagnostics: [FileDiagnostic]

    /// All rules of all files, in file order.
    public var ruleSet: RuleSet {
        let base = files.first { $0.source != nil }
        return RuleSet(rules: files.flatMap(\.rules), defaultSource: base.flatMap { Self.resolveSource($0.source!, relativeTo: $0.path) })
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// `file:` paths in a rule file are relative to that file.
    static func resolveSource(_ source: String, relativeTo file: String) -> String {
        guard source.hasPrefix("file:") else { return source }
        let path = String(source.dropFirst(5))
        if path.hasPrefix("/") { return source }
        let directory = (file as NSString).deletingLastPathComponent
        return "file:" + (directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path))
    }
}

/// Reads and decodes rule files (SPEC §3).
public enum RuleLoader {
    /// Files and directories to rule files: a directory contributes its `*.yaml`/`*.yml`, sorted.
    public static func expand(_ paths: [String]) -> (files: [String], problems: [FileDiagnostic]) {
        var files: [String] = []
        var problems: [FileDiagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(unreadable(path, "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                let entries = (try? manager.contentsOfDirectory(atPath: path)) ?? []
                let yaml = entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                files += yaml.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return (files, problems)
    }

    static func unreadable(_ path: String, _ reason: String) -> FileDiagnostic {
        FileDiagnostic(file: path, start: LineColumn(line: 1, column: 1), end: LineColumn(line: 1, column: 2), severity: .error,
                       code: DiagnosticCode.unreadableFile.rawValue, message: "cannot read \(path): \(reason)")
    }

    /// Loads files and directories; rule names must be unique across all of them.
    public static func load(paths: [String]) -> LoadedRules {
        let (files, problems) = expand(paths)
        var inputs: [(String, [UInt8])] = []
        var diagnostics = problems
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(unreadable(path, "permission denied or not a regular file"))
                continue
            }
            inputs.append((path, [UInt8](data)))
        }
        var result = load(inputs)
        result.diagnostics = diagnostics + result.diagnostics
        return result
    }

    /// Loads rule files given as (path, bytes).
    public static func load(_ inputs: [(path: String, bytes: [UInt8])]) -> LoadedRules {
        var loaded = LoadedRules(files: [], diagnostics: [])
        var seen: [String: SourceLocation] = [:]
        for (path, bytes) in inputs {
            let (file, diagnostics, names) = loadFile(path: path, bytes: bytes)
            loaded.diagnostics += diagnostics
            for (name, anchor) in names {
                if let first = seen[name] {
                    var duplicate = anchor
                    duplicate.code = DiagnosticCode.duplicateRule.rawValue
                    duplicate.message = "rule `\(name)` is already defined at \(first)"
                    duplicate.severity = .error
                    loaded.diagnostics.append(duplicate)
                } else {
                    seen[name] = anchor.location
                }
            }
            if let file { loaded.files.append(file) }
        }
        // A file with duplicate rule names keeps only the first of each.
        var kept = Set<String>()
        for index in loaded.files.indices {
            loaded.files[index].rules.removeAll { !kept.insert($0.name).inserted }
        }
        return loaded
    }

    static func loadFile(path: String, bytes: [UInt8]) -> (LoadedFile?, [FileDiagnostic], [(String, FileDiagnostic)]) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes)
            let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
            let lineEnd = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
            return (nil, [FileDiagnostic(file: path, start: LineColumn(line: line, column: column), end: LineColumn(line: line, column: column + 1),
                                         severity: .error, code: DiagnosticCode.unreadableFile.rawValue,
                                         message: "the file is not UTF-8 text (invalid byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
                                         lineText: String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self))], [])
        }
        let source = RuleSourceFile(path: path, text: text)
        if bytes.contains(0) {
            let offset = bytes.firstIndex(of: 0)!
            let position = source.text.lineColumn(ofOffset: offset)
            return (nil, [FileDiagnostic(file: path, start: position, end: LineColumn(line: position.line, column: position.column + 1), severity: .error,
                                         code: DiagnosticCode.unreadableFile.rawValue, message: "the file holds a NUL byte: it is binary, not a rule file",
                                         lineText: source.lineText(position.line))], [])
        }
        let root: YAMLNode?
        do {
            root = try YAMLLoader.load(bytes)
        } catch {
            return (nil, [yamlDiagnostic(error, in: source)], [])
        }
        guard let root else {
            return (nil, [FileDiagnostic(file: path, start: LineColumn(line: 1, column: 1), end: LineColumn(line: 1, column: 2), severity: .error,
                                         code: DiagnosticCode.emptyFile.rawValue, message: "the rule file is empty; it needs `rules:`",
                                         lineText: source.lineText(1))], [])
        }
        var decoder = RuleFileDecoder(file: source)
        decoder.decode(root)
        let names = decoder.ruleNames.map { name, node in (name, source.diagnostic(.duplicateRule, "", at: node, rule: name)) }
        // Used means reachable from a rule's condition (even one with errors), through macros; a
        // list used only by an unused macro is unused.
        let used = decoder.checker.namesReachableFromConditions
        var definitions: [Definition] = []
        for (name, key) in decoder.macroKeys {
            definitions.append(Definition(name: name, kind: .macro, diagnosticAnchor: source.diagnostic(.unknownKey, "", at: key),
                                          isReferenced: used.contains(name)))
        }
        for (name, key) in decoder.listKeys {
            definitions.append(Definition(name: name, kind: .list, diagnosticAnchor: source.diagnostic(.unknownKey, "", at: key),
                                          isReferenced: used.contains(name)))
        }
        definitions.sort { $0.diagnosticAnchor.start < $1.diagnosticAnchor.start }
        let file = LoadedFile(path: path, rules: decoder.rules, definitions: definitions, ignoredCodes: decoder.fileIgnoredCodes, source: decoder.source,
                              sourceFile: source)
        return (file, decoder.diagnostics, names)
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for continuation in bytes[(index + 1)..<(index + length)] where continuation & 0xC0 != 0x80 { return index }
            guard String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil else { return index }
            index += length
        }
        return max(0, bytes.count - 1)
    }

    /// A libyaml error, with the SPEC's advice for expressions that YAML misreads.
    static func yamlDiagnostic(_ error: YAMLError, in source: RuleSourceFile) -> FileDiagnostic {
        let lineText = source.lineText(error.mark.line)
        var suggestion: String?
        let misread = ["mapping values are not allowed", "did not find expected key", "did not find expected '-' indicator",
                       "found unexpected end of stream", "while parsing a block mapping"]
        if misread.contains(where: { error.message.contains($0) || (error.context ?? "").contains($0) }),
           lineText.contains("when:") || lineText.contains("when :") || lineText.range(of: #"^\s*-\s"#, options: .regularExpression) != nil {
            suggestion = "write the expression as a block scalar (`when: >-` with the expression on the next lines) or quote all of it"
        } else if error.message.contains("tab") || lineText.unicodeScalars.dropFirst(max(0, error.mark.column - 1)).first == "\t" {
            // libyaml names the tab in some messages; a tab before `- item` is only "found character
            // that cannot start any token", at the tab.
            suggestion = "indent with spaces; YAML does not allow tabs for indentation"
        }
        var message = "invalid YAML: \(error.message)"
        if let context = error.context, !error.message.contains(context) { message += " (\(context))" }
        return FileDiagnostic(file: source.path, start: LineColumn(line: error.mark.line, column: error.mark.column),
                              end: LineColumn(line: error.mark.line, column: error.mark.column + 1), severity: .error,
                              code: DiagnosticCode.yamlSyntax.rawValue, message: message, suggestion: suggestion, lineText: lineText)
    }
}
