// tad registers its attributes with Clang: under tad-gen, [[tad::jvp]]
// (spelled directly or through TAD_JVP) draws no unknown-attribute warning,
// nor any other diagnostic, even with -Wall -Wextra.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags -Wall -Wextra -Wunknown-attributes 2>&1 | FileCheck %s --allow-empty --implicit-check-not=warning --implicit-check-not=error --implicit-check-not=note
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
#include "tad/tad.h"

[[tad::jvp]] double direct(double x) { return x * x; }

TAD_JVP double via_macro(double x) { return 3.0 * x; }

[[tad::jvp, gnu::noinline]] double with_other(double x) { return x + x; }

// GEN: double direct_jvp(double x, double d_x, double *d_return)
// GEN: double via_macro_jvp(double x, double d_x, double *d_return)
// GEN: double with_other_jvp(double x, double d_x, double *d_return)
