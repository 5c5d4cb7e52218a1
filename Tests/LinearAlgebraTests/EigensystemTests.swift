@testable import LinearAlgebra
import Numerics
import XCTest

/// Eigensolvers: residuals, biorthonormality, agreement of Hermitian and general paths.
final class EigensystemTests: XCTestCase {
  /// Random 200×200 complex matrix. Backward-stable zgeev gives residuals ~ n·ε·‖A‖ with unit
  /// vectors (≈ 200 · 1.1e−16 ≈ 2e−14 per column, Frobenius over 200 columns ≈ 3e−13 relative to
  /// ‖A‖_F ≈ 160 → ≈ 2e−15): 1e−12 leaves two orders of margin yet catches any layout or
  /// conjugation error (those give O(1)).
  func testGeneralEigensystemResidualsOnRandom200() throws {
    var g = SeededGenerator(seed: 1)
    let a = ComplexMatrix.random(200, 200, using: &g)
    let e = try GeneralEigensystem(a)
    let lambda = ComplexMatrix.diagonal(e.values)
    let rightResidual = (a * e.right - e.right * lambda).frobeniusNorm / a.frobeniusNorm
    let leftResidual = (e.left.adjoint * a - lambda * e.left.adjoint).frobeniusNorm / a.frobeniusNorm
    XCTAssertLessThan(rightResidual, 1e-12)
    XCTAssertLessThan(leftResidual, 1e-12)
  }

  /// L†R = 𝟙 after biorthonormalisation; 1e−10 allows κ ~ 1e3 amplification of 1e−13 errors.
  func testBiorthonormalityOnRandom200() throws {
    var g = SeededGenerator(seed: 2)
    let a = ComplexMatrix.random(200, 200, using: &g)
    let b = try BiorthogonalEigensystem(a)
    XCTAssertLessThan(try b.biorthogonalityError(), 1e-10)
    XCTAssertEqual(b.clusters.count, 200, "random matrix has simple eigenvalues")
    XCTAssertTrue(b.conditionNumbers.allSatisfy { $0 >= 1 - 1e-12 && $0.isFinite })
    // Still eigenvectors after rescaling: A R = R Λ relative to ‖A‖‖R‖.
    let res = (a * b.right - b.right * .diagonal(b.values)).frobeniusNorm / (a.frobeniusNorm * b.right.frobeniusNorm)
    XCTAssertLessThan(res, 1e-13)
  }

  /// A = S·diag(C, C)·S⁻¹ has every eigenvalue exactly twice, with a non-normal eigenbasis.
  private func doublyDegenerate(seed: UInt64) throws -> ComplexMatrix {
    var g = SeededGenerator(seed: seed)
    let c = ComplexMatrix.random(3, 3, using: &g)
    var blocks = ComplexMatrix(rows: 6, columns: 6)
    for i in 0..<3 { for j in 0..<3 { blocks[i, j] = c[i, j]; blocks[i + 3, j + 3] = c[i, j] } }
    let s = ComplexMatrix.random(6, 6, using: &g) + ComplexMatrix.identity(6)
    return s * blocks * (try s.inverse())
  }

  func testDegenerateBlocksAreBiorthonormalisedAsBlocks() throws {
    let a = try doublyDegenerate(seed: 3)
    let b = try BiorthogonalEigensystem(a)
    XCTAssertEqual(b.clusters.map(\.count).sorted(), [2, 2, 2])
    XCTAssertLessThan(try b.biorthogonalityError(), 1e-10)
  }

  /// Tr(P·O) over whole degenerate clusters is basis independent: mixing the right vectors of
  /// each cluster by one random invertible matrix and the left vectors by another must not
  /// change it (1e−10 relative: κ(S) of the 6×6 similarity is ~10, errors ~1e−14·κ²).
  func testProjectorTraceInvariantUnderMixingInsideDegenerateBlocks() throws {
    let a = try doublyDegenerate(seed: 4)
    let g0 = try GeneralEigensystem(a)
    var g = SeededGenerator(seed: 5)
    let op = ComplexMatrix.random(6, 6, using: &g)
    let reference = try BiorthogonalEigensystem(values: g0.values, right: g0.right, left: g0.left)
    // Select two of the three clusters (lowest real parts).
    let clusters = reference.clusters.sorted { g0.values[$0[0]].real < g0.values[$1[0]].real }
    let selection = Array(clusters.prefix(2).joined())
    let traceBefore = try reference.trace(of: op, selecting: selection)

    var r = g0.right, l = g0.left
    for cluster in reference.clusters {
      let mixR = ComplexMatrix.random(2, 2, using: &g) + ComplexMatrix.identity(2)
      let mixL = ComplexMatrix.random(2, 2, using: &g) + ComplexMatrix.identity(2)
      let newR = r.columns(cluster) * mixR, newL = l.columns(cluster) * mixL
      for (k, j) in cluster.enumerated() { r.setColumn(j, newR.column(k)); l.setColumn(j, newL.column(k)) }
    }
    let mixed = try BiorthogonalEigensystem(values: g0.values, right: r, left: l)
    let traceAfter = try mixed.trace(of: op, selecting: selection)
    XCTAssertLessThan((traceAfter - traceBefore).length / max(1, traceBefore.length), 1e-10)
    XCTAssertLessThan(try mixed.biorthogonalityError(), 1e-10)
    // And it equals Tr(P·O) with P formed explicitly.
    let p = try mixed.projector(selecting: selection)
    XCTAssertLessThan((ComplexMatrix.traceOfProduct(p, op) - traceBefore).length / max(1, traceBefore.length), 1e-10)
  }

