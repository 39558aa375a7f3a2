// THEORY.md table 2.7, the custom-transposition behaviours, with their
// expected values (CT-1 ... CT-14, CT-16, CT-17, CT-21 ... CT-24). T<f> is
// f_transpose; T<T<f>> is asked for by annotating a declaration of f_transpose,
// and so on. Rules are registered with TAD_CUSTOM_TRANSPOSE (one-way) or on
// both functions (a symmetric pair), and TAD_CUSTOM_JVP.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

// CT-1: one degree. f = 2z, T(f) := ft = 3z.
double ft1(double z) { return 3 * z; }
TAD_LINEAR(z) TAD_CUSTOM_TRANSPOSE(ft1) double f1(double z) { return 2 * z; }
TAD_LINEAR(z) double f1_transpose(double z);
TAD_LINEAR(z) double f1_transpose_transpose(double z);
TAD_LINEAR(z) double f1_transpose_transpose_transpose(double z);

// CT-2: two degrees. T(ft) := ftt = 7z.
double ftt2(double z) { return 7 * z; }
TAD_CUSTOM_TRANSPOSE(ftt2) double ft2(double z) { return 3 * z; }
TAD_LINEAR(z) TAD_CUSTOM_TRANSPOSE(ft2) double f2(double z) { return 2 * z; }
TAD_LINEAR(z) double f2_transpose(double z);
TAD_LINEAR(z) double f2_transpose_transpose(double z);
TAD_LINEAR(z) double f2_transpose_transpose_transpose(double z);

// CT-3: symmetric. f = 2z and g = 3z, each the other's transpose.
double f3(double z);
TAD_CUSTOM_TRANSPOSE(f3) double g3(double z) { return 3 * z; }
TAD_LINEAR(z) TAD_CUSTOM_TRANSPOSE(g3) double f3(double z) { return 2 * z; }
TAD_LINEAR(z) double f3_transpose(double z);
TAD_LINEAR(z) double f3_transpose_transpose(double z);
TAD_LINEAR(z) double f3_transpose_transpose_transpose(double z);

// CT-4: recursive. f(c, z) = c z, T(f)(c, z) := f(c + 1, z); G = f(1, .).
double ft4(double c, double z);
TAD_CUSTOM_TRANSPOSE(ft4) double f4(double c, double z) { return c * z; }
double ft4(double c, double z) { return f4(c + 1, z); }
TAD_LINEAR(z) double G4(double z) { return f4(1, z); }
TAD_LINEAR(z) double G4_transpose(double z);
TAD_LINEAR(z) double G4_transpose_transpose(double z);
TAD_LINEAR(z) double G4_transpose_transpose_transpose(double z);

// CT-5, CT-6: fn(r, x) = x / r inside F(x) = x + fn(3, x); a true rule and
// an untrue one (t / 2r), honoured as registered.
double tp5(double r, double t) { return t / r; }
TAD_CUSTOM_TRANSPOSE(tp5) double fn5(double r, double x) { return x / r; }
TAD_LINEAR(x) double F5(double x) { return x + fn5(3, x); }
TAD_LINEAR(x) double F5auto(double x) { return x + x / 3; }
double tp6(double r, double t) { return t / (2 * r); }
TAD_CUSTOM_TRANSPOSE(tp6) double fn6(double r, double x) { return x / r; }
TAD_LINEAR(x) double F6(double x) { return x + fn6(3, x); }

// CT-7, CT-8: the untrue rule as a symmetric pair: T<T<F>> is F again.
double fn7(double r, double x);
TAD_CUSTOM_TRANSPOSE(fn7) double tp7(double r, double t) { return t / (2 * r); }
TAD_CUSTOM_TRANSPOSE(tp7) double fn7(double r, double x) { return x / r; }
TAD_LINEAR(x) double F7(double x) { return x + fn7(3, x); }
TAD_LINEAR(x) double F7_transpose(double x);
TAD_LINEAR(x) double F7_transpose_transpose(double x);

