// An annotated declaration of a generated function asks for a
// transformation of it (README, "Linear transposes"; test/lit/transpose/
// compose.cpp). Only the transpose of a generated transpose is built yet;
// anything else asked of a generated function is an error that says so,
// naming what the function is. tad used to say of f_grad that "tad
// generates no function of that name" (the gradient was made only after the
// declarations were read), and crashed on 'tad::linear' on a JVP or a
// gradient. A name tad really does not generate keeps that message.
// tad-gen and the plugin say the same.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not test -e %t.inc
// RUN: not %cxx %plugin -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP TAD_VJP double f(double x) { return 3 * x * x; }
TAD_JVP double g(double x) { return x / 2; }
TAD_JVP TAD_IJVP void layer(double *x) { x[1] += x[0] * x[0]; }

// The declarations are read shortest name first.
// CHECK: generated-declaration.cpp:[[@LINE+1]]:1: error: 'tad::vjp' on 'f_vjp' asks for a transformation of the VJP of 'f'
TAD_VJP double f_vjp(double x, double ct_return, double *ct_x);

// CHECK: generated-declaration.cpp:[[@LINE+1]]:1: error: 'tad::linear' on 'g_jvp' asks for a transformation of the JVP of 'g'
TAD_LINEAR(d_x) double g_jvp(double x, double d_x, double *d_return);

// CHECK: generated-declaration.cpp:[[@LINE+1]]:1: error: 'tad::jvp' on 'f_grad' asks for a transformation of the gradient of 'f', a function tad generates; only the transpose of a generated transpose ('tad::linear' on a declaration of 'f_transpose') can be asked yet
TAD_JVP double f_grad(double x, double *ct_x);

// g has no VJP: there is no g_grad.
// CHECK: generated-declaration.cpp:[[@LINE+1]]:16: error: 'g_grad' carries a tad annotation but has no definition in this file, and tad generates no function of that name: tad needs the body to differentiate it
TAD_JVP double g_grad(double x, double *ct_x);

// CHECK: generated-declaration.cpp:[[@LINE+1]]:1: error: 'tad::jvp' on 'layer_ijvp' asks for a transformation of the {{.*}} of 'layer'
TAD_JVP void layer_ijvp(double *x, double *d_x);
// CHECK: 5 errors generated.
