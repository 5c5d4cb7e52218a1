import ArgumentParser
import Foundation
import SpinTransport

/// The command line before and after swift-argument-parser: negative values, repeated options
/// and parser messages in the project's one-line form.
///
/// One place for the rules every command shares (the README contract):
/// - **Negative values parse everywhere.** `--temperature -1`, `--k2-ratio -1:1:5` or
///   `-o -x.csv` are joined to `--temperature=-1` before parsing, so a value that starts with
///   `-` and a digit (or `.5`, `inf`, `nan`) is never mistaken for an option; the command then
///   refuses it with its allowed range where a negative value is meaningless.
/// - **A single-valued option given twice is an error** naming it and both values (the parser
///   would silently keep the last); which options take one value is the parser's declaration
///   (``declaredOptions(of:)``), or the catalogue schema for catalogue commands.
/// - **Parser errors say what is allowed**: the option's choices or its declared help. The
///   values of catalogue commands never reach the parser: the schema reads them
///   (``CatalogueCommandLine``), with integer or number, range and choices from the domain.
enum CommandLineChecks {
  /// Whether `token` is a value that starts with a minus sign (a negative number, a range or
  /// list starting with one, a file name such as `-1.csv`), not an option.
  static func isNegativeValue(_ token: String) -> Bool {
    guard token.hasPrefix("-"), !token.hasPrefix("--") else { return false }
    let rest = token.dropFirst()
    guard let first = rest.first else { return false }
    if first.isNumber { return true }
    if first == ".", rest.dropFirst().first?.isNumber == true { return true }
    let lower = rest.lowercased()
    return lower.hasPrefix("inf") || lower.hasPrefix("nan")
  }

  /// `args` with `--name -value` joined to `--name=-value` (and `-o -value` to `--output=-value`).
  static func normalized(_ args: [String]) -> [String] {
    var out: [String] = []
    var i = 0
    var literal = false
    while i < args.count {
      let token = args[i]
      if !literal, token == "--" { literal = true }
      if !literal, i + 1 < args.count, isNegativeValue(args[i + 1]) {
        if token.hasPrefix("--"), token.count > 2, !token.contains("=") {
          out.append(token + "=" + args[i + 1])
          i += 2
          continue
        }
        if token == "-o" {
          out.append("--output=" + args[i + 1])
          i += 2
          continue
        }
      }
      out.append(token)
      i += 1
    }
    return out
  }

  /// The command `args` select: the deepest subcommand whose name they spell (the root when none).
  static func selectedCommand(_ args: [String]) -> ParsableCommand.Type {
    var command: ParsableCommand.Type = SpinTransportCLI.self
    for token in args {
      guard let next = command.configuration.subcommands.first(where: { $0._commandName == token }) else { break }
      command = next
    }
    return command
  }

  /// One option of a command as swift-argument-parser declares it: its names, whether it takes
  /// a value and may repeat, and its one-line help. Read from the parser's structured
  /// description of the command (`ToolInfoV0`, the JSON of `_dumpHelp()`), not from help text.
  struct DeclaredOption: Decodable {
    struct Name: Decodable {
      let kind: String
      let name: String
    }
    let kind: String
    let names: [Name]?
    let isRepeating: Bool
    let abstract: String?

    var takesValue: Bool { kind == "option" }
    /// `--out`, `-o`.
    var spellings: [String] { (names ?? []).map { ($0.kind == "short" ? "-" : "--") + $0.name } }
  }

  /// The options `command` declares (none when its description cannot be read).
  static func declaredOptions(of command: ParsableCommand.Type) -> [DeclaredOption] {
    struct Info: Decodable {
      struct Command: Decodable { let arguments: [DeclaredOption]? }
      let command: Command
    }
    let info = try? JSONDecoder().decode(Info.self, from: Data(command._dumpHelp().utf8))
    return (info?.command.arguments ?? []).filter { $0.kind != "positional" }
  }

  /// The first option that takes one value given more than once, as a one-line error (nil if
  /// none). swift-argument-parser would silently keep the last. Catalogue commands check
  /// their own options against the schema (``CatalogueCommandLine``).
  static func repeatedOption(in args: [String]) -> ValidationError? {
    let command = selectedCommand(args)
    guard !(command is SchemaParsedCommand.Type), args.contains(where: { $0.hasPrefix("-") }) else { return nil }
    let declared = declaredOptions(of: command)
    var values: [String: [String]] = [:]
    var order: [String] = []
    var i = 0
    while i < args.count {
      let token = args[i]
      i += 1
      if token == "--" { break }
      let spelling = String(token.prefix(while: { $0 != "=" }))
      guard token.hasPrefix("-"), let option = declared.first(where: { $0.spellings.contains(spelling) }),
        option.takesValue, !option.isRepeating
      else { continue }
      let name = option.spellings.joined(separator: "/")
      var value = token.count > spelling.count ? String(token.dropFirst(spelling.count + 1)) : ""
      if spelling == token, i < args.count {
        value = args[i]
        i += 1
      }
      if values[name] == nil { order.append(name) }
      values[name, default: []].append(value)
    }
    for name in order {
      guard let given = values[name], given.count > 1 else { continue }
      return ValidationError(
        "invalid value for \(name): given \(given.count) times (\(given.joined(separator: ", "))) (allowed: give it once)"
      )
    }
    return nil
  }

