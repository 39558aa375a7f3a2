// The plugin works with every kind of compile: -fsyntax-only, -S,
// -S -emit-llvm, -c, and -O0 to -O3 (each built program checks its JVP
// against central differences).
//
// RUN: %cxx %plugin -fsyntax-only %s
// RUN: %cxx %plugin -S %s -o %t.s && FileCheck %s --check-prefix=ASM --input-file %t.s
// RUN: %cxx %plugin -S -emit-llvm %s -o %t.ll && FileCheck %s --check-prefix=IR --input-file %t.ll
// RUN: %cxx %plugin -c %s -o %t.o && %cxx %t.o -o %t.linked && %t.linked
// RUN: %cxx %plugin -O0 %s -o %t.O0 && %t.O0
// RUN: %cxx %plugin -O1 %s -o %t.O1 && %t.O1
// RUN: %cxx %plugin -O2 %s -o %t.O2 && %t.O2
// RUN: %cxx %plugin -O3 %s -o %t.O3 && %t.O3
#include "tad/tad.h"
#include <cmath>

// ASM: _Z10damped_jvpddPd:
// IR: define {{.*}}double @_Z10damped_jvpddPd(
TAD_JVP double damped(double t) { return std::exp(-0.5 * t) * std::cos(t); }

int main() {
  const double t = 0.7, h = 1e-6;
  double d;
  damped_jvp(t, 1.0, &d);
  double fd = (damped(t + h) - damped(t - h)) / (2 * h);
  return std::fabs(d - fd) < 1e-8 ? 0 : 1;
}
