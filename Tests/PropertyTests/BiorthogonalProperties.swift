@testable import LinearAlgebra
import Numerics
import PropertyBased
import Testing

/// L†R = 𝟙, P² = P and [A, P] = 0 for random non-normal complex matrices, and the
/// matrix-sign projector equal to the biorthogonal one.
///
/// Inputs: n ∈ 1…12, entries uniform in [−1, 1], the strict upper triangle scaled by a skew
/// s ∈ [0, 100] (strongly non-normal: condition numbers up to ~170 seen in 2000 cases). A defective matrix has no
/// biorthonormal basis; for it the documented contract is the `exceptionalPoint` error, which
/// the properties accept (random doubles essentially never produce one, shrinking may).
///
/// Tolerances scale with the conditioning, as backward-stable eigensolvers promise: `zgeev`'s
/// vectors carry errors ~κ·ε·‖A‖ relative, and the biorthonormalisation divides by l̂†r̂ ~ 1/κ,
/// so ‖L†R − 𝟙‖ ≲ c·n·κ²·ε. With c = 100 (ε = 2.2e−16) the bound is 2.2e−14·n·κ²; the largest
/// ratios error/(n·κ^p·ε·scale) seen over 2000 cases were 0.9 (L†R), 1.8 (AR − RΛ), 1.0 (AP − PA),
/// 0.3 (P² − P), so c = 100 leaves a margin of ≥ 50, while a real defect (a missing
/// normalisation, a wrong conjugate, a non-spectral projector) gives errors of O(1).
@Suite("Biorthogonal eigensystem properties")
struct BiorthogonalProperties {
  static let maximumSize = 12
  static let entries = Gen.double(in: -1...1).array(of: 2 * maximumSize * maximumSize)
  static let epsilon = Double.ulpOfOne

  /// ‖L†R − 𝟙‖_max ≤ 100·n·κ²·ε and ‖A R − R Λ‖_max ≤ 100·n·κ·ε·‖A‖·‖R‖ for every n, entries, skew.
  @Test func leftAdjointTimesRightIsIdentity() async throws {
    await propertyCheck(
      count: 150, input: Gen.int(in: 1...Self.maximumSize), Self.entries, Gen.double(in: 0...100)
    ) { n, entries, skew in
      let a = Property.matrix(n, entries: entries, skew: skew)
      guard let eig = try Self.eigensystem(a) else { return }
      let kappa = eig.maxConditionNumber
      let identityError = Property.maxDifference(
        try ComplexMatrix.product(eig.left, .adjoint, eig.right), .identity(n))
      #expect(identityError <= 100 * Double(n) * kappa * kappa * Self.epsilon, "κ = \(kappa)")
      let residual = Property.maxDifference(a * eig.right, eig.right * .diagonal(eig.values))
      let scale = Swift.max(1, a.maxAbs) * Swift.max(1, eig.right.maxAbs)
      #expect(residual <= 100 * Double(n) * kappa * Self.epsilon * scale, "κ = \(kappa)")
    }
  }

  /// For the spectral projector onto the eigenvalues with Re λ ≤ threshold (whole clusters):
  /// P² = P, AP = PA and Tr P = number selected, each to 100·n·κ²·ε relative to ‖P‖²·max(1, ‖A‖).
  @Test func spectralProjectorIsIdempotentAndCommutes() async throws {
    await Self.forRandomSplits { n, a, eig, threshold in
      let selection = Property.selection(eig, realPartAtMost: threshold)
      guard !selection.isEmpty else { return }
      let p = try eig.projector(selecting: selection)
      let kappa = eig.maxConditionNumber
      let scale = Swift.max(1, p.maxAbs * p.maxAbs) * Swift.max(1, a.maxAbs)
      let tolerance = 100 * Double(n) * kappa * kappa * Self.epsilon * scale
      #expect(Property.maxDifference(p * p, p) <= tolerance, "κ = \(kappa), ‖P‖ = \(p.maxAbs)")
      #expect(Property.maxDifference(a * p, p * a) <= tolerance, "κ = \(kappa), ‖P‖ = \(p.maxAbs)")
      #expect((p.trace - Complex(Double(selection.count), 0)).length <= tolerance, "κ = \(kappa)")
    }
  }

  /// The matrix-sign projector ½(𝟙 − sign(A − t𝟙)) equals the biorthogonal projector onto
  /// Re λ < t, to 100·n·κ²·ε·‖P‖²·max(1, ‖A‖)/min(1, δ), δ the distance of the nearest eigenvalue
  /// from the line (the Newton iteration's error grows as the split closes). An eigenvalue within
  /// 1e−6 of the line may make it throw its documented `failed` error; farther away it must not.
  @Test func matrixSignProjectorEqualsBiorthogonalProjector() async throws {
    await Self.forRandomSplits { n, a, eig, threshold in
      let distance = eig.values.map { abs($0.real - threshold) }.min()!
      let selection = eig.values.indices.filter { eig.values[$0].real < threshold }
      let sign: MatrixSignProjection
      do { sign = try MatrixSignProjection(a, splitAt: threshold) } catch LinearAlgebraError.failed {
        #expect(distance < 1e-6, "sign iteration failed with the nearest eigenvalue \(distance) from the line")
        return
      }
      let p = selection.isEmpty ? ComplexMatrix(rows: n, columns: n) : try eig.projector(selecting: selection)
      let kappa = eig.maxConditionNumber
      let scale = Swift.max(1, p.maxAbs * p.maxAbs) * Swift.max(1, a.maxAbs) / Swift.min(1, distance)
      let tolerance = 100 * Double(n) * kappa * kappa * Self.epsilon * scale
      #expect(Property.maxDifference(sign.projector, p) <= tolerance, "κ = \(kappa), δ = \(distance)")
    }
  }

  /// Runs `body` on 150 random cases (n, A, A's eigensystem, a split t ∈ [−1, 1]); defective
  /// matrices are skipped (their documented contract is the `exceptionalPoint` error).
  static func forRandomSplits(
    _ body: (Int, ComplexMatrix, BiorthogonalEigensystem, Double) throws -> Void
  ) async {
    await propertyCheck(
      count: 150, input: Gen.int(in: 1...maximumSize), entries, Gen.double(in: 0...100), Gen.double(in: -1...1)
    ) { n, entries, skew, threshold in
      let a = Property.matrix(n, entries: entries, skew: skew)
      guard let eig = try eigensystem(a) else { return }
      try body(n, a, eig, threshold)
    }
  }

  /// The eigensystem, or nil for a defective matrix (the documented `exceptionalPoint` error).
  static func eigensystem(_ a: ComplexMatrix) throws -> BiorthogonalEigensystem? {
    do { return try BiorthogonalEigensystem(a) } catch LinearAlgebraError.exceptionalPoint { return nil }
  }
}
