// swift-tools-version:6.1
// In-process benchmarks of SpinTransport on package-benchmark (ordo-one/benchmark), kept in a
// package of their own so that `make test` / CI never builds package-benchmark.
// Run from this directory: `swift package benchmark` (see README.md § Benchmarks).
import PackageDescription

let package = Package(
  name: "SpinTransportBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "SpinTransport", path: "../.."),
    // Swift 6.3: allocation counts through the malloc interposer (no jemalloc needed).
    .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "SpinTransportBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "SpinTransport", package: "SpinTransport"),
      ],
      path: "Benchmarks/SpinTransportBenchmarks",
      swiftSettings: [.swiftLanguageMode(.v5)],
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
