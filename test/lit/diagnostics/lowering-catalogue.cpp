// Constructs outside tad's subset that no other test covered, one per
// annotated function (the lowering reports the first error in each), each
// at the construct with its reason: the entries of docs/errors.md.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include "tad/tad.h"

// A function pointer: tad cannot see the callee.
double (*model)(double);
// CHECK: lowering-catalogue.cpp:[[@LINE+1]]:44: error: indirect calls are not supported: tad must see which function is called
TAD_JVP double indirect(double x) { return model(x); }

// A C-style variadic function.
void trace(const char *fmt, ...);
TAD_JVP double logged(double x) {
  // CHECK: lowering-catalogue.cpp:[[@LINE+1]]:3: error: calls to variadic functions such as 'trace' are not supported
  trace("x", x);
  return x * x;
}

// By-reference arguments, to a named and to an unnamed parameter, in a
// for loop's increment.
double scale_ref(double &r) { return 2 * r; }
TAD_JVP double by_ref(double x) {
  double y = x;
  // CHECK: lowering-catalogue.cpp:[[@LINE+1]]:41: error: passing 'y' by reference to 'scale_ref' is supported in a statement that is the call, an assignment, a declaration, a return or an 'if' or loop condition only, not in a 'for' loop's initializer or increment; call it in a statement of its own
  for (int k = 0; k < 2; k += scale_ref(y) > 1)
    y *= 2;
  return y;
}
double unnamed_ref(double &) { return 1; }
TAD_JVP double by_unnamed_ref(double x) {
  double y = x;
  // CHECK: lowering-catalogue.cpp:[[@LINE+1]]:43: error: passing 'y' by reference to 'unnamed_ref' is supported in a statement that is the call, an assignment, a declaration, a return or an 'if' or loop condition only, not in a 'for' loop's initializer or increment; call it in a statement of its own
  for (int k = 0; k < 2; k += unnamed_ref(y) > 1)
    y *= x;
  return y;
}

// Pointers used as values: a test, a conversion, a comparison, arithmetic.
TAD_JVP double has_data(double *x) {
  // CHECK: lowering-catalogue.cpp:[[@LINE+1]]:7: error: testing a pointer is not supported: tad cannot follow pointers other than array parameters; pass a flag or a count instead
  if (x)
    return x[0];
  return 0;
}
TAD_JVP double address_as_int(double *x) {
  // CHECK: lowering-catalogue.cpp:[[@LINE+1]]:12: error: pointer conversions are not supported: tad cannot follow the converted pointer
  long k = (long)x;
  return x[0] * k;
}
TAD_JVP double bits(double *x) {
  // CHECK: lowering-catalogue.cpp:[[@LINE+1]]:12: error: 'reinterpret_cast' is not supported by tad: only conversions between arithmetic types (static_cast, C-style and functional casts) are
  long k = reinterpret_cast<long>(x);
  return x[0] * k;
}
// CHECK: lowering-catalogue.cpp:[[@LINE+1]]:57: error: these pointers point into two arrays ('x' and 'y'): tad compares and subtracts pointers into one array only
TAD_JVP double ordered(double *x, double *y) { return x < y ? x[0] : y[0]; }
// CHECK: lowering-catalogue.cpp:[[@LINE+1]]:54: error: implicit conversion 'NullToPointer' is not supported by tad
TAD_JVP double compare_null(double *x) { return x == nullptr ? 0 : x[0]; }
TAD_JVP double null_test(double x) {
  // CHECK: lowering-catalogue.cpp:[[@LINE+1]]:7: error: null pointers are not supported
  if (nullptr == nullptr)
    return x;
  return 0;
}

// Other operators and writes.
// CHECK: lowering-catalogue.cpp:[[@LINE+1]]:45: error: unary operator '__real' is not supported
TAD_JVP double real_part(double x) { return __real__ x; }
TAD_JVP double select_write(double *x) {
  // CHECK: lowering-catalogue.cpp:[[@LINE+1]]:4: error: tad cannot follow this write: only variables and subscripts of array variables may be assigned
  (x[0] > 0 ? x[0] : x[1]) = 2;
  return x[0];
}

// Types and declarations.
// CHECK: lowering-catalogue.cpp:[[@LINE+1]]:16: error: variadic functions are not supported
TAD_JVP double variadic(double x, ...) { return x; }
enum Phase { Solid, Liquid };
// CHECK: lowering-catalogue.cpp:[[@LINE+1]]:50: error: this enumerator has type 'enum Phase', which tad cannot differentiate through
TAD_JVP double enumerator(double x) { return x * Liquid; }
TAD_JVP double string_init(double x) {
  // CHECK: lowering-catalogue.cpp:[[@LINE+1]]:18: error: unsupported array initializer
  char name[3] = "ab";
  return x * name[0];
}
TAD_JVP double local_struct(double x) {
  // CHECK: lowering-catalogue.cpp:[[@LINE+1]]:10: error: this declaration is not supported inside a function tad differentiates
  struct Cell {
    double v;
  };
  return x;
}
// CHECK: 16 errors generated.
