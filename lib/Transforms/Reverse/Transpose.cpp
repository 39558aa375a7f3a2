//===- Transforms/Reverse/Transpose.cpp - transpose a linear program ------===//
#include "Transforms/Reverse/Transpose.h"
#include "Analysis/Affine.h"
#include "Analysis/Barriers.h"
#include "IR/ExprMemo.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"
#include "Transforms/Reverse/IterationOrder.h"
#include "Transforms/Reverse/Linearize.h"
#include "Transforms/Reverse/VJP.h"

namespace tad {

ExprP Cotangents::local(const VarP &Linear, const std::string &Base) {
  VarP C = makeVar(Names.fresh(Base), Linear->Ty.unqualified(), Linear->Loc);
  C->Dims = Linear->Dims;
  // A __shared__ cotangent has no initializer: the VJP zeroes it with the
  // threads of the block.
  C->Shared = Linear->Shared;
  // A vector's cotangent: zeros, as many as the vector has when the
  // reverse sweep starts (Var::FinalSize; Linearize refuses the others).
  bool Vector = isContainer(*Linear) && Linear->Dims.empty();
  C->Size = Vector ? Linear->FinalSize : nullptr;
  StmtP D = mkDecl(C, C->Dims.empty() && !Vector ? lit(0, C->Ty) : nullptr);
  D->HasInitList = !C->Dims.empty() && !C->Shared; // = {}
  Decls.push_back(std::move(D));
  return Map[Linear.get()] = mkVar(C);
}

/// d_x -> ct_x, _d_t0 -> _ct_t0, s -> ct_s
static std::string cotangentName(const std::string &N) {
  return N.rfind("_d_", 0) == 0  ? "_ct_" + N.substr(3)
         : N.rfind("d_", 0) == 0 ? "ct_" + N.substr(2)
                                 : "ct_" + N;
}

ExprP Cotangents::operator()(const VarP &Linear) {
  auto It = Map.find(Linear.get());
  if (It != Map.end())
    return It->second;
  // The field x of a tangent struct d_v: a local ct_v_x of its own.
  std::string Path;
  std::vector<const Var *> Chain; // Linear up to below Root
  VarP Root = Linear;
  for (VarP P = Linear->Parent.lock(); P; P = P->Parent.lock()) {
    Path = "_" + Root->Name + Path;
    Chain.push_back(Root.get());
    Root = P;
  }
  if (Root != Linear && isContainer(*Root) && Root->Dims.empty()) {
    // A field of a std::vector of structs: that field of the vector's
    // cotangent, one std::vector of structs (ct_v[i].x).
    ExprP RC = (*this)(Root);
    VarP C = RC->V;
    if (C->Fields.empty())
      makeFields(C);
    for (auto It = Chain.rbegin(); It != Chain.rend(); ++It) {
      const Var *Parent = (*It)->Parent.lock().get();
      size_t K = 0;
      while (K < Parent->Fields.size() && Parent->Fields[K].get() != *It)
        ++K;
      C = C->Fields.at(K);
    }
    return Map[Linear.get()] = mkVar(C);
  }
  return local(Linear, cotangentName(Root->Name) + Path);
}

namespace {

/// The strided loop S (`for (i = a; i < b; i += s)`, isStridedFor) run
/// backwards with the transposed body F->Body: from its last counter,
/// a + (b - 1 - a) / s * s (`<=`: a + (b - a) / s * s), down to a, under
/// `if (a < b)` (`<=`). The loop starts one step past the last counter and
/// steps at the top of the body, so that an unsigned counter never passes
/// a.
StmtP reverseStrided(const Stmt &S, StmtP F) {
  const Stmt &Init = *S.ForInit[0];
  const Expr &C = *S.Cond;
  Type Int = Init.V->Ty.unqualified();
  Type Bool = Type::scalar(ScalarKind::Bool);
  ExprP A = Init.Init, B = C.op(1), Step = S.ForInc[0]->RHS;
  auto Bin = [&](BinOp Op, ExprP L, ExprP R) {
    if ((Op == BinOp::Add || Op == BinOp::Sub) && isLitValue(R, 0))
      return L; // a counter from 0
    if (Op == BinOp::Add && isLitValue(L, 0))
      return R;
    return mkBinary(Op, std::move(L), std::move(R), Int);
  };
  bool Inclusive = C.BOp == BinOp::Le;
  ExprP Span = Inclusive ? Bin(BinOp::Sub, B, A)
                         : Bin(BinOp::Sub, Bin(BinOp::Sub, B, lit(1, Int)), A);
  ExprP Last =
      Bin(BinOp::Add, A, Bin(BinOp::Mul, Bin(BinOp::Div, Span, Step), Step));
  F->ForInit.push_back(mkDecl(Init.V, Bin(BinOp::Add, Last, Step)));
  F->Cond = mkBinary(BinOp::Gt, mkVar(Init.V), A, Bool);
  F->Body.insert(F->Body.begin(),
                 mkAssign(mkVar(Init.V), AssignOp::Sub, Step, S.Loc));
  StmtP If = mkStmt(Stmt::Kind::If, S.Loc);
  If->Comment = F->Comment;
  F->Comment.clear();
  If->Cond = mkBinary(Inclusive ? BinOp::Le : BinOp::Lt, A, B, Bool);
  If->Body.push_back(std::move(F));
  return If;
}

class Transposer {
  /// Whether a subexpression is linear, and its fan-out, kept per node:
  /// accumulate asks both at every level of a linear expression.
  ExprMemo<bool> Linear;
  ExprMemo<unsigned> Leaves;

