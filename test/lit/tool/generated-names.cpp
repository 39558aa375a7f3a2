// The generated code keeps the user's names (parameters, locals, loop
// variables), names each tangent d_<name>, and marks each statement's
// origin with a "// line N" comment. It compiles cleanly after the user's
// code.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc --match-full-lines
// RUN: %cxx -fsyntax-only -DTAD_GENERATED='"%t.inc"' %s
#include "tad/tad.h"
#include <cmath>

// CHECK:// {{.*}}kinetic_energy{{.*}}generated-names.cpp:[[@LINE+4]]{{.*}}
// CHECK-NEXT:double kinetic_energy_jvp(double mass, double d_mass, double velocity,
// CHECK-NEXT:                          double d_velocity, const double *drag,
// CHECK-NEXT:                          const double *d_drag, int steps, double *d_return) {
TAD_JVP double kinetic_energy(double mass, double velocity, const double *drag,
                              int steps) {
// CHECK-NEXT:  // line [[@LINE+3]]
// CHECK-NEXT:  double speed = velocity;
// CHECK-NEXT:  double d_speed = d_velocity;
  double speed = velocity;
// CHECK-NEXT:  // line [[@LINE+3]]
// CHECK-NEXT:  double total = 0.0;
// CHECK-NEXT:  double d_total = 0.0;
  double total = 0.0;
// CHECK-NEXT:  // line [[@LINE+2]]
// CHECK-NEXT:  for (int step = 0; step < steps; ++step) {
  for (int step = 0; step < steps; ++step) {
// CHECK-NEXT:    // line [[@LINE+3]]
// CHECK-NEXT:    double loss = drag[step] * speed;
// CHECK-NEXT:    double d_loss = d_drag[step] * speed + drag[step] * d_speed;
    double loss = drag[step] * speed;
// CHECK-NEXT:    // line [[@LINE+3]]
// CHECK-NEXT:    d_speed = d_speed - d_loss;
// CHECK-NEXT:    speed = speed - loss;
    speed = speed - loss;
// CHECK-NEXT:    // line [[@LINE+4]]
// CHECK-NEXT:    d_total += (0.5 * d_mass * speed + 0.5 * mass * d_speed) * speed +
// CHECK-NEXT:               0.5 * mass * speed * d_speed;
// CHECK-NEXT:    total += 0.5 * mass * speed * speed;
    total += 0.5 * mass * speed * speed;
// CHECK-NEXT:  }
  }
// CHECK-NEXT:  // line [[@LINE+6]]
// CHECK-NEXT:  if (total > 100.0) {
// CHECK-NEXT:    // line [[@LINE+5]]
// CHECK-NEXT:    const double _t0 = std::sqrt(total);
// CHECK-NEXT:    d_total = d_total / (2.0 * _t0);
// CHECK-NEXT:    total = _t0;
  if (total > 100.0)
    total = std::sqrt(total);
// CHECK-NEXT:  }
// CHECK-NEXT:  // line [[@LINE+3]]
// CHECK-NEXT:  *d_return = d_total;
// CHECK-NEXT:  return total;
  return total;
// CHECK-NEXT:}
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif
