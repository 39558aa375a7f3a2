//===- bench/detemplated.cpp - templated.cpp, de-templated --------------===//
//
// templated.cpp's three objectives as a user has to rewrite them for a
// tool that takes only C-style code: the templates instantiated by hand for
// double (gmm_objective_d, ba_objective_d, lstm_objective_d) and every
// std::vector or std::array temporary a fixed array sized by the caps of
// kernels.h. Nothing else differs: the same helpers, loops and statements,
// so that bench.cpp's "templated / de-templated" ratios measure what the
// template and container route costs (issue 15: at most 1.1x).
//
//===----------------------------------------------------------------------===//
#include "kernels.h"

#include "tad/tad.h"
#include <cmath>

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

static double arr_max(int n, const double *x) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    if (m < x[i])
      m = x[i];
  return m;
}

static double logsumexp(int n, const double *x) {
  double mx = arr_max(n, x);
  double semx = 0;
  for (int i = 0; i < n; ++i)
    semx += std::exp(x[i] - mx);
  return std::log(semx) + mx;
}

static double sqnorm(int n, const double *x) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}

static void subtract(int d, const double *x, const double *y, double *out) {
  for (int id = 0; id < d; ++id)
    out[id] = x[id] - y[id];
}

//===----------------------------------------------------------------------===//
// 1. GMM (diagonal covariance, as kernels.cpp's gmm_objective)
//===----------------------------------------------------------------------===//

static void preprocess_qs(int d, int k, const double *icf, double *sum_qs,
                          double *Qdiags) {
  for (int ik = 0; ik < k; ++ik) {
    sum_qs[ik] = 0;
    for (int id = 0; id < d; ++id) {
      double q = icf[ik * d + id];
      sum_qs[ik] += q;
      Qdiags[ik * d + id] = std::exp(q);
    }
  }
}

static double log_wishart_prior(int d, int k, Wishart wishart,
                                const double *sum_qs, const double *Qdiags) {
  double out = 0;
  for (int ik = 0; ik < k; ++ik) {
    double frobenius = sqnorm(d, &Qdiags[ik * d]);
    out += 0.5 * wishart.gamma * wishart.gamma * frobenius -
           wishart.m * sum_qs[ik];
  }
  return out;
}

TAD_JVP TAD_VJP_WRT(alphas, means, icf) void gmm_objective_d(
    int d, int k, int n, const double *alphas, const double *means,
    const double *icf, const double *x, Wishart wishart, double *err) {
  const double CONSTANT = -n * d * 0.5 * 1.8378770664093453;

  double Qdiags[GMM_MAX_K * GMM_MAX_D];
  double sum_qs[GMM_MAX_K];
  double xcentered[GMM_MAX_D];
  double main_term[GMM_MAX_K];

  preprocess_qs(d, k, icf, sum_qs, Qdiags);

  double slse = 0;
  for (int ix = 0; ix < n; ++ix) {
    for (int ik = 0; ik < k; ++ik) {
      subtract(d, &x[ix * d], &means[ik * d], xcentered);
      double sq = 0;
      for (int id = 0; id < d; ++id) {
        double t = Qdiags[ik * d + id] * xcentered[id];
        sq += t * t;
      }
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sq;
    }
    slse += logsumexp(k, main_term);
  }

  double lse_alphas = logsumexp(k, alphas);
  *err = CONSTANT + slse - n * lse_alphas +
         log_wishart_prior(d, k, wishart, sum_qs, Qdiags);
}

//===----------------------------------------------------------------------===//
// 2. BA (as kernels.cpp's ba_objective)
//===----------------------------------------------------------------------===//

static void rodrigues_rotate_point(const double *rot, const double *X,
                                   double *rotatedX) {
  double sqtheta = sqnorm(3, rot);
  if (sqtheta != 0) {
    double theta = std::sqrt(sqtheta);
    double costheta = std::cos(theta);
    double sintheta = std::sin(theta);
    double theta_inverse = 1.0 / theta;
    double w[3] = {rot[0] * theta_inverse, rot[1] * theta_inverse,
                   rot[2] * theta_inverse};
    double w_cross_X[3] = {w[1] * X[2] - w[2] * X[1], w[2] * X[0] - w[0] * X[2],
                           w[0] * X[1] - w[1] * X[0]};
    double tmp = (w[0] * X[0] + w[1] * X[1] + w[2] * X[2]) * (1. - costheta);
    for (int i = 0; i < 3; ++i)
      rotatedX[i] = X[i] * costheta + w_cross_X[i] * sintheta + w[i] * tmp;
  } else {
    rotatedX[0] = X[0] + rot[1] * X[2] - rot[2] * X[1];
    rotatedX[1] = X[1] + rot[2] * X[0] - rot[0] * X[2];
    rotatedX[2] = X[2] + rot[0] * X[1] - rot[1] * X[0];
  }
}

