// `#pragma omp parallel for` loops stay parallel: in the JVP (a reduction
// variable's tangent joins the reduction), in the VJP's primal part and in
// its reverse sweep, where what the iterations share is summed safely: the
// cotangent of a scalar every iteration reads joins the loop's
// reduction(+ : ...), an accumulation other iterations may make to the
// same element is `#pragma omp atomic`, one at the loop's counter stays
// plain. A loop whose values go on the tape runs sequentially in reverse
// mode, with a warning. `#pragma omp atomic` updates of the primal are
// atomic in the JVP too. Checked in the text; run with 4 threads (g++ and
// libgomp under ASan, clang++ and libomp): JVP against central
// differences, VJP against JVP by the dot-product identity, the transpose
// of a linear function likewise; and built with ThreadSanitizer and LLVM's
// OpenMP race detector (Archer), which report no race.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags -fopenmp 2>&1 | FileCheck %s --check-prefix=WARN --implicit-check-not=warning: --implicit-check-not=error:
// RUN: FileCheck %s --input-file %t.inc
// RUN: %gxx -fopenmp -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.g && env OMP_NUM_THREADS=4 %t.g | FileCheck %s --check-prefix=NUM
// RUN: %cxx -fopenmp -DTAD_GENERATED='"%t.inc"' %s -o %t.c && env OMP_NUM_THREADS=4 %t.c | FileCheck %s --check-prefix=NUM
// RUN: %cxx -fopenmp -fsanitize=thread -DTAD_GENERATED='"%t.inc"' %s -o %t.tsan && env %omp-tsan-env %t.tsan | FileCheck %s --check-prefix=NUM
#include "tad/tad.h"
#include <cmath>

// A stencil with a coefficient every iteration reads.
TAD_JVP TAD_VJP void smooth(const double *x, double *y, double a, int n) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; ++i)
    y[i] = a * std::sin(x[i - 1] + x[i + 1]) + x[i] * x[i];
}

// CHECK-LABEL: // JVP of 'smooth'
// CHECK: #pragma omp parallel for
// CHECK-NEXT: for (int i = 1; i < n - 1; ++i) {
// CHECK-LABEL: // VJP of 'smooth'
// CHECK: #pragma omp parallel for
// CHECK-NEXT: for (int i = 1; i < n - 1; ++i) {
// CHECK: reverse sweep
// CHECK: #pragma omp parallel for reduction(+ : _ct_a)
// CHECK-NEXT: for (int i = 1; i < n - 1; ++i) {
// CHECK: #pragma omp atomic
// CHECK-NEXT: ct_x[i - 1] +=
// CHECK: ct_x[i] +=

// A reduction, with a weight all iterations share.
TAD_JVP TAD_VJP double energy(const double *x, const double *w, int n) {
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < n; ++i)
    s += w[0] * std::exp(0.5 * x[i]) * x[i] + w[1] * x[i];
  return s;
}

// CHECK-LABEL: // JVP of 'energy'
// CHECK: #pragma omp parallel for reduction(+ : s, d_s)
// CHECK-LABEL: // VJP of 'energy'
// CHECK: #pragma omp parallel for reduction(+ : s)
// CHECK: reverse sweep
// CHECK: #pragma omp parallel for
// CHECK: #pragma omp atomic
// CHECK-NEXT: ct_w[0] +=

// Rows in parallel, each a sequential dot product: x is shared by rows.
TAD_JVP TAD_VJP void matvec(const double *A, const double *x, double *y,
                            int m, int n) {
#pragma omp parallel for
  for (int i = 0; i < m; ++i) {
    double s = 0;
    for (int j = 0; j < n; ++j)
      s += A[i * n + j] * std::tanh(x[j]);
    y[i] = s;
  }
}

// CHECK-LABEL: // VJP of 'matvec'
// CHECK: reverse sweep
// CHECK: #pragma omp parallel for
// CHECK: #pragma omp atomic
// CHECK-NEXT: ct_A[i * n + j] +=
// CHECK-NEXT: #pragma omp atomic
// CHECK-NEXT: ct_x[j] +=

// Rows in parallel, a 1-D stencil along each row: the transposed inner
// loop carries its sums across columns (CarriedSums) inside one row, and
// what it stores into the shared cotangent is still atomic.
TAD_JVP TAD_VJP void rows(const double *x, double *y, int m, int n) {
#pragma omp parallel for
  for (int i = 0; i < m; ++i)
    for (int j = 1; j < n - 1; ++j)
      y[i * n + j] = std::sin(x[i * n + j - 1]) * x[i * n + j + 1];
}

// CHECK-LABEL: // VJP of 'rows'
// CHECK: reverse sweep
// CHECK: #pragma omp parallel for
// CHECK-NOT: {{^  [a-z].*}}ct_x[{{.*}}] +=
// CHECK: #pragma omp atomic

