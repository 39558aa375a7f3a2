// tad's warnings follow -w and -Werror, as clang's own do (clang does not
// map custom diagnostics itself; tad applies the two flags).
//
// RUN: %cxx %plugin -Wno-error -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: not %cxx %plugin -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=ERROR
// RUN: %cxx %plugin -w -fsyntax-only %s 2>&1 | count 0
#include "tad/tad.h"

// WARN: warnings.cpp:[[@LINE+2]]:1: warning: 'next' has no floating-point parameter or result: its JVP carries no derivative
// ERROR: warnings.cpp:[[@LINE+1]]:1: error: 'next' has no floating-point parameter or result: its JVP carries no derivative [-Werror]
TAD_JVP int next(int n) { return n + 1; }
