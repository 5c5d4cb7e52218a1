import Diagnostics
import Foundation

/// The parameters of the spin-current definitions check, declared once (energies in
/// eV, temperature in K, Zeeman angles in degrees).
///
/// Every front end reads these: the `definitions check` options, study-file keys, `--vary`
/// names and docs/parameters.md. The chemical potential and the particle number are two routes
/// to the occupation: both optional, at most one given (absent both: μ = 0).
public enum DefinitionsParameters {
  /// N, sites along x (the chain length, or the patch length with `width` > 1).
  public static let sites = Parameter.integer(
    "sites", flag: "sites", symbol: "N", default: nil, range: 2...SpinOrbitLattice.maximumSites,
    help: "Number of sites N along x (N × width ≤ \(SpinOrbitLattice.maximumSites)).")
  /// α, the Rashba coupling, eV.
  public static let rashba = Parameter.real(
    "rashba_eV", flag: "rashba", symbol: "α", unit: "eV", default: nil,
    help: "Rashba coupling α, eV (hopping −t − iα σ_y along x).")
  /// B, the Zeeman energy, eV.
  public static let zeeman = Parameter.real(
    "zeeman_eV", flag: "zeeman", symbol: "B", unit: "eV", default: nil, help: "Zeeman energy B, eV: on-site B n̂·σ.")
  /// T, the temperature, K.
  public static let temperature = Parameter.real(
    "temperature_K", flag: "temperature", symbol: "T", unit: "K", default: 0, range: 0...Double.greatestFiniteMagnitude,
    help: "Temperature T, K.")
  /// μ, the chemical potential, eV (absent: 0, unless `particles` is given).
  public static let mu = Parameter.real(
    "mu_eV", flag: "mu", symbol: "μ", unit: "eV", default: nil, requirement: .optional,
    help: "Chemical potential μ, eV; default 0. Not with --particles.")
  /// A fixed particle number instead of μ.
  public static let particles = Parameter.integer(
    "particles", flag: "particles", symbol: "N_e", default: nil, range: 0...(2 * SpinOrbitLattice.maximumSites),
    requirement: .optional, help: "Fixed particle number instead of μ (0 … 2·N·width). Not with --mu.")
  /// t, the hopping, eV.
  public static let hopping = Parameter.real(
    "hopping_eV", flag: "hopping", symbol: "t", unit: "eV", default: 1, help: "Hopping t, eV.")
  /// W, the width of a 2D patch (1 = chain).
  public static let width = Parameter.integer(
    "width", flag: "width", symbol: "W", default: 1, range: 1...SpinOrbitLattice.maximumSites,
    help: "Width W of a 2D Rashba patch (1 = chain; 2D hopping −t + iα σ_x along y).")
  /// θ_B, the polar angle of n̂ from z, degrees.
  static let zeemanPolar = Parameter.real(
    "zeeman_polar_deg", flag: "zeeman-polar", symbol: "θ_B", unit: "deg", default: 45,
    help: "Polar angle of the Zeeman direction n̂ from z, degrees.")
  /// φ_B, the azimuth of n̂ from x toward y, degrees.
  static let zeemanAzimuth = Parameter.real(
    "zeeman_azimuth_deg", flag: "zeeman-azimuth", symbol: "φ_B", unit: "deg", default: 90,
    help: "Azimuth of the Zeeman direction n̂ from x toward y, degrees.")

  /// Every parameter, in help order.
  public static let all: [Parameter] = [
    sites, rashba, zeeman, temperature, mu, particles, hopping, width, zeemanPolar, zeemanAzimuth,
  ]

  /// The lattice at one point (validated).
  public static func lattice(_ v: ParameterValues) throws -> SpinOrbitLattice {
    let n = v.integer(sites.id), w = v.integer(width.id)
    let lattice = SpinOrbitLattice(
      geometry: w == 1 ? .chain(sites: n) : .patch(length: n, width: w), hopping: v.number(hopping.id),
      rashba: v.number(rashba.id), zeeman: v.number(zeeman.id), zeemanPolar: v.number(zeemanPolar.id) * .pi / 180,
      zeemanAzimuth: v.number(zeemanAzimuth.id) * .pi / 180)
    try lattice.validate()
    return lattice
  }

  /// The occupation at one point: a fixed particle number, or μ (default 0); validated against
  /// the lattice's 2·N·W levels. Both given: an error naming `particles`.
  public static func occupation(_ v: ParameterValues, levelCount: Int) throws -> Occupation {
    let t = v.number(temperature.id)
    let o: Occupation
    if let n = v.optionalNumber(particles.id) {
      if let m = v[mu.id] {
        throw particles.invalid(
          .number(n), allowed: "a particle number or a chemical potential \(mu.id) (given: μ = \(m) eV), not both")
      }
      o = .fixedCount(particles: Int(n), temperature: t)
    } else {
      o = .grandCanonical(mu: v.optionalNumber(mu.id) ?? 0, temperature: t)
    }
    try o.validate(levelCount: levelCount)  // names mu_eV, temperature_K, particles
    return o
  }
}
