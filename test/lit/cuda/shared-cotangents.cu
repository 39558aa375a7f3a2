// Cotangents that threads share in VJP kernels: a scalar parameter's
// (reduced over the warp, then one atomicAdd: tad::reduce_add), stencil
// neighbours' and shared weights' (atomicAdd), a 2-D kernel's (atomicAdd:
// tad proves only one-dimensional indices a thread's own), a
// __host__ __device__ helper's (tad::atomic_add); a thread's own elements
// (its global index, a grid-stride loop's counter) stay plain `+=`. Device maths (sinf, __expf, rsqrt, fma, ...) keep their
// names. Checked in the text; then every kernel runs on the CPU
// (Inputs/cuda_emu.h: every thread of the grid a real std::thread, all at
// once), grids of 1 to 4 blocks of up to 32 threads with threads past n:
// JVP against central differences, VJP against JVP by the dot-product
// identity; and the same program built with ThreadSanitizer must report no
// data race (with the plain `+=` of before, it reports one in each of
// saxpy, stencil, mlp, grid2d and neighbours). nvcc compiles the kernels.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/kernel.cu
// RUN: %tad-gen %t.dir/kernel.cu -- %tad-flags
// RUN: FileCheck %s --input-file %t.dir/kernel.tad.cu
// RUN: %gxx -x c++ -pthread -fsanitize=address,undefined -fno-sanitize-recover=all -include cuda_emu.h -DTAD_EMU_MAIN -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' %t.dir/kernel.cu -o %t.emu
// RUN: %t.emu | FileCheck %s --check-prefix=EMU
// RUN: %gxx -x c++ -pthread -fsanitize=thread -O1 -include cuda_emu.h -DTAD_EMU_MAIN -DTAD_EMU_QUICK -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' %t.dir/kernel.cu -o %t.tsan
// RUN: env TSAN_OPTIONS=halt_on_error=1:exitcode=66 %t.tsan | FileCheck %s --check-prefix=EMU
// RUN: %if nvcc %{ %nvcc -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.o %}
// RUN: %if nvcc %{ %nvcc -arch=sm_90 -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.90.o %}
#include "tad/tad.h"
#include <cmath>

// A scalar parameter every thread reads: its cotangent is a sum over all
// threads.
TAD_JVP TAD_VJP __global__ void saxpy(double a, const double *x, double *y,
                                      int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = a * x[i] + y[i];
}

// CHECK-LABEL: // VJP of 'saxpy'
// CHECK: reverse sweep
// CHECK: ct_x[i] += a * _g0;
// CHECK: ct_y[i] += _g0;
// CHECK: tad::reduce_add(ct_a, _ct_a);

// Neighbours: thread i reads x[i - 1], x[i], x[i + 1].
TAD_JVP TAD_VJP __global__ void stencil(double c, const double *x, double *y,
                                        int n) {
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  if (i > 0 && i < n - 1)
    y[i] = c * (x[i - 1] - 2 * x[i] + x[i + 1]) + std::sin(x[i]) * x[i];
}

// CHECK-LABEL: // VJP of 'stencil'
// CHECK: atomicAdd(&ct_x[i - 1],
// CHECK: atomicAdd(&ct_x[i],
// CHECK: atomicAdd(&ct_x[i + 1],

// A grid-stride loop: each thread owns the elements it visits; its
// transposed iterations are independent and run forwards, with no tape.
TAD_JVP TAD_VJP __global__ void gridstride(const double *w, const double *x,
                                           double *y, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += blockDim.x * gridDim.x)
    y[i] = w[0] * sin(x[i]) + x[i] * x[i];
}

// CHECK-LABEL: // VJP of 'gridstride'
// CHECK-NOT: _tape
// CHECK: reverse sweep
// CHECK-NEXT: for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
// CHECK: tad::reduce_add(&ct_w[0],
// CHECK: ct_x[i] +=

// A per-thread layer with weights all threads share.
TAD_JVP TAD_VJP __global__ void mlp(const double *W, const double *b,
                                    const double *x, double *y, int n, int m) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    double s = b[0];
    for (int k = 0; k < m; ++k)
      s += W[k] * x[i * m + k];
    y[i] = tanh(s);
  }
}

// CHECK-LABEL: // VJP of 'mlp'
// CHECK: atomicAdd(&ct_W[k],
// CHECK: tad::reduce_add(&ct_b[0],

// Two dimensions: c is not a thread's own (threads differing in y share it).
TAD_JVP TAD_VJP __global__ void grid2d(const double *w, const double *x,
                                       double *y, int rows, int cols) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y * blockDim.y + threadIdx.y;
  if (r < rows && c < cols)
    y[r * cols + c] = x[r * cols + c] * x[r * cols + c] * w[c];
}

