//===- Analysis/Loops.h - counted loops -------------------------*- C++ -*-===//
#ifndef TAD_ANALYSIS_LOOPS_H
#define TAD_ANALYSIS_LOOPS_H

#include "IR/IR.h"
#include <set>

namespace tad {

/// for (int i = a; i < b; ++i) (or <=, >, >= with a step of 1 the matching
/// way), the counter and the bound's variables not assigned in the body:
/// it can run backwards from its bounds, without a tape.
bool isCanonicalFor(const Stmt &S);

/// for (int i = a; i < b; i += s) (or <=), s other than 1 and, like b and
/// the counter, not assigned in the body (a grid-stride loop: s is
/// blockDim.x * gridDim.x). A loop that ends has s > 0.
bool isStridedFor(const Stmt &S);

/// Variables assigned in S or in L (roots of assignment targets).
void collectAssigned(const Stmt &S, std::set<const Var *> &Out);
void collectAssigned(const StmtList &L, std::set<const Var *> &Out);
/// The std::vectors whose size S (Nested: and the statements in it) or L
/// changes (IR.h, ShapeOp).
void collectResized(const Stmt &S, std::set<const Var *> &Out, bool Nested);
void collectResized(const StmtList &L, std::set<const Var *> &Out);

} // namespace tad

#endif // TAD_ANALYSIS_LOOPS_H
