//===- Frontend/Lower.cpp - Clang AST to tad IR ---------------------------===//
//
// Lowers a function definition to IR. Everything outside the supported
// subset is an error at the construct's own location that says what it is
// and why tad rejects it.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Frontend.h"
#include "Transforms/Rules.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <optional>

using namespace clang;

namespace tad {

void ClangDiagSink::errorAt(SourceLocation Loc, const std::string &Msg) {
  ++Errors;
  if (Muted)
    return;
  D.Report(Loc, D.getCustomDiagID(DiagnosticsEngine::Error, "%0")) << Msg;
}
void ClangDiagSink::noteAt(SourceLocation Loc, const std::string &Msg) {
  if (Muted)
    return;
  D.Report(Loc, D.getCustomDiagID(DiagnosticsEngine::Note, "%0")) << Msg;
}
static SourceLocation toClang(SrcLoc L) {
  return L.valid() ? SourceLocation::getFromRawEncoding(
                         static_cast<SourceLocation::UIntTy>(L.Handle - 1))
                   : SourceLocation();
}
void ClangDiagSink::error(SrcLoc Loc, const std::string &Msg) {
  errorAt(toClang(Loc), Msg);
}
void ClangDiagSink::note(SrcLoc Loc, const std::string &Msg) {
  noteAt(toClang(Loc), Msg);
}
void ClangDiagSink::warning(SrcLoc Loc, const std::string &Msg) {
  // Clang does not map custom diagnostics: -w and -Werror are applied here.
  if (Muted || D.getIgnoreAllWarnings())
    return;
  if (D.getWarningsAsErrors()) {
    D.Report(toClang(Loc),
             D.getCustomDiagID(DiagnosticsEngine::Error, "%0 [-Werror]"))
        << Msg;
    return;
  }
  D.Report(toClang(Loc), D.getCustomDiagID(DiagnosticsEngine::Warning, "%0"))
      << Msg;
}

const void *ClangFunctionSource::keyOf(const FunctionDecl *FD) {
  return FD->getCanonicalDecl();
}

namespace {

/// Thrown out of the lowering of one function at its first error; the
/// error has been reported by then.
struct LoweringError {};

class Lowerer {
  ASTContext &Ctx;
  const SourceManager &SM;
  ClangDiagSink &Diags;
  std::map<const ValueDecl *, VarP> Vars;
  std::map<std::string, VarP> CudaBuiltins;
  /// Nesting of loops, so that break/continue can be checked.
  unsigned LoopDepth = 0;

  [[noreturn]] void fail(SourceLocation L, const std::string &Msg) {
    Diags.errorAt(L, Msg);
    throw LoweringError();
  }

  SrcLoc loc(SourceLocation L) const {
    SrcLoc S;
    if (L.isInvalid())
      return S;
    SourceLocation E = SM.getExpansionLoc(L);
    S.Line = SM.getExpansionLineNumber(E);
    S.Col = SM.getExpansionColumnNumber(E);
    S.Handle = static_cast<std::uint64_t>(E.getRawEncoding()) + 1;
    return S;
  }

  std::string sourceText(SourceRange R) const {
    return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM,
                                Ctx.getLangOpts())
        .str();
  }

  //===--------------------------------------------------------------------===//
  // Types
  //===--------------------------------------------------------------------===//

  std::optional<Type> scalarType(QualType QT) {
    QualType C = QT.getCanonicalType();
    const auto *BT = dyn_cast<BuiltinType>(C.getTypePtr());
    if (!BT)
      return std::nullopt;
    Type T;
    switch (BT->getKind()) {
    case BuiltinType::Float:
      T.Kind = ScalarKind::Float;
      break;
    case BuiltinType::Double:
      T.Kind = ScalarKind::Double;
      break;
    case BuiltinType::Bool:
      T.Kind = ScalarKind::Bool;
      break;
    case BuiltinType::Void:
      T.Kind = ScalarKind::Void;
      break;
    default:
      if (!BT->isInteger())
        return std::nullopt;
      T.Kind = ScalarKind::Int;
      T.Unsigned = BT->isUnsignedInteger();
      PrintingPolicy PP(Ctx.getLangOpts());
      PP.SuppressTagKeyword = true;
      T.IntSpelling = QT.getUnqualifiedType().getAsString(PP);
      break;
    }
    T.Const = QT.isConstQualified();
    return T;
  }

