//===- bench/templated.cpp - the kernels as ADBench's C++ writes them -----===//
//
// Three of kernels.cpp's objectives (GMM, BA, LSTM) written the way the
// ADBench and GradBench C++ evaluations write them: function templates over
// the scalar type, temporaries in std::vector<T> and std::array, small
// template helpers taking pointers into the parameter arrays, a Wishart
// prior struct (kernels.h), results through a T *err / T *loss. tad
// differentiates the explicit instantiations for double
// (gmm_objective_t<double> becomes gmm_objective_t_double, its gradient
// gmm_objective_t_double_vjp). The objectives compute what kernels.cpp's
// de-templated ones compute, so bench.cpp checks both against the same
// hand-written gradients and times the two routes in one run (issue 15: the
// template and container route must cost at most 1.1x the de-templated route).
//
//===----------------------------------------------------------------------===//
#include "kernels.h"

#include "tad/tad.h"
#include <array>
#include <cmath>
#include <vector>

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

template <typename T> static T arr_max(int n, const T *x) {
  T m = x[0];
  for (int i = 1; i < n; ++i)
    if (m < x[i])
      m = x[i];
  return m;
}

template <typename T> static T logsumexp(int n, const T *x) {
  T mx = arr_max(n, x);
  T semx = 0;
  for (int i = 0; i < n; ++i)
    semx += std::exp(x[i] - mx);
  return std::log(semx) + mx;
}

template <typename T> static T sqnorm(int n, const T *x) {
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}

template <typename T1, typename T2, typename T3>
static void subtract(int d, const T1 *x, const T2 *y, T3 *out) {
  for (int id = 0; id < d; ++id)
    out[id] = x[id] - y[id];
}

//===----------------------------------------------------------------------===//
// 1. GMM (diagonal covariance, as kernels.cpp's gmm_objective)
//===----------------------------------------------------------------------===//

template <typename T>
static void preprocess_qs(int d, int k, const T *icf, T *sum_qs, T *Qdiags) {
  for (int ik = 0; ik < k; ++ik) {
    sum_qs[ik] = 0;
    for (int id = 0; id < d; ++id) {
      T q = icf[ik * d + id];
      sum_qs[ik] += q;
      Qdiags[ik * d + id] = std::exp(q);
    }
  }
}

template <typename T>
static T log_wishart_prior(int d, int k, Wishart wishart, const T *sum_qs,
                           const T *Qdiags) {
  T out = 0;
  for (int ik = 0; ik < k; ++ik) {
    T frobenius = sqnorm(d, &Qdiags[ik * d]);
    out += 0.5 * wishart.gamma * wishart.gamma * frobenius -
           wishart.m * sum_qs[ik];
  }
  return out;
}

template <typename T>
TAD_JVP TAD_VJP_WRT(alphas, means,
                    icf) void gmm_objective_t(int d, int k, int n,
                                              const T *alphas, const T *means,
                                              const T *icf, const double *x,
                                              Wishart wishart, T *err) {
  const double CONSTANT = -n * d * 0.5 * 1.8378770664093453;

  std::vector<T> Qdiags(d * k);
  std::vector<T> sum_qs(k);
  std::vector<T> xcentered(d);
  std::vector<T> main_term(k);

  preprocess_qs(d, k, icf, sum_qs.data(), Qdiags.data());

  T slse = 0;
  for (int ix = 0; ix < n; ++ix) {
    for (int ik = 0; ik < k; ++ik) {
      subtract(d, &x[ix * d], &means[ik * d], xcentered.data());
      T sq = 0;
      for (int id = 0; id < d; ++id) {
        T t = Qdiags[ik * d + id] * xcentered[id];
        sq += t * t;
      }
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sq;
    }
    slse += logsumexp(k, main_term.data());
  }

  T lse_alphas = logsumexp(k, alphas);
  *err = CONSTANT + slse - n * lse_alphas +
         log_wishart_prior(d, k, wishart, sum_qs.data(), Qdiags.data());
}

template void gmm_objective_t<double>(int, int, int, const double *,
                                      const double *, const double *,
                                      const double *, Wishart, double *);

//===----------------------------------------------------------------------===//
// 2. BA (as kernels.cpp's ba_objective)
//===----------------------------------------------------------------------===//

template <typename T>
static void rodrigues_rotate_point(const T *rot, const T *X, T *rotatedX) {
  T sqtheta = sqnorm(3, rot);
  if (sqtheta != 0) {
    T theta = std::sqrt(sqtheta);
    T costheta = std::cos(theta);
    T sintheta = std::sin(theta);
    T theta_inverse = 1.0 / theta;
    std::array<T, 3> w = {rot[0] * theta_inverse, rot[1] * theta_inverse,
                          rot[2] * theta_inverse};
    std::array<T, 3> w_cross_X = {w[1] * X[2] - w[2] * X[1],
                                  w[2] * X[0] - w[0] * X[2],
                                  w[0] * X[1] - w[1] * X[0]};
    T tmp = (w[0] * X[0] + w[1] * X[1] + w[2] * X[2]) * (1. - costheta);
    for (int i = 0; i < 3; ++i)
      rotatedX[i] = X[i] * costheta + w_cross_X[i] * sintheta + w[i] * tmp;
  } else {
    rotatedX[0] = X[0] + rot[1] * X[2] - rot[2] * X[1];
    rotatedX[1] = X[1] + rot[2] * X[0] - rot[0] * X[2];
    rotatedX[2] = X[2] + rot[0] * X[1] - rot[1] * X[0];
  }
}

template <typename T> static void project(const T *cam, const T *X, T *proj) {
  std::array<T, 3> Xcam;
  subtract(3, X, &cam[3], Xcam.data());
  std::array<T, 3> Xrot;
  rodrigues_rotate_point(&cam[0], Xcam.data(), Xrot.data());
  T u = Xrot[0] / Xrot[2];
  T v = Xrot[1] / Xrot[2];
  T rsq = u * u + v * v;
  T L = 1. + cam[7] * rsq + cam[8] * rsq * rsq;
  proj[0] = cam[6] * L * u;
  proj[1] = cam[6] * L * v;
}

template <typename T>
TAD_JVP TAD_VJP_WRT(cams, X) void ba_objective_t(int m, const T *cams,
                                                 const T *X,
                                                 const double *feats,
                                                 const int *cam_idx,
                                                 const int *pt_idx, T *err) {
  T total = 0;
  for (int i = 0; i < m; ++i) {
    std::array<T, 2> proj;
    project(&cams[BA_NCAMPARAMS * cam_idx[i]], &X[3 * pt_idx[i]], proj.data());
    T e0 = proj[0] - feats[2 * i];
    T e1 = proj[1] - feats[2 * i + 1];
    total += e0 * e0 + e1 * e1;
  }
  *err = total;
}

template void ba_objective_t<double>(int, const double *, const double *,
                                     const double *, const int *, const int *,
                                     double *);

//===----------------------------------------------------------------------===//
// 3. LSTM (as kernels.cpp's lstm_objective)
//===----------------------------------------------------------------------===//

template <typename T> static T sigmoid(T x) { return 1. / (1. + std::exp(-x)); }

template <typename T>
static void lstm_model(int hsize, const T *weight, const T *bias, T *hidden,
                       T *cell, const T *input) {
  for (int i = 0; i < hsize; ++i) {
    T forget = sigmoid(input[i] * weight[i] + bias[i]);
    T ingate = sigmoid(hidden[i] * weight[hsize + i] + bias[hsize + i]);
    T outgate = sigmoid(input[i] * weight[2 * hsize + i] + bias[2 * hsize + i]);
    T change =
        std::tanh(hidden[i] * weight[3 * hsize + i] + bias[3 * hsize + i]);
    cell[i] = cell[i] * forget + ingate * change;
    hidden[i] = outgate * std::tanh(cell[i]);
  }
}

template <typename T>
static void lstm_predict(int l, int b, const T *w, const T *w2, T *s,
                         const T *x, T *x2, T *ypred) {
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

template <typename T>
TAD_JVP TAD_VJP_WRT(main_params, extra_params) void lstm_objective_t(
    int l, int c, int b, const T *main_params, const T *extra_params,
    const T *state0, const T *sequence, T *loss) {
  T total = 0;
  int count = 0;
  std::vector<T> state(2 * l * b);
  for (int i = 0; i < 2 * l * b; ++i)
    state[i] = state0[i];
  std::vector<T> x2(b);
  std::vector<T> ypred(b);
  for (int t = 0; t < c - 1; ++t) {
    lstm_predict(l, b, main_params, extra_params, state.data(),
                 &sequence[t * b], x2.data(), ypred.data());
    T lse = logsumexp(b, ypred.data());
    for (int i = 0; i < b; ++i)
      total += sequence[(t + 1) * b + i] * (ypred[i] - lse);
    count += b;
  }
  *loss = -total / count;
}

template void lstm_objective_t<double>(int, int, int, const double *,
                                       const double *, const double *,
                                       const double *, double *);

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif
