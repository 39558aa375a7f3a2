//===- bench/kernels.cpp - benchmark kernels and hand-written gradients ---===//
//
// Four objectives in the style of the ADBench suite, written as plain C++
// and annotated for tad (TAD_JVP, TAD_VJP), followed by the generated code
// (included through TAD_GENERATED) and, for comparison, a reverse-mode
// gradient of each objective written by hand.
//
// The hand-written gradients *set* their output arrays (no accumulation);
// tad's f_vjp / f_grad accumulate into theirs, so the callers zero them.
//
//===----------------------------------------------------------------------===//
#include "kernels.h"

#include "tad/tad.h"
#include <cmath>
#include <cstring>
#include <vector>

//===----------------------------------------------------------------------===//
// 1. GMM: the log-likelihood of N points under a diagonal-covariance
//    Gaussian mixture, plus a Wishart-style prior on the inverse standard
//    deviations, as in ADBench's gmm_objective (there with full covariance).
//
//    alphas[K]   log mixture weights (unnormalized)
//    means[K*D]  component means
//    icf[K*D]    log of the diagonal inverse standard deviations
//    x[N*D]      the data points
//===----------------------------------------------------------------------===//

// The gradient is taken with respect to the parameters only (the data x is
// a constant), as the hand-written one does.
TAD_JVP TAD_VJP_WRT(alphas, means, icf)
double gmm_objective(const double *alphas, const double *means,
                     const double *icf, const double *x, int N, int D, int K) {
  // Diagonals of the inverse standard deviations and their log-determinants.
  double qdiag[GMM_MAX_K * GMM_MAX_D];
  double sum_qs[GMM_MAX_K];
  for (int k = 0; k < K; ++k) {
    sum_qs[k] = 0;
    for (int d = 0; d < D; ++d) {
      qdiag[k * D + d] = std::exp(icf[k * D + d]);
      sum_qs[k] += icf[k * D + d];
    }
  }

  // Per point: log sum_k exp(alpha_k + log det Q_k - 0.5 |Q_k (x - mu_k)|^2).
  double slse = 0;
  for (int i = 0; i < N; ++i) {
    double beta[GMM_MAX_K];
    for (int k = 0; k < K; ++k) {
      double sqnorm = 0;
      for (int d = 0; d < D; ++d) {
        double t = qdiag[k * D + d] * (x[i * D + d] - means[k * D + d]);
        sqnorm += t * t;
      }
      beta[k] = alphas[k] + sum_qs[k] - 0.5 * sqnorm;
    }
    double mx = beta[0];
    for (int k = 1; k < K; ++k)
      if (beta[k] > mx)
        mx = beta[k];
    double se = 0;
    for (int k = 0; k < K; ++k)
      se += std::exp(beta[k] - mx);
    slse += mx + std::log(se);
  }

  // log sum_k exp(alpha_k), the normalization of the weights.
  double amx = alphas[0];
  for (int k = 1; k < K; ++k)
    if (alphas[k] > amx)
      amx = alphas[k];
  double ase = 0;
  for (int k = 0; k < K; ++k)
    ase += std::exp(alphas[k] - amx);
  double lse_alphas = amx + std::log(ase);

  // Wishart-style prior: 0.5 gamma^2 sum |Q_k|_F^2 - m sum log det Q_k.
  const double gamma = 1.0;
  const double wm = 1.0;
  double frob = 0;
  double logdets = 0;
  for (int k = 0; k < K; ++k) {
    for (int d = 0; d < D; ++d)
      frob += qdiag[k * D + d] * qdiag[k * D + d];
    logdets += sum_qs[k];
  }
  double prior = 0.5 * gamma * gamma * frob - wm * logdets;

  const double log_2pi = 1.8378770664093453;
  return -0.5 * N * D * log_2pi + slse - N * lse_alphas + prior;
}

//===----------------------------------------------------------------------===//
// 2. Bundle adjustment: sum of squared reprojection residuals.
//
//    cams[C*9]   per camera: angle-axis rotation (3), center (3), focal
//                length (1), radial distortion k1, k2
//    X[P*3]      3-D points
//    feats[M*2]  measured features
//    cam_idx[M], pt_idx[M]  the camera and point of each observation
//===----------------------------------------------------------------------===//

