import LinearAlgebra
import Foundation
import PhysicalConstants
import SpinWaves
import Studies

/// Chosen parameters of the Heisenberg-ring figures, in one place.
///
/// The paper's example ring (S = ½, g = 2, N = 100, J = 100 K) throughout. The current-vs-Ω figure
/// uses |h| = Δ (the paper's "optimal" field) and T = 10Δ ≈ 2 K, inside Δ ≪ T ≪ JS where Eq. 16
/// should hold and LSWT (which needs T ≪ JS) is meaningful. The temperature figure fixes
/// Ω = π/2 (|sinΩ| = 1, cosϑ_m = 3/4) and spans T = 0.2Δ…30Δ for |h| = Δ and |h| = 6Δ (the
/// docs/model-reference.md −18 % point). The voltage figure is the paper's estimate (T = 60 K, L = d = 100 nm).
/// Fig. 3 uses ϑ_m = 30° as the paper, on an 80 × 80 grid of ±3R (even count: no node on the wire).
enum Seed000FigureParameters {
  static let spins = 100
  static let spinLength = 0.5
  static let exchange = 100.0
  static let g = 2.0
  static var gap: Double { exchange * spinLength * pow(2 * Double.pi / Double(spins), 2) }
  /// |B| with gμ_B|B| = Δ (T).
  static var fieldForGap: Double { gap / PhysicalConstants.zeemanKelvinPerTesla(g: g) }
  static var omegaTemperature: Double { 10 * gap }
  static let omegaLatitudes = stride(from: 2.0, through: 178.0, by: 4.0).map { $0 }
  static let temperatureRatios = (0...58).map { 0.2 * pow(150.0, Double($0) / 58) }  // T/Δ, log-spaced 0.2…30
  static let estimateTemperature = 60.0
  static let estimateLength = 100e-9
  static let fig3Latitude = 30.0
  static let fig3Points = 80
  static let fig3HalfWidth = 3.0  // in units of R

  /// The catalogue point of the example ring at field latitude `latitude` (deg), |B| = `field` (T)
  /// and temperature `temperature` (K), with the ground-state search's four deterministic starts only.
  /// `latitude` or `method` nil leaves it out (a swept one).
  static func point(
    latitude: Double?, field: Double = fieldForGap, temperature: Double, method: CrownStudy.CurrentMethod? = .sum
  ) -> [String: ParameterValue] {
    typealias C = CrownRingParameters
    var values: [String: ParameterValue] = [
      C.spins.id: .number(Double(spins)), C.spin.id: .number(spinLength), C.exchange.id: .number(exchange),
      C.field.id: .number(field), C.g.id: .number(g), C.randomStarts.id: 0, C.temperature.id: .number(temperature),
    ]
    if let latitude { values[C.latitude.id] = .number(latitude) }
    if let method { values[C.method.id] = .text(method.rawValue) }
    return values
  }

  /// Field latitude ϑ (deg) putting the texture at cosϑ_m = 3/4 (|sinΩ| ≈ 1) for |h| = Δ.
  static var estimateLatitude: Double { fieldLatitude(thetaM: acos(0.75)) }

  /// Field latitude ϑ (deg) putting the crown of |h| = Δ at ϑ_m (rad): Eq. 14 inverted,
  /// ϑ = ϑ_m + asin(c sin 2ϑ_m), c = (JS/|h|)(1 − cos 2π/N); the general solver then decides ϑ_m.
  static func fieldLatitude(thetaM thetaTarget: Double) -> Double {
    let c = exchange * spinLength / gap * (1 - cos(2 * Double.pi / Double(spins)))
    return (thetaTarget + asin(c * sin(2 * thetaTarget))) * 180 / Double.pi
  }

  /// The radius (m) of the Fig. 3 ring: 1, so lengths in metres are lengths in units of R.
  static let fig3Radius = 1.0

  /// The voltage figure's distances: 20 nm … 500 nm, log-spaced.
  static let estimateDistances = (0...40).map { 20e-9 * pow(25.0, Double($0) / 40) }
}

/// The studies behind the magnon-current figures (entries `magnon-current`, `magnon-potential`).
enum Seed000Studies {
  typealias P = Seed000FigureParameters
  typealias C = CrownRingParameters

