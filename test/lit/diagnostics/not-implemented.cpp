// The inverse-accumulation annotations were once "not implemented yet";
// they are now, and a function that cannot have an inverse mode gets the
// inverse-accumulation diagnostics (here IA1: a scalar function returning
// its result has no in-place state; its Jacobian is not square in tad's
// sense). Unknown annotations are still errors at the annotation.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

// CHECK: not-implemented.cpp:[[@LINE+1]]:37: error: 'f_ijvp' is marked for inverse accumulation but returns an active value besides its in-place state; its Jacobian is not square (return void and update the state in place)
TAD_IJVP TAD_IVJP TAD_LOGDET double f_ijvp(double x) { return 2 * x; }

// CHECK: not-implemented.cpp:[[@LINE+1]]:18: error: 'f_none' is marked for inverse accumulation but has no state: inverse modes need a non-const floating-point array parameter updated in place
TAD_INVERSE void f_none(const double *x, double y) {}
// CHECK: 2 errors generated.
