// swift-tools-version: 6.0
import PackageDescription

/// `triage`: a declarative rule-language issue-triage engine.
///
/// Targets, bottom-up:
/// - `TriageJSON`: one JSON value type: building, serializing (reports, write bodies) and strict parsing.
/// - `TriageLanguage`: the expression language (pure, no I/O) and the issue model it reads.
/// - `CYAML`: the system libyaml (Debian `libyaml-dev`).
/// - `TriageYAML`: a position-preserving YAML node tree over libyaml.
/// - `CSQLite`: the system libsqlite3 (Debian `libsqlite3-dev`).
/// - `TriageCache`: the persistent SQLite cache of remote sources, over a small wrapper of our own.
/// - `TriageRules`: rule files, lint checks, the `test` runner.
/// - `TriageEngine`: provider protocol, registry, concurrent evaluator, the application layer
///   (`CheckRun`, `ApplyRun`, `Explanation`) and reporters.
/// - `TriageProviders`: GitHub, GitLab, files and stdin.
/// - `triage`: the thin command-line front end.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "triage",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "triage", targets: ["triage"]),
        .executable(name: "triage-bench", targets: ["TriageBenchmarks"]),
        .executable(name: "triage-cache-bench", targets: ["TriageCacheBenchmark"]),
        .library(name: "TriageJSON", targets: ["TriageJSON"]),
        .library(name: "TriageLanguage", targets: ["TriageLanguage"]),
        .library(name: "TriageRules", targets: ["TriageRules"]),
        .library(name: "TriageEngine", targets: ["TriageEngine"]),
        .library(name: "TriageProviders", targets: ["TriageProviders"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "TriageJSON", swiftSettings: strictSettings),
        .target(name: "TriageCache", dependencies: ["CSQLite"], swiftSettings: strictSettings),
        .target(
            name: "TriageLanguage",
            swiftSettings: strictSettings,
            // ICU's C API (regex matching on UTF-8), shipped with the toolchain's Foundation on Linux.
            linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]
        ),
        .target(name: "TriageYAML", dependencies: ["CYAML"], swiftSettings: strictSettings),
        .target(name: "TriageRules", dependencies: ["TriageJSON", "TriageLanguage", "TriageYAML"], swiftSettings: strictSettings),
        .target(name: "TriageEngine", dependencies: ["TriageJSON", "TriageLanguage", "TriageRules"], swiftSettings: strictSettings),
        .target(
            name: "TriageProviders",
            dependencies: [
                "TriageJSON", "TriageLanguage", "TriageEngine", "TriageCache",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "triage",
            dependencies: [
                "TriageLanguage", "TriageRules", "TriageEngine", "TriageProviders", "TriageCache",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "TriageBenchmarks",
            dependencies: ["TriageLanguage", "TriageRules", "TriageEngine", "TriageProviders", "TriageTestSupport"],
            swiftSettings: strictSettings
        ),
        // Cold and warm runs through the cache against the loopback fake (BENCHMARKS.md, "Cache").
        .executableTarget(
            name: "TriageCacheBenchmark",
            dependencies: ["TriageLanguage", "TriageRules", "TriageEngine", "TriageProviders", "TriageCache", "TriageTestSupport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TriageTestSupport",
            dependencies: [
                "TriageLanguage", "TriageRules", "TriageEngine",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TriageCacheTests", dependencies: ["TriageCache", "TriageTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "TriageJSONTests", dependencies: ["TriageJSON"], swiftSettings: strictSettings),
        .testTarget(name: "TriageLanguageTests", dependencies: ["TriageLanguage", "TriageTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "TriageYAMLTests", dependencies: ["TriageYAML", "TriageTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "TriageEngineTests", dependencies: ["TriageEngine", "TriageRules", "TriageTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "TriageRulesTests", dependencies: ["TriageRules", "TriageTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "TriageProvidersTests",
            dependencies: ["TriageProviders", "TriageEngine", "TriageTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TriageCLITests", dependencies: ["TriageTestSupport"], exclude: ["Fixtures"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
