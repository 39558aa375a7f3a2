//===- tad/tad.h - tad annotations ------------------------------*- C++ -*-===//
//
// The one header a user of tad includes. It defines the annotation macros:
//
//   TAD_JVP double f(double x);                 // generate f_jvp
//   TAD_LINEAR(z) double g(double c, double z);  // g is linear in z
//
// Under tad (tad-gen, or clang with the tad plugin) the macro __TAD__ is
// defined and the macros expand to C++11 attributes in the `tad` namespace,
// which tad registers with Clang. Without tad (g++, nvcc, plain clang) they
// expand to nothing, so annotated code compiles and runs its primal code
// unchanged. The attributes may also be written directly, e.g. [[tad::jvp]],
// in code that is only ever compiled under tad.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TAD_H
#define TAD_TAD_H

#if defined(__TAD__)
#define TAD_ATTR_(...) [[__VA_ARGS__]]
// Annotations with arguments are spelled as clang::annotate: Clang does not
// pass a plugin attribute's arguments on (tad reads both forms the same).
#define TAD_ATTR_ARGS_(kind, args) [[clang::annotate("tad::" kind, args)]]
#else
#define TAD_ATTR_(...)
#define TAD_ATTR_ARGS_(kind, args)
#endif

/// Generate `f_jvp` (forward mode).
#define TAD_JVP TAD_ATTR_(tad::jvp)
/// Generate `f_vjp` (reverse mode).
#define TAD_VJP TAD_ATTR_(tad::vjp)
/// Generate `f_vjp` with cotangents for the named parameters only (the
/// others are constants); output arrays keep their cotangent parameters.
#define TAD_VJP_WRT(...) TAD_ATTR_ARGS_("vjp", #__VA_ARGS__)
/// f is linear in the named parameters; generates `f_transpose`.
#define TAD_LINEAR(...) TAD_ATTR_ARGS_("linear", #__VA_ARGS__)
/// Use `t` wherever the transpose of f is needed.
#define TAD_CUSTOM_TRANSPOSE(t) TAD_ATTR_ARGS_("custom_transpose", #t)
/// Use `j` wherever the JVP of f is needed.
#define TAD_CUSTOM_JVP(j) TAD_ATTR_ARGS_("custom_jvp", #j)
/// Inverse accumulation: J^-1 v and J^-T w.
#define TAD_IJVP TAD_ATTR_(tad::ijvp)
#define TAD_IVJP TAD_ATTR_(tad::ivjp)
/// log|det J| and the inverse function.
#define TAD_LOGDET TAD_ATTR_(tad::logdet)
#define TAD_INVERSE TAD_ATTR_(tad::inverse)
/// The dense fallback for f_ijvp, f_ivjp and f_logdet of a function that is
/// square but not stepwise: n (an integer expression of the integer
/// parameters and literals: `n`, `2 * n`, `n * m + 1`) is the length of each
/// state array. Costs N JVPs and an N x N LU per call.
#define TAD_DENSE(n) TAD_ATTR_ARGS_("dense", #n)

#endif // TAD_TAD_H
