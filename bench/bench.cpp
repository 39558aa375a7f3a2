//===- bench/bench.cpp - tad's benchmarks ---------------------------------===//
//
// Google Benchmark main for the four kernels of kernels.cpp. For each kernel
// it times the primal, tad's JVP (one direction), tad's gradient (f_grad, or
// f_vjp with ct_return = 1) and the hand-written gradient; for the two style
// variants of kernels.cpp, their primal, JVP and VJP. Before any timing
// it checks, on the benchmark inputs, that
//   - the hand-written gradient agrees with central finite differences of
//     the primal along random directions (so the reference is right),
//   - tad's gradient equals the hand-written one to 1e-9 (relative to the
//     gradient's largest entry, entry by entry),
//   - tad's JVP equals <gradient, direction> to 1e-9,
// and aborts if any check fails.
//
//===----------------------------------------------------------------------===//
#include "kernels.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

using Vec = std::vector<double>;

/// Which source of an objective is timed: kernels.cpp's, or templated.cpp's
/// function template (std::vector temporaries), or detemplated.cpp's copy of
/// that template written for double with fixed arrays.
enum class Route { Kernel, Templated, Detemplated };
std::string routeName(const char *Kernel, Route R) {
  return std::string(Kernel) + (R == Route::Templated     ? "_templated"
                                : R == Route::Detemplated ? "_detemplated"
                                                          : "");
}

Vec randomVec(std::mt19937_64 &Rng, size_t N, double Lo, double Hi) {
  std::uniform_real_distribution<double> U(Lo, Hi);
  Vec V(N);
  for (double &X : V)
    X = U(Rng);
  return V;
}

double dot(const Vec &A, const Vec &B) {
  double S = 0;
  for (size_t I = 0; I < A.size(); ++I)
    S += A[I] * B[I];
  return S;
}

double maxAbs(const Vec &A) {
  double M = 0;
  for (double X : A)
    M = std::max(M, std::fabs(X));
  return M;
}

int Failures = 0;

void check(bool Ok, const char *Kernel, const char *What, double Err) {
  std::printf("  %-15s %-46s %s (error %.2e)\n", Kernel, What,
              Ok ? "ok" : "FAILED", Err);
  if (!Ok)
    ++Failures;
}

/// Entry-wise comparison of tad's gradient with the hand-written one,
/// relative to the largest entry of the hand-written gradient.
void checkGradients(const char *Kernel, const Vec &Tad, const Vec &Hand) {
  double Scale = std::max(maxAbs(Hand), 1e-300), Err = 0;
  for (size_t I = 0; I < Hand.size(); ++I)
    Err = std::max(Err, std::fabs(Tad[I] - Hand[I]) / Scale);
  check(Err <= 1e-9, Kernel, "tad gradient == hand gradient (1e-9)", Err);
}

/// <grad, dir> against the JVP, and against central differences of F.
void checkDirectional(const char *Kernel, const Vec &Grad, const Vec &Dir,
                      double Jvp, const std::function<double(double)> &FAlong,
                      double H) {
  double G = dot(Grad, Dir);
  double Scale = std::max(std::fabs(G), 1e-300);
  double ErrJ = std::fabs(Jvp - G) / Scale;
  check(ErrJ <= 1e-9, Kernel, "tad JVP == <hand gradient, dir> (1e-9)", ErrJ);
  double Fd = (FAlong(H) - FAlong(-H)) / (2 * H);
  double ErrFd = std::fabs(Fd - G) / Scale;
  check(ErrFd <= 1e-6, Kernel, "hand gradient vs central diff. (1e-6)", ErrFd);
}

//===----------------------------------------------------------------------===//
// GMM
//===----------------------------------------------------------------------===//