  bool isLinear(const ExprP &E) { return mentionsTangent(E, Linear); }

  /// Number of places a cotangent flows to in L (fan-out).
  unsigned linearLeaves(const ExprP &E) {
    if (!E || !isLinear(E))
      return 0;
    if (E->is(Expr::Kind::VarRef) || E->is(Expr::Kind::Index) ||
        E->is(Expr::Kind::Unary))
      return E->is(Expr::Kind::Unary) && E->UOp == UnOp::Neg
                 ? linearLeaves(E->op(0))
                 : 1;
    return Leaves.get(E, [&] {
      unsigned N = 0;
      for (const ExprP &O : E->Ops)
        N += linearLeaves(O);
      return N;
    });
  }

  const CotangentOf &Ct;
  const VjpOf &Vjp;
  const CallTransposeOf &CallT;
  const StepRuleOf &Step;
  VarP Tape;
  NameTable &Names;
  DiagSink &Diags;
  unsigned Counter = 0;
  /// Cotangents of scalars declared in a nested block: declared, zero, at
  /// the front of the transposed block (each iteration of a loop starts
  /// from zero: no value flows from one iteration's local to the next, and
  /// compilers see none).
  std::map<const Var *, ExprP> Scoped;
  unsigned Depth = 0;

  ExprP cot(const VarP &V) {
    auto It = Scoped.find(V.get());
    return It != Scoped.end() ? It->second : Ct(V);
  }

  VarP fresh(const char *Base, const Type &T) {
    std::string N;
    do
      N = std::string(Base) + std::to_string(Counter++);
    while (Names.taken(N));
    return makeVar(Names.fresh(N), T.unqualified(), {});
  }

  /// The cotangent location of a linear lvalue (d_x, d_a[i], *d_return).
  ExprP ctLValue(const ExprP &E) {
    switch (E->K) {
    case Expr::Kind::VarRef:
      return cot(E->V);
    case Expr::Kind::Index:
      return mkIndex(ctLValue(E->op(0)), E->op(1), E->Loc);
    case Expr::Kind::Unary:
      if (E->UOp == UnOp::Deref)
        return cot(rootVar(E->op(0)));
      break;
    default:
      break;
    }
    Diags.error(E->Loc, "internal error: not a linear location");
    return E;
  }

  /// Binds G to a constant temporary unless it is already a name or a
  /// literal.
  ExprP bind(ExprP G, StmtList &Out) {
    if (G->is(Expr::Kind::VarRef) || G->is(Expr::Kind::Lit))
      return G;
    VarP T = fresh("_g", G->Ty);
    T->Ty.Const = true;
    Out.push_back(mkDecl(T, G));
    return mkVar(T);
  }

