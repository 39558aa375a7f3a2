// The potential energy of a chain of springs, its gradient by tad's reverse
// mode and a directional derivative by its forward mode, both checked
// against central finite differences. Built by CMakeLists.txt with tad's
// Clang plugin or with tad-gen and any compiler.
#include "tad/tad.h"
#include <cmath>
#include <cstdio>

TAD_JVP TAD_VJP double chain_energy(const double *x, double k, int n) {
  double e = 0;
  for (int i = 0; i + 1 < n; ++i) {
    double stretch = x[i + 1] - x[i] - 1.0;
    e += 0.5 * k * stretch * stretch + 0.01 * std::cos(x[i]);
  }
  return e;
}

#ifdef TAD_GENERATED // tad-gen's output; with the plugin, already here
#include TAD_GENERATED
#endif

int main() {
  const int n = 6;
  double x[n], dx[n], g[n] = {0};
  for (int i = 0; i < n; ++i) {
    x[i] = 1.1 * i + 0.05 * std::sin(i);
    dx[i] = std::cos(0.3 * i);
  }
  double gk = 0;
  chain_energy_grad(x, 2.0, n, g, &gk);
  double d;
  chain_energy_jvp(x, dx, 2.0, 0.0, n, &d);

  // <grad, dx> and the JVP against central differences along dx.
  const double h = 1e-6;
  double xp[n], xm[n], dot = 0;
  for (int i = 0; i < n; ++i) {
    xp[i] = x[i] + h * dx[i];
    xm[i] = x[i] - h * dx[i];
    dot += g[i] * dx[i];
  }
  double fd = (chain_energy(xp, 2.0, n) - chain_energy(xm, 2.0, n)) / (2 * h);
  std::printf("JVP %.10f  <grad, dx> %.10f  finite differences %.10f\n", d, dot,
              fd);
  bool ok = std::fabs(d - fd) < 1e-7 && std::fabs(dot - fd) < 1e-7;
  std::printf("%s\n", ok ? "ok" : "MISMATCH");
  return ok ? 0 : 1;
}
