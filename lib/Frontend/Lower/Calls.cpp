//===- Frontend/Lower/Calls.cpp - calls -----------------------------------===//
//
// Calls: the maths library and user functions.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"
#include "Frontend/Overlap.h"
#include "Rules/Rules.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <functional>
#include <set>

using namespace clang;

namespace tad {

bool Lowerer::isLibraryFunction(const FunctionDecl *FD,
                                const SourceManager &SM) {
  if (FD->getBuiltinID())
    return true;
  return SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation()));
}

bool Lowerer::holdsFloats(QualType T) {
  std::set<const clang::Type *> Seen;
  std::function<bool(QualType)> Holds = [&](QualType T) -> bool {
    T = T.getNonReferenceType().getCanonicalType();
    if (!Seen.insert(T.getTypePtr()).second)
      return false;
    if (T->isFloatingType())
      return true;
    if (const auto *PT = T->getAs<PointerType>())
      return Holds(PT->getPointeeType());
    if (const auto *AT = Ctx.getAsArrayType(T))
      return Holds(AT->getElementType());
    if (const auto *RD = T->getAsCXXRecordDecl()) {
      if (!RD->hasDefinition())
        return false;
      for (const CXXBaseSpecifier &B : RD->bases())
        if (Holds(B.getType()))
          return true;
      for (const FieldDecl *Field : RD->fields())
        if (Holds(Field->getType()))
          return true;
    }
    return false;
  };
  return Holds(T);
}

/// `S &S::operator+=(...)` and the like: a member returning a reference
/// to its own class (its `return *this;`), lowered as returning nothing.
static bool returnsThis(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  QualType RT = FD->getReturnType();
  if (!MD || !MD->isInstance() || !RT->isLValueReferenceType())
    return false;
  const auto *RD = RT.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->getCanonicalDecl() == MD->getParent()->getCanonicalDecl();
}

ExprP Lowerer::callObject(const CallExpr *CE,
                          std::vector<const clang::Expr *> &Args) {
  Args.assign(CE->arg_begin(), CE->arg_end());
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(CE->getDirectCallee());
  if (MD && MD->getParent()->isLambda() && isa<CXXOperatorCallExpr>(CE)) {
    Args.erase(Args.begin()); // the closure: the call is inlined
    return nullptr;
  }
  if (!MD || !MD->isInstance())
    return nullptr;
  const clang::Expr *Obj = nullptr;
  bool Arrow = false;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    Obj = MC->getImplicitObjectArgument();
    if (const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()))
      Arrow = ME->isArrow();
  } else if (isa<CXXOperatorCallExpr>(CE) && !Args.empty()) {
    Obj = Args.front(); // a member operator: the left operand
    Args.erase(Args.begin());
  }
  if (!Obj)
    fail(CE->getExprLoc(), "tad cannot tell the object of this call");
  if (Arrow) {
    if (isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()) && ThisPlace)
      return ThisPlace;
    return mkIndex(arrayBase(Obj, "before '->'"),
                   mkLit(0, Type::integer("int")), loc(Obj->getExprLoc()));
  }
  return recordPlace(Obj);
}

/// Whether the variable V is W, or a field (at any depth) of W.
static bool within(const Var *V, const Var *W) {
  for (VarP P; V; V = (P = V->Parent.lock()).get())
    if (V == W)
      return true;
  return false;
}