struct Gmm {
  int N = 1000, D = 8, K = 10;
  Route Src = Route::Kernel; // which source of the objective is timed
  Wishart W = {1.0, 1};      // the de-templated objective's prior constants
  Vec Alphas, Means, Icf, X;
  Vec DAlphas, DMeans, DIcf, DX; // the JVP's direction (data: zero)
  Vec CtAlphas, CtMeans, CtIcf;
  Vec GAlphas, GMeans, GIcf;

  explicit Gmm(std::mt19937_64 &Rng) {
    Alphas = randomVec(Rng, K, -1, 1);
    Means = randomVec(Rng, K * D, 0, 1);
    Icf = randomVec(Rng, K * D, -0.5, 0.5);
    X = randomVec(Rng, N * D, 0, 1);
    DAlphas = randomVec(Rng, K, -1, 1);
    DMeans = randomVec(Rng, K * D, -1, 1);
    DIcf = randomVec(Rng, K * D, -1, 1);
    DX.assign(N * D, 0.0);
    CtAlphas.resize(K), CtMeans.resize(K * D), CtIcf.resize(K * D);
    GAlphas.resize(K), GMeans.resize(K * D), GIcf.resize(K * D);
  }
  double primal() const {
    if (Src != Route::Kernel) {
      double E;
      (Src == Route::Templated ? gmm_objective_t<double> : gmm_objective_d)(
          D, K, N, Alphas.data(), Means.data(), Icf.data(), X.data(), W, &E);
      return E;
    }
    return gmm_objective(Alphas.data(), Means.data(), Icf.data(), X.data(), N,
                         D, K);
  }
  double jvp() const {
    double T;
    if (Src != Route::Kernel) {
      double E;
      (Src == Route::Templated ? gmm_objective_t_double_jvp
                               : gmm_objective_d_jvp)(
          D, K, N, Alphas.data(), DAlphas.data(), Means.data(), DMeans.data(),
          Icf.data(), DIcf.data(), X.data(), DX.data(), W, Wishart{0.0, 0}, &E,
          &T);
      return T;
    }
    gmm_objective_jvp(Alphas.data(), DAlphas.data(), Means.data(),
                      DMeans.data(), Icf.data(), DIcf.data(), X.data(),
                      DX.data(), N, D, K, &T);
    return T;
  }
  double grad() {
    std::fill(CtAlphas.begin(), CtAlphas.end(), 0.0);
    std::fill(CtMeans.begin(), CtMeans.end(), 0.0);
    std::fill(CtIcf.begin(), CtIcf.end(), 0.0);
    if (Src != Route::Kernel) {
      double E, CtE = 1;
      (Src == Route::Templated ? gmm_objective_t_double_vjp
                               : gmm_objective_d_vjp)(
          D, K, N, Alphas.data(), Means.data(), Icf.data(), X.data(), W, &E,
          CtAlphas.data(), CtMeans.data(), CtIcf.data(), &CtE);
      return E;
    }
    return gmm_objective_grad(Alphas.data(), Means.data(), Icf.data(), X.data(),
                              N, D, K, CtAlphas.data(), CtMeans.data(),
                              CtIcf.data());
  }
  double hand() {
    return gmm_objective_hand(Alphas.data(), Means.data(), Icf.data(), X.data(),
                              N, D, K, GAlphas.data(), GMeans.data(),
                              GIcf.data());
  }
  static Vec cat(const Vec &A, const Vec &B, const Vec &C) {
    Vec R = A;
    R.insert(R.end(), B.begin(), B.end());
    R.insert(R.end(), C.begin(), C.end());
    return R;
  }
  void verify() {
    std::string Id = routeName("gmm", Src);
    const char *Name = Id.c_str();
    double F = primal(), Fg = grad(), Fh = hand();
    check(F == Fg && std::fabs(F - Fh) <= 1e-12 * std::fabs(F), Name,
          "objective: primal, tad, hand", std::fabs(F - Fh));
    Vec G = cat(GAlphas, GMeans, GIcf);
    checkGradients(Name, cat(CtAlphas, CtMeans, CtIcf), G);
    auto Along = [&](double H) {
      Vec A = Alphas, M = Means, I = Icf;
      for (int K1 = 0; K1 < K; ++K1)
        A[K1] += H * DAlphas[K1];
      for (int J = 0; J < K * D; ++J)
        M[J] += H * DMeans[J], I[J] += H * DIcf[J];
      return gmm_objective(A.data(), M.data(), I.data(), X.data(), N, D, K);
    };
    checkDirectional(Name, G, cat(DAlphas, DMeans, DIcf), jvp(), Along, 1e-5);
  }
};

