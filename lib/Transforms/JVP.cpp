//===- Transforms/JVP.cpp - forward mode ----------------------------------===//
//
// The JVP pairs every active value with its tangent. Expressions are
// differentiated into (primal, tangent) pairs by the rule table; results of
// user calls, and of maths functions whose rule reuses the result, are bound
// to temporaries placed before the statement. Tangent updates of an
// assignment are emitted before the primal update, so they read the old
// primal values.
//
//===----------------------------------------------------------------------===//
#include "Transforms/JVP.h"
#include "Analysis/Activity.h"
#include "Transforms/ExprBuilder.h"
#include "Transforms/Generator.h"
#include "Transforms/Inline.h"
#include "Transforms/LinearTranspose.h"
#include "Transforms/Names.h"
#include "Transforms/Rules.h"

#include <functional>
#include <map>
#include <set>

namespace tad {

namespace {

std::string tangentName(const std::string &Primal) { return "d_" + Primal; }

class JvpBuilder {
  const Function &F;
  Function &J;
  Generator &Gen;
  ActivityInfo Act;
  /// Act's answers about expressions, kept per node.
  ActiveExprs ActE{Act};
  NameTable Names;
  std::map<const Var *, VarP> Tan;
  VarP DReturn;
  /// Hoisted temporaries for the statement being transformed.
  StmtList *Pre = nullptr;
  /// Inside a ?: arm, maths results are recomputed instead of hoisted so
  /// that nothing is evaluated that the user's code would not evaluate.
  bool InSelectArm = false;
  /// The source line last noted in a comment, so a line is noted once.
  unsigned LastCommentLine = 0;

  struct Dual {
    ExprP P, T; ///< primal, tangent (null: zero)
  };

  unsigned TempCount = 0;
  /// A temporary _tN (and its tangent _d_tN share the number).
  std::pair<VarP, VarP> temps(const Type &Ty, SrcLoc Loc) {
    std::string N;
    do
      N = std::to_string(TempCount++);
    while (Names.taken("_t" + N) || Names.taken("_d_t" + N));
    VarP D = makeVar(Names.fresh("_d_t" + N), Ty.unqualified(), Loc);
    D->IsTangent = true;
    return {makeVar(Names.fresh("_t" + N), Ty.unqualified(), Loc), D};
  }

  VarP tangentOf(const Var *V) {
    auto It = Tan.find(V);
    return It == Tan.end() ? nullptr : It->second;
  }

  /// The tangent of an lvalue (x, x[i]); null when it has none.
  ExprP tangentLValue(const ExprP &E) {
    if (E->is(Expr::Kind::VarRef)) {
      VarP T = Act.isActive(E->V.get()) || E->V->IsParam ? tangentOf(E->V.get())
                                                         : nullptr;
      return T ? mkVar(T, E->Loc) : nullptr;
    }
    if (E->is(Expr::Kind::Index)) {
      ExprP Base = tangentLValue(E->op(0));
      return Base ? mkIndex(Base, E->op(1), E->Loc) : nullptr;
    }
    return nullptr;
  }

  bool needsDiff(const ExprP &E) {
    return ActE.isActive(E) || ActE.hasActiveEffects(E);
  }

  /// `c ? A : B` whose arms call user functions: the calls must run only
  /// in their arm, so the select becomes a branch assigning temporaries.
  Dual selectAsBranch(const ExprP &E) {
    auto [T, DT] = temps(E->Ty, E->Loc);
    bool Floating = E->Ty.isFloating();
    Pre->push_back(mkDecl(T, nullptr, E->Loc));
    if (Floating)
      Pre->push_back(mkDecl(DT, lit(0, E->Ty), E->Loc));
    StmtP If = mkStmt(Stmt::Kind::If, E->Loc);
    If->Cond = E->op(0);
    If->HasElse = true;
    StmtList *Outer = Pre;
    for (int Arm = 1; Arm <= 2; ++Arm) {
      StmtList &L = Arm == 1 ? If->Body : If->Else;
      Pre = &L;
      Dual D = diff(E->op(Arm));
      L.push_back(mkAssign(mkVar(T), AssignOp::Set, D.P, E->Loc));
      if (Floating && D.T)
        L.push_back(
            mkAssign(mkVar(DT), AssignOp::Set, convert(D.T, E->Ty), E->Loc));
    }
    Pre = Outer;
    Pre->push_back(std::move(If));
    return {mkVar(T, E->Loc), Floating ? mkVar(DT, E->Loc) : nullptr};
  }

