// swift-tools-version:6.0
// SpinTransport: spin transport in mesoscopic magnets (library + `spintransport` CLI).
// Layering: CLAPACK → LinearAlgebra → physics modules; Studies (toolkit, no physics);
// SpinTransport (catalogue + one folder per paper, joins the two) → spintransport (thin CLI).
// CMPI (Open MPI) → Cluster (the only importer: study points over MPI ranks) → spintransport.
import PackageDescription

let numerics: Target.Dependency = .product(name: "Numerics", package: "swift-numerics")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let tomlKit: Target.Dependency = .product(name: "TOMLKit", package: "TOMLKit")
let csvParser: Target.Dependency = .product(name: "CSV", package: "CSV.swift")
let plot: Target.Dependency = .product(name: "Plot", package: "Plot")
/// Dependencies every physics module may use (never another physics module's internals).
let physicsBase: [Target.Dependency] = [
  "LinearAlgebra", "TimeIntegration", "PhysicalConstants", "Diagnostics", numerics,
]

let package = Package(
  name: "SpinTransport",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "spintransport", targets: ["spintransport"]),
    // The catalogue's C ABI (libSpinTransportC.so), loaded by the Python package in python/.
    .library(name: "SpinTransportC", type: .dynamic, targets: ["SpinTransportC"]),
    .library(
      name: "SpinTransport",
      targets: [
        "LinearAlgebra", "PhysicalConstants", "Diagnostics", "TimeIntegration", "TightBinding",
        "SpinCurrentDefinitions", "SpinWaves",
        "SpinDiffusion", "LongitudinalRelaxation", "Studies", "ModelFiles", "SpinTransport",
      ]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", exact: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    // RFC 4180 CSV reading (the one reader for plot input and relaxation profiles).
    .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    // `make docs`: DocC catalogs in Sources/<Module>/<Module>.docc.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
    // HTML gallery of `reproduce` (Studies only; physics modules never import it).
    .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
    // Property-based tests (Swift Testing; test target PropertyTests only).
    .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
  ],
  targets: [
    // System LAPACKE + OpenBLAS (Debian: libopenblas-dev liblapacke-dev, installed by scripts/bootstrap).
    .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK"),
    // Open MPI (Debian: openmpi-bin libopenmpi-dev, installed by scripts/bootstrap); mpi.h via pkg-config.
    .systemLibrary(
      name: "CMPI", path: "Sources/CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"])]),
    // CVODE of SUNDIALS (Debian: libsundials-cvode6; headers from libsundials-dev unpacked into
    // Sources/CSUNDIALS/include by scripts/bootstrap).
    .target(name: "CSUNDIALS", path: "Sources/CSUNDIALS"),
    // Typed parameter errors and numerical warnings shared by every physics module.
    .target(name: "Diagnostics"),
    // The only module that imports CLAPACK.
    .target(name: "LinearAlgebra", dependencies: ["CLAPACK", "Diagnostics", numerics]),
    .target(name: "PhysicalConstants"),
    // Adaptive stiff time integration: the only module that imports CSUNDIALS.
    .target(name: "TimeIntegration", dependencies: ["CSUNDIALS", "Diagnostics"]),
    // Spinful lattice builder, ring presets, persistent charge/spin currents (Karmakar, Ganguly and Maiti).
    .target(name: "TightBinding", dependencies: physicsBase),
    // Bare, Shi et al. and label spin currents, torque, LSM twist, Rashba ring (Bray-Ali and Nussinov).
    .target(name: "SpinCurrentDefinitions", dependencies: physicsBase + ["TightBinding"]),
    // Heisenberg rings: classical textures, solid angle, magnon currents, LSWT, electric potential
    // (Schütz, Kollar and Kopietz).
    .target(name: "SpinWaves", dependencies: physicsBase),
    // sd-exchange spin accumulation: tensor diffusion, interfaces, torus, Landau–Lifshitz (Hitchon, Parker and Rebei).
    .target(name: "SpinDiffusion", dependencies: physicsBase),
    // Two-variable M–m longitudinal relaxation: rates, wavevectors, evolution (Saslow, Sun and Xu).
    .target(name: "LongitudinalRelaxation", dependencies: physicsBase),
    // The study/figure toolkit: catalogue protocol, parameter sweeps, study files, runner,
    // checkpoints, tables, writers, figures (gnuplot), reproduce engine. Imports no physics.
    .target(
      name: "Studies",
      dependencies: ["Diagnostics", "LinearAlgebra", tomlKit, csvParser, plot]),
    // Model files (TOML) of the user's own systems: located values, typed accessors, [params] as
    // catalogue parameters, the expression language. A toolkit: imports no physics.
    .target(name: "ModelFiles", dependencies: ["Diagnostics", tomlKit, numerics]),
    // The umbrella: the catalogue of computations and one folder per paper (entries, tables,
    // figures), joining physics and toolkit. `SpinTransport.swift` is its table of contents.
    .target(
      name: "SpinTransport",
      dependencies: physicsBase + [
        "Studies", "ModelFiles", "TightBinding", "SpinCurrentDefinitions", "SpinWaves", "SpinDiffusion",
        "LongitudinalRelaxation",
      ]),
    // The only module that imports CMPI: study points over MPI ranks (`mpirun … spintransport run`).
    .target(name: "Cluster", dependencies: ["CMPI", "Studies", "LinearAlgebra"]),
    // A C ABI over the catalogue (@_cdecl only, no physics): catalogue JSON, compute a request
    // into a table of doubles + metadata JSON, structured errors, an interrupt flag.
    .target(name: "SpinTransportC", dependencies: ["Diagnostics", "Studies", "SpinTransport"]),
    // The CLI: the umbrella only, which re-exports no physics module (CLIImportTests checks the
    // CLI's imports too: SwiftPM lets a target import a module it reaches transitively).
    .executableTarget(name: "spintransport", dependencies: ["SpinTransport", "Cluster", argumentParser]),
    // Benchmarks (not tests): `make bench` / benchmarks/run.
    .executableTarget(
      name: "spintransport-bench-linalg", dependencies: ["LinearAlgebra", "CLAPACK", numerics],
      path: "benchmarks/LinearAlgebraBenchmark"),
    .executableTarget(
      name: "spintransport-bench-ring",
      dependencies: ["LinearAlgebra", "TightBinding", "Studies", "SpinTransport", numerics],
      path: "benchmarks/ring/Swift"),
    .executableTarget(
      name: "spintransport-bench-python", dependencies: ["Studies", "SpinTransport"],
      path: "benchmarks/python/SwiftSweep"),
    .executableTarget(
      name: "spintransport-bench-diffusion", dependencies: ["SpinDiffusion", "LinearAlgebra"],
      path: "benchmarks/diffusion/SwiftWorkload"),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", numerics]),
    .testTarget(name: "PhysicalConstantsTests", dependencies: ["PhysicalConstants"]),
    .testTarget(name: "TimeIntegrationTests", dependencies: ["TimeIntegration", "Diagnostics"]),
    .testTarget(name: "TightBindingTests", dependencies: physicsBase + ["TightBinding"]),
    .testTarget(
      name: "SpinCurrentDefinitionsTests", dependencies: physicsBase + ["SpinCurrentDefinitions", "TightBinding"]),
    .testTarget(name: "SpinWavesTests", dependencies: physicsBase + ["SpinWaves"]),
    .testTarget(name: "SpinDiffusionTests", dependencies: physicsBase + ["SpinDiffusion"]),
    .testTarget(name: "LongitudinalRelaxationTests", dependencies: physicsBase + ["LongitudinalRelaxation"]),
    .testTarget(
      name: "StudiesTests",
      dependencies: [
        "Studies", "SpinTransport", numerics, "TightBinding", "SpinCurrentDefinitions", "SpinWaves", "SpinDiffusion",
        "LongitudinalRelaxation",
      ]),
    .testTarget(name: "CLITests", dependencies: ["spintransport"]),
    // The CLI run in-process on an injected command tree (a toy computation in three places).
    .testTarget(name: "CatalogueInjectionTests", dependencies: ["spintransport", "SpinTransport"]),
    .testTarget(
      name: "ModelFilesTests", dependencies: ["ModelFiles", "Diagnostics", "Studies", "SpinTransport", numerics]),
    // Invariants for random parameters with shrinking (swift-property-based, Swift Testing).
    .testTarget(
      name: "PropertyTests",
      dependencies: [
        "LinearAlgebra", "TightBinding", "LongitudinalRelaxation", numerics,
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
  ],
  swiftLanguageModes: [.v5]
)
