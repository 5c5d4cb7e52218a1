import Foundation
@testable import LinearAlgebra
import Numerics
@testable import SpinDiffusion

/// Piecewise closed-form solution of the sharp bilayer (w = 0), the second method of the tests.
///
/// Left (x < 0, frame ẑ): m_∥ = −1 + A_L sinh((x + L/2)/l), m₊ = C_L sinh(k(x + L/2)).
/// Right (x > 0, frame e′ = (cos α, 0, −sin α), ŷ, n̂_R): m_∥ = 1 + A_R sinh((L/2 − x)/l),
/// m₊ = C_R sinh(k(L/2 − x)), k = (1 + ia)/l. Interface: m and 𝔇m′ continuous, with
/// 𝔇 = D on the longitudinal part and D/(1 + ia) on m₊ (docs/model-reference.md).
struct SharpInterfaceReference {
  let length: Double, l: Double, k: Complex<Double>
  let frameR: (Vector3, Vector3, Vector3)
  var aL = 0.0, aR = 0.0, cL = Complex<Double>.zero, cR = Complex<Double>.zero

  static func sh(_ z: Complex<Double>) -> Complex<Double> { (Complex.exp(z) - Complex.exp(-z)) / Complex(2, 0) }
  static func ch(_ z: Complex<Double>) -> Complex<Double> { (Complex.exp(z) + Complex.exp(-z)) / Complex(2, 0) }

  init(length: Double, alpha: Double, a: Double, diffusionLength: Double) throws {
    self.length = length
    l = diffusionLength
    k = Complex(1, a) / Complex(diffusionLength, 0)
    frameR = (Vector3(cos(alpha), 0, -sin(alpha)), Vector3(0, 1, 0), Vector3(sin(alpha), 0, cos(alpha)))
    // Unknowns u = (A_L, A_R, Re C_L, Im C_L, Re C_R, Im C_R); m(0) and flux(0) are affine in u.
    func state(_ u: [Double]) -> (Vector3, Vector3) {
      var s = self
      s.aL = u[0]; s.aR = u[1]; s.cL = Complex(u[2], u[3]); s.cR = Complex(u[4], u[5])
      let (ml, fl) = s.sides(at: 0, left: true), (mr, fr) = s.sides(at: 0, left: false)
      return (ml - mr, fl - fr)
    }
    let (m0, f0) = state([0, 0, 0, 0, 0, 0])
    let scaleF = l  // flux in units of D/l: balance the two blocks of equations
    var matrix = RealMatrix(rows: 6, columns: 6)
    for j in 0..<6 {
      var e = [Double](repeating: 0, count: 6)
      e[j] = 1
      let (mj, fj) = state(e)
      for r in 0..<3 {
        matrix[r, j] = mj[r] - m0[r]
        matrix[3 + r, j] = (fj[r] - f0[r]) * scaleF
      }
    }
    let rhs = (0..<3).map { -m0[$0] } + (0..<3).map { -f0[$0] * scaleF }
    let u = try RealMatrix.solve(matrix, rhs)
    aL = u[0]; aR = u[1]; cL = Complex(u[2], u[3]); cR = Complex(u[4], u[5])
  }

  /// (m, 𝔇m′/D) from one side's representation at x (global frame).
  func sides(at x: Double, left: Bool) -> (Vector3, Vector3) {
    let half = length / 2
    let transverseD = Complex<Double>(1, 0) / (Complex(1, 0) + Complex(0, k.imaginary * l))  // 1/(1 + ia)
    if left {
      let s = (x + half) / l
      let par = -1 + aL * sinh(s), dpar = aL * cosh(s) / l
      let plus = cL * Self.sh(k * Complex(x + half, 0)), dplus = cL * k * Self.ch(k * Complex(x + half, 0))
      let flux = transverseD * dplus
      return (Vector3(plus.real, plus.imaginary, par), Vector3(flux.real, flux.imaginary, dpar))
    }
    let s = (half - x) / l
    let par = 1 + aR * sinh(s), dpar = -aR * cosh(s) / l
    let plus = cR * Self.sh(k * Complex(half - x, 0)), dplus = -cR * k * Self.ch(k * Complex(half - x, 0))
    let flux = transverseD * dplus
    let (e1, e2, e3) = frameR
    return (plus.real * e1 + plus.imaginary * e2 + par * e3, flux.real * e1 + flux.imaginary * e2 + dpar * e3)
  }

  func value(at x: Double) -> Vector3 {
    if x == 0 { return sides(at: 0, left: true).0 }
    return sides(at: x, left: x < 0).0
  }
}