  /// An expression without a tangent of its own (integer, bool) that holds
  /// a call writing a tracked array: keep it, with that call differentiated.
  Dual rebuildPrimal(const ExprP &E) {
    if (!ActE.hasActiveEffects(E))
      return {E, nullptr};
    if (E->is(Expr::Kind::Binary) && isLogical(E->BOp) &&
        ActE.hasActiveEffects(E->op(1))) {
      // The call runs only when the left operand says so: a && b is
      // a ? b : false, a || b is a ? true : b, as an if.
      ExprP True = mkLit(1, E->Ty), False = mkLit(0, E->Ty);
      bool And = E->BOp == BinOp::LAnd;
      return selectAsBranch(mkSelect(E->op(0), And ? E->op(1) : True,
                                     And ? False : E->op(1), E->Ty, E->Loc));
    }
    auto Copy = std::make_shared<Expr>(*E);
    for (ExprP &O : Copy->Ops)
      O = diff(O).P;
    return {Copy, nullptr};
  }

  Dual diff(const ExprP &E) {
    if (!E || !needsDiff(E))
      return {E, nullptr};
    if (E->isUserCall())
      return diffUserCall(E, true);
    if (!E->Ty.isFloating() && !E->is(Expr::Kind::Select))
      return rebuildPrimal(E);
    switch (E->K) {
    case Expr::Kind::Lit:
      return {E, nullptr};
    case Expr::Kind::VarRef:
    case Expr::Kind::Index:
      return {E, E->Ty.isFloating() ? tangentLValue(E) : nullptr};
    case Expr::Kind::Unary: {
      if (E->UOp != UnOp::Neg || !E->Ty.isFloating())
        return {E, nullptr};
      Dual X = diff(E->op(0));
      std::vector<ExprP> Xs{X.P}, DXs{X.T};
      return {mkUnary(UnOp::Neg, X.P, E->Ty, E->Loc),
              negPrimitive().Jvp({Xs, DXs, nullptr, E->Ty})};
    }
    case Expr::Kind::Binary: {
      if (!E->Ty.isFloating())
        return {E, nullptr}; // comparisons, integer arithmetic
      Dual L = diff(E->op(0)), R = diff(E->op(1));
      std::vector<ExprP> Xs{L.P, R.P}, DXs{L.T, R.T};
      return {mkBinary(E->BOp, L.P, R.P, E->Ty, E->Loc),
              binaryPrimitive(E->BOp).Jvp({Xs, DXs, nullptr, E->Ty})};
    }
    case Expr::Kind::Select: {
      if (callsUserFunction(E->op(1)) || callsUserFunction(E->op(2)))
        return selectAsBranch(E);
      if (callsUserFunction(E->op(0))) {
        // The condition calls a function (which may write arrays, tracked
        // or not): it runs once, differentiated, and both the primal and
        // the tangent select read its value.
        auto [C, Unused] = temps(E->op(0)->Ty, E->Loc);
        C->Ty.Const = true;
        Pre->push_back(mkDecl(C, diff(E->op(0)).P, E->Loc));
        auto Copy = std::make_shared<Expr>(*E);
        Copy->Ops[0] = mkVar(C, E->Loc);
        return diff(Copy);
      }
      bool Saved = InSelectArm;
      InSelectArm = true;
      Dual T = diff(E->op(1)), Fa = diff(E->op(2));
      InSelectArm = Saved;
      return {mkSelect(E->op(0), T.P, Fa.P, E->Ty, E->Loc),
              E->Ty.isFloating() ? select(E->op(0), T.T, Fa.T, E->Ty)
                                 : nullptr};
    }
    case Expr::Kind::Cast: {
      if (!E->Ty.isFloating() || !E->op(0)->Ty.isFloating())
        return {E, nullptr};
      Dual X = diff(E->op(0));
      return {mkCast(E->Ty, X.P, E->Loc), convert(X.T, E->Ty)};
    }
    case Expr::Kind::Call:
      return E->Builtin >= 0 ? diffBuiltin(E) : diffUserCall(E, true);
    }
    return {E, nullptr};
  }

