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
    // Seed 000: Heisenberg ring textures, solid angle, magnon currents, LSWT, electric potential.
    .target(name: "SpinWaves", dependencies: ["LinearAlgebra", "PhysicalConstants", "Diagnostics", numerics]),
    // Result tables, writers (CSV/JSON, atomic), sweeps and figures.
    .target(name: "Studies", dependencies: ["Diagnostics", "PhysicalConstants", "LinearAlgebra", "SpinWaves"]),
    .executableTarget(
      name: "spintransport",
      dependencies: ["LinearAlgebra", "PhysicalConstants", "Diagnostics", "Studies", "SpinWaves", argumentParser]),
    // Benchmarks (not tests): `make bench` / benchmarks/run.
    .executableTarget(
      name: "spintransport-bench-linalg", dependencies: ["LinearAlgebra", "CLAPACK", numerics],
      path: "benchmarks/LinearAlgebraBenchmark"),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", numerics]),
    .testTarget(name: "PhysicalConstantsTests", dependencies: ["PhysicalConstants"]),
    .testTarget(name: "SpinWavesTests", dependencies: ["SpinWaves", "LinearAlgebra", "PhysicalConstants", numerics]),
    .testTarget(name: "StudiesTests", dependencies: ["Studies"]),
    .testTarget(name: "CLITests", dependencies: ["spintransport"]),
  ],
  swiftLanguageModes: [.v5]
)
