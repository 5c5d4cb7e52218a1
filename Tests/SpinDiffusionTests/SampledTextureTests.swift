import Foundation
@testable import LinearAlgebra
@testable import SpinDiffusion
import XCTest

/// Spin diffusion through textures given by samples (the route of texture tables): the
/// interpolation error against the analytic wall, the steady solution's convergence to the
/// analytic wall's as the samples are refined, and grid convergence on a fixed table.
final class SampledTextureTests: XCTestCase {
  let length = 40e-9, wall = 4e-9
  /// A modest precession ratio: the precession wavelength 2πl/a₀ ≈ 63 nm is resolved by every grid below.
  let material = SpinDiffusionMaterial.paper
  var saturation: Double { material.saturation(forPrecessionRatio: 10) }

  /// The Néel wall n̂(x) = (sech(x/w), 0, −tanh(x/w)), |n″| = sech(x/w)/w² ≤ 1/w².
  func neel(_ x: Double) -> Vector3 { Vector3(1 / cosh(x / wall), 0, -tanh(x / wall)) }

  /// Samples of the wall every L/(count − 1), with f = 1 and no m_eq columns.
  func table(count: Int) throws -> SampledTexture {
    let x = (0..<count).map { -length / 2 + length * Double($0) / Double(count - 1) }
    return try SampledTexture(
      SampledProfile(
        positions: x,
        values: x.map {
          let n = neel($0); return [n.x, n.y, n.z]
        }))
  }

  func problem(_ texture: SpinTexture, points: Int) throws -> SteadySpinProblem {
    SteadySpinProblem(
      grid: try .uniform(from: -length / 2, to: length / 2, points: points), material: material, texture: texture,
      left: .dirichlet(texture.equilibrium(-length / 2)), right: .dirichlet(texture.equilibrium(length / 2)))
  }

  var analytic: SpinTexture {
    let m0 = saturation
    return SpinTexture(magnetization: { [self] in m0 * neel($0) }, equilibrium: { [self] in neel($0) })
  }

  /// The renormalised interpolation stays on the unit sphere and within h²/4·max|n″| = h²/(4w²)
  /// of the wall (twice the linear-interpolation bound: renormalising at most doubles the
  /// distance), and the error is second order (ratio 3.5…4.5 per halving of h).
  func testInterpolatedWallIsWithinTheSecondOrderBound() throws {
    var errors: [Double] = []
    for count in [41, 81, 161] {
      let t = try table(count: count)
      let h = length / Double(count - 1)
      var worst = 0.0
      for i in 0...10_000 {
        let x = -length / 2 + length * Double(i) / 10_000
        let n = t.direction(at: x)
        XCTAssertEqual(n.length, 1, accuracy: 1e-15)
        worst = max(worst, (n - neel(x)).length)
      }
      XCTAssertLessThanOrEqual(worst, h * h / (4 * wall * wall))
      errors.append(worst)
    }
    for k in 0..<2 {
      XCTAssertGreaterThan(errors[k] / errors[k + 1], 3.5, "\(errors)")
      XCTAssertLessThan(errors[k] / errors[k + 1], 4.5, "\(errors)")
    }
  }

  /// On one grid, the steady accumulation through the sampled wall approaches the one through
  /// the analytic wall as the samples are refined, at second order in the sample spacing (the
  /// solution is linear in the O(h²) texture error to first order; ratio accepted 3.3…4.7),
  /// and the finest table (h = 0.25 nm) is within 1e−3 of the analytic result: the texture
  /// error there is h²/(4w²) ≈ 1e−3 relative, and the accumulation (|m| ≲ 1) follows it linearly.
  func testSteadyAccumulationConvergesToTheAnalyticWall() throws {
    let reference = try problem(analytic, points: 801).solve()
    var differences: [Double] = []
    for count in [41, 81, 161] {
      let p = try problem(try table(count: count).texture(saturation: saturation), points: 801).solve()
      differences.append(zip(p.accumulation, reference.accumulation).map { ($0 - $1).length }.max()!)
    }
    XCTAssertGreaterThan(differences[0], 1e-6, "the texture error is visible: \(differences)")
    for k in 0..<2 {
      XCTAssertGreaterThan(differences[k] / differences[k + 1], 3.3, "\(differences)")
      XCTAssertLessThan(differences[k] / differences[k + 1], 4.7, "\(differences)")
    }
    XCTAssertLessThan(differences[2], 1e-3, "\(differences)")
  }