void Lowerer::checkStructOverlaps(const CallExpr *CE, const FunctionDecl *FD,
                                  const ExprP &Object,
                                  const std::vector<const clang::Expr *> &Exprs,
                                  const std::vector<ExprP> &Args) {
  size_t Skip = Object ? 1 : 0;
  // What an argument names: a reference argument's copy stands for the
  // lvalue it is copied back to.
  auto Named = [&](const ExprP &A) -> ExprP {
    if (A->is(Expr::Kind::VarRef))
      for (const StmtP &C : PostCall)
        if (C->RHS->is(Expr::Kind::Index) && C->RHS->op(0)->V == A->V)
          return C->LHS;
    return A;
  };
  auto Writable = [&](size_t I) {
    QualType PT;
    if (I < Skip)
      return !cast<CXXMethodDecl>(FD)->isConst();
    if (I - Skip >= FD->getNumParams())
      return false;
    PT = FD->getParamDecl(I - Skip)->getType();
    if (PT->isReferenceType())
      return !PT.getNonReferenceType().isConstQualified();
    if (const auto *Ptr = PT->getAs<PointerType>())
      return !Ptr->getPointeeType().isConstQualified();
    return false;
  };
  // Passed by reference or pointer (a value is a copy: it overlaps
  // nothing).
  auto ByReference = [&](size_t I) {
    if (I < Skip)
      return true;
    if (I - Skip >= FD->getNumParams())
      return false;
    QualType PT = FD->getParamDecl(I - Skip)->getType();
    return PT->isReferenceType() || PT->isPointerType();
  };
  auto Spelled = [&](size_t I) {
    return I < Skip ? std::string("the object")
                    : "'" + sourceText(Exprs[I - Skip]->getSourceRange()) + "'";
  };
  for (size_t I = 0; I < Args.size(); ++I) {
    if (!Args[I]->Ty.isRecord())
      continue;
    VarP S = rootVar(Args[I]);
    for (size_t J = 0; J < Args.size() && S; ++J) {
      // A struct is bound to its argument (structs that overlap alias as
      // in C++); a scalar passed by reference is a copy, copied back
      // after the call: it must not overlap a struct the callee sees.
      ExprP Of = Named(Args[J]);
      VarP O = rootVar(Of);
      if (I == J || Of == Args[J] || !O ||
          !(within(O.get(), S.get()) || within(S.get(), O.get())))
        continue;
      if (!ByReference(I) || !ByReference(J) || (!Writable(I) && !Writable(J)))
        continue;
      fail(CE->getExprLoc(),
           "passing " + Spelled(I) + " and " + Spelled(J) + " to '" +
               FD->getQualifiedNameAsString() +
               "' is not supported: the second is a member of the first, "
               "passed by reference, and the callee writes one of them");
    }
  }
}

