@testable import LinearAlgebra
@testable import SpinDiffusion
@testable import TimeIntegration
import Foundation
import XCTest

/// The error-controlled route of Eqs. 70 + 79 with M moving (``CoupledMagnetizationEvolution``),
/// against itself at tighter tolerances, the fixed-step splitting (``SpinDynamics``), the frozen
/// route, the steady solver and the conservation of |M|.
final class CoupledMagnetizationEvolutionTests: XCTestCase {
  /// The coupling of the tests: J = 1e−20 eV·m² (exchange rate (J/2)M₀/(ħh²) ≈ 2e12 s⁻¹ on the
  /// 0.5 nm grids, a tenth of the physical value's) and ρ = 0.05 (λρ/ħ ≈ 8e12 s⁻¹ per unit m),
  /// so that M turns by O(0.1) rad within the 1 ps of the runs.
  static let exchange = 1e-20
  static let scale = 0.05

  /// Interface (open, Dirichlet ends, band LU), torus (periodic, interleaved band LU), spiral
  /// (periodic, every node precessing about its own axis).
  static func cases() throws -> [(String, SteadySpinProblem)] {
    let g = InterfaceGeometry(length: 20e-9, wallWidth: 2e-9, angleDegrees: 90)
    let t = TorusGeometry(side: 5e-9, cornerWidth: 1e-9)
    return [
      ("interface", g.problem(on: try g.grid(points: 41))), ("torus", t.problem(on: try t.grid(points: 40))),
      ("spiral", try FrozenMagnetizationEvolutionTests.spiral(points: 60)),
    ]
  }

  /// m and M/M₀ at the snapshots, one flat list (M in units of its largest initial length, so
  /// both are O(1)).
  static func run(
    _ problem: SteadySpinProblem, rtol: Double, times: [Double] = [1e-13, 5e-13, 1e-12], maximumOrder: Int = 2,
    exchange: Double = exchange, scale: Double = scale
  ) throws -> (values: [Vector3], statistics: IntegrationStatistics) {
    let evolution = try CoupledMagnetizationEvolution(
      problem: problem, exchangeStiffness: exchange, accumulationScale: scale)
    let m0 = evolution.initialMagnetization.map(norm3).max()!
    var out: [Vector3] = []
    let statistics = try evolution.evolve(
      times: times, tolerances: try IntegrationTolerances(relative: rtol, absolute: 1e-3 * rtol),
      maximumSteps: 1_000_000, scheme: .bdf(maximumOrder: maximumOrder)
    ) { _, m, magnetization in out += m + magnetization.map { $0 / m0 } }
    return (out, statistics)
  }

  static func distance(_ a: [Vector3], _ b: [Vector3]) -> Double { zip(a, b).map { norm3($0 - $1) }.max()! }

