// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pgtriage",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pgtriage", targets: ["pgtriage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libpq, as Debian's libpq-dev installs it.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // A thin C layer over ncursesw: wide characters on, macros and globals as functions.
        .target(name: "CNCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        // Everything about PostgreSQL; no terminal code.
        .target(name: "PGTriageCore", dependencies: ["CLibPQ"]),
        // Starting throwaway local PostgreSQL servers: `pgtriage demo` and the integration tests.
        .target(name: "PGTriageLocalServer", dependencies: ["PGTriageCore"]),
        // Everything about the screen; no libpq.
        .target(name: "PGTriageUI", dependencies: ["PGTriageCore", "CNCurses", "TOMLKit"]),
        .executableTarget(
            name: "pgtriage",
            dependencies: [
                "PGTriageCore", "PGTriageUI", "PGTriageLocalServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PGTriageCoreTests", dependencies: ["PGTriageCore"]),
        .testTarget(name: "PGTriageUITests", dependencies: ["PGTriageUI", "PGTriageCore"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["PGTriageCore", "PGTriageLocalServer", "PGTriageUI"]
        ),
    ]
)
