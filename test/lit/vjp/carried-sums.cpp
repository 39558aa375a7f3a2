// Transposed stencils keep neighbouring `+=` in registers (CarriedSums):
// each element of the cotangent array is stored once, after its last
// addition, the partial sums carried from one iteration to the next and the
// ones still pending stored after the loop, guarded so that an element the
// loop does not reach is never accessed. Checked for loops running up and
// down (a transposed loop whose iterations are independent runs like the
// primal's), offsets with a gap, a 2-D five-point stencil and a linear
// transpose, at every length from 0 to 9 (the guards: built with
// g++'s AddressSanitizer, the arrays exactly as long as the function uses), by
// the dot-product identity against the JVP (or the function itself).
// A recurrence, whose transpose reads the array it adds to, is left alone.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

// The transposed loop runs forwards (its iterations are independent):
// element i - 1 is finished at iteration i.
// CHECK-LABEL: // VJP of 'blur'
// CHECK: double _acc = 0.0;
// CHECK-NEXT: double _acc_1 = 0.0;
// CHECK-NEXT: for (int i = 1; i < n - 1; ++i) {
// CHECK-NEXT: // line [[#@LINE+12]]
// CHECK-NEXT: const double _g0 = ct_b[i];
// CHECK-NEXT: ct_b[i] = 0.0;
// CHECK-NEXT: ct_a[i - 1] += _acc + 0.25 * _g0;
// CHECK-NEXT: _acc = _acc_1 + 0.5 * _g0;
// CHECK-NEXT: _acc_1 = 0.25 * _g0;
// CHECK-NEXT: }
// CHECK-NEXT: if (1 < n - 1) {
// CHECK-NEXT: ct_a[n - 2] += _acc;
// CHECK-NEXT: ct_a[n - 1] += _acc_1;
TAD_JVP TAD_VJP void blur(const double *a, double *b, int n) {
  for (int i = 1; i < n - 1; ++i)
    b[i] = 0.25 * a[i - 1] + 0.5 * a[i] + 0.25 * a[i + 1];
}

// Offsets -2 and +1: the pending sums belong to elements n - 1, n - 2,
// n - 3, reached when the loop ran at least 1, 2, 3 times.
// CHECK-LABEL: // VJP of 'gap'
// CHECK: ct_a[i - 2] += _acc + a[i - 2] * (2.0 * _g0);
// CHECK-NEXT: _acc = _acc_1;
// CHECK-NEXT: _acc_1 = _acc_2;
// CHECK-NEXT: _acc_2 = 3.0 * -_g0;
// CHECK: if (2 < n - 1) {
// CHECK-NEXT: ct_a[n - 1] += _acc_2;
// CHECK: if (3 < n - 1) {
// CHECK-NEXT: ct_a[n - 2] += _acc_1;
// CHECK: if (4 < n - 1) {
// CHECK-NEXT: ct_a[n - 3] += _acc;
TAD_JVP TAD_VJP void gap(const double *a, double *b, int n) {
  for (int i = 2; i < n - 1; ++i)
    b[i] = a[i - 2] * a[i - 2] - 3.0 * a[i + 1];
}

// A loop running down: so does its transpose, finishing element i.
// CHECK-LABEL: // VJP of 'diff'
// CHECK: for (int i = n - 1; i >= 1; --i) {
// CHECK: ct_a[i] += _acc + _g0;
// CHECK-NEXT: _acc = -_g0;
// CHECK: if (n - 1 >= 1) {
// CHECK-NEXT: ct_a[0] += _acc;
TAD_JVP TAD_VJP void diff(const double *a, double *b, int n) {
  for (int i = n - 1; i >= 1; --i)
    b[i] = a[i] - a[i - 1];
}

// Five points on an m x m grid: the same-row terms are carried, the rows
// above and below (other loop-invariant terms) are added directly.
// CHECK-LABEL: // VJP of 'five'
// CHECK: ct_a[(i - 1) * m + j] += _g1;
// CHECK-NEXT: ct_a[(i + 1) * m + j] += _g1;
// CHECK-NEXT: ct_a[i * m + j - 1] += _acc + _g1;
TAD_JVP TAD_VJP void five(const double *a, double *b, int m) {
  for (int i = 1; i < m - 1; ++i)
    for (int j = 1; j < m - 1; ++j)
      b[i * m + j] =
          0.2 * (a[i * m + j] + a[(i - 1) * m + j] + a[(i + 1) * m + j] +
                 a[i * m + j - 1] + a[i * m + j + 1]);
}

