// Loops with a stride other than 1 (`i += 2`, `i += s`, `i += 3u`, `<=`)
// run backwards in reverse mode from their last counter,
// a + (b - 1 - a) / s * s, under `if (a < b)`, with no tape for the
// counter (the values they overwrite still go on the tape); loops whose
// transposed iterations are independent run forwards as written. Checked
// for every trip count from 0 to 11 and strides 1 to 4: gradients
// against central differences, an in-place sweep's VJP against its JVP by
// the dot-product identity.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t && %t | FileCheck %s --check-prefix=NUM
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=NUM
#include "tad/tad.h"
#include <cmath>

// Every other element, independent iterations: forwards, no tape.
TAD_VJP double evens(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i += 2)
    s += std::sin(x[i]) * x[i + 1];
  return s;
}

// CHECK-LABEL: // VJP of 'evens'
// CHECK-NOT: _tape
// CHECK: reverse sweep
// CHECK: for (int i = 0; i < n; i += 2) {

// A recurrence with a run-time stride and `<=`: backwards from the last i.
TAD_VJP double chain(const double *x, int n, int s) {
  double v = 1;
  for (int i = 1; i <= n; i += s)
    v = v * std::sin(x[i]) + x[i - 1];
  return v;
}

// CHECK-LABEL: // VJP of 'chain'
// CHECK: if (1 <= n) {
// CHECK-NEXT: for (int i = 1 + (n - 1) / s * s + s; i > 1;) {
// CHECK-NEXT: i -= s;

// An unsigned counter: the reverse loop never passes 0.
TAD_VJP double uchain(const double *x, unsigned n) {
  double v = 1;
  for (unsigned i = 0; i < n; i += 3u)
    v = v * std::cos(x[i]) + x[i];
  return v;
}

// CHECK-LABEL: // VJP of 'uchain'
// CHECK: if (0 < n) {
// CHECK-NEXT: for (unsigned int i = (n - 1) / 3u * 3u + 3u; i > 0;) {
// CHECK-NEXT: i -= 3u;

// In place, strided inside counted: each pass reads the element a stride
// back, so the passes and the strided iterations run backwards.
TAD_JVP TAD_VJP void sweep(double *y, const double *w, int n, int s) {
  for (int pass = 0; pass < 2; ++pass)
    for (int i = s; i < n; i += s)
      y[i] = y[i] * w[i] + std::sin(y[i - s]);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"

using tad_test::Vec;

int main() {
  for (int N = 0; N <= 11; ++N) {
    std::vector<Vec> X = {tad_test::randomVec(N + 1, N),
                          tad_test::randomVec(N + 1, 20 + N)};
    tad_test::checkGradient(
        "evens", [&](const Vec &V) { return Vec{evens(V.data(), N)}; },
        [&](const Vec &V) {
          Vec G(N + 1, 0.0);
          evens_grad(V.data(), N, G.data());
          return G;
        },
        X);
    tad_test::checkGradient(
        "uchain",
        [&](const Vec &V) { return Vec{uchain(V.data(), unsigned(N))}; },
        [&](const Vec &V) {
          Vec G(N + 1, 0.0);
          uchain_grad(V.data(), unsigned(N), G.data());
          return G;
        },
        X);
    for (int S = 1; S <= 4; ++S) {
      tad_test::checkGradient(
          "chain", [&](const Vec &V) { return Vec{chain(V.data(), N, S)}; },
          [&](const Vec &V) {
            Vec G(N + 1, 0.0);
            chain_grad(V.data(), N, S, G.data());
            return G;
          },
          X);
      Vec W = tad_test::randomVec(N + 1, 40 + N);
      tad_test::Jvp J = [&](const Vec &Y, const Vec &D) {
        Vec Yc = Y, Dc = D, DW(N + 1, 0.0);
        sweep_jvp(Yc.data(), Dc.data(), W.data(), DW.data(), N, S);
        return Dc;
      };
      tad_test::Vjp V = [&](const Vec &Y, const Vec &Bar) {
        Vec Yc = Y, Ct = Bar, CtW(N + 1, 0.0);
        sweep_vjp(Yc.data(), W.data(), N, S, Ct.data(), CtW.data());
        return Ct;
      };
      tad_test::checkJvp(
          "sweep",
          [&](const Vec &Y) {
            Vec Yc = Y;
            sweep(Yc.data(), W.data(), N, S);
            return Yc;
          },
          J, X);
      tad_test::checkVjp("sweep", J, V, X, N + 1);
    }
  }
  return tad_test::report();
}
// NUM: 0 failed
#endif