  /// Scalars, and pointers to scalars; What names the thing for messages.
  Type lowerType(QualType QT, SourceLocation L, const std::string &What) {
    if (QT->isReferenceType())
      fail(L, What + " has reference type '" + QT.getAsString() +
                  "'; tad supports scalars and pointers to scalars (pass "
                  "arrays and outputs by pointer)");
    if (const auto *PT = QT->getAs<PointerType>()) {
      QualType Pointee = PT->getPointeeType();
      std::optional<Type> T = scalarType(Pointee);
      if (!T || T->Kind == ScalarKind::Void)
        fail(L, What + " has type '" + QT.getAsString() +
                    "'; tad supports pointers to float, double, integer or "
                    "bool only");
      T->IsPointer = true;
      T->PointeeConst = Pointee.isConstQualified();
      T->Const = QT.isConstQualified();
      T->Restrict = QT.isRestrictQualified();
      return *T;
    }
    std::optional<Type> T = scalarType(QT);
    if (!T) {
      std::string Hint;
      if (QT->isSpecificBuiltinType(BuiltinType::LongDouble))
        Hint = " (long double is not supported; use double)";
      fail(L, What + " has type '" + QT.getAsString() +
                  "', which tad cannot differentiate through" + Hint);
    }
    return *T;
  }

  //===--------------------------------------------------------------------===//
  // Expressions
  //===--------------------------------------------------------------------===//

  ExprP lowerCastTo(const clang::Expr *Sub, QualType To, SourceLocation L,
                    bool Implicit) {
    ExprP X = expr(Sub);
    Type T = lowerType(To, L, "this conversion");
    if (X->Ty.sameScalar(T) && X->Ty.IsPointer == T.IsPointer)
      return X;
    if (T.IsPointer || X->Ty.IsPointer)
      fail(L, "pointer conversions are not supported: tad cannot follow "
              "the converted pointer");
    return mkCast(T, X, loc(L), Implicit);
  }

  VarP varFor(const ValueDecl *D, SourceLocation L) {
    auto It = Vars.find(D);
    if (It != Vars.end())
      return It->second;
    const auto *VD = dyn_cast<VarDecl>(D);
    if (VD && VD->hasGlobalStorage() && !VD->isLocalVarDecl()) {
      // A global read by the function: a constant of the derivative.
      auto V = std::make_shared<Var>();
      V->Name = VD->getQualifiedNameAsString();
      // A global array (a table of coefficients) reads like a pointer to
      // constants.
      const auto *AT = Ctx.getAsConstantArrayType(VD->getType());
      if (AT && !AT->getElementType()->isArrayType()) {
        V->Ty = lowerType(AT->getElementType(), L, "global '" + V->Name + "'");
        V->Ty.IsPointer = true;
        V->Ty.PointeeConst = true;
      } else {
        V->Ty = lowerType(VD->getType(), L, "global '" + V->Name + "'");
      }
      V->Ty.Const = true;
      V->Loc = loc(VD->getLocation());
      Vars[D] = V;
      return V;
    }
    fail(L,
         "reference to '" + D->getNameAsString() + "' is not supported here");
  }

  /// The base of a subscript or a pointer argument: an array variable.
  ExprP arrayBase(const clang::Expr *E, const char *Use) {
    const clang::Expr *B = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(B)) {
      VarP V = varFor(DRE->getDecl(), DRE->getLocation());
      if (V->isArray())
        return mkVar(V, loc(DRE->getLocation()));
    }
    fail(E->getExprLoc(),
         std::string("tad cannot follow this pointer ") + Use +
             ": only pointer parameters and local arrays may be indexed or "
             "passed, not pointer arithmetic or other pointer expressions");
  }

  ExprP literal(const clang::Expr *E, double Value, QualType QT) {
    Type T = lowerType(QT, E->getExprLoc(), "this literal");
    return mkLit(Value, T, loc(E->getExprLoc()),
                 sourceText(E->getSourceRange()));
  }

