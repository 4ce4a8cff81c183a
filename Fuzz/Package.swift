// swift-tools-version:6.0
// libFuzzer targets for the readers, the config loader and the command-line arguments. Built only by `make fuzz` (with -sanitize=fuzzer,address).
import PackageDescription

let package = Package(
    name: "werksessies-fuzz",
    dependencies: [.package(name: "werksessies", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "WerksessiesIngest", package: "werksessies")]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzXLSX", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzHeaders", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzConfig", dependencies: [
            "FuzzSupport", .product(name: "WerksessiesConfiguration", package: "werksessies"),
        ]),
        .executableTarget(name: "FuzzArguments", dependencies: [
            "FuzzSupport", .product(name: "WerksessiesCommandLine", package: "werksessies"),
        ]),
    ]
)

for target in package.targets where target.type == .executable {
    target.swiftSettings = [.unsafeFlags(["-parse-as-library"])]
}
