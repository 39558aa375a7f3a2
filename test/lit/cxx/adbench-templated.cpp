// The benchmark's template and container route (bench/templated.cpp):
// ADBench-style function templates of a Gaussian-mixture log-likelihood
// (std::vector temporaries, a Wishart prior struct by value, helpers taking
// pointers into the vectors), a bundle-adjustment objective over all
// observations (std::array temporaries, a Rodrigues rotation helper) and
// an LSTM (its cell given pointers to the hidden and cell halves of one
// state vector, &s[2*i*b] and &s[2*i*b + b], which tad proves disjoint),
// differentiated unedited for their double instantiations. Checked on small
// sizes: JVP against central differences, VJP against JVP by the
// dot-product identity; through tad-gen (clang++, g++ with ASan and UBSan)
// and the plugin.
//
// RUN: %tad-gen %S/../../../bench/templated.cpp -o %t.inc -- %tad-flags -I%S/../../../bench 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -I%S/../../../bench -DTAD_GENERATED='"%t.inc"' -c %S/../../../bench/templated.cpp -o %t.clang.o
// RUN: %cxx -I%S/../../../bench %s %t.clang.o -o %t.clang && %t.clang
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -I%S/../../../bench -DTAD_GENERATED='"%t.inc"' -c %S/../../../bench/templated.cpp -o %t.gcc.o
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -I%S/../../../bench %s %t.gcc.o -o %t.gcc && %t.gcc
// RUN: %cxx %plugin -I%S/../../../bench -c %S/../../../bench/templated.cpp -o %t.plugin.o
// RUN: %cxx -I%S/../../../bench %s %t.plugin.o -o %t.plugin && %t.plugin
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: void lstm_objective_t_double_vjp(int l, int c, int b, const double *main_params,
// GEN: lstm_model_double_jvp(b, w + i * 2 * 4 * b, d_w + i * 2 * 4 * b,
#include "kernels.h"

#include "fdcheck.h"

#include <cstdio>

using tad_test::Vec;

namespace {

constexpr int D = 3, K = 4, N = 5;               // GMM
constexpr int Cams = 2, Pts = 3, Obs = 6;        // BA
constexpr int L = 2, C = 4, B = 3;               // LSTM
constexpr int NCam = BA_NCAMPARAMS * Cams;       // camera parameters
constexpr int NMain = 8 * L * B, NExtra = 3 * B; // LSTM parameters

const Vec &gmmData() {
  static Vec X = tad_test::randomVec(N * D, 40);
  return X;
}
const Wishart Prior = {1.5, 2};

// GMM over (alphas[K], means[K*D], icf[K*D]).
Vec gmmF(const Vec &v) {
  double E;
  gmm_objective_t<double>(D, K, N, &v[0], &v[K], &v[K + K * D],
                          gmmData().data(), Prior, &E);
  return Vec{E};
}
Vec gmmJ(const Vec &v, const Vec &dv) {
  Vec Dx(N * D, 0.0);
  double E, DE;
  gmm_objective_t_double_jvp(D, K, N, &v[0], &dv[0], &v[K], &dv[K],
                             &v[K + K * D], &dv[K + K * D], gmmData().data(),
                             Dx.data(), Prior, Wishart{0.0, 0}, &E, &DE);
  return Vec{DE};
}
Vec gmmV(const Vec &v, const Vec &yb) {
  Vec G(v.size(), 0.0);
  double E, Ct = yb[0];
  gmm_objective_t_double_vjp(D, K, N, &v[0], &v[K], &v[K + K * D],
                             gmmData().data(), Prior, &E, &G[0], &G[K],
                             &G[K + K * D], &Ct);
  return G;
}

// BA over (cams[NCam], X[3*Pts]): observation i sees point i % Pts from
// camera i % Cams.
const int CamIdx[Obs] = {0, 1, 0, 1, 0, 1};
const int PtIdx[Obs] = {0, 1, 2, 1, 2, 0};
const Vec &feats() {
  static Vec F = tad_test::randomVec(2 * Obs, 41);
  return F;
}
Vec baF(const Vec &v) {
  double E;
  ba_objective_t<double>(Obs, &v[0], &v[NCam], feats().data(), CamIdx, PtIdx,
                         &E);
  return Vec{E};
}
Vec baJ(const Vec &v, const Vec &dv) {
  Vec Df(2 * Obs, 0.0);
  double E, DE;
  ba_objective_t_double_jvp(Obs, &v[0], &dv[0], &v[NCam], &dv[NCam],
                            feats().data(), Df.data(), CamIdx, PtIdx, &E, &DE);
  return Vec{DE};
}
Vec baV(const Vec &v, const Vec &yb) {
  Vec G(v.size(), 0.0);
  double E, Ct = yb[0];
  ba_objective_t_double_vjp(Obs, &v[0], &v[NCam], feats().data(), CamIdx, PtIdx,
                            &E, &G[0], &G[NCam], &Ct);
  return G;
}
/// Cameras and points of a well-posed scene (points in front of the
/// cameras, small distortion), from random values in [-1, 1).
Vec baPoint(unsigned Seed) {
  Vec R = tad_test::randomVec(NCam + 3 * Pts, Seed);
  for (int c = 0; c < Cams; ++c) {
    double *Cam = &R[BA_NCAMPARAMS * c];
    for (int j = 0; j < 3; ++j)
      Cam[j] *= 0.3, Cam[3 + j] *= 0.5;
    Cam[6] = 1.5 + 0.5 * Cam[6];
    Cam[7] *= 0.05, Cam[8] *= 0.01;
  }
  for (int p = 0; p < Pts; ++p)
    R[NCam + 3 * p + 2] += 5;
  return R;
}

// LSTM over (main_params[NMain], extra_params[NExtra]).
const Vec &state0() {
  static Vec S = tad_test::randomVec(2 * L * B, 42);
  return S;
}
const Vec &sequence() {
  static Vec Q = [] {
    Vec Q = tad_test::randomVec(C * B, 43);
    for (double &X : Q)
      X = 0.5 * (X + 1); // in [0, 1)
    return Q;
  }();
  return Q;
}
Vec lstmF(const Vec &v) {
  double E;
  lstm_objective_t<double>(L, C, B, &v[0], &v[NMain], state0().data(),
                           sequence().data(), &E);
  return Vec{E};
}
Vec lstmJ(const Vec &v, const Vec &dv) {
  Vec Ds(2 * L * B, 0.0), Dq(C * B, 0.0);
  double E, DE;
  lstm_objective_t_double_jvp(L, C, B, &v[0], &dv[0], &v[NMain], &dv[NMain],
                              state0().data(), Ds.data(), sequence().data(),
                              Dq.data(), &E, &DE);
  return Vec{DE};
}
Vec lstmV(const Vec &v, const Vec &yb) {
  Vec G(v.size(), 0.0);
  double E, Ct = yb[0];
  lstm_objective_t_double_vjp(L, C, B, &v[0], &v[NMain], state0().data(),
                              sequence().data(), &E, &G[0], &G[NMain], &Ct);
  return G;
}

} // namespace

int main() {
  std::vector<Vec> PG = {tad_test::randomVec(K + 2 * K * D, 1),
                         tad_test::randomVec(K + 2 * K * D, 2)};
  tad_test::checkJvp("gmm_objective_t<double>", gmmF, gmmJ, PG);
  tad_test::checkVjp("gmm_objective_t<double>", gmmJ, gmmV, PG, 1);

  std::vector<Vec> PB = {baPoint(3), baPoint(4)};
  tad_test::checkJvp("ba_objective_t<double>", baF, baJ, PB);
  tad_test::checkVjp("ba_objective_t<double>", baJ, baV, PB, 1);

  std::vector<Vec> PL = {tad_test::randomVec(NMain + NExtra, 5),
                         tad_test::randomVec(NMain + NExtra, 6)};
  tad_test::checkJvp("lstm_objective_t<double>", lstmF, lstmJ, PL);
  tad_test::checkVjp("lstm_objective_t<double>", lstmJ, lstmV, PL, 1);
  // The LSTM cell writes the hidden and cell halves of the state through
  // two pointers into it: a VJP that confused them would fail the check
  // above; the objective also matches a direct evaluation with the halves
  // kept in separate arrays.
  {
    const Vec &v = PL[0];
    std::vector<double> h(L * B), cl(L * B);
    for (int l = 0; l < L; ++l)
      for (int j = 0; j < B; ++j) {
        h[l * B + j] = state0()[2 * l * B + j];
        cl[l * B + j] = state0()[2 * l * B + B + j];
      }
    double total = 0;
    for (int t = 0; t < C - 1; ++t) {
      double x2[B], yp[B];
      for (int j = 0; j < B; ++j)
        x2[j] = sequence()[t * B + j] * v[NMain + j];
      for (int l = 0; l < L; ++l) {
        const double *w = &v[l * 8 * B], *bs = &v[l * 8 * B + 4 * B];
        for (int j = 0; j < B; ++j) {
          auto sig = [](double z) { return 1 / (1 + std::exp(-z)); };
          double f = sig(x2[j] * w[j] + bs[j]);
          double in = sig(h[l * B + j] * w[B + j] + bs[B + j]);
          double o = sig(x2[j] * w[2 * B + j] + bs[2 * B + j]);
          double ch = std::tanh(h[l * B + j] * w[3 * B + j] + bs[3 * B + j]);
          cl[l * B + j] = cl[l * B + j] * f + in * ch;
          h[l * B + j] = o * std::tanh(cl[l * B + j]);
          x2[j] = h[l * B + j];
        }
      }
      double mx = -1e300, se = 0;
      for (int j = 0; j < B; ++j)
        mx = std::max(mx,
                      yp[j] = x2[j] * v[NMain + B + j] + v[NMain + 2 * B + j]);
      for (int j = 0; j < B; ++j)
        se += std::exp(yp[j] - mx);
      for (int j = 0; j < B; ++j)
        total += sequence()[(t + 1) * B + j] * (yp[j] - mx - std::log(se));
    }
    tad_test::expectNear("lstm objective, halves apart", lstmF(v)[0],
                         -total / ((C - 1) * B), 1e-13);
  }
  return tad_test::report();
}