// The transpose of a linear parallel loop.
TAD_LINEAR(x) void blur(const double *x, double *y, int n) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; ++i)
    y[i] = 0.25 * x[i - 1] + 0.5 * x[i] + 0.25 * x[i + 1];
}

// CHECK-LABEL: // transpose of 'blur'
// CHECK: #pragma omp parallel for
// CHECK: #pragma omp atomic

// `#pragma omp atomic` in the primal: a histogram of weighted values.
TAD_JVP TAD_VJP void histogram(const double *x, const int *bin, double *h,
                               int n) {
#pragma omp parallel for
  for (int i = 0; i < n; ++i) {
#pragma omp atomic
    h[bin[i]] += x[i] * std::cos(x[i]);
  }
}

// CHECK-LABEL: // JVP of 'histogram'
// CHECK: #pragma omp atomic
// CHECK-NEXT: d_h[bin[i]] +=
// CHECK: #pragma omp atomic
// CHECK-NEXT: h[bin[i]] +=

// Values overwritten inside an iteration go on the tape: sequential.
TAD_JVP TAD_VJP void iterate(const double *x, double *y, int n) {
  // WARN: parallel-loops.cpp:[[@LINE+2]]:3: warning: reverse mode runs this OpenMP loop sequentially: its iterations overwrite values the reverse sweep needs, which go on the tape in order
#pragma omp parallel for
  for (int i = 0; i < n; ++i) {
    double t = x[i];
    for (int k = 0; k < 3; ++k)
      t = std::sin(t) + 0.5 * t * t;
    y[i] = t;
  }
}

// CHECK-LABEL: // JVP of 'iterate'
// CHECK: #pragma omp parallel for
// CHECK-LABEL: // VJP of 'iterate'
// CHECK-NOT: #pragma omp
// CHECK: // gradient of

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"

using tad_test::Vec;