  ExprP expr(const clang::Expr *E) {
    E = E->IgnoreParens();
    SourceLocation L = E->getExprLoc();
    SrcLoc SL = loc(L);

    if (const auto *FL = dyn_cast<FloatingLiteral>(E))
      return literal(E, FL->getValueAsApproximateDouble(), E->getType());
    if (const auto *IL = dyn_cast<IntegerLiteral>(E))
      return literal(E, static_cast<double>(IL->getValue().getSExtValue()),
                     E->getType());
    if (const auto *BL = dyn_cast<CXXBoolLiteralExpr>(E))
      return mkLit(BL->getValue(), Type::scalar(ScalarKind::Bool), SL);

    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
        return mkLit(static_cast<double>(EC->getInitVal().getSExtValue()),
                     lowerType(E->getType(), L, "this enumerator"), SL,
                     EC->getQualifiedNameAsString());
      return mkVar(varFor(DRE->getDecl(), L), SL);
    }

    // CUDA's threadIdx.x, blockIdx.y, ...: passive integers, kept by name.
    if (const auto *POE = dyn_cast<PseudoObjectExpr>(E))
      if (const auto *PRE = dyn_cast<MSPropertyRefExpr>(
              POE->getSyntacticForm()->IgnoreParens()))
        if (const auto *Base =
                dyn_cast<DeclRefExpr>(cast<OpaqueValueExpr>(PRE->getBaseExpr())
                                          ->getSourceExpr()
                                          ->IgnoreParenImpCasts())) {
          std::string Name = Base->getDecl()->getNameAsString() + "." +
                             PRE->getPropertyDecl()->getNameAsString();
          auto &V = CudaBuiltins[Name];
          if (!V) {
            V = std::make_shared<Var>();
            V->Name = Name;
            V->Ty = lowerType(E->getType(), L, "'" + Name + "'");
            V->Ty.Const = true;
          }
          return mkVar(V, SL);
        }

