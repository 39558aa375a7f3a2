//===- Frontend/Lower/Types.cpp - types, variables, literals --------------===//
//
// Scalar and pointer types, the variables of parameters, locals and globals,
// and literals.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace tad {

std::optional<Type> Lowerer::scalarType(QualType QT) {
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
  case BuiltinType::LongDouble:
    T.Kind = ScalarKind::LongDouble;
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
    // A class's member typedef (std::vector<double>::size_type, printed
    // `size_type`) is spelled by what it names: the generated code is not
    // in the class's scope.
    QualType U = QT.getUnqualifiedType();
    while (const auto *TT = U->getAs<TypedefType>()) {
      if (!TT->getDecl()->getDeclContext()->isRecord())
        break;
      U = TT->getDecl()->getUnderlyingType().getUnqualifiedType();
    }
    T.IntSpelling = U.getAsString(PP);
    break;
  }
  T.Const = QT.isConstQualified();
  return T;
}

/// Scalars, and pointers to scalars; What names the thing for messages.
Type Lowerer::lowerType(QualType QT, SourceLocation L,
                        const std::string &What) {
  if (QT->isReferenceType())
    fail(L, What + " has reference type '" + QT.getAsString() +
                "'; tad supports scalars and pointers to scalars (pass "
                "arrays and outputs by pointer)");
  if (const auto *PT = QT->getAs<PointerType>()) {
    QualType Pointee = PT->getPointeeType();
    std::optional<Type> T = scalarType(Pointee);
    if (auto R = recordOf(Pointee, L, What)) {
      T = Type::scalar(ScalarKind::Record);
      T->Rec = R;
    }
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
  if (auto R = recordOf(QT, L, What)) {
    T = Type::scalar(ScalarKind::Record);
    T->Rec = R;
    T->Const = QT.isConstQualified();
  }
  if (!T)
    fail(L, What + " has type '" + QT.getAsString() +
                "', which tad cannot differentiate through");
  return *T;
}

VarP Lowerer::varFor(const ValueDecl *D, SourceLocation L) {
  auto It = Vars.find(D);
  if (It != Vars.end())
    return It->second;
  const auto *VD = dyn_cast<VarDecl>(D);
  if (VD && VD->hasGlobalStorage() && !VD->isLocalVarDecl()) {
    // A global read by the function: a constant of the derivative.
    auto V = std::make_shared<Var>();
    V->Name = VD->getQualifiedNameAsString();
    if (Ctx.getBaseElementType(VD->getType())->isRecordType())
      fail(L, "global struct '" + V->Name +
                  "' is not supported yet: pass it as a parameter");
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
  fail(L, "reference to '" + D->getNameAsString() + "' is not supported here");
}

ExprP Lowerer::literal(const clang::Expr *E, double Value, QualType QT) {
  Type T = lowerType(QT, E->getExprLoc(), "this literal");
  return mkLit(Value, T, loc(E->getExprLoc()), sourceText(E->getSourceRange()));
}

/// A `__shared__` local: a fixed-size array of floating or integer
/// elements declared in the outermost block of a __global__ function, so
/// that its declaration runs once per thread at the top level of the
/// kernel, where the VJP's reverse sweep zeroes its cotangent with the
/// whole block.
void Lowerer::checkSharedLocal(const VarDecl *VD) {
  SourceLocation L = VD->getLocation();
  std::string Name = VD->getNameAsString();
  if (VD->hasExternalStorage())
    fail(L, "extern __shared__ array '" + Name +
                "' is not supported: its size is set at launch, and tad needs "
                "the size of its tangent and cotangent arrays; give it a "
                "fixed size");
  if (!CurFD || !CurFD->hasAttr<CUDAGlobalAttr>())
    fail(L, "__shared__ array '" + Name +
                "' is supported in a __global__ function only (a __device__ "
                "function's shared memory would be its callers' too); declare "
                "it in the kernel and pass it down");
  QualType QT = VD->getType();
  const auto *CAT = Ctx.getAsConstantArrayType(QT);
  if (!CAT)
    fail(L, "__shared__ variable '" + Name +
                "' is not supported: tad supports __shared__ arrays of fixed "
                "size; declare a one-element array");
  if (Ctx.getBaseElementType(QT)->isRecordType())
    fail(L, "__shared__ array '" + Name +
                "' of structs is not supported yet; use an array per field");
  bool Top = false;
  for (const DynTypedNode &P : Ctx.getParents(*VD))
    if (const auto *DS = P.get<DeclStmt>())
      for (const DynTypedNode &Q : Ctx.getParents(*DS))
        if (Q.get<clang::Stmt>() == CurFD->getBody())
          Top = true;
  if (!Top)
    fail(L, "__shared__ array '" + Name +
                "' must be declared in the outermost block of the kernel, "
                "not inside a loop, a branch or a nested block: the reverse "
                "sweep zeroes its cotangent once, with every thread of the "
                "block");
}

VarP Lowerer::declareLocal(const VarDecl *VD) {
  SourceLocation L = VD->getLocation();
  bool Shared = VD->hasAttr<CUDASharedAttr>();
  if (Shared)
    checkSharedLocal(VD);
  // A static const table with a constant initializer holds no state: it
  // is lowered as a constant local.
  if (!Shared && VD->isStaticLocal() &&
      !(Ctx.getBaseElementType(VD->getType()).isConstQualified() &&
        VD->getInit() && VD->getInit()->isConstantInitializer(Ctx, false)))
    fail(L, "static local variables are not supported: their state would "
            "be shared between the primal and derivative functions");
  auto V = std::make_shared<Var>();
  V->Name = VD->getNameAsString();
  V->Loc = loc(L);
  QualType QT = VD->getType();
  if (const auto *CAT = Ctx.getAsConstantArrayType(QT)) {
    QualType Elt = CAT->getElementType();
    // double a[3][4] is lowered as double a[12], indexed row-major.
    std::vector<std::uint64_t> Shape{CAT->getSize().getZExtValue()};
    while (const auto *Inner = Ctx.getAsConstantArrayType(Elt)) {
      Shape.push_back(Inner->getSize().getZExtValue());
      Elt = Inner->getElementType();
    }
    if (Elt->isArrayType())
      fail(L, "variable-length arrays are not supported");
    std::uint64_t N = 1;
    for (std::uint64_t D : Shape)
      N *= D;
    V->Dims.push_back(N);
    if (Shape.size() > 1)
      Shapes[V.get()] = Shape;
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
  if (V->Ty.isRecord())
    V->Ty.Const = false; // set field by field
  V->Shared = Shared;
  declareFields(V, L);
  Vars[VD] = V;
  return V;
}
} // namespace tad
