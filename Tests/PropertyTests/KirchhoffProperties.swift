@testable import LinearAlgebra
import Numerics
import PhysicalConstants
import PropertyBased
import Testing
@testable import TightBinding

/// Kirchhoff's current law for the biorthogonal bond currents of random rings and textures.
///
/// The invariant: for the occupied projector P = R_occ(L_occ†R_occ)⁻¹L_occ† (whole clusters
/// with mean Re E ≤ μ), P commutes with H, so for every site i
/// Tr(P·i[H, n_i]) = i·Tr([P, H] n_i) = 0, and i[H, n_i] = −Σ_b J_{i→b} (bond currents out of i).
/// On a ring every site has one bond in and one bond out, hence the bond currents
/// J_b = Tr(P Ĵ_b), Ĵ_{i→j} = −i(H_ji c_j†c_i − H_ij c_i†c_j), are equal on every bond — for
/// non-Hermitian, non-reciprocal, disordered H, any flux and any μ. The existing tests prove the
/// total current two ways (operator vs twist derivative, Bloch vs dense); this one is local.
///
/// A spin component is conserved only when it commutes with H: for the Hatano–Nelson preset
/// (spin-scalar hoppings, one exchange direction n) n·σ does, so the n·σ bond spin currents are
/// equal too; for a texture (a different exchange direction per site) spin is not conserved and
/// only the charge law is tested.
///
/// Tolerance: P is built from eigenvectors with errors ~κ·ε; the bond traces are O(‖P‖·‖H‖), so
/// |J_b − J_b'| ≤ 1e−12·(1 + κ²)·max(1, max|J|): the largest spread/(that bound without the
/// 1e−12) seen over 600 cases of each property was 1.7e−15 (κ up to 25), a margin of ~600, while a
/// broken operator (a wrong sign, a missing bond, a non-spectral projector) gives O(|J|) spreads.
@Suite("Kirchhoff law for ring bond currents")
struct KirchhoffProperties {
  /// Hatano–Nelson ring: N = 2…6 cells; t₁, γ ∈ {−1.5, −1.4, …, 1.5} eV, t₂ ∈ {0.1, …, 1.5} eV;
  /// φ = kπ/16 (|k| ≤ 16); h ∈ {0, 0.1, …, 1} eV; θ, ϕ in steps of 15°; AAH W ∈ {0, 0.1, …, 2} eV;
  /// μ ∈ {−2, −1.95, …, 2} eV. Charge and n·σ spin bond currents equal on every bond, and
  /// e·J_b equals the library's charge current (``PersistentCurrents/denseOperatorTotals``).
  ///
  /// Parameters are integers on grids (not arbitrary doubles) so that a failure shrinks in a
  /// few dozen steps to readable values; shrinking doubles through eigensolves took > 10 min.
  @Test func hatanoNelsonBondCurrentsAreEqual() async throws {
    let hoppings = zip(Gen.int(in: -15...15), Gen.int(in: -15...15), Gen.int(in: 1...15))
    let field = zip(Gen.int(in: 0...10), Gen.int(in: 0...12), Gen.int(in: 0...23))
    await propertyCheck(
      count: 60, input: Gen.int(in: 2...6), hoppings, Gen.int(in: -16...16), field, Gen.int(in: 0...20),
      Gen.int(in: -40...40)
    ) { cells, hop, flux, field, aah, muStep in
      let degree = Double.pi / 180
      let ring = HatanoNelsonRing(
        cells: cells, t1: Double(hop.0) / 10, gamma: Double(hop.1) / 10, t2: Double(hop.2) / 10,
        fluxPhase: Double(flux) * Double.pi / 16, exchange: Double(field.0) / 10, theta: Double(15 * field.1) * degree,
        azimuth: Double(15 * field.2) * degree, aah: Double(aah) / 10)
      let mu = Double(muStep) / 20
      let system = try ring.system()
      guard let (eig, selection) = try Self.occupied(system, mu: mu) else { return }
      let n = ring.momentDirection
      let nSigma = SpinMatrix.along(n.x, n.y, n.z)
      let charge = try Self.bondCurrents(system, eig, selection) { $0 }
      let spin = try Self.bondCurrents(system, eig, selection) { j in
        Complex(0.5, 0) * (nSigma * j + j * nSigma)
      }
      let tolerance = Self.tolerance(eig, charge + spin)
      Self.expectAllEqual(charge, tolerance, "charge", ring)
      Self.expectAllEqual(spin, tolerance, "n·σ spin", ring)
      let total = try PersistentCurrents.denseOperatorTotals(system, sites: ring.siteCount, mu: mu, kT: 0)
      if total.warnings.isEmpty {
        let fromBond = Complex(PhysicalConstants.amperePerElectronVoltHopping, 0) * charge[0]
        let scale = PhysicalConstants.amperePerElectronVoltHopping
        #expect((fromBond - total.currents.charge).length <= tolerance * scale, "\(ring)")
      }
    }
  }

