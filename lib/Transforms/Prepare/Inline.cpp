//===- Transforms/Prepare/Inline.cpp - inline calls that pass arrays ------===//
//
// A VJP transposes a call of a scalar function into a call of the callee's
// VJP, which recomputes the callee from its saved arguments. An array
// argument cannot be saved that way (its length is unknown, and the caller
// may change it after the call), so reverse mode inlines such calls: the
// callee's body, with its parameters bound to the arguments and its locals
// renamed, replaces the call. A recursive call (of a function being
// inlined, or of the function itself) stays a call: the linearizer saves
// its arrays (Reverse/Linearize.cpp, splitCall) and the transpose calls the
// callee's VJP.
//
//===----------------------------------------------------------------------===//
#include "Transforms/Prepare/Inline.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Generator.h"
#include "Transforms/Prepare/Normalize.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace tad {

namespace {

/// Which calls are inlined: those that pass arrays or structs (reverse
/// mode), or with OnlyStructs those that pass or return structs and
/// lambdas' (forward mode too: a struct's fields are variables of the
/// caller, which a callee's derivative cannot take).
bool passesArray(const ExprP &E, bool OnlyStructs) {
  if (!E->isUserCall() || shapeOp(*E) != ShapeOp::None)
    return false;
  if (E->Ty.isRecord() || E->MustInline) // returns a struct; a lambda
    return true;
  for (const ExprP &A : E->Ops)
    if (A->Ty.isRecord() || (A->Ty.IsPointer && !OnlyStructs))
      return true;
  return false;
}

bool hasArrayCall(const ExprP &E, bool OnlyStructs) {
  if (!E)
    return false;
  if (passesArray(E, OnlyStructs))
    return true;
  for (const ExprP &O : E->Ops)
    if (hasArrayCall(O, OnlyStructs))
      return true;
  return false;
}

class Inliner {
public:
  bool KeepJvpRules = false;
  /// Only the calls that pass or return structs, and lambdas' (forward
  /// mode).
  bool OnlyStructs = false;

private:
  FunctionSource &Src;
  NameTable &Names;
  DiagSink &Diags;
  std::vector<const void *> Stack;
  /// The calls kept because they recurse (a call is inlined at most once
  /// per chain of calls).
  std::set<const Expr *> Recursive;
  unsigned Counter = 0;

  using Subst = std::map<const Var *, ExprP>;

