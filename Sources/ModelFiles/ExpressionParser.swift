import Diagnostics
import Numerics

/// The recursive-descent parser of ``ModelExpression`` (grammar there): one pass over the characters,
/// each node keeping the location of its token.
struct ExpressionParser {
  let chars: [Character]
  let location: SourceLocation
  let variables: [String]
  var i = 0
  var depth = 0

  init(text: String, location: SourceLocation, variables: [String]) {
    chars = Array(text)
    self.location = location
    self.variables = variables
  }

  func at(_ k: Int) -> SourceLocation { location.advanced(by: k) }

  func fail(_ message: String, _ k: Int) -> ModelFileError { ModelFileError(message, at: at(k)) }

  mutating func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }

  mutating func parseAll() throws -> Node {
    skipSpaces()
    guard i < chars.count else { throw fail("empty expression (allowed: a number or a formula)", 0) }
    let node = try expression()
    skipSpaces()
    guard i == chars.count else {
      throw fail("unexpected \"\(chars[i])\" (allowed: an operator + - * / ^ or the end)", i)
    }
    return node
  }

  mutating func enter() throws {
    depth += 1
    guard depth <= ModelExpression.maximumDepth else {
      throw fail(
        "expression nested more than \(ModelExpression.maximumDepth) levels (allowed: at most \(ModelExpression.maximumDepth))",
        i
      )
    }
  }

  mutating func expression() throws -> Node {
    var node = try term()
    while true {
      skipSpaces()
      guard i < chars.count, chars[i] == "+" || chars[i] == "-" else { return node }
      let op = chars[i], k = i
      i += 1
      node = .binary(op, node, try term(), at(k))
    }
  }

  mutating func term() throws -> Node {
    var node = try unary()
    while true {
      skipSpaces()
      guard i < chars.count, chars[i] == "*" || chars[i] == "/" else { return node }
      let op = chars[i], k = i
      i += 1
      node = .binary(op, node, try unary(), at(k))
    }
  }

  mutating func unary() throws -> Node {
    try enter()
    defer { depth -= 1 }
    skipSpaces()
    if i < chars.count, chars[i] == "-" || chars[i] == "+" {
      let negative = chars[i] == "-"
      i += 1
      let operand = try unary()
      return negative ? .negate(operand) : operand
    }
    return try power()
  }

  mutating func power() throws -> Node {
    let base = try primary()
    skipSpaces()
    guard i < chars.count, chars[i] == "^" else { return base }
    let k = i
    i += 1
    return .binary("^", base, try unary(), at(k))
  }

  mutating func primary() throws -> Node {
    skipSpaces()
    guard i < chars.count else { throw fail("expression ends early (allowed: a number, a name or \"(\")", i) }
    let c = chars[i], start = i
    if c.isASCII, c.isNumber || c == "." {
      while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." { i += 1 }
      if i < chars.count, chars[i] == "e" || chars[i] == "E" {
        var j = i + 1
        if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
        if j < chars.count, chars[j].isASCII, chars[j].isNumber {
          i = j
          while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
        }
      }
      let literal = String(chars[start..<i])
      guard let x = Double(literal), x.isFinite else {
        throw fail("malformed number \"\(literal)\" (allowed: a finite number such as 2, 0.5, 1e-3)", start)
      }
      return .constant(Complex(x, 0))
    }
    if c.isASCII, c.isLetter || c == "_" {
      while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
      let name = String(chars[start..<i])
      skipSpaces()
      if i < chars.count, chars[i] == "(" {
        guard let arity = ModelExpression.functions[name] else {
          let suggestion =
            NearestName.nearest(to: name, among: Array(ModelExpression.functions.keys)).map { "did you mean \($0)? " }
            ?? ""
          throw fail(
            "unknown function \(name) (allowed: \(suggestion)\(ModelExpression.functions.keys.sorted().joined(separator: ", ")))",
            start)
        }
        i += 1
        var args: [Node] = []
        skipSpaces()
        if i < chars.count, chars[i] == ")" {
          i += 1
        } else {
          while true {
            args.append(try expression())
            skipSpaces()
            guard i < chars.count else { throw fail("missing \")\" of \(name)( (allowed: a closed call)", start) }
            if chars[i] == "," {
              i += 1
              continue
            }
            guard chars[i] == ")" else {
              throw fail("unexpected \"\(chars[i])\" in \(name)( … ) (allowed: \",\" or \")\")", i)
            }
            i += 1
            break
          }
        }
        let expected = arity.map { "\($0) argument" + ($0 == 1 ? "" : "s") } ?? "two or more arguments"
        guard arity.map({ $0 == args.count }) ?? (args.count >= 2) else {
          throw fail(
            "\(name) takes \(expected), found \(args.count) (allowed: \(name)(\(arity == 1 ? "x" : arity == 2 ? "a, b" : "a, b, …")))",
            start)
        }
        return .call(name, args, at(start))
      }
      if let slot = variables.firstIndex(of: name) { return .variable(slot) }
      if let z = ModelExpression.constants[name] { return .constant(z) }
      let known = variables + ModelExpression.constants.keys.sorted()
      let suggestion = NearestName.nearest(to: name, among: known).map { "did you mean \($0)? " } ?? ""
      let listed = known.count > 40 ? known.prefix(40).joined(separator: ", ") + ", …" : known.joined(separator: ", ")
      throw fail("unknown name \(name) (allowed: \(suggestion)\(listed))", start)
    }
    if c == "(" {
      i += 1
      let inner = try expression()
      skipSpaces()
      guard i < chars.count, chars[i] == ")" else {
        throw fail("missing \")\" for the \"(\" here (allowed: balanced parentheses)", start)
      }
      i += 1
      return inner
    }
    throw fail("unexpected \"\(c)\" (allowed: a number, a name or \"(\")", start)
  }
}
