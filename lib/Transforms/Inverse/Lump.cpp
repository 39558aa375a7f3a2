//===- Transforms/Inverse/Lump.cpp - k x k lumps solved at run time -------===//
//
// A lump x_M <- Phi(x_M, x_R) (Plan.cpp finds them) has the Jacobian
// blocks A = dPhi/dx_M (k x k) and B = dPhi/dx_R. The generated code builds
// them where the lump runs by k + |R| JVPs of Phi (tad's own JVP of the
// lump, LumpInfo::Jvp) on local copies of the pre-lump values, seeded with
// unit vectors, then applies THEORY.md 1.3's lump rules with tad/lu.h:
//
//   f_ijvp:    d_M <- A^-1 (d_M - B d_R)          (reverse sweep)
//   f_ivjp:    c_M <- A^-T c_M, then c_R -= B^T c_M
//   f_logdet:  s += log|det A|
//   f_inverse: Newton on Phi(x_M, x_R) = y_M from x_M = y_M (one step is
//              exact when Phi is affine in x_M); for a nonlinear lump proved
//              a contraction (Analysis/Monotone.h), a Newton step that does
//              not reduce the residual by the contraction bound L is
//              replaced by the fixed-point step x <- D^-1 (y - G(x)); a
//              single step without analytic inverse goes to
//              tad::MonotoneSolve (tad/monotone.h)
//
//===----------------------------------------------------------------------===//
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Inverse/Inverse.h"

#include <map>

namespace tad {

bool isLumpPlaceholder(const Stmt &S) {
  return S.is(Stmt::Kind::Assign) && S.RHS && S.RHS->isUserCall() &&
         S.RHS->Callee == LumpCallee;
}

namespace {

Type intTy() { return Type::integer("int"); }
ExprP ilit(long long V) { return mkLit(double(V), intTy()); }
ExprP iop(BinOp Op, ExprP A, ExprP B) {
  return mkBinary(Op, std::move(A), std::move(B),
                  isComparison(Op) ? Type::scalar(ScalarKind::Bool) : intTy());
}

class LumpEmitter {
  const LumpInfo &L;
  NameTable &Names;
  size_t K, W, R;
  Type T;

public:
  LumpEmitter(const LumpInfo &L, NameTable &Names)
      : L(L), Names(Names), K(L.K), W(L.width()), R(L.width() - L.K),
        T(L.Elem) {}

  VarP array(const char *Base, size_t N, std::vector<ExprP> Init,
             StmtList &Out) {
    VarP V = makeVar(Names.fresh(Base), T, {});
    V->Dims = {N ? N : 1};
    StmtP D = mkDecl(V, nullptr);
    D->HasInitList = true;
    D->InitList = std::move(Init);
    Out.push_back(std::move(D));
    return V;
  }
  VarP scalar(const char *Base, ExprP Init, StmtList &Out) {
    VarP V = makeVar(Names.fresh(Base), T, {});
    Out.push_back(mkDecl(V, std::move(Init)));
    return V;
  }
  ExprP at(const VarP &A, ExprP I) { return mkIndex(mkVar(A), std::move(I)); }
  ExprP at(const VarP &A, size_t I) { return at(A, ilit((long long)I)); }
  ExprP aIJ(const VarP &A, size_t I, size_t J) { return at(A, I * K + J); }
  ExprP bIJ(const VarP &B, size_t I, size_t J) { return at(B, I * R + J); }
  ExprP where(const std::string &W) {
    return mkLit(0, Type::integer("const char *"), {}, "\"" + W + "\"");
  }
  StmtP call(const char *Name, std::vector<ExprP> Args, Type Ret) {
    return mkExprStmt(mkUserCall(Name, nullptr, std::move(Args), Ret));
  }

  /// A and B (and Phi(values) when Phi is given) by W seeded JVPs.
  /// The lump's free variables as read where its code goes.
  std::map<const Var *, ExprP> FreeMap;

