// Transposed 2-D stencils become gathers (GatherStencils): the block that
// every term reaches gets each element's contributions in one statement,
// the edges get short loops, the consumed cotangent is zeroed by a loop of
// its own, and statements around the inner loop (the sweep's boundary) run
// in a loop of their own; a guard computed before the loop chooses between
// this and the original scatter. Checked, for every grid size from 0 to 9
// (both paths; built with g++'s AddressSanitizer, the arrays exactly as
// long as the functions use), by the dot-product identity against the JVP
// (or, for the linear transpose, against the function), and the gradient
// against central differences. A triangular nest, and one whose transposed
// body pops the tape, are left alone.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

// The Jacobi sweep of the benchmarks: boundary copied, interior averaged.
// CHECK-LABEL: // VJP of 'sweep'
// CHECK: if (2 <= m - 3) {
// CHECK: for (int i = m - 1 - 1; i >= 1; --i) {
// CHECK: const double _g0 = ct_b[i * m + m - 1];
// CHECK: the block all terms reach, gathered
// CHECK-NEXT: for (int i = 2; i <= m - 3; ++i) {
// CHECK-NEXT: for (int j = 2; j <= m - 3; ++j) {
// CHECK-NEXT: ct_a[i * m + j] += 0.2 * ct_b[i * m + j] + 0.2 * ct_b[(i + 1) * m + j] +
// CHECK: the edges: terms outside the block
// CHECK: ct_b[i * m + j] = 0.0;
// CHECK: } else {
TAD_JVP TAD_VJP void sweep(const double *a, double *b, int m) {
  for (int j = 0; j < m; ++j) {
    b[j] = a[j];
    b[(m - 1) * m + j] = a[(m - 1) * m + j];
  }
  for (int i = 1; i < m - 1; ++i) {
    b[i * m] = a[i * m];
    for (int j = 1; j < m - 1; ++j)
      b[i * m + j] =
          0.2 * (a[i * m + j] + a[(i - 1) * m + j] + a[(i + 1) * m + j] +
                 a[i * m + j - 1] + a[i * m + j + 1]);
    b[i * m + m - 1] = a[i * m + m - 1];
  }
}

// Uneven shifts (two rows up, two columns right) on a rows x cols grid,
// with a coefficient field w read at the source (a constant: the VJP is
// with respect to a only): in the gather it is read at the shifted element.
// The block is numbered like the first term, a[(i - 2) * cols + j]: its
// rows i - 2 in [2, rows - 3], columns in [2, cols - 3].
// CHECK-LABEL: // VJP of 'upwind'
// CHECK: if (4 <= rows - 1 && 2 <= cols - 3) {
// CHECK-NEXT: the block all terms reach, gathered
// CHECK-NEXT: for (int i = 4; i <= rows - 1; ++i) {
// CHECK-NEXT: for (int j = 2; j <= cols - 3; ++j) {
// CHECK-NEXT: ct_a[(i - 2) * cols + j] += w[i * cols + j] * ct_b[i * cols + j] +
// CHECK-NEXT: 0.5 * -ct_b[(i - 2) * cols + j - 2] +
// CHECK-NEXT: ct_b[(i - 2) * cols + j] * 0.25;
TAD_JVP TAD_VJP_WRT(a) void upwind(const double *a, const double *w, double *b,
                                   int rows, int cols) {
  for (int i = 2; i < rows; ++i)
    for (int j = 0; j + 2 < cols; ++j)
      b[i * cols + j] = w[i * cols + j] * a[(i - 2) * cols + j] -
                        0.5 * a[i * cols + j + 2] + a[i * cols + j] * 0.25;
}