TAD_JVP TAD_VJP double ba_objective(const double *cams, const double *X,
                                    const double *feats, const int *cam_idx,
                                    const int *pt_idx, int M) {
  double err = 0;
  for (int i = 0; i < M; ++i) {
    int c = BA_NCAMPARAMS * cam_idx[i];
    int p = 3 * pt_idx[i];
    // Point relative to the camera center.
    double p0 = X[p] - cams[c + 3];
    double p1 = X[p + 1] - cams[c + 4];
    double p2 = X[p + 2] - cams[c + 5];
    // Rodrigues rotation by the angle-axis vector r.
    double r0 = cams[c], r1 = cams[c + 1], r2 = cams[c + 2];
    double sqtheta = r0 * r0 + r1 * r1 + r2 * r2;
    double q0, q1, q2;
    if (sqtheta != 0) {
      double theta = std::sqrt(sqtheta);
      double costheta = std::cos(theta);
      double sintheta = std::sin(theta);
      double theta_inv = 1.0 / theta;
      double w0 = r0 * theta_inv, w1 = r1 * theta_inv, w2 = r2 * theta_inv;
      double wx0 = w1 * p2 - w2 * p1;
      double wx1 = w2 * p0 - w0 * p2;
      double wx2 = w0 * p1 - w1 * p0;
      double tmp = (w0 * p0 + w1 * p1 + w2 * p2) * (1 - costheta);
      q0 = p0 * costheta + wx0 * sintheta + w0 * tmp;
      q1 = p1 * costheta + wx1 * sintheta + w1 * tmp;
      q2 = p2 * costheta + wx2 * sintheta + w2 * tmp;
    } else {
      q0 = p0 + r1 * p2 - r2 * p1;
      q1 = p1 + r2 * p0 - r0 * p2;
      q2 = p2 + r0 * p1 - r1 * p0;
    }
    // Perspective division and radial distortion.
    double u = q0 / q2;
    double v = q1 / q2;
    double rsq = u * u + v * v;
    double L = 1 + cams[c + 7] * rsq + cams[c + 8] * rsq * rsq;
    double f = cams[c + 6];
    double e0 = f * L * u - feats[2 * i];
    double e1 = f * L * v - feats[2 * i + 1];
    err += e0 * e0 + e1 * e1;
  }
  return err;
}

//===----------------------------------------------------------------------===//
// 3. LSTM: ADBench's lstm_objective. L layers of an LSTM cell with
//    element-wise gate weights, run over a sequence of T vectors of size H;
//    at each step the prediction of the next vector is scored by a
//    log-softmax cross-entropy.
//
//    main_params[L*8*H]  per layer: 4 gate weight vectors, 4 bias vectors
//                        (forget, input, output, change)
//    extra_params[3*H]   input weight, output weight, output bias
//    state0[L*2*H]       per layer: initial hidden, initial cell
//    seq[T*H]            the sequence
//===----------------------------------------------------------------------===//

static double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TAD_JVP TAD_VJP double lstm_objective(const double *main_params,
                                      const double *extra_params,
                                      const double *state0, const double *seq,
                                      int L, int H, int T) {
  double hidden[LSTM_MAX_L * LSTM_MAX_H];
  double cell[LSTM_MAX_L * LSTM_MAX_H];
  for (int l = 0; l < L; ++l)
    for (int j = 0; j < H; ++j) {
      hidden[l * H + j] = state0[2 * l * H + j];
      cell[l * H + j] = state0[2 * l * H + H + j];
    }

  double total = 0;
  for (int t = 0; t < T - 1; ++t) {
    double xp[LSTM_MAX_H];
    for (int j = 0; j < H; ++j)
      xp[j] = seq[t * H + j] * extra_params[j];
    for (int l = 0; l < L; ++l) {
      int w = 8 * l * H; // weights of layer l; its biases start at w + 4 H
      int b = w + 4 * H;
      for (int j = 0; j < H; ++j) {
        int s = l * H + j;
        double forget =
            sigmoid(xp[j] * main_params[w + j] + main_params[b + j]);
        double ingate = sigmoid(hidden[s] * main_params[w + H + j] +
                                main_params[b + H + j]);
        double outgate = sigmoid(xp[j] * main_params[w + 2 * H + j] +
                                 main_params[b + 2 * H + j]);
        double change = std::tanh(hidden[s] * main_params[w + 3 * H + j] +
                                  main_params[b + 3 * H + j]);
        cell[s] = cell[s] * forget + ingate * change;
        hidden[s] = outgate * std::tanh(cell[s]);
        xp[j] = hidden[s];
      }
    }
    // Prediction, log-softmax, cross-entropy against the next vector.
    double ypred[LSTM_MAX_H];
    for (int j = 0; j < H; ++j)
      ypred[j] = xp[j] * extra_params[H + j] + extra_params[2 * H + j];
    double mx = ypred[0];
    for (int j = 1; j < H; ++j)
      if (ypred[j] > mx)
        mx = ypred[j];
    double se = 0;
    for (int j = 0; j < H; ++j)
      se += std::exp(ypred[j] - mx);
    double lse = mx + std::log(se);
    for (int j = 0; j < H; ++j)
      total += seq[(t + 1) * H + j] * (ypred[j] - lse);
  }
  return -total / ((T - 1) * H);
}

