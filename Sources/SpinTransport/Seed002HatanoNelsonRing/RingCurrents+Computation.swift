import Studies
import TightBinding

/// `ring currents` / study model `ring-currents`: persistent charge and spin currents of the
/// ferromagnetic Hatano–Nelson ring (biorthogonal operator method or twist derivatives, MODELS.md §A).
public struct RingCurrentsComputation: Computation {
  public init() {}
  public var name: String { "ring-currents" }
  public var command: [String] { ["ring", "currents"] }
  public var summary: String {
    "seed 002: persistent charge (A) and spin (eV) currents of the ferromagnetic Hatano–Nelson ring"
  }
  typealias P = RingParameters
  public var parameters: [Parameter] { [P.cells] + P.hamiltonian + [P.mu, P.temperature, P.method, P.path] }
  public var outputs: [Column] {
    [
      Column("re_charge_A", unit: "A", "Re I, persistent charge current"),
      Column("im_charge_A", unit: "A", "Im I (non-Hermitian ring)"),
      Column("re_spin_x_eV", unit: "eV", "Re I_s^x, spin current (x)"),
      Column("im_spin_x_eV", unit: "eV", "Im I_s^x"),
      Column("re_spin_y_eV", unit: "eV", "Re I_s^y"),
      Column("im_spin_y_eV", unit: "eV", "Im I_s^y"),
      Column("re_spin_z_eV", unit: "eV", "Re I_s^z"),
      Column("im_spin_z_eV", unit: "eV", "Im I_s^z"),
    ]
  }

  public func check(_ v: ParameterValues) throws {
    _ = try P.ring(v)
    if v.text(P.method.id) == CurrentMethod.derivative.rawValue, v.number(P.temperature.id) > 0 {
      throw P.temperature.invalid(v[P.temperature.id]!, allowed: "0 with method = derivative")
    }
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let ring = try P.ring(v)
    let r = try PersistentCurrents.compute(
      ring, mu: v.number(P.mu.id), temperature: v.number(P.temperature.id),
      method: CurrentMethod(rawValue: v.text(P.method.id))!, path: RingSpectrum.Path(rawValue: v.text(P.path.id))!)
    let c = r.currents
    return StudyEvaluation(
      row: [c.charge.real, c.charge.imaginary] + c.spin.flatMap { [$0.real, $0.imaginary] }, warnings: r.warnings)
  }
}

extension RingCurrentsComputation {
  public var example: [String] { ["--cells", "10", "--exchange", "0.3", "--theta", "30", "--vary", "flux-phase=0:0.3:4"] }
}
