import Foundation

extension FiniteTemperatureLanczos.SectorData {
  /// The sector's samples as bit patterns: JSON whose numbers are the `UInt64` bit patterns of the
  /// doubles, so a sector sent between processes arrives bit for bit (NaN and ±∞ included).
  private struct Bits: Codable {
    var label: String
    var residual: UInt64
    var energies: [UInt64]
    var diagonals: [[UInt64]]
    var ritz: [[UInt64]]
    var weights: [[UInt64]]
    var operatorWeights: [[[UInt64]]]
  }

  /// Lossless text form of the sector (what crosses between MPI ranks).
  var wire: String {
    let bits = Bits(
      label: sectorLabel, residual: exactResidual.bitPattern, energies: exactEnergies.map(\.bitPattern),
      diagonals: exactDiagonals.map { $0.map(\.bitPattern) }, ritz: ritz.map { $0.map(\.bitPattern) },
      weights: weights.map { $0.map(\.bitPattern) },
      operatorWeights: operatorWeights.map { $0.map { $0.map(\.bitPattern) } })
    // Encoding plain arrays of integers and strings cannot fail.
    return String(decoding: try! JSONEncoder().encode(bits), as: UTF8.self)
  }

  /// The sector from ``wire``. Throws a decoding error for text not made by ``wire``.
  init(wire: String) throws {
    let b = try JSONDecoder().decode(Bits.self, from: Data(wire.utf8))
    self.init(
      exactEnergies: b.energies.map(Double.init(bitPattern:)),
      exactDiagonals: b.diagonals.map { $0.map(Double.init(bitPattern:)) },
      ritz: b.ritz.map { $0.map(Double.init(bitPattern:)) },
      weights: b.weights.map { $0.map(Double.init(bitPattern:)) },
      operatorWeights: b.operatorWeights.map { $0.map { $0.map(Double.init(bitPattern:)) } },
      exactResidual: Double(bitPattern: b.residual), sectorLabel: b.label)
  }
}