  /// Adds G (the cotangent of L's value) to the cotangents of L's linear
  /// operands, by the transpose rules of the rule table.
  void accumulate(const ExprP &L, ExprP G, StmtList &Out) {
    if (!L || !isLinear(L))
      return;
    if (linearLeaves(L) > 1)
      G = bind(G, Out);
    switch (L->K) {
    case Expr::Kind::VarRef:
    case Expr::Kind::Index:
      Out.push_back(
          mkAssign(ctLValue(L), AssignOp::Add, convert(G, L->Ty), L->Loc));
      return;
    case Expr::Kind::Unary:
      if (L->UOp == UnOp::Neg) {
        std::vector<ExprP> Xs{L->op(0)};
        for (auto &[I, CtI] : negPrimitive().Transpose(Xs, {true}, G))
          accumulate(L->op(I), CtI, Out);
        return;
      }
      if (L->UOp == UnOp::Deref) {
        Out.push_back(mkAssign(ctLValue(L), AssignOp::Add, G, L->Loc));
        return;
      }
      break;
    case Expr::Kind::Binary:
      if (L->BOp == BinOp::Add || L->BOp == BinOp::Sub ||
          L->BOp == BinOp::Mul || L->BOp == BinOp::Div) {
        std::vector<bool> Lin{isLinear(L->op(0)), isLinear(L->op(1))};
        const Primitive &P = binaryPrimitive(L->BOp);
        if (!P.Transpose || ((L->BOp == BinOp::Mul) && Lin[0] && Lin[1]) ||
            (L->BOp == BinOp::Div && Lin[1]))
          break;
        for (auto &[I, CtI] : P.Transpose(L->Ops, Lin, G))
          accumulate(L->op(I), CtI, Out);
        return;
      }
      break;
    case Expr::Kind::Select: {
      StmtP If = mkStmt(Stmt::Kind::If, L->Loc);
      If->Cond = L->op(0);
      If->HasElse = isLinear(L->op(2));
      accumulate(L->op(1), G, If->Body);
      accumulate(L->op(2), G, If->Else);
      if (If->Body.empty()) { // if (!p) { ... }
        If->Cond = mkUnary(UnOp::Not, L->op(0), Type::scalar(ScalarKind::Bool));
        If->Body = std::move(If->Else);
        If->Else.clear();
        If->HasElse = false;
      }
      Out.push_back(std::move(If));
      return;
    }
    case Expr::Kind::Cast:
      accumulate(L->op(0), convert(G, L->op(0)->Ty), Out);
      return;
    case Expr::Kind::Call:
      if (L->DirectLinear) {
        directLinearCall(*L, G, Out);
        return;
      }
      if (L->LinearCall) {
        linearCall(*L, G, Out);
        return;
      }
      // A linear primitive called as a function (the warp shuffles).
      if (L->Builtin >= 0 && primitive(L->Builtin).Transpose) {
        std::vector<bool> Lin;
        for (const ExprP &O : L->Ops)
          Lin.push_back(isLinear(O));
        // Bound here: the shuffle every lane executes must not move into
        // the branch of a `?:` operand's transpose.
        for (auto &[I, CtI] : primitive(L->Builtin).Transpose(L->Ops, Lin, G))
          accumulate(L->op(I), bind(CtI, Out), Out);
        return;
      }
      break;
    default:
      break;
    }
    Diags.error(L->Loc, "internal error: expression is not linear");
  }

  /// The transpose of g's linear map at the residuals: a call of g_vjp,
  /// whose cotangents then flow to the tangent arguments.
  void linearCall(const Expr &L, ExprP G, StmtList &Out) {
    const Function &Callee = *L.Target;
    if (vjpWrt(Callee)) {
      // Its VJP computes only the listed cotangents; a caller needs them all.
      Diags.error(L.Loc, "reverse mode through this call of '" + Callee.Name +
                             "' needs the cotangents of all its arguments, "
                             "but its VJP is restricted by the list of its "
                             "'tad::vjp'; remove the list, or call a copy of "
                             "the function");
      return;
    }
    const Function *V = Vjp(Callee);
    if (!V)
      return;
    size_t NP = Callee.Params.size(), K = NP;
    std::vector<ExprP> Args(L.Ops.begin(), L.Ops.begin() + NP);
    if (Callee.RetTy.isFloating())
      Args.push_back(convert(G, Callee.RetTy));
    std::vector<std::pair<ExprP, VarP>> Flows;
    for (const VarP &P : Callee.Params) {
      if (!P->carriesFloats())
        continue;
      if (P->Ty.IsPointer) { // an array (a recursive call): its cotangent
        const ExprP &A = L.Ops[K++];
        bool Off = isOffset(A) && A->op(0)->is(Expr::Kind::VarRef);
        if (!Off && !A->is(Expr::Kind::VarRef)) {
          Diags.error(A->Loc, "reverse mode needs an array variable here, to "
                              "transpose the call of '" +
                                  Callee.Name + "'");
          return;
        }
        Args.push_back(Off ? mkOffset(cot(A->op(0)->V), A->op(1), A->Loc)
                           : cot(A->V));
        continue;
      }
      VarP C = fresh("_ca", P->Ty);
      Out.push_back(mkDecl(C, lit(0, C->Ty)));
      Type PT = C->Ty;
      PT.IsPointer = true;
      Args.push_back(mkUnary(UnOp::AddrOf, mkVar(C), PT));
      Flows.push_back({L.Ops[K++], C});
    }
    Out.push_back(mkExprStmt(
        mkUserCall(qualifiedName(*V), nullptr, Args, V->RetTy, L.Loc), L.Loc));
    for (auto &[Tangent, C] : Flows)
      accumulate(Tangent, mkVar(C), Out);
  }