// CT-10: rules are called, never transposed through; a rule may ignore its
// input. id = pair(x -> x, t -> 0); f = pair(x -> id(x), t -> id(7)).
double id10(double x);
TAD_CUSTOM_TRANSPOSE(id10) double id10t(double) { return 0; }
TAD_LINEAR(x) TAD_CUSTOM_TRANSPOSE(id10t) double id10(double x) { return x; }
TAD_LINEAR(x) double id10_transpose(double x);
double f10(double x);
TAD_CUSTOM_TRANSPOSE(f10) double f10t(double) { return id10(7); }
TAD_LINEAR(x) TAD_CUSTOM_TRANSPOSE(f10t) double f10(double x) {
  return id10(x);
}
TAD_LINEAR(x) double f10_transpose(double x);
TAD_LINEAR(x) double f10_transpose_transpose(double x);

// CT-11, CT-12, CT-13: a rule that calls the function it transposes; the
// same through a wrapper; and under a branch on a non-linear value.
double fn11(double r, double x);
double tp11(double r, double t) { return 2 * fn11(r, t); }
TAD_CUSTOM_TRANSPOSE(tp11) double fn11(double r, double x) { return x / r; }
TAD_LINEAR(x) double F11(double x) { return x + fn11(3, x); }
TAD_LINEAR(x) double F11_transpose(double x);
TAD_LINEAR(x) double F12(double x) { return F11(x); }
TAD_LINEAR(x) double G13(int i, double x) { return i > 0 ? F11(x) : x; }

// CT-14: forward mode through a custom-transpose call: its tangent is the
// same call on the tangent; reverse mode calls the rule.
TAD_JVP TAD_VJP double g14(double x) { return x + fn11(3, x); }

// CT-16: sin with a custom JVP whose tangent goes through a registered
// transpose: gradient and JVP are both cos(0.5).
double gt16(double x, double t) { return std::cos(x) * t; }
TAD_CUSTOM_TRANSPOSE(gt16) double g16(double x, double dx) {
  return std::cos(x) * dx;
}
double j16(double x, double d_x, double *d_ret) {
  *d_ret = g16(x, d_x);
  return std::sin(x);
}
TAD_JVP TAD_VJP TAD_CUSTOM_JVP(j16)
double f16(double x) { return std::sin(x); }

// CT-9: fn(_, x) = {x, x} (a vector result) with tp(_, t) = t0 + t1
// registered; F(x) = fn(c x), c = 2. Array rules have f_transpose's
// signature: they read the outputs' cotangents (zeroing them) and add to
// the inputs'.
void tp9(double, double *x, double *y) {
  x[0] += y[0] + y[1];
  y[0] = 0;
  y[1] = 0;
}
TAD_CUSTOM_TRANSPOSE(tp9)
TAD_LINEAR(x, y) void fn9(double, const double *x, double *y) {
  y[0] = x[0];
  y[1] = x[0];
}
TAD_LINEAR(x, y) void F9(const double *x, double *y) {
  double t[1];
  t[0] = 2 * x[0];
  fn9(0.0, t, y);
}

// CT-23: the linear solve x = A^-1 b (2x2) with a custom JVP whose tangent,
// S(A, db - dA x), goes through S, whose registered transpose applies
// A^-T: the gradients never transpose S's body.
void St23(const double *A, double *v, double *out) {
  double det = A[0] * A[3] - A[1] * A[2];
  v[0] += (A[3] * out[0] - A[2] * out[1]) / det;
  v[1] += (A[0] * out[1] - A[1] * out[0]) / det;
  out[0] = 0;
  out[1] = 0;
}
TAD_CUSTOM_TRANSPOSE(St23)
TAD_LINEAR(v, out) void S23(const double *A, const double *v, double *out) {
  double det = A[0] * A[3] - A[1] * A[2];
  out[0] = (A[3] * v[0] - A[1] * v[1]) / det;
  out[1] = (A[0] * v[1] - A[2] * v[0]) / det;
}
void solve23(const double *A, const double *b, double *x);
// The rule is named as tad names a JVP: it is solve23_jvp.
void solve23_jvp(const double *A, const double *d_A, const double *b,
                 const double *d_b, double *x, double *d_x) {
  solve23(A, b, x);
  double r[2];
  r[0] = d_b[0] - (d_A[0] * x[0] + d_A[1] * x[1]);
  r[1] = d_b[1] - (d_A[2] * x[0] + d_A[3] * x[1]);
  S23(A, r, d_x);
}
TAD_CUSTOM_JVP(solve23_jvp)
void solve23(const double *A, const double *b, double *x) { S23(A, b, x); }
// <ct, x> with ct = (1, -1).
TAD_JVP TAD_VJP double loss23(const double *A, const double *b) {
  double x[2];
  solve23(A, b, x);
  return x[0] - x[1];
}

