import ArgumentParser
import Foundation

/// The rule files a command reads when none is named (SPEC §6): `.triage.yml`, `.triage.yaml` or a
/// `.triage/` directory in the working directory, so a repository's CI step needs no `--rules`.
/// More than one of them is an error rather than a silent pick: the user meant one and should say
/// which.
enum DefaultRulePaths {
    /// The defaults, in the order they are looked for; the last must be a directory.
    static let files = [".triage.yml", ".triage.yaml"]
    static let directory = ".triage"

    /// How the defaults are written in messages.
    static let described = ".triage.yml, .triage.yaml or a .triage/ directory"

    /// `explicit` when it names anything, else the one default present in `workingDirectory`.
    /// `missing` is the usage error for neither (it names the option the user should give).
    static func resolve(_ explicit: [String], missing: String,
                        in workingDirectory: String = FileManager.default.currentDirectoryPath) throws -> [String] {
        guard explicit.isEmpty else { return explicit }
        let present = defaults(in: workingDirectory)
        guard let first = present.first else {
            throw ValidationError("\(missing) (or create \(described) in the working directory)")
        }
        guard present.count == 1 else {
            throw ValidationError("both \(present.joined(separator: " and ")) exist in the working directory; name the one to use")
        }
        return [first.hasSuffix("/") ? String(first.dropLast()) : first]
    }

    /// The defaults that exist in `workingDirectory`, in lookup order (`.triage/` with its slash).
    static func defaults(in workingDirectory: String) -> [String] {
        let base = URL(fileURLWithPath: workingDirectory)
        var present: [String] = []
        for name in files where kind(of: base.appendingPathComponent(name).path) == .file { present.append(name) }
        if kind(of: base.appendingPathComponent(directory).path) == .directory { present.append(directory + "/") }
        return present
    }

    private enum Kind { case file, directory }

    private static func kind(of path: String) -> Kind? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue ? .directory : .file
    }
}
