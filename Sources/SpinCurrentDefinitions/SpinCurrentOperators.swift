import Diagnostics
import LinearAlgebra
import Numerics
import TightBinding

/// The spin-current operators of Bray-Ali and Nussinov (docs/model-reference.md) on a finite open lattice, dense.
///
/// With ħ = 1, σ = σ_axis (default z), X the position operator and H Hermitian:
///
///     v = i[H, X]                 velocity (TightBinding bond-by-bond v_{iσ,jσ'} = −i H d_ij)
///     τ = i[H, σ]                 spin torque
///     j = ½{σ, v}                 bare spin current                     (Eq. 3)
///     J = i[H, σ X]               Shi et al. conserved current          (Eq. 2) = j + ½{τ, X}
///     𝒥 = j − ½{τ, X}             label current to leading order in SOC (Eq. 5)
///     L = σ X                     spin displacement (LSM twist generator, Eq. 7)
///
/// Units: H in eV, X in lattice constants a, so v, j, J, 𝒥 in eV·a (ħ = 1; σ dimensionless,
/// spin in units of ħ/2), τ in eV and ½{τ, X} in eV·a.
///
/// j comes from TightBinding's ``/TightBinding/TightBindingSystem/spinVelocityOperator(_:)`` (bond by bond)
/// and J from the commutator [H, σX] directly, so J = j + ½{τ, X} is a real identity check.
/// Preconditions: an open lattice (on a ring X is not single valued; use ``RashbaRingCurrents``).
public struct SpinCurrentOperators: Sendable {
  /// The lattice the operators act on.
  public let system: TightBindingSystem
  /// Spin axis α of σ_α (0, 1, 2 = x, y, z).
  public let axis: Int
  public let hamiltonian: ComplexMatrix
  /// σ_axis on every site.
  public let spin: ComplexMatrix
  public let position: ComplexMatrix
  public let velocity: ComplexMatrix
  public let torque: ComplexMatrix
  /// ½{τ, X}, the torque dipole.
  let torquePosition: ComplexMatrix
  public let bare: ComplexMatrix
  public let shi: ComplexMatrix
  public let label: ComplexMatrix
  /// L = σ X (diagonal in the site ⊗ spin basis; stored as its diagonal).
  let spinDisplacement: [Double]

  /// Builds every operator. - Throws: ``/Diagnostics/InvalidParameter`` (`"lattice"`) for a non-Hermitian H.
  public init(_ system: TightBindingSystem, axis: Int = 2) throws {
    precondition((0..<3).contains(axis), "spin axis must be 0, 1 or 2")
    self.system = system
    self.axis = axis
    let h = system.hamiltonian()
    let asymmetry = (h - h.adjoint).maxAbs
    guard asymmetry <= 1e-12 * max(1, h.maxAbs) else {
      throw InvalidParameter("lattice", "‖H − H†‖ = \(asymmetry)", allowed: "a Hermitian Hamiltonian")
    }
    hamiltonian = h
    spin = try system.spinOperator(axis).dense
    position = system.positionOperator()
    velocity = try system.denseVelocityOperator()
    let x = system.positions.flatMap { [$0, $0] }
    if axis == 2 {
      // σ_z and X are diagonal: form the commutators entrywise, [H, D]_ab = H_ab (d_b − d_a),
      // {A, D}_ab = A_ab (d_a + d_b) — the same algebra as the products, O(n²) instead of O(n³).
      let s = (0..<h.rows).map { $0 % 2 == 0 ? 1.0 : -1.0 }
      let sx = zip(s, x).map { $0 * $1 }
      torque = Self.scaled(h) { a, b in Complex(0, s[b] - s[a]) }
      torquePosition = Self.scaled(torque) { a, b in Complex(0.5 * (x[a] + x[b]), 0) }
      shi = Self.scaled(h) { a, b in Complex(0, sx[b] - sx[a]) }
      spinDisplacement = sx
    } else {
      let i = Complex<Double>(0, 1)
      let half = Complex<Double>(0.5, 0)
      let sx = spin * position
      torque = i * ComplexMatrix.commutator(h, spin)
      torquePosition = half * ComplexMatrix.anticommutator(torque, position)
      shi = i * ComplexMatrix.commutator(h, sx)
      spinDisplacement = (0..<sx.rows).map { sx[$0, $0].real }
    }
    bare = try system.spinVelocityOperator(axis).dense
    label = bare - torquePosition
  }

  /// M_ab = A_ab · factor(a, b) for the nonzero entries of A.
  static func scaled(_ a: ComplexMatrix, _ factor: (Int, Int) -> Complex<Double>) -> ComplexMatrix {
    var m = ComplexMatrix(rows: a.rows, columns: a.columns)
    for col in 0..<a.columns {
      for row in 0..<a.rows where a[row, col] != .zero { m[row, col] = a[row, col] * factor(row, col) }
    }
    return m
  }

  /// The five operators of the `definitions check` table, by name.
  public func named(_ d: Definition) -> ComplexMatrix {
    switch d {
    case .bare: return bare
    case .shi: return shi
    case .label: return label
    case .torquePosition: return torquePosition
    }
  }

  /// Operators whose expectations the check reports (the twist slope is computed separately).
  public enum Definition: String, CaseIterable, Sendable {
    case bare, shi, label
    case torquePosition = "torque_position"
  }
}