// CT-17: f(x, y) = y with a custom JVP that gives no tangent for x and 0
// for y: the rule is honoured in forward and reverse mode.
double j17(double x, double d_x, double y, double d_y, double *d_ret) {
  (void)x;
  (void)d_x;
  (void)d_y;
  *d_ret = 0.0;
  return y;
}
TAD_CUSTOM_JVP(j17) double f17(double, double y) { return y; }
TAD_JVP TAD_VJP double use17(double x, double y) { return f17(x, y); }

// CT-21: f = pair(x -> x, t -> f(t)): generation terminates.
double t21(double t);
TAD_LINEAR(x) TAD_CUSTOM_TRANSPOSE(t21) double f21(double x) { return x; }
TAD_CUSTOM_TRANSPOSE(f21) double t21(double t) { return f21(t); }

// CT-22: gradient clipping. The identity with a custom JVP whose tangent
// goes through a registered, non-linear "transpose" (a clamp).
double clip_t(double lo, double hi, double g) {
  return g < lo ? lo : (g > hi ? hi : g);
}
TAD_CUSTOM_TRANSPOSE(clip_t) double clip_lin(double, double, double dx) {
  return dx;
}
double clip_jvp_rule(double lo, double, double hi, double, double x, double d_x,
                     double *d_ret) {
  *d_ret = clip_lin(lo, hi, d_x);
  return x;
}
TAD_CUSTOM_JVP(clip_jvp_rule)
double clip_gradient(double lo, double hi, double x) {
  return x < lo || x > hi ? x : x;
}
TAD_JVP TAD_VJP double L22(double x) { return 3 * clip_gradient(-1, 1, x); }
TAD_VJP double L22half(double x) { return 0.5 * clip_gradient(-1, 1, x); }

// CT-24: a custom VJP of sin, as custom JVP + custom transpose: the
// linear part has no body (it cannot run forward), its rule is the
// backward function.
double bwd24(double res, double g) { return res * g; }
TAD_CUSTOM_TRANSPOSE(bwd24) double lin24(double res, double t);
inline double j24(double x, double d_x, double *d_ret) {
  *d_ret = lin24(std::cos(x), d_x);
  return std::sin(x);
}
TAD_VJP TAD_CUSTOM_JVP(j24)
double sin24(double x) { return std::sin(x); }

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include <cstdio>

static int Failures = 0, Checks = 0;
static void expect(const char *What, double Got, double Want) {
  ++Checks;
  if (std::fabs(Got - Want) <= 1e-12 * (1 + std::fabs(Want)))
    return;
  ++Failures;
  std::printf("FAIL %s: got %.17g, want %.17g\n", What, Got, Want);
}
static void expectNear(const char *What, double Got, double Want, double Tol) {
  ++Checks;
  if (std::fabs(Got - Want) <= Tol)
    return;
  ++Failures;
  std::printf("FAIL %s: got %.17g, want %.17g (to %g)\n", What, Got, Want, Tol);
}