  /// g(res..., lin) transposed: g's rule or generated transpose applied to
  /// the residuals and the cotangent, flowing to the linear argument.
  void directLinearCall(const Expr &L, ExprP G, StmtList &Out) {
    const Function &Callee = *L.Target;
    int Lin = -1;
    for (size_t I = 0; I < L.Ops.size(); ++I)
      if (isLinear(L.Ops[I])) {
        if (Lin >= 0) {
          Diags.error(L.Loc, "calls with more than one linear argument ('" +
                                 Callee.Name + "') cannot be transposed yet");
          return;
        }
        Lin = int(I);
      }
    const Function *T = CallT(Callee, size_t(Lin), L.Loc);
    if (!T)
      return;
    std::vector<ExprP> Args = L.Ops;
    Args[Lin] = convert(G, Callee.Params[Lin]->Ty);
    auto Call = std::make_shared<Expr>(
        *mkUserCall(qualifiedName(*T), nullptr, Args, T->RetTy, L.Loc));
    Call->Target = T;
    accumulate(L.Ops[Lin], Call, Out);
  }

  /// f(res..., in..., out...) on arrays, transposed by f's rule: the same
  /// call with each linear array replaced by its cotangent array (the rule
  /// reads the outputs' cotangents and adds to the inputs').
  void arrayLinearCall(const Expr &L, StmtList &Out) {
    const Function &Callee = *L.Target;
    size_t First = 0;
    while (First < L.Ops.size() && !isLinear(L.Ops[First]))
      ++First;
    const Function *T = CallT(Callee, First, L.Loc);
    if (!T)
      return;
    std::vector<ExprP> Args;
    for (const ExprP &A : L.Ops) {
      if (!isLinear(A)) {
        Args.push_back(A);
        continue;
      }
      if (!A->is(Expr::Kind::VarRef)) {
        Diags.error(A->Loc, "reverse mode needs an array variable here, to "
                            "transpose the call of '" +
                                Callee.Name + "'");
        return;
      }
      Args.push_back(cot(A->V));
    }
    Out.push_back(mkExprStmt(
        mkUserCall(qualifiedName(*T), nullptr, Args, T->RetTy, L.Loc), L.Loc));
  }

  void pops(const Stmt &S, StmtList &Out) {
    for (auto It = S.Pops.rbegin(); It != S.Pops.rend(); ++It) {
      Out.push_back(mkDecl(*It, tapePop(Tape, (*It)->Ty)));
    }
  }

  /// Read the cotangent of C, zero it, accumulate into L's operands.
  void readZeroAccumulate(const ExprP &C, const ExprP &L, StmtList &Out) {
    if (!isLinear(L)) {
      Out.push_back(mkAssign(C, AssignOp::Set, lit(0, C->Ty)));
      return;
    }
    VarP T = fresh("_g", C->Ty);
    T->Ty.Const = true;
    Out.push_back(mkDecl(T, C));
    Out.push_back(mkAssign(C, AssignOp::Set, lit(0, C->Ty)));
    accumulate(L, mkVar(T), Out);
  }

