//===- Frontend/Diagnostics.cpp - tad's messages as Clang's ---------------===//
#include "Frontend/Frontend.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"

using namespace clang;

namespace tad {

void ClangDiagSink::errorAt(SourceLocation Loc, const std::string &Msg) {
  ++Errors;
  if (Muted)
    return;
  Repeated = !Reported.insert({Loc.getRawEncoding(), Msg}).second;
  if (Repeated)
    return;
  Noted.clear();
  D.Report(Loc, D.getCustomDiagID(DiagnosticsEngine::Error, "%0")) << Msg;
}
void ClangDiagSink::noteAt(SourceLocation Loc, const std::string &Msg) {
  if (Muted || Repeated || !Noted.insert({Loc.getRawEncoding(), Msg}).second)
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
  Repeated = false;
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

} // namespace tad