//===----------------------------------------------------------------------===//
// 4. Stencil: S sweeps of a 5-point Jacobi smoothing of an n x n grid
//    (boundary values held fixed), ping-ponging between the in-out grid u
//    and the scratch grid tmp; then the sum of squares of the result.
//    S is even, so the result ends in u.
//===----------------------------------------------------------------------===//

static void jacobi_sweep(const double *a, double *b, int n) {
  for (int j = 0; j < n; ++j) {
    b[j] = a[j];
    b[(n - 1) * n + j] = a[(n - 1) * n + j];
  }
  for (int i = 1; i < n - 1; ++i) {
    b[i * n] = a[i * n];
    for (int j = 1; j < n - 1; ++j)
      b[i * n + j] =
          0.2 * (a[i * n + j] + a[(i - 1) * n + j] + a[(i + 1) * n + j] +
                 a[i * n + j - 1] + a[i * n + j + 1]);
    b[i * n + n - 1] = a[i * n + n - 1];
  }
}

TAD_JVP TAD_VJP double stencil_objective(double *u, double *tmp, int n, int S) {
  for (int s = 0; s < S; s += 2) {
    jacobi_sweep(u, tmp, n);
    jacobi_sweep(tmp, u, n);
  }
  double ss = 0;
  for (int i = 0; i < n * n; ++i)
    ss += u[i] * u[i];
  return ss;
}

//===----------------------------------------------------------------------===//
// Style variants: the same objectives written differently, to show how the
// source style changes what tad's reverse mode stores (see README.md).
//===----------------------------------------------------------------------===//

// BA with the per-observation work in a function of scalars: tad's VJP calls
// reproj_sq's generated VJP, which recomputes the observation's forward pass
// in registers instead of taping it.
static double reproj_sq(double r0, double r1, double r2, double c0, double c1,
                        double c2, double f, double k1, double k2, double x0,
                        double x1, double x2, double m0, double m1) {
  double p0 = x0 - c0, p1 = x1 - c1, p2 = x2 - c2;
  double sqtheta = r0 * r0 + r1 * r1 + r2 * r2;
  double q0, q1, q2;
  if (sqtheta != 0) {
    double theta = std::sqrt(sqtheta);
    double costheta = std::cos(theta);
    double sintheta = std::sin(theta);
    double theta_inv = 1.0 / theta;
    double w0 = r0 * theta_inv, w1 = r1 * theta_inv, w2 = r2 * theta_inv;
    double wx0 = w1 * p2 - w2 * p1;
    double wx1 = w2 * p0 - w0 * p2;
    double wx2 = w0 * p1 - w1 * p0;
    double tmp = (w0 * p0 + w1 * p1 + w2 * p2) * (1 - costheta);
    q0 = p0 * costheta + wx0 * sintheta + w0 * tmp;
    q1 = p1 * costheta + wx1 * sintheta + w1 * tmp;
    q2 = p2 * costheta + wx2 * sintheta + w2 * tmp;
  } else {
    q0 = p0 + r1 * p2 - r2 * p1;
    q1 = p1 + r2 * p0 - r0 * p2;
    q2 = p2 + r0 * p1 - r1 * p0;
  }
  double u = q0 / q2;
  double v = q1 / q2;
  double rsq = u * u + v * v;
  double L = 1 + k1 * rsq + k2 * rsq * rsq;
  double e0 = f * L * u - m0;
  double e1 = f * L * v - m1;
  return e0 * e0 + e1 * e1;
}

