// The emitter lays out generated code in LLVM style within 80 columns: no
// line of a file with long expressions, names and parameter lists is longer;
// sums break after a `+` and align with the first operand, a nested operand
// broken inside indents 4 further, a signature breaks between parameters
// aligned after `(` (or after `(` when the name is long), and an assignment
// whose value fits on the next line breaks after `=`. The code still
// compiles warning-free and its derivatives match finite differences.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: not grep -nE '.{81}' %t.inc
// RUN: FileCheck %s --input-file %t.inc --match-full-lines --strict-whitespace
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

static double spring_energy_between_particles(double position_x,
                                              double position_y,
                                              double rest_length,
                                              double stiffness) {
  double stretch =
      std::sqrt(position_x * position_x + position_y * position_y) -
      rest_length;
  return 0.5 * stiffness * stretch * stretch;
}

TAD_JVP TAD_VJP double total_energy(double position_x, double position_y,
                                    double velocity_x, double velocity_y,
                                    double mass, double stiffness) {
  double kinetic = 0.5 * mass * velocity_x * velocity_x +
                   0.5 * mass * velocity_y * velocity_y;
  double potential =
      spring_energy_between_particles(position_x, position_y, 1.5, stiffness) *
      std::exp(-0.1 * (position_x * position_y + velocity_x * velocity_y));
  double damping = std::pow(mass, 1.5) * std::atan2(velocity_y, velocity_x) /
                   (1.0 + mass * mass);
  return kinetic + potential - damping;
}

// CHECK-LABEL:// JVP of 'total_energy' (layout.cpp:{{[0-9]+}})
// CHECK-NEXT:double total_energy_jvp(double position_x, double d_position_x,
// CHECK-NEXT:                        double position_y, double d_position_y,
// CHECK-NEXT:                        double velocity_x, double d_velocity_x,
// CHECK-NEXT:                        double velocity_y, double d_velocity_y, double mass,
// CHECK-NEXT:                        double d_mass, double stiffness, double d_stiffness,
// CHECK-NEXT:                        double *d_return) {
// CHECK-NEXT:  // line {{[0-9]+}}
// CHECK-NEXT:  double kinetic = 0.5 * mass * velocity_x * velocity_x +
// CHECK-NEXT:                   0.5 * mass * velocity_y * velocity_y;
// CHECK-NEXT:  double d_kinetic =
// CHECK-NEXT:      (0.5 * d_mass * velocity_x + 0.5 * mass * d_velocity_x) * velocity_x +
// CHECK-NEXT:      0.5 * mass * velocity_x * d_velocity_x +
// CHECK-NEXT:      ((0.5 * d_mass * velocity_y + 0.5 * mass * d_velocity_y) * velocity_y +
// CHECK-NEXT:       0.5 * mass * velocity_y * d_velocity_y);
// CHECK-NEXT:  // line {{[0-9]+}}
// CHECK-NEXT:  double _d_t0;
// CHECK-NEXT:  const double _t0 = spring_energy_between_particles_jvp(
// CHECK-NEXT:      position_x, d_position_x, position_y, d_position_y, 1.5, 0.0, stiffness,
// CHECK-NEXT:      d_stiffness, &_d_t0);
// CHECK-NEXT:  const double _t1 =
// CHECK-NEXT:      std::exp(-0.1 * (position_x * position_y + velocity_x * velocity_y));
// CHECK-NEXT:  double potential = _t0 * _t1;
// CHECK-NEXT:  double d_potential =
// CHECK-NEXT:      _d_t0 * _t1 +
// CHECK-NEXT:      _t0 * (_t1 * (-0.1 *
// CHECK-NEXT:                    (d_position_x * position_y + position_x * d_position_y +
// CHECK-NEXT:                     (d_velocity_x * velocity_y + velocity_x * d_velocity_y))));
// CHECK-NEXT:  // line {{[0-9]+}}
// CHECK-NEXT:  double damping = std::pow(mass, 1.5) * std::atan2(velocity_y, velocity_x) /
// CHECK-NEXT:                   (1.0 + mass * mass);
// CHECK-NEXT:  double d_damping =
// CHECK-NEXT:      ((1.5 * std::pow(mass, 0.5) * d_mass *
// CHECK-NEXT:            std::atan2(velocity_y, velocity_x) +
// CHECK-NEXT:        std::pow(mass, 1.5) *
// CHECK-NEXT:            ((velocity_x * d_velocity_y - velocity_y * d_velocity_x) /
// CHECK-NEXT:             (velocity_x * velocity_x + velocity_y * velocity_y))) *
// CHECK-NEXT:           (1.0 + mass * mass) -
// CHECK-NEXT:       std::pow(mass, 1.5) * std::atan2(velocity_y, velocity_x) *
// CHECK-NEXT:           (2.0 * (mass * d_mass))) /
// CHECK-NEXT:      ((1.0 + mass * mass) * (1.0 + mass * mass));