  /// I_m versus Ω: `magnon-current` over the field latitude × the three methods (one ground
  /// state per latitude, shared by its methods).
  static var currentVersusOmega: [FigureStudy] {
    [
      FigureStudy(
        computation: MagnonCurrentComputation(), title: "I_m vs Ω (N = 100, S = 1/2, J = 100 K, |h| = Δ, T = 10Δ)",
        fixed: P.point(latitude: nil, temperature: P.omegaTemperature, method: nil),
        sweeps: [
          (C.latitude.id, P.omegaLatitudes.map(ParameterValue.number)),
          (C.method.id, CrownStudy.CurrentMethod.allCases.map { .text($0.rawValue) }),
        ])
    ]
  }

  /// I_s versus T at Ω = π/2: `magnon-formula` over T = (T/Δ)·Δ × {Eq. 15 sum, Eq. 16} for |h| = Δ
  /// (`h1`) and |h| = 6Δ (`h6`).
  static var currentVersusTemperature: [FigureStudy] {
    typealias F = MagnonCurrentParameters
    return [1.0, 6.0].map { ratio in
      FigureStudy(
        name: "h\(Int(ratio))", computation: MagnonFormulaComputation(),
        title: "I_s vs T at Ω = π/2, |h| = \(Int(ratio))Δ (Δ of N = 100, S = 1/2, J = 100 K)",
        fixed: [
          F.solidAngle.id: .number(Double.pi / 2), F.gap.id: .number(P.gap), F.zeeman.id: .number(ratio * P.gap),
        ],
        sweeps: [
          (C.temperature.id, P.temperatureRatios.map { .number($0 * P.gap) }),
          (F.method.id, [CrownStudy.CurrentMethod.sum, .closedForm].map { .text($0.rawValue) }),
        ],
        columns: ["longitudinal_spin_current_K"])
    }
  }

  /// Fig. 3: `magnon-potential` on the grid ±3R × ±3R (80 × 80) of the example ring at the field
  /// latitude that puts its crown at ϑ_m = 30° (R = 1 m; T = 10Δ, where I_m ≠ 0: the figure shows φ
  /// in units of (μ₀/4π) I_m / R, which do not depend on T).
  static var equipotentials: [FigureStudy] {
    var ring = P.point(
      latitude: P.fieldLatitude(thetaM: P.fig3Latitude * Double.pi / 180), temperature: P.omegaTemperature)
    ring[C.radius.id] = .number(P.fig3Radius)
    ring[C.grid.id] = .text("\(Int(P.fig3HalfWidth * P.fig3Radius)):\(P.fig3Points)")
    return [
      FigureStudy(
        computation: MagnonPotentialComputation(), title: "Potential of the magnetization current, ϑ_m = 30°",
        fixed: ring, columns: ["x_m", "z_m", "potential_V", "magnetization_current_Am2_per_s"])
    ]
  }

  /// The paper's estimate: `magnon-current` at 60 K and the field latitude of cosϑ_m = 3/4
  /// (`current`), `magnon-potential` of that ring (L = 100 nm) over the distances, then at d = L
  /// (`voltage`).
  static var voltage: [FigureStudy] {
    let point = P.point(latitude: P.estimateLatitude, field: P.fieldForGap, temperature: P.estimateTemperature)
    var ring = point
    ring[C.radius.id] = .number(P.estimateLength / (2 * Double.pi))
    return [
      FigureStudy(
        name: "current", computation: MagnonCurrentComputation(), title: "Magnon current at 60 K, |h| = Δ",
        fixed: point),
      FigureStudy(
        name: "voltage", computation: MagnonPotentialComputation(),
        title: "Voltage between ±d on the axis (T = 60 K, L = 100 nm)", fixed: ring,
        sweeps: [(C.distance.id, (P.estimateDistances + [P.estimateLength]).map(ParameterValue.number))],
        columns: ["voltage_V", "voltage_dipole_V"]),
    ]
  }
}

