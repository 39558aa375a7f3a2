//===- bench/kernels.h - the benchmark kernels' interface -------*- C++ -*-===//
//
// Sizes of the kernels' fixed local arrays, and declarations of the four
// objectives, of the functions tad generates for them (signatures by tad's
// conventions, see ../README.md) and of the hand-written gradients, all
// defined in kernels.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_BENCH_KERNELS_H
#define TAD_BENCH_KERNELS_H

#define GMM_MAX_K 16
#define GMM_MAX_D 16
#define BA_NCAMPARAMS 9
#define LSTM_MAX_L 2
#define LSTM_MAX_H 64

// The Wishart prior of templated.cpp's GMM (ADBench's convention).
struct Wishart {
  double gamma;
  int m;
};

// tad parses kernels.cpp and templated.cpp itself: it needs only the
// definitions above.
#ifndef __TAD__

// GMM ------------------------------------------------------------------------
double gmm_objective(const double *alphas, const double *means,
                     const double *icf, const double *x, int N, int D, int K);
double gmm_objective_jvp(const double *alphas, const double *d_alphas,
                         const double *means, const double *d_means,
                         const double *icf, const double *d_icf,
                         const double *x, const double *d_x, int N, int D,
                         int K, double *d_return);
double gmm_objective_grad(const double *alphas, const double *means,
                          const double *icf, const double *x, int N, int D,
                          int K, double *ct_alphas, double *ct_means,
                          double *ct_icf);
/// Sets g_alphas[K], g_means[K*D], g_icf[K*D]; returns the objective.
double gmm_objective_hand(const double *alphas, const double *means,
                          const double *icf, const double *x, int N, int D,
                          int K, double *g_alphas, double *g_means,
                          double *g_icf);

// BA -------------------------------------------------------------------------
double ba_objective(const double *cams, const double *X, const double *feats,
                    const int *cam_idx, const int *pt_idx, int M);
double ba_objective_jvp(const double *cams, const double *d_cams,
                        const double *X, const double *d_X, const double *feats,
                        const double *d_feats, const int *cam_idx,
                        const int *pt_idx, int M, double *d_return);
double ba_objective_grad(const double *cams, const double *X,
                         const double *feats, const int *cam_idx,
                         const int *pt_idx, int M, double *ct_cams,
                         double *ct_X, double *ct_feats);
/// Sets g_cams[C*9] and g_X[P*3] (C, P: the camera and point counts);
/// returns the objective.
double ba_objective_hand(const double *cams, const double *X,
                         const double *feats, const int *cam_idx,
                         const int *pt_idx, int M, int C, int P, double *g_cams,
                         double *g_X);

// LSTM -----------------------------------------------------------------------
double lstm_objective(const double *main_params, const double *extra_params,
                      const double *state0, const double *seq, int L, int H,
                      int T);
double lstm_objective_jvp(const double *main_params,
                          const double *d_main_params,
                          const double *extra_params,
                          const double *d_extra_params, const double *state0,
                          const double *d_state0, const double *seq,
                          const double *d_seq, int L, int H, int T,
                          double *d_return);
double lstm_objective_grad(const double *main_params,
                           const double *extra_params, const double *state0,
                           const double *seq, int L, int H, int T,
                           double *ct_main_params, double *ct_extra_params,
                           double *ct_state0, double *ct_seq);
/// Sets g_main[L*8*H] and g_extra[3*H]; returns the objective.
double lstm_objective_hand(const double *main_params,
                           const double *extra_params, const double *state0,
                           const double *seq, int L, int H, int T,
                           double *g_main, double *g_extra);

// Stencil --------------------------------------------------------------------
double stencil_objective(double *u, double *tmp, int n, int S);
double stencil_objective_jvp(double *u, double *d_u, double *tmp, double *d_tmp,
                             int n, int S, double *d_return);
double stencil_objective_vjp(double *u, double *tmp, int n, int S,
                             double ct_return, double *ct_u, double *ct_tmp);
/// Runs the sweeps on u (as stencil_objective does) and sets g_u[n*n] to the
/// gradient with respect to u's input values; g_tmp[n*n] is scratch.
double stencil_objective_hand(double *u, double *tmp, int n, int S, double *g_u,
                              double *g_tmp);

// Style variants (same objectives) --------------------------------------------
double ba_objective_helper(const double *cams, const double *X,
                           const double *feats, const int *cam_idx,
                           const int *pt_idx, int M);
double ba_objective_helper_jvp(const double *cams, const double *d_cams,
                               const double *X, const double *d_X,
                               const double *feats, const double *d_feats,
                               const int *cam_idx, const int *pt_idx, int M,
                               double *d_return);
double ba_objective_helper_grad(const double *cams, const double *X,
                                const double *feats, const int *cam_idx,
                                const int *pt_idx, int M, double *ct_cams,
                                double *ct_X, double *ct_feats);
