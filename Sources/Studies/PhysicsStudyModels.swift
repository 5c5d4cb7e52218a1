import Diagnostics
import Foundation
import LongitudinalRelaxation
import TightBinding

/// Seed 002 as a study model: persistent charge and spin currents of the ferromagnetic
/// Hatano–Nelson ring (biorthogonal operator method, MODELS.md §A).
///
/// Parameters use the CLI's units: energies in eV, the flux phase φ in rad, θ and ϕ in degrees,
/// temperature in K. Outputs: charge current in A, spin currents in eV (real and imaginary parts).
public struct RingCurrentsStudyModel: StudyModel {
  public init() {}

  public var name: String { "ring-currents" }
  public var summary: String {
    "seed 002: persistent charge (A) and spin (eV) currents of the ferromagnetic Hatano–Nelson ring"
  }

  public var parameters: [StudyParameter] {
    [
      StudyParameter("cells", default: 20, range: 2...1500, integer: true),
      StudyParameter("t1_eV", default: 0, range: -100...100, unit: "eV"),
      StudyParameter("gamma_eV", default: 0.5, range: -100...100, unit: "eV"),
      StudyParameter("t2_eV", default: 1, range: -100...100, unit: "eV"),
      StudyParameter("flux_phase_rad", default: 0.1, range: -100...100, unit: "rad"),
      StudyParameter("exchange_eV", default: 0.3, range: -100...100, unit: "eV"),
      StudyParameter("theta_deg", default: 0, range: 0...180, unit: "deg"),
      StudyParameter("azimuth_deg", default: 0, range: -360...360, unit: "deg"),
      StudyParameter("onsite_eV", default: 0, range: -100...100, unit: "eV"),
      StudyParameter("aah_eV", default: 0, range: 0...100, unit: "eV"),
      StudyParameter("mu_eV", default: 0, range: -1000...1000, unit: "eV"),
      StudyParameter("temperature_K", default: 0, range: 0...1e5, unit: "K"),
    ]
  }

  public var outputs: [String] {
    [
      "re_charge_A", "im_charge_A", "re_spin_x_eV", "im_spin_x_eV", "re_spin_y_eV", "im_spin_y_eV", "re_spin_z_eV",
      "im_spin_z_eV",
    ]
  }

  public func evaluate(_ p: [String: Double]) throws -> StudyEvaluation {
    let degree = Double.pi / 180
    let ring = HatanoNelsonRing(
      cells: Int(p["cells"]!), t1: p["t1_eV"]!, gamma: p["gamma_eV"]!, t2: p["t2_eV"]!,
      fluxPhase: p["flux_phase_rad"]!, exchange: p["exchange_eV"]!, theta: p["theta_deg"]! * degree,
      azimuth: p["azimuth_deg"]! * degree, onsite: p["onsite_eV"]!, aah: p["aah_eV"]!)
    let r = try PersistentCurrents.compute(ring, mu: p["mu_eV"]!, temperature: p["temperature_K"]!)
    let c = r.currents
    return StudyEvaluation(
      row: [c.charge.real, c.charge.imaginary] + c.spin.flatMap { [$0.real, $0.imaginary] }, warnings: r.warnings)
  }
}

/// Seed 004 as a study model: decay rates γ± of the two-variable (M, m) model in units of r,
/// from the eigenvalues of Γ (Eq. 33), at k²/k_M² (MODELS.md §E).
public struct RelaxationRatesStudyModel: StudyModel {
  public init() {}

  public var name: String { "relaxation-rates" }
  public var summary: String { "seed 004: longitudinal decay rates γ±/r of M and m versus k²/k_M²" }

  public var parameters: [StudyParameter] {
    [
      StudyParameter("xi", default: 0.3, range: 0...1),
      StudyParameter("k2_ratio", default: 1, range: 0...1e6),
      StudyParameter("wm", default: 0, range: 0...1e6, unit: "r"),
      StudyParameter("wM", default: 0, range: 0...1e6, unit: "r"),
    ]
  }

  public var outputs: [String] { ["gamma_plus", "gamma_minus", "mode_ratio_plus", "mode_ratio_minus"] }

  public func evaluate(_ p: [String: Double]) throws -> StudyEvaluation {
    let model = try RelaxationModel(xi: p["xi"]!, wm: p["wm"]!, wM: p["wM"]!)
    let rates = try model.reducedRates(k2Ratio: p["k2_ratio"]!)
    return StudyEvaluation(row: [rates.gammaPlus, rates.gammaMinus, rates.ratioPlus, rates.ratioMinus])
  }
}