  /// The bandwidths cover the couplings: on the open grid 20 both ways (the face M's field
  /// reaches the exchange stencil of the next node: 12·2 + 3 + 2 − 9 above, 12·1 + 9 + 2 − 3
  /// below); on the torus the interleaved order doubles the distance of neighbours: 12·4 + 3 +
  /// 2 − 9 = 44 above, 12·4 + 9 + 2 − 3 = 56 below (the descending half of the ring).
  /// The analytic band Jacobian handed to SUNDIALS equals the central difference quotient of the
  /// right-hand side, every entry of the full matrix (so the band also holds every coupling), at a
  /// random state (every unknown uniform in [−1, 1]: M̃ = M/max|M(0)| of order 1, a = τλM/ħ up to
  /// 100) on the interface (Dirichlet ends, band), the torus (interleaved) and the spiral.
  /// Step δ = 1e−6 on O(1) unknowns: the truncation error δ²f‴/6 is at most (aδ)² ≈ 1e−8 of a row's
  /// largest entry (f is quadratic in m, M and m_eq, rational in a·M̃ through 𝔇), the rounding
  /// error ε·|fᵢ|/δ with |fᵢ| ≤ (≈ 50 band columns)·(largest row entry) about 5e−9 of it; the bound
  /// is 1e−6 of the row's largest entry. The smallest couplings checked are far above it: the
  /// λρ and exchange terms are ~1e−3 of the conductance rows and ~0.1 of the precession rows.
  func testAnalyticJacobianIsTheDifferenceQuotient() throws {
    var random = SplitMix64(seed: 79)
    for (name, problem) in try Self.cases() {
      let evolution = try CoupledMagnetizationEvolution(
        problem: problem, exchangeStiffness: Self.exchange, accumulationScale: Self.scale)
      let system = evolution.system(scale: evolution.initialMagnetization.map(norm3).max()!)
      let (upper, lower) = evolution.bandwidths, size = system.layout.dimension
      let y = (0..<size).map { _ in 2 * random.nextUnit() - 1 }
      let leading = upper + lower + 1
      var band = [Double](repeating: 0, count: leading * size)
      band.withUnsafeMutableBufferPointer { storage in
        y.withUnsafeBufferPointer {
          system.jacobian(
            $0,
            into: BandJacobian(
              data: storage.baseAddress!, leadingDimension: leading, storedUpper: upper, upper: upper, lower: lower))
        }
      }
      func analytic(_ i: Int, _ j: Int) -> Double {
        j - i <= upper && i - j <= lower ? band[j * leading + upper + i - j] : 0
      }
      func f(_ x: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: size)
        x.withUnsafeBufferPointer { input in out.withUnsafeMutableBufferPointer { system.rightHandSide(input, $0) } }
        return out
      }
      let delta = 1e-6
      var quotient = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
      for j in 0..<size {
        var plus = y, minus = y
        plus[j] += delta
        minus[j] -= delta
        let fp = f(plus), fm = f(minus)
        for i in 0..<size { quotient[i][j] = (fp[i] - fm[i]) / (2 * delta) }
      }
      var worst = 0.0, rowsChecked = 0
      for i in 0..<size {
        let rowScale = (0..<size).map { abs(analytic(i, $0)) }.max()!
        guard rowScale > 0 else {
          XCTAssertEqual(quotient[i].map(abs).max()!, 0, "\(name) row \(i): a fixed node's row is zero")
          continue
        }
        rowsChecked += 1
        for j in 0..<size { worst = max(worst, abs(quotient[i][j] - analytic(i, j)) / rowScale) }
      }
      XCTAssertLessThanOrEqual(worst, 1e-6, name)
      XCTAssertGreaterThan(rowsChecked, size - 7, name)
    }
  }

  /// The right-hand side evaluated row by row (``CoupledMagnetizationEvolution/System``) equals the
  /// steady solver's assembled operator: ṁ = (b − K m)/V with K, b from
  /// ``SpinDiffusionOperator/assemble`` at the state's face and node M, and the precession rows
  /// equal X × h/ħ with h from the array form of ``LandauLifshitzField``, at a random state on
  /// the three geometries. Both sides sum the same terms in another order: they agree to rounding
  /// of the largest term, relative 1e−12 of max|K|·max|m| per row block (ε·(≈ 10 terms) ≈ 2e−15,
  /// with room for cancellation in the conductance sums).
  func testRowsAreTheAssembledOperator() throws {
    var random = SplitMix64(seed: 70)
    for (name, problem) in try Self.cases() {
      let evolution = try CoupledMagnetizationEvolution(
        problem: problem, exchangeStiffness: Self.exchange, accumulationScale: Self.scale)
      let scale = evolution.initialMagnetization.map(norm3).max()!
      let system = evolution.system(scale: scale), layout = system.layout, n = layout.count
      let y = (0..<layout.dimension).map { _ in 2 * random.nextUnit() - 1 }
      var dy = [Double](repeating: 0, count: layout.dimension)
      y.withUnsafeBufferPointer { input in dy.withUnsafeMutableBufferPointer { system.rightHandSide(input, $0) } }
      func get(_ v: [Double], _ o: Int) -> Vector3 { Vector3(v[o], v[o + 1], v[o + 2]) }
      let m = (0..<n).map { get(y, layout.base($0)) }, nodesM = (0..<n).map { scale * get(y, layout.base($0) + 3) }
      let equilibrium = (0..<n).map { get(y, layout.base($0) + 6) }
      let op = SpinDiffusionOperator(grid: problem.grid, material: problem.material)
      let faces = (0..<op.spacings.count).map { scale * get(y, layout.base($0) + 9) }
      let mat = problem.material
      let (matrix, source) = try op.assemble(
        faceTensor: { DiffusionTensor.tensor(mat, magnetization: faces[$0]) },
        nodePrecession: { mat.precession(magnetization: nodesM[$0]) }, nodeEquilibrium: { equilibrium[$0] },
        left: problem.left, right: problem.right)
      var flat = m.flatMap { [$0.x, $0.y, $0.z] }, km = flat
      flat.withUnsafeBufferPointer { x in km.withUnsafeMutableBufferPointer { matrix.multiply(x, into: $0) } }
      let fixed = problem.prescribedNodes()
      var accumulationError = 0.0, accumulationScale = 0.0
      for i in 0..<n {
        let expected =
          fixed[i] ? Vector3.zero : (get(source, 3 * i) - get(km, 3 * i)) / op.volumes[i]
        accumulationError = max(accumulationError, norm3(get(dy, layout.base(i)) - expected))
        accumulationScale = max(
          accumulationScale, matrix.diagonal[(9 * i)..<(9 * i + 9)].map(abs).max()! / op.volumes[i])
      }
      XCTAssertLessThanOrEqual(accumulationError, 1e-12 * accumulationScale, name)
      let field = try LandauLifshitzField(
        operator: op, exchangeStiffness: Self.exchange, accumulationScale: Self.scale)
      let h = field(magnetization: nodesM, accumulation: m), hbar = SpinDiffusionMaterial.hbarElectronVoltSeconds
      var precessionError = 0.0, precessionScale = 0.0
      for i in 0..<n {
        let b = layout.base(i)
        precessionError = max(
          precessionError, norm3(get(dy, b + 3) - cross3(get(y, b + 3), h[i]) / hbar),
          norm3(get(dy, b + 6) - cross3(get(y, b + 6), h[i]) / hbar))
        precessionScale = max(precessionScale, norm3(h[i]) / hbar)
      }
      for f in 0..<faces.count {
        let b = layout.base(f) + 9
        precessionError = max(
          precessionError, norm3(get(dy, b) - cross3(get(y, b), 0.5 * (h[f] + h[(f + 1) % n])) / hbar))
      }
      XCTAssertLessThanOrEqual(precessionError, 1e-12 * precessionScale, name)
    }
  }

  /// A start from another problem's steady state (the interface before its right layer is switched
  /// from 0° to 90°) carries that problem's end values; the Dirichlet ends of the evolved problem
  /// hold from t = 0 on both adaptive routes, as on the fixed-step one (whose BDF2 rows impose
  /// them): at t = 0 and 0.1 ps the end nodes are exactly the prescribed values.
  func testDirichletEndsHoldFromTheStart() throws {
    let before = InterfaceGeometry(length: 20e-9, wallWidth: 2e-9, angleDegrees: 0)
    let after = InterfaceGeometry(length: 20e-9, wallWidth: 2e-9, angleDegrees: 90)
    let grid = try after.grid(points: 41)
    let problem = after.problem(on: grid), initial = try before.problem(on: grid).solve().accumulation
    guard case .dirichlet(let right) = problem.right, case .dirichlet(let left) = problem.left else {
      return XCTFail("the interface has Dirichlet ends")
    }
    XCTAssertGreaterThan(norm3(initial[40] - right), 1, "the start carries the other end value")
    let tolerances = try IntegrationTolerances(relative: 1e-6, absolute: 1e-9)
    var ends: [(Vector3, Vector3)] = []
    _ = try CoupledMagnetizationEvolution(problem: problem, exchangeStiffness: 0, accumulationScale: Self.scale)
      .evolve(from: initial, times: [0, 1e-13], tolerances: tolerances) { _, m, _ in ends.append((m[0], m[40])) }
    _ = try FrozenMagnetizationEvolution(problem: problem).evolve(
      from: initial, times: [0, 1e-13], tolerances: tolerances
    ) { _, m in ends.append((m[0], m[40])) }
    XCTAssertEqual(ends.count, 4)
    for (l, r) in ends {
      XCTAssertEqual(l, left)
      XCTAssertEqual(r, right)
    }
  }

  func testBandwidths() throws {
    let cases = try Self.cases()
    let open = try CoupledMagnetizationEvolution(problem: cases[0].1, exchangeStiffness: 1e-20, accumulationScale: 0)
    XCTAssertEqual(open.bandwidths.upper, 20)
    XCTAssertEqual(open.bandwidths.lower, 20)
    let torus = try CoupledMagnetizationEvolution(problem: cases[1].1, exchangeStiffness: 1e-20, accumulationScale: 0)
    XCTAssertEqual(torus.bandwidths.upper, 44)
    XCTAssertEqual(torus.bandwidths.lower, 56)
  }

  /// Error control (BDF up to order 2): with the step set by the local error, h ∝ rtol^{1/3} and
  /// the global error ∝ h² ∝ rtol^{2/3}, so 100× tighter rtol divides it by 100^{2/3} ≈ 21.5.
  /// Against a run at rtol 1e−8 (its own error ≈ 1/21.5 of the 1e−6 run's), the runs at 1e−4 and 1e−6 differ by a ratio in [8, 60] (a factor
  /// ~2.5 either side of 21.5: the pre-asymptotic range, the nonlinear coupling and the
  /// reference's own error), and the 1e−6 run is within 300·rtol of it in m and M/M₀ (the frozen
  /// route's order-2 bound). Measured (with the analytic band Jacobian): ratios 20.0, 19.1, 29.6;
  /// the 1e−6 run within 78·rtol (interface), 4.5·rtol (torus), 0.13·rtol (spiral).
  func testErrorFollowsRtol() throws {
    for (name, problem) in try Self.cases() {
      let reference = try Self.run(problem, rtol: 1e-8, times: [1e-13, 5e-13]).values
      let coarse = Self.distance(try Self.run(problem, rtol: 1e-4, times: [1e-13, 5e-13]).values, reference)
      let fine = Self.distance(try Self.run(problem, rtol: 1e-6, times: [1e-13, 5e-13]).values, reference)
      XCTAssertGreaterThan(coarse / fine, 8, "\(name): \(coarse), \(fine)")
      XCTAssertLessThan(coarse / fine, 60, "\(name): \(coarse), \(fine)")
      XCTAssertLessThanOrEqual(fine, 300 * 1e-6, name)
    }
  }

  /// The fixed-step route (``SpinDynamics``: Lie splitting, LL rotation then BDF2) converges to
  /// this one as Δt → 0 at the splitting's order, 1: with a strong coupling (ρ = 0.5) the
  /// splitting error dominates BDF2's second-order error, so halving Δt (1 fs → 0.5 fs) halves
  /// the difference to the adaptive run at rtol 1e−9 (whose own error, ~1e−7, is far below the
  /// fixed-step ones). Accepted: a ratio in [1.6, 2.6] (first order, with room for the
  /// second-order part and the first backward-Euler step), and a difference that shrinks.
  func testFixedStepConvergesAtFirstOrder() throws {
    let problem = try Self.cases()[0].1
    let end = 2e-13, rho = 0.5
    let reference = try Self.run(problem, rtol: 1e-9, times: [end], scale: rho).values
    let m0 = try SpinDynamics(problem: problem).magnetization.map(norm3).max()!
    func fixed(_ dt: Double) throws -> Double {
      var dynamics = try SpinDynamics(problem: problem, exchangeStiffness: Self.exchange, accumulationScale: rho)
      for _ in 0..<Int((end / dt).rounded()) { try dynamics.step(dt) }
      return Self.distance(dynamics.accumulation + dynamics.magnetization.map { $0 / m0 }, reference)
    }
    let coarse = try fixed(1e-15), fine = try fixed(5e-16)
    XCTAssertGreaterThan(coarse / fine, 1.6, "\(coarse), \(fine)")
    XCTAssertLessThan(coarse / fine, 2.6, "\(coarse), \(fine)")
  }

  /// |M| is a constant of Landau–Lifshitz: the adaptive route keeps it at every node and
  /// snapshot only to its tolerance: the drift of |M| is part of the global error of M, so the
  /// bound is the order-2 global error bound, 300·rtol·max|M| (measured 0.28·rtol on the
  /// interface, where M turns by 0.65 rad; 11·rtol at ρ = 0.5 in DiffusionCLITests; the
  /// exact-rotation splitting keeps |M| to rounding, DynamicsTests). M must move by far more than the drift, except on the spiral, whose M
  /// stays put to rounding (measured: 1e−16 of |M| in 0.5 ps). And with M frozen (ρ = J = 0) this route
  /// integrates the frozen route's equation: both at rtol 1e−7 agree to 300·rtol·max|m| (each
  /// within its order-2 global error of the same solution; measured 186·rtol on the interface,
  /// 237·rtol on the torus, 6.4·rtol on the spiral).
  func testMagnetizationLengthAndFrozenLimit() throws {
    for (name, problem) in try Self.cases() {
      let evolution = try CoupledMagnetizationEvolution(
        problem: problem, exchangeStiffness: Self.exchange, accumulationScale: Self.scale)
      let start = evolution.initialMagnetization, m0 = start.map(norm3).max()!
      var drift = 0.0, moved = 0.0
      _ = try evolution.evolve(
        times: [2e-13, 5e-13], tolerances: try IntegrationTolerances(relative: 1e-6, absolute: 1e-9)
      ) { _, _, magnetization in
        for (a, b) in zip(start, magnetization) {
          drift = max(drift, abs(norm3(a) - norm3(b)))
          moved = max(moved, norm3(a - b))
        }
      }
      XCTAssertLessThanOrEqual(drift, 300 * 1e-6 * m0, name)
      if name == "spiral" {
        // Both motion and drift are rounding (measured 1e−16 and 1e−17 of |M| ≈ 0.07): the
        // spiral is a fixed point of M, so it must stay there within the same bound.
        XCTAssertLessThanOrEqual(moved, 300 * 1e-6 * m0, name)
      } else {
        XCTAssertGreaterThan(moved, 100 * drift, name)
      }
      let tolerances = try IntegrationTolerances(relative: 1e-7, absolute: 1e-10)
      var frozen: [Vector3] = [], coupled: [Vector3] = []
      _ = try FrozenMagnetizationEvolution(problem: problem).evolve(times: [5e-13], tolerances: tolerances) {
        frozen = $1
      }
      _ = try CoupledMagnetizationEvolution(problem: problem, exchangeStiffness: 0, accumulationScale: 0).evolve(
        times: [5e-13], tolerances: tolerances
      ) { _, m, _ in coupled = m }
      let scale = frozen.map(norm3).max()!
      XCTAssertLessThanOrEqual(Self.distance(frozen, coupled), 300 * 1e-7 * scale, name)
    }
  }

  /// Long-time limit with exchange (J = 1e−19 eV·m², about permalloy's) and ρ = 0 on a uniform
  /// texture: the exchange field vanishes, M stays put, and m relaxes to the steady solution of
  /// the same operator (here with Dirichlet ends x̂ and −ẑ against m_eq = ẑ, so the profile is
  /// not uniform). The slowest mode decays at ≥ 1/τ_sf = 1e11 s⁻¹: after 300 ps below e⁻³⁰; the
  /// bound 1e−5 is 10·rtol of the O(1) accumulation, as in FrozenMagnetizationEvolutionTests
  /// (measured 3e−14).
  func testLongTimeLimitWithExchangeIsTheSteadySolution() throws {
    let material = SpinDiffusionMaterial.paper, m0 = material.saturation(forPrecessionRatio: 100)
    let problem = SteadySpinProblem(
      grid: try SpinGrid.refined(from: 0, to: 20e-9, points: 41, centers: [10e-9], width: 2e-9, ratio: 2),
      material: material, texture: .uniform(magnetization: Vector3(0, 0, m0), equilibrium: Vector3(0, 0, 1)),
      left: .dirichlet(Vector3(1, 0, 0)), right: .dirichlet(Vector3(0, 0, -1)))
    let steady = try problem.solve()
    var final: [Vector3] = []
    _ = try CoupledMagnetizationEvolution(problem: problem, exchangeStiffness: 1e-19, accumulationScale: 0).evolve(
      times: [3e-10], tolerances: try IntegrationTolerances(relative: 1e-6, absolute: 1e-9)
    ) { _, m, _ in final = m }
    XCTAssertLessThan(Self.distance(final, steady.accumulation), 1e-5)
    XCTAssertGreaterThan(steady.accumulation.map { norm3($0 - Vector3(0, 0, 1)) }.max()!, 0.5)
  }
}