extension FigureCatalogue {
  /// The figures of Schütz, Kollar and Kopietz (2003): magnon persistent current and its electric field.
  public static var seed000: [Figure] {
    [
      Figure(
        id: "000-current-vs-omega", seed: "000", caption: caption("000-current-vs-omega"),
        studies: Seed000Studies.currentVersusOmega, assemble: currentVersusOmega),
      Figure(
        id: "000-current-vs-temperature", seed: "000", caption: caption("000-current-vs-temperature"),
        studies: Seed000Studies.currentVersusTemperature, assemble: currentVersusTemperature),
      Figure(
        id: "000-voltage", seed: "000", caption: caption("000-voltage"), studies: Seed000Studies.voltage,
        assemble: voltageEstimate),
      Figure(
        id: "000-fig3", seed: "000", caption: caption("000-fig3"), studies: Seed000Studies.equipotentials,
        assemble: equipotentials),
    ]
  }

  /// I_m versus Ω along a sweep of the field latitude: Eq. 15, Eq. 16 and LSWT on the solved texture.
  @Sendable static func currentVersusOmega(_ tables: [ResultTable]) throws -> FigureResult {
    typealias P = Seed000FigureParameters
    let t = P.omegaTemperature
    // `magnon-current` over latitude × method: columns latitude_deg, method, then the outputs.
    let study = tables[0]
    let column = { (name: String) in study.columns.firstIndex(of: name) ?? 0 }
    let rows = study.rows.map { r -> [TableValue] in
      [.number(value(r[0]))] + ["theta_m_deg", "solid_angle"].map { r[column($0)] } + [r[1]]
        + ["longitudinal_spin_current_K", "magnetization_current_Am2_per_s", "thermal_longitudinal_spin_current_K"]
        .map { r[column($0)] }
    }
    var table = ResultTable(columns: [
      "latitude_deg", "theta_m_deg", "solid_angle", "method", "spin_current_K", "magnetization_current_Am2_per_s",
      "thermal_spin_current_K", "solid_angle_reduced",
    ])
    // I_m is 2π-periodic in Ω (Eq. 15 depends on Ω only through k_n ∝ n − Ω/2π), so the curve is drawn
    // against Ω reduced to (−π, π], sorted, one curve per method; `solid_angle` keeps the solver's branch.
    let reduced = rows.map { r -> [TableValue] in
      let omega = value(r[2])
      var w = omega - 2 * Double.pi * (omega / (2 * Double.pi)).rounded()
      if w <= -Double.pi { w += 2 * Double.pi }
      return r + [.number(w)]
    }
    let methodOrder = CrownStudy.CurrentMethod.allCases.map(\.rawValue)
    for r in reduced.sorted(by: { a, b in
      guard case .text(let ma) = a[3], case .text(let mb) = b[3] else { return false }
      let ia = methodOrder.firstIndex(of: ma)!, ib = methodOrder.firstIndex(of: mb)!
      return ia != ib ? ia < ib : value(a[7]) < value(b[7])
    }) { table.append(r) }
    table.metadata = ["temperature_K": .number(t), "field_T": .number(P.fieldForGap), "gap_K": .number(P.gap)]
    // Extremum of the exact sum and the ratio to the paper's scale gμ_B k_B T/ħ.
    let sumRows = table.rows.filter { $0[3] == .text("sum") }
    let best = sumRows.max { abs(value($0[4])) < abs(value($1[4])) }!
    let scale = MagnonCurrent.magnetizationCurrent(spinCurrentKelvin: t, g: P.g)
    let lswtRows = table.rows.filter { $0[3] == .text("lswt") }
    let lswtBest = lswtRows.max { abs(value($0[6])) < abs(value($1[6])) }!
    let bestOmega = fmt(value(best[2])), bestCos = fmt(cos(value(best[1]) * Double.pi / 180))
    let ratio = fmt(abs(value(best[5])) / scale)
    let lswtValue = fmt(value(lswtBest[6])), sumValue = fmt(value(best[4]))
    let line1 =
      "paper: |sinΩ| maximal at cosϑ_m = 3/4 or 1/4 | ours: largest |I_m| (Eq. 15) at Ω = " + bestOmega
      + " sr, cosϑ_m = " + bestCos
    let line2 =
      "paper: I_m ≈ gμ_B T/ħ for |h| ≈ Δ | ours: max|I_m| / (gμ_B k_B T/ħ) = " + ratio
      + " (1/cosh 2π scale: the estimate is ~270× too large)"
    let line3 =
      "paper: anomalous S⁻S⁻ terms negligible (higher order in 1/N) | ours: LSWT thermal current at its extremum "
      + lswtValue + " K vs Eq. 15 " + sumValue
      + " K (texture gap h* < |h| and anomalous terms, both O(Δ); docs/spin-waves.md)"
    let plot = PlotSpec(
      title: "I_m vs Ω (N = 100, S = 1/2, J = 100 K, |h| = Δ, T = 10Δ)", x: "solid_angle_reduced",
      xLabel: "Ω mod 2π (sr)",
      panels: [.init(y: ["magnetization_current_Am2_per_s"], yLabel: "I_m (A m²/s)")], groupBy: "method",
      groupLabel: "method", style: .linespoints)
    return FigureResult(
      table: table, plot: plot,
      comparisons: [line1, line2, line3])
  }

