// Triangular loop nests whose bodies push on the tape: LU, Cholesky,
// triangular solves, cumulative products. The tape reservation before the
// outer loop used the inner bound (`tad::trips(0, i)`), out of scope, so
// f_vjp and f_ijvp did not compile. A reservation now reads only values in
// scope that the loop does not change: a loop whose trip count depends on
// an enclosing counter reserves for itself, inside that loop, and the
// enclosing loop reserves for the rest. Checked for n = 0..6: f_jvp
// against central differences, f_vjp against f_jvp (dot product), f_ijvp
// by f_jvp(f_ijvp(v)) = v, under AddressSanitizer.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --check-prefix=WARN --allow-empty
// RUN: FileCheck %s --input-file %t.inc
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t && %t | FileCheck %s --check-prefix=NUM
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=NUM
// WARN-NOT: error
#include "tad/tad.h"
#include <cmath>
#include <cstddef>

// Doolittle LU in place, no pivoting.
TAD_JVP TAD_VJP void lu(double *a, int n) {
  for (int k = 0; k < n; ++k)
    for (int i = k + 1; i < n; ++i) {
      a[i * n + k] /= a[k * n + k];
      for (int j = k + 1; j < n; ++j)
        a[i * n + j] -= a[i * n + k] * a[k * n + j];
    }
}
// CHECK-LABEL: // VJP of 'lu'
// CHECK-NEXT: void lu_vjp(
// CHECK-NEXT: tad::Tape _tape;
// CHECK-NEXT: // line
// CHECK-NEXT: for (int k = 0; k < n; ++k) {
// CHECK-NEXT: _tape.reserve(tad::trips(k + 1, n) * (tad::trips(k + 1, n) * 16 + 24));

// Cholesky, column by column.
TAD_JVP TAD_VJP void cholesky(const double *a, double *l, int n) {
  for (int j = 0; j < n; ++j) {
    double s = a[j * n + j];
    for (int k = 0; k < j; ++k)
      s -= l[j * n + k] * l[j * n + k];
    l[j * n + j] = std::sqrt(s);
    for (int i = j + 1; i < n; ++i) {
      double t = a[i * n + j];
      for (int k = 0; k < j; ++k)
        t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / l[j * n + j];
    }
  }
}
// CHECK-LABEL: // VJP of 'cholesky'
// CHECK: _tape.reserve(tad::trips(0, n) * 8);
// CHECK-NEXT: // line
// CHECK-NEXT: for (int j = 0; j < n; ++j) {
// CHECK: _tape.reserve(tad::trips(0, j) *
// CHECK: for (int k = 0; k < j; ++k) {
// CHECK: _tape.reserve(tad::trips(j + 1, n) *
// CHECK: for (int i = j + 1; i < n; ++i) {

// Forward substitution with a nonlinear coupling, stepwise: f_ijvp too.
TAD_JVP TAD_VJP TAD_IJVP void fsub(double *x, const double *L, int n) {
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < i; ++j)
      x[i] -= L[i * n + j] * std::tanh(x[j]);
    x[i] *= 1.5;
  }
}
// CHECK-LABEL: // VJP of 'fsub'
// CHECK: for (int i = 0; i < n; ++i) {
// CHECK-NEXT: _tape.reserve(tad::trips(0, i) * 8);
// CHECK-LABEL: // inverse JVP of 'fsub'
// CHECK: for (int i = 0; i < n; ++i) {
// CHECK-NEXT: _tape.reserve(tad::trips(0, i) * 8);

// Back substitution over an unsigned counter, from the last row up.
TAD_JVP TAD_VJP TAD_IJVP void bsub(double *x, const double *U, std::size_t n) {
  for (std::size_t k = n; k > 0; --k)
    for (std::size_t j = k; j < n; ++j)
      x[k - 1] -= U[(k - 1) * n + j] * x[j] * x[j];
}
// CHECK-LABEL: // VJP of 'bsub'
// CHECK: for (std::size_t k = n; k > 0; --k) {
// CHECK-NEXT: _tape.reserve(tad::trips(k, n) * 16);

// Cumulative products: y[i] = prod_{j <= i} (cos x[j] + 2).
TAD_JVP TAD_VJP void cumprod(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) {
    double p = 1;
    for (int j = 0; j <= i; ++j)
      p *= std::cos(x[j]) + 2;
    y[i] = p;
  }
}
// CHECK-LABEL: // VJP of 'cumprod'
// CHECK: for (int i = 0; i < n; ++i) {
// CHECK: _tape.reserve(tad::trips(0, static_cast<long long>(i) + 1) * 8);
// CHECK-NEXT: // line
// CHECK-NEXT: for (int j = 0; j <= i; ++j) {

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"

using tad_test::Vec;

// A program as a map of its in-out array z (and fixed inputs).
struct Map {
  std::function<Vec(const Vec &)> F;
  tad_test::Jvp J;
  tad_test::Vjp V;
};

static void check(const char *Name, const Map &M, const std::vector<Vec> &P,
                  size_t Outputs) {
  tad_test::checkJvp(Name, M.F, M.J, P);
  tad_test::checkVjp(Name, M.J, M.V, P, Outputs);
}

