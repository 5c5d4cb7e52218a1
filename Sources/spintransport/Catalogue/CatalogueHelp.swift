import Foundation
import SpinTransport

/// Help text and error lines of catalogue commands, in the command line's vocabulary
/// (`--gamma`); both name parameters through ``CatalogueOptions/spelling(of:)``.
enum CatalogueHelp {
  /// The `--help` text: usage, summary, discussion, every parameter (flag, default, allowed,
  /// study key, help), the columns and the options every catalogue command shares.
  /// `path` is the command as typed when it differs from the entry's (an alias such as `ring sweep`).
  static func full(_ c: any Computation, path: [String]? = nil) -> String {
    let options = CatalogueOptions(c, path: path)
    let command = "spintransport " + options.path.joined(separator: " ")
    var s = "OVERVIEW: \(c.summary)\n\nUSAGE: \(command) [--<parameter> <value> …] [--vary NAME=SPEC …] [options]\n"
    if let paper = c.paper { s += "\nPAPER: \(paper.citation)\n" }
    if !c.discussion.isEmpty { s += "\n" + c.discussion + "\n" }
    s += "\nPARAMETERS (study key; default; allowed):\n"
    for p in options.parameters {
      let placeholder = p.unit.isEmpty ? "<value>" : "<\(p.unit)>"
      s += "  \(options.spelling(of: p.id)) \(placeholder)\n      \(p.help)\n"
      s += "      [\(p.id); \(Catalogue.defaultText(p)); \(p.allowed)]\n"
    }
    for sw in options.columnSwitches { s += "  --\(sw.flag)\n      \(sw.help)\n" }
    s += "\nA numeric parameter given as START:STOP:COUNT or v1,v2,… is swept, as with --vary.\n"
    s += "\nCOLUMNS:\n"
    for o in c.outputs { s += "  \(o.name)\(o.unit.isEmpty ? "" : " (\(o.unit))"): \(o.meaning)\n" }
    s += "\nOPTIONS:\n"
    for o in CatalogueOptions.Common.allCases {
      s += "  --\(o.rawValue)\(o.takesValue ? " <value>" : "")\n      \(o.help)\n"
    }
    s += "  -h, --help\n      Show this help.\n"
    return s
  }

  /// An error about a parameter or option, naming it as the command line spells it (`--gamma`
  /// for `gamma_eV`). `typed`: the command line's text of each parameter (by id); a value the
  /// library shows in its own rendering (`1000000000`) is shown as typed (`1e9`).
  static func render(_ error: InvalidParameter, for options: CatalogueOptions, typed: [String: String] = [:]) -> String
  {
    // An unknown option (``CatalogueOptions/unknown(_:)`` names it "option"): the token is the value.
    if error.name == "option" { return "unknown option \(error.value) (allowed: \(error.allowed))" }
    let spelling = options.spelling(of: error.name)
    if let p = options.parameter(named: error.name), let text = typed[p.id],
      (try? p.parse(text))?.description == error.value || text == error.value
    {
      return InvalidParameter(p.flag, text, allowed: error.allowed).rendered(as: spelling)
    }
    return error.rendered(as: spelling)
  }
}
