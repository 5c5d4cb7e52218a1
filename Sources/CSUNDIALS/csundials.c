// The module's C side is the shared library; this file only makes CSUNDIALS a C target whose
// include/ directory (and the headers bootstrap extracts there) reaches every importer.
#include "csundials.h"