TAD_JVP TAD_VJP double ba_objective_helper(const double *cams, const double *X,
                                           const double *feats,
                                           const int *cam_idx,
                                           const int *pt_idx, int M) {
  double err = 0;
  for (int i = 0; i < M; ++i) {
    int c = BA_NCAMPARAMS * cam_idx[i];
    int p = 3 * pt_idx[i];
    err +=
        reproj_sq(cams[c], cams[c + 1], cams[c + 2], cams[c + 3], cams[c + 4],
                  cams[c + 5], cams[c + 6], cams[c + 7], cams[c + 8], X[p],
                  X[p + 1], X[p + 2], feats[2 * i], feats[2 * i + 1]);
  }
  return err;
}

// The stencil with the two sweeps written out in the loop instead of calling
// jacobi_sweep (which tad inlines).
TAD_JVP TAD_VJP double stencil_objective_inline(double *u, double *tmp, int n,
                                                int S) {
  for (int s = 0; s < S; s += 2) {
    for (int j = 0; j < n; ++j) {
      tmp[j] = u[j];
      tmp[(n - 1) * n + j] = u[(n - 1) * n + j];
    }
    for (int i = 1; i < n - 1; ++i) {
      tmp[i * n] = u[i * n];
      for (int j = 1; j < n - 1; ++j)
        tmp[i * n + j] =
            0.2 * (u[i * n + j] + u[(i - 1) * n + j] + u[(i + 1) * n + j] +
                   u[i * n + j - 1] + u[i * n + j + 1]);
      tmp[i * n + n - 1] = u[i * n + n - 1];
    }
    for (int j = 0; j < n; ++j) {
      u[j] = tmp[j];
      u[(n - 1) * n + j] = tmp[(n - 1) * n + j];
    }
    for (int i = 1; i < n - 1; ++i) {
      u[i * n] = tmp[i * n];
      for (int j = 1; j < n - 1; ++j)
        u[i * n + j] = 0.2 * (tmp[i * n + j] + tmp[(i - 1) * n + j] +
                              tmp[(i + 1) * n + j] + tmp[i * n + j - 1] +
                              tmp[i * n + j + 1]);
      u[i * n + n - 1] = tmp[i * n + n - 1];
    }
  }
  double ss = 0;
  for (int i = 0; i < n * n; ++i)
    ss += u[i] * u[i];
  return ss;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif

//===----------------------------------------------------------------------===//
// Hand-written reverse-mode gradients.
//===----------------------------------------------------------------------===//

// GMM. Per point, the gradient of log-sum-exp_k beta_k is the softmax of
// beta; with t = q (x - mu):  d beta_k / d mu = q t,  and through
// q = exp(icf),  d beta_k / d icf = 1 - t^2.  Nothing is stored per point:
// the second pass over (k, d) recomputes t, which is cheaper than storing it.
double gmm_objective_hand(const double *alphas, const double *means,
                          const double *icf, const double *x, int N, int D,
                          int K, double *g_alphas, double *g_means,
                          double *g_icf) {
  double qdiag[GMM_MAX_K * GMM_MAX_D];
  double sum_qs[GMM_MAX_K];
  for (int k = 0; k < K; ++k) {
    sum_qs[k] = 0;
    for (int d = 0; d < D; ++d) {
      qdiag[k * D + d] = std::exp(icf[k * D + d]);
      sum_qs[k] += icf[k * D + d];
    }
  }
  double wsum[GMM_MAX_K]; // sum over points of the responsibilities
  for (int k = 0; k < K; ++k)
    wsum[k] = 0;
  for (int kd = 0; kd < K * D; ++kd) {
    g_means[kd] = 0;
    g_icf[kd] = 0;
  }

  double slse = 0;
  for (int i = 0; i < N; ++i) {
    const double *xi = x + i * D;
    double beta[GMM_MAX_K];
    for (int k = 0; k < K; ++k) {
      double sqnorm = 0;
      for (int d = 0; d < D; ++d) {
        double t = qdiag[k * D + d] * (xi[d] - means[k * D + d]);
        sqnorm += t * t;
      }
      beta[k] = alphas[k] + sum_qs[k] - 0.5 * sqnorm;
    }
    double mx = beta[0];
    for (int k = 1; k < K; ++k)
      mx = beta[k] > mx ? beta[k] : mx;
    double se = 0;
    for (int k = 0; k < K; ++k) {
      beta[k] = std::exp(beta[k] - mx);
      se += beta[k];
    }
    slse += mx + std::log(se);
    double inv_se = 1.0 / se;
    for (int k = 0; k < K; ++k) {
      double w = beta[k] * inv_se;
      wsum[k] += w;
      for (int d = 0; d < D; ++d) {
        double q = qdiag[k * D + d];
        double t = q * (xi[d] - means[k * D + d]);
        g_means[k * D + d] += w * q * t;
        g_icf[k * D + d] -= w * t * t;
      }
    }
  }

  double amx = alphas[0];
  for (int k = 1; k < K; ++k)
    amx = alphas[k] > amx ? alphas[k] : amx;
  double ase = 0;
  for (int k = 0; k < K; ++k)
    ase += std::exp(alphas[k] - amx);
  double lse_alphas = amx + std::log(ase);
  for (int k = 0; k < K; ++k)
    g_alphas[k] = wsum[k] - N * std::exp(alphas[k] - lse_alphas);

  const double gamma = 1.0;
  const double wm = 1.0;
  double frob = 0, logdets = 0;
  for (int k = 0; k < K; ++k) {
    for (int d = 0; d < D; ++d) {
      double q = qdiag[k * D + d];
      frob += q * q;
      g_icf[k * D + d] += wsum[k] + gamma * gamma * q * q - wm;
    }
    logdets += sum_qs[k];
  }
  const double log_2pi = 1.8378770664093453;
  return -0.5 * N * D * log_2pi + slse - N * lse_alphas +
         (0.5 * gamma * gamma * frob - wm * logdets);
}

// BA. Per observation, the forward pass is recomputed in registers and
// reversed at once: no storage beyond the observation.
double ba_objective_hand(const double *cams, const double *X,
                         const double *feats, const int *cam_idx,
                         const int *pt_idx, int M, int C, int P, double *g_cams,
                         double *g_X) {
  std::memset(g_cams, 0, sizeof(double) * BA_NCAMPARAMS * C);
  std::memset(g_X, 0, sizeof(double) * 3 * P);
  double err = 0;
  for (int i = 0; i < M; ++i) {
    const double *cam = cams + BA_NCAMPARAMS * cam_idx[i];
    const double *pt = X + 3 * pt_idx[i];
    double *gcam = g_cams + BA_NCAMPARAMS * cam_idx[i];
    double *gpt = g_X + 3 * pt_idx[i];
    const double p0 = pt[0] - cam[3], p1 = pt[1] - cam[4], p2 = pt[2] - cam[5];
    const double r0 = cam[0], r1 = cam[1], r2 = cam[2];
    const double sqtheta = r0 * r0 + r1 * r1 + r2 * r2;
    double q0, q1, q2;
    // Values of the rotation kept for the reverse pass.
    double theta = 0, ct = 0, st = 0, inv = 0, w0 = 0, w1 = 0, w2 = 0;
    double wx0 = 0, wx1 = 0, wx2 = 0, wdp = 0, omc = 0, tmp = 0;
    const bool rot = sqtheta != 0;
    if (rot) {
      theta = std::sqrt(sqtheta);
      ct = std::cos(theta);
      st = std::sin(theta);
      inv = 1.0 / theta;
      w0 = r0 * inv, w1 = r1 * inv, w2 = r2 * inv;
      wx0 = w1 * p2 - w2 * p1;
      wx1 = w2 * p0 - w0 * p2;
      wx2 = w0 * p1 - w1 * p0;
      wdp = w0 * p0 + w1 * p1 + w2 * p2;
      omc = 1 - ct;
      tmp = wdp * omc;
      q0 = p0 * ct + wx0 * st + w0 * tmp;
      q1 = p1 * ct + wx1 * st + w1 * tmp;
      q2 = p2 * ct + wx2 * st + w2 * tmp;
    } else {
      q0 = p0 + r1 * p2 - r2 * p1;
      q1 = p1 + r2 * p0 - r0 * p2;
      q2 = p2 + r0 * p1 - r1 * p0;
    }
    const double iq2 = 1.0 / q2;
    const double u = q0 * iq2, v = q1 * iq2;
    const double rsq = u * u + v * v;
    const double k1 = cam[7], k2 = cam[8], f = cam[6];
    const double L = 1 + k1 * rsq + k2 * rsq * rsq;
    const double fL = f * L;
    const double e0 = fL * u - feats[2 * i];
    const double e1 = fL * v - feats[2 * i + 1];
    err += e0 * e0 + e1 * e1;

    // Reverse.
    const double ge0 = 2 * e0, ge1 = 2 * e1;
    const double s = ge0 * u + ge1 * v;
    const double gL = f * s;
    gcam[6] += L * s;
    gcam[7] += gL * rsq;
    gcam[8] += gL * rsq * rsq;
    const double grsq2 = 2 * gL * (k1 + 2 * k2 * rsq);
    const double gu = fL * ge0 + u * grsq2;
    const double gv = fL * ge1 + v * grsq2;
    const double gq0 = gu * iq2, gq1 = gv * iq2;
    const double gq2 = -(gu * u + gv * v) * iq2;
    double gp0, gp1, gp2, gr0, gr1, gr2;
    if (rot) {
      const double wg = w0 * gq0 + w1 * gq1 + w2 * gq2;
      // q = p ct + (w x p) st + w (w.p)(1 - ct)
      gp0 = ct * gq0 + st * (gq1 * w2 - gq2 * w1) + omc * wg * w0;
      gp1 = ct * gq1 + st * (gq2 * w0 - gq0 * w2) + omc * wg * w1;
      gp2 = ct * gq2 + st * (gq0 * w1 - gq1 * w0) + omc * wg * w2;
      const double gct = gq0 * p0 + gq1 * p1 + gq2 * p2 - wdp * wg;
      const double gst = gq0 * wx0 + gq1 * wx1 + gq2 * wx2;
      const double gw0 = st * (p1 * gq2 - p2 * gq1) + tmp * gq0 + omc * wg * p0;
      const double gw1 = st * (p2 * gq0 - p0 * gq2) + tmp * gq1 + omc * wg * p1;
      const double gw2 = st * (p0 * gq1 - p1 * gq0) + tmp * gq2 + omc * wg * p2;
      // w = r / theta, theta = |r|
      const double ginv = gw0 * r0 + gw1 * r1 + gw2 * r2;
      const double gtheta = -st * gct + ct * gst - inv * inv * ginv;
      const double gth_r = gtheta * inv;
      gr0 = inv * gw0 + gth_r * r0;
      gr1 = inv * gw1 + gth_r * r1;
      gr2 = inv * gw2 + gth_r * r2;
    } else {
      // q = p + r x p
      gp0 = gq0 + (gq1 * r2 - gq2 * r1);
      gp1 = gq1 + (gq2 * r0 - gq0 * r2);
      gp2 = gq2 + (gq0 * r1 - gq1 * r0);
      gr0 = p1 * gq2 - p2 * gq1;
      gr1 = p2 * gq0 - p0 * gq2;
      gr2 = p0 * gq1 - p1 * gq0;
    }
    gcam[0] += gr0;
    gcam[1] += gr1;
    gcam[2] += gr2;
    gcam[3] -= gp0;
    gcam[4] -= gp1;
    gcam[5] -= gp2;
    gpt[0] += gp0;
    gpt[1] += gp1;
    gpt[2] += gp2;
  }
  return err;
}

// LSTM. The forward pass stores, per step, layer and unit, the eight values
// the reverse pass needs (gate outputs, old state, input, tanh of the new
// cell), and per step the softmax of the prediction. The cell is
// element-wise, so the reverse pass of a step runs unit by unit.
namespace {
enum { kIn, kHid, kCell, kF, kI, kO, kC, kTc, kSlots };
} // namespace

double lstm_objective_hand(const double *main_params,
                           const double *extra_params, const double *state0,
                           const double *seq, int L, int H, int T,
                           double *g_main, double *g_extra) {
  const int steps = T - 1;
  std::vector<double> tape(static_cast<size_t>(steps) * L * H * kSlots);
  std::vector<double> probs(static_cast<size_t>(steps) * H);
  std::vector<double> xout(static_cast<size_t>(steps) * H);
  double hidden[LSTM_MAX_L * LSTM_MAX_H], cell[LSTM_MAX_L * LSTM_MAX_H];
  for (int l = 0; l < L; ++l)
    for (int j = 0; j < H; ++j) {
      hidden[l * H + j] = state0[2 * l * H + j];
      cell[l * H + j] = state0[2 * l * H + H + j];
    }
  const double *iw = extra_params, *ow = extra_params + H,
               *ob = extra_params + 2 * H;

  double total = 0;
  for (int t = 0; t < steps; ++t) {
    double xp[LSTM_MAX_H];
    for (int j = 0; j < H; ++j)
      xp[j] = seq[t * H + j] * iw[j];
    for (int l = 0; l < L; ++l) {
      const double *w = main_params + 8 * l * H, *b = w + 4 * H;
      double *hl = hidden + l * H, *cl = cell + l * H;
      double *tp = tape.data() + (static_cast<size_t>(t) * L + l) * H * kSlots;
      for (int j = 0; j < H; ++j) {
        double fg = 1.0 / (1.0 + std::exp(-(xp[j] * w[j] + b[j])));
        double ig = 1.0 / (1.0 + std::exp(-(hl[j] * w[H + j] + b[H + j])));
        double og =
            1.0 / (1.0 + std::exp(-(xp[j] * w[2 * H + j] + b[2 * H + j])));
        double ch = std::tanh(hl[j] * w[3 * H + j] + b[3 * H + j]);
        double c = cl[j] * fg + ig * ch;
        double tc = std::tanh(c);
        double *e = tp + j * kSlots;
        e[kIn] = xp[j];
        e[kHid] = hl[j];
        e[kCell] = cl[j];
        e[kF] = fg;
        e[kI] = ig;
        e[kO] = og;
        e[kC] = ch;
        e[kTc] = tc;
        cl[j] = c;
        hl[j] = og * tc;
        xp[j] = hl[j];
      }
    }
    double *pr = probs.data() + t * H;
    double mx = -HUGE_VAL;
    for (int j = 0; j < H; ++j) {
      xout[t * H + j] = xp[j];
      pr[j] = xp[j] * ow[j] + ob[j];
      mx = pr[j] > mx ? pr[j] : mx;
    }
    double se = 0;
    for (int j = 0; j < H; ++j)
      se += std::exp(pr[j] - mx);
    double lse = mx + std::log(se);
    const double *y = seq + (t + 1) * H;
    for (int j = 0; j < H; ++j) {
      total += y[j] * (pr[j] - lse);
      pr[j] = std::exp(pr[j] - lse);
    }
  }

  // Reverse.
  for (int i = 0; i < 8 * L * H; ++i)
    g_main[i] = 0;
  for (int i = 0; i < 3 * H; ++i)
    g_extra[i] = 0;
  double *g_iw = g_extra, *g_ow = g_extra + H, *g_ob = g_extra + 2 * H;
  double gh[LSTM_MAX_L * LSTM_MAX_H], gc[LSTM_MAX_L * LSTM_MAX_H];
  for (int s = 0; s < L * H; ++s)
    gh[s] = gc[s] = 0;
  const double gtotal = -1.0 / (static_cast<double>(steps) * H);
  for (int t = steps - 1; t >= 0; --t) {
    const double *y = seq + (t + 1) * H;
    const double *pr = probs.data() + t * H;
    double ysum = 0;
    for (int j = 0; j < H; ++j)
      ysum += y[j];
    double gx[LSTM_MAX_H];
    for (int j = 0; j < H; ++j) {
      double gy = gtotal * (y[j] - pr[j] * ysum);
      g_ow[j] += gy * xout[t * H + j];
      g_ob[j] += gy;
      gx[j] = gy * ow[j];
    }
    for (int l = L - 1; l >= 0; --l) {
      const double *w = main_params + 8 * l * H;
      double *gw = g_main + 8 * l * H, *gb = gw + 4 * H;
      double *ghl = gh + l * H, *gcl = gc + l * H;
      const double *tp =
          tape.data() + (static_cast<size_t>(t) * L + l) * H * kSlots;
      for (int j = 0; j < H; ++j) {
        const double *e = tp + j * kSlots;
        double ghj = ghl[j] + gx[j];
        double g_og = ghj * e[kTc];
        double gcj = gcl[j] + ghj * e[kO] * (1 - e[kTc] * e[kTc]);
        double zf = gcj * e[kCell] * e[kF] * (1 - e[kF]);
        double zi = gcj * e[kC] * e[kI] * (1 - e[kI]);
        double zo = g_og * e[kO] * (1 - e[kO]);
        double zc = gcj * e[kI] * (1 - e[kC] * e[kC]);
        gw[j] += zf * e[kIn];
        gb[j] += zf;
        gw[H + j] += zi * e[kHid];
        gb[H + j] += zi;
        gw[2 * H + j] += zo * e[kIn];
        gb[2 * H + j] += zo;
        gw[3 * H + j] += zc * e[kHid];
        gb[3 * H + j] += zc;
        gcl[j] = gcj * e[kF];
        ghl[j] = zi * w[H + j] + zc * w[3 * H + j];
        gx[j] = zf * w[j] + zo * w[2 * H + j];
      }
    }
    for (int j = 0; j < H; ++j)
      g_iw[j] += gx[j] * seq[t * H + j];
  }
  return -total / (static_cast<double>(steps) * H);
}

// Stencil. The sweep is linear: b = A a with A symmetric on the interior
// rows and the identity on the boundary. Its transpose is written in gather
// form (each cotangent of a assigned once, no scatter), so it vectorizes
// like the sweep itself; it consumes (zeroes the boundary of) gb.
static void jacobi_sweep_transpose(double *gb, double *ga, int n) {
  // Boundary cells of b are copies: their cotangents go straight to a.
  for (int j = 0; j < n; ++j) {
    ga[j] = gb[j];
    ga[(n - 1) * n + j] = gb[(n - 1) * n + j];
    gb[j] = gb[(n - 1) * n + j] = 0;
  }
  for (int i = 1; i < n - 1; ++i) {
    ga[i * n] = gb[i * n];
    ga[i * n + n - 1] = gb[i * n + n - 1];
    gb[i * n] = gb[i * n + n - 1] = 0;
  }
  // With gb zero on the boundary, a's interior receives 0.2 times the sum of
  // gb over its five-point neighbourhood, and a's boundary the 0.2 gb of its
  // one interior neighbour (none at the corners).
  for (int i = 1; i < n - 1; ++i)
    for (int j = 1; j < n - 1; ++j)
      ga[i * n + j] =
          0.2 * (gb[i * n + j] + gb[(i - 1) * n + j] + gb[(i + 1) * n + j] +
                 gb[i * n + j - 1] + gb[i * n + j + 1]);
  for (int k = 1; k < n - 1; ++k) {
    ga[k] += 0.2 * gb[n + k];
    ga[(n - 1) * n + k] += 0.2 * gb[(n - 2) * n + k];
    ga[k * n] += 0.2 * gb[k * n + 1];
    ga[k * n + n - 1] += 0.2 * gb[k * n + n - 2];
  }
}

double stencil_objective_hand(double *u, double *tmp, int n, int S, double *g_u,
                              double *g_tmp) {
  for (int s = 0; s < S; s += 2) {
    jacobi_sweep(u, tmp, n);
    jacobi_sweep(tmp, u, n);
  }
  double ss = 0;
  for (int i = 0; i < n * n; ++i) {
    ss += u[i] * u[i];
    g_u[i] = 2 * u[i];
  }
  for (int s = 0; s < S; s += 2) {
    jacobi_sweep_transpose(g_u, g_tmp, n);
    jacobi_sweep_transpose(g_tmp, g_u, n);
  }
  return ss;
}
