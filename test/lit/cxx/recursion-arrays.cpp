// Reverse mode through recursion that passes arrays: the determinant by
// expansion in minors as CppAD and GradBench write it (a template over the
// scalar type, row and column index vectors used as linked lists, changed
// before each recursive call and restored after it), an in-place Haar
// transform that recurses on the first half of a std::vector, and a tree
// sum over a const array that recurses on both halves through pointer
// offsets. Reverse mode keeps a recursive call as a call of the callee's
// VJP: the arrays the call may change (a non-const argument, or one the
// caller writes) are saved, as a copy of the std::vector's elements on the
// tape, before the call; a const array that does not change is passed as
// it is. Checked: JVP against central differences, VJP against JVP by the
// dot-product identity, the gradient of det against det(A) A^-T from an
// independent elimination, with clang++, g++ (ASan, UBSan) and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT-NOT: FAIL
// OUT: 259 checks, 0 failed
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=OUT
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: // VJP of 'det_of_minor_double'
// GEN: _tape.push_elements(r);
// GEN-NEXT: _tape.push_elements(c);
// GEN-NEXT: const double _t0 = det_of_minor<double>(a, m, n - 1, r, c);
// GEN: std::vector<std::size_t> _saved{{[0-9]+}} = _tape.pop_elements<std::size_t>();
// GEN: det_of_minor_double_vjp(a, m, n - 1, _saved{{[0-9]+}}, _saved{{[0-9]+}}, _g{{[0-9]+}}, ct_a);
// GEN: // VJP of 'haar'
// GEN: haar_vjp(_saved{{[0-9]+}}, _saved{{[0-9]+}}, h, ct_x, ct_tmp);
// GEN: // VJP of 'tree_sum'
// GEN: tree_sum_vjp(a + h, n - h, _g{{[0-9]+}}, ct_a + h);
#include "tad/tad.h"
#include <cmath>
#include <cstddef>
#include <vector>

// The determinant of the minor of a (m x m) with the rows and columns
// linked from r[m] and c[m] (CppAD's det_of_minor).
template <class Scalar>
Scalar det_of_minor(const std::vector<Scalar> &a, std::size_t m, std::size_t n,
                    std::vector<std::size_t> &r, std::vector<std::size_t> &c) {
  std::size_t R0 = r[m];
  std::size_t Cj = c[m];
  std::size_t Cj1 = m;
  if (n == 1)
    return a[R0 * m + Cj];
  Scalar detM = Scalar(0);
  int s = 1;
  r[m] = r[R0];
  for (std::size_t j = 0; j < n; j++) {
    std::size_t k = R0 * m + Cj;
    c[Cj1] = c[Cj];
    Scalar M = det_of_minor(a, m, n - 1, r, c);
    c[Cj1] = Cj;
    if (s > 0)
      detM = detM + a[k] * M;
    else
      detM = detM - a[k] * M;
    s = -s;
    Cj1 = Cj;
    Cj = c[Cj];
  }
  r[m] = R0;
  return detM;
}

template <class Scalar>
TAD_JVP TAD_VJP Scalar det_by_minor(const std::vector<Scalar> &a,
                                    std::size_t m) {
  std::vector<std::size_t> r(m + 1), c(m + 1);
  for (std::size_t i = 0; i < m; i++) {
    r[i] = i + 1;
    c[i] = i + 1;
  }
  r[m] = 0;
  c[m] = 0;
  return det_of_minor(a, m, m, r, c);
}
template double det_by_minor<double>(const std::vector<double> &, std::size_t);

// One level of a Haar transform on x[0..n) in place, then the rest on the
// averages; a smooth gain on each difference keeps it non-linear.
void haar(std::vector<double> &x, std::vector<double> &tmp, int n) {
  if (n < 2)
    return;
  int h = n / 2;
  for (int i = 0; i < h; ++i) {
    tmp[i] = 0.5 * (x[2 * i] + x[2 * i + 1]);
    tmp[h + i] = std::tanh(x[2 * i] - x[2 * i + 1]);
  }
  for (int i = 0; i < 2 * h; ++i)
    x[i] = tmp[i];
  haar(x, tmp, h);
}
TAD_JVP TAD_VJP void wavelet(std::vector<double> &x, int n) {
  std::vector<double> tmp(n);
  haar(x, tmp, n);
}