  void jacobian(const std::vector<ExprP> &Values, VarP &A, VarP &B,
                const VarP &Phi, StmtList &Out) {
    A = array("_lump_a", K * K, {}, Out);
    size_t R = Phi ? 0 : this->R; // Newton's method needs no B
    if (R)
      B = array("_lump_b", K * R, {}, Out);
    VarP J = makeVar(Names.fresh("_lump_j"), intTy(), {});
    StmtP For = mkStmt(Stmt::Kind::For);
    For->Comment = "columns of the lump's Jacobian: one JVP per value";
    For->ForInit.push_back(mkDecl(J, ilit(0)));
    // Newton's method (Phi given) needs A only.
    For->Cond = iop(BinOp::Lt, mkVar(J), ilit((long long)(Phi ? K : W)));
    For->ForInc.push_back(mkAssign(mkVar(J), AssignOp::Add, ilit(1)));
    StmtList &Body = For->Body;
    VarP S = array("_lump_s", W, Values, Body);
    VarP DS = array("_lump_ds", W, {}, Body);
    Body.push_back(mkAssign(at(DS, mkVar(J)), AssignOp::Set, lit(1, T)));
    StmtList Jvp = cloneList(L.Jvp->Body);
    std::map<const Var *, ExprP> M = FreeMap;
    M[L.Jvp->Params[0].get()] = mkVar(S);
    M[L.Jvp->Params[1].get()] = mkVar(DS);
    substituteInStmts(Jvp, M);
    for (StmtP &X : Jvp)
      Body.push_back(std::move(X));
    for (size_t I = 0; I < K; ++I) {
      StmtP SetA =
          mkAssign(at(A, iop(BinOp::Add, ilit((long long)(I * K)), mkVar(J))),
                   AssignOp::Set, at(DS, I));
      if (!R) { // every column is A's
        Body.push_back(std::move(SetA));
        continue;
      }
      StmtP If = mkStmt(Stmt::Kind::If);
      If->Cond = iop(BinOp::Lt, mkVar(J), ilit((long long)K));
      If->Body.push_back(std::move(SetA));
      {
        If->HasElse = true;
        If->Else.push_back(mkAssign(
            at(B, iop(BinOp::Add, ilit((long long)(I * R) - (long long)K),
                      mkVar(J))),
            AssignOp::Set, at(DS, I)));
      }
      Body.push_back(std::move(If));
    }
    if (Phi) {
      StmtP If = mkStmt(Stmt::Kind::If);
      If->Cond = iop(BinOp::Eq, mkVar(J), ilit(0));
      for (size_t I = 0; I < K; ++I)
        If->Body.push_back(mkAssign(at(Phi, I), AssignOp::Set, at(S, I)));
      Body.push_back(std::move(If));
    }
    Out.push_back(std::move(For));
  }

  StmtP rule(const std::string &Kind, const std::vector<ExprP> &Values,
             const std::vector<ExprP> &Tan, const VarP &LogDet,
             const std::string &Where) {
    StmtP Block = mkStmt(Stmt::Kind::Block);
    StmtList &Out = Block->Body;
    VarP A, B;
    jacobian(Values, A, B, nullptr, Out);
    Type Void = Type::scalar(ScalarKind::Void);
    if (Kind == "logdet") {
      Out.push_back(
          mkAssign(mkVar(LogDet), AssignOp::Add,
                   mkUserCall("tad::lu_logabsdet", nullptr,
                              {ilit((long long)K), mkVar(A), where(Where)},
                              Type::scalar(ScalarKind::Double))));
      return Block;
    }
    if (Kind == "ivjp") {
      std::vector<ExprP> Init(Tan.begin(), Tan.begin() + K);
      VarP C = array("_lump_c", K, Init, Out);
      Out.push_back(call("tad::lu_solve_transposed",
                         {ilit((long long)K), mkVar(A), mkVar(C), where(Where)},
                         Void));
      for (size_t I = 0; I < K; ++I)
        Out.push_back(mkAssign(Tan[I], AssignOp::Set, at(C, I)));
      for (size_t J = 0; J < R; ++J) {
        ExprP Sum;
        for (size_t I = 0; I < K; ++I)
          Sum = add(Sum, mul(bIJ(B, I, J), at(C, I)));
        Out.push_back(mkAssign(Tan[K + J], AssignOp::Sub, Sum));
      }
      return Block;
    }
    // ijvp: d_M <- A^-1 (d_M - B d_R)
    std::vector<ExprP> Init;
    for (size_t I = 0; I < K; ++I) {
      ExprP Sum;
      for (size_t J = 0; J < R; ++J)
        Sum = add(Sum, mul(bIJ(B, I, J), Tan[K + J]));
      Init.push_back(sub(Tan[I], Sum));
    }
    VarP D = array("_lump_t", K, Init, Out);
    Out.push_back(call("tad::lu_solve",
                       {ilit((long long)K), mkVar(A), mkVar(D), where(Where)},
                       Void));
    for (size_t I = 0; I < K; ++I)
      Out.push_back(mkAssign(Tan[I], AssignOp::Set, at(D, I)));
    return Block;
  }

