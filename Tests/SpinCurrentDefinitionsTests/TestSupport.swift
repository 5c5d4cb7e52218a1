@testable import LinearAlgebra
import Numerics
@testable import SpinCurrentDefinitions
@testable import TightBinding

/// Shared fixtures: a generic Rashba chain and patch (all symmetries that force σ_z currents to
/// vanish broken by the default Zeeman direction (0, 1, 1)/√2, see SpinOrbitLattice).
enum Fixture {
  static let chain = SpinOrbitLattice(geometry: .chain(sites: 16), rashba: 0.3, zeeman: 0.4)
  static let patch = SpinOrbitLattice(geometry: .patch(length: 6, width: 3), rashba: 0.3, zeeman: 0.4)

  /// Operators, spectrum and weights for `lattice` at (μ, T).
  static func setup(
    _ lattice: SpinOrbitLattice, _ occupation: Occupation = .grandCanonical(mu: -0.5, temperature: 0)
  ) throws -> (ops: SpinCurrentOperators, spectrum: SpinCurrentExpectations, weights: [Double]) {
    let ops = try SpinCurrentOperators(try lattice.system())
    let spectrum = try SpinCurrentExpectations(hamiltonian: ops.hamiltonian)
    return (ops, spectrum, try occupation.weights(spectrum.energies).weights)
  }
}

/// Largest |entry| of A − B.
func maxDifference(_ a: ComplexMatrix, _ b: ComplexMatrix) -> Double { (a - b).maxAbs }
