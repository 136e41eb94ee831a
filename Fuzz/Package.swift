// swift-tools-version: 6.0
import PackageDescription

/// libFuzzer targets, kept in their own package because a fuzzer has no `main` of its own (libFuzzer
/// supplies it) and so cannot live in the main package's normal build. Run through `scripts/fuzz.sh`.
let package = Package(
    name: "TriageFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: ".deps/triage")],  // a link to the repository root, made by scripts/fuzz.sh
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "TriageFuzz",
            dependencies: [
                "FuzzDriver",
                .product(name: "TriageLanguage", package: "triage"),
                .product(name: "TriageRules", package: "triage"),
            ],
            // Coverage instrumentation and AddressSanitizer; libFuzzer itself (without its main) is
            // linked by scripts/fuzz.sh with -Xlinker, since its path depends on the toolchain.
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])],
            linkerSettings: [.unsafeFlags(["-sanitize=address"])]
        ),
        // The JSON readers (issue scanner in all its modes, the strict parser), with the same flags.
        .executableTarget(
            name: "TriageJSONFuzz",
            dependencies: [
                "FuzzDriver",
                .product(name: "TriageJSON", package: "triage"),
                .product(name: "TriageLanguage", package: "triage"),
                .product(name: "TriageProviders", package: "triage"),
            ],
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])],
            linkerSettings: [.unsafeFlags(["-sanitize=address"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
