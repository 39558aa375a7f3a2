// Loops over unsigned counters (std::size_t, unsigned, uint32_t), reversed
// by f_vjp: a reversed loop must not wrap past 0. It was emitted as
// `for (std::size_t i = n - 1; i >= 0; --i)`, which never ends; it is now
// `for (std::size_t i = n; i > 0;) { --i; ... }`, which cannot wrap, for
// every way of writing the bounds, up and down, with and without the tape.
// A uint32_t counter in `i + 1 < n` keeps its condition (it was taken for a
// signed type and rewritten `i < n - 1`, which wraps when n is 0). Checked
// for every length 0..9 under AddressSanitizer: gradients against central
// differences, f_vjp against f_jvp by the dot-product identity.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t && %t | FileCheck %s --check-prefix=NUM
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=NUM
#include "tad/tad.h"
#include <cmath>
#include <cstddef>
#include <cstdint>

// A product of sines: the tape holds the partial products.
TAD_VJP double prod(const double *x, std::size_t n) {
  double s = 1;
  for (std::size_t i = 0; i < n; ++i)
    s = s * std::sin(x[i] + 1.5);
  return s;
}
// CHECK-LABEL: // VJP of 'prod'
// CHECK: reverse sweep
// CHECK: for (std::size_t i = n; i > 0;) {
// CHECK-NEXT: --i;

// Horner's rule, from the highest coefficient down: no tape.
TAD_VJP double horner(const double *a, double t, unsigned n) {
  double p = 0;
  for (unsigned k = n; k > 0; --k)
    p = p * t + a[k - 1];
  return p;
}
// CHECK-LABEL: // VJP of 'horner'
// CHECK: reverse sweep
// CHECK: for (unsigned int k = 0; k < n;) {
// CHECK-NEXT: ++k;

// Inclusive bounds: `k <= m` up, `k >= 1` down.
TAD_VJP double inclusive(const double *x, unsigned m) {
  double s = 0;
  for (unsigned k = 1; k <= m; ++k)
    s = s * std::cos(x[k]) + x[k - 1];
  for (unsigned k = m; k >= 1; --k)
    s += std::cos(s) * x[k];
  return s;
}
// CHECK-LABEL: // VJP of 'inclusive'
// CHECK: reverse sweep
// CHECK: for (unsigned int k = 0; k < m;) {
// CHECK-NEXT: ++k;
// CHECK: for (unsigned int k = m + 1; k > 1;) {
// CHECK-NEXT: --k;

// A running sum written in place, and a backward sweep, over uint32_t.
TAD_JVP TAD_VJP void sweeps(double *y, const double *w, std::uint32_t n) {
  for (std::uint32_t i = 1; i < n; ++i)
    y[i] += w[i] * y[i - 1] * y[i - 1];
  for (std::uint32_t i = 0; i + 1 < n; ++i)
    y[i] = y[i] * std::exp(0.25 * y[i + 1]);
}
// CHECK-LABEL: // VJP of 'sweeps'
// CHECK: while (i + 1 < n) {
// CHECK: reverse sweep
// CHECK: for (std::uint32_t i = n; i > 1;) {
// CHECK-NEXT: --i;

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"

using tad_test::Vec;

int main() {
  for (unsigned N = 0; N <= 9; ++N) {
    std::vector<Vec> X = {tad_test::randomVec(N, N), tad_test::randomVec(N, 9)};
    tad_test::checkGradient(
        "prod", [&](const Vec &V) { return Vec{prod(V.data(), N)}; },
        [&](const Vec &V) {
          Vec G(N, 0.0);
          prod_grad(V.data(), N, G.data());
          return G;
        },
        X);
    // horner: a and t together.
    std::vector<Vec> AT = {tad_test::randomVec(N + 1, N),
                           tad_test::randomVec(N + 1, 7)};
    tad_test::checkGradient(
        "horner", [&](const Vec &V) { return Vec{horner(V.data(), V[N], N)}; },
        [&](const Vec &V) {
          Vec G(N + 1, 0.0);
          horner_grad(V.data(), V[N], N, G.data(), &G[N]);
          return G;
        },
        AT);
    // inclusive reads x[0..m].
    tad_test::checkGradient(
        "inclusive", [&](const Vec &V) { return Vec{inclusive(V.data(), N)}; },
        [&](const Vec &V) {
          Vec G(N + 1, 0.0);
          inclusive_grad(V.data(), N, G.data());
          return G;
        },
        AT);
    // sweeps: y in place, w fixed; the dot product against its JVP.
    Vec W = tad_test::randomVec(N, 3 + N);
    tad_test::Jvp J = [&](const Vec &Y, const Vec &D) {
      Vec Yc = Y, Dc = D, DW(N, 0.0);
      sweeps_jvp(Yc.data(), Dc.data(), W.data(), DW.data(), N);
      return Dc;
    };
    tad_test::Vjp V = [&](const Vec &Y, const Vec &Bar) {
      Vec Yc = Y, Ct = Bar, CtW(N, 0.0);
      sweeps_vjp(Yc.data(), W.data(), N, Ct.data(), CtW.data());
      return Ct;
    };
    tad_test::checkJvp(
        "sweeps",
        [&](const Vec &Y) {
          Vec Yc = Y;
          sweeps(Yc.data(), W.data(), N);
          return Yc;
        },
        J, X);
    tad_test::checkVjp("sweeps", J, V, X, N);
  }
  return tad_test::report();
}
// NUM: {{[0-9]+}} checks, 0 failed
#endif
