import SpinTransport
@testable import LongitudinalRelaxation
@testable import SpinCurrentDefinitions
@testable import SpinDiffusion
@testable import SpinWaves
@testable import TightBinding
import XCTest

/// The Swift examples of the DocC model articles (`Sources/<Module>/<Module>.docc/*.md`),
/// verbatim, so an example that stops compiling or changes its numbers fails here.
final class DocumentationExampleTests: XCTestCase {
  private func assertClose(
    _ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertTrue(
      a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= accuracy }, "\(a) ≠ \(b)", file: file, line: line)
  }

  func testTightBindingArticleExample() throws {
    // Seed 002's topological ring: N = 10 cells, γ = 0.5 eV, t₂ = 1 eV, h = 0.3 eV, tilted moments.
    let ring = HatanoNelsonRing(
      cells: 10, gamma: 0.5, t2: 1, fluxPhase: 0.1, exchange: 0.3, theta: .pi / 4, azimuth: .pi / 6)
    let result = try PersistentCurrents.compute(ring, mu: -0.63)
    print("I =", result.currents.charge.real, "A;  I_s^z =", result.currents.spin[2].real, "eV")
    XCTAssertTrue(result.warnings.isEmpty)
    XCTAssertEqual(result.currents.charge.imaginary, 0, accuracy: 1e-16)  // even ring: Im vanishes
    XCTAssertNotEqual(result.currents.spin[2].real, 0)
  }

  func testSpinWavesArticleExample() throws {
    // The paper's example: S = ½, g = 2, N = 100, J = 100 K; the field latitude puts cosϑ_m ≈ 3/4.
    let crown = CrownRing(
      spins: 100, spinLength: 0.5, exchange: 100, fieldTesla: 0.14693, g: 2, latitudeDegrees: 71.14)
    let ground = try CrownStudy.groundState(crown)
    let current = try CrownStudy.current(ground, temperature: 60, method: .sum)
    print("Ω =", ground.solidAngle, "sr;  I_m =", current.magnetizationCurrent, "A m²/s")
    XCTAssertEqual(cos(ground.thetaMDegrees * .pi / 180), 0.75, accuracy: 2e-3)
    XCTAssertEqual(current.magnetizationCurrent, -5.44e-13, accuracy: 0.01e-13)  // README table
  }

  func testSpinCurrentDefinitionsArticleExample() throws {
    // Open Rashba chain, 16 sites, α = 0.3 eV, |B| = 0.4 eV along the default n̂ = (0, 1, 1)/√2.
    let chain = SpinOrbitLattice(geometry: .chain(sites: 16), rashba: 0.3, zeeman: 0.4)
    let check = try DefinitionsCheck.run(chain, occupation: .grandCanonical(mu: 0, temperature: 0))
    for row in check.rows { print(row.definition, row.thermalValue) }
    XCTAssertEqual(check.rows.map(\.definition), DefinitionsCheck.rowNames)
    XCTAssertEqual(check.row("shi")!.thermalValue, 0, accuracy: 1e-10)  // conserved current: zero in equilibrium
  }

  func testSpinDiffusionArticleExample() throws {
    // A 90° domain wall of width 2 nm in a 20 nm wire; m in units of the equilibrium accumulation.
    let geometry = InterfaceGeometry(length: 20e-9, wallWidth: 2e-9, angleDegrees: 90)
    let solution = try geometry.problem(on: try geometry.grid(points: 401)).solve()
    print(solution.positions.count, solution.accumulation[200])
    // The article's conventions: ends at equilibrium, m_eq = −n̂_L = −ẑ left, +n̂_R = x̂ right (α = 90°).
    let left = solution.accumulation.first!, right = solution.accumulation.last!
    assertClose([left.x, left.y, left.z], [0, 0, -1], accuracy: 1e-9)
    assertClose([right.x, right.y, right.z], [1, 0, 0], accuracy: 1e-9)
  }

  func testLongitudinalRelaxationArticleExample() throws {
    // Reduced units: ξ = χ_m/χ_M = 0.3, no lattice decay; rates in r, wavevectors in k_M.
    let model = try RelaxationModel(xi: 0.3)
    let rates = try model.reducedRates(k2Ratio: 1)
    let k = try model.wavevector(omega: 1).kRatio
    print("γ+/r =", rates.gammaPlus, " γ−/r =", rates.gammaMinus, " k/k_M =", k)
    // Eq. 36 at k = k_M: γ± = [(2 ± √(4 − 4ξ))]/2 in units of r (trace 2, determinant ξ).
    XCTAssertEqual(rates.gammaPlus + rates.gammaMinus, 2, accuracy: 1e-12)
    XCTAssertEqual(rates.gammaPlus * rates.gammaMinus, 0.3, accuracy: 1e-12)
    XCTAssertGreaterThanOrEqual(k.imaginary, 0)
  }
}
