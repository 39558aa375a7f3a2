//===- Frontend/Attributes.cpp - registers tad's attributes with Clang ----===//
//
// [[tad::jvp]] and the other annotations parse as attributes in the `tad`
// namespace. Each is checked to appertain to a function and is stored on the
// declaration as an AnnotateAttr "tad::<kind>" with the attribute's
// arguments, which the frontend reads back.
//
//===----------------------------------------------------------------------===//
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/ParsedAttrInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"
#include <cctype>

using namespace clang;

namespace {

struct TadAttrInfo : public ParsedAttrInfo {
  static constexpr Spelling Spellings_[] = {
      {ParsedAttr::AS_CXX11, "tad::jvp"},
      {ParsedAttr::AS_CXX11, "tad::vjp"},
      {ParsedAttr::AS_CXX11, "tad::linear"},
      {ParsedAttr::AS_CXX11, "tad::custom_transpose"},
      {ParsedAttr::AS_CXX11, "tad::custom_jvp"},
      {ParsedAttr::AS_CXX11, "tad::ijvp"},
      {ParsedAttr::AS_CXX11, "tad::ivjp"},
      {ParsedAttr::AS_CXX11, "tad::logdet"},
      {ParsedAttr::AS_CXX11, "tad::inverse"},
      {ParsedAttr::AS_CXX11, "tad::dense"},
  };

  TadAttrInfo() {
    OptArgs = 15;
    Spellings = Spellings_;
  }

  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr,
                            const Decl *D) const override {
    if (isa<FunctionDecl>(D))
      return true;
    S.Diag(Attr.getLoc(), diag::warn_attribute_wrong_decl_type_str)
        << Attr << Attr.isRegularKeywordAttribute() << "functions";
    return false;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D,
                                   const ParsedAttr &Attr) const override {
    // Clang 19 does not hand a plugin's C++11 attribute its arguments: the
    // parser skips them. Attributes with arguments therefore travel as
    // [[clang::annotate("tad::linear", "z, w")]] (what the TAD_LINEAR macro
    // writes); refuse the direct spelling with arguments rather than drop
    // them silently.
    const SourceManager &SM = S.getSourceManager();
    // Scan the spelling "tad::linear" and look for a '(' after it.
    const char *P = Attr.getLoc().isValid() && !Attr.getLoc().isMacroID()
                        ? SM.getCharacterData(Attr.getLoc())
                        : nullptr;
    while (P && (std::isalnum(static_cast<unsigned char>(*P)) || *P == '_' ||
                 *P == ':' || *P == ' ' || *P == '\t' || *P == '\n'))
      ++P;
    if (P && *P == '(') {
      S.Diag(Attr.getLoc(),
             S.getDiagnostics().getCustomDiagID(
                 DiagnosticsEngine::Error,
                 "write the arguments of '%0' with tad's macro (e.g. "
                 "TAD_LINEAR(z)) or as [[clang::annotate(\"%0\", \"z\")]]: "
                 "clang does not pass arguments of [[%0(...)]] to tad"))
          << Attr.getNormalizedFullName();
      return AttributeNotApplied;
    }
    SmallVector<Expr *, 4> Args;
    for (unsigned I = 0; I < Attr.getNumArgs(); ++I) {
      if (Attr.isArgIdent(I)) {
        IdentifierLoc *IL = Attr.getArgAsIdent(I);
        Args.push_back(StringLiteral::Create(
            S.Context, IL->Ident->getName(), StringLiteralKind::Ordinary, false,
            S.Context.getStringLiteralArrayType(S.Context.CharTy,
                                                IL->Ident->getLength()),
            IL->Loc));
        continue;
      }
      Args.push_back(Attr.getArgAsExpr(I));
    }
    std::string Name = Attr.getNormalizedFullName();
    D->addAttr(AnnotateAttr::Create(S.Context, Name, Args.data(), Args.size(),
                                    Attr.getRange()));
    return AttributeApplied;
  }
};

} // namespace

static ParsedAttrInfoRegistry::Add<TadAttrInfo>
    TadAttrs("tad", "tad's differentiation annotations");

// Referenced by the tool so that the linker keeps this file's registration.
namespace tad {
void linkAttributes() {}
} // namespace tad