  /// Exact sum vs Eq. 16 versus T/Δ at Ω = π/2, for |h| = Δ and 6Δ, from the `magnon-formula` studies
  /// of ``Seed000Studies/currentVersusTemperature`` (rows: T outer, then sum and closed-form); the
  /// comparison lines evaluate the two formulas at T = Δ and 5Δ, which the T grid does not hold.
  @Sendable static func currentVersusTemperature(_ tables: [ResultTable]) throws -> FigureResult {
    typealias P = Seed000FigureParameters
    let gap = P.gap, omega = Double.pi / 2
    var table = ResultTable(columns: [
      "temperature_over_gap", "temperature_K", "curve", "spin_current_over_T", "spin_current_K",
      "minus_spin_current_over_T",
    ])
    for (hRatio, study) in zip([1, 6], tables) {
      let temperatures = try column(study, CrownRingParameters.temperature.id)
      let currents = try column(study, "longitudinal_spin_current_K")
      for (k, r) in P.temperatureRatios.enumerated() {
        let t = temperatures[2 * k], exact = currents[2 * k], eq16 = currents[2 * k + 1]
        table.append([
          .number(r), .number(t), .text("Eq. 15 sum, h = \(hRatio)Δ"), .number(exact / t), .number(exact),
          .number(-exact / t),
        ])
        table.append([
          .number(r), .number(t), .text("Eq. 16, h = \(hRatio)Δ"), .number(eq16 / t), .number(eq16),
          .number(-eq16 / t),
        ])
      }
    }
    let exactAtGap = try MagnonCurrent.exactSum(omega: omega, gap: gap, zeeman: 6 * gap, temperature: gap).sum
      .spinCurrent
    let deviationAtGap =
      try MagnonCurrent.closedForm(omega: omega, gap: gap, zeeman: 6 * gap, temperature: gap) / exactAtGap - 1
    let exact5 = try MagnonCurrent.exactSum(omega: omega, gap: gap, zeeman: gap, temperature: 5 * gap).sum.spinCurrent
    let dev5 = try MagnonCurrent.closedForm(omega: omega, gap: gap, zeeman: gap, temperature: 5 * gap) / exact5 - 1
    table.metadata = ["solid_angle": .number(omega), "gap_K": .number(gap)]
    // I_s < 0 at Ω = π/2: −I_s/T on logarithmic axes shows the exact sum at h = 6Δ exponentially
    // small below T ≈ Δ (orders of magnitude under Eq. 16) and both meeting Eq. 16's constant above.
    var plot = PlotSpec(
      title: "−I_s/T vs T/Δ at Ω = π/2 (exact Eq. 15 vs classical Eq. 16)", x: "temperature_over_gap",
      xLabel: "T/Δ", panels: [.init(y: ["minus_spin_current_over_T"], yLabel: "−I_s/T")], groupBy: "curve",
      groupLabel: "")
    plot.logX = true
    plot.logY = true
    return FigureResult(
      table: table, plot: plot,
      comparisons: [
        "expected: Eq. 16 about −18 % off the exact sum at T = Δ, h = 6Δ | ours: "
          + "\(fmt(100 * deviationAtGap)) % (at Ω = π/2)",
        "expected: Eq. 16 off the exact sum by ≲ 1e-8 at T = 5Δ, h = Δ | ours: \(fmt(dev5))",
        "paper: Eq. 16 accurate for Δ ≪ T ≪ JS | ours: I_s/T → constant (Eq. 16) for T ≳ 3Δ, exponentially small below",
      ])
  }

