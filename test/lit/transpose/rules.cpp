// THEORY.md 2.6, TR-1..TR-11 (reference/transpose_rules.py) as C++: each
// f is [[tad::linear]] in x and y; f_transpose is checked against the dense
// transpose of f's matrix (built by applying f to unit vectors) and by the
// dot-product identity <w, f(v)> = <f_transpose(w), v>.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

const int N = 6;

// TR-1: gather with repeated indices -> scatter-add.
TAD_LINEAR(x, y)
void gather(const double *c, const int *idx, const double *x, double *y) {
  for (int i = 0; i < N; ++i)
    y[i] = c[i] * x[idx[i]];
}

// TR-2: overwriting scatter with unique indices -> gather.
TAD_LINEAR(x, y) void scatter(const int *perm, const double *x, double *y) {
  for (int i = 0; i < N; ++i)
    y[i] = 0;
  for (int i = 0; i < N; ++i)
    y[perm[i]] = x[i];
}

// TR-2b: overwriting scatter with repeated indices (last writer wins).
TAD_LINEAR(x, y) void scatter_rep(const int *idx, const double *x, double *y) {
  for (int i = 0; i < N; ++i)
    y[i] = 0;
  for (int i = 0; i < N; ++i)
    y[idx[i]] = x[i];
}

// TR-3: scatter-add with repeated indices -> gather.
TAD_LINEAR(x, y) void scatter_add(const int *idx, const double *x, double *y) {
  for (int i = 0; i < N; ++i)
    y[i] = 0;
  for (int i = 0; i < N; ++i)
    y[idx[i]] += 2 * x[i];
}

// TR-4: prefix sum (loop-carried) -> reverse prefix sum.
TAD_LINEAR(x, y) void prefix(const double *x, double *y) {
  y[0] = x[0];
  for (int i = 1; i < N; ++i)
    y[i] = y[i - 1] + x[i];
}

// TR-5: in-place shear and scale on the input, then copy out.
TAD_LINEAR(x, y) void shear_scale(const double *c, double *x, double *y) {
  for (int i = 1; i < N; ++i) {
    x[i] += c[i] * x[i - 1];
    x[i] *= 0.5;
  }
  for (int i = 0; i < N; ++i)
    y[i] = x[i];
}

// TR-6: a branch on non-linear data, different stencils per branch.
TAD_LINEAR(x, y) void branches(const double *p, const double *x, double *y) {
  for (int i = 0; i < N; ++i) {
    if (p[i] > 0)
      y[i] = 2 * x[i];
    else
      y[i] = x[i] - x[(i + 1) % N];
  }
}

// TR-7: a 3-point stencil through a temporary (fan-out).
TAD_LINEAR(x, y) void stencil(const double *c, const double *x, double *y) {
  for (int i = 0; i < N; ++i) {
    double t = x[(i + N - 1) % N] - 2 * x[i] + x[(i + 1) % N];
    y[i] = c[i] * t;
  }
}

// TR-8: a swap through a temporary, in place, then a scaled copy.
TAD_LINEAR(x, y) void swap_copy(double *x, double *y) {
  double t = x[0];
  x[0] = x[5];
  x[5] = t;
  for (int i = 0; i < N; ++i)
    y[i] = 3 * x[i];
}

// TR-9: a reduction -> broadcast (1 x N).
TAD_LINEAR(x, y) void reduce(const double *c, const double *x, double *y) {
  y[0] = 0;
  for (int i = 0; i < N; ++i)
    y[0] += c[i] * x[i];
}

// TR-10: calls of a linear callee that passes arrays (inlined).
static void axpy2(const double *a, double *b) {
  for (int i = 0; i < N; ++i)
    b[i] += 2 * a[i] - a[(i + 1) % N];
}
TAD_LINEAR(x, y) void calls(const double *x, double *y) {
  for (int i = 0; i < N; ++i)
    y[i] = 0;
  axpy2(x, y);
  axpy2(x, y);
}

// TR-11: y = A x with a non-linear 4 x N matrix A.
TAD_LINEAR(x, y) void matvec(const double *A, const double *x, double *y) {
  for (int r = 0; r < 4; ++r) {
    y[r] = 0;
    for (int k = 0; k < N; ++k)
      y[r] += A[r * N + k] * x[k];
  }
}

