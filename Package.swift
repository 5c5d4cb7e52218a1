// swift-tools-version:6.0
// SpinTransport: spin transport in mesoscopic magnets (library + `spintransport` CLI).
// Layering: CLAPACK → LinearAlgebra → physics modules → Studies → spintransport (CLI).
import PackageDescription

let numerics: Target.Dependency = .product(name: "Numerics", package: "swift-numerics")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
  name: "SpinTransport",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "spintransport", targets: ["spintransport"]),
    .library(name: "SpinTransport", targets: ["LinearAlgebra", "PhysicalConstants", "Diagnostics", "Studies"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", exact: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
  ],
  targets: [
    // System LAPACKE + OpenBLAS (Debian: libopenblas-dev liblapacke-dev, installed by scripts/bootstrap).
    .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK"),
    // Typed parameter errors and numerical warnings shared by every physics module.
    .target(name: "Diagnostics"),
    // The only module that imports CLAPACK.
    .target(name: "LinearAlgebra", dependencies: ["CLAPACK", "Diagnostics", numerics]),
    .target(name: "PhysicalConstants"),
    // Result tables, writers (CSV/JSON, atomic), sweeps and figures.
    // Seed 004: two-variable (M, m) longitudinal relaxation — rates, wavevectors, evolution.
    .target(name: "LongitudinalRelaxation", dependencies: ["LinearAlgebra", "PhysicalConstants", "Diagnostics", numerics]),
    .target(name: "Studies", dependencies: ["Diagnostics", "PhysicalConstants", "LinearAlgebra", "LongitudinalRelaxation"]),
    .executableTarget(
      name: "spintransport",
      dependencies: [
        "LinearAlgebra", "PhysicalConstants", "Diagnostics", "Studies", "LongitudinalRelaxation", argumentParser,
      ]),
    // Benchmarks (not tests): `make bench` / benchmarks/run.
    .executableTarget(
      name: "spintransport-bench-linalg", dependencies: ["LinearAlgebra", "CLAPACK", numerics],
      path: "benchmarks/LinearAlgebraBenchmark"),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", numerics]),
    .testTarget(name: "PhysicalConstantsTests", dependencies: ["PhysicalConstants"]),
    .testTarget(name: "StudiesTests", dependencies: ["Studies"]),
    .testTarget(name: "LongitudinalRelaxationTests", dependencies: ["LongitudinalRelaxation", "LinearAlgebra", numerics]),
    .testTarget(name: "CLITests", dependencies: ["spintransport"]),
  ],
  swiftLanguageModes: [.v5]
)
