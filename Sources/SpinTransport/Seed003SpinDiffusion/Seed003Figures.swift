import LinearAlgebra
import Diagnostics
import Foundation
import SpinDiffusion
import Studies

/// Figure parameters of the spin-diffusion figures (Hitchon, Parker and Rebei), in one place.
///
/// Material: the paper's l_sdl = 100 nm, D = 10⁻³ m²/s, a₀ = D_yx/D_xx = 100, λ = 0.1 eV.
/// The paper does not state α for Figs. 6–7, the wall width for Figs. 8–11 nor the torus
/// profile of Fig. 12 in numbers; we choose:
/// - Figs. 6–7: α = 90° (transverse accumulation needs non-collinear layers; the caption's
///   collinear case has m_x ≡ m_y ≡ 0), w ∈ {0.6, 2, 5, 10} nm (0.6 nm is the paper's "sharper").
/// - Figs. 8–11: w = 0.6 nm, α ∈ {0, 30, …, 180}°.
/// - Torus: corner width 1 nm.
/// - Grids: spacing ≤ 25 pm, i.e. ≥ 250 points per precession wavelength 2πl/a₀ ≈ 6.3 nm
///   (discretisation error ≲ 1e−4); tables thinned to ≤ 2000 rows per curve.
enum Seed003Parameters {
  static let material = SpinDiffusionMaterial.paper
  static let precessionRatio = 100.0
  static let wallWidthsNm = [0.6, 2, 5, 10]
  static let wallSweepAngle = 90.0
  static let angleSweepWallNm = 0.6
  static let anglesDeg = [0.0, 30, 60, 90, 120, 150, 180]
  static let torusCornerNm = 1.0
  static let maxSpacing = 25e-12
  static let rowsPerCurve = 2000

  static func interfacePoints(length: Double) -> Int { max(2001, Int((length / maxSpacing - 1e-6).rounded(.up)) + 1) }
  static func torusPoints(side: Double) -> Int { max(4000, Int((4 * side / maxSpacing).rounded(.up)) / 4 * 4 + 4) }
}

extension FigureCatalogue {
  /// The spin-diffusion figures of Hitchon, Parker and Rebei: Figs. 6–11 (interface) and 13–15 (torus).
  public static var seed003: [Figure] {
    typealias S = Seed003Studies
    func figure(
      _ id: String, _ studies: [FigureStudy], _ assemble: @escaping @Sendable ([ResultTable]) throws -> FigureResult
    ) -> Figure {
      Figure(id: id, seed: "003", caption: caption(id), studies: studies, assemble: assemble)
    }
    let (long, short) = (100e-9, 10e-9)
    return [
      figure("003-fig06", [S.walls(length: long)]) { try wallSweep(length: long, $0) },
      figure("003-fig07", [S.walls(length: short)]) { try wallSweep(length: short, $0) },
      figure("003-fig08", S.angles(length: long)) { try angleSweep(length: long, $0, components: ["m_z"]) },
      figure("003-fig09", S.angles(length: short)) { try angleSweep(length: short, $0, components: ["m_z"]) },
      figure("003-fig10", S.angles(length: long)) {
        try angleSweep(length: long, $0, components: ["m_x", "m_y"], angles: [90])
      },
      figure("003-fig11", S.angles(length: short)) {
        try angleSweep(length: short, $0, components: ["m_x", "m_y"], angles: [90])
      },
      figure("003-fig13", S.tori) { try torus(side: 10e-9, $0) },
      figure("003-fig14", S.tori) { try torus(side: 100e-9, $0) },
      figure("003-fig15", S.tori) { try torus(side: 1000e-9, $0) },
    ]
  }

