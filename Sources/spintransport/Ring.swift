import ArgumentParser
import Diagnostics
import Foundation
import SpinTransport
import Studies
import TightBinding

extension SpinTransportCLI {
  /// `spintransport ring …`: the ferromagnetic Hatano–Nelson ring (seed 002, MODELS.md §A).
  struct Ring: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Ferromagnetic Hatano–Nelson ring: complex spectrum, bands, persistent charge and spin currents.",
      discussion: """
        Energies in eV, flux phase φ per cell in rad, angles θ (polar) and ϕ (azimuth) of the
        moments in degrees, temperature in K. Charge current in A, spin currents in eV.
        Negative values may follow the option directly (--mu -0.5).
        Clean rings (--aah 0) use the Bloch path (N blocks of 4×4); disordered rings the dense path.
        """,
      subcommands: [Spectrum.self, Bands.self, Currents.self, Sweep.self, States.self])
  }
}

/// Hamiltonian options of the ring (everything except the ring size).
struct RingHamiltonianOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Non-reciprocal intradimer hopping γ (eV).")
  var gamma: Double = 0.5
  @Option(parsing: .unconditional, help: "Reciprocal intradimer hopping t₁ (eV); the paper's case is 0.")
  var t1: Double = 0
  @Option(parsing: .unconditional, help: "Interdimer hopping t₂ (eV).")
  var t2: Double = 1
  @Option(
    name: .customLong("flux-phase"), parsing: .unconditional, help: "Flux phase φ per cell (rad); total phase Nφ.")
  var fluxPhase: Double = 0
  @Option(parsing: .unconditional, help: "Exchange (SDS) parameter h (eV); spin splitting 2h.")
  var exchange: Double = 0
  @Option(parsing: .unconditional, help: "Polar angle θ of the moments (degrees).")
  var theta: Double = 0
  @Option(parsing: .unconditional, help: "Azimuth ϕ of the moments (degrees).")
  var azimuth: Double = 0
  @Option(parsing: .unconditional, help: "Uniform on-site energy ε (eV).")
  var onsite: Double = 0
  @Option(parsing: .unconditional, help: "Aubry–André–Harper disorder strength W (eV); 0 = clean ring.")
  var aah: Double = 0

  /// The ring with `cells` cells (angles converted to radians), validated.
  func ring(cells: Int) throws -> HatanoNelsonRing {
    let r = HatanoNelsonRing(
      cells: cells, t1: t1, gamma: gamma, t2: t2, fluxPhase: fluxPhase, exchange: exchange,
      theta: theta * .pi / 180, azimuth: azimuth * .pi / 180, onsite: onsite, aah: aah)
    try r.validate()
    return r
  }
}

/// `--cells` (kept apart so `ring bands` can omit it).
struct RingCellsOption: ParsableArguments {
  @Option(help: "Number of unit cells N (≥ 2); the ring has 2N sites, dimension 4N.")
  var cells: Int = 20
}

/// Options of the current calculations.
struct RingCurrentOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Chemical potential μ (eV); states with Re E ≤ μ are occupied at T = 0.")
  var mu: Double = 0
  @Option(help: "Temperature (K); T > 0 weights states by the Fermi function of Re E (operator method only).")
  var temperature: Double = 0
  @Option(help: "operator (biorthogonal current operators, occupied projector) or derivative (twist derivatives).")
  var method: CurrentMethod = .operator
  @Option(help: "Diagonalisation: automatic (Bloch when clean, else spin-resolved), dense, bloch, or spin-resolved.")
  var path: RingSpectrum.Path = .automatic

  func check() throws {
    try Require.finite(mu, "mu")
    try Require.nonNegative(temperature, "temperature")
    if method == .derivative, temperature > 0 {
      throw InvalidParameter("temperature", temperature, allowed: "0 with --method derivative")
    }
  }
}

extension CurrentMethod: ExpressibleByArgument {}
extension RingSpectrum.Path: ExpressibleByArgument {}

extension SpinTransportCLI.Ring {
  struct Spectrum: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Complex single-particle spectrum. Columns: index, re_energy, im_energy (eV).")
    @OptionGroup var cells: RingCellsOption
    @OptionGroup var model: RingHamiltonianOptions
    @Option(help: "Diagonalisation: automatic (Bloch when clean, else spin-resolved), dense, bloch, or spin-resolved.")
    var path: RingSpectrum.Path = .automatic
    @OptionGroup var output: OutputOptions