  Dual diffBuiltin(const ExprP &E) {
    const Primitive &P = primitive(E->Builtin);
    std::vector<ExprP> Xs, DXs;
    bool Any = false;
    for (const ExprP &A : E->Ops) {
      Dual D = diff(A);
      Xs.push_back(D.P);
      DXs.push_back(D.T);
      Any |= D.T != nullptr;
    }
    ExprP Call = mkBuiltinCall(E->Builtin, E->Callee, Xs, E->Ty, E->Loc);
    if (!Any || !E->Ty.isFloating())
      return {Call, nullptr};
    if (P.UsesResult && !InSelectArm) {
      // Bind the result to a temporary if the rule does read it.
      VarP T = temps(E->Ty, E->Loc).first;
      T->Ty.Const = true;
      ExprP Result = mkVar(T, E->Loc);
      ExprP Tangent = P.Jvp({Xs, DXs, Result, E->Ty});
      bool Reads = false;
      forEachVar(Tangent, [&](const VarP &V) { Reads |= V == T; });
      if (Reads) {
        Pre->push_back(mkDecl(T, Call, E->Loc));
        return {Result, Tangent};
      }
      --TempCount;
      return {Call, Tangent};
    }
    return {Call, P.Jvp({Xs, DXs, Call, E->Ty})};
  }

  /// Arguments of a call to Callee's JVP: each floating argument followed by
  /// its tangent (zero, or a tangent array).
  std::vector<ExprP> jvpArgs(const ExprP &E, const Function &Callee) {
    std::vector<ExprP> Args;
    for (size_t I = 0; I < E->Ops.size(); ++I) {
      const ExprP &A = E->Ops[I];
      const Type &PT = Callee.Params[I]->Ty;
      if (PT.IsPointer) {
        Args.push_back(A);
        if (PT.isFloating()) {
          ExprP TA = tangentLValue(A);
          if (!TA) {
            // A global array: a pointer variable that is no parameter
            // (local pointers are rejected when lowering).
            bool Global = A->is(Expr::Kind::VarRef) && !A->V->IsParam &&
                          A->V->Dims.empty() && A->V->Ty.IsPointer;
            Gen.diags().error(
                A->Loc, Global
                            ? "cannot differentiate the call to '" + E->Callee +
                                  "': passing the global array '" + A->V->Name +
                                  "' to a differentiated function is not "
                                  "supported yet; copy it into a local array"
                            : "cannot differentiate the call to '" + E->Callee +
                                  "': tad cannot follow this pointer argument; "
                                  "pass an array variable");
            TA = A;
          }
          Args.push_back(TA);
        }
        continue;
      }
      Dual D = diff(A);
      Args.push_back(D.P);
      if (PT.isFloating())
        Args.push_back(orZero(convert(D.T, PT), PT));
    }
    return Args;
  }

  /// A call of a user function: through its JVP when anything about it is
  /// active. WantValue: the result is used (so it is hoisted).
  /// A call of g with a custom transpose, g(res..., lin): its tangent is
  /// the same call on lin's tangent (so that reverse mode transposes it by
  /// g's rule); residuals must not carry a tangent.
  Dual diffCustomTransposeCall(const ExprP &E, const Function &G) {
    std::vector<size_t> LinIdx = Generator::customLinearParams(G);
    auto IsLin = [&](size_t I) {
      return std::find(LinIdx.begin(), LinIdx.end(), I) != LinIdx.end();
    };
    std::vector<ExprP> Primal, Tangent;
    bool LinActive = false, ArrayMissing = false;
    for (size_t I = 0; I < E->Ops.size(); ++I) {
      if (G.Params[I]->Ty.IsPointer) { // an array: its tangent array
        Primal.push_back(E->Ops[I]);
        ExprP TA = IsLin(I) ? tangentLValue(E->Ops[I]) : nullptr;
        if (IsLin(I)) {
          LinActive |= TA != nullptr;
          ArrayMissing |= TA == nullptr;
        } else if (Act.Varied.count(rootVar(E->Ops[I]).get())) {
          // (Varied, not active: any local array handed to a call is
          // active, a derivative-free table too.)
          residualError(E->Ops[I], G, I, LinIdx);
        }
        Tangent.push_back(TA ? TA : E->Ops[I]);
        continue;
      }
      Dual D = diff(E->Ops[I]);
      Primal.push_back(D.P);
      if (IsLin(I)) {
        LinActive |= D.T != nullptr;
        Tangent.push_back(orZero(convert(D.T, G.Params[I]->Ty),
                                 G.Params[I]->Ty.unqualified()));
        continue;
      }
      if (D.T)
        residualError(E->Ops[I], G, I, LinIdx);
      Tangent.push_back(D.P);
    }
    if (!G.HasBody && !Gen.buildingReverse())
      Gen.diags().error(E->Loc, "forward mode through '" + G.Name +
                                    "' is not available: it has no "
                                    "definition, only a registered transpose "
                                    "(a custom VJP)");
    auto P = std::make_shared<Expr>(*E);
    P->Ops = Primal;
    if (!LinActive) // linear in a zero tangent
      return {P, nullptr};
    if (ArrayMissing)
      Gen.diags().error(E->Loc, "cannot differentiate this call of '" + G.Name +
                                    "': some of its linear arrays carry a "
                                    "derivative and others do not; pass "
                                    "arrays that all do");
    auto T = std::make_shared<Expr>(*E);
    T->Ops = Tangent;
    T->Target = &G;
    T->DirectLinear = true;
    return {P, T};
  }

