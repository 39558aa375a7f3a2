//===- Frontend/Lower/Cxx.cpp - C++ statements and locals -----------------===//
//
// C++ constructs lowered to tad's C subset at lowering: switch (a sequence
// of ifs with the fall-through made explicit), range-based for over
// fixed-size arrays (an indexed loop), local references (aliases of the
// lvalue they are bound to), multi-dimensional local arrays (flat arrays
// indexed row-major), and reference parameters that read as values or
// arrays.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"
#include "IR/Names.h"
#include "Rules/ExprBuilder.h"

#include "clang/AST/ExprCXX.h"

#include <functional>

using namespace clang;

namespace tad {

std::string Lowerer::freshName(const std::string &Base) {
  if (!NamesCollected && CurFD) {
    NamesCollected = true;
    for (const ParmVarDecl *P : CurFD->parameters())
      UsedNames.insert(P->getNameAsString());
    std::function<void(const clang::Stmt *)> Walk = [&](const clang::Stmt *S) {
      if (!S)
        return;
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (const auto *ND = dyn_cast<NamedDecl>(D))
            UsedNames.insert(ND->getNameAsString());
      if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
        UsedNames.insert(DRE->getDecl()->getNameAsString());
      for (const clang::Stmt *C : S->children())
        Walk(C);
    };
    Walk(CurFD->getBody());
  }
  std::string N = Base;
  for (unsigned I = 1; UsedNames.count(N); ++I)
    N = Base + "_" + std::to_string(I);
  UsedNames.insert(N);
  return N;
}

namespace {

/// The first case or default label in S of its enclosing switch.
const SwitchCase *nestedLabel(const clang::Stmt *S) {
  if (!S || isa<SwitchStmt>(S))
    return nullptr;
  if (const auto *SC = dyn_cast<SwitchCase>(S))
    return SC;
  for (const clang::Stmt *C : S->children())
    if (const SwitchCase *SC = nestedLabel(C))
      return SC;
  return nullptr;
}

} // namespace

void Lowerer::switchStmt(const SwitchStmt *SS, StmtList &Out) {
  SourceLocation L = SS->getBeginLoc();
  if (SS->getInit())
    fail(SS->getInit()->getBeginLoc(),
         "switch statements with an initializer are not supported");
  checkNoConditionVariable(SS, SS->getConditionVariable());
  ExprP Sel = expr(SS->getCond());
  if (Sel->Ty.IsPointer || Sel->Ty.isFloating())
    fail(SS->getCond()->getExprLoc(), "switch condition is not an integer");

  // The body as segments: the labels that enter each, its statements, and
  // whether it ends in a break (else it falls through into the next).
  struct Segment {
    std::vector<ExprP> Cases;
    bool Default = false;
    /// Each statement, and whether it is a block that ends in the case's
    /// break (`case 1: { ...; break; }`), dropped here.
    std::vector<std::pair<const clang::Stmt *, bool>> Stmts;
    bool Breaks = false;
    SourceLocation Loc;
  };
  std::vector<Segment> Segs;
  std::vector<ExprP> AllCases;
  std::vector<const clang::Stmt *> Items;
  if (const auto *CS = dyn_cast<CompoundStmt>(SS->getBody()))
    Items.assign(CS->body_begin(), CS->body_end());
  else
    Items.push_back(SS->getBody());
  for (const clang::Stmt *C : Items) {
    bool Labelled = false;
    while (const auto *SC = dyn_cast<SwitchCase>(C)) {
      if (!Labelled &&
          (Segs.empty() || !Segs.back().Stmts.empty() || Segs.back().Breaks)) {
        Segs.emplace_back();
        Segs.back().Loc = SC->getBeginLoc();
      }
      Labelled = true;
      if (const auto *Case = dyn_cast<CaseStmt>(SC)) {
        if (Case->caseStmtIsGNURange())
          fail(Case->getBeginLoc(), "case ranges are not supported; write "
                                    "one case label per value");
        llvm::APSInt V = Case->getLHS()->EvaluateKnownConstInt(Ctx);
        ExprP Lit = mkLit(static_cast<double>(V.getExtValue()),
                          Sel->Ty.unqualified(), loc(Case->getBeginLoc()));
        Segs.back().Cases.push_back(Lit);
        AllCases.push_back(Lit);
      } else {
        Segs.back().Default = true;
      }
      C = SC->getSubStmt();
    }
    // Statements before the first label, or after a break and before the
    // next label, never run.
    if (Segs.empty() || Segs.back().Breaks)
      continue;
    if (isa<BreakStmt>(C)) {
      Segs.back().Breaks = true;
      continue;
    }
    if (const SwitchCase *SC = nestedLabel(C))
      fail(SC->getBeginLoc(), "a case label inside a nested statement of a "
                              "switch is not supported: tad lowers switch "
                              "cases written at the top of its body");
    const auto *Block = dyn_cast<CompoundStmt>(C);
    bool TailBreak =
        Block && !Block->body_empty() && isa<BreakStmt>(Block->body_back());
    for (const clang::Stmt *Part :
         TailBreak ? std::vector<const clang::Stmt *>(Block->body_begin(),
                                                      Block->body_end() - 1)
                   : std::vector<const clang::Stmt *>{C})
      if (const BreakStmt *B = ownJump<BreakStmt>(Part))
        fail(B->getBeginLoc(),
             "a 'break' nested inside a case is not supported: end the case "
             "with the break, or write the case as if/else");
    Segs.back().Stmts.push_back({C, TailBreak});
    Segs.back().Breaks = TailBreak;
  }

  // const T sw = <condition>; then, for each segment, if (<one of the
  // labels that reach it, through the fall-throughs before it>) { ... }.
  Type SelTy = Sel->Ty.unqualified();
  VarP SV = makeVar(freshName("sw"), SelTy, loc(L));
  SV->Ty.Const = true;
  Out.push_back(mkDecl(SV, Sel, loc(L)));
  Type Bool = Type::scalar(ScalarKind::Bool);
  auto Matches = [&](const Segment &S) -> ExprP {
    ExprP C;
    auto Or = [&](ExprP X) {
      C = C ? mkBinary(BinOp::LOr, C, X, Bool, X->Loc) : X;
    };
    for (const ExprP &Lit : S.Cases)
      Or(mkBinary(BinOp::Eq, mkVar(SV), Lit, Bool, Lit->Loc));
    if (S.Default) {
      ExprP D;
      for (const ExprP &Lit : AllCases) {
        ExprP Ne = mkBinary(BinOp::Ne, mkVar(SV), Lit, Bool, Lit->Loc);
        D = D ? mkBinary(BinOp::LAnd, D, Ne, Bool, Lit->Loc) : Ne;
      }
      Or(D ? D : mkLit(1, Bool));
    }
    return C;
  };
  for (size_t I = 0; I < Segs.size(); ++I) {
    if (Segs[I].Stmts.empty())
      continue;
    ExprP Cond;
    for (size_t J = I + 1; J-- > 0;) {
      if (J < I && Segs[J].Breaks)
        break;
      if (ExprP M = Matches(Segs[J]))
        Cond = Cond ? mkBinary(BinOp::LOr, M, Cond, Bool, M->Loc) : M;
    }
    StmtP If = mkStmt(Stmt::Kind::If, loc(Segs[I].Loc));
    If->Cond = Cond;
    for (size_t K = 0; K < Segs[I].Stmts.size(); ++K) {
      auto [C, TailBreak] = Segs[I].Stmts[K];
      // A declaration at the top of a case is in scope in the cases
      // after it; each case here is a block of its own.
      if (isa<DeclStmt>(C) && I + 1 < Segs.size())
        fail(C->getBeginLoc(), "a declaration at the top level of a case "
                               "that other cases follow is not supported; "
                               "put the case in braces");
      if (!TailBreak) {
        stmt(C, If->Body);
        continue;
      }
      const auto *CS = cast<CompoundStmt>(C);
      StmtP B = mkStmt(Stmt::Kind::Block, loc(CS->getBeginLoc()));
      for (auto It = CS->body_begin(); It + 1 != CS->body_end(); ++It)
        stmt(*It, B->Body);
      If->Body.push_back(std::move(B));
    }
    Out.push_back(std::move(If));
  }
}

void Lowerer::rangeFor(const CXXForRangeStmt *RS, StmtList &Out) {
  SourceLocation L = RS->getBeginLoc();
  if (RS->getInit())
    fail(RS->getInit()->getBeginLoc(),
         "range-based for loops with an initializer are not supported");
  const clang::Expr *Range = RS->getRangeInit()->IgnoreParenImpCasts();
  const auto *CAT = Ctx.getAsConstantArrayType(Range->getType());
  ExprP Container = containerVar(Range); // up to its size
  if (!CAT && !Container)
    fail(Range->getExprLoc(),
         "range-based for over '" + sourceText(Range->getSourceRange()) +
             "' (type '" + Range->getType().getAsString() +
             "') is not supported: tad iterates over fixed-size arrays "
             "only; use an indexed loop");
  if (CAT && CAT->getElementType()->isArrayType())
    fail(Range->getExprLoc(), "range-based for over the rows of a "
                              "multi-dimensional array is not supported; use "
                              "an indexed loop");
  const auto *DRE = dyn_cast<DeclRefExpr>(Range);
  VarP A = Container ? Container->V
           : DRE     ? varFor(DRE->getDecl(), DRE->getLocation())
                     : nullptr;
  if (!A || !A->isArray())
    fail(Range->getExprLoc(), "range-based for over this expression is not "
                              "supported: tad iterates over array variables "
                              "only");
  SrcLoc SL = loc(L);
  Type Int = Type::integer(Container ? "std::size_t" : "int");
  Int.Unsigned = Container != nullptr;
  VarP I = makeVar(freshName("i"), Int, SL);
  StmtP For = mkStmt(Stmt::Kind::For, SL);
  For->ForInit.push_back(mkDecl(I, mkLit(0, Int), SL));
  ExprP Bound =
      Container
          ? sizeOf(A, SL)
          : mkLit(static_cast<double>(CAT->getSize().getZExtValue()), Int);
  For->Cond =
      mkBinary(BinOp::Lt, mkVar(I), Bound, Type::scalar(ScalarKind::Bool), SL);
  For->ForInc.push_back(mkAssign(mkVar(I), AssignOp::Add, mkLit(1, Int), SL));
  const VarDecl *LV = RS->getLoopVariable();
  ExprP Elt = mkIndex(mkVar(A, loc(Range->getExprLoc())), mkVar(I),
                      loc(LV->getLocation()));
  if (LV->getType()->isReferenceType()) {
    Aliases[LV] = Elt; // the counter is tad's: nothing else writes it
  } else {
    VarP X = declareLocal(LV);
    if (!X->Dims.empty())
      fail(LV->getLocation(), "this loop variable is not supported");
    if (!X->Ty.sameScalar(Elt->Ty))
      Elt = mkCast(X->Ty.unqualified(), Elt, Elt->Loc, true);
    For->Body.push_back(mkDecl(X, Elt, loc(LV->getLocation())));
  }
  ++LoopDepth;
  for (StmtP &S : body(RS->getBody()))
    For->Body.push_back(std::move(S));
  --LoopDepth;
  Out.push_back(std::move(For));
}

void Lowerer::referenceLocal(const VarDecl *VD, StmtList &Out) {
  SourceLocation L = VD->getLocation();
  std::string Name = VD->getNameAsString();
  QualType Ref = VD->getType().getNonReferenceType();
  const clang::Expr *Init = VD->getInit();
  if (!Init)
    fail(L, "reference '" + Name + "' has no initializer");
  if (Ref->isRecordType()) { // an alias of a struct variable or element
    const clang::Expr *X = Init->IgnoreImplicit();
    Aliases[VD] = frozen(recordPlace(X), Name, L, Out);
    return;
  }
  if (Ref->isArrayType() || Ref->isPointerType() || !scalarType(Ref))
    fail(L, "local reference '" + Name + "' of type '" +
                VD->getType().getAsString() +
                "' is not supported: tad supports references to scalars "
                "and array elements");
  const clang::Expr *X = Init->IgnoreParens();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(X))
    X = EWC->getSubExpr()->IgnoreParens();
  // const T &r = <a temporary>: r names a constant value.
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(X)) {
    auto V = std::make_shared<Var>();
    V->Name = Name;
    V->Loc = loc(L);
    V->Ty = lowerType(Ref, L, "reference '" + Name + "'");
    V->Ty.Const = true;
    Vars[VD] = V;
    Out.push_back(mkDecl(V, expr(MTE->getSubExpr()), loc(L)));
    return;
  }
  const clang::Expr *Y = X->IgnoreImpCasts();
  bool Element = isa<ArraySubscriptExpr>(Y) || isa<CallExpr>(Y) ||
                 (isa<UnaryOperator>(Y) &&
                  cast<UnaryOperator>(Y)->getOpcode() == UO_Deref);
  if (!Element && !isa<DeclRefExpr>(Y))
    fail(X->getExprLoc(), "tad cannot follow this reference: '" + Name +
                              "' must be bound to a variable or an array "
                              "element");
  // A read-only reference may name a constant global; a writable one
  // goes through the checks of an assignment target.
  ExprP A = Ref.isConstQualified() ? expr(Y) : lvalue(Y);
  Aliases[VD] = frozen(A, Name, L, Out);
}

