import Foundation
import Numerics
import TightBinding

/// Karmakar, Ganguly and Maiti (ferromagnetic Hatano–Nelson ring): Figs. 2–14 of the paper (docs/model-reference.md).
/// Parameters: ``Seed002Parameters``. Every figure is a long table with a `gamma` column
/// (one curve per regime).
extension FigureCatalogue {
  public static var seed002: [Figure] {
    let p = Seed002Parameters.self
    let caption = Dictionary(uniqueKeysWithValues: planned.map { ($0.id, $0.caption) })
    func figure(_ id: String, _ compute: @escaping @Sendable () throws -> FigureResult) -> Figure {
      Figure(id: id, seed: "002", caption: caption[id] ?? id, compute: compute)
    }
    return [
      figure("002-fig02") { try Seed002.bands(gamma: p.gammas[0]) },
      figure("002-fig03") { try Seed002.bands(gamma: p.gammas[1]) },
      figure("002-fig04") { try Seed002.bands(gamma: p.gammas[2]) },
      figure("002-fig05") { try Seed002.spectrumVersusFlux() },
      figure("002-fig06") { try Seed002.chargeVersusFlux() },
      figure("002-fig07") { try Seed002.spinVersusFlux(thetaDegrees: 0) },
      figure("002-fig08") { try Seed002.spinVersusFlux(thetaDegrees: p.thetaDegrees) },
      figure("002-fig09") { try Seed002.spinVersusAngle("theta") },
      figure("002-fig10") { try Seed002.spinVersusAngle("azimuth") },
      figure("002-fig11") { try Seed002.spinVersusMu() },
      figure("002-fig12") {
        try Seed002.spinVersusParameter("exchange", range: p.exchangeRange, label: "exchange h (eV)")
      },
      figure("002-fig13") { try Seed002.currentsVersusSize() },
      figure("002-fig14") { try Seed002.spinVersusParameter("aah", range: p.aahRange, label: "AAH strength W (eV)") },
    ]
  }
}