  void residualError(const ExprP &Arg, const Function &G, size_t I,
                     const std::vector<size_t> &LinIdx) {
    std::string Lins;
    for (size_t L : LinIdx)
      Lins += (Lins.empty() ? "'" : ", '") + G.Params[L]->Name + "'";
    Gen.diags().error(Arg->Loc,
                      "cannot differentiate with respect to '" +
                          G.Params[I]->Name + "', a residual of '" + G.Name +
                          "': its custom transpose is linear in " + Lins +
                          " only (JVP with respect to a residual "
                          "of a custom-transpose function is not "
                          "supported)");
  }

  Dual diffUserCall(const ExprP &E, bool WantValue) {
    if (E->CalleeKey)
      if (const Function *G = Gen.source().lower(E->CalleeKey))
        if (G->hasAnnotation("custom_transpose"))
          return diffCustomTransposeCall(E, *G);
    const Function *CJ = Gen.requestJvp(E->CalleeKey, E->Callee, E->Loc);
    if (!CJ)
      return {E, nullptr};
    const Function *Callee = calleePrimal(*CJ);
    std::vector<ExprP> Args = jvpArgs(E, *Callee);
    if (!E->Ty.isFloating()) {
      ExprP Call = mkUserCall(qualifiedName(*CJ), CJ->Key, Args, E->Ty, E->Loc);
      return {Call, nullptr};
    }
    auto [T, DT] = temps(E->Ty, E->Loc);
    Pre->push_back(mkDecl(DT, nullptr, E->Loc));
    Args.push_back(mkUnary(UnOp::AddrOf, mkVar(DT), pointerTo(E->Ty)));
    auto CallNode = std::make_shared<Expr>(
        *mkUserCall(qualifiedName(*CJ), CJ->Key, Args, E->Ty, E->Loc));
    CallNode->Target = CJ;
    ExprP Call = CallNode;
    if (!WantValue) {
      Pre->push_back(mkExprStmt(Call, E->Loc));
      return {nullptr, nullptr};
    }
    T->Ty.Const = true;
    Pre->push_back(mkDecl(T, Call, E->Loc));
    return {mkVar(T, E->Loc), mkVar(DT, E->Loc)};
  }

  static Type pointerTo(const Type &T) {
    Type P = T.unqualified();
    P.IsPointer = true;
    return P;
  }

  /// The primal callee's parameter list is the JVP's, minus tangents: the
  /// generator keeps the primal at hand through the JVP's Key.
  const Function *calleePrimal(const Function &CJ) {
    return static_cast<const Function *>(CJ.Key);
  }

  void emitWithComment(StmtList &Out, StmtList &&Stmts, const Stmt &Src) {
    if (Stmts.empty())
      return;
    if (Src.Loc.Line && Src.Loc.Line != LastCommentLine)
      Stmts.front()->Comment = "line " + std::to_string(Src.Loc.Line);
    LastCommentLine = Src.Loc.Line;
    for (StmtP &S : Stmts)
      Out.push_back(std::move(S));
  }