//===----------------------------------------------------------------------===//
// BA
//===----------------------------------------------------------------------===//

struct Ba {
  int C = 20, P = 500, M = 1000;
  bool Helper = false;       // time ba_objective_helper (a style variant)
  Route Src = Route::Kernel; // which source of the objective is timed
  Vec Cams, X, Feats;
  std::vector<int> CamIdx, PtIdx;
  Vec DCams, DX, DFeats;
  Vec CtCams, CtX, CtFeats;
  Vec GCams, GX;

  explicit Ba(std::mt19937_64 &Rng) {
    Cams.resize(BA_NCAMPARAMS * C);
    std::uniform_real_distribution<double> U(-1, 1);
    for (int I = 0; I < C; ++I) {
      double *Cam = &Cams[BA_NCAMPARAMS * I];
      for (int J = 0; J < 3; ++J) {
        Cam[J] = 0.3 * U(Rng);     // rotation
        Cam[3 + J] = 0.5 * U(Rng); // center
      }
      Cam[6] = 1.5 + 0.5 * U(Rng); // focal length
      Cam[7] = 0.05 * U(Rng);      // k1
      Cam[8] = 0.01 * U(Rng);      // k2
    }
    // Camera 0 does not rotate: its observations take the sqtheta == 0
    // branch.
    Cams[0] = Cams[1] = Cams[2] = 0;
    X.resize(3 * P);
    for (int I = 0; I < P; ++I) {
      X[3 * I] = U(Rng);
      X[3 * I + 1] = U(Rng);
      X[3 * I + 2] = 5 + U(Rng);
    }
    Feats = randomVec(Rng, 2 * M, -0.5, 0.5);
    std::uniform_int_distribution<int> UC(0, C - 1), UP(0, P - 1);
    for (int I = 0; I < M; ++I) {
      CamIdx.push_back(UC(Rng));
      PtIdx.push_back(UP(Rng));
    }
    DCams = randomVec(Rng, Cams.size(), -1, 1);
    DX = randomVec(Rng, X.size(), -1, 1);
    DFeats.assign(Feats.size(), 0.0);
    CtCams.resize(Cams.size()), CtX.resize(X.size()),
        CtFeats.resize(Feats.size());
    GCams.resize(Cams.size()), GX.resize(X.size());
  }
  double primal() const {
    if (Src != Route::Kernel) {
      double E;
      (Src == Route::Templated ? ba_objective_t<double> : ba_objective_d)(
          M, Cams.data(), X.data(), Feats.data(), CamIdx.data(), PtIdx.data(),
          &E);
      return E;
    }
    return (Helper ? ba_objective_helper : ba_objective)(
        Cams.data(), X.data(), Feats.data(), CamIdx.data(), PtIdx.data(), M);
  }
  double jvp() const {
    double T;
    if (Src != Route::Kernel) {
      double E;
      (Src == Route::Templated ? ba_objective_t_double_jvp
                               : ba_objective_d_jvp)(
          M, Cams.data(), DCams.data(), X.data(), DX.data(), Feats.data(),
          DFeats.data(), CamIdx.data(), PtIdx.data(), &E, &T);
      return T;
    }
    (Helper ? ba_objective_helper_jvp : ba_objective_jvp)(
        Cams.data(), DCams.data(), X.data(), DX.data(), Feats.data(),
        DFeats.data(), CamIdx.data(), PtIdx.data(), M, &T);
    return T;
  }
  double grad() {
    std::fill(CtCams.begin(), CtCams.end(), 0.0);
    std::fill(CtX.begin(), CtX.end(), 0.0);
    std::fill(CtFeats.begin(), CtFeats.end(), 0.0);
    if (Src != Route::Kernel) {
      double E, CtE = 1;
      (Src == Route::Templated ? ba_objective_t_double_vjp
                               : ba_objective_d_vjp)(
          M, Cams.data(), X.data(), Feats.data(), CamIdx.data(), PtIdx.data(),
          &E, CtCams.data(), CtX.data(), &CtE);
      return E;
    }
    return (Helper ? ba_objective_helper_grad : ba_objective_grad)(
        Cams.data(), X.data(), Feats.data(), CamIdx.data(), PtIdx.data(), M,
        CtCams.data(), CtX.data(), CtFeats.data());
  }
  double hand() {
    return ba_objective_hand(Cams.data(), X.data(), Feats.data(), CamIdx.data(),
                             PtIdx.data(), M, C, P, GCams.data(), GX.data());
  }
  static Vec cat(const Vec &A, const Vec &B) {
    Vec R = A;
    R.insert(R.end(), B.begin(), B.end());
    return R;
  }
  void verify() {
    std::string Id = Helper ? "ba_helper" : routeName("ba", Src);
    const char *Name = Id.c_str();
    double F = primal(), Fg = grad(), Fh = hand();
    check(F == Fg && std::fabs(F - Fh) <= 1e-12 * std::fabs(F), Name,
          "objective: primal, tad, hand", std::fabs(F - Fh));
    Vec G = cat(GCams, GX);
    checkGradients(Name, cat(CtCams, CtX), G);
    auto Along = [&](double H) {
      Vec Cm = Cams, Xs = X;
      for (size_t J = 0; J < Cm.size(); ++J)
        Cm[J] += H * DCams[J];
      for (size_t J = 0; J < Xs.size(); ++J)
        Xs[J] += H * DX[J];
      // Keep camera 0 on its sqtheta == 0 branch, as the JVP does not see
      // the branch change: the direction has no rotation component there.
      return ba_objective(Cm.data(), Xs.data(), Feats.data(), CamIdx.data(),
                          PtIdx.data(), M);
    };
    DCams[0] = DCams[1] = DCams[2] = 0;
    checkDirectional(Name, G, cat(DCams, DX), jvp(), Along, 1e-6);
  }
};