    func run() throws {
      let ring = try model.ring(cells: cells.cells)
      try RingTables.prepare(ring, path: path, workload: .spectrum, quiet: output.quiet, sink: output.progress)
      let progress = RingTables.blochProgress(ring, path: path, label: "ring spectrum", quiet: output.quiet)
      try output.emit(try RingTables.spectrum(ring, path: path, progress: progress))
    }
  }

  struct Bands: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Complex bands E(k), k ∈ [−π, π]. Columns: k, band (up+, up-, down+, down-), re_energy, im_energy.")
    @OptionGroup var model: RingHamiltonianOptions
    @Option(name: .customLong("k-points"), help: "Number of k points from −π to π (≥ 2).")
    var kPoints: Int = 201
    @OptionGroup var output: OutputOptions

    func run() throws {
      let ring = try model.ring(cells: 2)
      try RingTables.prepareBands(
        ring, kPoints: kPoints, format: output.format, quiet: output.quiet, sink: output.progress)
      try output.emit(try RingTables.bands(ring, kPoints: kPoints))
    }
  }

  struct Currents: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Persistent charge (A) and spin (eV) currents, real and imaginary parts.",
      discussion: "Columns: " + RingTables.currentColumns.joined(separator: ", "))
    @OptionGroup var cells: RingCellsOption
    @OptionGroup var model: RingHamiltonianOptions
    @OptionGroup var currents: RingCurrentOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let ring = try model.ring(cells: cells.cells)
      try currents.check()
      try RingTables.prepare(
        ring, path: currents.path, workload: currents.method == .derivative ? .derivative : .currents,
        quiet: output.quiet, sink: output.progress)
      let progress = RingTables.blochProgress(
        ring, path: currents.method == .derivative ? .dense : currents.path, label: "ring currents",
        quiet: output.quiet)
      try output.emit(
        try RingTables.currents(
          ring, mu: currents.mu, temperature: currents.temperature, method: currents.method, path: currents.path,
          progress: progress))
    }
  }

  struct States: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Per-state biorthogonal currents of every eigenstate (not summed).",
      discussion: "Columns: " + RingTables.stateColumns.joined(separator: ", ")
        + ". k is empty on the dense path; degenerate blocks are biorthonormalised (S^{-1/2}).")
    @OptionGroup var cells: RingCellsOption
    @OptionGroup var model: RingHamiltonianOptions
    @Option(help: "Diagonalisation: automatic (Bloch when clean, else dense), dense, or bloch.")
    var path: RingSpectrum.Path = .automatic
    @OptionGroup var output: OutputOptions

    func run() throws {
      let ring = try model.ring(cells: cells.cells)
      try RingTables.prepare(ring, path: path, workload: .states, quiet: output.quiet, sink: output.progress)
      let progress = RingTables.blochProgress(ring, path: path, label: "ring states", quiet: output.quiet)
      try output.emit(try RingTables.states(ring, path: path, progress: progress))
    }
  }

  struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Currents over a parameter sweep (all cores, input order kept).",
      discussion: """
        --vary NAME=START:STOP:COUNT with NAME one of \(RingTables.sweepNames.joined(separator: ", "))
        (theta and azimuth in degrees, cells integers). Columns: the varied parameter (except
        flux-phase and mu, already columns), then \(RingTables.currentColumns.joined(separator: ", ")).
        """)
    @OptionGroup var cells: RingCellsOption
    @OptionGroup var model: RingHamiltonianOptions
    @OptionGroup var currents: RingCurrentOptions
    @Option(help: "The swept parameter: NAME=START:STOP:COUNT.")
    var vary: String
    @OptionGroup var output: OutputOptions

    func run() throws {
      let range = try SweepRange(parsing: vary, allowedNames: RingTables.sweepNames)
      let ring = try model.ring(cells: cells.cells)
      try currents.check()
      let table = try RingTables.sweep(
        ring, mu: currents.mu, range: range, temperature: currents.temperature, method: currents.method,
        path: currents.path, quiet: output.quiet, sink: output.progress)
      try output.emit(table)
    }
  }
}
