// Loops whose condition adds a constant to the counter (`i + 1 < n`, common
// in stencils) are counted loops in reverse mode: the condition is written
// with the counter alone (`i < n - 1`), so the reverse sweep runs by the
// bounds with no tape. Not for an unsigned counter (`i + 1 < n` and
// `i < n - 1` differ there when n is 0), which keeps its tape. Checked for
// every length from 0 to 7 (built with g++'s AddressSanitizer, the arrays
// exactly as long as the functions use) by the dot-product identity
// against the JVP, and a gradient against central differences.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>
#include <cstddef>

// CHECK-LABEL: // VJP of 'lap'
// CHECK-NOT: _tape
// CHECK: for (int i = 1; i < n - 1; ++i) {
// CHECK-NOT: _tape
// CHECK: return _ret;
TAD_JVP TAD_VJP double lap(const double *x, int n) {
  double e = 0;
  for (int i = 1; i + 1 < n; ++i) {
    double l = x[i - 1] - 2 * x[i] + x[i + 1];
    e += l * l;
  }
  return e;
}

// The counter on the right, and subtracted constants.
// CHECK-LABEL: // VJP of 'mirror'
// CHECK-NOT: _tape
// CHECK: for (int i = 2; i < n + 1; ++i) {
// CHECK: for (int j = n - 1; j >= 1; --j) {
// CHECK-NOT: _tape
// CHECK: return _ret;
TAD_JVP TAD_VJP double mirror(const double *x, int n) {
  double s = 0;
  for (int i = 2; n > i - 1; ++i)
    s += std::sin(x[i - 2]) * x[i - 1];
  for (int j = n - 1; j - 1 >= 0; --j)
    s += x[j] * x[j - 1];
  return s;
}

// An unsigned counter keeps its condition, and a tape.
// CHECK-LABEL: // VJP of 'unsigned_loop'
// CHECK: i + 1 < n
// CHECK: _tape
TAD_JVP TAD_VJP double unsigned_loop(const double *x, std::size_t n) {
  double s = 0;
  for (std::size_t i = 0; i + 1 < n; ++i)
    s += x[i] * std::exp(x[i + 1]);
  return s;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"

using tad_test::Vec;

template <typename Primal, typename Jvp, typename Vjp>
void check(const char *Name, Primal P, Jvp J, Vjp V, int N) {
  Vec X = tad_test::randomVec(N, N);
  tad_test::Jvp FJ = [&](const Vec &A, const Vec &D) {
    double Dy = 0;
    J(A.data(), D.data(), N, &Dy);
    return Vec{Dy};
  };
  tad_test::Vjp FV = [&](const Vec &A, const Vec &YBar) {
    Vec Ct(N, 0.0);
    V(A.data(), N, YBar[0], Ct.data());
    return Ct;
  };
  tad_test::checkVjp(Name, FJ, FV, {X}, 1);
  if (N == 6) {
    tad_test::Primal F = [&](const Vec &A) { return Vec{P(A.data(), N)}; };
    auto G = [&](const Vec &A) { return FV(A, Vec{1.0}); };
    tad_test::checkGradient(Name, F, G, {X});
  }
}

int main() {
  for (int N = 0; N <= 7; ++N) {
    check("lap", lap, lap_jvp, lap_vjp, N);
    check("mirror", mirror, mirror_jvp, mirror_vjp, N);
    check(
        "unsigned_loop",
        [](const double *X, int M) { return unsigned_loop(X, M); },
        [](const double *X, const double *D, int M, double *Dy) {
          return unsigned_loop_jvp(X, D, M, Dy);
        },
        [](const double *X, int M, double Ct, double *CtX) {
          return unsigned_loop_vjp(X, M, Ct, CtX);
        },
        N);
  }
  return tad_test::report();
}
#endif
