/// Version of the library and the tool (`spintransport --version`, provenance in `meta.json`).
public enum SpinTransportVersion {
  public static let string = "0.1.0"
}