static void project(const double *cam, const double *X, double *proj) {
  double Xcam[3];
  subtract(3, X, &cam[3], Xcam);
  double Xrot[3];
  rodrigues_rotate_point(&cam[0], Xcam, Xrot);
  double u = Xrot[0] / Xrot[2];
  double v = Xrot[1] / Xrot[2];
  double rsq = u * u + v * v;
  double L = 1. + cam[7] * rsq + cam[8] * rsq * rsq;
  proj[0] = cam[6] * L * u;
  proj[1] = cam[6] * L * v;
}

TAD_JVP TAD_VJP_WRT(cams,
                    X) void ba_objective_d(int m, const double *cams,
                                           const double *X, const double *feats,
                                           const int *cam_idx,
                                           const int *pt_idx, double *err) {
  double total = 0;
  for (int i = 0; i < m; ++i) {
    double proj[2];
    project(&cams[BA_NCAMPARAMS * cam_idx[i]], &X[3 * pt_idx[i]], proj);
    double e0 = proj[0] - feats[2 * i];
    double e1 = proj[1] - feats[2 * i + 1];
    total += e0 * e0 + e1 * e1;
  }
  *err = total;
}

//===----------------------------------------------------------------------===//
// 3. LSTM (as kernels.cpp's lstm_objective)
//===----------------------------------------------------------------------===//

static double sigmoid(double x) { return 1. / (1. + std::exp(-x)); }

static void lstm_model(int hsize, const double *weight, const double *bias,
                       double *hidden, double *cell, const double *input) {
  for (int i = 0; i < hsize; ++i) {
    double forget = sigmoid(input[i] * weight[i] + bias[i]);
    double ingate = sigmoid(hidden[i] * weight[hsize + i] + bias[hsize + i]);
    double outgate =
        sigmoid(input[i] * weight[2 * hsize + i] + bias[2 * hsize + i]);
    double change =
        std::tanh(hidden[i] * weight[3 * hsize + i] + bias[3 * hsize + i]);
    cell[i] = cell[i] * forget + ingate * change;
    hidden[i] = outgate * std::tanh(cell[i]);
  }
}

static void lstm_predict(int l, int b, const double *w, const double *w2,
                         double *s, const double *x, double *x2,
                         double *ypred) {
  for (int i = 0; i < b; ++i)
    x2[i] = x[i] * w2[i];
  for (int i = 0; i < l; ++i) {
    lstm_model(b, &w[i * 2 * 4 * b], &w[(i * 2 + 1) * 4 * b], &s[i * 2 * b],
               &s[i * 2 * b + b], x2);
    for (int j = 0; j < b; ++j)
      x2[j] = s[i * 2 * b + j];
  }
  for (int i = 0; i < b; ++i)
    ypred[i] = x2[i] * w2[b + i] + w2[2 * b + i];
}

TAD_JVP TAD_VJP_WRT(main_params, extra_params) void lstm_objective_d(
    int l, int c, int b, const double *main_params, const double *extra_params,
    const double *state0, const double *sequence, double *loss) {
  double total = 0;
  int count = 0;
  double state[2 * LSTM_MAX_L * LSTM_MAX_H];
  for (int i = 0; i < 2 * l * b; ++i)
    state[i] = state0[i];
  double x2[LSTM_MAX_H];
  double ypred[LSTM_MAX_H];
  for (int t = 0; t < c - 1; ++t) {
    lstm_predict(l, b, main_params, extra_params, state, &sequence[t * b], x2,
                 ypred);
    double lse = logsumexp(b, ypred);
    for (int i = 0; i < b; ++i)
      total += sequence[(t + 1) * b + i] * (ypred[i] - lse);
    count += b;
  }
  *loss = -total / count;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif
