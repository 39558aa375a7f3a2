// The tad demo: a damped oscillator integrated with explicit Euler steps,
// and the forward-mode derivative (JVP) tad generates for it.
//
//   tad-gen examples/demo/demo.cpp -o demo.tad.cpp -- -Iinclude
//   clang++ -Iinclude -DTAD_GENERATED='"demo.tad.cpp"' examples/demo/demo.cpp
#include "tad/tad.h"
#include <cmath>

static double force(double x, double v, double k, double c) {
  return -k * std::sin(x) - c * v * std::fabs(v);
}

// Final position after n steps from (x0, v0), with stiffness k, damping c.
TAD_JVP double simulate(double x0, double v0, double k, double c, int n) {
  double x = x0, v = v0;
  const double h = 0.01;
  for (int i = 0; i < n; ++i) {
    double a = force(x, v, k, c);
    x += h * v;
    v += h * a;
  }
  return x;
}

// Softplus layer over an array: out[i] = log(1 + exp(w * in[i] + b)).
TAD_JVP void layer(const double *in, double *out, double w, double b, int n) {
  for (int i = 0; i < n; ++i) {
    double z = w * in[i] + b;
    out[i] = z > 30 ? z : std::log1p(std::exp(z));
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include <cstdio>

int main() {
  // d simulate / d k, by the JVP with the tangent seeded on k.
  double dx;
  double x = simulate_jvp(1.0, 0.0, 0.0, 0.0, 2.0, 1.0, 0.3, 0.0, 500, &dx);
  double h = 1e-6;
  double fd = (simulate(1.0, 0.0, 2.0 + h, 0.3, 500) -
               simulate(1.0, 0.0, 2.0 - h, 0.3, 500)) /
              (2 * h);
  std::printf("simulate(1, 0, k=2, c=0.3, 500 steps) = %.12f\n", x);
  std::printf("  d/dk by tad's JVP         = %.12f\n", dx);
  std::printf("  d/dk by finite differences = %.12f\n", fd);

  double in[3] = {-1.0, 0.5, 2.0}, din[3] = {0, 0, 0};
  double out[3], dout[3];
  layer_jvp(in, din, out, dout, 1.5, 1.0, 0.2, 0.0, 3); // seed dw = 1
  std::printf("layer(w=1.5, b=0.2) d out / d w:\n");
  for (int i = 0; i < 3; ++i) {
    double op[3], om[3];
    layer(in, op, 1.5 + h, 0.2, 3);
    layer(in, om, 1.5 - h, 0.2, 3);
    std::printf("  out[%d] = %.9f  JVP %.9f  finite differences %.9f\n", i,
                out[i], dout[i], (op[i] - om[i]) / (2 * h));
  }
  return std::fabs(dx - fd) < 1e-6 ? 0 : 1;
}
#endif
