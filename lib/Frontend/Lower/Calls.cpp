//===- Frontend/Lower/Calls.cpp - calls -----------------------------------===//
//
// Calls: the maths library and user functions.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"
#include "Rules/Rules.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace tad {

bool Lowerer::isLibraryFunction(const FunctionDecl *FD,
                                const SourceManager &SM) {
  if (FD->getBuiltinID())
    return true;
  return SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation()));
}

ExprP Lowerer::call(const CallExpr *CE) {
  SourceLocation L = CE->getExprLoc();
  if (isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE))
    fail(L, "member and operator calls are not supported by tad");
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD)
    fail(L, "indirect calls are not supported: tad must see which "
            "function is called");
  if (FD->isVariadic())
    fail(L, "calls to variadic functions such as '" + FD->getNameAsString() +
                "' are not supported");
  Type RT = lowerType(CE->getType(), L, "the result of this call");
  std::vector<ExprP> Args;
  unsigned Index = 0;
  for (const clang::Expr *A : CE->arguments()) {
    QualType AT = A->getType();
    if (AT->isPointerType() || AT->isArrayType()) {
      // The argument is read-only if the callee's parameter says so.
      auto Arg = std::make_shared<tad::Expr>(*arrayBase(A, "argument"));
      if (Index < FD->getNumParams())
        if (const auto *PT =
                FD->getParamDecl(Index)->getType()->getAs<PointerType>())
          Arg->Ty.PointeeConst = PT->getPointeeType().isConstQualified();
      Args.push_back(Arg);
    } else {
      Args.push_back(expr(A));
    }
    ++Index;
  }
  std::string Name = FD->getQualifiedNameAsString();
  if (isLibraryFunction(FD, SM)) {
    const Primitive *P = findMathPrimitive(Name, Args.size());
    bool Floating = RT.isFloating();
    for (const ExprP &A : Args)
      Floating |= A->Ty.isFloating();
    if (P)
      return mkBuiltinCall(P->Id, "std::" + std::string(P->Name),
                           std::move(Args), RT, loc(L));
    if (Floating)
      fail(L, "no derivative rule for library function '" + Name +
                  "'; tad knows the <cmath> functions listed in its "
                  "documentation");
    // A library call on integers: kept as written, carries no derivative.
  }
  if (FD->isVariadic())
    fail(L, "calls to variadic functions are not supported");
  return mkUserCall(Name, ClangFunctionSource::keyOf(FD), std::move(Args), RT,
                    loc(L));
}
} // namespace tad
