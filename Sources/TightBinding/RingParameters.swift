import Diagnostics

/// The parameters of the ferromagnetic Hatano–Nelson ring (Karmakar, Ganguly and Maiti), declared once.
///
/// Energies in eV, the flux phase φ per cell in rad, the moment angles θ, ϕ in degrees (the
/// preset ``HatanoNelsonRing`` takes radians; ``ring(_:cells:)`` converts), temperature in K.
/// Energies are any finite numbers: extreme values are numerical trouble (warned with the
/// condition number), not input errors. The ring size is bounded by memory (checked per path).
/// Defaults put the ring where every current shows: a flux φ = 0.1 (all currents vanish at
/// φ = 0), moments tilted (θ = 45°, ϕ = 30°) with exchange h = 0.3 eV (spin currents vanish at
/// h = 0), μ = −0.63 eV inside the lower bands (μ = 0 lies in the gap).
public enum RingParameters {
  public static let cells = Parameter.integer(
    "cells", flag: "cells", symbol: "N", default: 20, range: 2...Int.max,
    help: "Number of unit cells N; the ring has 2N sites, dimension 4N (largest N set by memory).")
  public static let gamma = Parameter.real(
    "gamma_eV", flag: "gamma", symbol: "γ", unit: "eV", default: 0.5,
    help: "Non-reciprocal intradimer hopping γ (eV).")
  public static let t1 = Parameter.real(
    "t1_eV", flag: "t1", symbol: "t₁", unit: "eV", default: 0,
    help: "Reciprocal intradimer hopping t₁ (eV); the paper's case is 0.")
  public static let t2 = Parameter.real(
    "t2_eV", flag: "t2", symbol: "t₂", unit: "eV", default: 1, help: "Interdimer hopping t₂ (eV).")
  public static let fluxPhase = Parameter.real(
    "flux_phase_rad", flag: "flux-phase", symbol: "φ", unit: "rad", default: 0.1,
    help: "Flux phase φ per cell (rad); total phase Nφ.")
  public static let exchange = Parameter.real(
    "exchange_eV", flag: "exchange", symbol: "h", unit: "eV", default: 0.3,
    help: "Exchange (SDS) parameter h (eV); spin splitting 2h.")
  public static let theta = Parameter.real(
    "theta_deg", flag: "theta", symbol: "θ", unit: "deg", default: 45, help: "Polar angle θ of the moments (degrees).")
  public static let azimuth = Parameter.real(
    "azimuth_deg", flag: "azimuth", symbol: "ϕ", unit: "deg", default: 30, help: "Azimuth ϕ of the moments (degrees).")
  public static let onsite = Parameter.real(
    "onsite_eV", flag: "onsite", symbol: "ε", unit: "eV", default: 0, help: "Uniform on-site energy ε (eV).")
  public static let aah = Parameter.real(
    "aah_eV", flag: "aah", symbol: "W", unit: "eV", default: 0,
    help: "Aubry–André–Harper disorder strength W (eV); 0 = clean ring.")
  public static let anderson = Parameter.real(
    "anderson_eV", flag: "anderson", symbol: "W_A", unit: "eV", default: 0, range: 0...1e6,
    help: "Anderson disorder W (eV): on-site energies uniform in [−W/2, W/2], spin-independent; 0 = none.")
  public static let seed = Parameter.integer(
    "seed", flag: "seed", symbol: "", default: 0, range: 0...Int.max,
    help: "Seed of the Anderson disorder ensemble.")
  public static let realisation = Parameter.integer(
    "realisation", flag: "realisation", symbol: "", default: 0, range: 0...Int.max,
    help: "Disorder realisation index: the energies depend only on (seed, realisation), not on rank or shard.")
  public static let mu = Parameter.real(
    "mu_eV", flag: "mu", symbol: "μ", unit: "eV", default: -0.63,
    help: "Chemical potential μ (eV); states with Re E ≤ μ are occupied at T = 0.")
  public static let temperature = Parameter.real(
    "temperature_K", flag: "temperature", symbol: "T", unit: "K", default: 0, range: 0...1e5,
    help: "Temperature (K); T > 0 weights states by the Fermi function of Re E (operator method only).")
  public static let method = Parameter.choice(
    "method", flag: "method", choices: CurrentMethod.allCases.map(\.rawValue), default: CurrentMethod.operator.rawValue,
    help: "operator (biorthogonal current operators, occupied projector) or derivative (twist derivatives).")
  public static let path = Parameter.choice(
    "path", flag: "path", choices: ["automatic", "dense", "bloch", "spin-resolved"], default: "automatic",
    help: "Diagonalisation: automatic (Bloch when clean, else spin-resolved), dense, bloch, or spin-resolved.")
  public static let denseProjector = Parameter.choice(
    "dense_projector", flag: "dense-projector", choices: PersistentCurrents.DenseProjector.allCases.map(\.rawValue),
    default: PersistentCurrents.DenseProjector.matrixSign.rawValue,
    help:
      "Dense path at T = 0: matrix-sign (occupied projector from the matrix sign function, no eigenvectors; "
      + "warns only where the totals are in trouble) or eigenvectors (zgeev; also warns at exceptional points "
      + "among the occupied states; 2–3.5× slower).")
  /// `ring states`: per-state values exist on the Bloch path and on the full dense path only.
  public static let statesPath = Parameter.choice(
    "path", flag: "path", choices: ["automatic", "dense", "bloch"], default: "automatic",
    help: "Diagonalisation: automatic (Bloch when clean, else dense), dense, or bloch.")
  public static let kPoints = Parameter.integer(
    "k_points", flag: "k-points", symbol: "", default: 201, range: 2...Int.max,
    help: "Number of k points from −π to π (largest set by memory).")

  /// The Hamiltonian parameters (everything but N): every ring command takes these.
  public static let hamiltonian: [Parameter] = [
    gamma, t1, t2, fluxPhase, exchange, theta, azimuth, onsite, aah, anderson, seed, realisation,
  ]

  /// The ring at one point (angles converted from degrees as `x · π / 180`, one rounding), validated.
  /// - Throws: ``/Diagnostics/InvalidParameter`` naming the parameter's id (`cells`, `gamma_eV`, …).
  public static func ring(_ v: ParameterValues, cells n: Int? = nil) throws -> HatanoNelsonRing {
    let r = assembledRing(v, cells: n)
    try r.validate()
    return r
  }

  /// The ring at one point, not validated: for values a catalogue entry's `check` has already
  /// validated (precondition), so evaluation does not validate a second time.
  public static func assembledRing(_ v: ParameterValues, cells n: Int? = nil) -> HatanoNelsonRing {
    var r = HatanoNelsonRing(
      cells: n ?? v.integer(cells.id), t1: v.number(t1.id), gamma: v.number(gamma.id), t2: v.number(t2.id),
      fluxPhase: v.number(fluxPhase.id), exchange: v.number(exchange.id), theta: v.number(theta.id) * .pi / 180,
      azimuth: v.number(azimuth.id) * .pi / 180, onsite: v.number(onsite.id), aah: v[aah.id]?.number ?? 0)
    r.anderson = AndersonDisorder(
      strength: v[anderson.id]?.number ?? 0, seed: UInt64(v[seed.id]?.integer ?? 0),
      realisation: v[realisation.id]?.integer ?? 0)
    return r
  }
}
