import Numerics
import XCTest

@testable import LinearAlgebra

/// The Schur spectral projector against the biorthogonal one, and at Jordan blocks.
final class SchurSpectralProjectionTests: XCTestCase {
  /// A random non-normal 12×12 matrix: Tr(P O) from the Schur form equals
  /// Tr[(L_sel†R_sel)⁻¹ L_sel†OR_sel] to 1e−10 (both O(κ ε) with κ ≲ 1e2 here).
  func testAgreesWithBiorthogonalTracesOnRandomMatrix() throws {
    var seed: UInt64 = 7
    func next() -> Double {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(seed >> 11) / Double(1 << 53) - 0.5
    }
    let n = 12
    let a = ComplexMatrix(rows: n, columns: n) { _, _ in Complex(next(), next()) }
    let o = ComplexMatrix(rows: n, columns: n) { _, _ in Complex(next(), next()) }
    let eig = try BiorthogonalEigensystem(a)
    let sorted = eig.values.map(\.real).sorted()
    let median = (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    let selection = eig.values.indices.filter { eig.values[$0].real < median }
    let expected = try eig.trace(of: o, selecting: selection)
    let schur = try SchurSpectralProjection(a) { values in values.map { $0.real < median } }
    XCTAssertEqual(schur.selectedCount, selection.count)
    XCTAssertLessThan((try schur.traces(of: [o])[0] - expected).length, 1e-10)
    XCTAssertLessThan(schur.projectorNorm, 1e3)
  }

  /// A Jordan block J₂(1) ⊕ (3): the projector onto the defective eigenvalue exists although
  /// no eigenvector basis does: Tr P = 2, Tr(P A) = 2, and P annihilates the other eigenvector.
  func testProjectorOntoJordanBlock() throws {
    let a = ComplexMatrix(rowsOf: [
      [.one, .one, Complex(0.5, 0)], [.zero, .one, .one], [.zero, .zero, Complex(3, 0)],
    ])
    XCTAssertThrowsError(try BiorthogonalEigensystem(a))
    let p = try SchurSpectralProjection(a) { values in values.map { $0.real < 2 } }
    XCTAssertEqual(p.selectedCount, 2)
    let traces = try p.traces(of: [.identity(3), a])
    XCTAssertEqual(traces[0].real, 2, accuracy: 1e-12)
    XCTAssertEqual(traces[1].real, 2, accuracy: 1e-7)
    XCTAssertTrue(p.projectorNorm.isFinite)
  }

  /// Splitting a Jordan block between "selected" and "not" has no projector: infinite norm and
  /// NaN traces, not an error and not a silent number.
  func testSplitJordanBlockHasNoProjector() throws {
    let a = ComplexMatrix(rowsOf: [[.zero, .one], [.zero, .zero]])
    let p = try SchurSpectralProjection(a) { values in [true, false].prefix(values.count).map { $0 } }
    XCTAssertEqual(p.selectedCount, 1)
    XCTAssertEqual(p.projectorNorm, .infinity)
    XCTAssertTrue(try p.traces(of: [a])[0].real.isNaN)
  }
}