  /// for (k = 0; k < N; ++k) C[k] = 0;
  void zeroArray(const ExprP &C, std::uint64_t N, const Type &Ty,
                 StmtList &Out) {
    zeroArray(C, lit(double(N), Type::integer("int")), Ty, Out);
  }
  /// C[k] = 0 for k < N.
  void zeroArray(const ExprP &C, const ExprP &N, const Type &Ty,
                 StmtList &Out) {
    Type Int = N->Ty.unqualified();
    VarP K = fresh("_k", Int);
    StmtP Zero = mkStmt(Stmt::Kind::For);
    Zero->ForInit.push_back(mkDecl(K, lit(0, Int)));
    Zero->Cond =
        mkBinary(BinOp::Lt, mkVar(K), N, Type::scalar(ScalarKind::Bool));
    Zero->ForInc.push_back(mkAssign(mkVar(K), AssignOp::Add, lit(1, Int)));
    Zero->Body.push_back(
        mkAssign(mkIndex(C, mkVar(K)), AssignOp::Set, lit(0, Ty)));
    Out.push_back(std::move(Zero));
  }

  /// A tangent vector's push_back of x: x's cotangent is the last
  /// element's, which goes; its resize: the old size again (the elements it
  /// added were zeros, those it dropped have no cotangent).
  void shapeOpTranspose(const Expr &E, StmtList &Out) {
    ExprP C = ctLValue(E.op(0));
    if (shapeOp(E) == ShapeOp::PushBack) {
      ExprP Last = mkIndex(C, sub(sizeOf(C->V), lit(1, sizeOf(C->V)->Ty)));
      accumulate(E.op(1), Last, Out);
      Out.push_back(mkExprStmt(mkShapeOp(ShapeOp::PopBack, {C}, E.Loc)));
      return;
    }
    Out.push_back(
        mkExprStmt(mkShapeOp(ShapeOp::Resize, {C, E.op(2)}, E.Loc), E.Loc));
  }