// Constant bounds and stride: every condition is decided when generating,
// so the gather runs without a guard or a fallback.
// CHECK-LABEL: // VJP of 'fixed'
// CHECK: // reverse sweep: the transposed linear part
// CHECK-NEXT: {
// CHECK-NEXT: // the block all terms reach, gathered
// CHECK-NEXT: for (int i = 2; i <= 4; ++i) {
// CHECK-NOT: else
// CHECK: for (int i = 1; i <= 4; ++i) {
// CHECK-NEXT: for (int j = 1; j <= 4; ++j) {
// CHECK-NEXT: ct_b[i * 6 + j] = 0.0;
// CHECK-NOT: else
TAD_JVP TAD_VJP void fixed(const double *a, double *b) {
  for (int i = 1; i < 5; ++i)
    for (int j = 1; j < 5; ++j)
      b[i * 6 + j] = a[(i - 1) * 6 + j] - 2.0 * a[i * 6 + j] + a[i * 6 + j + 1];
}

// A nest whose inner bounds depend on the outer counter: not rectangular.
// CHECK-LABEL: // VJP of 'triangle'
// CHECK-NOT: gathered
TAD_JVP TAD_VJP void triangle(const double *a, double *b, int m) {
  for (int i = 1; i < m; ++i)
    for (int j = 1; j < i; ++j)
      b[i * m + j] = a[i * m + j - 1] + a[(i - 1) * m + j];
}

// A coefficient that changes from one element to the next is taped: the
// transposed body pops it, so its values cannot be gathered at other
// elements.
// CHECK-LABEL: // VJP of 'taped'
// CHECK-NOT: gathered
// CHECK: _tape.pop<double>()
// CHECK-NOT: gathered
// CHECK-LABEL: // transpose of 'blur2'
TAD_JVP TAD_VJP_WRT(a) void taped(const double *a, double *b, int m) {
  double s = 1;
  for (int i = 1; i < m; ++i)
    for (int j = 1; j < m; ++j) {
      b[i * m + j] = s * (a[i * m + j - 1] + a[(i - 1) * m + j]);
      s = s * 1.5 - 0.25;
    }
}

