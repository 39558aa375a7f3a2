//===- Transforms/Prepare/Inline.cpp - inline calls that pass arrays ------===//
//
// A VJP transposes a call of a scalar function into a call of the callee's
// VJP, which recomputes the callee from its saved arguments. An array
// argument cannot be saved that way (its length is unknown, and the caller
// may change it after the call), so reverse mode inlines such calls: the
// callee's body, with its parameters bound to the arguments and its locals
// renamed, replaces the call.
//
//===----------------------------------------------------------------------===//
#include "Transforms/Prepare/Inline.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Generator.h"
#include "Transforms/Prepare/Normalize.h"

#include <map>
#include <set>

namespace tad {

namespace {

bool passesArray(const ExprP &E) {
  if (!E->isUserCall())
    return false;
  for (const ExprP &A : E->Ops)
    if (A->Ty.IsPointer)
      return true;
  return false;
}

bool hasArrayCall(const ExprP &E) {
  if (!E)
    return false;
  if (passesArray(E))
    return true;
  for (const ExprP &O : E->Ops)
    if (hasArrayCall(O))
      return true;
  return false;
}

class Inliner {
public:
  bool KeepJvpRules = false;

private:
  FunctionSource &Src;
  NameTable &Names;
  DiagSink &Diags;
  std::vector<const void *> Stack;
  unsigned Counter = 0;

  using Subst = std::map<const Var *, ExprP>;

  ExprP subst(const ExprP &E, const Subst &M) {
    return rewriteExpr(E, [&](const ExprP &X) -> ExprP {
      // An element of an array of zeros (a null binding) reads as 0.
      if (X->is(Expr::Kind::Index) && X->op(0)->is(Expr::Kind::VarRef))
        if (auto It = M.find(X->op(0)->V.get()); It != M.end()) {
          if (!It->second)
            return lit(0, X->Ty.unqualified());
          // p[i] with p bound to a + k: a[k + i].
          if (isOffset(It->second))
            return mkIndex(It->second, subst(X->op(1), M), X->Loc);
        }
      if (!X->is(Expr::Kind::VarRef))
        return nullptr;
      auto It = M.find(X->V.get());
      if (It == M.end())
        return nullptr;
      if (!It->second)
        Diags.error(X->Loc, "internal error: an array of zeros is used whole");
      return It->second ? It->second : X;
    });
  }

  /// A copy of L with M applied and fresh names for its locals.
  StmtList cloneInto(const StmtList &L, Subst &M) {
    StmtList Out;
    for (const StmtP &S : L) {
      StmtP C = mkStmt(S->K, S->Loc);
      C->Comment = S->Comment;
      if (S->V) {
        auto V = std::make_shared<Var>(*S->V);
        V->Name = Names.fresh(S->V->Name);
        M[S->V.get()] = mkVar(V);
        C->V = V;
      }
      C->Init = subst(S->Init, M);
      for (const ExprP &X : S->InitList)
        C->InitList.push_back(subst(X, M));
      C->HasInitList = S->HasInitList;
      C->LHS = subst(S->LHS, M);
      C->RHS = subst(S->RHS, M);
      C->AOp = S->AOp;
      C->OtherOpSpelling = S->OtherOpSpelling;
      C->Value = subst(S->Value, M);
      C->HasElse = S->HasElse;
      C->ForInit = cloneInto(S->ForInit, M);
      C->Cond = subst(S->Cond, M);
      C->ForInc = cloneInto(S->ForInc, M);
      C->Body = cloneInto(S->Body, M);
      C->Else = cloneInto(S->Else, M);
      Out.push_back(std::move(C));
    }
    return Out;
  }