  ExprP subst(const ExprP &E, const Subst &M) {
    return rewriteExpr(E, [&](const ExprP &X) -> ExprP {
      // An element of an array of zeros (a null binding) reads as 0.
      if (X->is(Expr::Kind::Index) && X->op(0)->is(Expr::Kind::VarRef))
        if (auto It = M.find(X->op(0)->V.get()); It != M.end()) {
          if (!It->second)
            return lit(0, X->Ty.unqualified());
          // q->x or r.x of a struct pointer or reference bound to one
          // struct: its field, a scalar.
          const ExprP &B = It->second;
          if (!B->Ty.IsPointer && !isOffset(B) &&
              !(B->is(Expr::Kind::VarRef) && B->V->isArray())) {
            if (!X->op(1)->is(Expr::Kind::Lit) || X->op(1)->Value != 0)
              Diags.error(X->Loc, "this struct pointer points to a single "
                                  "struct: only element 0 can be read");
            return B;
          }
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

  /// Binds the struct parameter P to the struct Arg: a pointer or a
  /// reference (or a const reference: read only) names the argument's
  /// fields; a value is a copy, a local declared in Out. False if P is not
  /// a struct.
  bool bindStruct(const VarP &P, const ExprP &Arg, Subst &M, StmtList &Out,
                  SrcLoc Loc) {
    if (!P->Ty.isRecord())
      return false;
    ExprP Place = Arg;
    if (!P->Ty.IsPointer && !P->Ty.ConstRef) {
      VarP V = cloneVar(*P, Names.fresh(P->Name));
      V->IsParam = false;
      V->Ty.Const = false;
      makeFields(V);
      StmtP D = mkDecl(V, nullptr, Loc);
      D->HasInitList = true;
      Out.push_back(std::move(D));
      Place = mkVar(V, Loc);
      copyFields(Place, Arg, Out, Loc);
    }
    std::function<void(const Var &, const ExprP &, const ExprP &)> Bind =
        [&](const Var &Q, const ExprP &To, const ExprP &Of) {
          M[&Q] = To;
          for (size_t K = 0; K < Q.Fields.size(); ++K) {
            // A pointer member of a copy points where the argument's does.
            bool View = Q.Fields[K]->Ty.IsPointer &&
                        !Q.Fields[K]->Ty.Reference && Q.Fields[K]->Dims.empty();
            ExprP A = fieldOfPlace(Of, K);
            Bind(*Q.Fields[K], View ? A : fieldOfPlace(To, K), A);
          }
        };
    Bind(*P, Place, Arg);
    return true;
  }

  /// A copy of L with M applied and fresh names for its locals.
  StmtList cloneInto(const StmtList &L, Subst &M) {
    StmtList Out;
    for (const StmtP &S : L) {
      StmtP C = mkStmt(S->K, S->Loc);
      C->Comment = S->Comment;
      if (S->V) {
        VarP V = cloneVar(*S->V, Names.fresh(S->V->Name));
        M[S->V.get()] = mkVar(V);
        forEachFieldPair(*S->V, *V, [&](const VarP &A, const VarP &B) {
          M[A.get()] = mkVar(B);
        });
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
        if (E->Ty.isRecord() || E->MustInline ||
            std::any_of(E->Ops.begin(), E->Ops.end(),
                        [](const ExprP &A) { return A->Ty.isRecord(); }))
          Diags.error(E->Loc, "recursion through calls that pass or return "
                              "structs is not supported yet ('" +
                                  E->Callee +
                                  "'): tad inlines such calls; pass the "
                                  "members");
        Recursive.insert(E.get());
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
      if (bindStruct(P, Arg, M, Block->Body, E->Loc))
        continue;
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
      StmtP D = mkDecl(Result, nullptr, E->Loc);
      if (Result->Ty.isRecord()) { // a struct: `S _c0 = {};`
        makeFields(Result);
        D->HasInitList = true;
      } else {
        D->Init = lit(0, Result->Ty);
      }
      Pre.push_back(std::move(D));
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
    if (!E || !hasArrayCall(E, OnlyStructs))
      return E;
    // A call in an arm of ?: (or the right of && / ||) runs only when the
    // arm is taken: the arms become the branches of an if.
    if (E->is(Expr::Kind::Select))
      return conditional(E->op(0), E->op(1), E->op(2), E->Ty, E->Loc, Pre);
    if (E->is(Expr::Kind::Binary) && isLogical(E->BOp) &&
        hasArrayCall(E->op(1), OnlyStructs)) {
      // a && b = a ? b : false; a || b = a ? true : b.
      Type Bool = E->Ty;
      bool And = E->BOp == BinOp::LAnd;
      return conditional(E->op(0), And ? E->op(1) : lit(1, Bool),
                         And ? lit(0, Bool) : E->op(1), Bool, E->Loc, Pre);
    }
    auto C = std::make_shared<Expr>(*E);
    for (ExprP &O : C->Ops)
      O = rewrite(O, Pre);
    if (passesArray(C, OnlyStructs)) {
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
      if (hasArrayCall(A, OnlyStructs)) {
        Diags.error(A->Loc, "call the function in a statement of its own, "
                            "before this call");
        return true;
      }
    return true;
  }

  void noCallIn(const ExprP &Cond) {
    if (hasArrayCall(Cond, OnlyStructs))
      Diags.error(Cond->Loc, "reverse mode cannot differentiate a call that "
                             "passes arrays or structs in a loop condition "
                             "yet; call it in the loop body");
  }

public:
  Inliner(FunctionSource &Src, NameTable &Names, DiagSink &Diags)
      : Src(Src), Names(Names), Diags(Diags) {}

  /// F's own calls of itself are recursive: kept, not inlined once.
  void inside(const Function &F) { Stack.push_back(F.Key); }

  StmtList body(const Function &F, const std::vector<ExprP> &Args, SrcLoc Loc) {
    StmtList Out;
    Subst M;
    for (size_t I = 0; I < F.Params.size() && I < Args.size(); ++I) {
      const VarP &P = F.Params[I];
      if (Args[I] && bindStruct(P, Args[I], M, Out, Loc))
        continue;
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
        if (S->LHS->Ty.isRecord()) { // a struct returned: field by field
          copyFields(S->LHS, S->RHS, Pre, S->Loc);
          S.reset();
        }
        break;
      case Stmt::Kind::Return:
        S->Value = rewrite(S->Value, Pre);
        break;
      case Stmt::Kind::ExprStmt:
        if (passesArray(S->Value, OnlyStructs) && !keptCall(S->Value)) {
          ExprP R = rewrite(S->Value, Pre);
          if (R && Recursive.count(R.get()))
            S->Value = R; // a recursive call, kept
          else
            S.reset();
        }
        break;
      case Stmt::Kind::If: // its condition runs once, just before it
        S->Cond = rewrite(S->Cond, Pre);
        S->Body = list(S->Body);
        S->Else = list(S->Else);
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

bool anyArrayCall(const StmtList &L, bool OnlyStructs) {
  for (const StmtP &S : L) {
    for (const ExprP &E : {S->Init, S->RHS, S->Value, S->Cond})
      if (hasArrayCall(E, OnlyStructs))
        return true;
    for (const ExprP &E : S->InitList)
      if (hasArrayCall(E, OnlyStructs))
        return true;
    if (anyArrayCall(S->Body, OnlyStructs) ||
        anyArrayCall(S->Else, OnlyStructs) ||
        anyArrayCall(S->ForInit, OnlyStructs) ||
        anyArrayCall(S->ForInc, OnlyStructs))
      return true;
  }
  return false;
}

} // namespace

FunctionP inlineArrayCalls(const Function &F, FunctionSource &Src,
                           NameTable &Names, DiagSink &Diags,
                           bool KeepJvpRules) {
  if (!anyArrayCall(F.Body, false))
    return nullptr;
  FunctionP N = cloneFunction(F);
  Inliner In(Src, Names, Diags);
  In.KeepJvpRules = KeepJvpRules;
  In.inside(F);
  N->Body = In.list(N->Body);
  return N;
}

FunctionP inlineStructCalls(const Function &F, FunctionSource &Src,
                            NameTable &Names, DiagSink &Diags) {
  if (!anyArrayCall(F.Body, true))
    return nullptr;
  FunctionP N = cloneFunction(F);
  Inliner In(Src, Names, Diags);
  In.OnlyStructs = true;
  N->Body = In.list(N->Body);
  return N;
}

StmtList inlineBody(const Function &F, const std::vector<ExprP> &Args,
                    FunctionSource &Src, NameTable &Names, DiagSink &Diags,
                    SrcLoc Loc) {
  return Inliner(Src, Names, Diags).body(F, Args, Loc);
}

} // namespace tad