// The transpose reads ct_x[i] after iteration i + 1 added to it: it runs
// backwards, unchanged.
// CHECK-LABEL: // VJP of 'recur'
// CHECK-NOT: _acc
// CHECK: for (int i = n - 1; i >= 1; --i) {
// CHECK: ct_x[i - 1] += 0.5 * _g0;
TAD_JVP TAD_VJP void recur(double *x, int n) {
  for (int i = 1; i < n; ++i)
    x[i] += 0.5 * x[i - 1];
}

// CHECK-LABEL: // transpose of 'conv'
// CHECK: a[i - 1] += _acc + 2.0 * _g0;
TAD_LINEAR(a, b) void conv(const double *a, double *b, int n) {
  for (int i = 1; i < n - 1; ++i)
    b[i] = 2.0 * a[i - 1] - a[i + 1];
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"

using tad_test::Vec;

using Fn = void (*)(const double *, double *, int);
using JvpFn = void (*)(const double *, const double *, double *, double *, int);
using VjpFn = void (*)(const double *, double *, int, double *, double *);

/// <ybar, J xdot> = <J^T ybar, xdot> for a map a (size) -> b (size); every
/// array exactly `size` long, so that AddressSanitizer sees any access
/// outside.
void checkMap(const char *Name, JvpFn Jvp, VjpFn Vjp, int N, int Size) {
  Vec A = tad_test::randomVec(Size, N);
  tad_test::Jvp J = [&](const Vec &X, const Vec &D) {
    Vec B(Size, 0.0), DB(Size, 0.0);
    Jvp(X.data(), D.data(), B.data(), DB.data(), N);
    return DB;
  };
  tad_test::Vjp VJ = [&](const Vec &X, const Vec &YBar) {
    Vec B(Size, 0.0), CtB = YBar, CtA(Size, 0.0);
    Vjp(X.data(), B.data(), N, CtA.data(), CtB.data());
    return CtA;
  };
  tad_test::checkVjp(Name, J, VJ, {A}, Size);
}

int main() {
  for (int N = 0; N <= 9; ++N) {
    checkMap("blur", blur_jvp, blur_vjp, N, N);
    checkMap("gap", gap_jvp, gap_vjp, N, N);
    checkMap("diff", diff_jvp, diff_vjp, N, N);
    checkMap("five", five_jvp, five_vjp, N, N * N);
    // The recurrence, in place: x -> x.
    tad_test::Jvp J = [&](const Vec &X, const Vec &D) {
      Vec Y = X, DY = D;
      recur_jvp(Y.data(), DY.data(), N);
      return DY;
    };
    tad_test::Vjp VJ = [&](const Vec &X, const Vec &YBar) {
      Vec Y = X, Ct = YBar;
      recur_vjp(Y.data(), N, Ct.data());
      return Ct;
    };
    tad_test::checkVjp("recur", J, VJ, {Vec(N, 0.5)}, N);
    // The linear transpose against the function: <w, conv(v)> =
    // <conv_transpose(w), v>.
    tad_test::Jvp F = [&](const Vec &V, const Vec &) {
      Vec B(N, 0.0);
      conv(V.data(), B.data(), N);
      return B;
    };
    tad_test::Vjp T = [&](const Vec &, const Vec &W) {
      Vec A(N, 0.0), B = W;
      conv_transpose(A.data(), B.data(), N);
      return A;
    };
    tad_test::checkVjp(
        "conv", [&](const Vec &, const Vec &D) { return F(D, D); }, T,
        {Vec(N, 0.0)}, N);
  }
  // The gradient of a sum of squares after a blur, against central
  // differences.
  const int N = 7;
  tad_test::Primal P = [&](const Vec &A) {
    Vec B(N, 0.0);
    blur(A.data(), B.data(), N);
    double S = 0;
    for (double V : B)
      S += V * V;
    return Vec{S};
  };
  auto Grad = [&](const Vec &A) {
    Vec B(N, 0.0), CtA(N, 0.0), CtB(N, 0.0);
    blur(A.data(), B.data(), N);
    for (int I = 0; I < N; ++I)
      CtB[I] = 2 * B[I];
    blur_vjp(A.data(), B.data(), N, CtA.data(), CtB.data());
    return CtA;
  };
  tad_test::checkGradient("blur", P, Grad,
                          {{0.1, -0.4, 0.3, 0.9, -1.2, 0.5, 0.7}});
  return tad_test::report();
}
#endif