  /// Replaces the call E by its callee's body (appended to Pre); returns
  /// the variable that holds its result (null for void).
  ExprP inlineCall(const ExprP &E, StmtList &Pre) {
    for (const void *K : Stack)
      if (K == E->CalleeKey) {
        Diags.error(E->Loc, "reverse mode does not support recursion through "
                            "calls that pass arrays ('" +
                                E->Callee + "') yet");
        return E;
      }
    const Function *G = Src.lower(E->CalleeKey);
    if (!G) {
      Diags.note(E->Loc, "'" + E->Callee +
                             "' is called here, in code tad differentiates");
      return E;
    }
    NameTable CalleeNames(*G);
    FunctionP Normalized = normalizeExits(*G, CalleeNames);
    const Function &B = Normalized ? *Normalized : *G;

    StmtP Block = mkStmt(Stmt::Kind::Block, E->Loc);
    Block->Comment = "inlined call of '" + E->Callee + "'";
    Subst M;
    for (size_t I = 0; I < G->Params.size(); ++I) {
      const VarP &P = G->Params[I];
      ExprP Arg = rewrite(E->Ops[I], Block->Body);
      if (P->Ty.IsPointer) {
        M[P.get()] = Arg;
        continue;
      }
      auto V = std::make_shared<Var>(*P);
      V->IsParam = false;
      V->Name = Names.fresh(P->Name);
      M[P.get()] = mkVar(V);
      Block->Body.push_back(mkDecl(V, Arg, E->Loc));
    }
    VarP Result;
    if (!G->RetTy.isVoid()) {
      Result = makeVar(Names.fresh("_c" + std::to_string(Counter++)),
                       G->RetTy.unqualified(), E->Loc);
      Pre.push_back(mkDecl(Result, lit(0, Result->Ty), E->Loc));
    }
    StmtList Body = cloneInto(B.Body, M);
    for (StmtP &S : Body) {
      if (S->is(Stmt::Kind::Return)) { // the last statement, after Normalize
        if (S->Value && Result)
          Block->Body.push_back(
              mkAssign(mkVar(Result), AssignOp::Set, S->Value, S->Loc));
        continue;
      }
      Block->Body.push_back(std::move(S));
    }
    Stack.push_back(E->CalleeKey);
    Block->Body = list(Block->Body);
    Stack.pop_back();
    Pre.push_back(std::move(Block));
    return Result ? mkVar(Result, E->Loc) : nullptr;
  }

  /// E with its array-passing calls inlined into Pre.
  ExprP rewrite(const ExprP &E, StmtList &Pre) {
    if (!E || !hasArrayCall(E))
      return E;
    // A call in an arm of ?: (or the right of && / ||) runs only when the
    // arm is taken: the arms become the branches of an if.
    if (E->is(Expr::Kind::Select))
      return conditional(E->op(0), E->op(1), E->op(2), E->Ty, E->Loc, Pre);
    if (E->is(Expr::Kind::Binary) && isLogical(E->BOp) &&
        hasArrayCall(E->op(1))) {
      // a && b = a ? b : false; a || b = a ? true : b.
      Type Bool = E->Ty;
      bool And = E->BOp == BinOp::LAnd;
      return conditional(E->op(0), And ? E->op(1) : lit(1, Bool),
                         And ? lit(0, Bool) : E->op(1), Bool, E->Loc, Pre);
    }
    auto C = std::make_shared<Expr>(*E);
    for (ExprP &O : C->Ops)
      O = rewrite(O, Pre);
    if (passesArray(C)) {
      ExprP R = inlineCall(C, Pre);
      return R ? R : lit(0, Type::integer("int"));
    }
    return C;
  }

  /// `C ? A : B` as `T r; if (C) r = A; else r = B;` (each arm's calls
  /// inlined into its branch); returns r.
  ExprP conditional(const ExprP &C, const ExprP &A, const ExprP &B,
                    const Type &Ty, SrcLoc Loc, StmtList &Pre) {
    ExprP Cond = rewrite(C, Pre);
    VarP R = makeVar(Names.fresh("_sel"), Ty.unqualified(), Loc);
    Pre.push_back(mkDecl(R, lit(0, R->Ty), Loc));
    StmtP If = mkStmt(Stmt::Kind::If, Loc);
    If->Cond = Cond;
    If->HasElse = true;
    ExprP TA = rewrite(A, If->Body);
    If->Body.push_back(mkAssign(mkVar(R), AssignOp::Set, TA, Loc));
    ExprP TB = rewrite(B, If->Else);
    If->Else.push_back(mkAssign(mkVar(R), AssignOp::Set, TB, Loc));
    Pre.push_back(std::move(If));
    return mkVar(R, Loc);
  }

