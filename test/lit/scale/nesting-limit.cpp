// Nesting deeper than tad's limit (Frontend/Stack.h: 250,000 levels of
// operators, calls and statements) is an error at the expression where the
// limit is reached, not a crash; below it, tad-gen's stack holds every
// pass (long-sum.test runs a sum 100,000 terms deep).
//
// UNSUPPORTED: sanitized-tad
// (250,000 levels under ASan: several times slower and larger; the plain
// run checks it)
//
// RUN: python3 %S/../../../bench/scale/gen.py chain 250010 TAD_VJP > %t.cpp
// RUN: not %tad-gen %t.cpp -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
// The chain's terms are one per line after `return x[0]` (line 6), and the
// return statement and the outermost + count 2 of the 250,001 levels
// reached: the error is at the `+` of line 16.
// CHECK: .cpp:16:10: error: this is nested too deeply for tad: more than 250000 levels of operators, calls and statements; split the expression into statements
