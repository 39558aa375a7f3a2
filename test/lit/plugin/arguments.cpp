// The plugin's arguments: help, dump-ir[=function], and a clear error for
// an unknown one.
//
// RUN: %cxx %plugin -fplugin-arg-tad-help -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=HELP
// RUN: not %cxx %plugin -fplugin-arg-tad-bogus -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=BOGUS
// RUN: %cxx %plugin -fplugin-arg-tad-dump-ir=twice_jvp -fsyntax-only %s | FileCheck %s --check-prefix=IR --implicit-check-not=function
#include "tad/tad.h"

// HELP: tad plugin arguments (-fplugin-arg-tad-<argument>):
// HELP: emit-dir=<dir>
// HELP: dump-ir[=<fn>]
// BOGUS: error: unknown argument 'bogus' for the tad plugin (see -fplugin-arg-tad-help)
// IR: function twice_jvp(%x: double, %d_x: double, %d_return: double *) -> double
TAD_JVP double twice(double x) { return 2 * x; }