// CHECK-LABEL: // VJP of 'grid2d'
// CHECK: atomicAdd(&ct_x[r * cols + c],
// CHECK: atomicAdd(&ct_w[c],

// A helper that passes arrays is differentiated inside the kernel; one
// annotated __host__ __device__ itself accumulates with tad::atomic_add.
TAD_VJP __host__ __device__ inline void smooth(const double *x, double *y,
                                               int i) {
  y[i] = 0.25 * x[i - 1] + 0.5 * x[i] + 0.25 * x[i + 1];
}

// CHECK-LABEL: // VJP of 'smooth'
// CHECK: tad::atomic_add(&ct_x[i - 1],

TAD_JVP TAD_VJP __global__ void neighbours(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i > 0 && i < n - 1)
    smooth(x, y, i);
}

// CHECK-LABEL: // VJP of 'neighbours'
// CHECK: atomicAdd(&ct_x[{{i[_0-9]*}} - 1],

// CUDA's maths functions and intrinsics, float and double.
TAD_JVP TAD_VJP __global__ void devmath(const float *u, float *v,
                                        const double *a, double *b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float p = u[i];
    v[i] = sinf(p) * expf(0.5f * p) + tanhf(p) + __expf(0.25f * p) +
           rsqrtf(2.0f + p) + fmaf(p, p, 1.0f) + powf(1.5f + p, 1.5f) +
           __logf(2.0f + p) + __sinf(p) * cosf(p) + sqrtf(3.0f + p);
    double q = a[i];
    b[i] = sin(q) * exp(q) + tanh(q) + rsqrt(2.0 + q) + fma(q, q, q) +
           pow(1.5 + q, 2.5) + log(2.0 + q) + std::cos(q) * std::sqrt(3.0 + q);
  }
}

// CHECK-LABEL: // JVP of 'devmath'
// CHECK: __expf(0.25f * p)
// CHECK: rsqrtf(2.0f + p)
// CHECK: rsqrt(2.0 + q)
// CHECK-LABEL: // VJP of 'devmath'
// CHECK: ct_a[i] += ct_q;
// CHECK: ct_u[i] += ct_p;

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif

#ifdef TAD_EMU_MAIN
#include "fdcheck.h"
#include <string>

using tad_test::Vec;