ExprP Lowerer::frozen(const ExprP &A, const std::string &Name, SourceLocation L,
                      StmtList &Out) {
  if (!A->is(Expr::Kind::Index) || A->op(1)->is(Expr::Kind::Lit))
    return A;
  // The reference keeps naming the element it was bound to, whatever the
  // index variables do afterwards.
  const ExprP &Idx = A->op(1);
  VarP K = makeVar(freshName(Name + "_at"), Idx->Ty.unqualified(), loc(L));
  K->Ty.Const = true;
  Out.push_back(mkDecl(K, Idx, loc(L)));
  return mkIndex(A->op(0), mkVar(K), A->Loc);
}

ExprP Lowerer::multiSubscript(const ArraySubscriptExpr *ASE, bool Row) {
  std::vector<const clang::Expr *> Idx;
  const clang::Expr *Base = ASE;
  while (const auto *A = dyn_cast<ArraySubscriptExpr>(Base)) {
    Idx.insert(Idx.begin(), A->getIdx());
    Base = A->getBase()->IgnoreParenImpCasts();
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(Base);
  if (!DRE || !Vars.count(DRE->getDecl()))
    return nullptr;
  VarP V = Vars[DRE->getDecl()];
  auto It = Shapes.find(V.get());
  if (It == Shapes.end())
    return nullptr;
  const std::vector<std::uint64_t> &Dims = It->second;
  if (Idx.size() != Dims.size() && !(Row && Idx.size() < Dims.size()))
    fail(ASE->getExprLoc(),
         "'" + sourceText(ASE->getSourceRange()) + "' is a sub-array of " +
             std::to_string(Dims.size()) + "-dimensional array '" + V->Name +
             "', which tad does not follow yet; index every dimension");
  ExprP Flat;
  for (size_t K = 0; K < Idx.size(); ++K) {
    ExprP I = expr(Idx[K]);
    if (I->Ty.Kind != ScalarKind::Int && I->Ty.Kind != ScalarKind::Bool)
      fail(Idx[K]->getExprLoc(), "array index is not an integer");
    if (!Flat) {
      Flat = I;
      continue;
    }
    Type T = Flat->Ty.unqualified();
    Flat =
        mkBinary(BinOp::Add,
                 mkBinary(BinOp::Mul, Flat,
                          mkLit(static_cast<double>(Dims[K]), T), T, Flat->Loc),
                 I, T, I->Loc);
  }
  if (Idx.size() < Dims.size()) { // m[i] of m[n][k]: m + i * k
    std::uint64_t Size = 1;
    for (size_t K = Idx.size(); K < Dims.size(); ++K)
      Size *= Dims[K];
    Type T = Flat->Ty.unqualified();
    return mkOffset(mkVar(V, loc(DRE->getLocation())),
                    mkBinary(BinOp::Mul, Flat,
                             mkLit(static_cast<double>(Size), T), T, Flat->Loc),
                    loc(ASE->getExprLoc()));
  }
  return mkIndex(mkVar(V, loc(DRE->getLocation())), Flat,
                 loc(ASE->getExprLoc()));
}

void Lowerer::flattenInit(const clang::Expr *E,
                          const std::vector<std::uint64_t> &Dims,
                          unsigned Level, const Type &Elt,
                          std::vector<ExprP> &Out) {
  if (E)
    E = E->IgnoreImplicit();
  if (E && isa<ImplicitValueInitExpr>(E))
    E = nullptr;
  if (Level == Dims.size()) {
    Out.push_back(E ? expr(E) : mkLit(0, Elt.unqualified()));
    return;
  }
  const auto *IL = E ? dyn_cast<InitListExpr>(E) : nullptr;
  if (E && !IL)
    fail(E->getExprLoc(), "unsupported array initializer");
  for (std::uint64_t K = 0; K < Dims[Level]; ++K)
    flattenInit(IL && K < IL->getNumInits() ? IL->getInit(K) : nullptr, Dims,
                Level + 1, Elt, Out);
}

std::optional<Type> Lowerer::referenceParamType(QualType QT, SourceLocation L,
                                                const std::string &What) {
  if (!QT->isReferenceType())
    return std::nullopt;
  QualType Pointee = QT.getNonReferenceType();
  // T (&a)[N]: the array, as a pointer to its first element.
  if (const auto *CAT = Ctx.getAsConstantArrayType(Pointee)) {
    QualType Elt = CAT->getElementType();
    if (Elt->isArrayType() || Elt->isPointerType())
      return std::nullopt; // T *(&)[N]: refused as a reference

    Type T = lowerType(Elt, L, What);
    T.IsPointer = true;
    T.PointeeConst = Elt.isConstQualified();
    T.Const = false;
    return T;
  }
  // const T &x of a scalar T: read-only, so it reads as a T.
  if (Pointee.isConstQualified() && scalarType(Pointee) &&
      !Pointee->isVoidType()) {
    Type T = lowerType(Pointee, L, What);
    T.Const = true;
    return T;
  }
  // T &x: in-out, a one-element array spelled as a reference.
  if (scalarType(Pointee) && !Pointee->isVoidType()) {
    Type T = lowerType(Pointee, L, What);
    T.IsPointer = true;
    T.Reference = true;
    T.Const = false;
    return T;
  }
  // const S &s of a struct: read as a value; S &s: in-out, as for a T &.
  if (Pointee->isRecordType()) {
    Type T = lowerType(Pointee.getUnqualifiedType(), L, What);
    if (Pointee.isConstQualified()) {
      T.Const = true;
      T.ConstRef = true;
    } else {
      T.IsPointer = true;
      T.Reference = true;
    }
    return T;
  }
  return std::nullopt;
}

ExprP Lowerer::referenceCall(const CallExpr *CE) {
  const FunctionDecl *FD = CE->getDirectCallee();
  std::string Name = FD->getQualifiedNameAsString();
  SourceLocation L = CE->getExprLoc();
  const FunctionDecl *Def = nullptr;
  const auto *Body =
      FD->hasBody(Def) ? dyn_cast<CompoundStmt>(Def->getBody()) : nullptr;
  const ReturnStmt *RS = Body && Body->size() == 1
                             ? dyn_cast<ReturnStmt>(Body->body_front())
                             : nullptr;
  if (!RS || !RS->getRetValue())
    fail(L, "call of '" + Name +
                "', which returns a reference, is not "
                "supported: tad follows a function returning a reference "
                "whose body is one 'return' of a variable or an element");
  if (++ReferenceCallDepth > 16)
    fail(L, "calls of functions returning references nest too deeply");
  // The parameters read as the arguments (their expressions, which call
  // nothing, so that reading them again is reading them once).
  std::vector<std::pair<const ValueDecl *, std::optional<ExprP>>> Saved;
  // A member (`v[i]` of `double &operator[](int i) { return a[i]; }`):
  // `this` is the call's object.
  std::vector<const clang::Expr *> ArgExprs;
  ExprP Object = callObject(CE, ArgExprs);
  ExprP SavedThis = ThisPlace;
  if (Object)
    ThisPlace = Object;
  for (unsigned I = 0; I < Def->getNumParams() && I < ArgExprs.size(); ++I) {
    const ParmVarDecl *P = Def->getParamDecl(I);
    const clang::Expr *A = ArgExprs[I];
    QualType PT = P->getType();
    ExprP Arg;
    if (PT->isPointerType() || PT->isArrayType())
      Arg = arrayBase(A, "argument");
    else if (PT->isLValueReferenceType() &&
             !PT.getNonReferenceType().isConstQualified())
      Arg = lvalue(A);
    else
      Arg = expr(A);
    if (callsUserFunction(Arg))
      fail(A->getExprLoc(), "an argument of '" + Name +
                                "', which returns a reference, must not "
                                "call a function; compute it before");
    auto It = Aliases.find(P);
    Saved.push_back({P, It == Aliases.end()
                            ? std::nullopt
                            : std::optional<ExprP>(It->second)});
    Aliases[P] = Arg;
  }
  const clang::Expr *R = RS->getRetValue();
  ExprP Result = FD->getReturnType().getNonReferenceType().isConstQualified()
                     ? expr(R)
                     : lvalue(R);
  if (!Result->is(Expr::Kind::Index) && !Result->is(Expr::Kind::VarRef))
    fail(R->getExprLoc(), "'" + Name +
                              "' returns a reference tad cannot "
                              "follow: return a variable or an array element");
  for (auto &[P, Old] : Saved) {
    if (Old)
      Aliases[P] = *Old;
    else
      Aliases.erase(P);
  }
  ThisPlace = SavedThis;
  --ReferenceCallDepth;
  return Result;
}

void Lowerer::pointerLocal(const VarDecl *VD, StmtList &Out) {
  std::string Name = VD->getNameAsString();
  SourceLocation L = VD->getLocation();
  if (!VD->getInit())
    fail(L, "local pointer '" + Name +
                "' must be initialized: tad follows "
                "a local pointer into one array, set where it is declared");
  if (VD->isStaticLocal())
    fail(L, "static local pointers are not supported");
  Type Int = Type::integer("int");
  VarP Base;
  ExprP Off;
  // `double *p = a.begin()` of a std::array (whose iterators are pointers).
  if (isa<CXXMemberCallExpr>(VD->getInit()->IgnoreImplicit()))
    if (std::optional<Position> P = position(VD->getInit())) {
      Base = P->Base->V;
      Off = P->Off;
    }
  if (!Base) {
    ExprP P = arrayBase(VD->getInit(), "in this initializer");
    Base = rootVar(P);
    Off = isOffset(P) ? P->op(1) : mkLit(0, Int);
  }
  VarP O = makeVar(
      freshName(Name + "_off"),
      Off->Ty.Kind == ScalarKind::Int ? Off->Ty.unqualified() : Int, loc(L));
  Out.push_back(mkDecl(O, Off, loc(L)));
  PointerLocals[VD] = {Base, O};
}

bool Lowerer::pointerUpdate(const clang::Expr *E, StmtList &Out) {
  if (iteratorUpdate(E, Out))
    return true;
  const clang::Expr *Target = nullptr;
  const auto *BO = dyn_cast<BinaryOperator>(E);
  const auto *UO = dyn_cast<UnaryOperator>(E);
  if (BO && BO->isAssignmentOp())
    Target = BO->getLHS();
  else if (UO && UO->isIncrementDecrementOp())
    Target = UO->getSubExpr();
  const auto *DRE =
      Target ? dyn_cast<DeclRefExpr>(Target->IgnoreParens()) : nullptr;
  auto It = DRE ? PointerLocals.find(DRE->getDecl()) : PointerLocals.end();
  if (It == PointerLocals.end())
    return false;
  const PointerLocal &PL = It->second;
  SrcLoc SL = loc(E->getExprLoc());
  Type Int = PL.Off->Ty.unqualified();
  if (UO) {
    Out.push_back(mkAssign(mkVar(PL.Off),
                           UO->isIncrementOp() ? AssignOp::Add : AssignOp::Sub,
                           mkLit(1, Int), SL));
    return true;
  }
  switch (BO->getOpcode()) {
  case BO_AddAssign:
  case BO_SubAssign:
    Out.push_back(mkAssign(mkVar(PL.Off),
                           BO->getOpcode() == BO_AddAssign ? AssignOp::Add
                                                           : AssignOp::Sub,
                           expr(BO->getRHS()), SL));
    return true;
  case BO_Assign: {
    ExprP P = arrayBase(BO->getRHS(), "in this assignment");
    VarP Base = rootVar(P);
    if (Base != PL.Base)
      fail(BO->getOperatorLoc(),
           "local pointer '" + DRE->getDecl()->getNameAsString() +
               "' points into '" + PL.Base->Name +
               "' and is assigned a pointer into '" +
               (Base ? Base->Name : std::string("?")) +
               "' here: tad follows a local pointer that stays in one "
               "array; use one pointer per array");
    Out.push_back(mkAssign(mkVar(PL.Off), AssignOp::Set,
                           isOffset(P) ? P->op(1) : mkLit(0, Int), SL));
    return true;
  }
  default:
    fail(BO->getOperatorLoc(), "this operation on local pointer '" +
                                   DRE->getDecl()->getNameAsString() +
                                   "' is not supported");
  }
}

void Lowerer::flushCalls(StmtP S, StmtList &Out) {
  CopyBack = false;
  for (StmtP &P : PreCall)
    Out.push_back(std::move(P));
  PreCall.clear();
  Out.push_back(std::move(S));
  for (StmtP &P : PostCall)
    Out.push_back(std::move(P));
  PostCall.clear();
}

namespace {
/// E as (base, constant): i + 1 is (i, 1), 3 is (null, 3), i is (i, 0).
std::pair<ExprP, double> splitOffset(const ExprP &E) {
  if (E->is(Expr::Kind::Lit))
    return {nullptr, E->Value};
  if (E->is(Expr::Kind::Binary) && E->op(1)->is(Expr::Kind::Lit) &&
      (E->BOp == BinOp::Add || E->BOp == BinOp::Sub))
    return {E->op(0),
            E->BOp == BinOp::Add ? E->op(1)->Value : -E->op(1)->Value};
  return {E, 0};
}
} // namespace

/// A and B are elements of one array at indices that differ by a nonzero
/// constant (a[2*i] and a[2*i + 1]): they cannot overlap.
bool Lowerer::distinctElements(const ExprP &A, const ExprP &B) {
  if (!A->is(Expr::Kind::Index) || !B->is(Expr::Kind::Index))
    return false;
  auto [BA, CA] = splitOffset(A->op(1));
  auto [BB, CB] = splitOffset(B->op(1));
  bool SameBase = (!BA && !BB) || (BA && BB && sameExpr(BA, BB));
  return SameBase && CA != CB;
}

ExprP Lowerer::referenceArg(const clang::Expr *A, const ParmVarDecl *P,
                            const FunctionDecl *FD,
                            const std::vector<ExprP> &Before, bool AddressOf) {
  std::string What = "passing '" + sourceText(A->getSourceRange()) +
                     "' by reference to '" + FD->getQualifiedNameAsString() +
                     "'";
  if (!CopyBack || NoCopyBack)
    fail(A->getExprLoc(), What + " is supported in a statement that is the "
                                 "call, an assignment, a declaration, a "
                                 "return or an 'if' or loop condition only, "
                                 "not in a "
                                 "'for' loop's initializer or increment; "
                                 "call it in a statement of its own");
  const clang::Expr *X =
      AddressOf ? cast<UnaryOperator>(A->IgnoreParenImpCasts())->getSubExpr()
                : A;
  bool CopyIn = true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(X->IgnoreParenImpCasts()))
    if (auto It = Unwritten.find(DRE->getDecl());
        It != Unwritten.end() && It->second == LoopDepth)
      CopyIn = false;
  ExprP LV = lvalue(X);
  // A reference passed on is passed as it is.
  if (LV->is(Expr::Kind::Index) && LV->op(0)->Ty.Reference &&
      LV->op(0)->is(Expr::Kind::VarRef))
    return LV->op(0);
  VarP Root = rootVar(LV);
  for (const ExprP &B : Before)
    if ((B->Ty.IsPointer || B->Ty.Reference) && rootVar(B) == Root)
      fail(A->getExprLoc(),
           What + " is not supported: it overlaps another argument, and "
                  "tad assumes the arrays and references a function is "
                  "passed do not overlap");
  for (const StmtP &C : PostCall)
    if (rootVar(C->LHS) == Root && !distinctElements(C->LHS, LV))
      fail(A->getExprLoc(), What + " is not supported: '" + Root->Name +
                                "' is passed by reference twice in this "
                                "statement");
  (void)P;
  VarP T = makeVar(freshName(Root->Name + "_ref"), LV->Ty.unqualified(),
                   loc(A->getExprLoc()));
  T->Dims = {1};
  T->Ty.Reference = !AddressOf;
  StmtP D = mkDecl(T, nullptr, T->Loc);
  D->HasInitList = true;
  if (CopyIn)
    D->InitList.push_back(LV);
  PreCall.push_back(std::move(D));
  PostCall.push_back(mkAssign(LV, AssignOp::Set,
                              mkIndex(mkVar(T), mkLit(0, Type::integer("int"))),
                              T->Loc));
  return mkVar(T, T->Loc);
}

} // namespace tad
