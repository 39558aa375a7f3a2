// long double is rejected wherever it appears, with the hint to use double.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

// CHECK: long-double.cpp:[[@LINE+1]]:35: error: parameter 'x' has type 'long double', which tad cannot differentiate through (long double is not supported; use double)
TAD_JVP double narrow(long double x) { return static_cast<double>(x); }

TAD_JVP double widen(double x) {
// CHECK: long-double.cpp:[[@LINE+1]]:15: error: variable 'acc' has type 'long double', which tad cannot differentiate through (long double is not supported; use double)
  long double acc = x;
  return static_cast<double>(acc * acc);
}

TAD_JVP double literal(double x) {
// CHECK: long-double.cpp:[[@LINE+1]]:10: error: this literal has type 'long double', which tad cannot differentiate through (long double is not supported; use double)
  return 0.5L * x;
}

// x is converted to long double to multiply by the literal.
TAD_JVP double promoted(double x) {
// CHECK: long-double.cpp:[[@LINE+1]]:10: error: this conversion has type 'long double', which tad cannot differentiate through (long double is not supported; use double)
  return x * 0.5L;
}

// CHECK: long-double.cpp:[[@LINE+1]]:21: error: the return value of 'ret' has type 'long double', which tad cannot differentiate through (long double is not supported; use double)
TAD_JVP long double ret(double x) { return x; }
// CHECK: 5 errors generated.