namespace {

/// A kernel as a map from its differentiable inputs (the in-out arrays'
/// initial values last) to its in-out arrays. Jvp(x, dx) and Vjp(x, ybar)
/// as fdcheck.h wants them.
struct Case {
  std::string Name;
  size_t NIn, NOut;
  tad_test::Primal Primal;
  tad_test::Jvp Jvp;
  tad_test::Vjp Vjp;
  double JvpTol = 1e-6, VjpTol = 1e-10, Step = 1e-6;
};

Vec slice(const Vec &V, size_t From, size_t N) {
  return Vec(V.begin() + From, V.begin() + From + N);
}

void check(const Case &C) {
  std::vector<Vec> Points = {tad_test::randomVec(C.NIn, 3),
                             tad_test::randomVec(C.NIn, 4)};
  tad_test::checkJvp(C.Name.c_str(), C.Primal, C.Jvp, Points, C.JvpTol,
                     C.Step);
  tad_test::checkVjp(C.Name.c_str(), C.Jvp, C.Vjp, Points, C.NOut, C.VjpTol);
}

/// saxpy and stencil: a scalar c, x (n), y (n) in-out.
using ScalarKernel = void (*)(double, const double *, double *, int);
using ScalarJvp = void (*)(double, double, const double *, const double *,
                           double *, double *, int);
using ScalarVjp = void (*)(double, const double *, double *, int, double *,
                           double *, double *);

Case scalarCase(const char *Name, ScalarKernel Fn, ScalarJvp FnJ,
                ScalarVjp FnV, dim3 G, dim3 B, int N) {
  size_t n = N;
  Case C{Name, 1 + 2 * n, n, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Y = slice(X, 1 + n, n);
    tad_emu::launch(G, B, Fn, X[0], X.data() + 1, Y.data(), N);
    return Y;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Y = slice(X, 1 + n, n), DY = slice(D, 1 + n, n);
    tad_emu::launch(G, B, FnJ, X[0], D[0], X.data() + 1, D.data() + 1,
                    Y.data(), DY.data(), N);
    return DY;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Y = slice(X, 1 + n, n), Ct(1 + 2 * n, 0.0);
    for (size_t K = 0; K < n; ++K)
      Ct[1 + n + K] = YBar[K];
    tad_emu::launch(G, B, FnV, X[0], X.data() + 1, Y.data(), N, Ct.data(),
                    Ct.data() + 1, Ct.data() + 1 + n);
    return Ct;
  };
  return C;
}

/// Inputs: w (1), x (n), y (n).
Case gridstrideCase(dim3 G, dim3 B, int N) {
  size_t n = N;
  Case C{"gridstride", 1 + 2 * n, n, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Y = slice(X, 1 + n, n);
    tad_emu::launch(G, B, gridstride, X.data(), X.data() + 1, Y.data(), N);
    return Y;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Y = slice(X, 1 + n, n), DY = slice(D, 1 + n, n);
    tad_emu::launch(G, B, gridstride_jvp, X.data(), D.data(), X.data() + 1,
                    D.data() + 1, Y.data(), DY.data(), N);
    return DY;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Y = slice(X, 1 + n, n), Ct(1 + 2 * n, 0.0);
    for (size_t K = 0; K < n; ++K)
      Ct[1 + n + K] = YBar[K];
    tad_emu::launch(G, B, gridstride_vjp, X.data(), X.data() + 1, Y.data(), N,
                    Ct.data(), Ct.data() + 1, Ct.data() + 1 + n);
    return Ct;
  };
  return C;
}

/// Inputs: W (m), b (1), x (n m), y (n).
Case mlpCase(dim3 G, dim3 B, int N, int M) {
  size_t n = N, m = M, NI = m + 1 + n * m + n;
  Case C{"mlp", NI, n, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Y = slice(X, NI - n, n);
    tad_emu::launch(G, B, mlp, X.data(), X.data() + m, X.data() + m + 1,
                    Y.data(), N, M);
    return Y;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Y = slice(X, NI - n, n), DY = slice(D, NI - n, n);
    tad_emu::launch(G, B, mlp_jvp, X.data(), D.data(), X.data() + m,
                    D.data() + m, X.data() + m + 1, D.data() + m + 1, Y.data(),
                    DY.data(), N, M);
    return DY;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Y = slice(X, NI - n, n), Ct(NI, 0.0);
    for (size_t K = 0; K < n; ++K)
      Ct[NI - n + K] = YBar[K];
    tad_emu::launch(G, B, mlp_vjp, X.data(), X.data() + m, X.data() + m + 1,
                    Y.data(), N, M, Ct.data(), Ct.data() + m,
                    Ct.data() + m + 1, Ct.data() + NI - n);
    return Ct;
  };
  return C;
}

/// Inputs: w (cols), x (rows cols), y (rows cols).
Case grid2dCase(dim3 G, dim3 B, int Rows, int Cols) {
  size_t c = Cols, rc = size_t(Rows) * Cols, NI = c + 2 * rc;
  Case C{"grid2d", NI, rc, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Y = slice(X, c + rc, rc);
    tad_emu::launch(G, B, grid2d, X.data(), X.data() + c, Y.data(), Rows, Cols);
    return Y;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Y = slice(X, c + rc, rc), DY = slice(D, c + rc, rc);
    tad_emu::launch(G, B, grid2d_jvp, X.data(), D.data(), X.data() + c,
                    D.data() + c, Y.data(), DY.data(), Rows, Cols);
    return DY;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Y = slice(X, c + rc, rc), Ct(NI, 0.0);
    for (size_t K = 0; K < rc; ++K)
      Ct[c + rc + K] = YBar[K];
    tad_emu::launch(G, B, grid2d_vjp, X.data(), X.data() + c, Y.data(), Rows,
                    Cols, Ct.data(), Ct.data() + c, Ct.data() + c + rc);
    return Ct;
  };
  return C;
}

/// Inputs: x (n), y (n).
Case neighboursCase(dim3 G, dim3 B, int N) {
  size_t n = N;
  Case C{"neighbours", 2 * n, n, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Y = slice(X, n, n);
    tad_emu::launch(G, B, neighbours, X.data(), Y.data(), N);
    return Y;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Y = slice(X, n, n), DY = slice(D, n, n);
    tad_emu::launch(G, B, neighbours_jvp, X.data(), D.data(), Y.data(),
                    DY.data(), N);
    return DY;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Y = slice(X, n, n), Ct(2 * n, 0.0);
    for (size_t K = 0; K < n; ++K)
      Ct[n + K] = YBar[K];
    tad_emu::launch(G, B, neighbours_vjp, X.data(), Y.data(), N, Ct.data(),
                    Ct.data() + n);
    return Ct;
  };
  return C;
}

std::vector<float> toFloat(const Vec &V, size_t From, size_t N) {
  return std::vector<float>(V.begin() + From, V.begin() + From + N);
}

/// Inputs: u (n, float), v (n, float), a (n), b (n); outputs v, b. The
/// float half is checked to float's precision (differences with a step
/// of 1e-2: float's rounding over the step stays near 1e-5).
Case devmathCase(dim3 G, dim3 B, int N) {
  size_t n = N;
  Case C{"devmath", 4 * n, 2 * n, {}, {}, {}, 2e-3, 1e-5, 1e-2};
  auto Run = [=](const Vec &X, const Vec *D, Vec *DOut) {
    std::vector<float> U = toFloat(X, 0, n), V = toFloat(X, n, n);
    Vec A = slice(X, 2 * n, n), Bv = slice(X, 3 * n, n);
    if (!D) {
      tad_emu::launch(G, B, devmath, U.data(), V.data(), A.data(), Bv.data(),
                      N);
    } else {
      std::vector<float> DU = toFloat(*D, 0, n), DV = toFloat(*D, n, n);
      Vec DA = slice(*D, 2 * n, n), DB = slice(*D, 3 * n, n);
      tad_emu::launch(G, B, devmath_jvp, U.data(), DU.data(), V.data(),
                      DV.data(), A.data(), DA.data(), Bv.data(), DB.data(), N);
      DOut->assign(DV.begin(), DV.end());
      DOut->insert(DOut->end(), DB.begin(), DB.end());
    }
    Vec Out(V.begin(), V.end());
    Out.insert(Out.end(), Bv.begin(), Bv.end());
    return Out;
  };
  C.Primal = [=](const Vec &X) { return Run(X, nullptr, nullptr); };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec DOut;
    Run(X, &D, &DOut);
    return DOut;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    std::vector<float> U = toFloat(X, 0, n), V = toFloat(X, n, n);
    Vec A = slice(X, 2 * n, n), Bv = slice(X, 3 * n, n);
    std::vector<float> CU(n, 0.0f), CV = toFloat(YBar, 0, n);
    Vec CA(n, 0.0), CB = slice(YBar, n, n);
    tad_emu::launch(G, B, devmath_vjp, U.data(), V.data(), A.data(), Bv.data(),
                    N, CU.data(), CV.data(), CA.data(), CB.data());
    Vec Ct(CU.begin(), CU.end());
    Ct.insert(Ct.end(), CV.begin(), CV.end());
    Ct.insert(Ct.end(), CA.begin(), CA.end());
    Ct.insert(Ct.end(), CB.begin(), CB.end());
    return Ct;
  };
  return C;
}

} // namespace

