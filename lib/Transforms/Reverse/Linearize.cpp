//===- Transforms/Reverse/Linearize.cpp - primal and linear parts ---------===//
#include "Transforms/Reverse/Linearize.h"
#include "Analysis/Barriers.h"
#include "Analysis/Loops.h"
#include "IR/ExprMemo.h"
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Reverse/TapeReserve.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace tad {

ExprP tapePop(const VarP &Tape, const Type &T) {
  if (T.Cont == Container::Vector) // a saved array: pop_elements<int>()
    return mkUserCall(Tape->Name + ".pop_elements<" +
                          cppType(T.element().unqualified()) + ">",
                      nullptr, {}, T.unqualified());
  return mkUserCall(Tape->Name + ".pop<" + cppType(T.unqualified()) + ">",
                    nullptr, {}, T.unqualified());
}

void declareTape(const LinearizedProgram &P, Function &F) {
  if (!P.Tape)
    return;
  P.Tape->Ty = Type::object("tad::Tape");
  F.Body.insert(F.Body.begin(), mkDecl(P.Tape, nullptr));
  F.UsesTape = true;
}

StmtP tapePush(const VarP &Tape, ExprP V) {
  // The type is explicit: an implicit conversion (an int residual read as
  // a double) is not printed, and pop must read what push wrote.
  std::string Name =
      V->Ty.Cont == Container::Vector // a saved array
          ? Tape->Name + ".push_elements"
          : Tape->Name + ".push<" + cppType(V->Ty.unqualified()) + ">";
  return mkExprStmt(mkUserCall(Name, nullptr, {std::move(V)},
                               Type::scalar(ScalarKind::Void)));
}

namespace {

/// V and, for a struct, its fields (the variables the passes see).
void insertWithFields(std::set<const Var *> &Set, const Var *V) {
  Set.insert(V);
  for (const VarP &F : V->Fields)
    insertWithFields(Set, F.get());
}

/// The arrays the calls of S may write: their non-const array arguments
/// (a recursive call's, whose body the linearizer does not see).
void collectCallWrites(const Stmt &S, std::set<const Var *> &Out) {
  std::function<void(const ExprP &)> Visit = [&](const ExprP &E) {
    if (!E)
      return;
    if (E->isUserCall() && E->Target)
      for (const ExprP &A : E->Ops)
        if (A->Ty.IsPointer && !A->Ty.PointeeConst)
          if (VarP R = rootVar(A); R && !R->IsTangent)
            Out.insert(R.get());
    for (const ExprP &O : E->Ops)
      Visit(O);
  };
  for (const ExprP *E : {&S.Init, &S.RHS, &S.Value, &S.Cond})
    Visit(*E);
  for (const StmtList *L : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
    for (const StmtP &C : *L)
      collectCallWrites(*C, Out);
}

/// Variables S reads or writes, nested statements included.
void collectUses(const Stmt &S, std::set<const Var *> &Out) {
  auto Add = [&](const ExprP &E) {
    forEachVar(E, [&](const VarP &V) { Out.insert(V.get()); });
  };
  for (const ExprP *E : {&S.Init, &S.LHS, &S.RHS, &S.Value, &S.Cond})
    Add(*E);
  for (const ExprP &E : S.InitList)
    Add(E);
  if (S.TripCount)
    Out.insert(S.TripCount.get());
  for (const StmtList *L : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
    for (const StmtP &C : *L)
      collectUses(*C, Out);
}

} // namespace

namespace {

class Linearizer {
  const Function &J;
  NameTable &Names;
  DiagSink &Diags;
  LinearizedProgram P;
  std::set<const Var *> Assigned;
  /// The last top-level statement assigning each variable: a variable is
  /// assigned by the statements from k on when its index is k or more.
  std::map<const Var *, size_t> LastAssigned;
  /// Whether a subexpression mentions a tangent, kept per node (linear()
  /// asks at every level).
  ExprMemo<bool> Tangents;
  /// The top-level statement being linearized.
  size_t Cur = 0;
  /// Parameters and locals declared at the top level of the function.
  std::set<const Var *> TopLevel;
  std::set<const Var *> Declared;
  /// Loop counters and nested locals whose value does not change in their
  /// scope (see stable()).
  std::set<const Var *> Stable;
  /// Nested locals assigned once whose value is not stable: the block
  /// saves those the linear program reads (see finishBlock()).
  std::vector<VarP> *Snapshots = nullptr;
  /// Residuals of the linear statement being built (tape pops), and the
  /// values they hold.
  std::vector<VarP> *Pops = nullptr;
  std::map<std::string, VarP> Cache;
  /// The conditions of the select arms being linearized: a residual of an
  /// arm is computed only where the arm is taken (`i > 0 ? sin(x[i - 1])
  /// : 0.0` must not read x[-1] for its residual cos(x[i - 1])).
  ExprP Guard;
  unsigned Depth = 0;
  unsigned Counter = 0;

  /// Whether a top-level statement from the current one on assigns V.
  bool assignedFromCur(const Var *V) const {
    auto It = LastAssigned.find(V);
    return It != LastAssigned.end() && It->second >= Cur;
  }

  VarP fresh(const char *Base, const Type &T) {
    VarP V;
    do
      V = makeVar(std::string(Base) + std::to_string(Counter++),
                  T.unqualified(), {});
    while (Names.taken(V->Name));
    Names.fresh(V->Name);
    return V;
  }

  VarP tape() {
    if (!P.Tape) {
      P.Tape =
          makeVar(Names.fresh("_tape"), Type::scalar(ScalarKind::Void), {});
    }
    return P.Tape;
  }

  /// Whether E has the same value when the transposed program reads it as
  /// when the primal program computes it here, so that it can be
  /// recomputed instead of stored: literals, globals, loop counters of
  /// canonical loops, nested locals assigned once (re-declared by the
  /// transpose), and parameters and top-level variables (arrays included)
  /// that no statement from the current top-level one on assigns.
  bool stable(const ExprP &E) {
    switch (E->K) {
    case Expr::Kind::Lit:
      return true;
    case Expr::Kind::VarRef: {
      const Var *V = E->V.get();
      if (Stable.count(V))
        return true;
      if (TopLevel.count(V))
        return !assignedFromCur(V);
      return !Declared.count(V) && !V->IsParam; // a global
    }
    case Expr::Kind::Call:
      if (E->isUserCall())
        return false;
      break;
    default:
      break;
    }
    for (const ExprP &O : E->Ops)
      if (!stable(O))
        return false;
    return true;
  }

  /// A non-linear value the linear program reads: itself when stable, else
  /// a residual computed here by the primal program.
  ExprP residual(const ExprP &E, StmtList &Fwd) {
    if (stable(E))
      return E;
    // One residual per distinct value a statement reads.
    std::string Key = (Guard ? emitExpr(Guard) + " ? " : "") + emitExpr(E);
    auto It = Cache.find(Key);
    if (It != Cache.end())
      return mkVar(It->second);
    VarP R = fresh("_r", E->Ty);
    Cache[Key] = R;
    ExprP Value = E;
    if (Guard) // where the arm is not taken, the residual is not read
      Value = mkSelect(Guard, E, lit(0, E->Ty.unqualified()), E->Ty, E->Loc);
    if (Depth == 0) {
      P.TopDecls.push_back(mkDecl(R, lit(0, R->Ty)));
      Fwd.push_back(mkAssign(mkVar(R), AssignOp::Set, Value));
    } else {
      Fwd.push_back(tapePush(tape(), Value));
      Pops->push_back(R);
    }
    return mkVar(R);
  }

  /// E with its maximal non-linear parts replaced by residuals.
  ExprP linear(const ExprP &E, StmtList &Fwd) {
    if (!E)
      return E;
    if (!mentionsTangent(E, Tangents))
      return residual(E, Fwd);
    switch (E->K) {
    case Expr::Kind::VarRef:
      return E;
    case Expr::Kind::Index:
      return mkIndex(linear(E->op(0), Fwd), residual(E->op(1), Fwd), E->Loc);
    case Expr::Kind::Select: {
      auto C = std::make_shared<Expr>(*E);
      ExprP Cond = residual(E->op(0), Fwd);
      ExprP Outer = Guard;
      Type Bool = Type::scalar(ScalarKind::Bool);
      auto Within = [&](ExprP G) {
        return Outer ? mkBinary(BinOp::LAnd, Outer, G, Bool) : G;
      };
      Guard = Within(E->op(0));
      ExprP Then = linear(E->op(1), Fwd);
      Guard = Within(mkUnary(UnOp::Not, E->op(0), Bool));
      ExprP Else = linear(E->op(2), Fwd);
      Guard = Outer;
      C->Ops = {Cond, Then, Else};
      return C;
    }
    default: {
      auto C = std::make_shared<Expr>(*E);
      for (ExprP &O : C->Ops)
        O = linear(O, Fwd);
      return C;
    }
    }
  }

  /// Adds a linear statement: its residuals go to Fwd, itself to Lin.
  void linearStmt(const Stmt &S, StmtList &Fwd, StmtList &Lin) {
    StmtP L = cloneStmt(S);
    std::vector<VarP> MyPops;
    Pops = &MyPops;
    Cache.clear();
    if (S.LHS)
      L->LHS = linear(S.LHS, Fwd);
    if (S.RHS)
      L->RHS = (S.AOp == AssignOp::Mul || S.AOp == AssignOp::Div)
                   ? residual(S.RHS, Fwd)
                   : linear(S.RHS, Fwd);
    if (S.Init)
      L->Init = linear(S.Init, Fwd);
    if (S.Value)
      L->Value = linear(S.Value, Fwd);
    for (ExprP &E : L->InitList)
      E = linear(E, Fwd);
    Pops = nullptr;
    L->Pops = std::move(MyPops);
    Lin.push_back(std::move(L));
  }

  /// An array a call whose VJP the transpose calls is passed (a recursive
  /// call: Prepare/Inline keeps it): the array itself where it holds the
  /// same values when the reverse sweep reaches the call, else a copy of
  /// the std::vector's elements, saved before the call.
  ExprP arrayResidual(const ExprP &A, const Var &Param, const Function &G,
                      SrcLoc CallLoc, StmtList &Fwd) {
    if (Param.Ty.PointeeConst && stable(A))
      return A;
    if (!A->is(Expr::Kind::VarRef) || A->Ty.Cont != Container::Vector) {
      Diags.error(CallLoc,
                  "reverse mode through the recursive call of '" + G.Name +
                      "' needs the values of '" + emitExpr(A) +
                      "' as the call sees them, which the call or the code "
                      "after it may change, and can save them for a whole "
                      "std::vector only: pass a std::vector, or an array "
                      "that does not change declared const");
      return A;
    }
    Type T = A->Ty.unqualified();
    T.PointeeConst = false;
    T.Reference = false;
    VarP R = fresh("_saved", T);
    Fwd.push_back(tapePush(tape(), A));
    Pops->push_back(R);
    return mkVar(R);
  }

  /// `T _t = g_jvp(x, d_x, ..., &_d_t)`: the primal program calls g and
  /// keeps its arguments as residuals; the linear program applies g's
  /// linear map, `_d_t = g'(residuals; d_x, ...)`, which the transpose
  /// turns into a call of g_vjp.
  bool splitCall(const Stmt &S, StmtList &Fwd, StmtList &Lin) {
    const ExprP &E = S.is(Stmt::Kind::Decl) ? S.Init : S.Value;
    if (!E || !E->isUserCall() || !E->Target || E->Target->Mode != "JVP")
      return false;
    const auto *G = static_cast<const Function *>(E->Target->Key);
    std::vector<ExprP> PrimalArgs, LinArgs;
    std::vector<VarP> MyPops;
    Pops = &MyPops;
    Cache.clear();
    size_t K = 0;
    for (const VarP &Param : G->Params) {
      const ExprP &A = E->Ops[K++];
      PrimalArgs.push_back(A);
      LinArgs.push_back(Param->Ty.IsPointer
                            ? arrayResidual(A, *Param, *G, E->Loc, Fwd)
                            : residual(A, Fwd));
      if (Param->carriesFloats())
        ++K; // its tangent
    }
    K = 0;
    for (const VarP &Param : G->Params) {
      ++K;
      if (Param->carriesFloats())
        LinArgs.push_back(linear(E->Ops[K++], Fwd));
    }
    Pops = nullptr;
    ExprP Primal = mkUserCall(callName(*G), G->Key, PrimalArgs, E->Ty, E->Loc);
    if (S.is(Stmt::Kind::Decl)) {
      insertWithFields(Declared, S.V.get());
      Fwd.push_back(mkDecl(S.V, Primal, S.Loc));
      if (fixedInScope(S))
        fixedLocal(S, false, Lin);
    } else
      Fwd.push_back(mkExprStmt(Primal, S.Loc));
    bool WritesArrays =
        std::any_of(G->Params.begin(), G->Params.end(), [](const VarP &Param) {
          return Param->Ty.IsPointer && !Param->Ty.PointeeConst &&
                 Param->carriesFloats();
        });
    if (!G->RetTy.isFloating() && !WritesArrays)
      return true;
    auto LC = std::make_shared<Expr>(
        *mkUserCall(qualifiedName(*G), G->Key, LinArgs, E->Ty, E->Loc));
    LC->Target = G;
    LC->LinearCall = true;
    // g's linear map: to its result's tangent, or (a void g) to the
    // tangents of the arrays it writes.
    StmtP L = G->RetTy.isFloating()
                  ? mkAssign(E->Ops.back()->op(0), AssignOp::Set, LC, S.Loc)
                  : mkExprStmt(LC, S.Loc);
    L->Pops = std::move(MyPops);
    Lin.push_back(std::move(L));
    return true;
  }

  bool isLinearStmt(const Stmt &S) {
    if (S.is(Stmt::Kind::Decl))
      return S.V->IsTangent;
    if (S.is(Stmt::Kind::ExprStmt)) {         // a linear call on tangent arrays
      if (shapeOp(*S.Value) != ShapeOp::None) // d_v.push_back(d_x)
        return rootVar(S.Value->op(0)) && rootVar(S.Value->op(0))->IsTangent;
      return S.Value->DirectLinear;
    }
    if (S.is(Stmt::Kind::Assign)) {
      VarP R = rootVar(S.LHS);
      if (!R && S.LHS->is(Expr::Kind::Unary))
        R = rootVar(S.LHS->op(0)); // *d_return
      return R && R->IsTangent;
    }
    return false;
  }

  /// A non-linear value needed by a control statement of the linear
  /// program (condition, trip count): a local outside loops, else pushed
  /// on the tape after the statement by the primal program.
  VarP controlValue(const char *Base, const Type &T, ExprP Init,
                    StmtList &Fwd) {
    VarP V = fresh(Base, T);
    if (Depth == 0) {
      P.TopDecls.push_back(mkDecl(V, lit(0, T)));
      Fwd.push_back(mkAssign(mkVar(V), AssignOp::Set, Init));
    } else {
      Fwd.push_back(mkDecl(V, Init));
    }
    return V;
  }

  void pushAfter(const VarP &V, StmtList &Fwd, Stmt &LinStmt) {
    if (Depth == 0)
      return;
    Fwd.push_back(tapePush(tape(), mkVar(V)));
    LinStmt.Pops.push_back(V);
  }

  void forLoop(const Stmt &S, StmtList &Fwd, StmtList &Lin) {
    // A strided loop runs like a counted one when its step is the same
    // for the reverse sweep (a grid-stride loop's blockDim.x * gridDim.x).
    bool Strided = isStridedFor(S) && stable(S.ForInc[0]->RHS);
    if (!isCanonicalFor(S) && !Strided) {
      // init; while (cond) { body; inc }
      StmtP Block = mkStmt(Stmt::Kind::Block, S.Loc);
      StmtP LinBlock = mkStmt(Stmt::Kind::Block, S.Loc);
      walk(S.ForInit, Block->Body, LinBlock->Body);
      Stmt W(Stmt::Kind::While, S.Loc);
      W.Cond = S.Cond ? S.Cond : lit(1, Type::scalar(ScalarKind::Bool));
      W.Body = cloneList(S.Body);
      for (const StmtP &I : S.ForInc)
        W.Body.push_back(cloneStmt(*I));
      loop(W, Block->Body, LinBlock->Body);
      Fwd.push_back(std::move(Block));
      Lin.push_back(std::move(LinBlock));
      return;
    }
    const Stmt &Init = *S.ForInit[0];
    const Expr &C = *S.Cond;
    StmtP F = cloneStmt(S);
    F->Body.clear();
    F->Reduction.clear(); // the primal's only: no tangents
    for (const VarP &R : S.Reduction)
      if (!R->IsTangent)
        F->Reduction.push_back(R);
    StmtP L = mkStmt(Stmt::Kind::For, S.Loc);
    ++Depth;
    Stable.insert(Init.V.get());
    walk(S.Body, F->Body, L->Body);
    Stable.erase(Init.V.get());
    --Depth;
    if (L->Body.empty()) { // nothing linear inside: no bounds needed
      Fwd.push_back(std::move(F));
      return;
    }
    // The bounds, as the reverse loop reads them: recomputed if stable,
    // else captured before the loop runs.
    VarP A = stable(Init.Init) ? nullptr
                               : controlValue("_a", Init.V->Ty, Init.Init, Fwd);
    VarP B = stable(C.op(1)) ? nullptr
                             : controlValue("_b", C.op(1)->Ty, C.op(1), Fwd);
    L->ForInit.push_back(mkDecl(Init.V, A ? mkVar(A) : Init.Init));
    L->Cond = mkBinary(C.BOp, C.op(0), B ? mkVar(B) : C.op(1), C.Ty);
    L->ForInc.push_back(cloneStmt(*S.ForInc[0]));
    parallelLoop(S, *F, *L);
    if (!F->Body.empty()) { // a loop with nothing primal inside need not run
      Fwd.push_back(std::move(F));
      if (Depth == 0)
        reserveTape(Fwd, Fwd.size() - 1, P.Tape);
    }
    if (A)
      pushAfter(A, Fwd, *L);
    if (B)
      pushAfter(B, Fwd, *L);
    Lin.push_back(std::move(L));
  }

  /// An OpenMP loop stays parallel in the primal program (with the primal
  /// reduction variables) and in the linear one, unless its iterations
  /// need the tape, whose pushes and pops are in order: then both run
  /// sequentially, with a warning.
  void parallelLoop(const Stmt &S, Stmt &F, Stmt &L) {
    if (!S.Parallel)
      return;
    if (!popsTape(L.Body)) {
      L.Parallel = true;
      return;
    }
    F.Parallel = false;
    F.Reduction.clear();
    Diags.warning(S.Loc, "reverse mode runs this OpenMP loop sequentially: "
                         "its iterations overwrite values the reverse sweep "
                         "needs, which go on the tape in order");
  }

  static bool popsTape(const StmtList &L) {
    for (const StmtP &S : L) {
      if (!S->Pops.empty())
        return true;
      for (const StmtList *C : {&S->Body, &S->Else})
        if (popsTape(*C))
          return true;
    }
    return false;
  }

  /// while / do-while: counts its iterations; the transpose runs the body
  /// that many times.
  void loop(const Stmt &S, StmtList &Fwd, StmtList &Lin) {
    StmtP F = mkStmt(S.K, S.Loc);
    F->Comment = S.Comment;
    F->Cond = S.Cond;
    StmtP L = mkStmt(Stmt::Kind::While, S.Loc);
    ++Depth;
    walk(S.Body, F->Body, L->Body);
    --Depth;
    if (L->Body.empty()) { // nothing linear inside
      Fwd.push_back(std::move(F));
      return;
    }
    VarP N = controlValue("_n", Type::integer("int"),
                          lit(0, Type::integer("int")), Fwd);
    L->TripCount = N;
    F->Body.push_back(
        mkAssign(mkVar(N), AssignOp::Add, lit(1, Type::integer("int"))));
    Fwd.push_back(std::move(F));
    if (Depth == 0)
      reserveTape(Fwd, Fwd.size() - 1, P.Tape);
    pushAfter(N, Fwd, *L);
    Lin.push_back(std::move(L));
  }

  /// A nested scalar local assigned only at its declaration: its value is
  /// fixed in its scope.
  bool fixedInScope(const Stmt &S) {
    return Snapshots && S.is(Stmt::Kind::Decl) && S.Init && !S.V->IsTangent &&
           S.V->Dims.empty() && !S.V->Ty.IsPointer &&
           !Assigned.count(S.V.get());
  }

  /// The transpose re-declares a fixed local at the front of its block:
  /// recomputed when its initializer is stable, else saved by the primal
  /// program at the end of the block (finishBlock()).
  void fixedLocal(const Stmt &S, bool Recomputable, StmtList &Lin) {
    Stable.insert(S.V.get());
    if (!Recomputable) {
      Snapshots->push_back(S.V);
      return;
    }
    StmtP D = cloneStmt(S);
    D->Recompute = true;
    D->Comment.clear();
    Lin.push_back(std::move(D));
  }

  /// Ends a nested block: drops the re-declarations the linear program does
  /// not read, and saves the fixed locals it reads that cannot be
  /// recomputed (pushed at the end of the block, so that the transposed
  /// block pops them first).
  void finishBlock(const std::vector<VarP> &Saved, StmtList &Fwd,
                   StmtList &Lin) {
    std::set<const Var *> Used;
    StmtList Kept;
    for (auto It = Lin.rbegin(); It != Lin.rend(); ++It) {
      if ((*It)->Recompute && !Used.count((*It)->V.get()))
        continue;
      collectUses(**It, Used);
      Kept.push_back(std::move(*It));
    }
    Lin.clear();
    for (const VarP &V : Saved) {
      if (!Used.count(V.get()))
        continue;
      ExprP Back;
      if (Depth == 0) {
        VarP R = fresh("_r", V->Ty);
        P.TopDecls.push_back(mkDecl(R, lit(0, R->Ty)));
        Fwd.push_back(mkAssign(mkVar(R), AssignOp::Set, mkVar(V)));
        Back = mkVar(R);
      } else {
        Fwd.push_back(tapePush(tape(), mkVar(V)));
        Back = tapePop(tape(), V->Ty);
      }
      StmtP D = mkDecl(V, Back, V->Loc);
      D->Recompute = true;
      Lin.insert(Lin.begin(), std::move(D)); // the last pushed, first popped
    }
    for (auto It = Kept.rbegin(); It != Kept.rend(); ++It)
      Lin.push_back(std::move(*It));
  }

  void walk(const StmtList &In, StmtList &Fwd, StmtList &Lin) {
    bool Top = &In == &J.Body;
    std::vector<VarP> Saved, *Outer = Snapshots;
    Snapshots = Top ? nullptr : &Saved;
    walkList(In, Top, Fwd, Lin);
    Snapshots = Outer;
    if (!Top)
      finishBlock(Saved, Fwd, Lin);
  }

  void walkList(const StmtList &In, bool Top, StmtList &Fwd, StmtList &Lin) {
    for (size_t I = 0; I < In.size(); ++I) {
      if (Top)
        Cur = I;
      const Stmt &S = *In[I];
      if (isLinearStmt(S)) {
        if (S.is(Stmt::Kind::Decl) && isContainer(*S.V) && S.V->Dims.empty() &&
            !S.V->FinalSize)
          Diags.error(S.Loc,
                      "reverse mode cannot size the cotangent of this "
                      "std::vector: declared in a loop or a block, its size "
                      "changes or depends on values computed in the "
                      "function; declare it in the function's outermost "
                      "block, or give it a size made of parameters");
        linearStmt(S, Fwd, Lin);
        continue;
      }
      if ((S.is(Stmt::Kind::Decl) || S.is(Stmt::Kind::ExprStmt)) &&
          splitCall(S, Fwd, Lin))
        continue;
      switch (S.K) {
      case Stmt::Kind::Decl:
        insertWithFields(Declared, S.V.get());
        Fwd.push_back(cloneStmt(S));
        if (fixedInScope(S))
          fixedLocal(S, stable(S.Init), Lin);
        break;
      case Stmt::Kind::Assign:
      case Stmt::Kind::ExprStmt:
        Fwd.push_back(cloneStmt(S));
        if (isBarrier(S)) // transposed in place (Barriers.h)
          Lin.push_back(cloneStmt(S));
        break;
      case Stmt::Kind::Return:
        if (Depth != 0 || I + 1 != In.size() || &In != &J.Body) {
          Diags.error(S.Loc, "reverse mode does not support a 'return' "
                             "before the end of the function yet");
          break;
        }
        if (S.Value) {
          P.Ret = makeVar(Names.fresh("_ret"), J.RetTy.unqualified(), S.Loc);
          Fwd.push_back(mkDecl(P.Ret, S.Value, S.Loc));
        }
        break;
      case Stmt::Kind::If: {
        StmtP F = mkStmt(Stmt::Kind::If, S.Loc);
        F->Comment = S.Comment;
        F->Cond = S.Cond;
        F->HasElse = S.HasElse;
        StmtP L = mkStmt(Stmt::Kind::If, S.Loc);
        L->HasElse = S.HasElse;
        walk(S.Body, F->Body, L->Body);
        walk(S.Else, F->Else, L->Else);
        if (L->Body.empty() && L->Else.empty()) { // nothing linear inside
          Fwd.push_back(std::move(F));
          break;
        }
        if (stable(S.Cond)) { // recomputed by the transpose
          L->Cond = S.Cond;
          Fwd.push_back(std::move(F));
          Lin.push_back(std::move(L));
          break;
        }
        // The branch taken is a residual, captured before the branch runs.
        VarP C =
            controlValue("_c", Type::scalar(ScalarKind::Bool), S.Cond, Fwd);
        F->Cond = mkVar(C);
        L->Cond = mkVar(C);
        Fwd.push_back(std::move(F));
        pushAfter(C, Fwd, *L);
        Lin.push_back(std::move(L));
        break;
      }
      case Stmt::Kind::For:
        forLoop(S, Fwd, Lin);
        break;
      case Stmt::Kind::While:
      case Stmt::Kind::DoWhile:
        loop(S, Fwd, Lin);
        break;
      case Stmt::Kind::Block: {
        StmtP F = mkStmt(Stmt::Kind::Block, S.Loc);
        StmtP L = mkStmt(Stmt::Kind::Block, S.Loc);
        walk(S.Body, F->Body, L->Body);
        Fwd.push_back(std::move(F));
        Lin.push_back(std::move(L));
        break;
      }
      case Stmt::Kind::Break:
      case Stmt::Kind::Continue:
        Diags.error(S.Loc,
                    std::string("reverse mode does not support '") +
                        (S.is(Stmt::Kind::Break) ? "break" : "continue") +
                        "' yet");
        break;
      }
    }
  }

public:
  Linearizer(const Function &J, NameTable &Names, DiagSink &Diags)
      : J(J), Names(Names), Diags(Diags) {
    collectAssigned(J.Body, Assigned);
    for (const StmtP &S : J.Body)
      collectCallWrites(*S, Assigned);
    for (size_t K = 0; K < J.Body.size(); ++K) {
      std::set<const Var *> InK;
      collectAssigned(*J.Body[K], InK);
      collectCallWrites(*J.Body[K], InK);
      for (const Var *V : InK)
        LastAssigned[V] = K;
    }
    for (const VarP &V : J.Params) {
      insertWithFields(Declared, V.get());
      if (!V->IsTangent)
        insertWithFields(TopLevel, V.get());
    }
    for (const StmtP &S : J.Body)
      if (S->is(Stmt::Kind::Decl) && !S->V->IsTangent)
        insertWithFields(TopLevel, S->V.get());
  }

  LinearizedProgram run() {
    walk(J.Body, P.Primal, P.Linear);
    return std::move(P);
  }
};

} // namespace

LinearizedProgram linearize(const Function &J, NameTable &Names,
                            DiagSink &Diags) {
  return Linearizer(J, Names, Diags).run();
}

} // namespace tad