double stencil_objective_inline(double *u, double *tmp, int n, int S);
double stencil_objective_inline_jvp(double *u, double *d_u, double *tmp,
                                    double *d_tmp, int n, int S,
                                    double *d_return);
double stencil_objective_inline_vjp(double *u, double *tmp, int n, int S,
                                    double ct_return, double *ct_u,
                                    double *ct_tmp);

// The template and container route (templated.cpp) ----------------------------
// The templates, instantiated there for double, and tad's derivatives of
// the instantiations (a template's derivatives are named after its
// template arguments). Results come back through the last pointer; the
// VJPs take the output's cotangent through ct_err / ct_loss.
template <typename T>
void gmm_objective_t(int d, int k, int n, const T *alphas, const T *means,
                     const T *icf, const double *x, Wishart wishart, T *err);
void gmm_objective_t_double_jvp(int d, int k, int n, const double *alphas,
                                const double *d_alphas, const double *means,
                                const double *d_means, const double *icf,
                                const double *d_icf, const double *x,
                                const double *d_x, Wishart wishart,
                                Wishart d_wishart, double *err, double *d_err);
void gmm_objective_t_double_vjp(int d, int k, int n, const double *alphas,
                                const double *means, const double *icf,
                                const double *x, Wishart wishart, double *err,
                                double *ct_alphas, double *ct_means,
                                double *ct_icf, double *ct_err);
template <typename T>
void ba_objective_t(int m, const T *cams, const T *X, const double *feats,
                    const int *cam_idx, const int *pt_idx, T *err);
void ba_objective_t_double_jvp(int m, const double *cams, const double *d_cams,
                               const double *X, const double *d_X,
                               const double *feats, const double *d_feats,
                               const int *cam_idx, const int *pt_idx,
                               double *err, double *d_err);
void ba_objective_t_double_vjp(int m, const double *cams, const double *X,
                               const double *feats, const int *cam_idx,
                               const int *pt_idx, double *err, double *ct_cams,
                               double *ct_X, double *ct_err);
template <typename T>
void lstm_objective_t(int l, int c, int b, const T *main_params,
                      const T *extra_params, const T *state0, const T *sequence,
                      T *loss);
void lstm_objective_t_double_jvp(
    int l, int c, int b, const double *main_params, const double *d_main_params,
    const double *extra_params, const double *d_extra_params,
    const double *state0, const double *d_state0, const double *sequence,
    const double *d_sequence, double *loss, double *d_loss);
void lstm_objective_t_double_vjp(int l, int c, int b, const double *main_params,
                                 const double *extra_params,
                                 const double *state0, const double *sequence,
                                 double *loss, double *ct_main_params,
                                 double *ct_extra_params, double *ct_loss);

// detemplated.cpp's copies: the same signatures.
void gmm_objective_d(int d, int k, int n, const double *alphas,
                     const double *means, const double *icf, const double *x,
                     Wishart wishart, double *err);
void gmm_objective_d_jvp(int d, int k, int n, const double *alphas,
                         const double *d_alphas, const double *means,
                         const double *d_means, const double *icf,
                         const double *d_icf, const double *x,
                         const double *d_x, Wishart wishart, Wishart d_wishart,
                         double *err, double *d_err);
void gmm_objective_d_vjp(int d, int k, int n, const double *alphas,
                         const double *means, const double *icf,
                         const double *x, Wishart wishart, double *err,
                         double *ct_alphas, double *ct_means, double *ct_icf,
                         double *ct_err);
void ba_objective_d(int m, const double *cams, const double *X,
                    const double *feats, const int *cam_idx, const int *pt_idx,
                    double *err);
void ba_objective_d_jvp(int m, const double *cams, const double *d_cams,
                        const double *X, const double *d_X, const double *feats,
                        const double *d_feats, const int *cam_idx,
                        const int *pt_idx, double *err, double *d_err);
void ba_objective_d_vjp(int m, const double *cams, const double *X,
                        const double *feats, const int *cam_idx,
                        const int *pt_idx, double *err, double *ct_cams,
                        double *ct_X, double *ct_err);
void lstm_objective_d(int l, int c, int b, const double *main_params,
                      const double *extra_params, const double *state0,
                      const double *sequence, double *loss);
void lstm_objective_d_jvp(int l, int c, int b, const double *main_params,
                          const double *d_main_params,
                          const double *extra_params,
                          const double *d_extra_params, const double *state0,
                          const double *d_state0, const double *sequence,
                          const double *d_sequence, double *loss,
                          double *d_loss);
void lstm_objective_d_vjp(int l, int c, int b, const double *main_params,
                          const double *extra_params, const double *state0,
                          const double *sequence, double *loss,
                          double *ct_main_params, double *ct_extra_params,
                          double *ct_loss);

#endif // __TAD__
#endif // TAD_BENCH_KERNELS_H
