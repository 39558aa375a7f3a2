//===- Frontend/Lower/OpenMP.cpp - parallel loops and atomics -------------===//
//
// `#pragma omp parallel for` over a loop, with `reduction(+ : ...)`
// clauses on scalars: the loop, marked parallel with its reduction
// variables (Stmt::Parallel, Stmt::Reduction). The modes keep the loop
// parallel; other directives and clauses are refused at their location.
// `#pragma omp atomic` over `x += v` (or `-=`), and CUDA's
// `atomicAdd(&x, v);` as a statement: the accumulation, marked atomic
// (Stmt::Atomic); the emitter spells it for the host or the device.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"

#include "clang/AST/OpenMPClause.h"
#include "clang/AST/StmtOpenMP.h"
#include "llvm/Frontend/OpenMP/OMP.h"

using namespace clang;

namespace tad {

namespace {
bool isAccumulation(const StmtList &L, size_t Before) {
  return L.size() == Before + 1 && L.back()->is(tad::Stmt::Kind::Assign) &&
         (L.back()->AOp == AssignOp::Add || L.back()->AOp == AssignOp::Sub);
}
} // namespace

bool Lowerer::atomicAdd(const CallExpr *CE, StmtList &Out) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || FD->getName() != "atomicAdd" || CE->getNumArgs() != 2 ||
      !isLibraryFunction(FD, SM))
    return false;
  const clang::Expr *P = CE->getArg(0)->IgnoreParenImpCasts();
  ExprP Target;
  if (const auto *UO = dyn_cast<UnaryOperator>(P);
      UO && UO->getOpcode() == UO_AddrOf)
    Target = lvalue(UO->getSubExpr());
  else // a pointer into an array: p, a + k
    Target = mkIndex(arrayBase(P, "as atomicAdd's address"),
                     mkLit(0, Type::integer("int")), loc(P->getExprLoc()));
  ExprP V = expr(CE->getArg(1));
  StmtP S = mkAssign(Target, AssignOp::Add, V, loc(CE->getExprLoc()));
  S->Atomic = true;
  Out.push_back(std::move(S));
  return true;
}

void Lowerer::ompDirective(const OMPExecutableDirective *D, StmtList &Out) {
  SourceLocation L = D->getBeginLoc();
  if (const auto *A = dyn_cast<OMPAtomicDirective>(D)) {
    for (const OMPClause *C : D->clauses())
      if (C->getClauseKind() != llvm::omp::OMPC_update)
        fail(C->getBeginLoc(),
             "the OpenMP clause '" +
                 llvm::omp::getOpenMPClauseName(C->getClauseKind()).str() +
                 "' is not supported: tad differentiates '#pragma omp "
                 "atomic' updates 'x += v' and 'x -= v'");
    size_t Before = Out.size();
    const clang::Stmt *Update = A->getAssociatedStmt();
    if (const auto *CS = dyn_cast<CapturedStmt>(Update))
      Update = CS->getCapturedStmt();
    stmt(Update, Out);
    if (!isAccumulation(Out, Before))
      fail(L, "'#pragma omp atomic' is supported on 'x += v' and 'x -= v' "
              "only");
    Out.back()->Atomic = true;
    return;
  }
  const auto *PF = dyn_cast<OMPParallelForDirective>(D);
  if (!PF)
    fail(L, "'#pragma omp " +
                llvm::omp::getOpenMPDirectiveName(D->getDirectiveKind()).str() +
                "' is not supported: tad differentiates '#pragma omp "
                "parallel for' loops (with reduction(+ : ...) clauses) and "
                "'#pragma omp atomic' updates");
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
