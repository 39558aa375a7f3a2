// An annotated function template is rejected once, at its name, whether or
// not it is instantiated.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

template <class T>
// CHECK: function-template.cpp:[[@LINE+1]]:11: error: function templates are not supported yet
TAD_JVP T square(T x) {
  return x * x;
}

double use_square(double x) { return square(x) + square(1.0f); }

template <class T>
// CHECK: function-template.cpp:[[@LINE+1]]:11: error: function templates are not supported yet
TAD_JVP T cube(T x) {
  return x * x * x;
}
// CHECK: 2 errors generated.