// A sum over a tree of halves, each pair combined non-linearly.
double tree_sum(const double *a, int n) {
  if (n == 1)
    return a[0];
  int h = n / 2;
  double l = tree_sum(a, h);
  double r = tree_sum(a + h, n - h);
  return std::sin(l) * r + l;
}
TAD_JVP TAD_VJP double tree(const double *a, int n) {
  return tree_sum(a, n) * a[0];
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

// det(A) A^-T by Gauss-Jordan elimination with partial pivoting.
static Vec cofactors(const Vec &A, int m) {
  Vec M = A, Inv(m * m, 0.0);
  for (int i = 0; i < m; ++i)
    Inv[i * m + i] = 1;
  double Det = 1;
  for (int k = 0; k < m; ++k) {
    int P = k;
    for (int i = k + 1; i < m; ++i)
      if (std::fabs(M[i * m + k]) > std::fabs(M[P * m + k]))
        P = i;
    if (P != k) {
      Det = -Det;
      for (int j = 0; j < m; ++j) {
        std::swap(M[k * m + j], M[P * m + j]);
        std::swap(Inv[k * m + j], Inv[P * m + j]);
      }
    }
    double D = M[k * m + k];
    Det *= D;
    for (int j = 0; j < m; ++j) {
      M[k * m + j] /= D;
      Inv[k * m + j] /= D;
    }
    for (int i = 0; i < m; ++i)
      if (i != k) {
        double F = M[i * m + k];
        for (int j = 0; j < m; ++j) {
          M[i * m + j] -= F * M[k * m + j];
          Inv[i * m + j] -= F * Inv[k * m + j];
        }
      }
  }
  Vec G(m * m);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < m; ++j)
      G[i * m + j] = Det * Inv[j * m + i];
  return G;
}

int main() {
  // det_by_minor: a[m * m] -> R for m = 1..6.
  for (int m = 1; m <= 6; ++m) {
    std::size_t M = m;
    auto F = [&](const Vec &a) { return Vec{det_by_minor(a, M)}; };
    auto J = [&](const Vec &a, const Vec &d) {
      double r = 0;
      det_by_minor_double_jvp(a, d, M, &r);
      return Vec{r};
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec g(a.size(), 0.0);
      det_by_minor_double_vjp(a, M, yb[0], g);
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(m * m, 40 + m),
                          tad_test::randomVec(m * m, 50 + m)};
    tad_test::checkJvp("det", F, J, P);
    tad_test::checkVjp("det", J, V, P, 1);
    Vec G = V(P[0], Vec{1.0}), C = cofactors(P[0], m);
    for (int k = 0; k < m * m; ++k)
      tad_test::expectNear("det gradient = det(A) A^-T", G[k], C[k], 1e-12);
  }

  // wavelet: x[n] -> x[n] in place, n a power of two and not.
  for (int N : {1, 2, 6, 8}) {
    auto F = [&](const Vec &x) {
      Vec y = x;
      wavelet(y, N);
      return y;
    };
    auto J = [&](const Vec &x, const Vec &d) {
      Vec y = x, dy = d;
      wavelet_jvp(y, dy, N);
      return dy;
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec y = x, cy = yb;
      wavelet_vjp(y, N, cy);
      return cy;
    };
    std::vector<Vec> P = {tad_test::randomVec(N, 60 + N),
                          tad_test::randomVec(N, 70 + N)};
    tad_test::checkJvp("wavelet", F, J, P);
    tad_test::checkVjp("wavelet", J, V, P, N);
  }

  // tree: a[n] -> R.
  for (int N : {1, 2, 5, 9}) {
    auto F = [&](const Vec &a) { return Vec{tree(a.data(), N)}; };
    auto J = [&](const Vec &a, const Vec &d) {
      double r = 0;
      tree_jvp(a.data(), d.data(), N, &r);
      return Vec{r};
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec g(N, 0.0);
      tree_vjp(a.data(), N, yb[0], g.data());
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(N, 80 + N),
                          tad_test::randomVec(N, 90 + N)};
    tad_test::checkJvp("tree", F, J, P);
    tad_test::checkVjp("tree", J, V, P, 1);
  }
  return tad_test::report();
}
#endif