  /// Long table (group, x_m, x_nm, m_x, m_y, m_z), thinned to ≤ rowsPerCurve rows per curve.
  private static func table(_ curves: [(Double, SpinAccumulationProfile)], group: String) -> ResultTable {
    var t = ResultTable(columns: [group, "x_m", "x_nm", "m_x", "m_y", "m_z"])
    for (value, p) in curves {
      let stride = max(1, (p.positions.count + Seed003Parameters.rowsPerCurve - 1) / Seed003Parameters.rowsPerCurve)
      for i in Swift.stride(from: 0, to: p.positions.count, by: stride) {
        let m = p.accumulation[i]
        t.append([value, p.positions[i], p.positions[i] * 1e9, m.x, m.y, m.z])
      }
    }
    t.metadata = SpinDiffusionTables.materialMetadata(
      Seed003Parameters.material, precessionRatio: Seed003Parameters.precessionRatio)
    return t
  }

  private static func interface(length: Double, wallNm: Double, angle: Double) -> InterfaceGeometry {
    InterfaceGeometry(
      length: length, wallWidth: wallNm * 1e-9, angleDegrees: angle, precessionRatio: Seed003Parameters.precessionRatio,
      material: Seed003Parameters.material)
  }

  private static func rmsText(_ pairs: [(Double, Double)], unit: String) -> String {
    pairs.map { String(format: "%g%@: %.3f", $0.0, unit, $0.1) }.joined(separator: ", ")
  }

  static func wallSweep(length: Double, _ tables: [ResultTable]) throws -> FigureResult {
    var curves: [(Double, SpinAccumulationProfile)] = []
    var rms: [(Double, Double)] = []
    let widths = Seed003Parameters.wallWidthsNm
    let profiles = Seed003Studies.profiles(tables[0])
    for (w, p) in zip(widths, profiles) {
      let g = interface(length: length, wallNm: w, angle: Seed003Parameters.wallSweepAngle)
      curves.append((w, p))
      rms.append((w, p.rmsDeviation(from: g.texture.equilibrium)))
    }
    let plot = PlotSpec(
      title: String(format: "Interface, L = %g nm, α = 90°: varying wall width", length * 1e9), x: "x_nm",
      xLabel: "x (nm)",
      panels: [
        PlotSpec.Panel(y: ["m_x"], yLabel: "m_x"), PlotSpec.Panel(y: ["m_y"], yLabel: "m_y"),
        PlotSpec.Panel(y: ["m_z"], yLabel: "m_z"),
      ], groupBy: "w_nm", groupLabel: "w (nm)")
    let monotonic = zip(rms, rms.dropFirst()).allSatisfy { $0.1 > $1.1 }
    return FigureResult(
      table: table(curves, group: "w_nm"), plot: plot,
      comparisons: [
        "paper: the larger the inhomogeneity (smaller w), the larger the accumulation | ours: rms |m − m_eq| by w = "
          + rmsText(rms, unit: " nm")
          + (monotonic
            ? " (monotonic: agrees)"
            : " (not monotonic: oscillates with w on the precession wavelength 2πl/a₀ ≈ 6.3 nm)")
      ])
  }