// The linear transpose of a 2-D stencil.
// CHECK: the block all terms reach, gathered
TAD_LINEAR(a, b) void blur2(const double *a, double *b, int m) {
  for (int i = 1; i < m - 1; ++i)
    for (int j = 1; j < m - 1; ++j)
      b[i * m + j] = 0.5 * a[i * m + j] + 0.25 * a[(i + 1) * m + j] +
                     0.125 * a[i * m + j - 1];
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"

using tad_test::randomVec;
using tad_test::Vec;

int main() {
  for (int M = 0; M <= 9; ++M) {
    size_t N = static_cast<size_t>(M) * M;
    Vec A = randomVec(N, M);
    // sweep: a -> b on an M x M grid.
    tad_test::Jvp J = [&](const Vec &X, const Vec &D) {
      Vec B(N, 0.0), DB(N, 0.0);
      sweep_jvp(X.data(), D.data(), B.data(), DB.data(), M);
      return DB;
    };
    tad_test::Vjp VJ = [&](const Vec &X, const Vec &YBar) {
      Vec B(N, 0.0), CtB = YBar, CtA(N, 0.0);
      sweep_vjp(X.data(), B.data(), M, CtA.data(), CtB.data());
      return CtA;
    };
    tad_test::checkVjp("sweep", J, VJ, {A}, N);
    // triangle, on the same grid.
    J = [&](const Vec &X, const Vec &D) {
      Vec B(N, 0.0), DB(N, 0.0);
      triangle_jvp(X.data(), D.data(), B.data(), DB.data(), M);
      return DB;
    };
    VJ = [&](const Vec &X, const Vec &YBar) {
      Vec B(N, 0.0), CtB = YBar, CtA(N, 0.0);
      triangle_vjp(X.data(), B.data(), M, CtA.data(), CtB.data());
      return CtA;
    };
    tad_test::checkVjp("triangle", J, VJ, {A}, N);
    // taped, on the same grid.
    J = [&](const Vec &X, const Vec &D) {
      Vec B(N, 0.0), DB(N, 0.0);
      taped_jvp(X.data(), D.data(), B.data(), DB.data(), M);
      return DB;
    };
    VJ = [&](const Vec &X, const Vec &YBar) {
      Vec B(N, 0.0), CtB = YBar, CtA(N, 0.0);
      taped_vjp(X.data(), B.data(), M, CtA.data(), CtB.data());
      return CtA;
    };
    tad_test::checkVjp("taped", J, VJ, {A}, N);
    // blur2 against its transpose: <w, blur2(v)> = <blur2_transpose(w), v>.
    tad_test::Jvp F = [&](const Vec &, const Vec &V) {
      Vec B(N, 0.0);
      blur2(V.data(), B.data(), M);
      return B;
    };
    tad_test::Vjp T = [&](const Vec &, const Vec &W) {
      Vec Out(N, 0.0), In = W;
      blur2_transpose(Out.data(), In.data(), M);
      return Out;
    };
    tad_test::checkVjp("blur2", F, T, {A}, N);
    // upwind on M x (M + 1) grids (rows and cols differ).
    int Rows = M, Cols = M + 1;
    size_t NU = static_cast<size_t>(Rows) * Cols;
    Vec W = randomVec(NU, 100 + M);
    J = [&](const Vec &X, const Vec &D) {
      Vec B(NU, 0.0), DB(NU, 0.0);
      Vec DW(NU, 0.0);
      upwind_jvp(X.data(), D.data(), W.data(), DW.data(), B.data(), DB.data(),
                 Rows, Cols);
      return DB;
    };
    VJ = [&](const Vec &X, const Vec &YBar) {
      Vec B(NU, 0.0), CtB = YBar, CtA(NU, 0.0);
      upwind_vjp(X.data(), W.data(), B.data(), Rows, Cols, CtA.data(),
                 CtB.data());
      return CtA;
    };
    tad_test::checkVjp("upwind", J, VJ, {randomVec(NU, 200 + M)}, NU);
  }
  {
    // fixed: a 6 x 6 grid.
    tad_test::Jvp J = [&](const Vec &X, const Vec &D) {
      Vec B(36, 0.0), DB(36, 0.0);
      fixed_jvp(X.data(), D.data(), B.data(), DB.data());
      return DB;
    };
    tad_test::Vjp VJ = [&](const Vec &X, const Vec &YBar) {
      Vec B(36, 0.0), CtB = YBar, CtA(36, 0.0);
      fixed_vjp(X.data(), B.data(), CtA.data(), CtB.data());
      return CtA;
    };
    tad_test::checkVjp("fixed", J, VJ, {randomVec(36, 3)}, 36);
  }
  // The gradient of the sum of squares after two sweeps, against central
  // differences (the gathered path: 7 x 7).
  const int M = 7;
  tad_test::Primal P = [&](const Vec &A) {
    Vec B(M * M, 0.0), C(M * M, 0.0);
    sweep(A.data(), B.data(), M);
    sweep(B.data(), C.data(), M);
    double S = 0;
    for (double V : C)
      S += V * V;
    return Vec{S};
  };
  auto Grad = [&](const Vec &A) {
    Vec B(M * M, 0.0), C(M * M, 0.0), CtA(M * M, 0.0), CtB(M * M, 0.0),
        CtC(M * M, 0.0);
    sweep(A.data(), B.data(), M);
    sweep(B.data(), C.data(), M);
    for (int I = 0; I < M * M; ++I)
      CtC[I] = 2 * C[I];
    Vec Scratch(M * M);
    sweep_vjp(B.data(), Scratch.data(), M, CtB.data(), CtC.data());
    sweep_vjp(A.data(), Scratch.data(), M, CtA.data(), CtB.data());
    return CtA;
  };
  tad_test::checkGradient("sweep", P, Grad, {randomVec(M * M, 5)});
  return tad_test::report();
}
#endif