  /// A call of a function with a registered array transpose stays a call:
  /// reverse mode transposes it by the rule. So does a call of a function
  /// with a custom JVP when KeepJvpRules: the JVP inlines the rule.
  bool keptCall(const ExprP &E) {
    if (!E->isUserCall() || !E->CalleeKey)
      return false;
    const Function *G = Src.lower(E->CalleeKey);
    if (!G || !(Generator::hasArrayRule(*G) ||
                (KeepJvpRules && G->hasAnnotation("custom_jvp"))))
      return false;
    for (const ExprP &A : E->Ops)
      if (hasArrayCall(A)) {
        Diags.error(A->Loc, "call the function in a statement of its own, "
                            "before this call");
        return true;
      }
    return true;
  }

  void noCallIn(const ExprP &Cond) {
    if (hasArrayCall(Cond))
      Diags.error(Cond->Loc, "reverse mode cannot differentiate a call that "
                             "passes arrays in a condition yet; call it "
                             "before the statement");
  }

public:
  Inliner(FunctionSource &Src, NameTable &Names, DiagSink &Diags)
      : Src(Src), Names(Names), Diags(Diags) {}

  StmtList body(const Function &F, const std::vector<ExprP> &Args, SrcLoc Loc) {
    StmtList Out;
    Subst M;
    for (size_t I = 0; I < F.Params.size() && I < Args.size(); ++I) {
      const VarP &P = F.Params[I];
      if (P->Ty.IsPointer) {
        M[P.get()] = Args[I];
        continue;
      }
      auto V = std::make_shared<Var>(*P);
      V->IsParam = false;
      V->Name = Names.fresh(P->Name);
      M[P.get()] = mkVar(V);
      Out.push_back(
          mkDecl(V, Args[I] ? Args[I] : lit(0, V->Ty.unqualified()), Loc));
    }
    for (StmtP &S : cloneInto(F.Body, M))
      if (!S->is(Stmt::Kind::Return) || S->Value)
        Out.push_back(std::move(S));
    return Out;
  }

  StmtList list(StmtList &L) {
    StmtList Out;
    for (StmtP &S : L) {
      StmtList Pre;
      switch (S->K) {
      case Stmt::Kind::Decl:
        S->Init = rewrite(S->Init, Pre);
        for (ExprP &X : S->InitList)
          X = rewrite(X, Pre);
        break;
      case Stmt::Kind::Assign:
        S->RHS = rewrite(S->RHS, Pre);
        break;
      case Stmt::Kind::Return:
        S->Value = rewrite(S->Value, Pre);
        break;
      case Stmt::Kind::ExprStmt:
        if (passesArray(S->Value) && !keptCall(S->Value)) {
          ExprP R = rewrite(S->Value, Pre);
          (void)R;
          S.reset();
        }
        break;
      default:
        noCallIn(S->Cond);
        S->ForInit = list(S->ForInit);
        S->ForInc = list(S->ForInc);
        S->Body = list(S->Body);
        S->Else = list(S->Else);
        break;
      }
      for (StmtP &P : Pre)
        Out.push_back(std::move(P));
      if (S)
        Out.push_back(std::move(S));
    }
    return Out;
  }
};

bool anyArrayCall(const StmtList &L) {
  for (const StmtP &S : L) {
    for (const ExprP &E : {S->Init, S->RHS, S->Value, S->Cond})
      if (hasArrayCall(E))
        return true;
    for (const ExprP &E : S->InitList)
      if (hasArrayCall(E))
        return true;
    if (anyArrayCall(S->Body) || anyArrayCall(S->Else) ||
        anyArrayCall(S->ForInit) || anyArrayCall(S->ForInc))
      return true;
  }
  return false;
}

} // namespace

FunctionP inlineArrayCalls(const Function &F, FunctionSource &Src,
                           NameTable &Names, DiagSink &Diags,
                           bool KeepJvpRules) {
  if (!anyArrayCall(F.Body))
    return nullptr;
  FunctionP N = cloneFunction(F);
  Inliner In(Src, Names, Diags);
  In.KeepJvpRules = KeepJvpRules;
  N->Body = In.list(N->Body);
  return N;
}

StmtList inlineBody(const Function &F, const std::vector<ExprP> &Args,
                    FunctionSource &Src, NameTable &Names, DiagSink &Diags,
                    SrcLoc Loc) {
  return Inliner(Src, Names, Diags).body(F, Args, Loc);
}

} // namespace tad
