//===- Analysis/Equasive.h - equasive steps ---------------------*- C++ -*-===//
//
// Inverse accumulation (THEORY.md 1.2-1.4) sees a function as a sequence of
// steps, each overwriting one slot of the state and reading its old value:
// x[i] = phi(x[i], x_R). The derivative of a step is read off the statement
// the JVP makes for it, a linear combination of state tangents:
//
//   d_x[i] = a * d_x[i] + sum_r b_r * d_x[r]      (or +=, -=, *= c, /= c)
//
// a is the pivot, b_r the other partials. This file decomposes such
// statements (linearTerms, stepForm) and decides whether two state
// locations can be the same element (overlap: constant and affine indices,
// distinct array parameters).
//
//===----------------------------------------------------------------------===//
#ifndef TAD_ANALYSIS_EQUASIVE_H
#define TAD_ANALYSIS_EQUASIVE_H

#include "IR/IR.h"
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tad {

/// Integer locals that are assigned only at their declaration, with their
/// initializers: index analysis looks through them (`int j = i - 1`).
using FixedInts = std::map<const Var *, ExprP>;
FixedInts collectFixedInts(const StmtList &Body);

enum class Overlap { Distinct, Same, Unknown };
/// Whether the lvalues A and B (x, x[i], *p) can denote the same element.
/// Different variables are distinct (locals, and arrays passed to the
/// function, which do not overlap: the aliasing rule of reverse mode);
/// elements of one array by their indices' affine
/// forms in the integer variables: distinct when they differ by a non-zero
/// constant, or by an affine form that the ranges of the enclosing counted
/// loops and the conditions of the enclosing branches, Loops (for and if
/// statements, outermost first), prove non-zero (x[n + i] and x[i] inside
/// for (i = 0; i < n; ++i): n >= i + 1 >= 1; x[i] and x[j] under `if (j !=
/// i)` or `if (j < i)`). Local ints assigned once (Fixed) are looked
/// through: `int p = 2 * k + off;`.
Overlap overlap(const ExprP &A, const ExprP &B, const FixedInts &Fixed,
                const std::vector<const Stmt *> &Loops = {});

/// The entry of Loops (overlap) for an arm of the branch If: If itself for
/// its body, a statement holding the negated condition (kept in Store) for
/// its else arm; null when the arm assigns a variable the condition reads.
const Stmt *branchGuard(const Stmt &If, bool Else, std::deque<StmtP> &Store);

/// A term coefficient * location of a linear expression; the location is a
/// tangent lvalue (d_x, d_x[i], *d_p).
struct LinearTerm {
  ExprP At;
  ExprP Coef;
};
/// The terms of L, an expression linear in tangents, merged per location
/// (structurally equal lvalues). False when L is not a sum of scaled
/// tangent locations (a linear call, a product of tangents).
bool linearTerms(const ExprP &L, std::vector<LinearTerm> &Out);

/// A tangent assignment read as a step: the location it updates, its pivot
/// a and the partials b_r of the other locations it reads. Pivot is null
/// when it is zero (the old value is not used).
struct StepForm {
  ExprP Self;
  ExprP Pivot;
  std::vector<LinearTerm> Others;
};
bool stepForm(const Stmt &TangentAssign, StepForm &Out);

/// Whether E is non-zero whatever the values it reads: a non-zero literal,
/// exp, exp2, cosh, products and negations of such, quotients with such a
/// dividend, and `?:` with such arms. Const locals are looked through with
/// Defs.
bool structurallyNonZero(const ExprP &E,
                         const std::map<const Var *, ExprP> &Defs);

/// Whether E reads variable V (anywhere, indices included).
bool readsVar(const ExprP &E, const Var *V);

/// The statement as the user wrote it, for messages: "x[1] = sin(x[0]);".
std::string stmtText(const Stmt &S);

} // namespace tad

#endif