// f_jvp(f_ijvp(v)) = v at Z.
static void roundTrip(const char *Name, const tad_test::Jvp &J,
                      const std::function<Vec(const Vec &, const Vec &)> &IJ,
                      const Vec &Z) {
  Vec V = tad_test::randomVec(Z.size(), 23);
  Vec Back = J(Z, IJ(Z, V));
  for (size_t K = 0; K < V.size(); ++K)
    tad_test::expectNear(Name, Back[K], V[K], 1e-9 * (1 + std::fabs(V[K])));
}

// A diagonally dominant matrix (LU without pivoting), and M M^T + n I.
static Vec dominant(int N, unsigned Seed) {
  Vec A = tad_test::randomVec(N * N, Seed);
  for (int I = 0; I < N; ++I)
    A[I * N + I] += N + 1;
  return A;
}
static Vec spd(int N, unsigned Seed) {
  Vec M = tad_test::randomVec(N * N, Seed), A(N * N, 0.0);
  for (int I = 0; I < N; ++I)
    for (int J = 0; J < N; ++J) {
      for (int K = 0; K < N; ++K)
        A[I * N + J] += M[I * N + K] * M[J * N + K];
      A[I * N + J] += I == J ? N : 0;
    }
  return A;
}

int main() {
  for (int N = 0; N <= 6; ++N) {
    size_t NN = size_t(N) * N;
    {
      Map M;
      M.F = [&](const Vec &A) {
        Vec W = A;
        lu(W.data(), N);
        return W;
      };
      M.J = [&](const Vec &A, const Vec &D) {
        Vec W = A, DW = D;
        lu_jvp(W.data(), DW.data(), N);
        return DW;
      };
      M.V = [&](const Vec &A, const Vec &Bar) {
        Vec W = A, Ct = Bar;
        lu_vjp(W.data(), N, Ct.data());
        return Ct;
      };
      check("lu", M, {dominant(N, 1), dominant(N, 2)}, NN);
    }
    {
      Map M;
      M.F = [&](const Vec &A) {
        Vec L(NN, 0.0);
        cholesky(A.data(), L.data(), N);
        return L;
      };
      M.J = [&](const Vec &A, const Vec &D) {
        Vec L(NN, 0.0), DL(NN, 0.0);
        cholesky_jvp(A.data(), D.data(), L.data(), DL.data(), N);
        return DL;
      };
      M.V = [&](const Vec &A, const Vec &Bar) {
        Vec L(NN, 0.0), CtA(NN, 0.0), CtL = Bar;
        cholesky_vjp(A.data(), L.data(), N, CtA.data(), CtL.data());
        return CtA;
      };
      check("cholesky", M, {spd(N, 3), spd(N, 4)}, NN);
    }
    {
      Vec L = tad_test::randomVec(NN, 5);
      Map M;
      M.F = [&](const Vec &X) {
        Vec W = X;
        fsub(W.data(), L.data(), N);
        return W;
      };
      M.J = [&](const Vec &X, const Vec &D) {
        Vec W = X, DW = D, DL(NN, 0.0);
        fsub_jvp(W.data(), DW.data(), L.data(), DL.data(), N);
        return DW;
      };
      M.V = [&](const Vec &X, const Vec &Bar) {
        Vec W = X, Ct = Bar, CtL(NN, 0.0);
        fsub_vjp(W.data(), L.data(), N, Ct.data(), CtL.data());
        return Ct;
      };
      Vec X = tad_test::randomVec(N, 6);
      check("fsub", M, {X}, N);
      roundTrip(
          "fsub_ijvp", M.J,
          [&](const Vec &Z, const Vec &V) {
            Vec W = Z, U = V;
            fsub_ijvp(W.data(), U.data(), L.data(), N);
            return U;
          },
          X);
    }
    {
      Vec U = tad_test::randomVec(NN, 7);
      size_t n = N;
      Map M;
      M.F = [&](const Vec &X) {
        Vec W = X;
        bsub(W.data(), U.data(), n);
        return W;
      };
      M.J = [&](const Vec &X, const Vec &D) {
        Vec W = X, DW = D, DU(NN, 0.0);
        bsub_jvp(W.data(), DW.data(), U.data(), DU.data(), n);
        return DW;
      };
      M.V = [&](const Vec &X, const Vec &Bar) {
        Vec W = X, Ct = Bar, CtU(NN, 0.0);
        bsub_vjp(W.data(), U.data(), n, Ct.data(), CtU.data());
        return Ct;
      };
      Vec X = tad_test::randomVec(N, 8);
      check("bsub", M, {X}, N);
      roundTrip(
          "bsub_ijvp", M.J,
          [&](const Vec &Z, const Vec &V) {
            Vec W = Z, T = V;
            bsub_ijvp(W.data(), T.data(), U.data(), n);
            return T;
          },
          X);
    }
    {
      Map M;
      M.F = [&](const Vec &X) {
        Vec Y(N, 0.0);
        cumprod(X.data(), Y.data(), N);
        return Y;
      };
      M.J = [&](const Vec &X, const Vec &D) {
        Vec Y(N, 0.0), DY(N, 0.0);
        cumprod_jvp(X.data(), D.data(), Y.data(), DY.data(), N);
        return DY;
      };
      M.V = [&](const Vec &X, const Vec &Bar) {
        Vec Y(N, 0.0), CtX(N, 0.0), CtY = Bar;
        cumprod_vjp(X.data(), Y.data(), N, CtX.data(), CtY.data());
        return CtX;
      };
      check("cumprod", M, {tad_test::randomVec(N, 9)}, N);
    }
  }
  return tad_test::report();
}
// NUM: {{[0-9]+}} checks, 0 failed
#endif