    // std::min(x, 0.0) binds its arguments to references: the temporaries
    // are values here.
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      return expr(EWC->getSubExpr());
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      return expr(MTE->getSubExpr());

    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
      switch (ICE->getCastKind()) {
      case CK_LValueToRValue:
      case CK_NoOp:
      case CK_ArrayToPointerDecay:
        return expr(ICE->getSubExpr());
      case CK_IntegralToFloating:
      case CK_FloatingCast:
      case CK_FloatingToIntegral:
      case CK_IntegralCast:
      case CK_IntegralToBoolean:
      case CK_FloatingToBoolean:
        return lowerCastTo(ICE->getSubExpr(), E->getType(), L, true);
      case CK_PointerToBoolean:
        fail(L, "testing a pointer is not supported: tad cannot follow "
                "pointers other than array parameters; pass a flag or a "
                "count instead");
      default:
        fail(L, std::string("implicit conversion '") + ICE->getCastKindName() +
                    "' is not supported by tad");
      }
    }
    if (const auto *CE = dyn_cast<ExplicitCastExpr>(E)) {
      if (isa<CStyleCastExpr>(E) || isa<CXXStaticCastExpr>(E) ||
          isa<CXXFunctionalCastExpr>(E))
        return lowerCastTo(CE->getSubExpr(), E->getType(), L, false);
      std::string Spelled = CE->getStmtClassName();
      if (const auto *Named = dyn_cast<CXXNamedCastExpr>(E))
        Spelled = Named->getCastName();
      fail(L, "'" + Spelled +
                  "' is not supported by tad: only conversions "
                  "between arithmetic types (static_cast, C-style and "
                  "functional casts) are");
    }

    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
      ExprP Base = arrayBase(ASE->getBase(), "in a subscript");
      ExprP Idx = expr(ASE->getIdx());
      if (Idx->Ty.Kind != ScalarKind::Int && Idx->Ty.Kind != ScalarKind::Bool)
        fail(ASE->getIdx()->getExprLoc(), "array index is not an integer");
      return mkIndex(Base, Idx, SL);
    }

    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      switch (UO->getOpcode()) {
      case UO_Minus:
        return mkUnary(UnOp::Neg, expr(UO->getSubExpr()),
                       lowerType(E->getType(), L, "this expression"), SL);
      case UO_Plus:
        return expr(UO->getSubExpr());
      case UO_LNot:
        return mkUnary(UnOp::Not, expr(UO->getSubExpr()),
                       Type::scalar(ScalarKind::Bool), SL);
      case UO_Not:
        return mkUnary(UnOp::BitNot, expr(UO->getSubExpr()),
                       lowerType(E->getType(), L, "this expression"), SL);
      case UO_Deref: // *p is p[0]
        return mkIndex(arrayBase(UO->getSubExpr(), "in a dereference"),
                       mkLit(0, Type::integer("int")), SL);
      case UO_PreInc:
      case UO_PreDec:
      case UO_PostInc:
      case UO_PostDec:
        fail(L, "increment or decrement inside an expression is not "
                "supported: write it as a statement of its own");
      case UO_AddrOf:
        fail(L, "taking an address is not supported: tad cannot follow "
                "writes through the pointer it makes");
      default:
        fail(L, std::string("unary operator '") +
                    UnaryOperator::getOpcodeStr(UO->getOpcode()).str() +
                    "' is not supported");
      }
    }

    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->isAssignmentOp())
        fail(L, "assignment inside an expression is not supported: write "
                "it as a statement of its own");
      if (BO->getOpcode() == BO_Comma)
        fail(L, "the comma operator is not supported here");
      static const std::map<BinaryOperatorKind, BinOp> Ops = {
          {BO_Add, BinOp::Add},  {BO_Sub, BinOp::Sub},
          {BO_Mul, BinOp::Mul},  {BO_Div, BinOp::Div},
          {BO_Rem, BinOp::Rem},  {BO_LT, BinOp::Lt},
          {BO_LE, BinOp::Le},    {BO_GT, BinOp::Gt},
          {BO_GE, BinOp::Ge},    {BO_EQ, BinOp::Eq},
          {BO_NE, BinOp::Ne},    {BO_LAnd, BinOp::LAnd},
          {BO_LOr, BinOp::LOr},  {BO_And, BinOp::BitAnd},
          {BO_Or, BinOp::BitOr}, {BO_Xor, BinOp::BitXor},
          {BO_Shl, BinOp::Shl},  {BO_Shr, BinOp::Shr}};
      auto It = Ops.find(BO->getOpcode());
      if (It == Ops.end())
        fail(L, "binary operator '" + BO->getOpcodeStr().str() +
                    "' is not supported");
      ExprP LHS = expr(BO->getLHS()), RHS = expr(BO->getRHS());
      if (LHS->Ty.IsPointer || RHS->Ty.IsPointer)
        fail(L, "pointer arithmetic is not supported: tad cannot follow "
                "the resulting pointer");
      return mkBinary(It->second, LHS, RHS,
                      lowerType(E->getType(), L, "this expression"), SL);
    }

    if (const auto *CO = dyn_cast<ConditionalOperator>(E))
      return mkSelect(expr(CO->getCond()), expr(CO->getTrueExpr()),
                      expr(CO->getFalseExpr()),
                      lowerType(E->getType(), L, "this expression"), SL);

    if (const auto *CE = dyn_cast<CallExpr>(E))
      return call(CE);

    if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E))
      fail(L, "null pointers are not supported");
    fail(L, std::string("this expression (") + E->getStmtClassName() +
                ") is not supported by tad");
  }

  static bool isLibraryFunction(const FunctionDecl *FD,
                                const SourceManager &SM) {
    if (FD->getBuiltinID())
      return true;
    return SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation()));
  }

  ExprP call(const CallExpr *CE) {
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

  //===--------------------------------------------------------------------===//
  // Statements
  //===--------------------------------------------------------------------===//

  VarP declareLocal(const VarDecl *VD) {
    SourceLocation L = VD->getLocation();
    if (VD->isStaticLocal())
      fail(L, "static local variables are not supported: their state would "
              "be shared between the primal and derivative functions");
    auto V = std::make_shared<Var>();
    V->Name = VD->getNameAsString();
    V->Loc = loc(L);
    QualType QT = VD->getType();
    if (const auto *CAT = Ctx.getAsConstantArrayType(QT)) {
      QualType Elt = CAT->getElementType();
      if (Elt->isArrayType())
        fail(L, "multi-dimensional local arrays are not supported yet; use "
                "a one-dimensional array and compute the index");
      V->Dims.push_back(CAT->getSize().getZExtValue());
      V->Ty = lowerType(Elt, L, "array '" + V->Name + "'");
      V->Ty.Const = Elt.isConstQualified();
    } else if (QT->isArrayType()) {
      fail(L, "variable-length arrays are not supported");
    } else if (QT->isPointerType()) {
      fail(L, "local pointer variable '" + V->Name +
                  "' is not supported: tad cannot follow reads and writes "
                  "through it; index the array parameter directly");
    } else {
      V->Ty = lowerType(QT, L, "variable '" + V->Name + "'");
    }
    Vars[VD] = V;
    return V;
  }

  void declStmt(const DeclStmt *DS, StmtList &Out) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD) {
        if (isa<TypedefNameDecl>(D) || isa<StaticAssertDecl>(D))
          continue;
        fail(D->getLocation(), "this declaration is not supported inside a "
                               "function tad differentiates");
      }
      VarP V = declareLocal(VD);
      StmtP S = mkDecl(V, nullptr, loc(VD->getLocation()));
      if (const clang::Expr *Init = VD->getInit()) {
        Init = Init->IgnoreImplicit();
        if (const auto *IL = dyn_cast<InitListExpr>(Init)) {
          if (V->Dims.empty()) {
            if (IL->getNumInits() > 1)
              fail(Init->getExprLoc(), "unsupported initializer");
            if (IL->getNumInits() == 1)
              S->Init = expr(IL->getInit(0));
            else
              S->Init = mkLit(0, V->Ty.unqualified());
          } else {
            S->HasInitList = true;
            for (const clang::Expr *E : IL->inits())
              if (!isa<ImplicitValueInitExpr>(E))
                S->InitList.push_back(expr(E));
          }
        } else if (!V->Dims.empty()) {
          fail(Init->getExprLoc(), "unsupported array initializer");
        } else {
          S->Init = expr(Init);
        }
      }
      Out.push_back(std::move(S));
    }
  }

  ExprP lvalue(const clang::Expr *E) {
    const clang::Expr *X = E->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(X)) {
      VarP V = varFor(DRE->getDecl(), DRE->getLocation());
      if (!V->IsParam && !Vars.count(DRE->getDecl()))
        fail(X->getExprLoc(), "writes to global variables are not supported");
      if (V->Ty.Const && V->Loc.Handle && !V->IsParam && V->Dims.empty() &&
          !isa<ParmVarDecl>(DRE->getDecl()) &&
          cast<VarDecl>(DRE->getDecl())->hasGlobalStorage())
        fail(X->getExprLoc(), "writes to global variables are not supported");
      if (V->Ty.IsPointer)
        fail(X->getExprLoc(), "assigning to a pointer is not supported: tad "
                              "cannot follow the pointer afterwards");
      return mkVar(V, loc(X->getExprLoc()));
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(X))
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(AS->getBase()->IgnoreParenImpCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          if (VD->hasGlobalStorage() && !VD->isLocalVarDecl())
            fail(X->getExprLoc(), "writes to global variables are not "
                                  "supported");
    if (isa<ArraySubscriptExpr>(X) ||
        (isa<UnaryOperator>(X) &&
         cast<UnaryOperator>(X)->getOpcode() == UO_Deref))
      return expr(X);
    fail(X->getExprLoc(), "tad cannot follow this write: only variables and "
                          "subscripts of array variables may be assigned");
  }

  /// An expression evaluated as a statement.
  void exprStmt(const clang::Expr *E, StmtList &Out) {
    E = E->IgnoreParens();
    SrcLoc SL = loc(E->getExprLoc());
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->getOpcode() == BO_Comma) {
        exprStmt(BO->getLHS(), Out);
        exprStmt(BO->getRHS(), Out);
        return;
      }
      if (BO->isAssignmentOp()) {
        ExprP LHS = lvalue(BO->getLHS());
        ExprP RHS = expr(BO->getRHS());
        AssignOp Op = AssignOp::Other;
        switch (BO->getOpcode()) {
        case BO_Assign:
          Op = AssignOp::Set;
          break;
        case BO_AddAssign:
          Op = AssignOp::Add;
          break;
        case BO_SubAssign:
          Op = AssignOp::Sub;
          break;
        case BO_MulAssign:
          Op = AssignOp::Mul;
          break;
        case BO_DivAssign:
          Op = AssignOp::Div;
          break;
        case BO_RemAssign:
          Op = AssignOp::Rem;
          break;
        default:
          break;
        }
        // A compound assignment computes in the common type: x *= 2.5 for
        // an int x is x = x * 2.5 truncated. Keep it as written.
        StmtP S = mkAssign(LHS, Op, RHS, SL);
        if (Op == AssignOp::Other)
          S->OtherOpSpelling = BO->getOpcodeStr().str();
        Out.push_back(std::move(S));
        return;
      }
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->isIncrementDecrementOp()) {
        ExprP LHS = lvalue(UO->getSubExpr());
        Type One = LHS->Ty.unqualified();
        Out.push_back(
            mkAssign(LHS, UO->isIncrementOp() ? AssignOp::Add : AssignOp::Sub,
                     mkLit(1, One), SL));
        return;
      }
    }
    if (isa<CallExpr>(E)) {
      Out.push_back(mkExprStmt(expr(E), SL));
      return;
    }
    if (isa<CXXOperatorCallExpr>(E))
      fail(E->getExprLoc(), "operator calls are not supported by tad");
    // (void)x; marks x as used: nothing to compute.
    if (const auto *C = dyn_cast<CStyleCastExpr>(E))
      if (C->getType()->isVoidType() && !C->getSubExpr()->HasSideEffects(Ctx))
        return;
    fail(E->getExprLoc(), "this expression statement has no effect tad can "
                          "differentiate; remove it");
  }

  StmtList body(const clang::Stmt *S) {
    StmtList Out;
    if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
      for (const clang::Stmt *Child : CS->body())
        stmt(Child, Out);
    } else {
      stmt(S, Out);
    }
    return Out;
  }

  void checkNoConditionVariable(const clang::Stmt *S, const VarDecl *CV) {
    if (CV)
      fail(CV->getLocation(), "declarations in conditions are not supported; "
                              "declare the variable before the statement");
    (void)S;
  }

  ExprP condition(const clang::Expr *C) {
    ExprP E = expr(C);
    return E;
  }

  void stmt(const clang::Stmt *S, StmtList &Out) {
    SourceLocation L = S->getBeginLoc();
    SrcLoc SL = loc(L);
    if (const auto *E = dyn_cast<clang::Expr>(S))
      return exprStmt(E, Out);
    switch (S->getStmtClass()) {
    case clang::Stmt::NullStmtClass:
      return;
    case clang::Stmt::CompoundStmtClass: {
      StmtP B = mkStmt(Stmt::Kind::Block, SL);
      B->Body = body(S);
      Out.push_back(std::move(B));
      return;
    }
    case clang::Stmt::DeclStmtClass:
      return declStmt(cast<DeclStmt>(S), Out);
    case clang::Stmt::IfStmtClass: {
      const auto *IS = cast<IfStmt>(S);
      if (IS->getInit())
        fail(IS->getInit()->getBeginLoc(),
             "if statements with an initializer are not supported");
      if (IS->isConstexpr())
        fail(L, "'if constexpr' is not supported");
      checkNoConditionVariable(S, IS->getConditionVariable());
      StmtP If = mkStmt(Stmt::Kind::If, SL);
      If->Cond = condition(IS->getCond());
      If->Body = body(IS->getThen());
      if (IS->getElse()) {
        If->HasElse = true;
        If->Else = body(IS->getElse());
      }
      Out.push_back(std::move(If));
      return;
    }
    case clang::Stmt::ForStmtClass: {
      const auto *FS = cast<ForStmt>(S);
      checkNoConditionVariable(S, FS->getConditionVariable());
      StmtP For = mkStmt(Stmt::Kind::For, SL);
      if (FS->getInit())
        stmt(FS->getInit(), For->ForInit);
      if (FS->getCond())
        For->Cond = condition(FS->getCond());
      if (FS->getInc())
        exprStmt(FS->getInc(), For->ForInc);
      ++LoopDepth;
      For->Body = body(FS->getBody());
      --LoopDepth;
      Out.push_back(std::move(For));
      return;
    }
    case clang::Stmt::WhileStmtClass: {
      const auto *WS = cast<WhileStmt>(S);
      checkNoConditionVariable(S, WS->getConditionVariable());
      StmtP W = mkStmt(Stmt::Kind::While, SL);
      W->Cond = condition(WS->getCond());
      ++LoopDepth;
      W->Body = body(WS->getBody());
      --LoopDepth;
      Out.push_back(std::move(W));
      return;
    }
    case clang::Stmt::DoStmtClass: {
      const auto *DS = cast<DoStmt>(S);
      StmtP D = mkStmt(Stmt::Kind::DoWhile, SL);
      ++LoopDepth;
      D->Body = body(DS->getBody());
      --LoopDepth;
      D->Cond = condition(DS->getCond());
      Out.push_back(std::move(D));
      return;
    }
    case clang::Stmt::BreakStmtClass:
      if (!LoopDepth)
        fail(L, "'break' outside a loop is not supported");
      Out.push_back(mkStmt(Stmt::Kind::Break, SL));
      return;
    case clang::Stmt::ContinueStmtClass:
      Out.push_back(mkStmt(Stmt::Kind::Continue, SL));
      return;
    case clang::Stmt::ReturnStmtClass: {
      const auto *RS = cast<ReturnStmt>(S);
      Out.push_back(
          mkReturn(RS->getRetValue() ? expr(RS->getRetValue()) : nullptr, SL));
      return;
    }
    case clang::Stmt::GotoStmtClass:
    case clang::Stmt::IndirectGotoStmtClass:
      fail(L, "'goto' is not supported: tad differentiates structured "
              "control flow only (use loops, break and continue)");
    case clang::Stmt::LabelStmtClass:
      fail(L, "labels are not supported: tad differentiates structured "
              "control flow only");
    case clang::Stmt::SwitchStmtClass:
      fail(L, "'switch' is not supported yet; write it as if/else");
    case clang::Stmt::CXXTryStmtClass:
      fail(L, "exceptions are not supported in differentiated code");
    case clang::Stmt::CXXForRangeStmtClass:
      fail(L, "range-based for loops are not supported; use an indexed loop");
    case clang::Stmt::GCCAsmStmtClass:
    case clang::Stmt::MSAsmStmtClass:
      fail(L, "inline assembly cannot be differentiated");
    default:
      fail(L, std::string("statement '") + S->getStmtClassName() +
                  "' is not supported by tad");
    }
  }

