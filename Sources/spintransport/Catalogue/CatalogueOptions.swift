import SpinTransport

/// The options of one catalogue command, read once per invocation from its computation: each
/// parameter's `--flag` (``/Diagnostics/Parameter``: domain, default, requirement), the column
/// switches (`--modes`), the bare flags that stand for options (`--minimal` → `--table minimal`)
/// and the options every catalogue command shares. A value, not a static list per type: a
/// computation whose parameters are known only at run time gives its own.
struct CatalogueOptions {
  /// The options every catalogue command takes besides its parameters.
  enum Common: String, CaseIterable {
    case vary, saveStudy = "save-study", columns, format, output, quiet, fresh

    /// Whether it takes a value (`--vary SPEC`) or is a flag (`--quiet`).
    var takesValue: Bool { self != .quiet && self != .fresh }

    var help: String {
      switch self {
      case .vary:
        return "Sweep a parameter: NAME=START:STOP:COUNT (append :log for geometric spacing) or NAME=v1,v2,…; "
          + "NAME is the flag or the study key. Give it twice for a 2D grid (outer first)."
      case .saveStudy:
        return "Write the TOML study equivalent to this command line to FILE and exit (run it with "
          + "`spintransport run FILE --out DIR`)."
      case .columns: return "Output columns to print, comma-separated (default: the entry's default columns)."
      case .format: return "Output format: csv or json."
      case .output:
        return "Write the table to FILE (atomically) instead of stdout (also -o). With --vary, finished "
          + "points are checkpointed next to FILE, so rerunning an interrupted command resumes."
      case .quiet: return "Silence progress lines on stderr (warnings are still printed)."
      case .fresh: return "With --vary and -o: ignore a checkpoint left by an interrupted run."
      }
    }
  }

  /// What a `--name` on the command line is.
  enum Option {
    case parameter(Parameter)
    case columnSwitch(ColumnSwitch)
    case common(Common)

    var takesValue: Bool {
      switch self {
      case .parameter: return true
      case .columnSwitch: return false
      case .common(let c): return c.takesValue
      }
    }

    /// Whether giving it twice is allowed: flags, and `--vary` (twice for a 2D grid).
    var mayRepeat: Bool {
      if case .common(.vary) = self { return true }
      return !takesValue
    }
  }

  let computation: any Computation
  /// The command as typed (an alias such as `ring sweep` in place of the entry's path).
  let path: [String]
  let parameters: [Parameter]
  let columnSwitches: [ColumnSwitch]
  let flagAliases: [String: [String]]

  init(_ computation: any Computation, path: [String]? = nil) {
    self.computation = computation
    self.path = path ?? computation.command
    parameters = computation.parameters
    columnSwitches = computation.columnSwitches
    flagAliases = computation.flagAliases
  }

  /// The option spelled `--name` (`-o` is `output`), or nil.
  func option(named name: String) -> Option? {
    if let p = parameters.first(where: { $0.flag == name }) { return .parameter(p) }
    if let s = columnSwitches.first(where: { $0.flag == name }) { return .columnSwitch(s) }
    return Common(rawValue: name).map(Option.common)
  }

  /// The parameter with this id or flag.
  func parameter(named name: String) -> Parameter? { parameters.first { $0.id == name || $0.flag == name } }

  /// How the command line spells the parameter or option `name` (an id such as `gamma_eV`, a
  /// flag, or a common option): `--gamma`, `-o/--output`. The one renaming id → flag, shared by
  /// `--help` and every error line.
  func spelling(of name: String) -> String {
    if let p = parameter(named: name) { return "--" + p.flag }
    if name == Common.output.rawValue { return "-o/--output" }
    return "--" + name
  }

  /// The refusal of an unknown `token`, suggesting the nearest option name when one is close.
  func unknown(_ token: String) -> InvalidParameter {
    let name = String(token.drop(while: { $0 == "-" }).prefix(while: { $0 != "=" }))
    let names =
      parameters.map(\.flag) + Common.allCases.map(\.rawValue) + columnSwitches.map(\.flag)
      + flagAliases.keys.sorted()
    let suggestion = NearestName.nearest(to: name, among: names).map { "did you mean --\($0)? " } ?? ""
    return InvalidParameter(
      "option", token,
      allowed: suggestion + "an option of `\(computation.command.joined(separator: " "))`: "
        + (parameters.map { "--" + $0.flag } + Common.allCases.map { "--" + $0.rawValue }).joined(separator: ", "))
  }
}