  static func angleSweep(
    length: Double, _ tables: [ResultTable], components: [String], angles: [Double] = Seed003Parameters.anglesDeg
  ) throws -> FigureResult {
    var curves: [(Double, SpinAccumulationProfile)] = []
    var rms: [(Double, Double)] = []
    let wall = Seed003Parameters.angleSweepWallNm
    let other = Seed003Studies.otherLength(length)
    let profiles = Seed003Studies.profiles(tables[0]) + Seed003Studies.profiles(tables[1])
    for (a, p) in zip(Seed003Parameters.anglesDeg, profiles) {
      let g = interface(length: length, wallNm: wall, angle: a)
      if angles.contains(a) { curves.append((a, p)) }
      rms.append((a, p.rmsDeviation(from: g.texture.equilibrium)))
    }
    let peak = rms.max { $0.1 < $1.1 }?.0 ?? .nan
    let otherGeometry = interface(length: other, wallNm: wall, angle: 90)
    let otherRMS = profiles.last?.rmsDeviation(from: otherGeometry.texture.equilibrium) ?? .nan
    let mine90 = rms.first { $0.0 == 90 }?.1 ?? .nan
    let plot = PlotSpec(
      title: String(format: "Interface, L = %g nm, w = 0.6 nm", length * 1e9), x: "x_nm", xLabel: "x (nm)",
      panels: components.map { PlotSpec.Panel(y: [$0], yLabel: $0) }, groupBy: "angle_deg", groupLabel: "α (deg)")
    return FigureResult(
      table: table(curves, group: "angle_deg"), plot: plot,
      comparisons: [
        String(format: "paper: accumulation largest for orthogonal magnetizations | ours: at L = %g nm, ", length * 1e9)
          + "rms |m − m_eq| by α = " + rmsText(rms, unit: "°") + String(format: "; largest at α = %g°", peak),
        String(
          format:
            "paper: accumulation larger for the smaller sample | ours: rms |m − m_eq| at α = 90°: %.3f (L = %g nm) vs %.3f (L = %g nm)",
          mine90, length * 1e9, otherRMS, other * 1e9),
      ])
  }

  static func torus(side: Double, _ tables: [ResultTable]) throws -> FigureResult {
    var rms: [(Double, Double)] = []
    var mine: SpinAccumulationProfile?
    var equilibrium: (@Sendable (Double) -> Vector3)?
    let sides = Seed003Studies.sides
    let solved = Dictionary(uniqueKeysWithValues: zip(sides, tables.map { Seed003Studies.profiles($0)[0] }))
    for s in sides {
      let t = TorusGeometry(
        side: s, cornerWidth: Seed003Parameters.torusCornerNm * 1e-9,
        precessionRatio: Seed003Parameters.precessionRatio,
        material: Seed003Parameters.material)
      guard let p = solved[s] else { continue }
      rms.append((s * 1e9, p.rmsDeviation(from: t.texture.equilibrium, period: 4 * s)))
      if s == side {
        mine = p
        equilibrium = t.texture.equilibrium
      }
    }
    guard let mine, let equilibrium else { throw InvalidParameter("side_m", side, allowed: "one of the torus sides") }
    var result = table([(side * 1e9, mine)], group: "side_nm")
    // The equilibrium accumulation m_eq(x) beside m(x): the paper's claim is that m tries to
    // reach it near the middle of each side.
    result.columns += ["m_eq_x", "m_eq_y", "m_eq_z"]
    result.rows = result.rows.map { row in
      let eq = equilibrium(row[1].number ?? .nan)
      return row + [.number(eq.x), .number(eq.y), .number(eq.z)]
    }
    // One full-width panel per component (m and m_eq): the precession along each side stays legible.
    var plot = PlotSpec(
      title: String(format: "Torus, side L = %g nm (x from 0 to 4L)", side * 1e9), x: "x_nm", xLabel: "x (nm)",
      panels: ["x", "y", "z"].map { c in
        PlotSpec.Panel(y: ["m_\(c)", "m_eq_\(c)"], yLabel: "m_\(c) (normalised)", title: "component \(c)")
      })
    plot.panelColumns = 1
    let decreasing = zip(rms, rms.dropFirst()).allSatisfy { $0.1 > $1.1 }
    return FigureResult(
      table: result, plot: plot,
      comparisons: [
        "paper: torus accumulation largest for the smallest side | ours: rms |m − m_eq| by side = "
          + rmsText(rms, unit: " nm")
          + (decreasing ? " (decreasing: agrees)" : " (not decreasing)"),
        "paper: the accumulation tries to reach equilibrium near the middle of each side | ours: see m along each side",
      ])
  }
}

/// The studies behind the spin-diffusion figures: `diffusion-interface` over w or α at one L,
/// `diffusion-torus` at one side (the paper's material, a₀ = 100, refinement 4, grids of
/// ``Seed003Parameters``).
enum Seed003Studies {
  typealias P = SpinDiffusionParameters
  typealias F = Seed003Parameters

