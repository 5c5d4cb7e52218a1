/// A published paper a computation or figure implements, with what is needed to cite it.
public struct Paper: Sendable, Hashable {
  /// Authors as printed, e.g. `["F. Schütz", "M. Kollar", "P. Kopietz"]`.
  public let authors: [String]
  public let title: String
  /// Journal reference, e.g. `Phys. Rev. Lett. 91, 017205`; nil for a preprint.
  public let journal: String?
  public let year: Int
  /// DOI without the resolver, e.g. `10.1103/PhysRevLett.91.017205`.
  public let doi: String?
  /// arXiv identifier, e.g. `2509.06109` or `cond-mat/0407150`.
  public let arXiv: String?

  public init(
    authors: [String], title: String, journal: String? = nil, year: Int, doi: String? = nil, arXiv: String? = nil
  ) {
    precondition(doi != nil || arXiv != nil, "a paper needs a DOI or an arXiv identifier")
    self.authors = authors
    self.title = title
    self.journal = journal
    self.year = year
    self.doi = doi
    self.arXiv = arXiv
  }

  /// Surnames: `Schütz, Kollar and Kopietz`.
  var authorSurnames: String {
    let names = authors.map { $0.split(separator: " ").last.map(String.init) ?? $0 }
    return names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
  }

  /// Where it appeared: the journal reference, else the arXiv identifier.
  var venue: String { journal ?? "arXiv:" + arXiv! }

  /// The short reference for captions and titles: `Schütz, Kollar and Kopietz, Phys. Rev. Lett. 91, 017205 (2003)`.
  public var short: String { "\(authorSurnames), \(venue) (\(year))" }

  /// The full reference: authors, title, journal, year, DOI and arXiv identifier.
  public var citation: String {
    var s = authors.count <= 1 ? authors.joined() : authors.dropLast().joined(separator: ", ") + " and " + authors.last!
    s += ", “\(title)”, "
    s += journal.map { "\($0) (\(year))" } ?? "preprint (\(year))"
    if let doi { s += ", doi:\(doi)" }
    if let arXiv { s += ", arXiv:\(arXiv)" }
    return s
  }

  /// `Fig. 7 of Karmakar, Ganguly and Maiti, arXiv:2509.06109 (2025)`; with panels, `Fig. 4(a, b) of …`.
  public func figure(_ number: Int, panels: String? = nil) -> String {
    "Fig. \(number)\(panels.map { "(\($0))" } ?? "") of \(short)"
  }

  /// `Figs. 6–7 of Hitchon, Parker and Rebei, arXiv:cond-mat/0407150 (2004)`.
  public func figures(_ first: Int, _ last: Int) -> String { "Figs. \(first)–\(last) of \(short)" }
}
