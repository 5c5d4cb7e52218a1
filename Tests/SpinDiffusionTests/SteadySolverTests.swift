import Foundation
@testable import LinearAlgebra
import Numerics
@testable import SpinDiffusion
import XCTest

/// Steady solver: closed forms, grid convergence, the paper's expanded equations, a second
/// (piecewise closed-form) method for the sharp interface, symmetry of the torus.
final class SteadySolverTests: XCTestCase {
  let l = 100e-9  // spin-diffusion length of the paper's material

  /// α = 0 (collinear): transverse m vanishes identically and m_z is the decoupled sinh profile
  /// of Eq. 89 for any wall width, including the sharp limit w = 0. The error is the O(h²)
  /// discretisation error (h/l)²/12 ≈ 1e−8 on this grid, so 1e−6 is a safe, meaningful bound.
  func testCollinearAndSharpLimitsReduceToDecoupledMz() throws {
    for w in [0.0, 0.6e-9, 5e-9] {
      let g = InterfaceGeometry(length: 100e-9, wallWidth: w, angleDegrees: 0)
      let p = try g.solve(points: 2001)
      for (x, m) in zip(p.positions, p.accumulation) {
        XCTAssertEqual(
          m.z, AnalyticSpinAccumulation.collinearBilayer(x: x, length: 100e-9, diffusionLength: l), accuracy: 1e-6)
        XCTAssertEqual(abs(m.x) + abs(m.y), 0, accuracy: 1e-14)
      }
    }
  }

  /// Second-order convergence of m_z on three nested refined grids (101, 201, 401 nodes):
  /// each halving of h must cut the max error by 4 (accepted 3.5…4.5).
  func testSecondOrderConvergenceOnThreeGrids() throws {
    let g = InterfaceGeometry(length: 100e-9, wallWidth: 5e-9, angleDegrees: 0)
    var errors: [Double] = []
    for n in [101, 201, 401] {
      let p = try g.solve(points: n, refinement: 4)
      errors.append(
        zip(p.positions, p.accumulation).map { x, m in
          abs(m.z - AnalyticSpinAccumulation.collinearBilayer(x: x, length: 100e-9, diffusionLength: l))
        }.max()!)
    }
    XCTAssertGreaterThan(errors[0], 1e-9, "errors \(errors)")
    for k in 0..<2 {
      let ratio = errors[k] / errors[k + 1]
      XCTAssertGreaterThan(ratio, 3.5, "errors \(errors)")
      XCTAssertLessThan(ratio, 4.5, "errors \(errors)")
    }
  }

  /// Uniform M ẑ with a = 100: m₊ = m_x + i m_y obeys m₊″ = (1 + ia)² m₊/(Dτ) (docs/model-reference.md sign),
  /// and m_z the real sinh law. Non-zero end values. The 3-point scheme's error is a phase
  /// error of the precessing solution, ≈ |k|L·(|k|h)²/24 with |k| = |1 + ia|/l ≈ 1/nm: for
  /// L = 20 nm and h = 0.5 pm that is ≈ 2e−7, so 1e−6 holds (L = 50 nm, h = 1 pm gave 5e−6).
  func testUniformMagnetizationMatchesClosedFormTransverseSolution() throws {
    let paper = SpinDiffusionMaterial.paper
    let a = 100.0, m0 = paper.saturation(forPrecessionRatio: a)
    let x0 = 0.0, x1 = 20e-9
    let left = Vector3(0.3, -0.2, 0.5), right = Vector3(-0.1, 0.4, -0.2)
    let grid = try SpinGrid.uniform(from: x0, to: x1, points: 40_001)
    // The same precession from λM (M = M₀ẑ) or from an external field B = λM₀ẑ with M = 0:
    // B enters both the tensor (Eq. 73, H = B + λM) and the torque.
    var fieldOnly = paper
    fieldOnly.field = Vector3(0, 0, paper.sdCoupling * m0)
    for (material, magnetization) in [(paper, Vector3(0, 0, m0)), (fieldOnly, Vector3.zero)] {
      let problem = SteadySpinProblem(
        grid: grid, material: material, texture: .uniform(magnetization: magnetization, equilibrium: .zero),
        left: .dirichlet(left), right: .dirichlet(right))
      let p = try problem.solve()
      var worst = 0.0
      for (x, m) in zip(p.positions, p.accumulation) {
        let plus = AnalyticSpinAccumulation.uniformTransverse(
          x: x, a: a, diffusionLength: l, from: x0, Complex(left.x, left.y), to: x1, Complex(right.x, right.y))
        let z = AnalyticSpinAccumulation.uniformTransverse(
          x: x, a: 0, diffusionLength: l, from: x0, Complex(left.z, 0), to: x1, Complex(right.z, 0))
        worst = max(worst, abs(m.x - plus.real), abs(m.y - plus.imaginary), abs(m.z - z.real))
      }
      XCTAssertLessThan(worst, 1e-6)
      // The closed form is not trivially satisfied: the transverse part is O(0.1–1).
      XCTAssertGreaterThan(p.accumulation.map { abs($0.y) }.max()!, 0.1)
    }
  }

