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
    .library(name: "SpinTransport", targets: ["LinearAlgebra", "PhysicalConstants", "Diagnostics", "TightBinding", "Studies"]),
    .library(name: "SpinCurrentDefinitions", targets: ["SpinCurrentDefinitions"]),
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
    // Spinful lattice builder, ring presets, persistent charge/spin currents (seed 002).
    .target(name: "TightBinding", dependencies: ["LinearAlgebra", "PhysicalConstants", "Diagnostics", numerics]),
    // Bare, Shi et al. and label spin currents, torque, LSM twist, Rashba ring (seed 001).
    .target(
      name: "SpinCurrentDefinitions",
      dependencies: ["TightBinding", "LinearAlgebra", "PhysicalConstants", "Diagnostics", numerics]),
    // Result tables, writers (CSV/JSON, atomic), sweeps and figures.
    .target(name: "Studies", dependencies: ["Diagnostics", "PhysicalConstants", "LinearAlgebra", "TightBinding", numerics, "SpinCurrentDefinitions"]),
    .executableTarget(
      name: "spintransport",
      dependencies: [
        "LinearAlgebra", "PhysicalConstants", "Diagnostics", "Studies", "TightBinding", numerics, argumentParser,
        "SpinCurrentDefinitions",
      ]),
    // Benchmarks (not tests): `make bench` / benchmarks/run.
    .executableTarget(
      name: "spintransport-bench-linalg", dependencies: ["LinearAlgebra", "CLAPACK", numerics],
      path: "benchmarks/LinearAlgebraBenchmark"),
    // Benchmark (not a test): benchmarks/ring/run.sh.
    .executableTarget(
      name: "spintransport-bench-ring", dependencies: ["LinearAlgebra", "TightBinding", "Studies", numerics],
      path: "benchmarks/ring/Swift"),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", numerics]),
    .testTarget(name: "PhysicalConstantsTests", dependencies: ["PhysicalConstants"]),
    .testTarget(name: "TightBindingTests", dependencies: ["TightBinding", "LinearAlgebra", "PhysicalConstants", "Diagnostics", numerics]),
    .testTarget(
      name: "SpinCurrentDefinitionsTests",
      dependencies: ["SpinCurrentDefinitions", "TightBinding", "LinearAlgebra", "PhysicalConstants", "Diagnostics", numerics]),
    .testTarget(name: "StudiesTests", dependencies: ["Studies"]),
    .testTarget(name: "CLITests", dependencies: ["spintransport"]),
  ],
  swiftLanguageModes: [.v5]
)
