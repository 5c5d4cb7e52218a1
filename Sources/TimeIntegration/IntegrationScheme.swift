import Diagnostics

/// The time-stepping method of an adaptive integration by ``StiffIntegrator``.
///
/// - ``bdf(maximumOrder:)``: CVODE's variable-order BDF, orders 1…`maximumOrder` (1–5). BDF1 and
///   BDF2 are A-stable, BDF3–5 only A(α)-stable (α = 86°, 73°, 51°). The local error test
///   controls the error of the propagated order q, so the global error scales as rtol^{q/(q+1)}
///   (rtol^{2/3} at q = 2).
/// - ``sdirk(_:)``: ARKODE's ARKStep with an L-stable, stiffly accurate diagonally implicit
///   Runge–Kutta table (``SDIRKTable``) that propagates the higher-order solution and estimates
///   the error with its embedding (local extrapolation): the step is h ∝ rtol^{1/q} and the
///   global error ∝ rtol, while L-stability covers the whole left half-plane, eigenvalues next
///   to the imaginary axis included (and damps unresolved stiff modes instead of ringing).
public enum IntegrationScheme: Sendable, Equatable, CustomStringConvertible {
  case bdf(maximumOrder: Int)
  case sdirk(SDIRKTable)

  /// The catalogue spelling of the scheme family: `bdf` or `sdirk`.
  public var name: String {
    switch self {
    case .bdf: "bdf"
    case .sdirk: "sdirk"
    }
  }

  public var description: String {
    switch self {
    case .bdf(let q): "BDF (orders 1–\(q))"
    case .sdirk(let table): "SDIRK \(table.rawValue)"
    }
  }

  /// The scheme a catalogue entry names: `sdirk` (``SDIRKTable/ark548``) or `bdf` with orders
  /// up to `maximumOrder`.
  /// - Precondition: `name` is `sdirk` or `bdf` (checked by the parameter's domain).
  public init(named name: String, maximumOrder: Int) {
    precondition(Self.names.contains(name), "scheme \(name) is not one of \(Self.names)")
    self = name == "bdf" ? .bdf(maximumOrder: maximumOrder) : .sdirk(.ark548)
  }

  /// The catalogue spellings, the default first.
  public static let names = ["sdirk", "bdf"]

  /// Checks the BDF order cap (1–5).
  /// - Throws: ``/Diagnostics/InvalidParameter`` naming `max_order`.
  func validate() throws {
    if case .bdf(let q) = self, !(1...5).contains(q) {
      throw InvalidParameter("max_order", q, allowed: "1 to 5 (BDF)")
    }
  }
}

/// An L-stable, stiffly accurate SDIRK table of ARKODE (Kennedy and Carpenter), named by
/// stages_embedding-order_order.
public enum SDIRKTable: String, Sendable, Equatable, CaseIterable {
  /// ARK5(4)8L[2]SA, implicit part: 8 stages, order 5, embedding 4.
  case ark548 = "ARK548L2SA_DIRK_8_4_5"
  /// ARK4(3)7L[2]SA, implicit part: 7 stages, order 4, embedding 3.
  case ark437 = "ARK437L2SA_DIRK_7_3_4"
  /// ESDIRK5(4)7L[2]SA₂: 7 stages (explicit first stage), order 5, embedding 4, stage order 2.
  case esdirk547 = "ESDIRK547L2SA2_7_4_5"
}