  void decl(const Stmt &S, StmtList &Out) {
    const Var *V = S.V.get();
    if (!Act.isActive(V)) {
      StmtList Pre0;
      Pre = &Pre0;
      StmtP C = cloneStmt(S);
      if (S.Init && ActE.hasActiveEffects(S.Init))
        C->Init = diff(S.Init).P;
      Pre0.push_back(std::move(C));
      if (Pre0.size() > 1)
        emitWithComment(Out, std::move(Pre0), S);
      else
        Out.push_back(std::move(Pre0.front()));
      return;
    }
    VarP DV = makeVar(Names.fresh(tangentName(V->Name)), V->Ty, V->Loc);
    DV->IsTangent = true;
    DV->Dims = V->Dims;
    Tan[V] = DV;
    StmtList Group;
    Pre = &Group;
    StmtP Primal = cloneStmt(S);
    StmtP Tangent = mkDecl(DV, nullptr, S.Loc);
    if (!V->Dims.empty()) {
      Tangent->HasInitList = true;
      if (S.HasInitList)
        for (const ExprP &E : S.InitList) {
          Dual D = diff(E);
          Tangent->InitList.push_back(orZero(D.T, V->Ty));
        }
    } else {
      Dual D = diff(S.Init);
      Primal->Init = D.P;
      Tangent->Init = orZero(convert(D.T, V->Ty), V->Ty.unqualified());
    }
    Group.push_back(std::move(Primal));
    Group.push_back(std::move(Tangent));
    emitWithComment(Out, std::move(Group), S);
  }

  void assign(const Stmt &S, StmtList &Out) {
    VarP Root = rootVar(S.LHS);
    bool Active = Root && Act.isActive(Root.get()) && S.LHS->Ty.isFloating();
    StmtList Group;
    Pre = &Group;
    if (!Active) {
      StmtP C = cloneStmt(S);
      if (ActE.hasActiveEffects(S.RHS))
        C->RHS = diff(S.RHS).P;
      Group.push_back(std::move(C));
      if (Group.size() == 1)
        Out.push_back(std::move(Group.front()));
      else
        emitWithComment(Out, std::move(Group), S);
      return;
    }
    Dual R = diff(S.RHS);
    ExprP TL = tangentLValue(S.LHS);
    const Type &Ty = S.LHS->Ty;
    std::vector<ExprP> Xs{S.LHS, R.P}, DXs{TL, R.T};
    switch (S.AOp) {
    case AssignOp::Set:
      Group.push_back(mkAssign(TL, AssignOp::Set,
                               orZero(convert(R.T, Ty), Ty.unqualified()),
                               S.Loc));
      break;
    case AssignOp::Add:
    case AssignOp::Sub:
      if (R.T)
        Group.push_back(mkAssign(TL, S.AOp, convert(R.T, Ty), S.Loc));
      break;
    case AssignOp::Mul:
    case AssignOp::Div:
      if (!R.T) { // d *= c, d /= c
        Group.push_back(mkAssign(TL, S.AOp, R.P, S.Loc));
        break;
      }
      Group.push_back(mkAssign(
          TL, AssignOp::Set,
          orZero(convert(binaryPrimitive(S.AOp == AssignOp::Mul ? BinOp::Mul
                                                                : BinOp::Div)
                             .Jvp({Xs, DXs, nullptr, Ty}),
                         Ty),
                 Ty),
          S.Loc));
      break;
    default:
      Gen.diags().error(S.Loc, "this compound assignment to a floating-point "
                               "value cannot be differentiated");
      break;
    }
    Group.push_back(mkAssign(S.LHS, S.AOp, R.P, S.Loc));
    emitWithComment(Out, std::move(Group), S);
  }

  void exprStmt(const Stmt &S, StmtList &Out) {
    const ExprP &E = S.Value;
    if (!E->isUserCall() || !ActE.hasActiveEffects(E)) {
      Out.push_back(cloneStmt(S));
      return;
    }
    if (inlineJvpRule(S, Out))
      return;
    StmtList Group;
    Pre = &Group;
    Dual D = diffUserCall(E, false);
    if (D.T && E->Ty.isVoid()) // a linear call on arrays: its tangent call
      Group.push_back(mkExprStmt(D.T, S.Loc));
    if (D.P) // a void callee: the call is the statement
      Group.push_back(mkExprStmt(D.P, S.Loc));
    emitWithComment(Out, std::move(Group), S);
  }