  /// The paper's estimate: Δ, the field with gμ_B|B| = Δ, I_m at 60 K, U at d = L = 100 nm (and U versus d).
  @Sendable static func voltageEstimate(_ tables: [ResultTable]) throws -> FigureResult {
    typealias P = Seed000FigureParameters
    let bField = P.fieldForGap
    let fieldLatitude = P.estimateLatitude
    let radius = P.estimateLength / (2 * Double.pi)
    // The model's curves from the `magnon-current` study (one point) and the `magnon-potential`
    // study (distance, voltage_V, voltage_dipole_V; the last row at d = L).
    let model = tables[0].cells(row: 0)
    let thetaM = model["theta_m_deg"] ?? .nan, solidAngle = model["solid_angle"] ?? .nan
    let im = model["magnetization_current_Am2_per_s"] ?? .nan
    let voltages = tables[1].rows.map { r in (exact: value(r[1]), dipole: value(r[2])) }
    let paperCurrent = MagnonCurrent.magnetizationCurrent(spinCurrentKelvin: P.estimateTemperature, g: P.g)
    let paperLoop = try MagnetizationCurrentLoop(
      radius: radius, texture: .crown(latitude: Double.pi / 2), magnetizationCurrent: paperCurrent)
    var table = ResultTable(columns: ["distance_m", "curve", "voltage_V"])
    for (d, u) in zip(P.estimateDistances, voltages) {
      let up = try paperLoop.axialVoltage(distance: d)
      table.append([.number(d), .text("Eq. 17 integral, I_m from Eq. 15"), .number(abs(u.exact))])
      table.append([.number(d), .text("dipole, I_m from Eq. 15"), .number(abs(u.dipole))])
      table.append([.number(d), .text("paper: dipole, I_m = gμ_B k_B T/ħ, sinϑ_m = 1"), .number(abs(up.dipole))])
    }
    let u100 = voltages[voltages.count - 1]
    let uPaper = try paperLoop.axialVoltage(distance: P.estimateLength)
    table.metadata = [
      "gap_K": .number(P.gap), "field_for_gap_T": .number(bField), "temperature_K": .number(P.estimateTemperature),
      "magnetization_current_Am2_per_s": .number(im),
      "theta_m_deg": .number(thetaM),
      "solid_angle": .number(solidAngle), "voltage_exact_V": .number(u100.exact),
      "voltage_dipole_V": .number(u100.dipole),
    ]
    var plot = PlotSpec(
      title: "Voltage between ±d on the axis (T = 60 K, L = 100 nm)", x: "distance_m", xLabel: "d (m)",
      panels: [.init(y: ["voltage_V"], yLabel: "|U| (V)")], groupBy: "curve", groupLabel: "")
    // The paper's estimate is ~270× the Eq. 15 value and U falls as 1/d²: log–log shows both.
    plot.logX = true
    plot.logY = true
    return FigureResult(
      table: table, plot: plot,
      comparisons: [
        "paper: Δ = JS(2π/N)² (N = 100, J = 100 K, S = 1/2) | ours: Δ = \(fmt(P.gap)) K",
        "paper: gμ_B|B| ≈ Δ at |B| ≈ 0.1 T | ours: |B| = \(fmt(bField)) T",
        "paper: I_m ≈ gμ_B k_B T/ħ = \(fmt(paperCurrent)) A m²/s at 60 K | ours: I_m = "
          + "\(fmt(im)) A m²/s (Eq. 15, |h| = Δ, field latitude \(fmt(fieldLatitude))°, "
          + "ϑ_m = \(fmt(thetaM))°, Ω = \(fmt(solidAngle)) sr)",
        "paper: U ≈ 0.5 nV (T/K)(L/nm)/(d/nm)² → 0.3 nV at T = 60 K, d = L = 100 nm | ours: with the paper's I_m "
          + "dipole \(fmt(uPaper.dipole * 1e9)) nV, integral \(fmt(uPaper.exact * 1e9)) nV; with I_m from Eq. 15: "
          + "dipole \(fmt(u100.dipole * 1e9)) nV, integral \(fmt(u100.exact * 1e9)) nV",
      ])
  }

