// Inverse accumulation benchmarks (bench/README.md, "Inverse accumulation").
//
// leapfrog: velocity Verlet for a chain of n coupled nonlinear oscillators
// (state q, p: 2n values), S steps; every update is a shear.
// flow: L affine coupling layers (RealNVP) on two halves of n values each.
// givens: L layers of Givens rotations written directly (2-lumps) and a
// shear, on two halves of n values each.
// coupling: L coupling layers on two halves of n values, each value shifted
// (or scaled) by a one-layer network of the other half over a window of 8
// (a scalar accumulator per value: its partials are the step's).
//
// Each is timed as the primal, tad's f_jvp, f_ijvp (J^-1 v), f_ivjp
// (J^-T w), f_logdet and f_inverse, and the dense route a user would take
// without inverse accumulation: the Jacobian from 2n JVPs, then an LU
// factorization and one solve (only up to n = 1024: at n = 4096 the matrix
// alone is 512 MB). Before timing, each size's f_ijvp and f_ivjp are
// checked against the dense route, and f_logdet against the dense
// log-determinant; the program aborts if a check fails.
#include "tad/tad.h"
#include <cmath>

TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE void
leapfrog(double *__restrict__ q, double *__restrict__ p, int n, int steps,
         double h, double k) {
  for (int s = 0; s < steps; ++s) {
    for (int i = 0; i < n; ++i)
      p[i] -= 0.5 * h * k * q[i];
    for (int i = 1; i < n; ++i)
      p[i] -= 0.5 * h * std::sin(q[i] - q[i - 1]);
    for (int i = 0; i < n - 1; ++i)
      p[i] += 0.5 * h * std::sin(q[i + 1] - q[i]);
    for (int i = 0; i < n; ++i)
      q[i] += h * p[i];
    for (int i = 0; i < n; ++i)
      p[i] -= 0.5 * h * k * q[i];
    for (int i = 1; i < n; ++i)
      p[i] -= 0.5 * h * std::sin(q[i] - q[i - 1]);
    for (int i = 0; i < n - 1; ++i)
      p[i] += 0.5 * h * std::sin(q[i + 1] - q[i]);
  }
}

TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE void
flow(double *__restrict__ a, double *__restrict__ b, const double *w, int n,
     int layers) {
  for (int l = 0; l < layers; ++l) {
    for (int i = 0; i < n; ++i) {
      double s = std::tanh(w[i] * a[i] + 0.5 * a[(i + 1) % n]);
      double t = 0.3 * std::sin(a[i]);
      b[i] = b[i] * std::exp(s) + t;
    }
    for (int i = 0; i < n; ++i) {
      double s = std::tanh(w[i] * b[i] - 0.5 * b[(i + n - 1) % n]);
      a[i] = a[i] * std::exp(s) - 0.2 * b[i];
    }
  }
}

// Givens rotations written directly (one 2-lump per pair) then a shear, L
// layers: the cost of lumps (A and B by seeded JVPs, a 2 x 2 LU each).
TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE void
givens(double *__restrict__ a, double *__restrict__ b, const double *th, int n,
       int layers) {
  for (int l = 0; l < layers; ++l) {
    for (int i = 0; i < n; ++i) {
      double c = std::cos(th[i]), s = std::sin(th[i]);
      double t = a[i];
      a[i] = c * a[i] - s * b[i];
      b[i] = s * t + c * b[i];
    }
    for (int i = 1; i < n; ++i)
      a[i] += 0.3 * std::tanh(b[i - 1]);
  }
}

