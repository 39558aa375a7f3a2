// A Gaussian-mixture log-likelihood (issue 14's corpus; the ADBench GMM
// objective), written as an ML engineer writes it: k components with
// weights `alphas`, means and inverse Cholesky factors `icf` (the log of
// the diagonal, then the strict lower triangle column by column) in flat
// arrays, a `Wishart` prior struct { gamma, m } by value (m an integer,
// carried), log-sum-exp with a max for stability, Q (x - mu) through a
// helper, the prior term with lgamma of integers, small fixed arrays on
// the stack, a lambda for a squared norm. d = 2 and 3, k = 3, n = 5.
// Checked: JVP against central differences, VJP against JVP by the
// dot-product identity, the gradient against differences; clang++, g++,
// the plugin, and clang++ with ASan and UBSan.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK: double gmm_objective_jvp(int d, int k, int n, const double *alphas,
// CHECK: const double *d_x, Wishart wishart, Wishart d_wishart,
// CHECK: double gmm_objective_vjp(int d, int k, int n, const double *alphas,
// CHECK: double *ct_x, Wishart *ct_wishart);
#include "tad/tad.h"
#include <cmath>

struct Wishart {
  double gamma;
  int m;
};

constexpr int kMaxD = 3;
constexpr int kMaxK = 4;

static double logsumexp(const double *v, int n) {
  double mx = v[0];
  for (int i = 1; i < n; ++i)
    mx = std::max(mx, v[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(v[i] - mx);
  return mx + std::log(s);
}

// out = Q x with Q lower triangular: diagonal qdiag, strict lower
// triangle ltri stored column by column.
static void q_times_x(int d, const double *qdiag, const double *ltri,
                      const double *x, double *out) {
  for (int i = 0; i < d; ++i)
    out[i] = qdiag[i] * x[i];
  int l = 0;
  for (int j = 0; j < d; ++j)
    for (int i = j + 1; i < d; ++i) {
      out[i] += ltri[l] * x[j];
      ++l;
    }
}

static double log_gamma_distrib(double a, int p) {
  double r = 0.25 * p * (p - 1) * std::log(M_PI);
  for (int j = 1; j <= p; ++j)
    r += std::lgamma(a + 0.5 * (1 - j));
  return r;
}

static double log_wishart_prior(int d, int k, Wishart w, const double *sum_qs,
                                const double *qdiags, const double *icf) {
  int n = d + w.m + 1;
  int icf_sz = d * (d + 1) / 2;
  double C = n * d * (std::log(w.gamma) - 0.5 * std::log(2.0)) -
             log_gamma_distrib(0.5 * n, d);
  double out = 0;
  for (int ik = 0; ik < k; ++ik) {
    double frob = 0;
    for (int i = 0; i < d; ++i)
      frob += qdiags[ik * d + i] * qdiags[ik * d + i];
    for (int i = d; i < icf_sz; ++i)
      frob += icf[ik * icf_sz + i] * icf[ik * icf_sz + i];
    out += 0.5 * w.gamma * w.gamma * frob - w.m * sum_qs[ik];
  }
  return out - k * C;
}

TAD_JVP TAD_VJP double gmm_objective(int d, int k, int n, const double *alphas,
                                     const double *means, const double *icf,
                                     const double *x, Wishart wishart) {
  const double kHalfLog2Pi = 0.5 * std::log(2 * M_PI);
  const int icf_sz = d * (d + 1) / 2;
  auto sqnorm = [d](const double *v) {
    double s = 0;
    for (int i = 0; i < d; ++i)
      s += v[i] * v[i];
    return s;
  };

  double qdiags[kMaxK * kMaxD];
  double sum_qs[kMaxK];
  for (int ik = 0; ik < k; ++ik) {
    sum_qs[ik] = 0;
    for (int i = 0; i < d; ++i) {
      sum_qs[ik] += icf[ik * icf_sz + i];
      qdiags[ik * d + i] = std::exp(icf[ik * icf_sz + i]);
    }
  }

  double slse = 0;
  double main_term[kMaxK];
  double xc[kMaxD], qxc[kMaxD];
  for (int ix = 0; ix < n; ++ix) {
    for (int ik = 0; ik < k; ++ik) {
      for (int i = 0; i < d; ++i)
        xc[i] = x[ix * d + i] - means[ik * d + i];
      q_times_x(d, &qdiags[ik * d], &icf[ik * icf_sz + d], xc, qxc);
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sqnorm(qxc);
    }
    slse += logsumexp(main_term, k);
  }

  double lse_alphas = logsumexp(alphas, k);
  return -n * d * kHalfLog2Pi + slse - n * lse_alphas +
         log_wishart_prior(d, k, wishart, sum_qs, qdiags, icf);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  const int k = 3, n = 5;
  for (int d = 2; d <= 3; ++d) {
    const int icf_sz = d * (d + 1) / 2;
    // a = alphas | means | icf | x | gamma
    const int na = k, nm = k * d, ni = k * icf_sz, nx = n * d;
    const int N = na + nm + ni + nx + 1;
    const int m = 2;
    auto parts = [&](const Vec &a, int part) { // offsets
      int off[5] = {0, na, na + nm, na + nm + ni, na + nm + ni + nx};
      return a.data() + off[part];
    };
    auto F = [&](const Vec &a) {
      return Vec{gmm_objective(d, k, n, parts(a, 0), parts(a, 1), parts(a, 2),
                               parts(a, 3), {a[N - 1], m})};
    };
    auto J = [&](const Vec &a, const Vec &da) {
      double df = 0;
      gmm_objective_jvp(d, k, n, parts(a, 0), parts(da, 0), parts(a, 1),
                        parts(da, 1), parts(a, 2), parts(da, 2), parts(a, 3),
                        parts(da, 3), {a[N - 1], m}, {da[N - 1], 0}, &df);
      return Vec{df};
    };
    auto G = [&](const Vec &a, double yb) {
      Vec c(N, 0.0);
      Wishart cw{0, 0};
      double *cp = c.data();
      if (yb == 1)
        gmm_objective_grad(d, k, n, parts(a, 0), parts(a, 1), parts(a, 2),
                           parts(a, 3), {a[N - 1], m}, cp, cp + na,
                           cp + na + nm, cp + na + nm + ni, &cw);
      else
        gmm_objective_vjp(d, k, n, parts(a, 0), parts(a, 1), parts(a, 2),
                          parts(a, 3), {a[N - 1], m}, yb, cp, cp + na,
                          cp + na + nm, cp + na + nm + ni, &cw);
      c[N - 1] = cw.gamma;
      return c;
    };
    std::vector<Vec> S;
    for (unsigned seed = 1; seed <= 2; ++seed) {
      Vec a = tad_test::randomVec(N, seed + 10 * d);
      for (int i = 0; i < nx; ++i)
        a[na + nm + ni + i] *= 2;           // points spread beyond the means
      a[N - 1] = 1.0 + std::fabs(a[N - 1]); // gamma > 0
      S.push_back(a);
    }
    // one component far more likely than the others at some points: the
    // max in log-sum-exp matters
    S.push_back(S[0]);
    S.back()[0] = 6.0;
    const char *name = d == 2 ? "gmm d=2" : "gmm d=3";
    tad_test::checkJvp(name, F, J, S);
    tad_test::checkVjp(
        name, J, [&](const Vec &a, const Vec &yb) { return G(a, yb[0]); }, S,
        1);
    tad_test::checkGradient(name, F, [&](const Vec &a) { return G(a, 1); }, S);
  }
  return tad_test::report();
}
#endif