  /// Fig. 3: equipotentials in the x–z plane for ϑ_m = 30° (potential in units of (μ₀/4π) I_m / R),
  /// from the `magnon-potential` study of ``Seed000Studies/equipotentials``; the far-field line
  /// compares the Eq. 17 loop of ϑ_m = 30° with its dipole.
  @Sendable static func equipotentials(_ tables: [ResultTable]) throws -> FigureResult {
    typealias P = Seed000FigureParameters
    let thetaM = P.fig3Latitude * Double.pi / 180
    let loop = try MagnetizationCurrentLoop(radius: 1, texture: .crown(latitude: thetaM), magnetizationCurrent: 1)
    let study = tables[0]
    let x = try column(study, "x_m"), z = try column(study, "z_m"), phi = try column(study, "potential_V")
    let im = try column(study, "magnetization_current_Am2_per_s")
    let unit = PhysicalConstants.vacuumPermeability / (4 * Double.pi) / P.fig3Radius  // φ per I_m
    // Equipotentials are level sets, unchanged by a monotone map of the value; contouring asinh(φ/φ_s)
    // spaces the levels logarithmically away from the wire, where φ diverges (φ_s = 0.1 in these units).
    let scale = 0.1
    var table = ResultTable(columns: ["x_over_R", "z_over_R", "potential", "potential_asinh"])
    for k in x.indices {
      let value = phi[k] / (unit * im[k])
      table.append([x[k] / P.fig3Radius, z[k] / P.fig3Radius, value, asinh(value / scale)])
    }
    let far = loop.potential(at: Vector3(0, 0, 50)) / loop.dipolePotential(at: Vector3(0, 0, 50)) - 1
    table.metadata = [
      "theta_m_deg": .number(P.fig3Latitude),
      "potential_unit": .string("(mu0/4pi) I_m / R (V when I_m in A m^2/s, R in m)"),
      "current_direction": .string("clockwise seen from +z (site numbering of the crown preset)"),
    ]
    let plot = PlotSpec(
      title: "Equipotentials, ϑ_m = 30° (ring of radius R in z = 0; levels of asinh(φ/0.1))",
      kind: .contour(z: "potential_asinh", levels: 16), x: "x_over_R", xLabel: "x/R",
      panels: [.init(y: ["z_over_R"], yLabel: "z/R")])
    let c2 = PhysicalConstants.speedOfLight * PhysicalConstants.speedOfLight
    let dipoleRatio = fmt(loop.dipoleMoment.z * c2 / (2 * Double.pi * sin(thetaM)))
    return FigureResult(
      table: table, plot: plot,
      comparisons: [
        "paper: far field → dipole p = −ẑ (I_m/c) L sinϑ_m (counter-clockwise current) | ours: p_z = " + dipoleRatio
          + " × (I_m/c²) L sinϑ_m for the clockwise current; φ(50R ẑ)/φ_dipole − 1 = \(fmt(far)) (quadrupole cotϑ_m R/r)",
        "paper: equipotentials of Fig. 3 (shape only) | ours: contour plot of the Eq. 17 line integral, not digitised",
      ])
  }

  static func value(_ v: TableValue) -> Double {
    switch v {
    case .number(let x): return x
    case .integer(let i): return Double(i)
    case .text: return .nan
    }
  }

  private static func fmt(_ x: Double) -> String { String(format: "%.4g", x) }
}

extension ResultTable {
  /// The numeric cells of row `row`, by column name (text cells are NaN).
  fileprivate func cells(row: Int) -> [String: Double] {
    Dictionary(zip(columns, rows[row].map(FigureCatalogue.value)), uniquingKeysWith: { a, _ in a })
  }
}
