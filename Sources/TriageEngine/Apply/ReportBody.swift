import Foundation
public import TriageLanguage
import TriageRules

/// The body of a rule's report issue (SPEC §8): the rule's description as a heading, a Markdown
/// table of the matches (number, title, author, age, labels) and the marker later runs find it by.
/// The body stays under GitHub's 65,536-character limit: rows that do not fit are counted in a
/// closing "… and N more". The body depends only on the matches and the day of `now` (ages are
/// whole days), so an unchanged report is not edited on every run.
public enum ReportBody {
    /// GitHub's limit on an issue body, in characters. The body is measured in UTF-16 code units:
    /// as many as its characters for every script in the Basic Multilingual Plane (a title in
    /// Chinese costs what GitHub counts, not the three UTF-8 bytes a character), never fewer for
    /// the rest (an emoji counts two), so the body fits however GitHub counts.
    public static let limit = 65_536

    /// Whether the report `stored` on the server already says what `rendered` says, so the run does
    /// not edit it. Servers normalise what they store: GitHub may give a body back with CRLF line
    /// breaks or without its trailing newline. Beyond that the comparison is byte for byte, not
    /// Swift's `==` (Unicode canonical equivalence), so a title that changed only in its
    /// normalisation is still written.
    public static func sameBody(stored: String, rendered: String) -> Bool {
        normalized(stored).elementsEqual(normalized(rendered))
    }

    /// The UTF-8 of `text` with CRLF as LF and no trailing line breaks or spaces.
    private static func normalized(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n"), bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            bytes.append(byte)
        }
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") { bytes.removeLast() }
        return bytes
    }

    /// `1 issue`, `3 issues`.
    public static func issues(_ count: Int) -> String { "\(count) issue\(count == 1 ? "" : "s")" }

    /// The report of `rule` listing `rows` in the order given, with ages at `now`.
    public static func render(rule: String, description: String?, rows: [ReportRow], now: Timestamp, limit: Int = limit) -> String {
        let heading = "## \(cell(description ?? rule))\n\n"
        let intro = "\(issues(rows.count)) matched rule `\(rule)`.\n\n"
        let header = "| Issue | Title | Author | Age | Labels |\n|---:|---|---|---:|---|\n"
        let closing = "\n" + ReportMarker.marker(forRule: rule) + "\n"
        var body = heading + intro + header
        // Room for the longest "… and N more" line and the marker.
        let reserve = closing.utf16.count + "\n… and \(rows.count) more\n".utf16.count
        var size = body.utf16.count
        var written = 0
        for row in rows {
            let line = self.line(row, now: now)
            guard size + line.utf16.count + reserve < limit else { break }
            body += line
            size += line.utf16.count
            written += 1
        }
        if written < rows.count { body += "\n… and \(rows.count - written) more\n" }
        return body + closing
    }

    private static func line(_ row: ReportRow, now: Timestamp) -> String {
        let days = max(0, (now - row.created).milliseconds / 86_400_000)
        let labels = row.labels.map { "`\(cell($0).replacing("`", with: "'"))`" }.joined(separator: " ")
        let number = row.url.isEmpty ? "#\(row.number)" : "[#\(row.number)](\(row.url))"
        return "| \(number) | \(cell(row.title)) | \(cell(row.author)) | \(days)d | \(labels) |\n"
    }

    /// Text from an issue made safe for one table cell: `|` and `\` escaped (GFM reads `\\` as an
    /// escaped backslash, so a lone one before `|` would end the cell), line breaks as spaces, `<` as
    /// `&lt;` so no title can carry a report marker (or hide text) into the report, and references
    /// broken by a zero-width space (`@&#8203;name`, `#&#8203;12`, `!&#8203;3`, as Dependabot writes
    /// them): a title saying "thanks @dana, see #12" must not notify dana or add a cross-reference
    /// to #12 every time the report is edited. The row's own number link is the one reference kept.
    static func cell(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var characters = text.makeIterator()
        var next = characters.next()
        while let character = next {
            next = characters.next()
            switch character {
            case "|": output += "\\|"
            case "\\": output += "\\\\"
            case "\n", "\r", "\r\n": output += " "
            case "<": output += "&lt;"
            case "@": output += "@&#8203;"
            case "#" where next.map(Self.isDigit) == true, "!" where next.map(Self.isDigit) == true:
                output += "\(character)&#8203;"
            default: output.append(character)
            }
        }
        return output
    }

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
}
