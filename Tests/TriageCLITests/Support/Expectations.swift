import Foundation
import Testing

/// Compares `actual` with the snapshot file `Fixtures/snapshots/NAME`. Run the tests with
/// `TRIAGE_UPDATE_SNAPSHOTS=1` to (re)write the files after an intended change, then review the diff.
func expectSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = fixture("snapshots/\(name)")
    if ProcessInfo.processInfo.environment["TRIAGE_UPDATE_SNAPSHOTS"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        return
    }
    let expected = try #require(try? String(contentsOf: url, encoding: .utf8),
                                "no snapshot \(url.path); run with TRIAGE_UPDATE_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
    #expect(actual == expected, "output differs from snapshot \(name):\n\(lineDiff(expected, actual))", sourceLocation: sourceLocation)
}

/// The first differing line of two texts, for readable failures.
func lineDiff(_ expected: String, _ actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(a.count, b.count) {
        let left = index < a.count ? String(a[index]) : "<none>"
        let right = index < b.count ? String(b[index]) : "<none>"
        if left != right { return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)" }
    }
    return "(no line differs)"
}

/// Parses JSON output, failing the test when it is not JSON.
func parseJSON(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
    do {
        return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
        Issue.record("output is not JSON (\(error)):\n\(String(decoding: data, as: UTF8.self))", sourceLocation: sourceLocation)
        throw error
    }
}

/// Whether two values from `JSONSerialization` are equal (numbers, strings, booleans, null,
/// arrays and objects compared deeply; a bool never equals a number).
func jsonEqual(_ a: Any, _ b: Any) -> Bool {
    switch (a, b) {
    case let (x as [String: Any], y as [String: Any]):
        return Set(x.keys) == Set(y.keys) && x.allSatisfy { key, value in jsonEqual(value, y[key]!) }
    case let (x as [Any], y as [Any]):
        return x.count == y.count && zip(x, y).allSatisfy(jsonEqual)
    case (is NSNull, is NSNull):
        return true
    case let (x as NSNumber, y as NSNumber):
        return isBool(x) == isBool(y) && x == y
    case let (x as String, y as String):
        return x == y
    default:
        return false
    }
}

private func isBool(_ number: NSNumber) -> Bool {
    #if canImport(Darwin)
    return CFGetTypeID(number) == CFBooleanGetTypeID()
    #else
    return String(cString: number.objCType) == "c"
    #endif
}

/// `expected` compared to parsed JSON, with both printed on failure.
func expectJSON(_ actual: Any, equals expected: Any, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(jsonEqual(actual, expected), "JSON differs:\nexpected: \(describe(expected))\nactual:   \(describe(actual))", sourceLocation: sourceLocation)
}

func describe(_ json: Any) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .fragmentsAllowed, .prettyPrinted]) else { return "\(json)" }
    return String(decoding: data, as: UTF8.self)
}

/// `check`'s text output with the wall time at the end of its summary line (`, 12 ms` or
/// `, 10.3 s`) replaced by `, <elapsed>`.
func withoutElapsedTime(_ text: String) -> String {
    text.replacing(/, \d+(\.\d)? m?s\n$/, with: ", <elapsed>\n")
}
