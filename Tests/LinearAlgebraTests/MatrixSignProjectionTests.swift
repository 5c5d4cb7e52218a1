import Numerics
import XCTest

@testable import LinearAlgebra

/// The matrix-sign projector against the Schur and biorthogonal ones, its identities, and its
/// failure modes (an eigenvalue on the line, a Jordan block split by it).
final class MatrixSignProjectionTests: XCTestCase {
  var seed: UInt64 = 11
  func next() -> Double {
    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(seed >> 11) / Double(1 << 53) - 0.5
  }

  /// Random non-normal 40×40 matrices split at the median real part: Tr(P O) for a sparse O
  /// equals the Schur projector's and the biorthogonal sum to 1e−10 (all three O(κ ε), κ ≲ 1e3
  /// here; observed ≲ 1e−13), Tr P = k exactly to 1e−10, ‖P‖₂ within 1 % of the Schur bound's
  /// range [‖P‖₂, √(1 + ‖Y‖_F²)], and the relative commutator ‖AP − PA‖₁/(‖A‖₁‖P‖₁) at
  /// rounding level (< 1e−12).
  func testAgreesWithSchurAndBiorthogonalTraces() throws {
    let n = 40
    for _ in 0..<3 {
      let a = ComplexMatrix(rows: n, columns: n) { _, _ in Complex(next(), next()) }
      var triplets: [(row: Int, column: Int, value: Complex<Double>)] = []
      for i in 0..<n { triplets += [(i, (i + 1) % n, Complex(next(), next())), (i, i, Complex(next(), 0))] }
      let o = try SparseMatrix(rows: n, columns: n, triplets: triplets)
      let eig = try BiorthogonalEigensystem(a)
      let sorted = eig.values.map(\.real).sorted()
      let mu = (sorted[n / 2 - 1] + sorted[n / 2]) / 2
      let selection = eig.values.indices.filter { eig.values[$0].real < mu }
      let biorthogonal = try eig.stateSums(of: [o], selecting: selection)[0]
      let schur = try SchurSpectralProjection(a) { values in values.map { $0.real < mu } }
      let sign = try MatrixSignProjection(a, splitAt: mu)
      let traced = sign.traces(of: [o])[0]
      XCTAssertLessThan((traced - biorthogonal).length, 1e-10)
      XCTAssertLessThan((traced - (try schur.traces(of: [o])[0])).length, 1e-10)
      XCTAssertEqual(sign.trace.real, Double(selection.count), accuracy: 1e-10)
      XCTAssertEqual(sign.trace.imaginary, 0, accuracy: 1e-10)
      XCTAssertGreaterThanOrEqual(sign.projectorNorm, 1)
      XCTAssertLessThanOrEqual(sign.projectorNorm, schur.projectorNorm * 1.01)
      XCTAssertLessThan(sign.steps, MatrixSignProjection.maximumSteps)
      XCTAssertLessThan(sign.commutatorResidual, 1e-12)
      // The check can fail: a matrix that is not a function of A has an O(1) residual.
      let unrelated = ComplexMatrix(rows: n, columns: n) { _, _ in Complex(next(), next()) }
      XCTAssertGreaterThan(MatrixSignProjection.commutatorResidual(a, unrelated), 0.01)
    }
  }

  /// P is a projector commuting with A: ‖P² − P‖ and ‖PA − AP‖ below 1e−11 (relative to ‖A‖,
  /// ‖P‖ of order 1–10 here; rounding of ~10 LU inversions with growth ≲ 1e2).
  func testIdempotentAndCommutesWithA() throws {
    let n = 30
    let a = ComplexMatrix(rows: n, columns: n) { _, _ in Complex(next(), next()) }
    let p = try MatrixSignProjection(a, splitAt: 0.1).projector
    let square = p * p, pa = p * a, ap = a * p
    var idempotency = 0.0, commutator = 0.0
    for k in 0..<(n * n) {
      idempotency = max(idempotency, (square.elements[k] - p.elements[k]).length)
      commutator = max(commutator, (pa.elements[k] - ap.elements[k]).length)
    }
    XCTAssertLessThan(idempotency, 1e-11)
    XCTAssertLessThan(commutator, 1e-11)
  }

  /// A Jordan block J₂(1) ⊕ (3) split at 2: the projector onto the defective eigenvalue exists
  /// (no eigenvectors needed): Tr P = 2, Tr(PA) = 2 to 1e−12, the same as the Schur projector.
  func testJordanBlockAwayFromTheLine() throws {
    let a = ComplexMatrix(rowsOf: [
      [.one, .one, Complex(0.5, 0)], [.zero, .one, .one], [.zero, .zero, Complex(3, 0)],
    ])
    let sign = try MatrixSignProjection(a, splitAt: 2)
    let ops = [try SparseMatrix(rows: 3, columns: 3, triplets: (0..<3).map { ($0, $0, Complex<Double>.one) })]
    XCTAssertEqual(sign.traces(of: ops)[0].real, 2, accuracy: 1e-12)
    var pa = Complex<Double>.zero
    for i in 0..<3 { for j in 0..<3 { pa += sign.projector[i, j] * a[j, i] } }
    XCTAssertEqual(pa.real, 2, accuracy: 1e-12)
  }

  /// An eigenvalue exactly on the line: the first LU meets a zero pivot, a typed
  /// `singularIterate` naming the step, the pivot and the line; purely imaginary shifted
  /// eigenvalues cannot converge either (X stays singular or never settles): a typed failure,
  /// never a silent projector.
  func testEigenvalueOnTheLineIsAnError() {
    let diagonal = ComplexMatrix.diagonal([Complex(-1, 0), Complex(0.5, 0), Complex(2, 0)])
    XCTAssertThrowsError(try MatrixSignProjection(diagonal, splitAt: 0.5)) { error in
      XCTAssertEqual(error as? MatrixSignProjection.Failure, .singularIterate(step: 1, pivot: 2, mu: 0.5))
      XCTAssertTrue("\(error)".contains("Re z = 0.5"), "\(error)")
    }
    let rotation = ComplexMatrix(rowsOf: [[.zero, Complex(-1, 0)], [.one, .zero]])
    XCTAssertThrowsError(try MatrixSignProjection(rotation, splitAt: 0)) { error in
      XCTAssertTrue(error is MatrixSignProjection.Failure, "\(error)")
    }
  }

  /// A normal matrix (Hermitian): ‖P‖₂ = 1 (power iteration within 1 %), P = P†.
  func testHermitianProjectorIsOrthogonal() throws {
    let n = 20
    let b = ComplexMatrix(rows: n, columns: n) { _, _ in Complex(next(), next()) }
    let h = ComplexMatrix(rows: n, columns: n) { i, j in b[i, j] + b[j, i].conjugate }
    let sign = try MatrixSignProjection(h, splitAt: 0.05)
    XCTAssertEqual(sign.projectorNorm, 1, accuracy: 0.01)
    for i in 0..<n {
      for j in 0..<n { XCTAssertLessThan((sign.projector[i, j] - sign.projector[j, i].conjugate).length, 1e-12) }
    }
  }
}
