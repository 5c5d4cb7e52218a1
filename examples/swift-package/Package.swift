// swift-tools-version:6.0
// A package that uses SpinTransport as a library: depends on the repository by path (or, from
// elsewhere, by its git URL) and computes through the catalogue's public API.
import PackageDescription

let package = Package(
  name: "RingAndMagnon",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "SpinTransport", path: "../..")],
  targets: [
    .executableTarget(
      name: "RingAndMagnon", dependencies: [.product(name: "SpinTransport", package: "SpinTransport")])
  ]
)
