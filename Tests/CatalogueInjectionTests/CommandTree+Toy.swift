import SpinTransport

@testable import spintransport

/// Place 3 of 3: a catalogue containing the toy (here: the shipped one plus the toy), handed to
/// the CLI's command tree. `reproduce` lists figures, not entries: the toy's figure is its study.
extension CommandTree {
  static var withToy: CommandTree {
    let toy = ToyWaveComputation()
    let figure = Figure(id: "toy-fig1", seed: "toy", caption: "TEST FIXTURE: a toy wave over its phase") {
      let table = try toy.table(
        fixed: ["amplitude": .number(2)], sweeps: [("phase_rad", [.number(0), .number(0.5), .number(1)])])
      let plot = PlotSpec(title: "toy", x: "phase_rad", xLabel: "φ (rad)", panels: [.init(y: ["y"], yLabel: "y")])
      return FigureResult(table: table, plot: plot)
    }
    return CommandTree(
      catalogue: Catalogue(Catalogue.standard.computations + [toy]), descriptions: CommandGroup.standard,
      reproduction: Reproduction(figures: [figure], planned: []))
  }
}
