// OpenMP benchmarks: tad's VJP of `#pragma omp parallel for` loops against
// their primal, with the threads OMP_NUM_THREADS gives (bench/run_openmp.sh
// runs 1 and 2). Before timing, the program checks each VJP against its
// JVP by the dot-product identity on the benchmark inputs and aborts if
// they disagree (the parallel reverse sweep's reductions and atomics must
// sum what the sequential one would).
#include "tad/tad.h"
#include <benchmark/benchmark.h>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

// A smoothing sweep with a coefficient every iteration reads (its
// cotangent is a reduction; the neighbours' are atomics).
TAD_JVP TAD_VJP void smooth(const double *x, double *y, double a, int n) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; ++i)
    y[i] = a * std::sin(x[i - 1] + x[i + 1]) + x[i] * x[i];
}

// An energy: a sum over points (a reduction), every cotangent own.
TAD_JVP TAD_VJP double energy(const double *x, const double *c, int n) {
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < n; ++i)
    s += std::exp(-0.5 * (x[i] - c[i]) * (x[i] - c[i])) * x[i];
  return s;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif

namespace {

constexpr int N = 1 << 20;

std::vector<double> random(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<double> v(n);
  for (double &x : v)
    x = u(rng);
  return v;
}

void require(bool ok, const char *what) {
  if (!ok) {
    std::fprintf(stderr, "openmp bench: %s\n", what);
    std::abort();
  }
}

/// <ybar, J xdot> = <J^T ybar, xdot> for smooth (inputs x, y, a).
void checkSmooth() {
  const int n = 4096;
  std::vector<double> x = random(n, 1), y = random(n, 2), dx = random(n, 3),
                      dy = random(n, 4), yb = random(n, 5);
  double a = 0.7, da = 0.3;
  std::vector<double> y1 = y, dy1 = dy;
  smooth_jvp(x.data(), dx.data(), y1.data(), dy1.data(), a, da, n);
  std::vector<double> y2 = y, ctx(n, 0.0), cty = yb;
  double cta = 0;
  smooth_vjp(x.data(), y2.data(), a, n, ctx.data(), cty.data(), &cta);
  double l = 0, r = cta * da, scale = 1;
  for (int i = 0; i < n; ++i) {
    l += yb[i] * dy1[i];
    r += ctx[i] * dx[i] + cty[i] * dy[i];
    scale += std::fabs(yb[i] * dy1[i]);
  }
  require(std::fabs(l - r) <= 1e-10 * scale, "smooth_vjp disagrees with JVP");
}

void checkEnergy() {
  const int n = 4096;
  std::vector<double> x = random(n, 6), c = random(n, 7), dx = random(n, 8),
                      dc = random(n, 9);
  double d = 0;
  energy_jvp(x.data(), dx.data(), c.data(), dc.data(), n, &d);
  std::vector<double> gx(n, 0.0), gc(n, 0.0);
  energy_grad(x.data(), c.data(), n, gx.data(), gc.data());
  double r = 0, scale = 1;
  for (int i = 0; i < n; ++i) {
    r += gx[i] * dx[i] + gc[i] * dc[i];
    scale += std::fabs(gx[i] * dx[i]);
  }
  require(std::fabs(d - r) <= 1e-10 * scale, "energy_grad disagrees with JVP");
}

struct Data {
  std::vector<double> x = random(N, 11), y = random(N, 12), c = random(N, 13),
                      ct = std::vector<double>(N, 0.0),
                      ct2 = std::vector<double>(N, 0.0), yb = random(N, 14);
};

Data &data() {
  static Data D;
  return D;
}

void BM_smooth_primal(benchmark::State &S) {
  Data &D = data();
  for (auto _ : S) {
    smooth(D.x.data(), D.y.data(), 0.7, N);
    benchmark::DoNotOptimize(D.y.data());
  }
}
void BM_smooth_vjp(benchmark::State &S) {
  Data &D = data();
  for (auto _ : S) {
    double cta = 0;
    D.ct2 = D.yb; // the cotangent of y, consumed
    smooth_vjp(D.x.data(), D.y.data(), 0.7, N, D.ct.data(), D.ct2.data(),
               &cta);
    benchmark::DoNotOptimize(cta);
  }
}
void BM_energy_primal(benchmark::State &S) {
  Data &D = data();
  for (auto _ : S)
    benchmark::DoNotOptimize(energy(D.x.data(), D.c.data(), N));
}
void BM_energy_vjp(benchmark::State &S) {
  Data &D = data();
  for (auto _ : S)
    benchmark::DoNotOptimize(
        energy_grad(D.x.data(), D.c.data(), N, D.ct.data(), D.ct2.data()));
}

BENCHMARK(BM_smooth_primal)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_smooth_vjp)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_energy_primal)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_energy_vjp)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char **argv) {
  checkSmooth();
  checkEnergy();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
