@testable import LinearAlgebra
import Foundation
@testable import SpinDiffusion
import XCTest

/// The tensor of Eqs. 72–73: the docs/model-reference.md sign and rotation covariance for any M direction.
final class DiffusionTensorTests: XCTestCase {
  /// M = Mẑ: D_xx = D_yy = D/(1+a²), D_xy = −D_yx = +Da/(1+a²), D_zz = D, no xz/yz coupling
  /// (closed form; 1e−12 relative is rounding of a 3×3 adjugate inverse with det = 1 + a²).
  func testTransverseBlockHasModelsSign() {
    let mat = SpinDiffusionMaterial.paper
    let a = 100.0, d = mat.diffusivity.z
    let t = DiffusionTensor.tensor(mat, magnetization: Vector3(0, 0, mat.saturation(forPrecessionRatio: a)))
    XCTAssertEqual(t[0, 0], d / (1 + a * a), accuracy: 1e-12 * d)
    XCTAssertEqual(t[1, 1], d / (1 + a * a), accuracy: 1e-12 * d)
    XCTAssertEqual(t[0, 1], d * a / (1 + a * a), accuracy: 1e-12 * d)
    XCTAssertEqual(t[1, 0], -d * a / (1 + a * a), accuracy: 1e-12 * d)
    XCTAssertEqual(t[2, 2], d, accuracy: 1e-12 * d)
    XCTAssertEqual(abs(t[0, 2]) + abs(t[2, 0]) + abs(t[1, 2]) + abs(t[2, 1]), 0, accuracy: 1e-12 * d)
  }

  /// Isotropic material: 𝔇(RM) = R 𝔇(M) Rᵀ for rotations R, and A 𝔇 = D𝟙 (the definition),
  /// at several M directions and magnitudes; 1e−12 relative (rounding).
  func testTensorIsRotationCovariantAndInvertsA() {
    let mat = SpinDiffusionMaterial.paper
    let m0 = mat.saturation(forPrecessionRatio: 30)
    let d = mat.diffusivity.z
    let axis = Vector3(1, 2, -2) / 3, angle = 0.7
    let c = cos(angle), s = sin(angle)
    let rot =
      c * Matrix3.identity + s * Matrix3.cross(axis)
      + (1 - c) * Matrix3(columns: axis * axis.x, axis * axis.y, axis * axis.z)
    let rotT = Matrix3(rows: rot.c0, rot.c1, rot.c2)
    for m in [Vector3(0.3, -0.5, 0.8), Vector3(1, 0, 0), Vector3(-0.2, 0.9, 0.1) * 3] {
      let t = DiffusionTensor.tensor(mat, magnetization: m0 * m)
      let rotated = DiffusionTensor.tensor(mat, magnetization: m0 * (rot * m))
      XCTAssertLessThan((rotated - rot * t * rotT).maxAbs, 1e-12 * d)
      let omega = mat.precession(magnetization: m0 * m)
      let product = DiffusionTensor.matrixA(omega: omega, tau: mat.precessionTime) * t
      XCTAssertLessThan((product - d * Matrix3.identity).maxAbs, 1e-12 * d)
    }
  }
}
