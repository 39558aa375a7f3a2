//===- Frontend/Lower/Function.cpp - one function -------------------------===//
//
// A function's signature, annotations and body, and ClangFunctionSource,
// which lowers functions on demand for the generator.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"

#include "clang/AST/DeclCXX.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TemplateBase.h"

#include <cctype>

using namespace clang;

namespace tad {

/// The tad annotations on FD; an instantiation of a function template has
/// those of its template.
std::vector<Annotation> Lowerer::annotations(const FunctionDecl *FD) {
  std::vector<Annotation> Out;
  if (FD->isTemplateInstantiation() && FD->getPrimaryTemplate())
    if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
      if (!Pattern->specific_attrs<AnnotateAttr>().empty())
        FD = Pattern;
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

namespace {
/// One template argument as part of an identifier: `double`, `3`, `m1`
/// (-1), `unsigned_int`, `Vec_double_3`, `double_ptr`.
void appendArgument(std::string &Out, const TemplateArgument &Arg,
                    const PrintingPolicy &PP) {
  if (Arg.getKind() == TemplateArgument::Pack) {
    for (const TemplateArgument &Elt : Arg.pack_elements())
      appendArgument(Out, Elt, PP);
    return;
  }
  std::string Text;
  if (Arg.getKind() == TemplateArgument::Integral) {
    llvm::APSInt V = Arg.getAsIntegral();
    if (Arg.getIntegralType()->isBooleanType())
      Text = V.getBoolValue() ? "true" : "false";
    else {
      llvm::SmallString<24> Digits;
      llvm::APSInt(V.abs(), /*isUnsigned=*/true).toString(Digits, 10);
      Text = (V.isNegative() ? "m" : "") + std::string(Digits);
    }
  } else if (Arg.getKind() == TemplateArgument::Type) {
    Text = Arg.getAsType().getAsString(PP);
  } else {
    llvm::raw_string_ostream OS(Text);
    Arg.print(PP, OS, /*IncludeType=*/false);
  }
  std::string Id;
  for (char C : Text) {
    if (std::isalnum(static_cast<unsigned char>(C)) || C == '_') {
      Id += C;
      continue;
    }
    std::string Word = C == '*' ? "ptr" : C == '&' ? "ref" : "";
    if (!Id.empty() && Id.back() != '_')
      Id += '_';
    if (!Word.empty())
      Id += Word + "_";
  }
  while (!Id.empty() && Id.back() == '_')
    Id.pop_back();
  Out += "_" + Id;
}
} // namespace

std::string instantiationName(const FunctionDecl *FD) {
  std::string Name = FD->getNameAsString();
  const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs();
  if (!Args)
    return Name;
  PrintingPolicy PP(FD->getASTContext().getLangOpts());
  PP.SuppressTagKeyword = true;
  PP.SuppressScope = true;
  for (const TemplateArgument &Arg : Args->asArray())
    appendArgument(Name, Arg, PP);
  return Name;
}

std::string templateCallName(const FunctionDecl *FD) {
  PrintingPolicy PP(FD->getASTContext().getLangOpts());
  PP.SuppressTagKeyword = true;
  PP.FullyQualifiedName = true;
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  FD->getNameForDiagnostic(OS, PP, /*Qualified=*/true);
  return Name;
}

FunctionP Lowerer::run(const FunctionDecl *FD, bool WithBody) {
  auto F = std::make_unique<Function>();
  CurFD = FD;
  // An instantiation of a function template is named after its template
  // arguments: sq<double> is 'sq_double' (its JVP 'sq_double_jvp').
  F->Name = instantiationName(FD);
  if (FD->getTemplateSpecializationArgs())
    F->CallName = templateCallName(FD);
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isAnonymousNamespace())
        fail(FD->getLocation(), "functions in anonymous namespaces are not "
                                "supported yet; make the function static");
      F->Namespace = NS->getNameAsString() +
                     (F->Namespace.empty() ? "" : "::" + F->Namespace);
    } else if (isa<CXXRecordDecl>(DC) && isa<CXXMethodDecl>(FD)) {
      continue; // a member's derivatives are free functions beside its class
    } else if (!isa<TranslationUnitDecl>(DC) && !isa<LinkageSpecDecl>(DC)) {
      break;
    }
  }
  F->Loc = loc(FD->getLocation());
  F->File = SM.getFilename(SM.getExpansionLoc(FD->getLocation())).str();
  if (size_t Slash = F->File.rfind('/'); Slash != std::string::npos)
    F->File = F->File.substr(Slash + 1);
  F->Key = ClangFunctionSource::keyOf(FD);
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (isa_and_nonnull<CXXConstructorDecl>(MD) ||
      isa_and_nonnull<CXXDestructorDecl>(MD))
    fail(FD->getLocation(), "constructors and destructors are not supported "
                            "yet");
  // A function of a dependent context (a friend defined in a class
  // template): it has no instantiation of its own to differentiate.
  if (FD->isTemplated())
    fail(FD->getLocation(),
         "'" + F->Name +
             "' is defined inside a template and depends on its parameters: "
             "tad differentiates functions and the instantiations of "
             "function templates; define it outside the template");
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
  QualType RT = FD->getReturnType();
  // `S &operator+=(...) { ...; return *this; }`: returns nothing.
  ReturnsThis =
      MD && MD->isInstance() && RT->isLValueReferenceType() &&
      RT.getNonReferenceType()->getAsCXXRecordDecl() &&
      RT.getNonReferenceType()->getAsCXXRecordDecl()->getCanonicalDecl() ==
          MD->getParent()->getCanonicalDecl();
  F->RetTy = ReturnsThis ? Type::scalar(ScalarKind::Void)
                         : lowerType(RT, FD->getLocation(),
                                     "the return value of '" + F->Name + "'");
  if (F->RetTy.IsPointer)
    fail(FD->getLocation(), "functions returning pointers are not "
                            "supported: tad cannot follow the pointer");
  // A struct result has a tangent (`S *d_return`) and a cotangent (`S
  // ct_return`) in forward and reverse mode; the other modes' conventions
  // for one are not settled.
  if (F->RetTy.isRecord())
    for (const Annotation &A : F->Annotations)
      if (A.Kind != "jvp" && A.Kind != "vjp")
        fail(FD->getLocation(),
             "'tad::" + A.Kind +
                 "' of a function returning a struct is not supported yet "
                 "(tad::jvp and tad::vjp are); return through a pointer or "
                 "reference parameter");
  F->RetTy.Const = false;
  noViewCopy(F->RetTy, FD->getLocation(), "returning a struct");
  if (MD && MD->isInstance() && !MD->getParent()->isLambda()) {
    // The object: `this`, a reference to it (const for a const member).
    // Named `self` in an annotated member's derivatives (free functions
    // taking the object first); `this` where it is only inlined.
    auto Self = std::make_shared<Var>();
    Self->Name = "this";
    if (!F->Annotations.empty()) {
      Self->Name = "self";
      for (unsigned K = 0; K < 100; ++K) {
        bool Taken = false;
        for (const ParmVarDecl *P : FD->parameters())
          Taken |= P->getName() == Self->Name;
        if (!Taken)
          break;
        Self->Name = "self_" + std::to_string(K + 1);
      }
    }
    Self->IsParam = true;
    Self->Loc = F->Loc;
    Self->Ty = lowerType(Ctx.getRecordType(MD->getParent()), FD->getLocation(),
                         "the object of '" + F->Name + "'");
    if (MD->isConst()) {
      Self->Ty.Const = Self->Ty.ConstRef = true;
    } else {
      Self->Ty.IsPointer = Self->Ty.Reference = true;
    }
    declareFields(Self, FD->getLocation());
    F->Params.push_back(Self);
    ThisPlace = MD->isConst() ? mkVar(Self, F->Loc)
                              : mkIndex(mkVar(Self, F->Loc),
                                        mkLit(0, Type::integer("int")), F->Loc);
  }
  unsigned Index = 0;
  for (const ParmVarDecl *P : FD->parameters()) {
    auto V = std::make_shared<Var>();
    V->Name = P->getNameAsString();
    if (V->Name.empty())
      V->Name = "_p" + std::to_string(Index);
    V->IsParam = true;
    V->Loc = loc(P->getLocation());
    std::string What = "parameter '" + V->Name + "'";
    if (std::optional<Type> C =
            containerParamType(P->getType(), P->getLocation(), What))
      V->Ty = *C;
    else if (std::optional<Type> R =
                 referenceParamType(P->getType(), P->getLocation(), What))
      V->Ty = *R;
    else
      V->Ty = lowerType(P->getType(), P->getLocation(), What);
    declareFields(V, P->getLocation());
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

const void *ClangFunctionSource::keyOf(const FunctionDecl *FD) {
  return FD->getCanonicalDecl();
}

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
  // An instantiation Sema has not instantiated: its template has no
  // definition (or an explicit instantiation declaration, `extern
  // template`, promises one elsewhere).
  if (!Def && Canon->isTemplateInstantiation()) {
    Diags.errorAt(Canon->getLocation(),
                  "cannot differentiate '" + templateCallName(Canon) +
                      "': this file does not instantiate its body (the "
                      "template is only declared here, or an 'extern "
                      "template' declaration says it is instantiated "
                      "elsewhere)");
    return nullptr;
  }
  if (!Def) {
    Diags.errorAt(Canon->getLocation(),
                  "cannot differentiate '" + Canon->getNameAsString() +
                      "': no definition is visible and no derivative rule "
                      "is registered");
    return nullptr;
  }
  try {
    Lowerer L(Ctx, Diags);
    L.Source = this;
    Slot = L.run(Def);
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