// Coupling layers whose networks are accumulators.
TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE void
coupling(double *a, double *b, const double *w, int n, int layers) {
  for (int l = 0; l < layers; ++l) {
    for (int i = 0; i < n; ++i) {
      double s = 0;
      for (int k = 0; k < 8; ++k)
        s += w[8 * i + k] * std::tanh(a[(i + k) % n]);
      b[i] += s;
    }
    for (int i = 0; i < n; ++i) {
      double s = 0;
      for (int k = 0; k < 8; ++k)
        s -= w[8 * i + k] * std::sin(b[(i + n - k) % n]);
      a[i] *= std::exp(0.2 * std::tanh(s));
    }
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include <benchmark/benchmark.h>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {
using Vec = std::vector<double>;
constexpr int Steps = 10, Layers = 4;
constexpr double H = 0.05, K = 0.7;

Vec randomVec(size_t N, unsigned Seed) {
  std::mt19937 Rng(Seed);
  std::uniform_real_distribution<double> U(-1, 1);
  Vec V(N);
  for (double &X : V)
    X = U(Rng);
  return V;
}

/// One program over a state of 2n values, packed [first half, second half].
struct Program {
  virtual ~Program() = default;
  virtual void primal(double *Z, int N) = 0;
  virtual void jvp(double *Z, double *T, int N) = 0;
  virtual void ijvp(double *Z, double *T, int N) = 0;
  virtual void ivjp(double *Z, double *C, int N) = 0;
  virtual double logdet(double *Z, int N) = 0;
  virtual void inverse(double *Z, int N) = 0;
};

struct Leapfrog : Program {
  void primal(double *Z, int N) override { leapfrog(Z, Z + N, N, Steps, H, K); }
  void jvp(double *Z, double *T, int N) override {
    leapfrog_jvp(Z, T, Z + N, T + N, N, Steps, H, 0, K, 0);
  }
  void ijvp(double *Z, double *T, int N) override {
    leapfrog_ijvp(Z, T, Z + N, T + N, N, Steps, H, K);
  }
  void ivjp(double *Z, double *C, int N) override {
    leapfrog_ivjp(Z, C, Z + N, C + N, N, Steps, H, K);
  }
  double logdet(double *Z, int N) override {
    return leapfrog_logdet(Z, Z + N, N, Steps, H, K);
  }
  void inverse(double *Z, int N) override {
    leapfrog_inverse(Z, Z + N, N, Steps, H, K);
  }
};

struct Flow : Program {
  Vec W = randomVec(4096, 3), DW = Vec(4096, 0.0);
  void primal(double *Z, int N) override {
    flow(Z, Z + N, W.data(), N, Layers);
  }
  void jvp(double *Z, double *T, int N) override {
    flow_jvp(Z, T, Z + N, T + N, W.data(), DW.data(), N, Layers);
  }
  void ijvp(double *Z, double *T, int N) override {
    flow_ijvp(Z, T, Z + N, T + N, W.data(), N, Layers);
  }
  void ivjp(double *Z, double *C, int N) override {
    flow_ivjp(Z, C, Z + N, C + N, W.data(), N, Layers);
  }
  double logdet(double *Z, int N) override {
    return flow_logdet(Z, Z + N, W.data(), N, Layers);
  }
  void inverse(double *Z, int N) override {
    flow_inverse(Z, Z + N, W.data(), N, Layers);
  }
};

struct Givens : Program {
  Vec Th = randomVec(4096, 7), DTh = Vec(4096, 0.0);
  void primal(double *Z, int N) override {
    givens(Z, Z + N, Th.data(), N, Layers);
  }
  void jvp(double *Z, double *T, int N) override {
    givens_jvp(Z, T, Z + N, T + N, Th.data(), DTh.data(), N, Layers);
  }
  void ijvp(double *Z, double *T, int N) override {
    givens_ijvp(Z, T, Z + N, T + N, Th.data(), N, Layers);
  }
  void ivjp(double *Z, double *C, int N) override {
    givens_ivjp(Z, C, Z + N, C + N, Th.data(), N, Layers);
  }
  double logdet(double *Z, int N) override {
    return givens_logdet(Z, Z + N, Th.data(), N, Layers);
  }
  void inverse(double *Z, int N) override {
    givens_inverse(Z, Z + N, Th.data(), N, Layers);
  }
};

struct Coupling : Program {
  Vec W = randomVec(8 * 4096, 11), DW = Vec(8 * 4096, 0.0);
  void primal(double *Z, int N) override {
    coupling(Z, Z + N, W.data(), N, Layers);
  }
  void jvp(double *Z, double *T, int N) override {
    coupling_jvp(Z, T, Z + N, T + N, W.data(), DW.data(), N, Layers);
  }
  void ijvp(double *Z, double *T, int N) override {
    coupling_ijvp(Z, T, Z + N, T + N, W.data(), N, Layers);
  }
  void ivjp(double *Z, double *C, int N) override {
    coupling_ivjp(Z, C, Z + N, C + N, W.data(), N, Layers);
  }
  double logdet(double *Z, int N) override {
    return coupling_logdet(Z, Z + N, W.data(), N, Layers);
  }
  void inverse(double *Z, int N) override {
    coupling_inverse(Z, Z + N, W.data(), N, Layers);
  }
};

Leapfrog TheLeapfrog;
Flow TheFlow;
Givens TheGivens;
Coupling TheCoupling;

/// The dense route: J column by column (2n JVPs), LU with partial pivoting
/// (row-major, in place), then one solve J x = V. Returns log|det J| too.
double denseSolve(Program &P, const Vec &Z0, int N, std::vector<double> &J,
                  Vec &V) {
  const int M = 2 * N;
  J.assign(size_t(M) * M, 0.0);
  Vec Z(M), T(M);
  for (int C = 0; C < M; ++C) {
    Z = Z0;
    std::fill(T.begin(), T.end(), 0.0);
    T[C] = 1;
    P.jvp(Z.data(), T.data(), N);
    for (int R = 0; R < M; ++R)
      J[size_t(R) * M + C] = T[R];
  }
  double LogDet = 0;
  std::vector<int> Perm(M);
  for (int I = 0; I < M; ++I)
    Perm[I] = I;
  for (int Kc = 0; Kc < M; ++Kc) {
    int Piv = Kc;
    for (int I = Kc + 1; I < M; ++I)
      if (std::fabs(J[size_t(I) * M + Kc]) > std::fabs(J[size_t(Piv) * M + Kc]))
        Piv = I;
    if (Piv != Kc) {
      for (int C = 0; C < M; ++C)
        std::swap(J[size_t(Piv) * M + C], J[size_t(Kc) * M + C]);
      std::swap(V[Piv], V[Kc]);
    }
    double D = J[size_t(Kc) * M + Kc];
    LogDet += std::log(std::fabs(D));
    for (int I = Kc + 1; I < M; ++I) {
      double L = J[size_t(I) * M + Kc] / D;
      if (L == 0)
        continue;
      double *RI = &J[size_t(I) * M], *RK = &J[size_t(Kc) * M];
      for (int C = Kc + 1; C < M; ++C)
        RI[C] -= L * RK[C];
      V[I] -= L * V[Kc];
    }
  }
  for (int I = M - 1; I >= 0; --I) {
    double S = V[I];
    for (int C = I + 1; C < M; ++C)
      S -= J[size_t(I) * M + C] * V[C];
    V[I] = S / J[size_t(I) * M + I];
  }
  return LogDet;
}

void check(Program &P, const char *Name, int N) {
  Vec Z0 = randomVec(2 * N, 1), V = randomVec(2 * N, 2);
  std::vector<double> J;
  Vec Dense = V;
  double LD = denseSolve(P, Z0, N, J, Dense);
  Vec Z = Z0, U = V;
  P.ijvp(Z.data(), U.data(), N);
  double Err = 0, Scale = 1;
  for (int I = 0; I < 2 * N; ++I) {
    Err = std::fmax(Err, std::fabs(U[I] - Dense[I]));
    Scale = std::fmax(Scale, std::fabs(Dense[I]));
  }
  // J^T f_ivjp(w) = w through the transpose of the rebuilt Jacobian: the
  // dense route's J was overwritten by LU, so check by a second JVP sweep:
  // <f_ivjp(w), J t> = <w, t> for a random t.
  Vec W = randomVec(2 * N, 4), C = W, T = randomVec(2 * N, 5), JT = T;
  Z = Z0;
  P.ivjp(Z.data(), C.data(), N);
  Z = Z0;
  P.jvp(Z.data(), JT.data(), N);
  double L = 0, R = 0, S2 = 1;
  for (int I = 0; I < 2 * N; ++I) {
    L += C[I] * JT[I];
    R += W[I] * T[I];
    S2 += std::fabs(W[I] * T[I]);
  }
  Z = Z0;
  double Got = P.logdet(Z.data(), N);
  if (Err / Scale > 1e-8 || std::fabs(L - R) / S2 > 1e-8 ||
      std::fabs(Got - LD) > 1e-8 * std::fmax(1.0, std::fabs(LD))) {
    std::fprintf(stderr,
                 "%s n=%d: check failed (ijvp %.3g, ivjp %.3g, logdet %.17g "
                 "vs %.17g)\n",
                 Name, N, Err / Scale, std::fabs(L - R) / S2, Got, LD);
    std::abort();
  }
}

enum class Mode { Primal, Jvp, Ijvp, Ivjp, LogDet, Inverse, Dense };

template <Mode Md> void run(benchmark::State &St, Program &P) {
  const int N = int(St.range(0));
  const Vec Z0 = randomVec(2 * N, 1), V0 = randomVec(2 * N, 2);
  Vec Z(2 * N), T(2 * N);
  std::vector<double> J;
  for (auto _ : St) {
    Z = Z0;
    T = V0;
    switch (Md) {
    case Mode::Primal:
      P.primal(Z.data(), N);
      break;
    case Mode::Jvp:
      P.jvp(Z.data(), T.data(), N);
      break;
    case Mode::Ijvp:
      P.ijvp(Z.data(), T.data(), N);
      break;
    case Mode::Ivjp:
      P.ivjp(Z.data(), T.data(), N);
      break;
    case Mode::LogDet:
      benchmark::DoNotOptimize(P.logdet(Z.data(), N));
      break;
    case Mode::Inverse:
      P.inverse(Z.data(), N);
      break;
    case Mode::Dense:
      benchmark::DoNotOptimize(denseSolve(P, Z0, N, J, T));
      break;
    }
    benchmark::DoNotOptimize(Z.data());
    benchmark::DoNotOptimize(T.data());
    benchmark::ClobberMemory();
  }
}

#define PROGRAM_BENCHMARKS(Name, Obj)                                          \
  void BM_##Name##_primal(benchmark::State &S) { run<Mode::Primal>(S, Obj); }  \
  void BM_##Name##_jvp(benchmark::State &S) { run<Mode::Jvp>(S, Obj); }        \
  void BM_##Name##_ijvp(benchmark::State &S) { run<Mode::Ijvp>(S, Obj); }      \
  void BM_##Name##_ivjp(benchmark::State &S) { run<Mode::Ivjp>(S, Obj); }      \
  void BM_##Name##_logdet(benchmark::State &S) { run<Mode::LogDet>(S, Obj); }  \
  void BM_##Name##_inverse(benchmark::State &S) {                              \
    run<Mode::Inverse>(S, Obj);                                                \
  }                                                                            \
  void BM_##Name##_dense(benchmark::State &S) { run<Mode::Dense>(S, Obj); }    \
  BENCHMARK(BM_##Name##_primal)->RangeMultiplier(4)->Range(16, 4096);          \
  BENCHMARK(BM_##Name##_jvp)->RangeMultiplier(4)->Range(16, 4096);             \
  BENCHMARK(BM_##Name##_ijvp)->RangeMultiplier(4)->Range(16, 4096);            \
  BENCHMARK(BM_##Name##_ivjp)->RangeMultiplier(4)->Range(16, 4096);            \
  BENCHMARK(BM_##Name##_logdet)->RangeMultiplier(4)->Range(16, 4096);          \
  BENCHMARK(BM_##Name##_inverse)->RangeMultiplier(4)->Range(16, 4096);         \
  BENCHMARK(BM_##Name##_dense)                                                 \
      ->RangeMultiplier(4)                                                     \
      ->Range(16, 1024)                                                        \
      ->Unit(benchmark::kMillisecond)                                          \
      ->Iterations(1);

PROGRAM_BENCHMARKS(leapfrog, TheLeapfrog)
PROGRAM_BENCHMARKS(flow, TheFlow)
PROGRAM_BENCHMARKS(givens, TheGivens)
PROGRAM_BENCHMARKS(coupling, TheCoupling)
} // namespace

int main(int Argc, char **Argv) {
  for (int N : {16, 64, 256}) {
    check(TheLeapfrog, "leapfrog", N);
    check(TheFlow, "flow", N);
    check(TheGivens, "givens", N);
    check(TheCoupling, "coupling", N);
  }
  benchmark::Initialize(&Argc, Argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
#endif
