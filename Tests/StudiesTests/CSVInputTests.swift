import SpinTransport
import Foundation
import XCTest

@testable import Studies

/// The one CSV reader (``CSVInput`` on CSV.swift): RFC 4180 quoting, line ends, line numbers.
final class CSVInputTests: XCTestCase {
  private func read(_ text: String, comments: String? = nil) throws -> (header: [String], records: [CSVRecord]) {
    try CSVInput.read(Data(text.utf8), skippingCommentsStartingWith: comments)
  }

  private func assertError(
    _ text: String, line: Int, contains fragment: String, file: StaticString = #filePath, lineNumber: UInt = #line
  ) {
    XCTAssertThrowsError(try read(text), file: file, line: lineNumber) { error in
      guard let e = error as? CSVReadError else { return XCTFail("not a CSVReadError: \(error)", file: file) }
      XCTAssertEqual(e.line, line, "\(e)", file: file, line: lineNumber)
      XCTAssertTrue(e.message.contains(fragment), "\(e)", file: file, line: lineNumber)
      XCTAssertFalse(e.description.contains("\n"), "one line: \(e)", file: file, line: lineNumber)
    }
  }

  func testQuotedNewlineIsOneFieldAndLinesAreCountedAcrossIt() throws {
    let (header, records) = try read("x,label\n1,\"two\nlines\"\n2,plain\n")
    XCTAssertEqual(header, ["x", "label"])
    XCTAssertEqual(records.map(\.fields), [["1", "two\nlines"], ["2", "plain"]])
    XCTAssertEqual(records.map(\.line), [2, 4])
    // A ragged record after the two-line field is reported on its physical line (5, not 4).
    assertError("x,label\n1,\"two\nlines\"\n2,plain\n3\n", line: 5, contains: "1 fields, the header has 2")
  }

  func testQuotedCommasAndDoubledQuotes() throws {
    let (_, records) = try read("a,b,c\n\"1,5\",\"say \"\"hi\"\"\",\"\"\n")
    XCTAssertEqual(records.map(\.fields), [["1,5", "say \"hi\"", ""]])
  }

  func testCRLFAndCRLineEnds() throws {
    let crlf = try read("a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n4,5\r\n")
    XCTAssertEqual(crlf.header, ["a", "b"])
    XCTAssertEqual(crlf.records.map(\.fields), [["1", "2"], ["3", "x\r\ny"], ["4", "5"]])
    XCTAssertEqual(crlf.records.map(\.line), [2, 3, 5])
    XCTAssertEqual(try read("a,b\r1,2\r").records.map(\.fields), [["1", "2"]])
  }

  func testRaggedRowsGiveTheirLineNumber() {
    assertError("a,b,c\n1,2,3\n4,5\n", line: 3, contains: "2 fields, the header has 3")
    assertError("a,b\n1,2\n3,4,5\n", line: 3, contains: "3 fields, the header has 2")
    // Blank lines are skipped but still counted.
    assertError("a,b\n\n1,2\n\n3\n", line: 5, contains: "1 fields")
  }

  func testEmptyFileAndBlankFile() {
    assertError("", line: 1, contains: "empty file")
    assertError("\n\n", line: 1, contains: "empty file")
  }

  func testUnterminatedQuoteIsAnError() {
    // The open quote's record starts on line 3 and would swallow the rest of the file.
    assertError("a,b\n1,2\n3,\"open\n4,5\n", line: 3, contains: "not closed")
    assertError("a,b\n1,\"x\"\"\n", line: 2, contains: "not closed")
  }

  func testInvalidUTF8IsAnErrorWithItsLine() {
    var data = Data("a,b\n1,2\n3,".utf8)
    data.append(contentsOf: [0xFF, 0xFE, 0x41])
    data.append(Data("\n".utf8))
    XCTAssertThrowsError(try CSVInput.read(data)) { error in
      XCTAssertEqual((error as? CSVReadError)?.line, 3, "\(error)")
      XCTAssertTrue("\(error)".contains("not UTF-8"), "\(error)")
    }
  }

  func testByteOrderMarkAndMissingFinalNewline() throws {
    let (header, records) = try CSVInput.read(Data([0xEF, 0xBB, 0xBF]) + Data("x,y\n1,2".utf8))
    XCTAssertEqual(header, ["x", "y"])
    XCTAssertEqual(records.map(\.fields), [["1", "2"]])
  }

  func testCommentRecordsAreSkippedOnlyWhenAsked() throws {
    let text = "# profile\nx,y\n  # note\n1,2\n"
    let skipped = try read(text, comments: "#")
    XCTAssertEqual(skipped.header, ["x", "y"])
    XCTAssertEqual(skipped.records.map(\.line), [4])
    XCTAssertThrowsError(try read(text))  // "# profile" is a 1-field header: "x,y" is ragged
  }

  func testResultTableRoundTripsItsOwnCSVWithQuotedNewlines() throws {
    var t = ResultTable(columns: ["x_m", "label, with comma"])
    t.append([.number(0.5), .text("two\nlines \"quoted\"")])
    t.append([.number(-1e-300), .text("crlf\r\ninside, and a lone\rreturn")])
    let back = try ResultTable(csv: t.csv())
    XCTAssertEqual(back.columns, t.columns)
    XCTAssertEqual(back.rows, t.rows)
  }
}
