// A call statement tad cannot differentiate is an error that names the
// call and says why, never "this expression statement has no effect tad can
// differentiate; remove it" (removing std::fill_n changes the program). Library
// functions that may write through a pointer or reference argument are
// rejected as such; member and operator calls are named. The same errors
// come from tad-gen and from the plugin.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %cxx %plugin -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <algorithm>
#include <cstring>
#include <iostream>
#include <utility>

TAD_JVP double fill(double x, double *a, int n) {
  // CHECK: call-statements.cpp:[[@LINE+1]]:3: error: call of 'std::fill_n' is not supported: tad cannot see what it writes
  std::fill_n(a, n, x);
  return a[0];
}

TAD_VJP void copy(const double *x, double *y, int n) {
  // CHECK: call-statements.cpp:[[@LINE+1]]:3: error: call of 'std::copy_backward' is not supported: tad cannot see what it writes
  std::copy_backward(x, x + n, y + n);
}

TAD_JVP double swap(double x, double y) {
  // CHECK: call-statements.cpp:[[@LINE+1]]:3: error: call of 'std::iter_swap' is not supported: tad cannot see what it writes
  std::iter_swap(&x, &y);
  return x - 2 * y;
}

TAD_LINEAR(x, y) void move_bytes(const double *x, double *y, int n) {
  // CHECK: call-statements.cpp:[[@LINE+1]]:3: error: call of 'memcpy' is not supported: tad cannot see what it writes
  std::memcpy(y, x, n * sizeof(double));
}

TAD_JVP double sort(double *a, int n) {
  // CHECK: call-statements.cpp:[[@LINE+1]]:3: error: call of 'std::sort' is not supported: tad cannot see what it writes
  std::sort(a, a + n);
  return a[n - 1];
}

struct Log {
  void record(double) {}
  Log &operator<<(double) { return *this; }
};
Log g_log;

TAD_JVP double member(double x) {
  // CHECK: call-statements.cpp:[[@LINE+1]]:3: error: global struct 'g_log' is not supported yet: pass it as a parameter
  g_log.record(x);
  return x;
}

TAD_JVP double shift_operator(double x) {
  // CHECK: call-statements.cpp:[[@LINE+1]]:3: error: global struct 'g_log' is not supported yet: pass it as a parameter
  g_log << x;
  return x;
}

TAD_JVP double library_operator(double x) {
  // CHECK: call-statements.cpp:[[@LINE+1]]:13: error: call of 'std::operator<<' is not supported: tad follows the member functions and operators of the user's structs, not the library's
  std::cout << "x";
  return x;
}

TAD_JVP double library_member(double x) {
  // CHECK: call-statements.cpp:[[@LINE+1]]:13: error: call of member function 'std::basic_ostream<char>::flush' is not supported: tad follows the member functions and operators of the user's structs, not the library's
  std::cout.flush();
  return x;
}

TAD_JVP double throws(double x) {
  if (x < 0)
    // CHECK: call-statements.cpp:[[@LINE+1]]:5: error: this expression statement (CXXThrowExpr) is not supported by tad
    throw 1;
  return x;
}
// CHECK: 10 errors generated.
