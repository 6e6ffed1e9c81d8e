// swift-tools-version:6.0
import PackageDescription

/// Where `-lstdc++` finds a linker script that takes the static C++ runtime (an absolute path:
/// the link does not run in the package's folder).
let staticLinkDirectory = String(#filePath.dropLast("Package.swift".count)) + "Sources/pgtriage/StaticLink"

let package = Package(
    name: "pgtriage",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pgtriage", targets: ["pgtriage"]),
        .executable(name: "pgtriage-theme", targets: ["pgtriage-theme"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libpq, as Debian's libpq-dev installs it.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // zlib, as Debian's zlib1g-dev installs it: recordings' frames are deflated (docs/recording.md).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // A thin C layer over ncursesw: wide characters on, macros and globals as functions.
        .target(name: "CNCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        // Everything about PostgreSQL; no terminal code.
        .target(name: "PGTriageCore", dependencies: ["CLibPQ", "CZlib"]),
        // Starting throwaway local PostgreSQL servers: `pgtriage demo` and the integration tests.
        .target(name: "PGTriageLocalServer", dependencies: ["PGTriageCore"]),
        // Everything about the screen; no libpq.
        .target(name: "PGTriageUI", dependencies: ["PGTriageCore", "CNCurses"]),
        // Theme files (TOML) into themes. TOMLKit brings all of Foundation (ICU, libstdc++), so
        // only the `pgtriage-theme` helper and the tests link it, never the console.
        .target(name: "PGTriageThemeTOML", dependencies: ["PGTriageUI", "TOMLKit"]),
        .executableTarget(
            name: "pgtriage",
            dependencies: [
                "PGTriageCore", "PGTriageUI", "PGTriageLocalServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["StaticLink"],
            // The Swift runtime linked in: no dynamic relocation of libswiftCore and friends at
            // every start, about 4 MB less resident (docs/performance.md).
            // (FoundationEssentials' own parts are named: a static link does not find them.)
            // Linked by the toolchain's lld with packed relative relocations (DT_RELR, glibc
            // 2.36+) and without exporting every symbol: a 1 MB relocation table and a 0.7 MB
            // dynamic symbol table that every start read are gone, 1.7 MB less resident.
            // The C++ runtime (the Swift runtime's) linked in too, through the linker script in
            // StaticLink: libstdc++.so is no longer mapped and relocated, 0.9 MB less resident.
            linkerSettings: [
                .unsafeFlags([
                    "-static-stdlib", "-use-ld=lld",
                    "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic",
                    "-L" + staticLinkDirectory,
                ]),
                .linkedLibrary("_FoundationCollections"), .linkedLibrary("_FoundationCShims"),
            ]
        ),
        .executableTarget(name: "pgtriage-theme", dependencies: ["PGTriageThemeTOML", "PGTriageUI"]),
        .testTarget(name: "PGTriageCoreTests", dependencies: ["PGTriageCore"]),
        .testTarget(name: "PGTriageUITests", dependencies: ["PGTriageUI", "PGTriageCore", "PGTriageThemeTOML"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["PGTriageCore", "PGTriageLocalServer", "PGTriageUI"]
        ),
    ]
)
