import LinearAlgebra

/// The named observables of the exact ring routes: column name, unit, meaning, operator builder
/// and the routes (full ED, ground-state Lanczos, FTLM) that evaluate it.
///
/// Operator entries (``isOperator``) are evaluated by every route listed, in the order of ``all``:
/// the current j_0 of bond 0 (``ExactRingModel/bondCurrent(_:along:)``; the ring's −J S_0 × S_1) (K) in
/// the cylinder frame (r̂, φ̂, ẑ) of site 0 (x̂, ŷ, ẑ), ⟨S_0⟩ and ⟨S_1⟩
/// (ħ) in their own frames, the longitudinal current −J m̂_0·(S_0^⊥ × S_1^⊥) (K) along the classical
/// axes m̂_i (absent without axes), and the twist derivative −(1/N_b) ∂F/∂δ as its Hellmann–Feynman
/// operator (`twistCurrent`). The other entries are quantities a route derives itself (energy,
/// free energy, specific heat, gap, the thermal part, the FTLM standard error);
/// a route not listed gives nan. Adding an observable is one entry here.
public struct ExactObservable: Sendable {
  /// A method that evaluates exact observables.
  public enum Route: String, Sendable, CaseIterable { case full, lanczos, ftlm }

  public let name: String
  /// "K" for energies and currents, "" for spin components (ħ) and the specific heat (k_B).
  public let unit: String
  public let meaning: String
  public let routes: Set<Route>
  let builder: (@Sendable (ExactRingModel, [Vector3]?) -> SpinOperatorSum?)?

  /// True when the routes evaluate an operator for it (false: a derived quantity).
  public var isOperator: Bool { builder != nil }

  /// The operator of this observable for `model` (`axes`: classical m̂_i, one per site); nil for a
  /// derived quantity, or when it needs axes and none are given.
  func operatorFor(_ model: ExactRingModel, axes: [Vector3]?) -> SpinOperatorSum? {
    builder?(model, axes)
  }

  /// Every observable, operator entries first.
  public static let all: [ExactObservable] = currents + [twistCurrent] + spins + derived

  /// The operator entries present for `axes` with their operators, in the order of ``all``.
  public static func operators(
    for model: ExactRingModel, axes: [Vector3]?
  ) -> [(observable: ExactObservable, operator: SpinOperatorSum)] {
    all.compactMap { o in o.operatorFor(model, axes: axes).map { (o, $0) } }
  }

  /// The observable named `name` (nil when there is none).
  public static func named(_ name: String) -> ExactObservable? { all.first { $0.name == name } }

  static let everyRoute = Set(Route.allCases)
  static let frameNames = ["radial", "azimuthal", "z"]

  static let currents: [ExactObservable] =
    (0..<3).map { a in
      ExactObservable(
        name: "spin_current_\(frameNames[a])_K", unit: "K",
        meaning: "bond current −J⟨S_0 × S_1⟩ along the \(frameNames[a]) axis of site 0", routes: everyRoute
      ) { model, _ in
        let f = ExactSpectrum.cylinderFrame(site: 0, of: model.siteCount)
        return model.bondCurrent(0, along: [f.0, f.1, f.2][a])
      }
    } + [
      ExactObservable(
        name: "longitudinal_spin_current_K", unit: "K",
        meaning: "longitudinal current −J⟨m̂_0·(S_0^⊥ × S_1^⊥)⟩ along the classical axes (axis-dependent)",
        routes: everyRoute
      ) { model, axes in
        axes.map { model.longitudinalCurrent(0, axes: $0[model.bonds[0].first], $0[model.bonds[0].second]) }
      }
    ]

  /// −(1/N_b) ∂F/∂δ of H(δ) (every bond twisted by δ about z) as an operator: ∂F/∂δ = ⟨∂H/∂δ⟩ at any T
  /// (Hellmann–Feynman; at T = 0 the ground-manifold average, the T → 0⁺ limit) and
  /// ∂H/∂δ|₀ = Σ_b S_iᵀ K_b R_z′(0) S_j = −Σ_b j_b^z, so the column is the bond average (1/N_b) Σ_b ⟨j_b^z⟩ (K).
  static let twistCurrent = ExactObservable(
    name: "spin_current_z_twist_K", unit: "K",
    meaning: "jᶻ = −(1/N_b) ∂F/∂δ, the twist derivative, as the bond average (1/N_b) Σ_b ⟨j_b^z⟩ (Hellmann–Feynman)",
    routes: everyRoute
  ) { model, _ in
    var o = SpinOperatorSum()
    for b in model.bonds.indices { o = o + model.bondCurrent(b, along: Vector3(0, 0, 1)) }
    return o.scaled(1 / Double(model.bondCount))
  }

  static let spins: [ExactObservable] = [("a", 0), ("b", 1)].flatMap { label, site in
    (0..<3).map { a in
      ExactObservable(
        name: "spin_\(label)_\(frameNames[a])", unit: "",
        meaning: "⟨S⟩ of site \(site) along its \(frameNames[a]) axis, ħ", routes: everyRoute
      ) { model, _ in
        let f = ExactSpectrum.cylinderFrame(site: site, of: model.siteCount)
        var o = SpinOperatorSum()
        o.add(site: site, [f.0, f.1, f.2][a])
        return o
      }
    }
  }

  static let derived: [ExactObservable] = [
    ExactObservable(
      name: "thermal_spin_current_z_K", unit: "K", meaning: "jᶻ(T) − jᶻ(0)", routes: everyRoute,
      builder: nil),
    ExactObservable(name: "energy_K", unit: "K", meaning: "⟨H⟩", routes: everyRoute, builder: nil),
    ExactObservable(name: "free_energy_K", unit: "K", meaning: "−T ln Z", routes: everyRoute, builder: nil),
    ExactObservable(
      name: "specific_heat", unit: "", meaning: "specific heat, k_B", routes: everyRoute, builder: nil),
    ExactObservable(
      name: "gap_K", unit: "K", meaning: "E_1 − E_0 above the ground manifold", routes: [.full, .ftlm],
      builder: nil),
    ExactObservable(
      name: "spin_current_z_stderr_K", unit: "K",
      meaning: "statistical standard error of spin current z (ftlm; 0 for full, lanczos)", routes: everyRoute,
      builder: nil),
  ]
}

extension ExactObservable {
  init(
    name: String, unit: String, meaning: String, routes: Set<Route>,
    _ builder: @escaping @Sendable (ExactRingModel, [Vector3]?) -> SpinOperatorSum?
  ) {
    self.init(name: name, unit: unit, meaning: meaning, routes: routes, builder: builder)
  }
}