public:
  /// The tad annotations on FD.
  std::vector<Annotation> annotations(const FunctionDecl *FD) {
    std::vector<Annotation> Out;
    for (const auto *A : FD->specific_attrs<AnnotateAttr>()) {
      StringRef Name = A->getAnnotation();
      if (!Name.starts_with("tad::"))
        continue;
      Annotation Ann;
      Ann.Kind = Name.drop_front(5).str();
      Ann.Loc = loc(A->getLocation());
      for (const clang::Expr *Arg : A->args()) {
        const clang::Expr *X = Arg->IgnoreParenImpCasts();
        if (const auto *SL = dyn_cast<StringLiteral>(X)) {
          // "z, w" (from the TAD_LINEAR(z, w) macro) names two parameters.
          StringRef Rest = SL->getString();
          while (!Rest.empty()) {
            auto [Item, Tail] = Rest.split(',');
            if (!Item.trim().empty())
              Ann.Args.push_back(Item.trim().str());
            Rest = Tail;
          }
        } else if (const auto *DRE = dyn_cast<DeclRefExpr>(X)) {
          Ann.Args.push_back(DRE->getDecl()->getNameAsString());
        } else {
          fail(Arg->getExprLoc(), "tad annotation arguments are names: "
                                  "write a parameter or function name");
        }
      }
      Out.push_back(std::move(Ann));
    }
    return Out;
  }

  Lowerer(ASTContext &Ctx, ClangDiagSink &Diags)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Diags(Diags) {}

  FunctionP run(const FunctionDecl *FD, bool WithBody = true) {
    auto F = std::make_unique<Function>();
    F->Name = FD->getNameAsString();
    for (const DeclContext *DC = FD->getDeclContext(); DC;
         DC = DC->getParent()) {
      if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
        if (NS->isAnonymousNamespace())
          fail(FD->getLocation(), "functions in anonymous namespaces are not "
                                  "supported yet; make the function static");
        F->Namespace = NS->getNameAsString() +
                       (F->Namespace.empty() ? "" : "::" + F->Namespace);
      } else if (!isa<TranslationUnitDecl>(DC) && !isa<LinkageSpecDecl>(DC)) {
        break;
      }
    }
    F->Loc = loc(FD->getLocation());
    F->File = SM.getFilename(SM.getExpansionLoc(FD->getLocation())).str();
    if (size_t Slash = F->File.rfind('/'); Slash != std::string::npos)
      F->File = F->File.substr(Slash + 1);
    F->Key = ClangFunctionSource::keyOf(FD);
    if (isa<CXXMethodDecl>(FD))
      fail(FD->getLocation(), "member functions are not supported yet; "
                              "differentiate a free function");
    if (FD->isTemplated() || FD->isTemplateInstantiation())
      fail(FD->getLocation(), "function templates are not supported yet");
    if (FD->getStorageClass() == SC_Static)
      F->Qualifiers |= QStatic;
    if (FD->isInlineSpecified())
      F->Qualifiers |= QInline;
    if (FD->isConstexprSpecified())
      F->Qualifiers |= QConstexpr;
    if (FD->hasAttr<CUDAGlobalAttr>())
      F->Qualifiers |= QGlobal;
    if (FD->hasAttr<CUDAHostAttr>())
      F->Qualifiers |= QHost;
    if (FD->hasAttr<CUDADeviceAttr>())
      F->Qualifiers |= QDevice;
    F->Annotations = annotations(FD);
    F->RetTy = lowerType(FD->getReturnType(), FD->getLocation(),
                         "the return value of '" + F->Name + "'");
    if (F->RetTy.IsPointer)
      fail(FD->getLocation(), "functions returning pointers are not "
                              "supported: tad cannot follow the pointer");
    F->RetTy.Const = false;
    unsigned Index = 0;
    for (const ParmVarDecl *P : FD->parameters()) {
      auto V = std::make_shared<Var>();
      V->Name = P->getNameAsString();
      if (V->Name.empty())
        V->Name = "_p" + std::to_string(Index);
      V->IsParam = true;
      V->Loc = loc(P->getLocation());
      V->Ty = lowerType(P->getType(), P->getLocation(),
                        "parameter '" + V->Name + "'");
      Vars[P] = V;
      F->Params.push_back(V);
      ++Index;
    }
    if (FD->isVariadic())
      fail(FD->getLocation(), "variadic functions are not supported");
    F->HasBody = FD->hasBody();
    if (F->HasBody && WithBody)
      F->Body = body(FD->getBody());
    return F;
  }
};

} // namespace

