import ArgumentParser
import Diagnostics
import Foundation

/// The command line before and after swift-argument-parser: negative values, repeated options
/// and parser messages in the project's one-line form.
///
/// One place for the rules every command shares (the README contract):
/// - **Negative values parse everywhere.** `--temperature -1`, `--k2-ratio -1:1:5` or
///   `-o -x.csv` are joined to `--temperature=-1` before parsing, so a value that starts with
///   `-` and a digit (or `.5`, `inf`, `nan`) is never mistaken for an option; the command then
///   refuses it with its allowed range where a negative value is meaningless.
/// - **A single-valued option given twice is an error** naming it and both values (argument
///   parser would silently keep the last). Options listed in ``repeatable`` are arrays.
/// - **Parser errors say what is allowed**: "The value '2.5' is invalid for '--cells <cells>'"
///   becomes "invalid value for --cells: 2.5 (allowed: an integer ≥ 2)", the kind (integer or
///   number) found by the parser itself and the range taken from the option's help text.
enum CommandLineChecks {
  /// Long options that take several values by repetition.
  static let repeatable: Set<String> = ["figure", "y", "vary"]

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

  /// The first single-valued option given more than once, as a one-line error (nil if none).
  static func repeatedOption(in args: [String]) -> ValidationError? {
    var values: [String: [String]] = [:]
    var order: [String] = []
    var i = 0
    while i < args.count {
      let token = args[i]
      if token == "--" { break }
      var name: String?
      var value: String?
      if token.hasPrefix("--"), token.count > 2 {
        let parts = token.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        name = String(parts[0])
        if parts.count == 2 { value = String(parts[1]) }
      } else if token == "-o" {
        name = "output"
      }
      if let n = name {
        if value == nil, i + 1 < args.count, !args[i + 1].hasPrefix("-") || isNegativeValue(args[i + 1]) {
          value = args[i + 1]
        }
        if values[n] == nil { order.append(n) }
        values[n, default: []].append(value ?? "")
      }
      i += 1
    }
    // --quiet and --fresh are flags on every command (catalogue commands have no parser help to ask).
    for name in order where !repeatable.contains(name) && name != "quiet" && name != "fresh" {
      guard let given = values[name], given.count > 1 else { continue }
      // A flag (no value placeholder in its help line) may be repeated harmlessly.
      if name != "output", let help = helpLine(name, args: args), !help.contains("<") { continue }
      let shown = given.map { $0.isEmpty ? "(flag)" : $0 }.joined(separator: ", ")
      if name == "vary" {
        return ValidationError(
          "invalid value for --vary: given \(given.count) times (\(shown)) (allowed: one --vary per command; "
            + "for a grid over two parameters write a study file with two [[sweep]] tables: spintransport run)")
      }
      let spelled = name == "output" ? "-o/--output" : "--\(name)"
      return ValidationError(
        "invalid value for \(spelled): given \(given.count) times (\(shown)) (allowed: give it once)")
    }
    return nil
  }

  /// The parser's message for `args` in the project's form (unchanged when not recognised).
  static func explained(_ message: String, args: [String]) -> String {
    if let m = match(#"^The value '(.*)' is invalid for '--([A-Za-z0-9-]+)[^']*'$"#, message) {
      let (value, name) = (m[0], m[1])
      return "invalid value for --\(name): \(shown(value)) (allowed: \(allowed(name, args: args, failing: value)))"
    }
    if let m = match(
      #"^The value '(.*)' is invalid for '--([A-Za-z0-9-]+)[^']*'\. Please provide one of (.*)\.$"#, message)
    {
      return "invalid value for --\(m[1]): \(shown(m[0])) (allowed: one of \(m[2]))"
    }
    if let m = match(#"^Missing value for '--([A-Za-z0-9-]+)[^']*'$"#, message) {
      return "missing value for --\(m[0]) (allowed: \(allowed(m[0], args: args, failing: nil)))"
    }
    if let m = match(#"^Missing expected argument '--([A-Za-z0-9-]+)[^']*'$"#, message) {
      let help = helpLine(m[0], args: args).flatMap { match(#"^\S+(?: <[^>]*>)?\s{2,}(.*)$"#, $0)?.first }
      return "missing required option --\(m[0])" + (help.map { ": \($0)" } ?? " (see --help)")
    }
    if match(#"^Missing value for '-o[^']*'$"#, message) != nil {
      return "missing value for -o/--output (allowed: a file path)"
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

  /// "an integer ≥ 2", "a number > 0", … for option `name` of the command in `args`.
  ///
  /// Integer or number: the parser is asked again with the value replaced by `0.5`; if that
  /// is refused for the same option, the option takes integers. The range is the first
  /// parenthesis of the option's help text that states a bound (`(≥ 2)`, `(integer ≥ 3)`).
  static func allowed(_ name: String, args: [String], failing: String?) -> String {
    var kind = "a number"
    let at = args.firstIndex { token in
      token == "--\(name)" || (failing.map { token == "--\(name)=\($0)" } ?? false)
    }
    if let k = at {
      var probe = args
      if probe[k].contains("=") {
        probe[k] = "--\(name)=0.5"
      } else if failing != nil, k + 1 < probe.count {
        probe[k + 1] = "0.5"
      } else {
        probe.insert("0.5", at: k + 1)
      }
      do { _ = try SpinTransportCLI.parseAsRoot(probe) } catch {
        if SpinTransportCLI.message(for: error).contains("is invalid for '--\(name)") { kind = "an integer" }
      }
    }
    guard let help = helpLine(name, args: args) else { return kind }
    if let bound = match(#"\(((?:integer |number |an integer |a number )?[≥>≤<][^()]*)\)"#, help)?.first {
      var b = bound
      for prefix in ["an integer ", "a number ", "integer ", "number "] where b.hasPrefix(prefix) {
        b.removeFirst(prefix.count)
      }
      return "\(kind) \(b)"
    }
    if let range = match(#"\(([^()…]+)…([^();]+)"#, help) {
      return
        "\(kind) from \(range[0].trimmingCharacters(in: .whitespaces)) to \(range[1].trimmingCharacters(in: .whitespaces))"
    }
    if let range = match(#"(\[[^\]]*\])"#, help)?.first { return "\(kind) in \(range)" }
    return kind
  }

  /// The help text of option `--name` in the subcommand that `args` selects.
  static func helpLine(_ name: String, args: [String]) -> String? {
    var command: ParsableCommand.Type = SpinTransportCLI.self
    for token in args {
      guard let next = command.configuration.subcommands.first(where: { $0._commandName == token }) else { break }
      command = next
    }
    let help = SpinTransportCLI.helpMessage(for: command, columns: 100_000)
    // The OPTIONS entry: "  --name <value>   help", "  -o, --output <output>   help", "  --quiet   help".
    let escaped = NSRegularExpression.escapedPattern(for: name)
    for line in help.split(separator: "\n") {
      let t = String(line)
      if match(#"^\s*((?:-\w, )?--"# + escaped + #"(?: <[^>]*>)?(?:\s{2,}.*|\s*))$"#, t) != nil {
        return t.trimmingCharacters(in: .whitespaces)
      }
    }
    return nil
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
