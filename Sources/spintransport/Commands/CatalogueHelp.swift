import Foundation
import SpinTransport

/// Help text and error lines of catalogue commands, in the command line's vocabulary (`--gamma`).
enum CatalogueHelp {
  /// The `--help` text: usage, summary, discussion, every parameter (flag, default, allowed,
  /// study key, help), the columns and the options every catalogue command shares.
  /// `path` is the command as typed when it differs from the entry's (an alias such as `ring sweep`).
  static func full(_ c: any Computation, path: [String]? = nil) -> String {
    let command = "spintransport " + (path ?? c.command).joined(separator: " ")
    var s = "OVERVIEW: \(c.summary)\n\nUSAGE: \(command) [--<parameter> <value> …] [--vary NAME=SPEC …] [options]\n"
    if let paper = c.paper { s += "\nPAPER: \(paper.citation)\n" }
    if !c.discussion.isEmpty { s += "\n" + c.discussion + "\n" }
    s += "\nPARAMETERS (study key; default; allowed):\n"
    for p in c.parameters {
      let placeholder = p.unit.isEmpty ? "<value>" : "<\(p.unit)>"
      s += "  --\(p.flag) \(placeholder)\n      \(p.help)\n      [\(p.id); \(Catalogue.defaultText(p)); \(p.allowed)]\n"
    }
    for sw in c.columnSwitches { s += "  --\(sw.flag)\n      \(sw.help)\n" }
    s += "\nA numeric parameter given as START:STOP:COUNT or v1,v2,… is swept, as with --vary.\n"
    s += "\nCOLUMNS:\n"
    for o in c.outputs { s += "  \(o.name)\(o.unit.isEmpty ? "" : " (\(o.unit))"): \(o.meaning)\n" }
    s += "\nOPTIONS:\n"
    for o in CatalogueCommandLine.commonOptions {
      s += "  --\(o.flag)\(o.takesValue ? " <value>" : "")\n      \(o.help)\n"
    }
    s += "  -h, --help\n      Show this help.\n"
    return s
  }

  /// An error about a parameter, naming it by its flag (`--gamma`) when it is one of `c`'s.
  /// `typed`: the command line's text of each parameter (by id); a value the library shows in
  /// its own rendering (`1000000000`) is shown as typed (`1e9`).
  static func render(_ error: InvalidParameter, for c: any Computation, typed: [String: String] = [:]) -> String {
    if let p = c.parameters.first(where: { $0.id == error.name || $0.flag == error.name }) {
      if let text = typed[p.id], (try? p.parse(text))?.description == error.value || text == error.value {
        return InvalidParameter(p.flag, text, allowed: error.allowed).rendered(as: "--" + p.flag)
      }
      return error.rendered(as: "--" + p.flag)
    }
    // An unknown option (CatalogueCommandLine names it "option"): the token is the value.
    if error.name == "option" { return "unknown option \(error.value) (allowed: \(error.allowed))" }
    return error.rendered(as: "--" + error.name)
  }
}
