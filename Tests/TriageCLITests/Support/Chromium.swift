import Foundation
import Testing

/// Headless Chromium for the HTML report's browser tests: the Debian package `chromium`
/// (`scripts/ensure-deps.sh` installs it), or the executable `CHROMIUM` names. Each run is bounded
/// twice (coreutils `timeout` around the browser, the subprocess timeout around that), uses a
/// profile directory of its own, and the suites that use it are serialized: one browser at a time.
enum Chromium {
    /// The browser, or nil when it is not installed.
    static let executable: URL? = {
        if let named = ProcessInfo.processInfo.environment["CHROMIUM"], !named.isEmpty {
            return FileManager.default.isExecutableFile(atPath: named) ? URL(fileURLWithPath: named) : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    static var isInstalled: Bool { executable != nil }

    /// Why the browser tests did not run, for the test report.
    static let absence: Comment = """
        SKIPPED: Chromium is not installed, so the HTML report was not loaded in a browser. Install the Debian package \
        `chromium` (scripts/ensure-deps.sh does) or set CHROMIUM to a Chromium executable.
        """

    /// Seconds one browser run may take before it is killed (a cold start takes about one; the bound
    /// is generous because the suite runs everything else at the same time).
    static let timeoutSeconds = 90

    /// Chromium's `--dump-dom` of `url`: the DOM after the page's own script ran, serialized.
    static func dumpDOM(_ url: URL, width: Int = 1280, height: Int = 900, dark: Bool = false, javaScript: Bool = true,
                        extraArguments: [String] = []) async throws -> String {
        var arguments = ["--window-size=\(width),\(height)"] + extraArguments
        if dark { arguments.append("--force-dark-mode") }
        if !javaScript { arguments.append("--blink-settings=scriptEnabled=false") }
        let output = try await run(arguments + ["--dump-dom", url.absoluteString])
        return output.stdout
    }

    /// A PNG of the top `width` × `height` pixels of `url`.
    static func screenshot(_ url: URL, to file: URL, width: Int, height: Int, dark: Bool) async throws {
        var arguments = ["--window-size=\(width),\(height)", "--hide-scrollbars", "--screenshot=\(file.path)"]
        if dark { arguments.append("--force-dark-mode") }
        _ = try await run(arguments + [url.absoluteString])
    }

    /// Runs the browser headless with a fresh profile; fails the test on a non-zero exit.
    private static func run(_ arguments: [String]) async throws -> Triage.Output {
        let browser = try #require(executable, absence)
        let profile = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                      "--disable-background-networking", "--disable-sync", "--mute-audio", "--user-data-dir=\(profile.path)"]
        let output = try await Subprocess.run(URL(fileURLWithPath: "/usr/bin/timeout"),
                                              ["--kill-after=5", String(timeoutSeconds), browser.path] + common + arguments,
                                              in: profile, timeout: Double(timeoutSeconds + 15), environment: ["HOME": profile.path])
        #expect(output.status == 0, "chromium \(arguments.joined(separator: " ")) failed: \(output.stderr.suffix(2000))")
        return output
    }
}
