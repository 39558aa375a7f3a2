//===- Frontend/Lower/OpenMP.cpp - OpenMP loops ---------------------------===//
//
// `#pragma omp parallel for` over a loop, with `reduction(+ : ...)`
// clauses on scalars: the loop, marked parallel with its reduction
// variables (Stmt::Parallel, Stmt::Reduction). The modes keep the loop
// parallel; other directives and clauses are refused at their location.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"

#include "clang/AST/OpenMPClause.h"
#include "clang/AST/StmtOpenMP.h"
#include "llvm/Frontend/OpenMP/OMP.h"

using namespace clang;

namespace tad {

void Lowerer::ompDirective(const OMPExecutableDirective *D, StmtList &Out) {
  SourceLocation L = D->getBeginLoc();
  const auto *PF = dyn_cast<OMPParallelForDirective>(D);
  if (!PF)
    fail(L, "'#pragma omp " +
                llvm::omp::getOpenMPDirectiveName(D->getDirectiveKind()).str() +
                "' is not supported: tad differentiates '#pragma omp "
                "parallel for' loops (with reduction(+ : ...) clauses)");
  std::vector<VarP> Reduction;
  for (const OMPClause *C : D->clauses()) {
    const auto *R = dyn_cast<OMPReductionClause>(C);
    if (!R) {
      fail(C->getBeginLoc(),
           "the OpenMP clause '" +
               llvm::omp::getOpenMPClauseName(C->getClauseKind()).str() +
               "' is not supported: tad keeps '#pragma omp parallel for' "
               "loops parallel with reduction(+ : ...) clauses only");
    }
    if (R->getNameInfo().getName().getCXXOverloadedOperator() != OO_Plus ||
        R->getModifier() != OMPC_REDUCTION_unknown)
      fail(C->getBeginLoc(), "only 'reduction(+ : ...)' is supported: tad "
                             "differentiates sums");
    for (const clang::Expr *E : R->varlists()) {
      const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      if (!DRE || !E->getType()->isArithmeticType())
        fail(E->getBeginLoc(), "a reduction variable must be a scalar");
      Reduction.push_back(varFor(DRE->getDecl(), E->getBeginLoc()));
    }
  }
  const auto *Loop = dyn_cast<ForStmt>(
      PF->getInnermostCapturedStmt()->getCapturedStmt()->IgnoreContainers());
  if (!Loop)
    fail(L, "'#pragma omp parallel for' must be followed by a for loop");
  size_t Before = Out.size();
  stmt(Loop, Out);
  if (Out.size() != Before + 1 || !Out.back()->is(Stmt::Kind::For))
    fail(L, "internal error: the loop of '#pragma omp parallel for' did "
            "not lower to one loop");
  Out.back()->Parallel = true;
  Out.back()->Reduction = std::move(Reduction);
}

} // namespace tad
