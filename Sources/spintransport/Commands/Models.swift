import ArgumentParser
import Foundation
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport models [NAME] [--format text|json|markdown]`: the catalogue.
  struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List every computation: parameters (id, flag, symbol, unit, default, allowed) and output columns.",
      discussion: """
        The catalogue is the single source of the CLI options, study-file keys and table columns.
        --format markdown prints docs/parameters.md.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Argument(help: "Only this computation (e.g. ring-currents).")
    var name: String?

    @Option(help: "text, json or markdown.")
    var format: Format = .text

    func validate() throws {
      let catalogue = CommandTree.current.catalogue
      if let name, catalogue.computation(named: name) == nil {
        throw ValidationError(InvalidParameter("NAME", name, allowed: "one of \(catalogue.names)").description)
      }
    }

    func run() throws {
      let catalogue = CommandTree.current.catalogue
      switch format {
      case .text: try OutputTarget.writeStandardOutput(catalogue.text(only: name))
      case .json: try printLine(try prettyJSON(catalogue.json(only: name)))
      case .markdown: try OutputTarget.writeStandardOutput(catalogue.markdown(only: name))
      }
    }
  }
}