  /// The sample length the angle figures compare with (the other of 10 nm and 100 nm).
  static func otherLength(_ length: Double) -> Double { length < 50e-9 ? 100e-9 : 10e-9 }

  static let sides = [10e-9, 100e-9, 1000e-9]

  private static func interfaceFixed(length: Double) -> [String: ParameterValue] {
    [
      P.length.id: .number(length), P.points.id: .number(Double(F.interfacePoints(length: length))),
      P.precessionRatio.id: .number(F.precessionRatio),
    ]
  }

  /// Figs. 6–7: the interface at α = 90° over the wall widths.
  static func walls(length: Double) -> FigureStudy {
    var fixed = interfaceFixed(length: length)
    fixed[P.angle.id] = .number(F.wallSweepAngle)
    return FigureStudy(
      computation: DiffusionInterfaceComputation(),
      title: String(format: "Interface, L = %g nm, α = 90°: varying wall width", length * 1e9), fixed: fixed,
      sweeps: [(P.wallWidth.id, F.wallWidthsNm.map { .number($0 * 1e-9) })])
  }

  /// Figs. 8–11: the interface with w = 0.6 nm over every α (`angles`), and at α = 90° in the
  /// sample of the other length (`other-length`, for the comparison line).
  static func angles(length: Double) -> [FigureStudy] {
    let wall = ParameterValue.number(F.angleSweepWallNm * 1e-9)
    var fixed = interfaceFixed(length: length)
    fixed[P.wallWidth.id] = wall
    var other = interfaceFixed(length: otherLength(length))
    other[P.wallWidth.id] = wall
    other[P.angle.id] = .number(90)
    return [
      FigureStudy(
        name: "angles", computation: DiffusionInterfaceComputation(),
        title: String(format: "Interface, L = %g nm, w = 0.6 nm", length * 1e9), fixed: fixed,
        sweeps: [(P.angle.id, F.anglesDeg.map(ParameterValue.number))]),
      FigureStudy(
        name: "other-length", computation: DiffusionInterfaceComputation(),
        title: String(format: "Interface, L = %g nm, w = 0.6 nm, α = 90°", otherLength(length) * 1e9), fixed: other),
    ]
  }

  /// Figs. 13–15: the torus of each side (each figure draws its own; the comparison line needs all three).
  static var tori: [FigureStudy] {
    sides.map { side in
      FigureStudy(
        name: String(format: "side-%gnm", side * 1e9), computation: DiffusionTorusComputation(),
        title: String(format: "Torus, side L = %g nm", side * 1e9),
        fixed: [
          P.side.id: .number(side), P.cornerWidth.id: .number(F.torusCornerNm * 1e-9),
          P.torusPoints.id: .number(Double(F.torusPoints(side: side))),
          P.precessionRatio.id: .number(F.precessionRatio),
        ])
    }
  }

  /// The profiles of a study's table, one per swept value in order (the whole table when nothing
  /// is swept): columns [swept,] x_m, m_x, m_y, m_z.
  static func profiles(_ table: ResultTable) -> [SpinAccumulationProfile] {
    let swept = table.columns.count - SpinDiffusionTables.profileColumns.count
    var groups: [(key: Double?, rows: [[Double]])] = []
    for row in table.rows {
      let v = row.map { $0.number ?? .nan }
      let key = swept == 1 ? v[0] : nil
      if groups.isEmpty || groups[groups.count - 1].key != key { groups.append((key, [])) }
      groups[groups.count - 1].rows.append(Array(v[swept...]))
    }
    return groups.map { g in
      SpinAccumulationProfile(
        positions: g.rows.map { $0[0] }, accumulation: g.rows.map { Vector3($0[1], $0[2], $0[3]) },
        backwardError: .nan)
    }
  }
}
