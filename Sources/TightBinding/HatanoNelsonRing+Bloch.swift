import LinearAlgebra
import Numerics

/// Bloch (momentum-space) form of the clean ring: N blocks of 4×4 instead of one 4N×4N matrix,
/// derived from the builder's bond list by ``BlochForm`` (never written by hand).
///
/// Convention c_{nj} = N^{−1/2} Σ_k e^{ikn} c_{kj}, k = 2πm/N (m = 0…N−1), block basis
/// (A↑, A↓, B↑, B↓) (same site ⊗ spin ordering as the real-space system). Wrapping
/// ``HatanoNelsonRing/bonds`` around gives
///
///     H(k) = [[ε, t_L + t₂e^{−ik}], [t_R + t₂e^{ik}, ε]] ⊗ 𝟙 − h 𝟙 ⊗ m̂·σ
///     v(k) = [[0, i t_L − i t₂e^{−ik}], [−i t_R + i t₂e^{ik}, 0]] ⊗ 𝟙
///
/// (the tests check these closed forms and the dense path against it). Requires a clean ring (W = 0).
extension HatanoNelsonRing {
  /// The allowed momenta k = 2πm/N, m = 0…N−1.
  public var momenta: [Double] { (0..<cells).map { 2 * Double.pi * Double($0) / Double(cells) } }

  /// The Bloch form of the clean part of this ring (W ignored), wrapped around from the bonds
  /// of a three-cell copy built by ``system()`` (the form does not depend on N; three cells
  /// make every bond's cell step unambiguous). O(1) time and memory.
  /// - Throws: ``/Diagnostics/InvalidParameter`` for non-finite parameters.
  public func blochForm() throws -> BlochForm {
    var template = self
    template.cells = 3
    try template.validate()
    return try checkedBlochForm()
  }

  /// ``blochForm()`` of a ring already validated (precondition).
  func checkedBlochForm() throws -> BlochForm {
    var template = self
    template.cells = 3
    template.aah = 0
    var form = try BlochForm(try template.assembledSystem(), cells: 3)
    form.cells = cells
    return form
  }

  /// The 4×4 Bloch Hamiltonian H(k) (eV); NaN entries for non-finite parameters.
  public func blochHamiltonian(_ k: Double) -> ComplexMatrix {
    guard let form = try? blochForm() else { return ComplexMatrix(rows: 4, columns: 4, repeating: Complex(.nan, .nan)) }
    return form.hamiltonian(k)
  }

  /// The 4×4 Bloch blocks of (v, {σ_x,v}/2, {σ_y,v}/2, {σ_z,v}/2) at momentum k (eV·a/ħ).
  public func blochCurrentOperators(_ k: Double) -> [ComplexMatrix] {
    guard let form = try? blochForm() else {
      return Array(repeating: ComplexMatrix(rows: 4, columns: 4, repeating: Complex(.nan, .nan)), count: 4)
    }
    return form.currentOperators(k)
  }

  /// Band labels in the order of ``closedFormEnergies(_:)``.
  public static let bandLabels = ["up+", "up-", "down+", "down-"]

  /// The closed-form dispersion of docs/model-reference.md at momentum k (uniform ε and m̂):
  ///
  ///     E_{s,±}(k) = ε − s h ± √[(t_L + t₂e^{ik})(t_R + t₂e^{−ik})]
  ///
  /// in the order (up+, up−, down+, down−), s = +1 ("up") is spin along m̂; √ is the
  /// principal root (so Im E of a "+" branch jumps where the radicand crosses the negative axis).
  public func closedFormEnergies(_ k: Double) -> [Complex<Double>] {
    let eik = Complex(Double.cos(k), Double.sin(k))
    let radicand = (hoppingLeft + Complex(t2, 0) * eik) * (hoppingRight + Complex(t2, 0) * eik.conjugate)
    let root = Complex.sqrt(radicand)
    var out: [Complex<Double>] = []
    for s in [1.0, -1.0] {
      let base = Complex(onsite - s * exchange, 0)
      out.append(base + root)
      out.append(base - root)
    }
    return out
  }
}
