// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "werksessies",
    products: [
        .executable(name: "werksessies", targets: ["werksessies"]),
        // For the fuzzers in Fuzz/ (a separate package built only by `make fuzz`).
        .library(name: "WerksessiesIngest", targets: ["Ingest", "WerksessiesModel"]),
        .library(name: "WerksessiesConfiguration", targets: ["Configuration"]),
        .library(name: "WerksessiesCommandLine", targets: ["WerksessiesCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // C libraries, each behind one thin module map.
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // The Swift wrappers: the only targets with pointers and C calls (besides Ingest's byte scanners).
        .target(name: "LibCSV", dependencies: ["CCSV"]),
        .target(name: "Snowball", dependencies: ["CStemmer"]),
        .target(name: "Digest", dependencies: ["CCrypto"]),
        // The bulk rows of the state database, on GRDB's connection (the same libsqlite3 GRDB links).
        .target(name: "SQLiteBulk", dependencies: ["CSQLite"]),
        // libxlsxwriter behind a small safe Swift API (the only place that calls it).
        .target(name: "LibXLSXWriter", dependencies: ["CXLSXWriter"]),

        // Stages, in pipeline order (docs/architecture.md, "Targets").
        .target(name: "WerksessiesModel"),
        .target(name: "Ingest", dependencies: [
            "WerksessiesModel", "LibCSV", "Digest", "LibXLSXWriter",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "Normalise", dependencies: ["WerksessiesModel", "Snowball"]),
        .target(name: "Assign", dependencies: ["WerksessiesModel"]),
        .target(name: "Metrics", dependencies: ["WerksessiesModel"]),
        .target(name: "Reports", dependencies: ["WerksessiesModel", "Metrics", "LibXLSXWriter", "LibCSV", "SystemCalls", "Rules"]),
        .target(name: "State", dependencies: [
            "WerksessiesModel", "SQLiteBulk", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The system calls (fsync, rename, symlink, flock, getrusage, sync_file_range, signals) behind
        // SystemError; CSystemCalls declares the ones Glibc's module does not export.
        .target(name: "CSystemCalls"),
        .target(name: "SystemCalls", dependencies: ["CSystemCalls"]),
        .target(name: "Configuration", dependencies: [
            "WerksessiesModel", "Ingest", "Reports", "Digest", .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Rules", dependencies: ["WerksessiesModel"]),
        .target(name: "Corrections", dependencies: ["WerksessiesModel", "LibCSV"]),
        .target(name: "Publishing", dependencies: ["SystemCalls"]),
        .target(name: "Pipeline", dependencies: [
            "WerksessiesModel", "Ingest", "Normalise", "Assign", "Metrics", "Reports", "State",
            "Configuration", "Rules", "Publishing", "SystemCalls", "Corrections", "Digest",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Sample", dependencies: ["WerksessiesModel", "Reports", "LibXLSXWriter"]),
        .target(name: "WerksessiesCLI", dependencies: [
            "Pipeline", "Configuration", "Rules", "Publishing", "Sample", "SystemCalls", "WerksessiesModel",
            "Ingest", "Assign", "State", "Reports", "LibXLSXWriter",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(
            name: "werksessies", dependencies: ["WerksessiesCLI"],
            // mimalloc replaces glibc's malloc in the program (not in the libraries' tests): libxlsxwriter's
            // per-cell calloc/free and Swift's small allocations are a fifth of the CPU time with glibc 2.36,
            // and glibc's fragmentation put the 1M-participant run above 2 GB (see docs/performance.md).
            linkerSettings: [.linkedLibrary("mimalloc")]),

        // Fixtures shared by the test targets: participant/registration factories, workbook read-back,
        // temporary folders (the seeded generator is WerksessiesModel's SplitMix64).
        .target(name: "TestSupport", dependencies: [
            "WerksessiesModel", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], path: "Tests/TestSupport"),
        .testTarget(name: "ModelTests", dependencies: ["WerksessiesModel", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: [
            "Ingest", "Digest", "WerksessiesModel", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "NormaliseTests", dependencies: ["Normalise", "Configuration", "WerksessiesModel", "TestSupport"]),
        .testTarget(name: "AssignTests", dependencies: ["Assign", "WerksessiesModel", "TestSupport"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Assign", "WerksessiesModel", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "LibXLSXWriter", "Ingest", "WerksessiesModel", "TestSupport"]),
        .testTarget(name: "StateTests", dependencies: [
            "State", "WerksessiesModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "CorrectionsTests", dependencies: ["Corrections", "WerksessiesModel", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: [
            "Pipeline", "Configuration", "Rules", "Publishing", "Sample", "Ingest", "Reports", "State", "WerksessiesModel",
            "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"]),
        // Runs the program that `swift build --build-tests` builds next to the test bundle, for every exit status.
        .testTarget(name: "CLITests"),
    ]
)

// The same Swift settings for every target (as swift-log does).
for target in package.targets where target.type != .system && !target.name.hasPrefix("C") {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    target.swiftSettings = settings
}