int main() {
  // CT-1: 2, 3, 3, 3, 3
  expect("CT-1 f", f1(1), 2);
  expect("CT-1 T", f1_transpose(1), 3);
  expect("CT-1 T2", f1_transpose_transpose(1), 3);
  expect("CT-1 T3", f1_transpose_transpose_transpose(1), 3);
  expect("CT-1 T4", f1_transpose_transpose_transpose_transpose(1), 3);
  // CT-2: 2, 3, 7, 7, 7
  expect("CT-2 f", f2(1), 2);
  expect("CT-2 T", f2_transpose(1), 3);
  expect("CT-2 T2", f2_transpose_transpose(1), 7);
  expect("CT-2 T3", f2_transpose_transpose_transpose(1), 7);
  expect("CT-2 T4", f2_transpose_transpose_transpose_transpose(1), 7);
  // CT-3: 2, 3, 2, 3, 2
  expect("CT-3 f", f3(1), 2);
  expect("CT-3 T", f3_transpose(1), 3);
  expect("CT-3 T2", f3_transpose_transpose(1), 2);
  expect("CT-3 T3", f3_transpose_transpose_transpose(1), 3);
  expect("CT-3 T4", f3_transpose_transpose_transpose_transpose(1), 2);
  // CT-4: 1, 2, 3, 4, 5
  expect("CT-4 G", G4(1), 1);
  expect("CT-4 T", G4_transpose(1), 2);
  expect("CT-4 T2", G4_transpose_transpose(1), 3);
  expect("CT-4 T3", G4_transpose_transpose_transpose(1), 4);
  expect("CT-4 T4", G4_transpose_transpose_transpose_transpose(1), 5);
  // CT-5: F(6) = 8 and T<F>(6) = 8, as the auto-transposed x + x/3.
  expect("CT-5 F", F5(6), 8);
  expect("CT-5 T", F5_transpose(6), 8);
  expect("CT-5 T = auto", F5_transpose(6), F5auto_transpose(6));
  // CT-6: the untrue rule is honoured: 7.
  expect("CT-6 T", F6_transpose(6), 7);
  // CT-7 / CT-8: F, T, T2, T3 = 8, 7, 8, 7.
  expect("CT-7 F", F7(6), 8);
  expect("CT-7 T", F7_transpose(6), 7);
  expect("CT-7 T2", F7_transpose_transpose(6), 8);
  expect("CT-7 T3", F7_transpose_transpose_transpose(6), 7);
  // CT-10: 5, 0, 5; 5, 7, 5, 7.
  expect("CT-10 id", id10(5), 5);
  expect("CT-10 T<id>", id10_transpose(5), 0);
  expect("CT-10 T2<id>", id10_transpose_transpose(5), 5);
  expect("CT-10 f", f10(5), 5);
  expect("CT-10 T<f>", f10_transpose(5), 7);
  expect("CT-10 T2<f>", f10_transpose_transpose(5), 5);
  expect("CT-10 T3<f>", f10_transpose_transpose_transpose(5), 7);
  // CT-11: 10; 14. CT-12: 10 through a wrapper. CT-13: 10 under a branch.
  expect("CT-11 T", F11_transpose(6), 10);
  expect("CT-11 T2", F11_transpose_transpose(6), 14);
  expect("CT-12 T", F12_transpose(6), 10);
  expect("CT-13 T", G13_transpose(7, 6), 10);
  expect("CT-13 T, other branch", G13_transpose(-1, 6), 6);
  // CT-14: jvp(g, 6, 1) = (8, 4/3). The VJP transposes fn11's call by its
  // registered (untrue, doubled) rule: 1 + 2/3.
  double d = 0;
  expect("CT-14 value", g14_jvp(6, 1, &d), 8);
  expect("CT-14 tangent", d, 4.0 / 3);
  double gx = 0;
  g14_grad(6, &gx);
  expect("CT-14 gradient", gx, 5.0 / 3);
  // CT-16: grad f(0.5) = jvp(f, 0.5, 1) = cos(0.5).
  double g16x = 0, d16 = 0;
  f16_grad(0.5, &g16x);
  f16_jvp(0.5, 1, &d16);
  expect("CT-16 gradient", g16x, 0.8775825618903728);
  expect("CT-16 jvp", d16, 0.8775825618903728);
  // CT-9: F(3) = {6, 6}; T<F>({4, 5}) = 18.
  double x9[1] = {3}, y9[2];
  F9(x9, y9);
  expect("CT-9 F[0]", y9[0], 6);
  expect("CT-9 F[1]", y9[1], 6);
  double t9[1] = {0}, c9[2] = {4, 5};
  F9_transpose(t9, c9);
  expect("CT-9 T", t9[0], 18);
  // CT-23: x, grad_b = A^-T ct, grad_A = -(A^-T ct) x^T, and against
  // central differences of loss23.
  double A23[4] = {2, 1, 0.5, 3}, b23[2] = {1, 2}, x23[2];
  solve23(A23, b23, x23);
  expect("CT-23 x[0]", x23[0], 2.0 / 11);
  expect("CT-23 x[1]", x23[1], 7.0 / 11);
  double gA[4] = {0, 0, 0, 0}, gb[2] = {0, 0};
  loss23_grad(A23, b23, gA, gb);
  const double WantB[2] = {7.0 / 11, -6.0 / 11};
  const double WantA[4] = {-14.0 / 121, -49.0 / 121, 12.0 / 121, 42.0 / 121};
  const double H = 1e-6;
  for (int K = 0; K < 2; ++K) {
    expect("CT-23 grad_b", gb[K], WantB[K]);
    double P[2] = {b23[0], b23[1]}, M[2] = {b23[0], b23[1]};
    P[K] += H;
    M[K] -= H;
    double Fd = (loss23(A23, P) - loss23(A23, M)) / (2 * H);
    expectNear("CT-23 grad_b vs finite differences", gb[K], Fd, 1e-8);
  }
  for (int K = 0; K < 4; ++K) {
    expect("CT-23 grad_A", gA[K], WantA[K]);
    double P[4], M[4];
    for (int J = 0; J < 4; ++J)
      P[J] = M[J] = A23[J];
    P[K] += H;
    M[K] -= H;
    double Fd = (loss23(P, b23) - loss23(M, b23)) / (2 * H);
    expectNear("CT-23 grad_A vs finite differences", gA[K], Fd, 1e-8);
  }
  double dA23[4] = {0.1, -0.2, 0.3, 0.05}, db23[2] = {0.7, -0.4}, d23;
  double v23 = loss23_jvp(A23, dA23, b23, db23, &d23);
  double jv = 0;
  for (int K = 0; K < 4; ++K)
    jv += gA[K] * dA23[K];
  jv += gb[0] * db23[0] + gb[1] * db23[1];
  expect("CT-23 value", v23, x23[0] - x23[1]);
  expectNear("CT-23 jvp = <grad, dir>", d23, jv, 1e-12);
  // CT-17: d f / d y (x, 2) = 0, and no cotangent for x.
  double g17x = 5, g17y = 5, d17 = 5;
  expect("CT-17 value", use17_jvp(1, 1, 2, 1, &d17), 2);
  expect("CT-17 jvp", d17, 0);
  use17_grad(1, 2, &g17x, &g17y);
  expect("CT-17 gradient x (accumulated onto 5)", g17x, 5);
  expect("CT-17 gradient y (accumulated onto 5)", g17y, 5);
  // CT-21: generation terminated; T<f>(0.1) = 0.1.
  expect("CT-21 T", f21_transpose(0.1), 0.1);
  // CT-22: gradient clipped to 1; JVP unclipped 3; factor 0.5 -> 0.5.
  double g22 = 0, d22 = 0, g22h = 0;
  L22_grad(0.2, &g22);
  L22_jvp(0.2, 1, &d22);
  L22half_grad(0.2, &g22h);
  expect("CT-22 gradient", g22, 1);
  expect("CT-22 jvp", d22, 3);
  expect("CT-22 gradient, factor 0.5", g22h, 0.5);
  // CT-24: the custom VJP's gradient is cos(0.5).
  double g24 = 0;
  sin24_grad(0.5, &g24);
  expect("CT-24 gradient", g24, std::cos(0.5));
  std::printf("%d checks, %d failures\n", Checks, Failures);
  return Failures != 0;
}
#endif
