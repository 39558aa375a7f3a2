// An annotated member function is rejected at its name.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

struct Spring {
  double k;
// CHECK: member-function.cpp:[[@LINE+1]]:18: error: member functions are not supported yet; differentiate a free function
  TAD_JVP double energy(double x) const { return 0.5 * k * x * x; }
  TAD_JVP static double unit(double x);
};

// Defined out of line: reported at the definition's name.
// CHECK: member-function.cpp:[[@LINE+1]]:16: error: member functions are not supported yet; differentiate a free function
double Spring::unit(double x) { return 0.5 * x * x; }
// CHECK: 2 errors generated.