  /// "if (!(Cond)) tad::inverse_failed(What, Value, Where);"
  StmtP failUnless(const ExprP &Cond, const char *What, const ExprP &Value,
                   const std::string &Where) {
    StmtP If = mkStmt(Stmt::Kind::If);
    If->Cond = mkUnary(UnOp::Not, Cond, Type::scalar(ScalarKind::Bool));
    If->Body.push_back(
        call("tad::inverse_failed",
             {mkLit(0, Type::integer("const char *"), {},
                    std::string("\"") + What + "\""),
              convert(Value, Type::scalar(ScalarKind::Double)), where(Where)},
             Type::scalar(ScalarKind::Void)));
    return If;
  }

  StmtP inverse(const std::string &Where, const LumpProof *Proof) {
    StmtP Block = mkStmt(Stmt::Kind::Block);
    Block->Comment = "the lump solved by Newton's method";
    StmtList &Out = Block->Body;
    // A contraction (not affine): the diagonal D and the bound L.
    bool Contraction = Proof && !Proof->Affine;
    std::vector<ExprP> Diag;
    ExprP Lip;
    if (Contraction) {
      for (const ExprP &E : Proof->Diag)
        Diag.push_back(lumpToState(L, E));
      Lip = lumpToState(L, Proof->L);
      Block->Comment = "the lump solved by Newton's method, safeguarded by "
                       "its contraction";
      double LV;
      if (!foldConstant(Lip, LV)) {
        Lip = mkVar(scalar("_lump_l", convert(Lip, T), Out));
        Out.push_back(failUnless(
            cmp(BinOp::Lt, Lip, lit(1, Lip->Ty)),
            "f_inverse: tad cannot prove the lump injective for these "
            "values: its contraction bound is not below 1",
            Lip, Where));
      }
    }
    std::vector<ExprP> M(L.Locs.begin(), L.Locs.begin() + K);
    VarP Y = array("_lump_y", K, M, Out);
    VarP X = array("_lump_x", K, M, Out);
    VarP PX, PF, RPrev, Newton;
    Type Bool = Type::scalar(ScalarKind::Bool);
    if (Contraction) {
      PX = array("_lump_px", K, {}, Out);
      PF = array("_lump_pf", K, {}, Out);
      RPrev = scalar("_lump_rp", lit(0, T), Out);
      Newton = makeVar(Names.fresh("_lump_newton"), Bool, {});
      Out.push_back(mkDecl(Newton, mkLit(0, Bool)));
    }
    VarP Ok = makeVar(Names.fresh("_lump_converged"),
                      Type::scalar(ScalarKind::Bool), {});
    Out.push_back(mkDecl(Ok, mkLit(0, Ok->Ty)));
    VarP It = makeVar(Names.fresh("_lump_it"), intTy(), {});
    StmtP For = mkStmt(Stmt::Kind::For);
    For->ForInit.push_back(mkDecl(It, ilit(0)));
    For->Cond = iop(BinOp::Lt, mkVar(It), ilit(Contraction ? 200 : 100));
    For->ForInc.push_back(mkAssign(mkVar(It), AssignOp::Add, ilit(1)));
    StmtList &Body = For->Body;
    VarP F = array("_lump_f", K, {}, Body);
    std::vector<ExprP> Values;
    for (size_t I = 0; I < K; ++I)
      Values.push_back(at(X, I));
    for (size_t J = K; J < W; ++J)
      Values.push_back(L.Locs[J]);
    VarP A, B;
    jacobian(Values, A, B, F, Body);
    for (size_t I = 0; I < K; ++I)
      Body.push_back(mkAssign(at(F, I), AssignOp::Sub, at(Y, I)));
    if (Contraction) {
      // r = |D^-1 F|: a fixed-point step contracts it by L at least, so a
      // Newton step that does not is replaced by one from its start.
      VarP Res = scalar("_lump_r", lit(0, T), Body);
      for (size_t I = 0; I < K; ++I)
        Body.push_back(mkAssign(
            mkVar(Res), AssignOp::Set,
            mathCall("fmax", {mkVar(Res),
                              mathCall("fabs", {div(at(F, I),
                                                    convert(Diag[I], T))})})));
      StmtP Bad = mkStmt(Stmt::Kind::If);
      Bad->Cond = mkBinary(BinOp::LAnd, mkVar(Newton),
                           mkUnary(UnOp::Not,
                                   cmp(BinOp::Le, mkVar(Res),
                                       mul(convert(Lip, T), mkVar(RPrev))),
                                   Bool),
                           Bool);
      for (size_t I = 0; I < K; ++I)
        Bad->Body.push_back(
            mkAssign(at(X, I), AssignOp::Set,
                     sub(at(PX, I), div(at(PF, I), convert(Diag[I], T)))));
      Bad->Body.push_back(
          mkAssign(mkVar(Newton), AssignOp::Set, mkLit(0, Bool)));
      Bad->Body.push_back(mkStmt(Stmt::Kind::Continue));
      Body.push_back(std::move(Bad));
      for (size_t I = 0; I < K; ++I) {
        Body.push_back(mkAssign(at(PX, I), AssignOp::Set, at(X, I)));
        Body.push_back(mkAssign(at(PF, I), AssignOp::Set, at(F, I)));
      }
      Body.push_back(mkAssign(mkVar(RPrev), AssignOp::Set, mkVar(Res)));
      Body.push_back(mkAssign(mkVar(Newton), AssignOp::Set, mkLit(1, Bool)));
    }
    Body.push_back(call("tad::lu_solve",
                        {ilit((long long)K), mkVar(A), mkVar(F), where(Where)},
                        Type::scalar(ScalarKind::Void)));
    VarP D = scalar("_lump_step", lit(0, T), Body);
    VarP Sc = scalar("_lump_scale", lit(1, T), Body);
    for (size_t I = 0; I < K; ++I) {
      Body.push_back(mkAssign(at(X, I), AssignOp::Sub, at(F, I)));
      Body.push_back(
          mkAssign(mkVar(D), AssignOp::Set,
                   mathCall("fmax", {mkVar(D), mathCall("fabs", {at(F, I)})})));
      Body.push_back(mkAssign(
          mkVar(Sc), AssignOp::Set,
          mathCall("fmax", {mkVar(Sc), mathCall("fabs", {at(X, I)})})));
    }
    StmtP Done = mkStmt(Stmt::Kind::If);
    Done->Cond = cmp(BinOp::Le, mkVar(D), mul(lit(1e-13, T), mkVar(Sc)));
    Done->Body.push_back(mkAssign(mkVar(Ok), AssignOp::Set, mkLit(1, Ok->Ty)));
    Done->Body.push_back(mkStmt(Stmt::Kind::Break));
    Body.push_back(std::move(Done));
    Out.push_back(std::move(For));
    StmtP Fail = mkStmt(Stmt::Kind::If);
    Fail->Cond = mkUnary(UnOp::Not, mkVar(Ok), Ok->Ty);
    Fail->Body.push_back(call("tad::newton_failed", {where(Where)},
                              Type::scalar(ScalarKind::Void)));
    Out.push_back(std::move(Fail));
    for (size_t I = 0; I < K; ++I)
      Out.push_back(mkAssign(L.Locs[I], AssignOp::Set, at(X, I)));
    return Block;
  }