std::vector<Annotation>
ClangFunctionSource::annotations(const FunctionDecl *FD) {
  try {
    return Lowerer(Ctx, Diags).annotations(FD);
  } catch (const LoweringError &) {
    return {};
  }
}

const Function *ClangFunctionSource::lower(const void *Key) {
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second.get();
  const auto *Canon = static_cast<const FunctionDecl *>(Key);
  const FunctionDecl *Def = nullptr;
  Canon->hasBody(Def);
  FunctionP &Slot = Cache[Key];
  // A function with a registered rule may have no body (an external
  // solver, a custom VJP's linear part): its signature is enough.
  bool HasRule = false;
  if (!Def)
    for (const Annotation &A : annotations(Canon->getMostRecentDecl()))
      HasRule |= A.Kind == "custom_transpose" || A.Kind == "custom_jvp";
  if (!Def && HasRule)
    Def = Canon->getMostRecentDecl();
  if (!Def) {
    Diags.errorAt(Canon->getLocation(),
                  "cannot differentiate '" + Canon->getNameAsString() +
                      "': no definition is visible and no derivative rule "
                      "is registered");
    return nullptr;
  }
  try {
    Slot = Lowerer(Ctx, Diags).run(Def);
  } catch (const LoweringError &) {
    Slot.reset();
  }
  return Slot.get();
}

FunctionP ClangFunctionSource::lowerSignature(const FunctionDecl *FD) {
  try {
    return Lowerer(Ctx, Diags).run(FD, /*WithBody=*/false);
  } catch (const LoweringError &) {
    return nullptr;
  }
}

const void *ClangFunctionSource::resolve(const void *Key,
                                         const std::string &Name) {
  const auto *FD = static_cast<const FunctionDecl *>(Key);
  DeclarationName DN(&Ctx.Idents.get(Name));
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent())
    for (const NamedDecl *D : DC->lookup(DN))
      if (const auto *G = dyn_cast<FunctionDecl>(D->getUnderlyingDecl()))
        return keyOf(G);
  return nullptr;
}

} // namespace tad