//===----------------------------------------------------------------------===//
// LSTM
//===----------------------------------------------------------------------===//

struct Lstm {
  int L = 2, H = 32, T = 50;
  Route Src = Route::Kernel; // which source of the objective is timed
  Vec Main, Extra, State, Seq;
  Vec DMain, DExtra, DState, DSeq;
  Vec CtMain, CtExtra, CtState, CtSeq;
  Vec GMain, GExtra;

  explicit Lstm(std::mt19937_64 &Rng) {
    Main = randomVec(Rng, 8 * L * H, -1, 1);
    Extra = randomVec(Rng, 3 * H, -1, 1);
    State = randomVec(Rng, 2 * L * H, -1, 1);
    Seq = randomVec(Rng, T * H, 0, 1);
    DMain = randomVec(Rng, Main.size(), -1, 1);
    DExtra = randomVec(Rng, Extra.size(), -1, 1);
    DState.assign(State.size(), 0.0);
    DSeq.assign(Seq.size(), 0.0);
    CtMain.resize(Main.size()), CtExtra.resize(Extra.size());
    CtState.resize(State.size()), CtSeq.resize(Seq.size());
    GMain.resize(Main.size()), GExtra.resize(Extra.size());
  }
  double primal() const {
    if (Src != Route::Kernel) {
      double E;
      (Src == Route::Templated ? lstm_objective_t<double> : lstm_objective_d)(
          L, T, H, Main.data(), Extra.data(), State.data(), Seq.data(), &E);
      return E;
    }
    return lstm_objective(Main.data(), Extra.data(), State.data(), Seq.data(),
                          L, H, T);
  }
  double jvp() const {
    double R;
    if (Src != Route::Kernel) {
      double E;
      (Src == Route::Templated ? lstm_objective_t_double_jvp
                               : lstm_objective_d_jvp)(
          L, T, H, Main.data(), DMain.data(), Extra.data(), DExtra.data(),
          State.data(), DState.data(), Seq.data(), DSeq.data(), &E, &R);
      return R;
    }
    lstm_objective_jvp(Main.data(), DMain.data(), Extra.data(), DExtra.data(),
                       State.data(), DState.data(), Seq.data(), DSeq.data(), L,
                       H, T, &R);
    return R;
  }
  double grad() {
    std::fill(CtMain.begin(), CtMain.end(), 0.0);
    std::fill(CtExtra.begin(), CtExtra.end(), 0.0);
    std::fill(CtState.begin(), CtState.end(), 0.0);
    std::fill(CtSeq.begin(), CtSeq.end(), 0.0);
    if (Src != Route::Kernel) {
      double E, CtE = 1;
      (Src == Route::Templated ? lstm_objective_t_double_vjp
                               : lstm_objective_d_vjp)(
          L, T, H, Main.data(), Extra.data(), State.data(), Seq.data(), &E,
          CtMain.data(), CtExtra.data(), &CtE);
      return E;
    }
    return lstm_objective_grad(Main.data(), Extra.data(), State.data(),
                               Seq.data(), L, H, T, CtMain.data(),
                               CtExtra.data(), CtState.data(), CtSeq.data());
  }
  double hand() {
    return lstm_objective_hand(Main.data(), Extra.data(), State.data(),
                               Seq.data(), L, H, T, GMain.data(),
                               GExtra.data());
  }
  static Vec cat(const Vec &A, const Vec &B) {
    Vec R = A;
    R.insert(R.end(), B.begin(), B.end());
    return R;
  }
  void verify() {
    std::string Id = routeName("lstm", Src);
    const char *Name = Id.c_str();
    double F = primal(), Fg = grad(), Fh = hand();
    check(F == Fg && std::fabs(F - Fh) <= 1e-12 * std::fabs(F), Name,
          "objective: primal, tad, hand", std::fabs(F - Fh));
    Vec G = cat(GMain, GExtra);
    checkGradients(Name, cat(CtMain, CtExtra), G);
    auto Along = [&](double Hs) {
      Vec Mn = Main, Ex = Extra;
      for (size_t J = 0; J < Mn.size(); ++J)
        Mn[J] += Hs * DMain[J];
      for (size_t J = 0; J < Ex.size(); ++J)
        Ex[J] += Hs * DExtra[J];
      return lstm_objective(Mn.data(), Ex.data(), State.data(), Seq.data(), L,
                            H, T);
    };
    checkDirectional(Name, G, cat(DMain, DExtra), jvp(), Along, 1e-5);
  }
};