  /// [[1, 1], [δ, 1]] has eigenvalues 1 ± √δ and Wilkinson condition number ≈ 1/(2√δ)·(1+δ)…:
  /// for δ = 1e−14, κ ≈ 5e6 ≫ 1e6, the physics modules' warning threshold.
  func testNearlyDefectiveMatrixReportsLargeConditionNumber() throws {
    let a = ComplexMatrix(rowsOf: [[.one, .one], [Complex(1e-14, 0), .one]])
    let b = try BiorthogonalEigensystem(a)
    XCTAssertEqual(b.clusters.count, 2)
    XCTAssertGreaterThan(b.maxConditionNumber, 1e6)
    XCTAssertLessThan(b.maxConditionNumber, 1e8)
  }

  /// An exactly defective Jordan block has no biorthonormal eigenbasis: typed error, no NaN.
  func testExactlyDefectiveMatrixThrowsExceptionalPoint() {
    let a = ComplexMatrix(rowsOf: [[.one, .one], [.zero, .one]])
    XCTAssertThrowsError(try BiorthogonalEigensystem(a)) { error in
      guard case LinearAlgebraError.exceptionalPoint = error else { return XCTFail("got \(error)") }
    }
  }

  /// P² = P and Tr P = number selected (1e−10: products of κ-scaled vectors of a random matrix).
  func testProjectorIsIdempotentWithTraceEqualToSelectionSize() throws {
    var g = SeededGenerator(seed: 6)
    let a = ComplexMatrix.random(40, 40, using: &g)
    let b = try BiorthogonalEigensystem(a)
    let selection = b.values.indices.filter { b.values[$0].real < 0 }
    let p = try b.projector(selecting: selection)
    XCTAssertLessThan((p * p - p).maxAbs, 1e-10)
    XCTAssertLessThan((p.trace - Complex(Double(selection.count), 0)).length, 1e-10)
    // traces(of:) with a dense and a sparse operator agree with Tr(P·O).
    let op = ComplexMatrix.random(40, 40, using: &g)
    let sparse = try SparseMatrix(
      rows: 40, columns: 40,
      triplets: (0..<40).flatMap { i in [(i, i, op[i, i]), (i, (i + 1) % 40, op[i, (i + 1) % 40])] })
    let t = try b.traces(of: [op, sparse.dense], selecting: selection)
    let ts = try b.traces(of: [sparse], selecting: selection)
    XCTAssertLessThan((t[0] - ComplexMatrix.traceOfProduct(p, op)).length, 1e-10)
    XCTAssertLessThan((t[1] - ts[0]).length, 1e-12)
    // Per-state values sum to the full trace over all states.
    let perState = try b.stateExpectations(of: op)
    XCTAssertLessThan((perState.reduce(.zero, +) - op.trace).length, 1e-10)
  }

  /// The Hermitian solver (zheevd) and the general one (zgeev) agree on Hermitian input;
  /// eigenvalues are well-conditioned there (κ = 1): 1e−12 relative to the spectral radius.
  func testHermitianAndGeneralSolversAgreeOnHermitianInput() throws {
    var g = SeededGenerator(seed: 7)
    let x = ComplexMatrix.random(60, 60, using: &g)
    let h = x + x.adjoint
    let he = try HermitianEigensystem(h)
    let ge = try GeneralEigensystem(h).values.map(\.real).sorted()
    let scale = he.values.map(abs).max()!
    for (a, b) in zip(he.values, ge) { XCTAssertEqual(a, b, accuracy: 1e-12 * scale) }
    XCTAssertEqual(he.values, he.values.sorted(), "ascending order")
    let res = (h * he.vectors - he.vectors * ComplexMatrix(.diagonal(he.values))).frobeniusNorm / h.frobeniusNorm
    XCTAssertLessThan(res, 1e-13)
    XCTAssertLessThan((he.vectors.adjoint * he.vectors - .identity(60)).maxAbs, 1e-13)
    // Real symmetric path (dsyevd) against the complex one.
    let rs = x.realParts + x.realParts.transposed
    let re = try HermitianEigensystem(rs).values
    let ce = try HermitianEigensystem(ComplexMatrix(rs)).values
    for (a, b) in zip(re, ce) { XCTAssertEqual(a, b, accuracy: 1e-12 * scale) }
  }
}
