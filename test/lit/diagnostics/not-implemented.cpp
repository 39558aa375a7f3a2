// Annotations tad knows but does not implement yet are errors at the
// annotation, naming it.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

// CHECK: not-implemented.cpp:[[@LINE+1]]:1: error: 'tad::ijvp' is not implemented yet in this version of tad; 'tad::jvp', 'tad::vjp', 'tad::linear', 'tad::custom_transpose' and 'tad::custom_jvp' are
TAD_IJVP double f_ijvp(double x) { return 2 * x; }

// CHECK: not-implemented.cpp:[[@LINE+1]]:1: error: 'tad::ivjp' is not implemented yet in this version of tad; 'tad::jvp', 'tad::vjp', 'tad::linear', 'tad::custom_transpose' and 'tad::custom_jvp' are
TAD_IVJP double f_ivjp(double x) { return 2 * x; }

// CHECK: not-implemented.cpp:[[@LINE+1]]:1: error: 'tad::logdet' is not implemented yet in this version of tad; 'tad::jvp', 'tad::vjp', 'tad::linear', 'tad::custom_transpose' and 'tad::custom_jvp' are
TAD_LOGDET double f_logdet(double x) { return 2 * x; }

// CHECK: not-implemented.cpp:[[@LINE+1]]:1: error: 'tad::inverse' is not implemented yet in this version of tad; 'tad::jvp', 'tad::vjp', 'tad::linear', 'tad::custom_transpose' and 'tad::custom_jvp' are
TAD_INVERSE double f_inverse(double x) { return 2 * x; }

// Alongside tad::jvp, the unimplemented one is still an error.
// CHECK: not-implemented.cpp:[[@LINE+1]]:9: error: 'tad::ivjp' is not implemented yet in this version of tad; 'tad::jvp', 'tad::vjp', 'tad::linear', 'tad::custom_transpose' and 'tad::custom_jvp' are
TAD_JVP TAD_IVJP double f_both(double x) { return x * x; }

// Spelled directly rather than through the macros.
// CHECK: not-implemented.cpp:[[@LINE+1]]:3: error: 'tad::logdet' is not implemented yet in this version of tad; 'tad::jvp', 'tad::vjp', 'tad::linear', 'tad::custom_transpose' and 'tad::custom_jvp' are
[[tad::logdet]] double f_direct(double x) { return x * x; }
// CHECK: 6 errors generated.