ExprP Lowerer::call(const CallExpr *CE) {
  SourceLocation L = CE->getExprLoc();
  if (ExprP C = containerExpr(CE)) // v[i], v.size()
    return C;
  if (ExprP A = algorithm(CE)) // std::accumulate, *std::max_element, ...
    return A;
  if (ExprP I = iteratorExpr(CE)) // *it, it != v.end()
    return I;
  const FunctionDecl *FD = CE->getDirectCallee();
  // Member functions and operators of the user's structs are calls with
  // the object first; the library's (std::vector, ...) are not modelled.
  if ((isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE)) &&
      (!FD || isLibraryFunction(FD, SM))) {
    std::string What = "a member function or operator";
    if (FD && isa<CXXOperatorCallExpr>(CE))
      What = "'" + FD->getQualifiedNameAsString() + "'";
    else if (FD)
      What = "member function '" + FD->getQualifiedNameAsString() + "'";
    fail(L, "call of " + What +
                " is not supported: tad follows the member functions and "
                "operators of the user's structs, not the library's");
  }
  if (!FD)
    fail(L, "indirect calls are not supported: tad must see which "
            "function is called");
  if (FD->getName() == "atomicAdd" && isLibraryFunction(FD, SM))
    fail(L, "the result of atomicAdd (the old value) is not supported: call "
            "it as a statement, 'atomicAdd(&x, v);'");
  if (FD->getReturnType()->isLValueReferenceType() &&
      !isLibraryFunction(FD, SM) && !returnsThis(FD))
    return referenceCall(CE);
  // A library function without a rule that takes something it may write
  // (std::fill, std::copy, std::swap, memcpy): tad cannot see the writes.
  if (isLibraryFunction(FD, SM) &&
      !findMathPrimitive(FD->getQualifiedNameAsString(), CE->getNumArgs()))
    for (const ParmVarDecl *P : FD->parameters()) {
      QualType PT = P->getType(), Pointee;
      if (PT->isPointerType())
        Pointee = PT->getPointeeType();
      else if (PT->isReferenceType())
        Pointee = PT.getNonReferenceType();
      if (!Pointee.isNull() && !Pointee.isConstQualified())
        fail(L, "call of '" + FD->getQualifiedNameAsString() +
                    "' is not supported: tad cannot see what it writes");
    }
  if (FD->isVariadic())
    fail(L, "calls to variadic functions such as '" + FD->getNameAsString() +
                "' are not supported");
  Type RT = returnsThis(FD)
                ? Type::scalar(ScalarKind::Void)
                : lowerType(CE->getType(), L, "the result of this call");
  std::vector<const clang::Expr *> ArgExprs;
  ExprP Object = callObject(CE, ArgExprs);
  if (isLambdaCall(CE)) {
    // f(x) of a local lambda f, or [&](double t) {...}(x).
    const clang::Expr *Closure = CE->getArg(0)->IgnoreImplicit();
    const auto *DRE = dyn_cast<DeclRefExpr>(Closure);
    if (const auto *LE = dyn_cast<LambdaExpr>(Closure)) {
      if (!CopyBack || NoCopyBack)
        fail(L, "a lambda called where it is defined is supported in a "
                "statement that is a declaration, an assignment, a call or "
                "a return, or in an 'if' or loop condition, only, not in a "
                "'for' "
                "loop's initializer or increment");
      lambda(LE, freshName("_lambda"), PreCall);
    } else if (!DRE || !Lambdas.count(DRE->getDecl())) {
      fail(L, "tad follows calls of lambdas defined in this function only");
    }
  }
  std::vector<ExprP> Args;
  if (Object)
    Args.push_back(Object);
  unsigned Index = 0;
  for (const clang::Expr *A : ArgExprs) {
    QualType AT = A->getType();
    // A non-const reference parameter: the callee may write the caller's
    // variable, and tad would not see it (the caller's tangent would be
    // left as it was). References are not supported yet.
    // A container: the array it holds, read-only if the parameter is.
    if (ExprP C = containerVar(A); C && Index < FD->getNumParams()) {
      auto Arg = std::make_shared<tad::Expr>(*C);
      Arg->Ty.PointeeConst = FD->getParamDecl(Index)
                                 ->getType()
                                 .getNonReferenceType()
                                 .isConstQualified();
      Args.push_back(Arg);
      ++Index;
      continue;
    }
    if (Index < FD->getNumParams()) {
      const ParmVarDecl *P = FD->getParamDecl(Index);
      QualType PT = P->getType();
      if (PT->isReferenceType() &&
          !PT.getNonReferenceType().isConstQualified() &&
          !Ctx.getAsConstantArrayType(PT.getNonReferenceType()) &&
          !scalarType(PT.getNonReferenceType()) &&
          !PT.getNonReferenceType()->isRecordType() && holdsFloats(PT)) {
        std::string PName = P->getNameAsString();
        fail(A->getExprLoc(),
             "passing '" + sourceText(A->getSourceRange()) +
                 "' by reference to " +
                 (PName.empty() ? std::string("a parameter")
                                : "parameter '" + PName + "'") +
                 " of '" + FD->getQualifiedNameAsString() + "' (type '" +
                 PT.getAsString() +
                 "') is not supported yet: tad does not follow writes "
                 "through references; pass a pointer instead");
      }
    }
    if (Index < FD->getNumParams()) {
      QualType PT = FD->getParamDecl(Index)->getType();
      if (PT->isLValueReferenceType() &&
          !PT.getNonReferenceType().isConstQualified() &&
          scalarType(PT.getNonReferenceType())) {
        Args.push_back(referenceArg(A, FD->getParamDecl(Index), FD, Args));
        ++Index;
        continue;
      }
    }
    // A struct, by value or by reference, or &s to a pointer parameter:
    // the struct itself (the call is inlined: Prepare/Inline).
    if (Index < FD->getNumParams()) {
      QualType PT = FD->getParamDecl(Index)->getType().getNonReferenceType();
      if (const auto *Ptr = PT->getAs<PointerType>())
        PT = Ptr->getPointeeType();
      const auto *UO = dyn_cast<UnaryOperator>(A->IgnoreParenImpCasts());
      if (PT->isRecordType() &&
          (!AT->isPointerType() ||
           (UO && UO->getOpcode() == UO_AddrOf &&
            !isa<ArraySubscriptExpr>(UO->getSubExpr()->IgnoreParens())))) {
        const clang::Expr *X = AT->isPointerType() ? UO->getSubExpr() : A;
        // A call returning a struct (`f(a + b)`) is inlined first.
        const clang::Expr *Y = X->IgnoreImplicit();
        Args.push_back(isa<CallExpr>(Y) ? expr(Y) : recordPlace(X));
        ++Index;
        continue;
      }
    }
    // &x of a scalar (an output argument): through a one-element copy.
    if (const auto *UO = dyn_cast<UnaryOperator>(A->IgnoreParenImpCasts()))
      if (UO->getOpcode() == UO_AddrOf && Index < FD->getNumParams() &&
          FD->getParamDecl(Index)->getType()->isPointerType()) {
        const clang::Expr *X = UO->getSubExpr()->IgnoreParens();
        const auto *DRE = dyn_cast<DeclRefExpr>(X);
        if (DRE && !PointerLocals.count(DRE->getDecl()) &&
            scalarType(DRE->getType())) {
          Args.push_back(
              referenceArg(A, FD->getParamDecl(Index), FD, Args, true));
          ++Index;
          continue;
        }
      }
    if (AT->isPointerType() || AT->isArrayType()) {
      // The argument is read-only if the callee's parameter says so.
      auto Arg = std::make_shared<tad::Expr>(*arrayBase(A, "argument"));
      if (Index < FD->getNumParams()) {
        QualType PT = FD->getParamDecl(Index)->getType();
        if (const auto *Ptr = PT->getAs<PointerType>())
          Arg->Ty.PointeeConst = Ptr->getPointeeType().isConstQualified();
        else if (PT->isReferenceType()) // T (&)[N]
          Arg->Ty.PointeeConst =
              Ctx.getBaseElementType(PT.getNonReferenceType())
                  .isConstQualified();
      }
      Args.push_back(Arg);
    } else {
      Args.push_back(expr(A));
    }
    ++Index;
  }
  // Two pointers into one array, one of them writable: the callee may
  // write what it reads through the other, which tad assumes it does not,
  // unless the elements it reaches through the two provably never meet.
  size_t Skip = Object ? 1 : 0; // CE's arguments follow the object
  for (size_t I = Skip; I < Args.size(); ++I)
    for (size_t J = Skip; J < Args.size(); ++J)
      if (I != J && Args[I]->Ty.IsPointer && Args[J]->Ty.IsPointer &&
          !Args[I]->Ty.Reference && !Args[I]->Ty.PointeeConst &&
          Args[I]->Ty.holdsFloats() && rootVar(Args[I]) &&
          rootVar(Args[I]) == rootVar(Args[J]) &&
          !provablyDisjoint(Ctx, FD, ArgExprs, I - Skip, J - Skip))
        fail(ArgExprs[I - Skip]->getExprLoc(),
             "passing '" + sourceText(ArgExprs[I - Skip]->getSourceRange()) +
                 "' and '" + sourceText(ArgExprs[J - Skip]->getSourceRange()) +
                 "' to '" + FD->getQualifiedNameAsString() +
                 "' is not supported: both point into '" +
                 rootVar(Args[I])->Name +
                 "' and the callee may write through the first; tad "
                 "assumes the arrays passed to a function do not overlap, "
                 "and cannot prove that these two reach disjoint elements");
  checkStructOverlaps(CE, FD, Object, ArgExprs, Args);
  std::string Name = FD->getQualifiedNameAsString();
  if (isLibraryFunction(FD, SM)) {
    const Primitive *P = findMathPrimitive(Name, Args.size());
    bool Floating = RT.isFloating();
    for (const ExprP &A : Args)
      Floating |= A->Ty.isFloating();
    // A CUDA device function (tad/cuda_prelude.h: sinf, __expf, rsqrt)
    // keeps its name; the generated code calls the same function.
    bool Device = FD->hasAttr<CUDADeviceAttr>() && !FD->hasAttr<CUDAHostAttr>();
    // std::numeric_limits<double>::max (a static member) as written.
    if (P)
      return mkBuiltinCall(P->Id,
                           Device ? FD->getNameAsString()
                           : isa<CXXMethodDecl>(FD)
                               ? Name
                               : "std::" + std::string(P->Name),
                           std::move(Args), RT, loc(L));
    if (Floating)
      fail(L, "no derivative rule for library function '" + Name +
                  "'; tad knows the <cmath> functions listed in its "
                  "documentation");
    // A library call on integers: kept as written, carries no derivative.
  }
  if (FD->isVariadic())
    fail(L, "calls to variadic functions are not supported");
  // An instantiation of a function template is called with its template
  // arguments, as written or deduced: `sq<double>(x)`, `power<3>(x)`.
  if (FD->getTemplateSpecializationArgs())
    Name = templateCallName(FD);
  auto Call = std::make_shared<tad::Expr>(
      *mkUserCall(isLambdaCall(CE) ? std::string("lambda") : Name,
                  ClangFunctionSource::keyOf(FD), std::move(Args), RT, loc(L)));
  Call->MustInline = isLambdaCall(CE);
  return Call;
}
} // namespace tad