  /// Residual of the paper's expanded Eqs. 87–88 (with D_xy = +Da/(1+a²)), by finite
  /// differences on the computed solution, for M = M(x)ẑ with a(x) = a₀ tanh(|x|/w) and
  /// non-zero transverse ends, away from x = 0 (|x| > 5 nm). Scaled by max|m|/τ it must fall
  /// ≈ 4× per grid halving (accepted > 3) and be small (< 1e−2) on the finest grid.
  func testSolutionSatisfiesExpandedEquations87And88() throws {
    let mat = SpinDiffusionMaterial.paper
    let a0 = 100.0, w = 2e-9, length = 40e-9
    let g = InterfaceGeometry(length: length, wallWidth: w, angleDegrees: 0, precessionRatio: a0, material: mat)
    let tau = mat.spinFlipTime.z, d = mat.diffusivity.z
    func a(_ x: Double) -> Double { a0 * tanh(abs(x) / w) }
    func da(_ x: Double) -> Double { let t = tanh(abs(x) / w); return (x < 0 ? -1 : 1) * a0 * (1 - t * t) / w }
    var residuals: [Double] = []
    for n in [2001, 4001, 8001] {
      let grid = try SpinGrid.uniform(from: -length / 2, to: length / 2, points: n)
      var problem = g.problem(on: grid)
      problem.left = .dirichlet(Vector3(0.3, -0.2, -1))
      problem.right = .dirichlet(Vector3(-0.1, 0.4, 1))
      let p = try problem.solve()
      let x = p.positions, m = p.accumulation, h = x[1] - x[0]
      let scale = m.map(norm3).max()! / tau
      var worst = 0.0
      for i in 1..<(n - 1) where abs(x[i]) > 5e-9 {
        let d1 = (m[i + 1] - m[i - 1]) / (2 * h), d2 = (m[i + 1] - 2 * m[i] + m[i - 1]) / (h * h)
        let ai = a(x[i]), dai = da(x[i])
        let dxx = d / (1 + ai * ai), dxy = d * ai / (1 + ai * ai)
        let r87 =
          dxx * d2.x + dxy * d2.y - 2 * dxy * dxy / (d * ai) * dai * d1.x + (dxx - 2 * dxy * dxy / d) * dai * d1.y
          - (m[i].x - ai * m[i].y) / tau
        let r88 =
          -dxy * d2.x + dxx * d2.y - (dxx - 2 * dxy * dxy / d) * dai * d1.x - 2 * dxy * dxy / (d * ai) * dai * d1.y
          - (m[i].y + ai * m[i].x) / tau
        worst = max(worst, abs(r87), abs(r88))
      }
      residuals.append(worst / scale)
    }
    XCTAssertGreaterThan(residuals[0] / residuals[1], 3, "\(residuals)")
    XCTAssertGreaterThan(residuals[1] / residuals[2], 3, "\(residuals)")
    XCTAssertLessThan(residuals[2], 1e-2, "\(residuals)")
  }

  /// Second method for the sharp interface (w = 0, α = 60°): on each side the local-frame
  /// longitudinal part obeys Eq. 89 and m₊ the complex law, matched at x = 0 by continuity of
  /// m and of the flux 𝔇m′ (6 real equations, dense LU). Finite volume on 4001 and 8001 nodes:
  /// the difference must shrink ≈ 4× (accepted > 3) and be < 1e−3 on the finer grid
  /// (estimated O((|k|h)²·a) ≈ 1e−4 with h = 12.5 pm).
  func testSharpInterfaceMatchesPiecewiseClosedForm() throws {
    let length = 100e-9, alpha = 60.0 * .pi / 180, a = 100.0
    let g = InterfaceGeometry(length: length, wallWidth: 0, angleDegrees: 60, precessionRatio: a)
    let exact = try SharpInterfaceReference(length: length, alpha: alpha, a: a, diffusionLength: l)
    var errors: [Double] = []
    for n in [4001, 8001] {
      let p = try g.problem(on: try SpinGrid.uniform(from: -length / 2, to: length / 2, points: n)).solve()
      errors.append(zip(p.positions, p.accumulation).map { x, m in norm3(m - exact.value(at: x)) }.max()!)
    }
    XCTAssertGreaterThan(errors[0] / errors[1], 3, "\(errors)")
    XCTAssertLessThan(errors[1], 1e-3, "\(errors)")
  }

