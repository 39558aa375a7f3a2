// Annotations spelled by hand. An argument list on the direct [[tad::...]]
// spelling is refused at the attribute (Clang would drop the arguments);
// that is a Clang error, after which tad's own checks do not run, so the
// other cases are checked in a second run. An unknown "tad::" annotation
// written as clang::annotate is reported by name, and a known one is read
// like the macro's.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -DDIRECT_ARGS 2>&1 | FileCheck %s --check-prefix=ARGS --implicit-check-not=error:
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

#ifdef DIRECT_ARGS
// ARGS: annotation-spelling.cpp:[[@LINE+1]]:3: error: write the arguments of 'tad::linear' with tad's macro (e.g. TAD_LINEAR(z)) or as {{\[\[}}clang::annotate("tad::linear", "z")]]: clang does not pass arguments of {{\[\[}}tad::linear(...)]] to tad
[[tad::linear(z)]] double scale(double c, double z) { return c * z; }
// ARGS: annotation-spelling.cpp:[[@LINE+1]]:3: error: write the arguments of 'tad::dense' with tad's macro
[[tad::dense(n)]] [[tad::ijvp]] void prefix(double *x, int n) {
  for (int i = 1; i < n; ++i)
    x[i] += x[i - 1];
}
// ARGS: 2 errors generated.
#endif

// CHECK: annotation-spelling.cpp:[[@LINE+1]]:3: error: unknown tad annotation 'tad::jpv'
[[clang::annotate("tad::jpv")]] double typo(double x) { return x * x; }

[[clang::annotate("tad::jvp")]] double fine(double x) { return x * x; }

// The clang::annotate spelling carries arguments (this one is accepted).
[[clang::annotate("tad::linear", "z")]] double lin(double c, double z) {
  return c * z;
}
// CHECK: 1 error generated.