  /// A ring of M = 3…7 sites with a random magnetic texture (on-site ε_i + h_i·σ, a different
  /// direction per site) and random non-reciprocal 2×2 complex hoppings each way (entries in
  /// steps of 0.25 in [−1, 1]): charge bond currents equal. One generated record per site, so
  /// shrinking removes sites as well as zeroing entries.
  @Test func texturedRingChargeBondCurrentsAreEqual() async throws {
    let quarter = Gen.int(in: -4...4)
    let site = zip(quarter.array(of: 4), quarter.array(of: 16))
    await propertyCheck(count: 60, input: site.array(of: 3...7), Gen.int(in: -12...12)) { records, muStep in
      let sites = records.count
      var model = LatticeModel()
      for (i, record) in records.enumerated() {
        let o = record.0.map { Double($0) / 4 }
        model.addSite(position: Double(i), onsite: .scalar(o[0]) + .along(o[1], o[2], o[3]))
      }
      for (i, record) in records.enumerated() {
        let x = record.1.map { Double($0) / 4 }
        let block = { (k: Int) in
          SpinMatrix(
            Complex(x[k], x[k + 1]), Complex(x[k + 2], x[k + 3]), Complex(x[k + 4], x[k + 5]),
            Complex(x[k + 6], x[k + 7]))
        }
        model.addBond((i + 1) % sites, i, forward: block(0), backward: block(8), displacement: 1)
      }
      let system = try model.finalize()
      guard let (eig, selection) = try Self.occupied(system, mu: Double(muStep) / 4) else { return }
      let charge = try Self.bondCurrents(system, eig, selection) { $0 }
      Self.expectAllEqual(charge, Self.tolerance(eig, charge), "charge", records)
    }
  }

  /// Eigensystem and occupied selection, or nil for an exactly defective H (no projector exists).
  static func occupied(_ system: TightBindingSystem, mu: Double) throws -> (BiorthogonalEigensystem, [Int])? {
    do {
      let eig = try BiorthogonalEigensystem(system.hamiltonian())
      return (eig, Property.selection(eig, realPartAtMost: mu))
    } catch LinearAlgebraError.exceptionalPoint { return nil }
  }

  /// Tr(P Ĵ_b) for each bond b = {i, i+1} in ring order, Ĵ_b built from the hoppings on that bond:
  /// block −i·sign(d)·`weight`(T) for each directed hopping T with displacement d.
  static func bondCurrents(
    _ system: TightBindingSystem, _ eig: BiorthogonalEigensystem, _ selection: [Int],
    weight: (SpinMatrix) -> SpinMatrix
  ) throws -> [Complex<Double>] {
    let m = system.siteCount
    let ops = try (0..<m).map { b in
      try system.bondOperator { h in
        let onBond = Set([h.to, h.from]) == Set([b, (b + 1) % m])
        return onBond ? Complex(0, h.displacement > 0 ? -1 : 1) * weight(h.matrix) : .zero
      }
    }
    return try eig.traces(of: ops, selecting: selection)
  }

  /// 1e−12·(1 + κ²)·max(1, max|J|): see the type documentation.
  static func tolerance(_ eig: BiorthogonalEigensystem, _ currents: [Complex<Double>]) -> Double {
    let kappa = eig.maxConditionNumber
    return 1e-12 * (1 + kappa * kappa) * Swift.max(1, currents.map(\.length).max() ?? 0)
  }

  /// Expects every value of `j` within `tolerance` of the first (the spread is in the message).
  static func expectAllEqual(_ j: [Complex<Double>], _ tolerance: Double, _ what: String, _ context: Any) {
    let spread = j.map { ($0 - j[0]).length }.max() ?? 0
    #expect(spread <= tolerance, "\(what) bond currents differ by \(spread): \(j) for \(context)")
  }
}
