import Foundation
import SpinTransport
import Studies

// The C ABI of the SpinTransport catalogue (what the Python package loads with ctypes). No
// physics here: every function reads or runs `Catalogue.standard` through the one sweep path.
//
//   char *st_catalogue_json(void);                       // free with st_string_free
//   char *st_version(void);                              // free with st_string_free
//   void  st_string_free(char *);
//   st_result *st_compute(const char *request_json, const int32_t *interrupt);
//   int32_t st_result_status(st_result *);               // 0 ok, 1 parameter error, 2 error, 3 interrupted
//   const char *st_result_error_json(st_result *);       // {"parameter","value","allowed","message",...}
//   int64_t st_result_column_count(st_result *);
//   const char *st_result_column_name(st_result *, int64_t);
//   int64_t st_result_row_count(st_result *);
//   const double *st_result_data(st_result *);            // rows × columns, row-major
//   const char *st_result_metadata_json(st_result *);    // units, warnings, provenance, fingerprint, study
//   const char *st_result_text_columns_json(st_result *); // {"column": [text or null per row]}
//   void st_result_free(st_result *);
//
// `interrupt` (may be NULL) points at an int32 the caller sets nonzero from another thread to
// stop: it is read before each point starts, so a sweep stops after the points already running.
// Pointers returned by st_result_* stay valid until st_result_free.

private func result(_ handle: OpaquePointer) -> ComputeResult {
  Unmanaged<ComputeResult>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
}

/// `spintransport models --format json` as a C string (caller frees with `st_string_free`).
@_cdecl("st_catalogue_json")
public func st_catalogue_json() -> UnsafeMutablePointer<CChar> {
  strdup((try? ComputeResult.encode(Catalogue.standard.json())) ?? "{}")!
}

/// The library's version (caller frees with `st_string_free`).
@_cdecl("st_version")
public func st_version() -> UnsafeMutablePointer<CChar> { strdup(SpinTransportVersion.string)! }

@_cdecl("st_string_free")
public func st_string_free(_ text: UnsafeMutablePointer<CChar>?) { free(text) }

/// Runs one request (see `CatalogueRequest`); never nil. Free with `st_result_free`.
@_cdecl("st_compute")
public func st_compute(_ request: UnsafePointer<CChar>, _ interrupt: UnsafePointer<Int32>?) -> OpaquePointer {
  let r = ComputeResult.compute(String(cString: request), catalogue: .standard, interrupt: interrupt)
  return OpaquePointer(Unmanaged.passRetained(r).toOpaque())
}

@_cdecl("st_result_status")
public func st_result_status(_ handle: OpaquePointer) -> Int32 { result(handle).status.rawValue }

@_cdecl("st_result_error_json")
public func st_result_error_json(_ handle: OpaquePointer) -> UnsafePointer<CChar> {
  UnsafePointer(result(handle).errorJSON)
}

@_cdecl("st_result_column_count")
public func st_result_column_count(_ handle: OpaquePointer) -> Int64 { Int64(result(handle).columnNames.count) }

@_cdecl("st_result_column_name")
public func st_result_column_name(_ handle: OpaquePointer, _ index: Int64) -> UnsafePointer<CChar>? {
  let names = result(handle).columnNames
  return names.indices.contains(Int(index)) ? UnsafePointer(names[Int(index)]) : nil
}

@_cdecl("st_result_row_count")
public func st_result_row_count(_ handle: OpaquePointer) -> Int64 { Int64(result(handle).rowCount) }

@_cdecl("st_result_data")
public func st_result_data(_ handle: OpaquePointer) -> UnsafePointer<Double> {
  UnsafePointer(result(handle).data.baseAddress!)
}

@_cdecl("st_result_metadata_json")
public func st_result_metadata_json(_ handle: OpaquePointer) -> UnsafePointer<CChar> {
  UnsafePointer(result(handle).metadataJSON)
}

@_cdecl("st_result_text_columns_json")
public func st_result_text_columns_json(_ handle: OpaquePointer) -> UnsafePointer<CChar> {
  UnsafePointer(result(handle).textColumnsJSON)
}

@_cdecl("st_result_free")
public func st_result_free(_ handle: OpaquePointer?) {
  guard let handle else { return }
  Unmanaged<ComputeResult>.fromOpaque(UnsafeRawPointer(handle)).release()
}
