// More constructs outside tad's subset, one per annotated function (tad
// reports the first error in each), each at the construct with its reason.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -Wno-vla-cxx-extension 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double range_for(double x) {
  double w[2][3] = {{1, 2, 3}, {4, 5, 6}};
  double s = 0;
// CHECK: other-unsupported.cpp:[[@LINE+1]]:18: error: range-based for over the rows of a multi-dimensional array is not supported; use an indexed loop
  for (auto &v : w)
    s += v[0] * x;
  return s;
}

TAD_JVP double with_try(double x) {
// CHECK: other-unsupported.cpp:[[@LINE+1]]:3: error: exceptions are not supported in differentiated code
  try {
    x = x * 2;
  } catch (...) {
  }
  return x;
}

// CHECK: other-unsupported.cpp:[[@LINE+1]]:17: error: functions returning pointers are not supported: tad cannot follow the pointer
TAD_JVP double *returns_pointer(double *x) { return x; }

TAD_JVP double comma(double x) {
  double a = 0;
// CHECK: other-unsupported.cpp:[[@LINE+1]]:20: error: the comma operator is not supported here
  double y = (a = 1, x * 2);
  return y + a;
}

TAD_JVP double if_init(double x) {
// CHECK: other-unsupported.cpp:[[@LINE+1]]:7: error: if statements with an initializer are not supported
  if (double y = x * x; y > 1)
    return y;
  return x;
}

TAD_JVP double condition_variable(double x) {
// CHECK: other-unsupported.cpp:[[@LINE+1]]:14: error: declarations in conditions are not supported; declare the variable before the statement
  while (int n = static_cast<int>(x)) {
    x = x - n;
  }
  return x;
}

TAD_JVP double vla(double x, int n) {
// CHECK: other-unsupported.cpp:[[@LINE+1]]:10: error: variable-length arrays are not supported
  double v[n];
  v[0] = x;
  return v[0];
}

TAD_JVP double with_asm(double x) {
// CHECK: other-unsupported.cpp:[[@LINE+1]]:3: error: inline assembly cannot be differentiated
  asm volatile("" ::: "memory");
  return x;
}

TAD_JVP double constexpr_if(double x) {
// CHECK: other-unsupported.cpp:[[@LINE+1]]:3: error: 'if constexpr' is not supported
  if constexpr (sizeof(double) == 8)
    return x;
  return -x;
}

TAD_JVP double local_struct(double x) {
// CHECK: other-unsupported.cpp:[[@LINE+1]]:10: error: this declaration is not supported inside a function tad differentiates
  struct Pair {
    double a, b;
  };
  return x;
}

TAD_JVP void retarget(double *x, double *y) {
// CHECK: other-unsupported.cpp:[[@LINE+1]]:3: error: assigning to a pointer is not supported: tad cannot follow the pointer afterwards
  x = y;
  x[0] = y[0];
}

double twice(double v) { return 2 * v; }
TAD_JVP double indirect(double x, double (*f)(double)) {
  return f(x);
}
// CHECK: other-unsupported.cpp:[[@LINE-3]]:44: error: parameter 'f' has type 'double (*)(double)'; tad supports pointers to float, double, integer or bool only

TAD_JVP double no_effect(double x) {
// CHECK: other-unsupported.cpp:[[@LINE+1]]:5: error: this expression statement has no effect tad can differentiate; remove it
  x * 2;
  return x;
}
struct Config {
  double scale() const { return 2.0; }
};
const Config g_config{};
TAD_JVP double member_call(double x) {
// CHECK: other-unsupported.cpp:[[@LINE+1]]:14: error: global struct 'g_config' is not supported yet: pass it as a parameter
  return x * g_config.scale();
}

TAD_JVP double captured(double x) {
  double y = x;
#pragma clang __debug captured
// CHECK: other-unsupported.cpp:[[@LINE+1]]:3: error: statement 'CapturedStmt' is not supported by tad
  {
    y = y * x;
  }
  return y;
}
// CHECK: 15 errors generated.
