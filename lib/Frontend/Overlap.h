//===- Frontend/Overlap.h - disjoint pointers into one array ----*- C++ -*-===//
//
// tad assumes that the arrays a function is given do not overlap (its
// derivatives are generated under that assumption). Two arguments that
// point into the same array, one of them written through, are refused
// unless this proves that the elements the callee reaches through the two
// never meet, as in ADBench's LSTM cell `lstm_model(b, ..., &s[2*i*b],
// &s[2*i*b + b], ...)`, which reads and writes hidden[j] and cell[j] for
// j < b.
//
// The proof: the callee reaches pointer parameter p only as p[e], with e
// an integer polynomial in the callee's unmodified parameters and in the
// counters of canonical loops (`for (int j = A; j < B; ++j)`, A and B in
// the parameters, j written only by the loop); each counter enters e
// linearly with a constant coefficient. Over the loops' ranges that gives
// the lowest and highest element, [lo_p, hi_p], as polynomials in the
// parameters; the call binds them to its arguments. Arguments q + u and
// q + v are disjoint if (v + lo_j) - (u + hi_i) or (u + lo_i) - (v + hi_j)
// is a positive constant. A loop that does not run reaches nothing, so its
// range needs no check.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_FRONTEND_OVERLAP_H
#define TAD_FRONTEND_OVERLAP_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace tad {

/// True if FD, called with the arguments Args, cannot reach one element
/// through both parameter I and parameter J (both pointers, their
/// arguments pointing into the same array). False where that is not
/// proven.
bool provablyDisjoint(clang::ASTContext &Ctx, const clang::FunctionDecl *FD,
                      llvm::ArrayRef<const clang::Expr *> Args, unsigned I,
                      unsigned J);

} // namespace tad

#endif
