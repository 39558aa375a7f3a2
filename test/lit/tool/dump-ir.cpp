// --dump-ir=f prints tad's IR of the function named f (the user's function,
// or a generated one such as f_jvp) to stdout; --dump-ir alone prints every
// function; --dump-ir-only writes no output file.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cp %s %t.dir/in.cpp
// RUN: %tad-gen %t.dir/in.cpp --dump-ir=energy --dump-ir-only -- %tad-flags | FileCheck %s --strict-whitespace --match-full-lines --implicit-check-not=function
// RUN: ls -A %t.dir | count 1
//
// RUN: %tad-gen %s --dump-ir=energy_jvp --dump-ir-only -- %tad-flags | FileCheck %s --check-prefix=JVP --implicit-check-not=function
// RUN: %tad-gen %s --dump-ir -o %t.inc -- %tad-flags | FileCheck %s --check-prefix=ALL
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// A name that matches nothing is a warning, not silence:
// RUN: %tad-gen %s --dump-ir=nosuch --dump-ir-only -- %tad-flags 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: warning: no annotated or generated function is named 'nosuch': no IR to dump
#include "tad/tad.h"
#include <cmath>

// The primal, line by line (the @line:col of each statement), and the
// generated function: tangents beside their primals, the result's tangent
// through d_return.
// CHECK:function energy(%velocity: double, %mass: const double *, %n: int) -> double [tad::jvp]  @[[@LINE+2]]:16
// JVP:function energy_jvp(%velocity: double, %d_velocity: double, %mass: const double *, %d_mass: const double *, %n: int, %d_return: double *) -> double  @[[@LINE+1]]:16
TAD_JVP double energy(double velocity, const double *mass, int n) {
  // CHECK-NEXT:    decl %total: double = 0.0:double  @[[@LINE+3]]:10
  // JVP-NEXT:    decl %total: double = 0.0:double  @[[@LINE+2]]:10
  // JVP-NEXT:    decl %d_total: double = 0.0:double  @[[@LINE+1]]:10
  double total = 0.0;
  // CHECK-NEXT:    for  @[[@LINE+9]]:3
  // CHECK-NEXT:      init
  // CHECK-NEXT:        decl %i: int = 0:int  @[[@LINE+7]]:12
  // CHECK-NEXT:      cond (< %i %n):bool
  // CHECK-NEXT:      inc
  // CHECK-NEXT:        assign %i += 1:int  @[[@LINE+4]]:26
  // CHECK-NEXT:      body
  // JVP-NEXT:    for  @[[@LINE+2]]:3
  // (the increment is at the '++')
  for (int i = 0; i < n; ++i) {
    // CHECK-NEXT:        if (> (index %mass %i) 0.0:double):bool  @[[@LINE+1]]:5
    if (mass[i] > 0.0)
      // CHECK-NEXT:          assign %total += (* (* (* 0.5:double (index %mass %i)):double %velocity):double %velocity):double  @[[@LINE+3]]:13
      // JVP:          assign %d_total += {{.*}}(index %d_mass %i){{.*}}  @[[@LINE+2]]:13
      // JVP-NEXT:          assign %total += {{.*}}  @[[@LINE+1]]:13
      total += 0.5 * mass[i] * velocity * velocity;
    // CHECK-NEXT:        else
    else
      // CHECK-NEXT:          continue  @[[@LINE+1]]:7
      continue;
  }
  // CHECK-NEXT:    return (call builtin std::exp (- %total):double):double  @[[@LINE+4]]:3
  // JVP:    decl %_t0: const double = (call builtin std::exp (- %total):double):double  @[[@LINE+3]]:10
  // JVP-NEXT:    assign (* %d_return):double = (* %_t0 (- %d_total):double):double  @[[@LINE+2]]:3
  // JVP-NEXT:    return %_t0  @[[@LINE+1]]:3
  return std::exp(-total);
}
// CHECK-EMPTY:

// ALL: function energy(
// ALL: function other(%x: float) -> float [tad::jvp]  @[[@LINE+1]]:15
TAD_JVP float other(float x) { return x * 2.0f; }
// ALL: function energy_jvp(
// ALL: function other_jvp(%x: float, %d_x: float, %d_return: float *) -> float  @[[@LINE-2]]:15

// GEN: double energy_jvp(
// GEN: float other_jvp(