  /// Flux (Neumann) end: decoupled m_z with injected current j = −D m_z′(0) and m_z(L) = 0 has
  /// m_z = (j l/D) sinh((L − x)/l)/cosh(L/l). The vertex-centred half cell at the flux end keeps
  /// the scheme second order: error ≈ (h/l)² ≈ 1e−6 of the scale j l/D on this grid, so 1e−5.
  /// Also: zero-flux ends with m_eq everywhere give m ≡ m_eq (an invariant), to rounding times
  /// the condition number ≈ (l/h)² = 1e6 of the discrete operator: 1e−9 (seen: 1.6e−12).
  func testFluxEndsMatchClosedFormAndConserveEquilibrium() throws {
    let mat = SpinDiffusionMaterial.paper
    let m0 = mat.saturation(forPrecessionRatio: 100)
    let length = 200e-9, j = 1e3, d = mat.diffusivity.z
    let grid = try SpinGrid.uniform(from: 0, to: length, points: 2001)
    let injected = try SteadySpinProblem(
      grid: grid, material: mat, texture: .uniform(magnetization: Vector3(0, 0, m0), equilibrium: .zero),
      left: .flux(Vector3(0, 0, j)), right: .dirichlet(.zero)
    ).solve()
    let scale = j * l / d
    for (x, m) in zip(injected.positions, injected.accumulation) {
      XCTAssertEqual(m.z / scale, sinh((length - x) / l) / cosh(length / l), accuracy: 1e-5)
      XCTAssertEqual(abs(m.x) + abs(m.y), 0, accuracy: 1e-14)
    }
    let eq = Vector3(0.6, 0, 0.8)
    let closed = try SteadySpinProblem(
      grid: grid, material: mat, texture: .uniform(magnetization: m0 * eq, equilibrium: eq)
    ).solve()
    for m in closed.accumulation { XCTAssertLessThan(norm3(m - eq), 1e-9) }
  }

  /// Full tensor for any M direction: rotating texture, equilibrium and end values of the
  /// α = 70° bilayer by a generic rotation R rotates the solution, m′ = R m (isotropic D, τ).
  /// The discrete problems are exactly related, so only rounding × cond (≈ 1e−10) separates them: 1e−8.
  func testSolutionIsRotationCovariant() throws {
    let g = InterfaceGeometry(length: 30e-9, wallWidth: 1e-9, angleDegrees: 70)
    let grid = try g.grid(points: 1201)
    let base = try g.problem(on: grid).solve()
    let axis = Vector3(2, -1, 2) / 3, angle = 1.1
    let c = cos(angle), s = sin(angle)
    let rot =
      c * Matrix3.identity + s * Matrix3.cross(axis)
      + (1 - c) * Matrix3(columns: axis * axis.x, axis * axis.y, axis * axis.z)
    let texture = g.texture
    var rotated = g.problem(on: grid)
    rotated.texture = SpinTexture(
      magnetization: { rot * texture.magnetization($0) }, equilibrium: { rot * texture.equilibrium($0) })
    let (nl, nr) = g.directions
    rotated.left = .dirichlet(rot * -nl)
    rotated.right = .dirichlet(rot * nr)
    let turned = try rotated.solve()
    for (m, r) in zip(base.accumulation, turned.accumulation) { XCTAssertLessThan(norm3(rot * m - r), 1e-8) }
    XCTAssertGreaterThan(base.accumulation.map { abs($0.y) }.max()!, 0.1)
  }

  /// Torus invariant: shifting by one side maps the solution by the 90° rotation about x
  /// (ẑ → ŷ → −ẑ), because texture and grid have that symmetry (points divisible by 4).
  /// Only rounding separates the two sides: 1e−9.
  func testTorusHasFourfoldSymmetry() throws {
    let t = TorusGeometry(side: 50e-9)
    let p = try t.solve(points: 4000)
    let n = p.positions.count, q = n / 4
    for i in 0..<n {
      let m = p.accumulation[i], r = p.accumulation[(i + q) % n]
      XCTAssertEqual(r.x, m.x, accuracy: 1e-9)
      XCTAssertEqual(r.y, m.z, accuracy: 1e-9)
      XCTAssertEqual(r.z, -m.y, accuracy: 1e-9)
    }
    XCTAssertLessThan(p.backwardError, 1e-12)
  }

  /// Bad input is rejected before any computation with the parameter's CLI name.
  func testBadInputNamesTheParameter() {
    func name(_ body: () throws -> Void) -> String? {
      do { try body() } catch let e as InvalidParameter { return e.name } catch { return "\(error)" }
      return nil
    }
    XCTAssertEqual(
      name { _ = try InterfaceGeometry(length: -1e-9, wallWidth: 0, angleDegrees: 90).solve(points: 11) }, "length_m")
    XCTAssertEqual(
      name { _ = try InterfaceGeometry(length: 1e-8, wallWidth: 0, angleDegrees: 90).solve(points: 2) }, "points")
    XCTAssertEqual(
      name { _ = try InterfaceGeometry(length: 1e-8, wallWidth: .nan, angleDegrees: 90).solve(points: 11) },
      "wall_width_m")
    XCTAssertEqual(
      name { _ = try InterfaceGeometry(length: 1e-8, wallWidth: 0, angleDegrees: .infinity).solve(points: 11) },
      "angle_deg")
    XCTAssertEqual(name { _ = try TorusGeometry(side: 0).solve(points: 100) }, "side_m")
  }
}

@testable import Diagnostics