  void stmt(const Stmt &S, StmtList &Out) {
    pops(S, Out);
    if (Step && Step(S, Out))
      return;
    switch (S.K) {
    case Stmt::Kind::Decl: {
      if (S.V->Ty.isRecord() && isContainer(*S.V) && S.V->Dims.empty()) {
        // A std::vector of structs (of scalar members, Lower/Containers):
        // every element's members zero before it.
        ExprP C = cot(S.V);
        forEachLeafField(*S.V, [&](const VarP &L) {
          if (L->carriesFloats())
            zeroArray(cot(L), sizeOf(C->V), L->Ty.element(), Out);
        });
        return;
      }
      if (S.V->Ty.isRecord()) {
        // A tangent struct: its fields' cotangents are zero before it.
        forEachLeafField(*S.V, [&](const VarP &L) {
          if (!L->carriesFloats())
            return;
          if (L->Dims.empty())
            Out.push_back(mkAssign(cot(L), AssignOp::Set, lit(0, L->Ty)));
          else
            zeroArray(cot(L), L->Dims[0], L->Ty, Out);
        });
        return;
      }
      ExprP C = cot(S.V);
      if (Scoped.count(S.V.get())) { // dies here: no zeroing
        accumulate(S.Init, C, Out);
        return;
      }
      if (isContainer(*S.V) && S.V->Dims.empty()) { // a vector
        zeroArray(C, sizeOf(C->V), S.V->Ty.element(), Out);
        return;
      }
      if (S.V->Dims.empty()) {
        readZeroAccumulate(C, S.Init, Out);
        return;
      }
      // A tangent array: its elements' cotangents flow to the initializer,
      // then the array's cotangent is zero before its declaration.
      Type Int = Type::integer("int");
      for (size_t I = 0; I < S.InitList.size(); ++I)
        accumulate(S.InitList[I], mkIndex(C, lit(double(I), Int)), Out);
      // A __shared__ array is declared once, at the top of the kernel: what
      // its cotangent holds there is read by no one, and zeroing it here
      // would race with the block's other threads.
      if (!S.V->Shared)
        zeroArray(C, S.V->Dims[0], S.V->Ty, Out);
      return;
    }
    case Stmt::Kind::Assign: {
      ExprP C = ctLValue(S.LHS);
      switch (S.AOp) {
      case AssignOp::Set:
        readZeroAccumulate(C, S.RHS, Out);
        return;
      case AssignOp::Add:
      case AssignOp::Sub: {
        ExprP G = C;
        VarP Root = rootVar(S.LHS);
        bool SelfRef = false;
        forEachVar(S.RHS, [&](const VarP &V) { SelfRef |= V == Root; });
        if (SelfRef) { // x += a * x: read before accumulating
          VarP T = fresh("_g", C->Ty);
          T->Ty.Const = true;
          Out.push_back(mkDecl(T, C));
          G = mkVar(T);
        }
        accumulate(S.RHS, S.AOp == AssignOp::Add ? G : neg(G), Out);
        return;
      }
      case AssignOp::Mul:
      case AssignOp::Div:
        Out.push_back(mkAssign(C, S.AOp, S.RHS));
        return;
      default:
        Diags.error(S.Loc, "internal error: assignment is not linear");
        return;
      }
    }
    case Stmt::Kind::If: {
      StmtP If = mkStmt(Stmt::Kind::If, S.Loc);
      If->Comment = S.Loc.Line ? "line " + std::to_string(S.Loc.Line) : "";
      If->Cond = S.Cond;
      If->Body = list(S.Body);
      If->Else = list(S.Else);
      If->HasElse = !If->Else.empty();
      if (!If->Body.empty() || If->HasElse)
        Out.push_back(std::move(If));
      return;
    }
    case Stmt::Kind::While: { // run the body TripCount times
      Type Int = Type::integer("int");
      VarP K = fresh("_k", Int);
      StmtP F = mkStmt(Stmt::Kind::For, S.Loc);
      F->Comment = S.Loc.Line ? "line " + std::to_string(S.Loc.Line) : "";
      F->ForInit.push_back(mkDecl(K, mkVar(S.TripCount)));
      F->Cond = mkBinary(BinOp::Gt, mkVar(K), lit(0, Int),
                         Type::scalar(ScalarKind::Bool));
      F->ForInc.push_back(mkAssign(mkVar(K), AssignOp::Sub, lit(1, Int)));
      F->Body = list(S.Body);
      if (!F->Body.empty())
        Out.push_back(std::move(F));
      return;
    }
    case Stmt::Kind::For: { // canonical: for (i = a; i < b; ++i), backwards
      const Stmt &Init = *S.ForInit[0];
      const Expr &C = *S.Cond;
      Type Int = Init.V->Ty.unqualified();
      ExprP A = Init.Init, B = C.op(1);
      ExprP First, Last;
      BinOp RevCmp;
      AssignOp RevStep;
      switch (C.BOp) {
      case BinOp::Lt: // i = b - 1 down to a
        First = sub(B, lit(1, Int));
        RevCmp = BinOp::Ge;
        RevStep = AssignOp::Sub;
        break;
      case BinOp::Le:
        First = B;
        RevCmp = BinOp::Ge;
        RevStep = AssignOp::Sub;
        break;
      case BinOp::Gt:
        First = add(B, lit(1, Int));
        RevCmp = BinOp::Le;
        RevStep = AssignOp::Add;
        break;
      default: // Ge
        First = B;
        RevCmp = BinOp::Le;
        RevStep = AssignOp::Add;
        break;
      }
      StmtP F = mkStmt(Stmt::Kind::For, S.Loc);
      F->Comment = S.Loc.Line ? "line " + std::to_string(S.Loc.Line) : "";
      F->Body = list(S.Body);
      if (F->Body.empty())
        return;
      F->Parallel = S.Parallel;
      // A parallel loop's transposed iterations meet only in sums.
      if (S.Parallel ||
          iterationsCommute(F->Body, Init.V)) { // forwards, as written
        F->ForInit = cloneList(S.ForInit);
        F->Cond = S.Cond;
        F->ForInc = cloneList(S.ForInc);
      } else if (!isLitValue(S.ForInc[0]->RHS, 1)) {
        Out.push_back(reverseStrided(S, std::move(F)));
        return;
      } else if (Int.Unsigned) {
        // `i = b - 1; i >= a; --i` would wrap past 0 and never end: start
        // one step out, compare, then step at the top of the body, so that
        // the counter never passes a (for (i = b; i > a;) { --i; ... }).
        ExprP Bound = B->is(Expr::Kind::Cast) && B->op(0)->is(Expr::Kind::Lit)
                          ? lit(B->op(0)->Value, Int) // `1 - 1` folded
                          : B;
        ExprP Out = C.BOp == BinOp::Le   ? offsetBy(Bound, 1)
                    : C.BOp == BinOp::Ge ? offsetBy(Bound, -1)
                                         : Bound;
        F->ForInit.push_back(mkDecl(Init.V, Out));
        F->Cond = mkBinary(RevStep == AssignOp::Sub ? BinOp::Gt : BinOp::Lt,
                           mkVar(Init.V), A, C.Ty);
        F->Body.insert(F->Body.begin(),
                       mkAssign(mkVar(Init.V), RevStep, lit(1, Int), S.Loc));
      } else {
        F->ForInit.push_back(mkDecl(Init.V, First));
        F->Cond = mkBinary(RevCmp, mkVar(Init.V), A, C.Ty);
        F->ForInc.push_back(mkAssign(mkVar(Init.V), RevStep, lit(1, Int)));
      }
      Out.push_back(std::move(F));
      return;
    }
    case Stmt::Kind::ExprStmt:
      if (isBarrier(S)) { // between the transposed phases
        Out.push_back(cloneStmt(S));
        return;
      }
      if (S.Value->DirectLinear && S.Value->Ty.isVoid()) {
        arrayLinearCall(*S.Value, Out);
        return;
      }
      if (S.Value->LinearCall) { // g writing arrays, its result not floating
        linearCall(*S.Value, nullptr, Out);
        return;
      }
      if (shapeOp(*S.Value) != ShapeOp::None) {
        shapeOpTranspose(*S.Value, Out);
        return;
      }
      Diags.error(S.Loc, "internal error: statement is not linear");
      return;
    case Stmt::Kind::Block: {
      StmtP B = mkStmt(Stmt::Kind::Block, S.Loc);
      B->Body = list(S.Body);
      if (!B->Body.empty())
        Out.push_back(std::move(B));
      return;
    }
    default:
      Diags.error(S.Loc, "internal error: statement is not linear");
      return;
    }
  }

public:
  Transposer(const CotangentOf &Ct, const VjpOf &Vjp,
             const CallTransposeOf &CallT, const StepRuleOf &Step, VarP Tape,
             NameTable &Names, DiagSink &Diags)
      : Ct(Ct), Vjp(Vjp), CallT(CallT), Step(Step), Tape(std::move(Tape)),
        Names(Names), Diags(Diags) {}