  /// Grid convergence on a fixed table (81 samples every 0.5 nm, piecewise-linear texture): on
  /// nested uniform grids of 81, 161, 321, 641 nodes (a node on every sample, so the texture's
  /// kinks sit on nodes and each half cell sees one linear piece) the successive differences at
  /// the common nodes fall at the scheme's second order: observed order log₂(d_h/d_{h/2}) within
  /// 1.8…2.2 (the asymptotic regime: the next term is O(h²) relative to the first).
  func testGridConvergenceOnATableIsSecondOrder() throws {
    let texture = try table(count: 81).texture(saturation: saturation)
    let solutions = try [81, 161, 321, 641].map { try problem(texture, points: $0).solve().accumulation }
    var d: [Double] = []
    for k in 0..<3 {
      let coarse = solutions[k], fine = solutions[k + 1]
      d.append(coarse.indices.map { (coarse[$0] - fine[2 * $0]).length }.max()!)
    }
    XCTAssertGreaterThan(d[0], 1e-8, "\(d)")
    for k in 0..<2 {
      let order = log2(d[k] / d[k + 1])
      XCTAssertGreaterThan(order, 1.8, "differences \(d)")
      XCTAssertLessThan(order, 2.2, "differences \(d)")
    }
  }

  /// Layers and periodic wrapping reproduce the built-in torus texture exactly (the same
  /// closed-form pieces, chosen by position), which is how a texture made of regions is built.
  func testLayersAndWrappingReproduceTheTorusTexture() throws {
    let torus = TorusGeometry(side: 20e-9, cornerWidth: 2e-9, precessionRatio: 10)
    let side = torus.side
    let layers = (0..<4).map { k in
      (
        start: Double(k) * side,
        texture: SpinTexture(
          magnetization: { x in
            let s = x - Double(k) * side, w = torus.cornerWidth, peak = tanh(side / (2 * w))
            return (torus.saturation * tanh(s / w) * tanh((side - s) / w) / (peak * peak))
              * TorusGeometry.direction(side: k)
          }, equilibrium: { _ in TorusGeometry.direction(side: k) })
      )
    }
    let built = SpinTexture.layered(layers).periodic(start: 0, period: 4 * side)
    var rng = SplitMix64(seed: 5)
    for _ in 0..<1000 {
      let x = (rng.nextUnit() * 6 - 1) * 4 * side
      XCTAssertEqual(
        (built.magnetization(x) - torus.texture.magnetization(x)).length, 0, accuracy: 1e-12 * torus.saturation)
      XCTAssertEqual(built.equilibrium(x), torus.texture.equilibrium(x))
    }
  }

  /// Directions that cannot be interpolated are refused, naming the sample.
  func testBadTexturesAreRefused() throws {
    XCTAssertThrowsError(
      try SampledTexture(SampledProfile(positions: [0, 1], values: [[0, 0, 1], [0, 0, 0]]))
    ) { XCTAssertEqual(($0 as? SampledProfileError)?.row, 1) }
    XCTAssertThrowsError(
      try SampledTexture(
        SampledProfile(positions: [0, 1, 2, 3], values: [[0, 0, 1], [1, 0, 0], [0, 0, -1], [0, 1e-3, 1]]))
    ) { XCTAssertEqual(($0 as? SampledProfileError)?.row, 3, "turns of 90° are allowed, of ~180° not: \($0)") }
    XCTAssertThrowsError(
      try SampledTexture(SampledProfile(positions: [0, 1], values: [[0, 0, 1, 1], [0, 0, 1, -0.5]]))
    ) { XCTAssertTrue("\($0)".contains("negative"), "\($0)") }
    XCTAssertThrowsError(try SampledTexture(SampledProfile(positions: [0, 1], values: [[0, 0], [0, 1]])))
  }
}
