import Foundation
import Numerics
import Studies
import TightBinding

/// Karmakar, Ganguly and Maiti (ferromagnetic Hatano–Nelson ring): Figs. 2–14 of the paper (docs/model-reference.md).
/// Parameters: ``Seed002Parameters``. Every figure is a long table with a `gamma` column
/// (one curve per regime).
extension FigureCatalogue {
  public static var seed002: [Figure] {
    let p = Seed002Parameters.self
    func figure(
      _ id: String, _ studies: [FigureStudy], _ assemble: @escaping @Sendable ([ResultTable]) throws -> FigureResult
    ) -> Figure {
      Figure(id: id, seed: "002", caption: caption(id), studies: studies, assemble: assemble)
    }
    typealias R = RingParameters
    let flux = Seed002Studies.fluxGrid
    let angles = { (top: Double) in (0..<p.angleSteps).map { top * Double($0) / Double(p.angleSteps - 1) } }
    func evenly(_ r: (start: Double, stop: Double, count: Int)) -> [Double] {
      (0..<r.count).map { r.start + (r.stop - r.start) * Double($0) / Double(r.count - 1) }
    }
    let (theta, azimuth) = (angles(180), angles(360))
    let (mus, exchanges, aahs) = (evenly(p.muRange), evenly(p.exchangeRange), evenly(p.aahRange))
    return [
      figure("002-fig02", Seed002Studies.bandsStudies(gamma: p.gammas[0])) {
        try Seed002Studies.bands(gamma: p.gammas[0], $0)
      },
      figure("002-fig03", Seed002Studies.bandsStudies(gamma: p.gammas[1])) {
        try Seed002Studies.bands(gamma: p.gammas[1], $0)
      },
      figure("002-fig04", Seed002Studies.bandsStudies(gamma: p.gammas[2])) {
        try Seed002Studies.bands(gamma: p.gammas[2], $0)
      },
      figure("002-fig05", Seed002Studies.spectrumStudies) { try Seed002Studies.spectrumVersusFlux($0) },
      figure("002-fig06", [Seed002Studies.gammaSweep(R.fluxPhase, values: flux, thetaDegrees: 0)]) {
        try Seed002Studies.chargeVersusFlux(Seed002Studies.gammaTable($0, R.fluxPhase, thetaDegrees: 0))
      },
      figure("002-fig07", [Seed002Studies.gammaSweep(R.fluxPhase, values: flux, thetaDegrees: 0)]) {
        try Seed002Studies.spinVersusFlux(Seed002Studies.gammaTable($0, R.fluxPhase, thetaDegrees: 0), thetaDegrees: 0)
      },
      figure("002-fig08", [Seed002Studies.gammaSweep(R.fluxPhase, values: flux)]) {
        try Seed002Studies.spinVersusFlux(Seed002Studies.gammaTable($0, R.fluxPhase), thetaDegrees: p.thetaDegrees)
      },
      figure("002-fig09", [Seed002Studies.gammaSweep(R.theta, values: theta)]) {
        try Seed002Studies.spinVersusAngle("theta", Seed002Studies.gammaTable($0, R.theta))
      },
      figure("002-fig10", [Seed002Studies.gammaSweep(R.azimuth, values: azimuth)]) {
        try Seed002Studies.spinVersusAngle("azimuth", Seed002Studies.gammaTable($0, R.azimuth))
      },
      figure("002-fig11", [Seed002Studies.gammaSweep(R.mu, values: mus)]) {
        try Seed002Studies.spinVersusMu(Seed002Studies.gammaTable($0, R.mu), values: mus)
      },
      figure("002-fig12", [Seed002Studies.gammaSweep(R.exchange, values: exchanges)]) {
        try Seed002Studies.spinVersusParameter(
          "exchange", Seed002Studies.gammaTable($0, R.exchange), values: exchanges, label: "exchange h (eV)")
      },
      figure("002-fig13", Seed002Studies.sizeStudies) { try Seed002Studies.currentsVersusSize($0) },
      figure("002-fig14", [Seed002Studies.gammaSweep(R.aah, values: aahs)]) {
        try Seed002Studies.spinVersusParameter(
          "aah", Seed002Studies.gammaTable($0, R.aah), values: aahs, label: "AAH strength W (eV)")
      },
    ]
  }
}
