import Diagnostics
import LinearAlgebra
import Numerics

/// A ring (or open chain) as the ring routes see it: the built lattice, its size, and its Bloch
/// form when the lattice is a translation-invariant ring.
///
/// The ferromagnetic Hatano–Nelson preset (``HatanoNelsonRing/lattice()``) and a model file
/// (built in the SpinTransport module) both arrive here, so the spectrum, the currents by both
/// methods, the per-bond currents and the per-state values run the same code for either.
/// Currents are normalised by the circumference M a (M = ``siteCount``, a = 1): charge
/// I = e⟨v⟩/(M a) in A, spin I_s^α = ⟨{σ_α, v}⟩/(4 M a) in eV.
public struct RingLattice: Sendable {
  /// The lattice (any directed 2×2 hoppings, non-Hermitian allowed).
  public let system: TightBindingSystem
  /// Number of unit cells N.
  public let cells: Int
  /// The Bloch form (N blocks of 2p × 2p) when the lattice is a ring of N identical cells; nil
  /// otherwise (disorder, cell-dependent values, or an open chain).
  public let bloch: BlochForm?
  /// What breaks translation invariance when ``bloch`` is nil (for errors asking for the
  /// Bloch path): the parameter or key that does it and its value.
  public let notTranslationInvariant: (name: String, value: String)?

  public init(
    system: TightBindingSystem, cells: Int, bloch: BlochForm?,
    notTranslationInvariant: (name: String, value: String)? = nil
  ) {
    self.system = system
    self.cells = cells
    self.bloch = bloch
    self.notTranslationInvariant = bloch == nil ? (notTranslationInvariant ?? ("lattice", "not a clean ring")) : nil
  }

  /// Number of sites M.
  public var siteCount: Int { system.siteCount }
  /// Hilbert-space dimension 2M (the number of eigenstates).
  public var dimension: Int { system.dimension }

  /// The concrete path of `path` for this lattice: `.automatic` → Bloch when a Bloch form
  /// exists, else dense. `.spinResolved` is the preset's own path (refused here).
  /// - Throws: ``/Diagnostics/InvalidParameter`` naming what breaks translation invariance
  ///   for `.bloch` without a Bloch form, or `path` for `.spinResolved`.
  public func concretePath(_ path: RingSpectrum.Path) throws -> RingSpectrum.Path {
    switch path {
    case .automatic: return bloch == nil ? .dense : .bloch
    case .dense: return .dense
    case .bloch:
      if let (name, value) = notTranslationInvariant {
        throw InvalidParameter(
          name, value, allowed: "a translation-invariant ring for the Bloch path (use the dense path)")
      }
      return .bloch
    case .spinResolved:
      throw InvalidParameter(
        "path", "spin-resolved", allowed: "automatic, dense or bloch (the spin-resolved path needs the paper's ring)")
    }
  }
}

extension BlochForm {
  /// The same cell repeated `cells` times (the blocks do not depend on N).
  public func repeated(cells n: Int) -> BlochForm {
    var form = self
    form.cells = n
    return form
  }
}

extension HatanoNelsonRing {
  /// This ring as a ``RingLattice``: ``system()``, and ``blochForm()`` when clean.
  public func lattice() throws -> RingLattice {
    let disorder = self.disorder.map { ($0.name, "\($0.value)") }
    return RingLattice(
      system: try system(), cells: cells, bloch: isClean ? try blochForm() : nil, notTranslationInvariant: disorder)
  }
}