//===----------------------------------------------------------------------===//
// Stencil. The objective overwrites its in-out grid u, so every timed call
// (all four variants alike) first restores u from U0; the VJP also zeroes
// its cotangents (ct_u holds the output cotangent on entry: zero here).
//===----------------------------------------------------------------------===//

struct Stencil {
  int N = 64, S = 10;
  bool Inline = false; // time stencil_objective_inline (a style variant)
  Vec U0, U, Tmp, DU0, DU, DTmp, CtU, CtTmp, GU, GTmp;

  explicit Stencil(std::mt19937_64 &Rng) {
    U0 = randomVec(Rng, N * N, 0, 1);
    DU0 = randomVec(Rng, N * N, -1, 1);
    U = U0, DU = DU0;
    Tmp.assign(N * N, 0.0), DTmp.assign(N * N, 0.0);
    CtU.resize(N * N), CtTmp.resize(N * N);
    GU.resize(N * N), GTmp.resize(N * N);
  }
  void reset() { std::memcpy(U.data(), U0.data(), sizeof(double) * N * N); }
  double primal() {
    reset();
    return (Inline ? stencil_objective_inline
                   : stencil_objective)(U.data(), Tmp.data(), N, S);
  }
  double jvp() {
    reset();
    std::memcpy(DU.data(), DU0.data(), sizeof(double) * N * N);
    double R;
    (Inline ? stencil_objective_inline_jvp : stencil_objective_jvp)(
        U.data(), DU.data(), Tmp.data(), DTmp.data(), N, S, &R);
    return R;
  }
  double grad() {
    reset();
    std::fill(CtU.begin(), CtU.end(), 0.0);
    std::fill(CtTmp.begin(), CtTmp.end(), 0.0);
    return (Inline ? stencil_objective_inline_vjp : stencil_objective_vjp)(
        U.data(), Tmp.data(), N, S, 1.0, CtU.data(), CtTmp.data());
  }
  double hand() {
    reset();
    return stencil_objective_hand(U.data(), Tmp.data(), N, S, GU.data(),
                                  GTmp.data());
  }
  void verify() {
    const char *Name = Inline ? "stencil_inline" : "stencil";
    double F = primal(), Fg = grad();
    Vec Ug = U;
    double Fh = hand();
    check(F == Fg && std::fabs(F - Fh) <= 1e-12 * std::fabs(F) && Ug == U, Name,
          "objective and final grid: primal, tad, hand", std::fabs(F - Fh));
    checkGradients(Name, CtU, GU);
    double Ct = maxAbs(CtTmp);
    check(Ct == 0, Name, "tad: ct_tmp is zero on exit", Ct);
    auto Along = [&](double H) {
      Vec Uh = U0, Th(N * N, 0.0);
      for (int J = 0; J < N * N; ++J)
        Uh[J] += H * DU0[J];
      return stencil_objective(Uh.data(), Th.data(), N, S);
    };
    checkDirectional(Name, GU, DU0, jvp(), Along, 1e-4);
  }
};

