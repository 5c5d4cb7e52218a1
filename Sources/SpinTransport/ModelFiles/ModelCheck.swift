import Diagnostics
import Foundation
import ModelFiles
import Studies

/// `spintransport model check FILE`: what a model file builds, at its parameters' defaults —
/// counts, Hermiticity, symmetries found, units, the memory each route would need — as text,
/// and (JSON) the built system itself, so that it can be checked against an independent code.
///
/// One case per family; each family's report lives beside its builder
/// (`<Family>ModelFile+Check.swift`).
public enum ModelCheck {
  /// The report on the model file at `url` (`shownAs` names it in messages).
  /// Throws the file's ``/ModelFiles/ModelFileError`` or an ``/Diagnostics/InvalidParameter``.
  public static func report(_ url: URL, shownAs shown: String) throws -> (text: String, json: JSONValue) {
    let document = try ModelDocument.load(url, shownAs: shown)
    switch document.family {
    case "tight-binding":
      let file = try TightBindingModelFile(document: document, reserved: RingCurrentsComputation().parameters)
      return try file.check()
    case "spin":
      let file = try SpinModelFile(document: document, reserved: MagnonExactComputation().parameters)
      return try file.check()
    case "texture":
      return try TextureModelFile.check(url, shownAs: shown)
    case "profile":
      return try ProfileModelFile.check(url, shownAs: shown)
    default:
      throw ModelFileError(
        "model check of family \"\(document.family)\" (allowed: \"tight-binding\", \"spin\", \"texture\", \"profile\")",
        at: document.familyLocation)
    }
  }
}
