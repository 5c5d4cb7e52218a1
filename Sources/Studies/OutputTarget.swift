import Foundation

/// A file or directory the user named for output that cannot be written, in one line.
///
/// `cannot write 'PATH': REASON` — the CLI prints it as is and exits with status 2 (the path
/// came from the user). Replaces Foundation's multi-line `NSCocoaErrorDomain` text.
public struct OutputPathError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The path as the user gave it.
  public let path: String
  /// What is wrong, in words ("no such directory", "is a directory", "permission denied").
  public let reason: String

  public init(_ path: String, _ reason: String) {
    self.path = path
    self.reason = reason
  }

  public var description: String { "cannot write \(String(reflecting: path)): \(reason)" }
}

/// Where a table or file goes, decided before anything is computed or written.
///
/// - A regular file (existing or not) is written atomically: a temporary file in the same
///   directory, then `rename`, so readers never see a partial file and a failed run leaves
///   nothing behind. A symbolic link is followed: its *target* is replaced, the link stays.
/// - A FIFO, a character device (`/dev/null`, a terminal) or a socket-like special file
///   (`/dev/stdout` on a pipe) is written through (opened for writing, never replaced): a
///   rename would turn `/dev/null` into a regular file when run as root.
public enum OutputTarget: Equatable, Sendable {
  /// Atomic temporary-file + rename onto `path` (symbolic links resolved).
  case regularFile(path: String)
  /// Written through with `open(O_WRONLY)`: FIFOs and devices.
  case special(path: String)

  /// Classifies `path` and checks it can be written, without creating or changing anything.
  ///
  /// Throws ``OutputPathError`` for an empty path, a NUL byte, a directory, a missing or
  /// non-directory parent (when `createParents` is false), or a parent without write
  /// permission.
  public static func resolve(_ path: String, createParents: Bool = true) throws -> OutputTarget {
    guard !path.isEmpty else { throw OutputPathError(path, "the path is empty") }
    guard !path.utf8.contains(0) else { throw OutputPathError(path, "the path contains a NUL byte") }
    var info = stat()
    if stat(path, &info) == 0 {
      switch info.st_mode & S_IFMT {
      case S_IFDIR: throw OutputPathError(path, "is a directory (give a file name)")
      case S_IFREG:
        let real = realPath(path) ?? path
        try checkWritableDirectory(of: real, original: path, createParents: false)
        guard access(real, W_OK) == 0 else { throw OutputPathError(path, "permission denied") }
        return .regularFile(path: real)
      default:
        guard access(path, W_OK) == 0 else { throw OutputPathError(path, "permission denied") }
        return .special(path: path)
      }
    }
    // Absent (or a dangling symbolic link): the file will be created, in the link's target place.
    let target = danglingLinkTarget(path) ?? path
    try checkWritableDirectory(of: target, original: path, createParents: createParents)
    return .regularFile(path: target)
  }

  /// Where a sweep written to this target keeps its checkpoint: the directory of a regular
  /// file (after symbolic links); nil for a device or FIFO, whose directory (`/dev`) is not the
  /// user's to write in, so such a sweep keeps no checkpoint and does not resume.
  public var checkpointDirectory: String? {
    guard case .regularFile(let path) = self else { return nil }
    return Self.parentDirectory(path)
  }

  /// Checks a directory the user named for several outputs (`--out DIR`): it must be a
  /// directory or creatable as one, and writable.
  public static func checkDirectory(_ path: String) throws {
    guard !path.isEmpty else { throw OutputPathError(path, "the directory path is empty") }
    guard !path.utf8.contains(0) else { throw OutputPathError(path, "the path contains a NUL byte") }
    var info = stat()
    if stat(path, &info) == 0 {
      guard info.st_mode & S_IFMT == S_IFDIR else { throw OutputPathError(path, "exists and is not a directory") }
      guard access(path, W_OK | X_OK) == 0 else { throw OutputPathError(path, "permission denied") }
      return
    }
    if let reason = unusableAbsentPath(path) { throw OutputPathError(path, reason) }
    try checkWritableDirectory(of: path, original: path, createParents: true)
  }

