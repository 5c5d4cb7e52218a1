import SpinTransport
import Foundation

extension FigureCatalogue {
  /// TEST FIXTURES, not physics: two analytic figures that exercise the `reproduce` pipeline
  /// (grouped curves in two panels, and a contour plot) before any model figure exists.
  ///
  /// They are not in ``all``; the CLI adds them only when the environment variable
  /// `SPINTRANSPORT_TEST_FIGURES=1` is set (end-to-end tests).
  public static var testFixtures: [Figure] {
    [
      Figure(id: "test-curves", seed: "test", caption: "TEST FIXTURE: sin(kx) and cos(kx) for k = 1, 2, 3") {
        var table = ResultTable(columns: ["x_rad", "k", "sin_kx", "cos_kx"], metadata: ["fixture": true])
        for k in 1...3 {
          for i in 0...60 {
            let x = Double(i) * 2 * Double.pi / 60
            table.append([x, Double(k), sin(Double(k) * x), cos(Double(k) * x)])
          }
        }
        let plot = PlotSpec(
          title: "Test fixture: sin and cos", x: "x_rad", xLabel: "x (rad)",
          panels: [
            .init(y: ["sin_kx"], yLabel: "sin(kx)", title: "sine"),
            .init(y: ["cos_kx"], yLabel: "cos(kx)", title: "cosine"),
          ],
          groupBy: "k", groupLabel: "k")
        return FigureResult(
          table: table, plot: plot,
          comparisons: ["paper: ∫₀^{2π} sin²(x) dx = π | ours: \(String(format: "%.4f", trapezoidSinSquared()))"])
      },
      Figure(id: "test-contour", seed: "test", caption: "TEST FIXTURE: contours of x² − y²") {
        var table = ResultTable(columns: ["x_m", "y_m", "saddle_m2"])
        for i in 0...20 {
          for j in 0...20 {
            let x = -1 + Double(i) / 10, y = -1 + Double(j) / 10
            table.append([x, y, x * x - y * y])
          }
        }
        let plot = PlotSpec(
          title: "Test fixture: saddle", kind: .contour(z: "saddle_m2", levels: 9), x: "x_m", xLabel: "x (m)",
          panels: [.init(y: ["y_m"], yLabel: "y (m)")])
        return FigureResult(table: table, plot: plot)
      },
    ]
  }

  /// ∫₀^{2π} sin² x dx by the trapezoid rule on 60 intervals (exact for this periodic integrand).
  static func trapezoidSinSquared() -> Double {
    let h = 2 * Double.pi / 60
    return (0..<60).map { pow(sin(Double($0) * h), 2) }.reduce(0, +) * h
  }
}
