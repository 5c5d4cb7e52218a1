import Diagnostics

extension Study {
  /// `warnings` without those about output columns this study does not write: a warning whose
  /// message names output columns of `model` (whole words, e.g. "gap_K is nan with …"), none of
  /// them among ``outputs``, concerns nothing printed. Warnings naming no column are kept.
  public func concerning(_ warnings: [NumericalWarning], model: any Computation) -> [NumericalWarning] {
    let chosen = Set(outputs)
    let names = model.outputs.map(\.name)
    return warnings.filter { w in
      let named = names.filter { Self.mentions(w.message, $0) }
      return named.isEmpty || named.contains(where: chosen.contains)
    }
  }

  /// Whether `text` holds `word` delimited by characters that cannot be part of a column name.
  static func mentions(_ text: String, _ word: String) -> Bool {
    func isNamePart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
    var rest = text[...]
    while let range = rest.range(of: word) {
      let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
      let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
      if !(before.map(isNamePart) ?? false) && !(after.map(isNamePart) ?? false) { return true }
      rest = text[range.upperBound...]
    }
    return false
  }
}