int main() {
  // {blocks, threads per block, n}: one thread, several blocks, a last
  // block with threads past n, warps of 32. ThreadSanitizer's run takes
  // the smaller grids only (its threads cost more).
  const unsigned Shapes[][3] = {{1, 1, 1},  {3, 1, 3},  {2, 4, 7},
                                {3, 5, 15}, {4, 32, 100}};
#ifdef TAD_EMU_QUICK
  const size_t NShapes = 4;
#else
  const size_t NShapes = 5;
#endif
  for (size_t S = 0; S < NShapes; ++S) {
    dim3 G(Shapes[S][0]), B(Shapes[S][1]);
    int N = int(Shapes[S][2]);
    check(scalarCase("saxpy", saxpy, saxpy_jvp, saxpy_vjp, G, B, N));
    check(scalarCase("stencil", stencil, stencil_jvp, stencil_vjp, G, B, N));
    check(mlpCase(G, B, N, 3));
    check(neighboursCase(G, B, N));
    check(devmathCase(G, B, N));
    check(gridstrideCase(G, B, N));
  }
  // Fewer threads than elements: each visits several.
  check(gridstrideCase(dim3(1), dim3(1), 5));
  check(gridstrideCase(dim3(2), dim3(3), 20));
  // 2-D grids: {grid x, grid y, block x, block y, rows, cols}.
  const unsigned Grids[][6] = {{1, 1, 2, 2, 2, 2}, {2, 2, 3, 2, 3, 5}};
  for (const auto &S : Grids)
    check(grid2dCase(dim3(S[0], S[1]), dim3(S[2], S[3]), int(S[4]), int(S[5])));
#ifdef TAD_EMU_QUICK
  std::printf("quick run\n");
#endif
  return tad_test::report();
}
// EMU: {{[0-9]+}} checks, 0 failed
#endif
