//===- Frontend/Lower/Lambdas.cpp - lambdas defined and called locally ----===//
//
// A lambda defined in the function and called there: its call operator is
// lowered where the lambda is defined, by a lowering that shares this
// one's variables (a capture by reference is the variable itself; a
// capture by value, a local copy declared with the lambda), and every call
// of it is inlined by the transforms (Expr::MustInline).
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/LambdaCapture.h"

using namespace clang;

namespace tad {

const CXXMethodDecl *Lowerer::lambda(const LambdaExpr *LE,
                                     const std::string &Name, StmtList &Out) {
  SourceLocation L = LE->getBeginLoc();
  if (!Source)
    fail(L, "lambdas are not supported here");
  const CXXMethodDecl *Op = LE->getCallOperator();
  if (LE->isGenericLambda())
    fail(L, "generic lambdas (with 'auto' parameters) are not supported "
            "yet; give the parameters types");
  // The variables the body reads: this function's, except the copies.
  std::map<const ValueDecl *, VarP> Copies;
  for (const LambdaCapture &C : LE->captures()) {
    if (C.capturesThis())
      fail(C.getLocation(), "lambdas capturing 'this' are not supported yet");
    auto *CV = cast<VarDecl>(C.getCapturedVar());
    SourceLocation CL = C.getLocation();
    if (CV->isInitCapture()) { // [y = expr]
      VarP V = declareLocal(CV);
      if (!V->Dims.empty() || V->Ty.isRecord())
        fail(CL, "an init-capture of an array or a struct is not supported "
                 "yet");
      V->Name = freshName(V->Name);
      Out.push_back(mkDecl(V, expr(CV->getInit()), loc(CL)));
      Copies[CV] = V;
      continue;
    }
    if (C.getCaptureKind() != LCK_ByCopy)
      continue; // by reference: the variable itself
    if (PointerLocals.count(CV))
      fail(CL, "capturing the local pointer '" + CV->getNameAsString() +
                   "' by value is not supported yet; capture it by "
                   "reference");
    // The value the copy takes: the variable (a reference's element).
    ExprP From;
    if (auto A = Aliases.find(CV); A != Aliases.end()) {
      From = A->second;
    } else {
      VarP Of = varFor(CV, CL);
      From = mkVar(Of, loc(CL));
      if (Of->Ty.Reference && Of->Ty.IsPointer)
        From = mkIndex(From, mkLit(0, Type::integer("int")), loc(CL));
    }
    // A pointer parameter copied still points into the caller's array
    // (tad's pointers are not reassigned): the variable itself.
    if (From->is(Expr::Kind::VarRef) && From->Ty.IsPointer &&
        From->V->Dims.empty())
      continue;
    if (From->Ty.IsPointer ||
        (From->is(Expr::Kind::VarRef) && From->V->isArray()))
      fail(CL, "capturing the array '" + CV->getNameAsString() +
                   "' by value is not supported yet; capture it by "
                   "reference");
    auto V = std::make_shared<Var>();
    V->Name = freshName(CV->getNameAsString());
    V->Loc = loc(CL);
    V->Ty = From->Ty.unqualified();
    if (V->Ty.isRecord()) {
      noViewCopy(V->Ty, CL, "capturing by value a struct");
      makeFields(V);
      StmtP D = mkDecl(V, nullptr, V->Loc);
      D->HasInitList = true;
      Out.push_back(std::move(D));
      copyFields(mkVar(V, V->Loc), From, Out, V->Loc);
    } else {
      // Mutable lambdas may change their copy: const only otherwise.
      V->Ty.Const = !LE->isMutable();
      Out.push_back(mkDecl(V, From, V->Loc));
    }
    Copies[CV] = V;
  }
  // The call operator, lowered by a lowering that sees this one's
  // variables, with the copies in place of the variables they copy.
  Lowerer Body(Ctx, Diags);
  Body.Source = Source;
  Body.Vars = Vars;
  Body.Aliases = Aliases;
  Body.PointerLocals = PointerLocals;
  Body.Shapes = Shapes;
  Body.Records = Records;
  Body.RecordDecls = RecordDecls;
  Body.Lambdas = Lambdas;
  Body.CudaBuiltins = CudaBuiltins;
  for (auto &[D, V] : Copies) {
    Body.Vars[D] = V;
    Body.Aliases.erase(D);
  }
  FunctionP F = Body.run(Op);
  F->Name = Name;
  Source->adopt(ClangFunctionSource::keyOf(Op), std::move(F));
  return Op;
}

void Lowerer::lambdaLocal(const VarDecl *VD, StmtList &Out) {
  const clang::Expr *Init =
      VD->getInit() ? VD->getInit()->IgnoreImplicit() : nullptr;
  const auto *LE = dyn_cast_or_null<LambdaExpr>(Init);
  if (!LE)
    fail(VD->getLocation(), "a lambda variable must be initialised with the "
                            "lambda where it is declared");
  Lambdas[VD] = lambda(LE, "_lambda_" + VD->getNameAsString(), Out);
}

bool Lowerer::isLambdaCall(const CallExpr *CE) const {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(CE->getDirectCallee());
  return MD && MD->getParent()->isLambda() && isa<CXXOperatorCallExpr>(CE);
}

} // namespace tad