  /// A mistyped command or option of a non-catalogue command, as a one-line error naming the
  /// nearest name (nil if every name is known). Catalogue commands refuse their own unknown
  /// options (``CatalogueOptions/unknown(_:)``); swift-argument-parser would report a missing
  /// required option, or take the word for a positional argument, instead.
  static func unknownName(in args: [String]) -> ValidationError? {
    var command: ParsableCommand.Type = SpinTransportCLI.self
    var rest = args[...]
    // The subcommand path: a word where a command has subcommands must name one of them.
    while let token = rest.first, !token.hasPrefix("-") {
      let subcommands = command.configuration.subcommands
      guard !subcommands.isEmpty, token != "help" else { break }
      let names = subcommands.flatMap { [$0._commandName] + $0.configuration.aliases }
      let named = { (c: ParsableCommand.Type) in c._commandName == token || c.configuration.aliases.contains(token) }
      guard let next = subcommands.first(where: named) else {
        let path = (["spintransport"] + args[..<rest.startIndex]).joined(separator: " ")
        let suggestion = NearestName.nearest(to: token, among: names).map { "did you mean \($0)? " } ?? ""
        return ValidationError(
          "unknown command \(InvalidParameter.visible(token)) (allowed: \(suggestion)a command of `\(path)`: "
            + names.joined(separator: ", ") + ")")
      }
      command = next
      rest = rest.dropFirst()
    }
    guard command.configuration.subcommands.isEmpty, !(command is SchemaParsedCommand.Type) else { return nil }
    let declared = declaredOptions(of: command)
    let always = ["--help", "-h", "--version", "--generate-completion-script", "--experimental-dump-help"]
    var skipValue = false
    for token in rest {
      if token == "--" { break }
      if skipValue {
        skipValue = false
        continue
      }
      guard token.hasPrefix("--") else { continue }
      let spelling = String(token.prefix(while: { $0 != "=" }))
      if always.contains(spelling) { continue }
      if let option = declared.first(where: { $0.spellings.contains(spelling) }) {
        skipValue = option.takesValue && spelling == token
        continue
      }
      let names = declared.flatMap(\.spellings).filter { $0.hasPrefix("--") }
      let suggestion =
        NearestName.nearest(to: String(spelling.dropFirst(2)), among: names.map { String($0.dropFirst(2)) })
        .map { "did you mean --\($0)? " } ?? ""
      return ValidationError(
        "unknown option \(InvalidParameter.visible(spelling)) (allowed: \(suggestion)an option of "
          + "`spintransport \(args[..<rest.startIndex].joined(separator: " "))`: \(names.joined(separator: ", ")))")
    }
    return nil
  }

  /// The parser's message for `args` in the project's form (unchanged when not recognised):
  /// the option, the value, and what is allowed (the option's choices, or its declared help).
  static func explained(_ message: String, args: [String]) -> String {
    let declared = declaredOptions(of: selectedCommand(args))
    func help(_ name: String) -> String? {
      declared.first { $0.spellings.contains("--" + name) }?.abstract.flatMap { $0.isEmpty ? nil : $0 }
    }
    if let m = match(
      #"^The value '(.*)' is invalid for '--([A-Za-z0-9-]+)[^']*'\. Please provide one of (.*)\.$"#, message)
    {
      return "invalid value for --\(m[1]): \(shown(m[0])) (allowed: one of \(m[2]))"
    }
    if let m = match(#"^The value '(.*)' is invalid for '--([A-Za-z0-9-]+)[^']*'"#, message) {
      return "invalid value for --\(m[1]): \(shown(m[0])) (allowed: \(help(m[1]) ?? "see --help"))"
    }
    if let m = match(#"^Missing value for '--([A-Za-z0-9-]+)[^']*'$"#, message) {
      return "missing value for --\(m[0]) (allowed: \(help(m[0]) ?? "a value"))"
    }
    if let m = match(#"^Missing expected argument '--([A-Za-z0-9-]+)[^']*'$"#, message) {
      return "missing required option --\(m[0])" + (help(m[0]).map { ": \($0)" } ?? " (see --help)")
    }
    return message
  }

  /// The first line of an error `message`, with every argument that holds control characters
  /// (and the VALUE of `--name=VALUE`) shown escaped (``/Diagnostics/InvalidParameter/visible(_:)``),
  /// so a newline typed into a value cannot cut the line and hide what is allowed.
  static func oneLine(_ message: String, args: [String]) -> String {
    var text = message
    let values = args.flatMap { a in [a] + (a.firstIndex(of: "=").map { [String(a[a.index(after: $0)...])] } ?? []) }
    for value in Set(values).sorted(by: { $0.count > $1.count }) where InvalidParameter.visible(value) != value {
      text = text.replacingOccurrences(of: value, with: InvalidParameter.visible(value))
    }
    return text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
  }

  /// A value as shown in an error: quoted when empty or holding spaces or control characters.
  static func shown(_ value: String) -> String {
    value.isEmpty || value.contains(where: { $0.isWhitespace || $0.isNewline }) ? String(reflecting: value) : value
  }

  /// Capture groups of the first match of `pattern` in `text`.
  static func match(_ pattern: String, _ text: String) -> [String]? {
    guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
      let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    else { return nil }
    return (1..<m.numberOfRanges).map { k in
      Range(m.range(at: k), in: text).map { String(text[$0]) } ?? ""
    }
  }
}
