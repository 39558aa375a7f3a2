// TAD_JVP on a function that has no definition in the file: tad cannot
// generate cube_jvp, and should say so (an error) at the declaration. tad
// finds annotated functions among definitions only, so the annotation is
// ignored without a word, the run succeeds and the output has no cube_jvp
// (the user learns of it from a link error).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

// CHECK: annotated-declaration.cpp:[[@LINE+1]]:16: error: {{.*}}'cube'{{.*}}definition
TAD_JVP double cube(double x);

// Annotated declaration, definition later: this one is generated.
TAD_JVP double square(double x);
double square(double x) { return x * x; }