  /// A step (width 1) proved strictly monotone, by tad::MonotoneSolve.
  StmtP solveStep(const StepProof &Proof, const std::string &Where) {
    StmtP Block = mkStmt(Stmt::Kind::Block);
    Block->Comment = "the step solved for its old value (it is strictly "
                     "monotone in it)";
    StmtList &Out = Block->Body;
    if (Proof.Cond)
      Out.push_back(failUnless(lumpToState(L, Proof.Cond),
                               "f_inverse: tad cannot prove the step "
                               "injective for these values: its slope "
                               "margin is not positive",
                               lumpToState(L, Proof.Margin), Where));
    double DV;
    ExprP Dir = foldConstant(Proof.Dir, DV)
                    ? ilit(DV > 0 ? 1 : -1)
                    : mkCast(intTy(), lumpToState(L, Proof.Dir));
    VarP S =
        makeVar(Names.fresh("_solve"),
                Type::object("tad::MonotoneSolve<" + cppType(T) + ">"), {});
    StmtP Decl = mkDecl(S, nullptr);
    Decl->HasInitList = true;
    Decl->InitList = {L.Locs[0], Dir, where(Where)};
    Out.push_back(std::move(Decl));
    auto Method = [&](const char *Name, std::vector<ExprP> Args, Type Ret) {
      return mkUserCall(S->Name + "." + Name, nullptr, std::move(Args), Ret);
    };
    StmtP Loop = mkStmt(Stmt::Kind::While);
    Loop->Cond = Method("more", {}, Type::scalar(ScalarKind::Bool));
    StmtList &Body = Loop->Body;
    std::vector<ExprP> Values{Method("at", {}, T)};
    for (size_t J = 1; J < W; ++J)
      Values.push_back(L.Locs[J]);
    VarP Sv = array("_lump_s", W, Values, Body);
    VarP DS = array("_lump_ds", W, {}, Body);
    Body.push_back(mkAssign(at(DS, 0), AssignOp::Set, lit(1, T)));
    StmtList Jvp = cloneList(L.Jvp->Body);
    std::map<const Var *, ExprP> M = FreeMap;
    M[L.Jvp->Params[0].get()] = mkVar(Sv);
    M[L.Jvp->Params[1].get()] = mkVar(DS);
    substituteInStmts(Jvp, M);
    for (StmtP &X : Jvp)
      Body.push_back(std::move(X));
    Body.push_back(mkExprStmt(
        Method("put", {at(Sv, 0), at(DS, 0)}, Type::scalar(ScalarKind::Void))));
    Out.push_back(std::move(Loop));
    Out.push_back(mkAssign(L.Locs[0], AssignOp::Set, Method("root", {}, T)));
    return Block;
  }
};

} // namespace

StmtP lumpRule(const LumpInfo &L, const std::string &Kind,
               const std::vector<ExprP> &Values,
               const std::vector<ExprP> &Tangents,
               const std::vector<ExprP> &Free, const VarP &LogDet,
               const std::string &Where, NameTable &Names) {
  LumpEmitter E(L, Names);
  for (size_t I = 0; I < L.Free.size() && I < Free.size(); ++I)
    E.FreeMap[L.Free[I].get()] = Free[I];
  return E.rule(Kind, Values, Tangents, LogDet, Where);
}

StmtP lumpInverse(const LumpInfo &L, const std::string &Where, NameTable &Names,
                  const LumpProof *Proof) {
  return LumpEmitter(L, Names).inverse(Where, Proof);
}

StmtP stepInverse(const LumpInfo &L, const StepProof &Proof,
                  const std::string &Where, NameTable &Names) {
  return LumpEmitter(L, Names).solveStep(Proof, Where);
}

namespace {
/// _s[j] of the lump function: j, or -1.
long long lumpElement(const LumpInfo &L, const ExprP &E) {
  double V;
  if (!L.Fn || L.Fn->Params.empty() || !E->is(Expr::Kind::Index) ||
      !E->op(0)->is(Expr::Kind::VarRef) || E->op(0)->V != L.Fn->Params[0] ||
      !foldConstant(E->op(1), V))
    return -1;
  return static_cast<long long>(V);
}
} // namespace

ExprP lumpToState(const LumpInfo &L, const ExprP &E) {
  return rewriteExpr(E, [&](const ExprP &X) -> ExprP {
    long long J = lumpElement(L, X);
    return J >= 0 && size_t(J) < L.Locs.size() ? L.Locs[J] : nullptr;
  });
}

SlotOf lumpSlots(const LumpInfo &L) {
  return [&L](const ExprP &E) {
    long long J = lumpElement(L, E);
    return J >= 0 && size_t(J) < L.K ? int(J) : -1;
  };
}

bool proveLump(const LumpInfo &L, LumpProof &Proof, std::string &Why) {
  std::vector<ExprP> Phi;
  if (!lumpOutputs(*L.Fn, L.K, Phi, Why))
    return false;
  ExprText Text = [&L](const ExprP &E) { return emitExpr(lumpToState(L, E)); };
  Proof = proveLumpInjective(Phi, lumpSlots(L), Text);
  Why = Proof.Why;
  return Proof.Proved;
}

bool proveStep(const LumpInfo &L, StepProof &Proof, std::string &Why) {
  std::vector<ExprP> Phi;
  if (!lumpOutputs(*L.Fn, 1, Phi, Why))
    return false;
  ExprText Text = [&L](const ExprP &E) { return emitExpr(lumpToState(L, E)); };
  Proof = proveStepInjective(Phi[0], lumpSlots(L), Text, emitExpr(L.Locs[0]));
  Why = Proof.Why;
  return Proof.Proved;
}

} // namespace tad