// CT-25: T<2x>(3) = 6.
TAD_LINEAR(x) double twice(double x) { return 2 * x; }
// CT-25: T<x -> x[0]>(3) over a 2-vector = [3, 0].
TAD_LINEAR(x, y) void first(const double *x, double *y) { y[0] = x[0]; }
// CT-25: T<(x, y) -> 0.5x - 0.5y>(1) = (0.5, -0.5).
TAD_LINEAR(xy, out) void half_diff(const double *xy, double *out) {
  out[0] = 0.5 * xy[0] - 0.5 * xy[1];
}
// CT-25: T<x -> (x, x)>((4, 5)) = 9.
TAD_LINEAR(x, y) void dup(const double *x, double *y) {
  y[0] = x[0];
  y[1] = x[0];
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

using Vec = std::vector<double>;
using Map = std::function<void(double *x, double *y)>;
static int Failures = 0, Checks = 0;

static void expect(bool Ok, const char *Name, const char *What) {
  ++Checks;
  if (!Ok) {
    ++Failures;
    std::printf("FAIL %s: %s\n", Name, What);
  }
}

/// M[o][i] = f(e_i)[o] and Tm[i][o] = T(e_o)[i]: Tm must equal M^T; and
/// <w, f(v)> = <T(w), v> for random v, w. f may modify its input (TR-5,
/// TR-8), so each application gets fresh copies.
static void check(const char *Name, const Map &F, const Map &T, int In,
                  int Out) {
  std::vector<Vec> M(Out, Vec(In)), Tm(In, Vec(Out));
  for (int I = 0; I < In; ++I) {
    Vec X(In, 0.0), Y(Out, 0.0);
    X[I] = 1;
    F(X.data(), Y.data());
    for (int O = 0; O < Out; ++O)
      M[O][I] = Y[O];
  }
  for (int O = 0; O < Out; ++O) {
    Vec X(In, 0.0), W(Out, 0.0);
    W[O] = 1;
    T(X.data(), W.data());
    for (int I = 0; I < In; ++I)
      Tm[I][O] = X[I];
  }
  double Err = 0;
  for (int I = 0; I < In; ++I)
    for (int O = 0; O < Out; ++O)
      Err = std::fmax(Err, std::fabs(Tm[I][O] - M[O][I]));
  expect(Err <= 1e-15, Name, "f_transpose differs from the dense transpose");
  std::mt19937 Rng(5);
  std::uniform_real_distribution<double> U(-1, 1);
  Vec V(In), W(Out), FV(Out, 0.0), TW(In, 0.0);
  for (double &X : V)
    X = U(Rng);
  for (double &X : W)
    X = U(Rng);
  Vec V2 = V, W2 = W;
  F(V2.data(), FV.data());
  T(TW.data(), W2.data());
  double L = 0, R = 0;
  for (int O = 0; O < Out; ++O)
    L += W[O] * FV[O];
  for (int I = 0; I < In; ++I)
    R += TW[I] * V[I];
  expect(std::fabs(L - R) <= 1e-14 * (1 + std::fabs(L)), Name,
         "dot-product identity fails");
}

int main() {
  const double c[N] = {0.3, -1.2, 0.7, 2.0, -0.4, 1.1};
  const double p[N] = {1, -1, 0.5, -0.2, 3, -4};
  const int idx[N] = {2, 0, 2, 5, 5, 1};
  const int perm[N] = {3, 1, 4, 0, 5, 2};
  double A[4 * N];
  for (int i = 0; i < 4 * N; ++i)
    A[i] = std::sin(1.0 + i);

  check(
      "TR-1 gather", [&](double *x, double *y) { gather(c, idx, x, y); },
      [&](double *x, double *y) { gather_transpose(c, idx, x, y); }, N, N);
  check(
      "TR-2 scatter", [&](double *x, double *y) { scatter(perm, x, y); },
      [&](double *x, double *y) { scatter_transpose(perm, x, y); }, N, N);
  check(
      "TR-2b scatter, repeated",
      [&](double *x, double *y) { scatter_rep(idx, x, y); },
      [&](double *x, double *y) { scatter_rep_transpose(idx, x, y); }, N, N);
  check(
      "TR-3 scatter-add", [&](double *x, double *y) { scatter_add(idx, x, y); },
      [&](double *x, double *y) { scatter_add_transpose(idx, x, y); }, N, N);
  check(
      "TR-4 prefix", [&](double *x, double *y) { prefix(x, y); },
      [&](double *x, double *y) { prefix_transpose(x, y); }, N, N);
  check(
      "TR-5 shear+scale", [&](double *x, double *y) { shear_scale(c, x, y); },
      [&](double *x, double *y) { shear_scale_transpose(c, x, y); }, N, N);
  check(
      "TR-6 branches", [&](double *x, double *y) { branches(p, x, y); },
      [&](double *x, double *y) { branches_transpose(p, x, y); }, N, N);
  check(
      "TR-7 stencil", [&](double *x, double *y) { stencil(c, x, y); },
      [&](double *x, double *y) { stencil_transpose(c, x, y); }, N, N);
  check(
      "TR-8 swap", [&](double *x, double *y) { swap_copy(x, y); },
      [&](double *x, double *y) { swap_copy_transpose(x, y); }, N, N);
  check(
      "TR-9 reduce", [&](double *x, double *y) { reduce(c, x, y); },
      [&](double *x, double *y) { reduce_transpose(c, x, y); }, N, 1);
  check(
      "TR-10 calls", [&](double *x, double *y) { calls(x, y); },
      [&](double *x, double *y) { calls_transpose(x, y); }, N, N);
  check(
      "TR-11 matvec", [&](double *x, double *y) { matvec(A, x, y); },
      [&](double *x, double *y) { matvec_transpose(A, x, y); }, N, 4);

  // CT-25, with the values of THEORY.md table 2.7.
  expect(twice_transpose(3) == 6, "CT-25 T<2x>(3)", "expected 6");
  double x2[2] = {0, 0}, w1[1] = {3};
  first_transpose(x2, w1);
  expect(x2[0] == 3 && x2[1] == 0, "CT-25 T<x[0]>(3)", "expected [3, 0]");
  double xy[2] = {0, 0}, one[1] = {1};
  half_diff_transpose(xy, one);
  expect(xy[0] == 0.5 && xy[1] == -0.5, "CT-25 T<0.5x-0.5y>(1)",
         "expected (0.5, -0.5)");
  double xs[1] = {0}, w45[2] = {4, 5};
  dup_transpose(xs, w45);
  expect(xs[0] == 9, "CT-25 T<(x,x)>((4,5))", "expected 9");
  std::printf("%d checks, %d failed\n", Checks, Failures);
  return Failures ? 1 : 0;
}
#endif

// With the plugin (here, so that the line numbers checked above stay):
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
