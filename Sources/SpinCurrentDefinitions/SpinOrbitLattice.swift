import Diagnostics
import Foundation
import Numerics
import TightBinding

/// A Rashba–Zeeman tight-binding lattice of Bray-Ali and Nussinov (docs/model-reference.md), built with the
/// TightBinding ``/TightBinding/LatticeModel``.
///
///     H = Σ_i c_i† (B n̂·σ) c_i + Σ_(i←j) c_i† T_ij c_j,    T_ij = −t 𝟙 + i α (σ × d̂_ij)_z
///
/// d̂_ij is the unit vector of the hop j → i. Along x (d̂ = x̂) this is the 1D Rashba hopping
/// T = −t − iα σ_y; along y (d̂ = ŷ) T = −t + iα σ_x. T_ji = T_ij† (H is Hermitian).
///
/// Geometries (``Geometry``):
/// - `.chain(sites:)`: open chain x = 0…N−1 (the paper's setting: X is well defined).
/// - `.patch(length:width:)`: open L × W square patch, site (x, y) → index x·W + y; the
///   builder stores the x coordinate as the position, y-bonds have zero x-displacement, so
///   X, v = i[H, X] and the currents refer to flow along x.
/// - `.ring(sites:flux:)`: closed ring of N sites (the closing bond N−1 → 0 has displacement +1),
///   every forward hop multiplied by e^{iΦ/N} (total flux phase Φ, rad; same sign as the
///   TightBinding ring presets). X is not single valued here: only the bare current is defined.
///
/// Units: energies (t, α, B) in eV, lengths in lattice constants a, ħ = 1. The Zeeman direction
/// n̂ = (sinθ cosϕ, sinθ sinϕ, cosθ) (angles in rad). The default n̂ = (0, 1, 1)/√2 is chosen
/// because it breaks every symmetry that forces the σ_z currents to vanish on the open chain:
/// B ∥ ẑ (reflection × σ_z), B ⊥ ẑ (reflection × σ_z × time reversal), B in the xz plane
/// (H real), B ∥ ŷ (σ_y conserved), and at μ = 0 the sublattice × σ_y symmetry (n_y = 0).
public struct SpinOrbitLattice: Sendable, Equatable {
  /// Shape of the lattice.
  public enum Geometry: Sendable, Equatable {
    case chain(sites: Int)
    case patch(length: Int, width: Int)
    case ring(sites: Int, flux: Double)
  }

  public var geometry: Geometry
  /// Spin-independent hopping t (eV); T contains −t.
  public var hopping: Double
  /// Rashba coupling α (eV).
  public var rashba: Double
  /// Zeeman energy B (eV): on-site term B n̂·σ.
  public var zeeman: Double
  /// Polar angle θ of n̂ (rad).
  var zeemanPolar: Double
  /// Azimuth ϕ of n̂ (rad).
  var zeemanAzimuth: Double

  /// Largest number of sites accepted (dense 2M × 2M diagonalisation and operator products).
  public static let maximumSites = 500

  public init(
    geometry: Geometry, hopping: Double = 1, rashba: Double, zeeman: Double = 0,
    zeemanPolar: Double = Double.pi / 4, zeemanAzimuth: Double = Double.pi / 2
  ) {
    self.geometry = geometry
    self.hopping = hopping
    self.rashba = rashba
    self.zeeman = zeeman
    self.zeemanPolar = zeemanPolar
    self.zeemanAzimuth = zeemanAzimuth
  }

  /// Number of sites M.
  public var siteCount: Int {
    switch geometry {
    case .chain(let n), .ring(let n, _): return n
    case .patch(let l, let w): return l * w
    }
  }

  /// True for the open geometries (chain, patch), where X and hence J, 𝒥 are defined.
  var isOpen: Bool {
    if case .ring = geometry { return false }
    return true
  }

  /// The same lattice closed into a ring (chains only; a patch stays as it is).
  func closedRing(flux: Double) -> SpinOrbitLattice {
    var r = self
    if case .chain(let n) = geometry { r.geometry = .ring(sites: n, flux: flux) }
    return r
  }

  /// The on-site Zeeman matrix B n̂·σ (eV).
  var zeemanMatrix: SpinMatrix {
    Complex(zeeman, 0)
      * SpinMatrix.along(
        Foundation.sin(zeemanPolar) * Foundation.cos(zeemanAzimuth),
        Foundation.sin(zeemanPolar) * Foundation.sin(zeemanAzimuth), Foundation.cos(zeemanPolar))
  }

  /// Hopping matrix T = −t 𝟙 + iα (σ_x d̂_y − σ_y d̂_x) for a hop along the unit vector d̂.
  func hoppingMatrix(dx: Double, dy: Double) -> SpinMatrix {
    let soc = Complex(0, rashba) * (Complex(dy, 0) * SpinMatrix.sigmaX - Complex(dx, 0) * SpinMatrix.sigmaY)
    return SpinMatrix.scalar(-hopping) + soc
  }

  /// Checks every parameter; errors name the parameter ids (`hopping_eV`, `sites`).
  /// - Throws: ``/Diagnostics/InvalidParameter`` for sizes out of range or non-finite numbers.
  public func validate() throws {
    switch geometry {
    case .chain(let n): try Require.inRange(n, 2...Self.maximumSites, "sites")
    case .ring(let n, let flux):
      try Require.inRange(n, 3...Self.maximumSites, "sites")
      try Require.finite(flux, "flux")
    case .patch(let l, let w):
      try Require.inRange(l, 2...Self.maximumSites, "sites")
      try Require.inRange(w, 1...Self.maximumSites, "width")
      guard l * w <= Self.maximumSites else {
        throw InvalidParameter("width", w, allowed: "sites × width ≤ \(Self.maximumSites)")
      }
    }
    for (value, name) in [
      (hopping, "hopping_eV"), (rashba, "rashba_eV"), (zeeman, "zeeman_eV"), (zeemanPolar, "zeeman_polar_deg"),
      (zeemanAzimuth, "zeeman_azimuth_deg"),
    ] { try Require.finite(value, name) }
  }

  /// Builds the ``/TightBinding/TightBindingSystem`` (validated).
  public func system() throws -> TightBindingSystem {
    try validate()
    var model = LatticeModel()
    let onsite = zeemanMatrix
    switch geometry {
    case .chain(let n):
      for i in 0..<n { model.addSite(position: Double(i), onsite: onsite) }
      for i in 0..<(n - 1) {
        model.addHermitianBond(i + 1, i, hopping: hoppingMatrix(dx: 1, dy: 0), displacement: 1)
      }
    case .ring(let n, let flux):
      for i in 0..<n { model.addSite(position: Double(i), onsite: onsite) }
      let phase = Complex(Foundation.cos(flux / Double(n)), Foundation.sin(flux / Double(n)))
      for i in 0..<n {
        model.addHermitianBond((i + 1) % n, i, hopping: phase * hoppingMatrix(dx: 1, dy: 0), displacement: 1)
      }
    case .patch(let l, let w):
      for x in 0..<l { for _ in 0..<w { model.addSite(position: Double(x), onsite: onsite) } }
      for x in 0..<l {
        for y in 0..<w {
          let i = x * w + y
          if x + 1 < l { model.addHermitianBond(i + w, i, hopping: hoppingMatrix(dx: 1, dy: 0), displacement: 1) }
          if y + 1 < w { model.addHermitianBond(i + 1, i, hopping: hoppingMatrix(dx: 0, dy: 1), displacement: 0) }
        }
      }
    }
    return try model.finalize()
  }
}
