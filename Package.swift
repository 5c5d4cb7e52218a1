// swift-tools-version:6.0
// SpinTransport: spin transport in mesoscopic magnets (library + `spintransport` CLI).
// Layering: CLAPACK → LinearAlgebra → physics modules → Studies → spintransport (CLI).
import PackageDescription

let numerics: Target.Dependency = .product(name: "Numerics", package: "swift-numerics")
let tomlKit: Target.Dependency = .product(name: "TOMLKit", package: "TOMLKit")
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
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
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
    .target(name: "Studies", dependencies: ["Diagnostics", "PhysicalConstants", "LinearAlgebra", tomlKit]),
    .executableTarget(
      name: "spintransport",
      dependencies: ["LinearAlgebra", "PhysicalConstants", "Diagnostics", "Studies", argumentParser]),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", numerics]),
    .testTarget(name: "PhysicalConstantsTests", dependencies: ["PhysicalConstants"]),
    .testTarget(name: "StudiesTests", dependencies: ["Studies"]),
    .testTarget(name: "CLITests", dependencies: ["spintransport"]),
  ],
  swiftLanguageModes: [.v5]
)
