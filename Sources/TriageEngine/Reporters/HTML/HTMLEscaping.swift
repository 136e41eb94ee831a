/// The one escaping of the HTML report: every text and attribute value written into a page goes
/// through `HTML.escape` (titles, labels, authors and rule names are attacker-controlled: a title
/// `<img src=x onerror=alert(1)>` must stay text), and every link through `HTML.safeLink`.
enum HTML {
    /// `text` safe as element content and as a double- or single-quoted attribute value: `&`, `<`,
    /// `>`, `"` and `'` become character references; NUL, which parsers replace, becomes U+FFFD.
    static func escape(_ text: String) -> String {
        // Most values need nothing: return them as they are without building a new string.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0 }) else {
            return text
        }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\u{0}": output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// `url` when it is an `http:` or `https:` URL (the issue links providers give), escaped for an
    /// `href`; nil otherwise, so a `javascript:` or `data:` URL from a file source is never a link.
    static func safeLink(_ url: String) -> String? {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return nil }
        return escape(url)
    }
}