// CHECK-LABEL:// VJP of 'total_energy' (layout.cpp:{{[0-9]+}})
// CHECK:  _ct_mass +=
// CHECK-NEXT:      1.5 * std::pow(mass, 0.5) * (_g3 * std::atan2(velocity_y, velocity_x));
// CHECK:  spring_energy_between_particles_vjp(position_x, position_y, 1.5, stiffness,
// CHECK-NEXT:                                      _g10, &_ca11, &_ca12, &_ca13, &_ca14);

// CHECK-LABEL:// JVP of 'spring_energy_between_particles' (layout.cpp:{{[0-9]+}})
// CHECK-NEXT:static double spring_energy_between_particles_jvp(
// CHECK-NEXT:    double position_x, double d_position_x, double position_y,
// CHECK-NEXT:    double d_position_y, double rest_length, double d_rest_length,
// CHECK-NEXT:    double stiffness, double d_stiffness, double *d_return) {

// CHECK-LABEL:// gradient of 'total_energy' (layout.cpp:{{[0-9]+}})
// CHECK-NEXT:double total_energy_grad(double position_x, double position_y,
// CHECK-NEXT:                         double velocity_x, double velocity_y, double mass,
// CHECK-NEXT:                         double stiffness, double *ct_position_x,
// CHECK-NEXT:                         double *ct_position_y, double *ct_velocity_x,
// CHECK-NEXT:                         double *ct_velocity_y, double *ct_mass,
// CHECK-NEXT:                         double *ct_stiffness) {
// CHECK-NEXT:  return total_energy_vjp(position_x, position_y, velocity_x, velocity_y, mass,
// CHECK-NEXT:                          stiffness, 1.0, ct_position_x, ct_position_y,
// CHECK-NEXT:                          ct_velocity_x, ct_velocity_y, ct_mass, ct_stiffness);
// CHECK-NEXT:}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto F = [](const Vec &x) {
    return Vec{total_energy(x[0], x[1], x[2], x[3], x[4], x[5])};
  };
  auto J = [](const Vec &x, const Vec &d) {
    double t;
    total_energy_jvp(x[0], d[0], x[1], d[1], x[2], d[2], x[3], d[3], x[4], d[4],
                     x[5], d[5], &t);
    return Vec{t};
  };
  std::vector<Vec> Pts = {{0.5, -1.2, 0.3, 0.7, 2.0, 3.0},
                          {2.0, 0.3, -1.0, 0.4, 1.5, 0.5}};
  tad_test::checkJvp("total_energy", F, J, Pts);
  tad_test::checkVjp(
      "total_energy", J,
      [](const Vec &x, const Vec &yb) {
        Vec g(6, 0.0);
        total_energy_vjp(x[0], x[1], x[2], x[3], x[4], x[5], yb[0], &g[0],
                         &g[1], &g[2], &g[3], &g[4], &g[5]);
        return g;
      },
      Pts, 1);
  tad_test::checkGradient(
      "total_energy_grad", F,
      [](const Vec &x) {
        Vec g(6, 0.0);
        total_energy_grad(x[0], x[1], x[2], x[3], x[4], x[5], &g[0], &g[1],
                          &g[2], &g[3], &g[4], &g[5]);
        return g;
      },
      Pts);
  return tad_test::report();
}
#endif