  StmtList list(const StmtList &L) {
    StmtList Out;
    // Non-linear locals of the block first, in order (Stmt::Recompute).
    for (const StmtP &S : L)
      if (S->Recompute) {
        Out.push_back(cloneStmt(*S));
        Out.back()->Recompute = false;
      }
    std::vector<const Var *> Local;
    if (Depth++ > 0 && !Step)
      for (const StmtP &S : L)
        if (S->is(Stmt::Kind::Decl) && S->V->IsTangent && S->V->Dims.empty() &&
            !S->V->Ty.IsPointer && !S->V->Ty.isRecord() && !S->Recompute) {
          VarP C = makeVar(Names.fresh(cotangentName(S->V->Name)),
                           S->V->Ty.unqualified(), S->V->Loc);
          Out.push_back(mkDecl(C, lit(0, C->Ty)));
          Scoped[S->V.get()] = mkVar(C);
          Local.push_back(S->V.get());
        }
    for (auto It = L.rbegin(); It != L.rend(); ++It) {
      if ((*It)->Recompute)
        continue;
      StmtList Group;
      stmt(**It, Group);
      if (!Group.empty() && Group.front()->Comment.empty() && (*It)->Loc.Line &&
          !(*It)->is(Stmt::Kind::Block))
        Group.front()->Comment = "line " + std::to_string((*It)->Loc.Line);
      for (StmtP &S : Group)
        Out.push_back(std::move(S));
    }
    for (const Var *V : Local)
      Scoped.erase(V);
    --Depth;
    return Out;
  }
};

} // namespace

StmtList transposeProgram(const StmtList &Linear, const CotangentOf &Ct,
                          const VjpOf &Vjp, const CallTransposeOf &CallT,
                          const VarP &Tape, NameTable &Names, DiagSink &Diags,
                          const StepRuleOf &Step) {
  return Transposer(Ct, Vjp, CallT, Step, Tape, Names, Diags).list(Linear);
}

} // namespace tad