  /// In reverse mode, a call of a function with a custom JVP that passes
  /// arrays (reverse mode cannot save them for a call of the callee's VJP):
  /// the rule's body, already JVP code, in place of the call, over the
  /// arguments and their tangents. Linearize and transpose take it from
  /// there (its calls with tangent arguments go through their own rules).
  bool inlineJvpRule(const Stmt &S, StmtList &Out) {
    const ExprP &E = S.Value;
    if (!E->CalleeKey || !Gen.buildingReverse())
      return false;
    const Function *G = Gen.source().lower(E->CalleeKey);
    if (!G || !G->hasAnnotation("custom_jvp") || !G->RetTy.isVoid())
      return false;
    bool Arrays = false;
    for (const VarP &P : G->Params)
      Arrays |= P->Ty.IsPointer;
    if (!Arrays)
      return false;
    const Function *R = Gen.customRule(*G, "custom_jvp");
    if (!R)
      return true;
    FunctionP J = markJvpRule(*G, *R, Gen);
    StmtList Group;
    Pre = &Group;
    std::vector<ExprP> Args;
    for (size_t I = 0; I < G->Params.size(); ++I) {
      const ExprP &A = E->Ops[I];
      const VarP &P = G->Params[I];
      if (P->Ty.IsPointer) {
        Args.push_back(A);
        if (P->carriesFloats())
          Args.push_back(tangentLValue(A)); // null: zeros
        continue;
      }
      Dual D = diff(A);
      Args.push_back(D.P);
      if (P->carriesFloats())
        Args.push_back(D.T ? convert(D.T, P->Ty) : nullptr);
    }
    Pre = nullptr;
    for (StmtP &B :
         inlineBody(*J, Args, Gen.source(), Names, Gen.diags(), E->Loc))
      Group.push_back(std::move(B));
    StmtP Block = mkStmt(Stmt::Kind::Block, S.Loc);
    Block->Comment = "line " + std::to_string(S.Loc.Line) + ": custom JVP '" +
                     R->Name + "' of '" + G->Name + "'";
    LastCommentLine = S.Loc.Line;
    Block->Body = std::move(Group);
    Out.push_back(std::move(Block));
    return true;
  }

  void ret(const Stmt &S, StmtList &Out) {
    if (!S.Value || !F.RetTy.isFloating()) {
      Out.push_back(cloneStmt(S));
      return;
    }
    StmtList Group;
    Pre = &Group;
    Dual D = diff(S.Value);
    ExprP Target = mkUnary(UnOp::Deref, mkVar(DReturn), F.RetTy.unqualified());
    Group.push_back(
        mkAssign(Target, AssignOp::Set,
                 orZero(convert(D.T, F.RetTy), F.RetTy.unqualified()), S.Loc));
    Group.push_back(mkReturn(D.P, S.Loc));
    emitWithComment(Out, std::move(Group), S);
  }

  /// Conditions are evaluated as in the primal; a call in one that would
  /// write an active array cannot be differentiated there.
  void checkCondition(const ExprP &C) {
    if (C && ActE.hasActiveEffects(C))
      Gen.diags().error(firstEffectfulCall(C)->Loc,
                        "a call in this condition writes an array whose "
                        "derivative is tracked; move the call out of the "
                        "condition");
  }

  /// The innermost call in E that writes a tracked array.
  const Expr *firstEffectfulCall(const ExprP &E) {
    for (const ExprP &O : E->Ops)
      if (ActE.hasActiveEffects(O))
        return firstEffectfulCall(O);
    return E.get();
  }

