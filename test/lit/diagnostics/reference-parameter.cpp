// Reference parameters tad does not lower are rejected at the parameter:
// a reference to a pointer, a reference to a 2-D array or to an array of
// pointers; an annotated
// function returning a reference is rejected at its name (scalar `T &` and
// `const T &` parameters and `T (&)[N]` are supported:
// test/lit/cxx/references.cpp, test/lit/cxx/range-for.cpp).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

// CHECK: reference-parameter.cpp:[[@LINE+1]]:33: error: parameter 'p' has reference type 'double *&'; tad supports scalars and pointers to scalars (pass arrays and outputs by pointer)
TAD_JVP double advance(double *&p) { return *p; }

// CHECK: reference-parameter.cpp:[[@LINE+1]]:37: error: parameter 'm' has reference type 'const double (&)[2][2]'
TAD_JVP double trace(const double (&m)[2][2]) { return m[0][0] + m[1][1]; }

// An array of pointers by reference (it was read as one pointer).
// CHECK: reference-parameter.cpp:[[@LINE+1]]:31: error: parameter 'ps' has reference type 'double *(&)[2]'
TAD_JVP double rows(double *(&ps)[2], double x) { return x * ps[0][0]; }

// CHECK: reference-parameter.cpp:[[@LINE+1]]:17: error: the return value of 'at' has reference type 'double &'
TAD_JVP double &at(double *a, int i) { return a[i]; }
// CHECK: 4 errors generated.