Gmm *TheGmm, *TheGmmTemplated, *TheGmmDetemplated;
Ba *TheBa, *TheBaHelper, *TheBaTemplated, *TheBaDetemplated;
Lstm *TheLstm, *TheLstmTemplated, *TheLstmDetemplated;
Stencil *TheStencil, *TheStencilInline;

// BM_<kernel>_primal, _jvp, _vjp (tad's gradient), _hand.
#define KERNEL_BENCHMARKS(Name, Obj)                                           \
  void BM_##Name##_primal(benchmark::State &St) {                              \
    for (auto _ : St)                                                          \
      benchmark::DoNotOptimize(Obj->primal());                                 \
  }                                                                            \
  void BM_##Name##_jvp(benchmark::State &St) {                                 \
    for (auto _ : St)                                                          \
      benchmark::DoNotOptimize(Obj->jvp());                                    \
  }                                                                            \
  void BM_##Name##_vjp(benchmark::State &St) {                                 \
    for (auto _ : St)                                                          \
      benchmark::DoNotOptimize(Obj->grad());                                   \
  }                                                                            \
  void BM_##Name##_hand(benchmark::State &St) {                                \
    for (auto _ : St)                                                          \
      benchmark::DoNotOptimize(Obj->hand());                                   \
  }                                                                            \
  BENCHMARK(BM_##Name##_primal)->Unit(benchmark::kMicrosecond);                \
  BENCHMARK(BM_##Name##_jvp)->Unit(benchmark::kMicrosecond);                   \
  BENCHMARK(BM_##Name##_vjp)->Unit(benchmark::kMicrosecond);                   \
  BENCHMARK(BM_##Name##_hand)->Unit(benchmark::kMicrosecond);

KERNEL_BENCHMARKS(gmm, TheGmm)
KERNEL_BENCHMARKS(ba, TheBa)
KERNEL_BENCHMARKS(lstm, TheLstm)
KERNEL_BENCHMARKS(stencil, TheStencil)

// The style variants: primal, JVP and VJP (their hand-written gradient is
// the kernel's).
#define VARIANT_BENCHMARKS(Name, Obj)                                          \
  void BM_##Name##_primal(benchmark::State &St) {                              \
    for (auto _ : St)                                                          \
      benchmark::DoNotOptimize(Obj->primal());                                 \
  }                                                                            \
  void BM_##Name##_jvp(benchmark::State &St) {                                 \
    for (auto _ : St)                                                          \
      benchmark::DoNotOptimize(Obj->jvp());                                    \
  }                                                                            \
  void BM_##Name##_vjp(benchmark::State &St) {                                 \
    for (auto _ : St)                                                          \
      benchmark::DoNotOptimize(Obj->grad());                                   \
  }                                                                            \
  BENCHMARK(BM_##Name##_primal)->Unit(benchmark::kMicrosecond);                \
  BENCHMARK(BM_##Name##_jvp)->Unit(benchmark::kMicrosecond);                   \
  BENCHMARK(BM_##Name##_vjp)->Unit(benchmark::kMicrosecond);

VARIANT_BENCHMARKS(ba_helper, TheBaHelper)
VARIANT_BENCHMARKS(stencil_inline, TheStencilInline)
VARIANT_BENCHMARKS(gmm_templated, TheGmmTemplated)
VARIANT_BENCHMARKS(ba_templated, TheBaTemplated)
VARIANT_BENCHMARKS(lstm_templated, TheLstmTemplated)
VARIANT_BENCHMARKS(gmm_detemplated, TheGmmDetemplated)
VARIANT_BENCHMARKS(ba_detemplated, TheBaDetemplated)
VARIANT_BENCHMARKS(lstm_detemplated, TheLstmDetemplated)

} // namespace

int main(int argc, char **argv) {
  std::mt19937_64 Rng(20240601);
  TheGmm = new Gmm(Rng);
  TheBa = new Ba(Rng);
  TheLstm = new Lstm(Rng);
  TheStencil = new Stencil(Rng);
  // The variants get the same inputs as their kernels.
  TheBaHelper = new Ba(*TheBa);
  TheBaHelper->Helper = true;
  TheStencilInline = new Stencil(*TheStencil);
  TheStencilInline->Inline = true;
  // The template and container route, and its de-templated copy.
  TheGmmTemplated = new Gmm(*TheGmm);
  TheGmmTemplated->Src = Route::Templated;
  TheGmmDetemplated = new Gmm(*TheGmm);
  TheGmmDetemplated->Src = Route::Detemplated;
  TheBaTemplated = new Ba(*TheBa);
  TheBaTemplated->Src = Route::Templated;
  TheBaDetemplated = new Ba(*TheBa);
  TheBaDetemplated->Src = Route::Detemplated;
  TheLstmTemplated = new Lstm(*TheLstm);
  TheLstmTemplated->Src = Route::Templated;
  TheLstmDetemplated = new Lstm(*TheLstm);
  TheLstmDetemplated->Src = Route::Detemplated;

  std::printf("Verifying the gradients before timing:\n");
  TheGmm->verify();
  TheBa->verify();
  TheLstm->verify();
  TheStencil->verify();
  TheBaHelper->verify();
  TheStencilInline->verify();
  TheGmmTemplated->verify();
  TheBaTemplated->verify();
  TheLstmTemplated->verify();
  TheGmmDetemplated->verify();
  TheBaDetemplated->verify();
  TheLstmDetemplated->verify();
  if (Failures) {
    std::fprintf(stderr, "%d check(s) failed: not benchmarking.\n", Failures);
    std::abort();
  }
  std::printf("All checks passed.\n\n");
  std::fflush(stdout);

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