int main() {
  for (int N : {0, 1, 3, 8, 37}) {
    size_t n = N;
    std::vector<Vec> P2 = {tad_test::randomVec(2 * n + 1, 1 + N),
                           tad_test::randomVec(2 * n + 1, 2 + N)};
    // smooth: inputs x (n), y (n), a; output y.
    auto SmoothIn = [&](const Vec &X, Vec &Y) {
      Y.assign(X.begin() + n, X.begin() + 2 * n);
    };
    tad_test::Jvp SmoothJ = [&](const Vec &X, const Vec &D) {
      Vec Y, DY;
      SmoothIn(X, Y);
      SmoothIn(D, DY);
      smooth_jvp(X.data(), D.data(), Y.data(), DY.data(), X[2 * n],
                 D[2 * n], N);
      return DY;
    };
    tad_test::checkJvp(
        "smooth",
        [&](const Vec &X) {
          Vec Y;
          SmoothIn(X, Y);
          smooth(X.data(), Y.data(), X[2 * n], N);
          return Y;
        },
        SmoothJ, P2);
    tad_test::checkVjp(
        "smooth", SmoothJ,
        [&](const Vec &X, const Vec &Bar) {
          Vec Y, Ct(2 * n + 1, 0.0);
          SmoothIn(X, Y);
          for (size_t K = 0; K < n; ++K)
            Ct[n + K] = Bar[K];
          smooth_vjp(X.data(), Y.data(), X[2 * n], N, Ct.data(),
                     Ct.data() + n, &Ct[2 * n]);
          return Ct;
        },
        P2, n);
    // energy: gradient in x and w (w at the end).
    std::vector<Vec> PE = {tad_test::randomVec(n + 2, 3 + N),
                           tad_test::randomVec(n + 2, 4 + N)};
    tad_test::checkGradient(
        "energy",
        [&](const Vec &X) { return Vec{energy(X.data(), X.data() + n, N)}; },
        [&](const Vec &X) {
          Vec G(n + 2, 0.0);
          energy_grad(X.data(), X.data() + n, N, G.data(), G.data() + n);
          return G;
        },
        PE);
    // matvec: m = N rows of 5; inputs A (5N), x (5), y (N).
    size_t M = n, C = 5, NI = M * C + C + M;
    std::vector<Vec> PM = {tad_test::randomVec(NI, 5 + N),
                           tad_test::randomVec(NI, 6 + N)};
    tad_test::Jvp MJ = [&](const Vec &X, const Vec &D) {
      Vec Y(X.begin() + M * C + C, X.end()), DY(D.begin() + M * C + C, D.end());
      matvec_jvp(X.data(), D.data(), X.data() + M * C, D.data() + M * C,
                 Y.data(), DY.data(), int(M), int(C));
      return DY;
    };
    tad_test::checkJvp(
        "matvec",
        [&](const Vec &X) {
          Vec Y(X.begin() + M * C + C, X.end());
          matvec(X.data(), X.data() + M * C, Y.data(), int(M), int(C));
          return Y;
        },
        MJ, PM);
    tad_test::checkVjp(
        "matvec", MJ,
        [&](const Vec &X, const Vec &Bar) {
          Vec Y(X.begin() + M * C + C, X.end()), Ct(NI, 0.0);
          for (size_t K = 0; K < M; ++K)
            Ct[M * C + C + K] = Bar[K];
          matvec_vjp(X.data(), X.data() + M * C, Y.data(), int(M), int(C),
                     Ct.data(), Ct.data() + M * C, Ct.data() + M * C + C);
          return Ct;
        },
        PM, M);
    // blur: linear in x; blur_transpose against blur by the dot product.
    std::vector<Vec> PB = {tad_test::randomVec(n, 7 + N)};
    tad_test::checkVjp(
        "blur",
        [&](const Vec &, const Vec &D) {
          Vec Y(n, 0.0);
          blur(D.data(), Y.data(), N);
          return Y;
        },
        [&](const Vec &, const Vec &Bar) {
          Vec X(n, 0.0), B = Bar;
          blur_transpose(X.data(), B.data(), N);
          return X;
        },
        PB, n);
    // rows: m = N rows of 6; inputs x (6N), y (6N); output y.
    size_t RN = 6 * n;
    tad_test::Jvp RJ = [&](const Vec &X, const Vec &D) {
      Vec Y(X.begin() + RN, X.end()), DY(D.begin() + RN, D.end());
      rows_jvp(X.data(), D.data(), Y.data(), DY.data(), N, 6);
      return DY;
    };
    std::vector<Vec> PR = {tad_test::randomVec(2 * RN, 10 + N)};
    tad_test::checkJvp(
        "rows",
        [&](const Vec &X) {
          Vec Y(X.begin() + RN, X.end());
          rows(X.data(), Y.data(), N, 6);
          return Y;
        },
        RJ, PR);
    tad_test::checkVjp(
        "rows", RJ,
        [&](const Vec &X, const Vec &Bar) {
          Vec Y(X.begin() + RN, X.end()), Ct(2 * RN, 0.0);
          for (size_t K = 0; K < RN; ++K)
            Ct[RN + K] = Bar[K];
          rows_vjp(X.data(), Y.data(), N, 6, Ct.data(), Ct.data() + RN);
          return Ct;
        },
        PR, RN);
    // histogram: inputs x (n), h (4); output h.
    std::vector<int> Bin(n);
    for (size_t K = 0; K < n; ++K)
      Bin[K] = int((K * 5) % 4);
    tad_test::Jvp HJ = [&](const Vec &X, const Vec &D) {
      Vec H(X.begin() + n, X.end()), DH(D.begin() + n, D.end());
      histogram_jvp(X.data(), D.data(), Bin.data(), H.data(), DH.data(), N);
      return DH;
    };
    std::vector<Vec> PH = {tad_test::randomVec(n + 4, 9 + N)};
    tad_test::checkJvp(
        "histogram",
        [&](const Vec &X) {
          Vec H(X.begin() + n, X.end());
          histogram(X.data(), Bin.data(), H.data(), N);
          return H;
        },
        HJ, PH);
    tad_test::checkVjp(
        "histogram", HJ,
        [&](const Vec &X, const Vec &Bar) {
          Vec H(X.begin() + n, X.end()), Ct(n + 4, 0.0);
          for (size_t K = 0; K < 4; ++K)
            Ct[n + K] = Bar[K];
          histogram_vjp(X.data(), Bin.data(), H.data(), N, Ct.data(),
                        Ct.data() + n);
          return Ct;
        },
        PH, 4);
    // iterate: inputs x (n), y (n); output y.
    tad_test::Jvp IJ = [&](const Vec &X, const Vec &D) {
      Vec Y(X.begin() + n, X.end()), DY(D.begin() + n, D.end());
      iterate_jvp(X.data(), D.data(), Y.data(), DY.data(), N);
      return DY;
    };
    std::vector<Vec> PI = {tad_test::randomVec(2 * n, 8 + N)};
    tad_test::checkJvp(
        "iterate",
        [&](const Vec &X) {
          Vec Y(X.begin() + n, X.end());
          iterate(X.data(), Y.data(), N);
          return Y;
        },
        IJ, PI);
    tad_test::checkVjp(
        "iterate", IJ,
        [&](const Vec &X, const Vec &Bar) {
          Vec Y(X.begin() + n, X.end()), Ct(2 * n, 0.0);
          for (size_t K = 0; K < n; ++K)
            Ct[n + K] = Bar[K];
          iterate_vjp(X.data(), Y.data(), N, Ct.data(), Ct.data() + n);
          return Ct;
        },
        PI, n);
  }
  return tad_test::report();
}
// NUM: 0 failed
#endif