  /// Creates the directory `path` and its missing parents (an existing directory is kept);
  /// throws ``OutputPathError`` naming `path` and the reason in the system's words, never
  /// Foundation's multi-line error text. Every output directory is created through this.
  public static func createDirectory(_ path: String) throws {
    var info = stat()
    if stat(path, &info) == 0 {
      guard info.st_mode & S_IFMT == S_IFDIR else { throw OutputPathError(path, "exists and is not a directory") }
      return
    }
    if let reason = unusableAbsentPath(path) { throw OutputPathError(path, reason) }
    let parent = parentDirectory(path)
    if parent != path {
      do { try createDirectory(parent) } catch let error as OutputPathError {
        throw OutputPathError(path, "cannot create \(String(reflecting: parent)): \(error.reason)")
      }
    }
    guard mkdir(path, 0o777) == 0 || errno == EEXIST else {
      throw OutputPathError(path, String(cString: strerror(errno)))
    }
  }

  /// Why `path`, which `stat` did not find, cannot be created: a symbolic-link loop or other
  /// lookup error, or a dangling symbolic link (nil when it is simply absent).
  static func unusableAbsentPath(_ path: String) -> String? {
    var info = stat()
    if stat(path, &info) == 0 { return nil }
    guard errno == ENOENT else { return String(cString: strerror(errno)) }
    if lstat(path, &info) == 0 { return "a symbolic link to a missing file or directory" }
    return nil
  }

  /// Refuses a file the tool reads back and rewrites (a checkpoint) unless it is absent or a
  /// regular file: a FIFO would block the reader, a device (`/dev/zero`) feed it garbage forever.
  static func requireRegularOrAbsent(_ path: String) throws {
    var info = stat()
    if stat(path, &info) == 0 {
      guard info.st_mode & S_IFMT == S_IFREG else {
        throw OutputPathError(path, "is not a regular file (a FIFO, a device or a directory); remove it")
      }
      return
    }
    if let reason = unusableAbsentPath(path) { throw OutputPathError(path, reason) }
  }

  /// Writes `data` to this target (see the cases); throws ``OutputPathError`` on failure.
  public func write(_ data: Data, shownAs original: String) throws {
    let output = try open(shownAs: original)
    do {
      try output.write(data)
      try output.commit()
    } catch {
      output.abandon()
      throw error
    }
  }

  /// Opens this target for writing: the device itself, or a new temporary file beside the
  /// regular file (renamed onto it by `OpenOutput/commit()`). `original` is the path as the
  /// user gave it, for errors.
  public func open(shownAs original: String) throws -> OpenOutput {
    switch self {
    case .special(let path):
      let fd = Foundation.open(path, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw OutputPathError(original, String(cString: strerror(errno))) }
      return OpenOutput(descriptor: fd, temporary: nil, destination: path, shownAs: original)
    case .regularFile(let path):
      let url = URL(fileURLWithPath: path)
      let directory = url.deletingLastPathComponent()
      do { try Self.createDirectory(directory.path) } catch let error as OutputPathError {
        throw OutputPathError(
          original, "cannot create directory \(String(reflecting: directory.path)): \(error.reason)")
      }
      let temporary = directory.appendingPathComponent(
        ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
      ).path
      let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      guard fd >= 0 else { throw OutputPathError(original, String(cString: strerror(errno))) }
      return OpenOutput(descriptor: fd, temporary: temporary, destination: path, shownAs: original)
    }
  }

  /// An output opened by ``OutputTarget/open(shownAs:)``: write, then `commit()` (close and,
  /// for a regular file, rename the temporary onto the destination) or ``abandon()`` (close and
  /// remove the temporary, leaving the destination as it was).
  public final class OpenOutput {
    /// The open file descriptor (the temporary file, or the device).
    let descriptor: Int32
    let temporary: String?
    let destination: String
    let original: String
    private var closed = false