  void stmt(const Stmt &S, StmtList &Out) {
    switch (S.K) {
    case Stmt::Kind::Decl:
      return decl(S, Out);
    case Stmt::Kind::Assign:
      return assign(S, Out);
    case Stmt::Kind::ExprStmt:
      return exprStmt(S, Out);
    case Stmt::Kind::Return:
      return ret(S, Out);
    case Stmt::Kind::Break:
    case Stmt::Kind::Continue:
      Out.push_back(cloneStmt(S));
      return;
    case Stmt::Kind::If:
    case Stmt::Kind::For:
    case Stmt::Kind::While:
    case Stmt::Kind::DoWhile:
    case Stmt::Kind::Block: {
      checkCondition(S.Cond);
      StmtP C = mkStmt(S.K, S.Loc);
      if (S.Loc.Line && !S.is(Stmt::Kind::Block) &&
          S.Loc.Line != LastCommentLine)
        C->Comment = "line " + std::to_string(S.Loc.Line);
      C->Cond = S.Cond;
      C->HasElse = S.HasElse;
      C->ForInit = list(S.ForInit);
      C->ForInc = list(S.ForInc);
      C->Body = list(S.Body);
      if (!isExpressionList(C->ForInc)) {
        // The increment's JVP needs temporaries, which a for-increment
        // cannot declare: it moves to the end of the body and before each
        // `continue` of this loop.
        runBeforeContinues(C->Body, C->ForInc);
        for (const StmtP &I : C->ForInc)
          C->Body.push_back(cloneStmt(*I));
        C->ForInc.clear();
      }
      C->Else = list(S.Else);
      LastCommentLine = 0;
      Out.push_back(std::move(C));
      return;
    }
    }
  }

  /// Statements that can stand in a for-increment (comma-separated).
  static bool isExpressionList(const StmtList &L) {
    for (const StmtP &S : L)
      if (!S->is(Stmt::Kind::Assign) && !S->is(Stmt::Kind::ExprStmt))
        return false;
    return true;
  }

  /// Inserts copies of Inc before every `continue` that belongs to the loop
  /// whose body is L (not to loops nested in it).
  static void runBeforeContinues(StmtList &L, const StmtList &Inc) {
    for (size_t I = 0; I < L.size(); ++I) {
      Stmt &S = *L[I];
      if (S.is(Stmt::Kind::Continue)) {
        for (const StmtP &X : Inc)
          L.insert(L.begin() + I++, cloneStmt(*X));
      } else if (S.is(Stmt::Kind::If) || S.is(Stmt::Kind::Block)) {
        runBeforeContinues(S.Body, Inc);
        runBeforeContinues(S.Else, Inc);
      }
    }
  }

  StmtList list(const StmtList &L) {
    StmtList Out;
    LastCommentLine = 0; // each block notes its own lines
    for (const StmtP &S : L)
      stmt(*S, Out);
    return Out;
  }

public:
  JvpBuilder(const Function &F, Function &J, Generator &Gen,
             const std::vector<std::string> *Wrt)
      : F(F), J(J), Gen(Gen), Act(analyzeActivity(F, Wrt)), Names(F) {
    for (const VarP &P : J.Params)
      Names.fresh(P->Name);
    // Map each floating parameter to the tangent parameter after it.
    size_t K = 0;
    for (const VarP &P : F.Params) {
      ++K;
      if (P->carriesFloats())
        Tan[P.get()] = J.Params[K++];
    }
    if (F.RetTy.isFloating())
      DReturn = J.Params.back();
  }

  void run() {
    J.Body = list(F.Body);
    unnameUnreadParams(J);
  }
};

} // namespace

FunctionP makeJvpSignature(const Function &F) {
  auto J = std::make_unique<Function>();
  J->Name = F.Name + "_jvp";
  J->Namespace = F.Namespace;
  J->RetTy = F.RetTy;
  J->Qualifiers = F.Qualifiers;
  J->Loc = F.Loc;
  J->File = F.File;
  J->Key = &F;
  J->Mode = "JVP";
  NameTable Names(F);
  for (const VarP &P : F.Params) {
    J->Params.push_back(P);
    if (P->carriesFloats()) {
      VarP T = makeVar(Names.fresh(tangentName(P->Name)), P->Ty, P->Loc);
      T->IsParam = true;
      T->IsTangent = true;
      J->Params.push_back(T);
    }
  }
  if (F.RetTy.isFloating()) {
    Type RT = F.RetTy.unqualified();
    RT.IsPointer = true;
    VarP D = makeVar(Names.fresh("d_return"), RT, F.Loc);
    D->IsParam = true;
    D->IsTangent = true;
    J->Params.push_back(D);
  }
  return J;
}

void buildJvpBody(const Function &F, Function &J, Generator &Gen,
                  const std::vector<std::string> *Wrt) {
  JvpBuilder(F, J, Gen, Wrt).run();
}

} // namespace tad
