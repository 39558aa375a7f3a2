// A tad attribute on something other than a function: Clang's
// wrong-declaration warning, at the attribute, naming what it applies to.
// It is a warning (the attribute is ignored, as Clang does for its own
// attributes), so the run succeeds.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include "tad/tad.h"

// CHECK: attribute-on-variable.cpp:[[@LINE+2]]:1: warning: 'jvp' attribute only applies to functions [-Wignored-attributes]
// CHECK: note: expanded from macro 'TAD_JVP'
TAD_JVP double g_annotated = 1.0;

// CHECK: attribute-on-variable.cpp:[[@LINE+1]]:3: warning: 'vjp' attribute only applies to functions [-Wignored-attributes]
[[tad::vjp]] int g_count;

struct [[tad::jvp]] Point {
// CHECK: attribute-on-variable.cpp:[[@LINE-1]]:10: warning: 'jvp' attribute only applies to functions [-Wignored-attributes]
  double x;
};

TAD_JVP double ok(double x) {
// CHECK: attribute-on-variable.cpp:[[@LINE+1]]:5: warning: 'jvp' attribute only applies to functions [-Wignored-attributes]
  [[tad::jvp]] double local = x * x;
  return local;
}
// CHECK: 4 warnings generated.