    init(descriptor: Int32, temporary: String?, destination: String, shownAs original: String) {
      self.descriptor = descriptor
      self.temporary = temporary
      self.destination = destination
      self.original = original
    }

    /// Writes all of `data`; throws ``OutputPathError`` (disk full, closed pipe, …).
    public func write(_ data: Data) throws { try OutputTarget.writeAll(data, to: descriptor, shownAs: original) }

    /// Closes; a temporary file is renamed onto the destination.
    func commit() throws {
      closed = true
      guard close(descriptor) == 0 else { throw OutputPathError(original, String(cString: strerror(errno))) }
      if let temporary, rename(temporary, destination) != 0 {
        throw OutputPathError(original, String(cString: strerror(errno)))
      }
    }

    /// Closes and removes the temporary file (nothing appears at the destination).
    public func abandon() {
      if !closed { close(descriptor) }
      closed = true
      if let temporary { unlink(temporary) }
    }
  }

  /// Writes `text` to standard output in full, or throws ``OutputPathError`` naming `stdout`.
  ///
  /// The one way the tool writes to standard output: a failed write (`> /dev/full`, a full
  /// disk) is an error, where Foundation's `FileHandle.write` traps and `print` loses it.
  public static func writeStandardOutput(_ text: String) throws { try writeStandardOutput(Data(text.utf8)) }

  /// Writes `data` to standard output in full (see ``writeStandardOutput(_:)``).
  public static func writeStandardOutput(_ data: Data) throws {
    try writeAll(data, to: STDOUT_FILENO, shownAs: "stdout")
  }

  static func writeAll(_ data: Data, to fd: Int32, shownAs original: String) throws {
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw OutputPathError(original, String(cString: strerror(errno)))
        }
        offset += n
      }
    }
  }

  /// `realpath(3)` of an existing path.
  static func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  /// Where a dangling symbolic link points (relative targets taken from the link's directory).
  static func danglingLinkTarget(_ path: String) -> String? {
    var current = path
    var followed = false
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { break }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(current, &buffer, buffer.count - 1)
      guard n > 0 else { return nil }
      let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current =
        target.hasPrefix("/") ? target : parentDirectory(current) + "/" + target
      followed = true
    }
    return followed ? current : nil
  }

  /// The parent of `path` must be a writable directory (or, with `createParents`, its nearest
  /// existing ancestor must be).
  static func checkWritableDirectory(of path: String, original: String, createParents: Bool) throws {
    var parent = parentDirectory(path)
    while true {
      var info = stat()
      if stat(parent, &info) == 0 {
        guard info.st_mode & S_IFMT == S_IFDIR else {
          throw OutputPathError(original, "\(String(reflecting: parent)) is not a directory")
        }
        guard access(parent, W_OK | X_OK) == 0 else {
          throw OutputPathError(original, "permission denied in \(String(reflecting: parent))")
        }
        return
      }
      guard createParents, errno == ENOENT else {
        throw OutputPathError(original, "no such directory \(String(reflecting: parent))")
      }
      let up = parentDirectory(parent)
      if up == parent {
        throw OutputPathError(original, "no such directory \(String(reflecting: parent))")
      }
      parent = up
    }
  }

  /// The directory holding `path`: "a/b/c" → "a/b", "a" → "." (a relative path's last ancestor
  /// is the working directory), "/a" → "/", "/" → "/". Plain string work: Foundation's
  /// `NSString.deletingLastPathComponent` traps on some one-character paths on Linux.
  public static func parentDirectory(_ path: String) -> String {
    var p = Substring(path)
    while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
    guard let slash = p.lastIndex(of: "/") else { return "." }
    let head = p[..<slash]
    return head.isEmpty ? "/" : String(head)
  }
}
